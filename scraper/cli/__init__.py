"""``errcat``: the command line, a thin layer over the library.

Each sub-command is a module here with ``register(subparsers)`` and ``run(args) -> int``; adding
a command means adding a module and one line to :data:`COMMANDS`.

Exit codes: 0 success; 1 the command ran but found a problem (no codes, unknown code, a source
failed); 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from errcat import __version__
from errcat.errors import ErrcatError

COMMANDS = ("build", "extract", "show", "refresh", "diff", "explain", "export", "ccxt_audit")

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="errcat",
        description="Scrape exchange API error-code pages into canonical JSON catalogs.",
        epilog="Run 'errcat COMMAND --help' for a command's options.",
    )
    top.add_argument("--version", action="version", version=f"errcat {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        import_module(f"errcat.cli.{name}").register(sub)
    return top


def add_dirs(p: argparse.ArgumentParser) -> None:
    """The ``--sources``/``--catalogs`` options shared by commands that work on the project tree."""
    p.add_argument(
        "--sources",
        default="sources",
        metavar="DIR",
        help="directory of <id>.toml source files (default: %(default)s)",
    )
    p.add_argument(
        "--catalogs",
        default="catalogs",
        metavar="DIR",
        help="directory of generated <id>.json catalogs (default: %(default)s)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ErrcatError as err:
        print(f"errcat: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("errcat: interrupted", file=sys.stderr)
        return 130
