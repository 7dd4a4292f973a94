"""The ``clusternet`` command: the group and its options; one module per command.

``clusternet.cli:main`` is the console script; ``python -m clusternet.cli`` runs it too.
"""

from __future__ import annotations

import logging

import click

from clusternet import process_memory
from clusternet._version import __version__
from clusternet.cli.analyze import analyze
from clusternet.cli.calibrate import calibrate_cmd
from clusternet.cli.common import OneLineErrors, UserError
from clusternet.cli.datasets import datasets_cmd
from clusternet.cli.demo import demo
from clusternet.cli.fit import fit_cmd
from clusternet.cli.generate import generate
from clusternet.cli.simulate import simulate
from clusternet.cli.study import study_cmd
from clusternet.cli.sweep import sweep_cmd
from clusternet.cli.target import target_cmd

__all__ = ["main"]


def _set_threads(threads: int | None) -> None:
    if threads is None:
        return
    import numba

    limit = numba.config.NUMBA_NUM_THREADS  # type: ignore[attr-defined]
    if threads < 1 or threads > limit:
        raise UserError(f"--threads must lie in [1, {limit}], got {threads}")
    numba.set_num_threads(threads)


def _configure_logging(verbose: int, quiet: bool) -> None:
    """Library diagnostics (the ``clusternet`` logger) to stderr at the chosen level."""
    if quiet and verbose:
        raise UserError("--quiet and --verbose exclude each other")
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    logger = logging.getLogger("clusternet")
    logger.setLevel(level)
    if not any(getattr(h, "_clusternet_cli", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("clusternet: %(levelname)s: %(message)s"))
        handler._clusternet_cli = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clusternet")
@click.option("--threads", type=int, default=None, help="Number of Numba threads.")
@click.option(
    "-v", "--verbose", count=True, help="Log what the library does (-v: steps, -vv: details)."
)
@click.option("-q", "--quiet", is_flag=True, help="Log errors only (no warnings).")
@click.option(
    "--keep-freed-memory",
    is_flag=True,
    help="Keep freed memory in the process (glibc): big models reuse pages, fewer page faults.",
)
def main(threads: int | None, verbose: int, quiet: bool, keep_freed_memory: bool) -> None:
    """Industrial clusters as multilayer networks: build, analyse, simulate."""
    _set_threads(threads)
    _configure_logging(verbose, quiet)
    if keep_freed_memory:
        try:
            kept = process_memory.keep_freed_memory()
        except OSError as exc:
            raise UserError(f"--keep-freed-memory: {exc}") from exc
        if not kept:
            logging.getLogger("clusternet").warning(
                "--keep-freed-memory: the allocator is not glibc's; it is unchanged"
            )


for _command in (
    demo, generate, analyze, simulate, sweep_cmd, datasets_cmd, study_cmd, fit_cmd, target_cmd,
    calibrate_cmd,
):  # fmt: skip
    main.add_command(_command)
