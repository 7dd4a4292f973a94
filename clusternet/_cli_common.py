"""What the ``clusternet`` commands share: one-line user errors, table printing, common options."""

from __future__ import annotations

import sys

import click
import pandas as pd


class UserError(click.ClickException):
    """A mistake in the command line or its inputs: one line on stderr, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"clusternet: error: {self.format_message()}", err=True)


def _user_errors(func):
    """Turn the package's input errors into one-line messages with exit status 2."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (ValueError, TypeError, FileNotFoundError, KeyError, ImportError, OSError) as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise UserError(message) from None

    return wrapper


def _echo_table(title: str, table: pd.DataFrame) -> None:
    click.echo(f"\n{title}")
    click.echo(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))


class _OneLineErrors(click.Group):
    """A click group whose usage errors are one line on stderr (exit status 2), never a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            click.echo(f"clusternet: error: {exc.format_message()}", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("clusternet: aborted", err=True)
            sys.exit(1)
        if standalone_mode:
            sys.exit(rv if isinstance(rv, int) else 0)
        return rv


_out_folder_option = click.option(
    "--out", type=click.Path(file_okay=False), default="clusternet-output", show_default=True
)
_format_option = click.option(
    "--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True
)
