"""``errcat``: the command line, a thin layer over the library.

Each sub-command is a module here with ``register(subparsers)`` and ``run(args) -> int``; adding
a command means adding a module and one line to :data:`COMMANDS`.

Exit codes: 0 success; 1 the command ran but found a problem (no codes, unknown code, a source
failed); 2 bad usage, unreadable input, or any unexpected error (one line on stderr, never a
traceback). Everything a command prints goes through :class:`errcat.terminal.SafeStream`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from errcat import __version__
from errcat.errors import ErrcatError
from errcat.terminal import SafeStream, one_line

COMMANDS = ("build", "extract", "show", "refresh", "diff", "explain", "export", "list")

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
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        args = parser().parse_args(argv)
        return _run(args)
    finally:
        sys.stdout, sys.stderr = out, err


def _error(message: str) -> int:
    print(f"errcat: error: {one_line(message)}", file=sys.stderr)
    return EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    # Exit 1 means what each command's help says it means (changes found, a source failed):
    # anything unexpected is 2, so `--fail-on` and CI never read a crash as a finding.
    try:
        return int(args.run(args))
    except ErrcatError as err:
        return _error(str(err))
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("errcat: interrupted", file=sys.stderr)
        return 130
    except RecursionError:
        return _error("input nested too deeply to read")
    except MemoryError:
        return _error("out of memory (input too large)")
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        return _error(f"{where}{err.strerror or err}")
    except Exception as err:
        return _error(f"unexpected {type(err).__name__}: {err}")
