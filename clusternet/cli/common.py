"""What the ``clusternet`` commands share.

One-line user errors, table printing, common options, ``--set`` parsing and the
input loader.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click
import numpy as np
import pandas as pd

from clusternet._validate import show

#: The built-in default cluster of ``clusternet demo`` and the commands' default seed.
DEFAULT_FIRMS = 5000
DEFAULT_PRESET = "liushi"
DEFAULT_SEED = 2026

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """A mistake in the command line or its inputs: one line on stderr, exit status 2.

    Examples
    --------
    >>> from click.testing import CliRunner
    >>> import click
    >>> from clusternet.cli.common import UserError
    >>> @click.command()
    ... def cmd():
    ...     raise UserError("no column 'weight' in edges.csv")
    >>> result = CliRunner().invoke(cmd)
    >>> result.exit_code
    2
    """

    exit_code = 2

    def show(self, file: Any = None) -> None:
        """Print the one-line message on stderr.

        Parameters
        ----------
        file : optional
            Ignored (click's signature): the message always goes to stderr.

        Examples
        --------
        >>> import contextlib, io
        >>> from clusternet.cli.common import UserError
        >>> err = io.StringIO()
        >>> with contextlib.redirect_stderr(err):
        ...     UserError("no column 'weight' in edges.csv").show()
        >>> print(err.getvalue().strip())
        clusternet: error: no column 'weight' in edges.csv
        """
        click.echo(f"clusternet: error: {self.format_message()}", err=True)


def user_errors(func: F) -> F:
    """Turn the package's input errors into one-line messages with exit status 2.

    Parameters
    ----------
    func : callable
        A click command's callback.

    Returns
    -------
    callable
        The wrapped callback: a ValueError, TypeError, KeyError, ImportError or OSError
        becomes a :class:`UserError` with its message.

    Examples
    --------
    >>> from clusternet.cli.common import UserError, user_errors
    >>> @user_errors
    ... def parse(text):
    ...     return int(text)
    >>> try:
    ...     parse("ten")
    ... except UserError as exc:
    ...     print(exc.format_message())
    invalid literal for int() with base 10: 'ten'
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ValueError, TypeError, FileNotFoundError, KeyError, ImportError, OSError) as exc:
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise UserError(message) from None

    return wrapper  # type: ignore[return-value]


def echo_table(title: str, table: pd.DataFrame) -> None:
    """Print a titled table with four significant digits.

    Parameters
    ----------
    title : str
        Printed above the table, after a blank line.
    table : DataFrame
        The table (printed without its index).

    Examples
    --------
    >>> import pandas as pd
    >>> from clusternet.cli.common import echo_table
    >>> echo_table("Top actors", pd.DataFrame({"id": ["a", "b"], "pagerank": [0.123456, 0.0312]}))
    <BLANKLINE>
    Top actors
    id  pagerank
     a    0.1235
     b    0.0312
    """
    click.echo(f"\n{title}")
    click.echo(table.to_string(index=False, float_format=lambda v: f"{v:.4g}"))


class OneLineErrors(click.Group):
    """A click group whose usage errors are one line on stderr (exit status 2), never a traceback.

    Examples
    --------
    >>> import click
    >>> from click.testing import CliRunner
    >>> from clusternet.cli.common import OneLineErrors
    >>> @click.group(cls=OneLineErrors)
    ... def group():
    ...     pass
    >>> @group.command()
    ... @click.option("--n", type=int)
    ... def run(n):
    ...     click.echo(n)
    >>> result = CliRunner().invoke(group, ["run", "--n", "x"])
    >>> result.exit_code, result.output.startswith("clusternet: error:")
    (2, True)
    """

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the group; errors become one line on stderr and an exit status.

        Parameters
        ----------
        args : list of str, optional
            The command line (default ``sys.argv[1:]``).
        prog_name : str, optional
            The program name in messages.
        complete_var : str, optional
            Environment variable of shell completion.
        standalone_mode : bool, default True
            Exit with the status (True) or return the command's value (False).
        **extra
            Passed on to the context, as in :meth:`click.Group.main`.

        Returns
        -------
        object
            The command's return value (only when ``standalone_mode`` is False; otherwise
            the process exits: status 0, 2 for a usage or input error, 1 when aborted).

        Examples
        --------
        >>> import click
        >>> from clusternet.cli.common import OneLineErrors
        >>> @click.group(cls=OneLineErrors)
        ... def group():
        ...     pass
        >>> @group.command()
        ... def hello():
        ...     click.echo("hello")
        >>> try:
        ...     group.main(["hello"], prog_name="demo")
        ... except SystemExit as exc:
        ...     print("exit status", exc.code)
        hello
        exit status 0
        """
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


out_folder_option = click.option(
    "--out", type=click.Path(file_okay=False), default="clusternet-output", show_default=True
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True
)


def nan_to_none(value: float | None) -> float | None:
    """A float for JSON: ``None`` for missing or non-finite values.

    Parameters
    ----------
    value : float or None
        A number.

    Returns
    -------
    float or None

    Examples
    --------
    >>> from clusternet.cli.common import nan_to_none
    >>> nan_to_none(0.5), nan_to_none(float("nan")), nan_to_none(None)
    (0.5, None, None)
    """
    return None if value is None or not np.isfinite(value) else float(value)


def parse_settings(
    settings: tuple[str, ...], parameters: Mapping[str, Any], option: str = "--set"
) -> dict[str, Any]:
    """``--set key=value`` pairs, each value read as a TOML scalar or a comma-separated list.

    ``parameters`` maps each known name to its declaration (an object with a ``kind``:
    ``int``, ``float``, ``tuple``, ...). A value the parameter cannot take as a
    number is reported with the parameter's name before any work starts; unknown
    names are left for the generator or model to reject with the list of known ones.

    Parameters
    ----------
    settings : tuple of str
        The ``key=value`` strings of repeated ``--set`` options.
    parameters : dict of str to declaration
        The known parameters.
    option : str
        The option the pairs came from, named in the error messages.

    Returns
    -------
    dict of str to object
        Value per key: an int, float, bool, string or tuple of numbers.

    Examples
    --------
    >>> from clusternet.cli.common import parse_settings
    >>> from clusternet.generate import PARAMETERS
    >>> parse_settings(("social_degree=4", "stage_shares=0.25,0.3,0.3,0.15", "preset=datang"), PARAMETERS)
    {'social_degree': 4, 'stage_shares': (0.25, 0.3, 0.3, 0.15), 'preset': 'datang'}
    """
    import tomllib

    params: dict[str, Any] = {}
    for item in settings:
        if "=" not in item:
            raise UserError(f"{option} expects key=value, got {show(item)}")
        key, _, raw = item.partition("=")
        key, raw = key.strip(), raw.strip()
        if not key:
            raise UserError(f"{option} expects key=value with a parameter name, got {show(item)}")
        value: Any
        try:
            value = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            try:  # 0.25,0.3,0.3,0.15 (or [0.25, 0.3, ...]): a list
                value = tomllib.loads(f"v = [{raw.strip('[]')}]")["v"]
            except tomllib.TOMLDecodeError:
                value = raw
        if isinstance(value, list):
            value = tuple(value)
        kind = getattr(parameters.get(key), "kind", None)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if kind in (int, float) and not numeric:
            raise UserError(f"{option} {key}: expected a number, got {show(raw)}")
        if kind is tuple and not (
            isinstance(value, tuple)
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        ):
            raise UserError(
                f"{option} {key}: expected comma-separated numbers (e.g. {key}=0.25,0.3,0.3,0.15), "
                f"got {show(raw)}"
            )
        params[key] = value
    return params


def load_input(
    path: str | None,
    actors: str | None,
    dataset: str | None,
    preset: str | None,
    firms: int,
    seed: int,
) -> tuple[Any, str]:
    """Load the network a command works on: a file, a built-in dataset or a generated cluster.

    Returns the network and a one-line description of where it came from.

    Parameters
    ----------
    path : str, optional
        A network file (edge list, ``.npz``, GraphML, ...); first choice.
    actors : str, optional
        An actors table to go with ``path``.
    dataset : str, optional
        A built-in dataset's name; second choice.
    preset : str, optional
        Generator preset of the generated cluster; the fallback.
    firms : int
        Firms of the generated cluster.
    seed : int
        Seed of the generated cluster.

    Returns
    -------
    net : ClusterNetwork
        The network.
    source : str
        Where it came from, in one line.

    Examples
    --------
    >>> from clusternet.cli.common import load_input
    >>> net, origin = load_input(None, None, "florentine", None, 0, 1)
    >>> net.n_actors, origin
    (16, "dataset 'florentine'")
    """
    from clusternet import datasets
    from clusternet.generate import generate_cluster
    from clusternet.io import read_network

    if path is not None:
        return read_network(path, actors=actors), str(path)
    if dataset is not None:
        return datasets.load(dataset), f"dataset {show(dataset)}"
    return generate_cluster(
        firms, preset=preset, seed=seed
    ), f"generated cluster ({preset or 'default'} preset, {firms} firms, seed {seed})"


def centrality_table(net: Any) -> pd.DataFrame:
    """Degree, PageRank, harmonic closeness, betweenness and Burt's constraint per actor.

    Above 20,000 actors betweenness is the adaptive sampled estimate (epsilon 0.01,
    normalised scale) and harmonic closeness is left out.

    Parameters
    ----------
    net : ClusterNetwork
        The network.

    Returns
    -------
    DataFrame
        One row per actor: ``id``, ``tier``, ``role`` and the measures.

    Examples
    --------
    >>> import clusternet as cn
    >>> from clusternet.cli.common import centrality_table
    >>> table = centrality_table(cn.datasets.load_florentine_families())
    >>> list(table.columns)
    ['id', 'tier', 'role', 'degree', 'pagerank', 'harmonic', 'betweenness', 'constraint']
    >>> int(table.loc[table["pagerank"].idxmax(), "id"])
    9
    """
    from clusternet import centrality, structure

    big = net.n_actors > 20_000
    return pd.DataFrame(
        {
            "id": net.ids,
            "tier": net.column("tier"),
            "role": net.column("role"),
            "degree": np.diff(net.csr(direction="both").indptr),
            "pagerank": centrality.pagerank(net),
            "harmonic": np.full(net.n_actors, np.nan)
            if big
            else centrality.harmonic(net, mode="all"),
            "betweenness": centrality.betweenness(
                net, directed=False, epsilon=0.01, seed=0, normalized=True
            )
            if big
            else centrality.betweenness(net, directed=False, normalized=True),
            "constraint": structure.constraint(net),
        }
    )
