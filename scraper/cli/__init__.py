"""``errcat``: the command line, a thin layer over the library.

Each sub-command is a module here with ``register(subparsers)`` and ``run(args) -> int``; adding
a command means adding a module and one line to :data:`COMMANDS` (and its one-line summary to
:data:`SUMMARIES`, which keeps it out of ``errcat --help``'s imports).

Only the module of the command being run is imported: ``errcat --help``, ``--version`` and the
runtime commands (``show``, ``explain``, ``export``) load no scraping library. A command that
needs the ``scrape`` extra says so in one line when it is not installed.

Exit codes: 0 success; 1 the command ran but found a problem (no codes, unknown code, a source
failed); 2 bad usage, unreadable input, or any unexpected error (one line on stderr, never a
traceback). Everything a command prints goes through :class:`errcat.terminal.SafeStream`.
"""

from __future__ import annotations

import gc
import sys
from importlib import import_module

from errcat import __version__
from errcat.errors import ErrcatError
from errcat.terminal import SafeStream, one_line

# typing costs a few milliseconds to import, and the CLI needs it only for annotations.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import Any

# Command names as typed; each is the module errcat.cli.<name> with "-" read as "_"
# (module_name).
COMMANDS = (
    *("build", "extract", "show", "refresh", "diff", "explain", "export", "list", "ccxt-audit"),
)

# What `errcat --help` lists, without importing the commands (tests/test_runtime_imports.py checks
# these against each module's own help).
SUMMARIES = {
    "build": "rebuild catalogs from the stored snapshots (no network)",
    "extract": "print the catalog JSON of one document (no source file needed)",
    "show": "list a source's entries, or look one code up",
    "refresh": "fetch upstream pages, update snapshots and catalogs, report the changes",
    "diff": "semantic diff of two catalogs or two documents",
    "explain": "explain a raw error (code, message or JSON body) from a source",
    "export": "export catalogs as a ccxt map, CSV, JSON lines or a Python module",
    "list": "list the sources and the state of their snapshot and catalog (no network)",
    "ccxt-audit": "compare a catalog with ccxt's exception map for the same exchange",
}

# The `scrape` extra's import names (pyproject.toml).
SCRAPE_MODULES = frozenset(
    {"bs4", "lxml", "markdown_it", "ftfy", "httpx", "deepdiff", "jsonschema"}
)

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class ScrapeExtraMissing(ErrcatError):
    """A command needs a library of the ``scrape`` extra that is not installed."""


# A submodule named like a builtin would replace it in this module's namespace when imported.
_RENAMED = {"list": "list_sources"}


def module_name(command: str) -> str:
    """The module of a command: ``'ccxt-audit'`` → ``'errcat.cli.ccxt_audit'``."""
    return "errcat.cli." + _RENAMED.get(command, command.replace("-", "_"))


def _command_module(name: str) -> Any:
    try:
        return import_module(module_name(name))
    except ModuleNotFoundError as err:
        _raise_if_scrape(name, err)
        raise


def _raise_if_scrape(command: str, err: ModuleNotFoundError) -> None:
    if (err.name or "").partition(".")[0] in SCRAPE_MODULES:
        raise ScrapeExtraMissing(
            f"'errcat {command}' needs the scrape extra ({err.name} is not installed): "
            "pip install 'errcat[scrape]'"
        ) from None


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of every command (``None``), of one command (its name: only its
    module is imported), or of none (``""``: ``--help``, ``--version`` and usage errors, the
    commands listed by their summaries)."""
    # argparse is imported here, not with this module: the runtime commands run without the
    # cyclic garbage collector from main() on (see WITHOUT_GC), imports included.
    from errcat.cli.arguments import ArgumentParser, RawDescriptionHelpFormatter

    top = ArgumentParser(
        prog="errcat",
        description="Exchange API error codes: scrape their pages into catalogs, look codes up, "
        "explain the errors an exchange sends.",
        epilog="Run 'errcat COMMAND --help' for a command's options.",
    )
    top.add_argument("--version", action="version", version=f"errcat {__version__}")
    if command == "":
        # Each sub-parser costs a parser's worth of setup (gettext look-ups included): the
        # listing is text, and a command named on the line gets its real parser.
        width = max(map(len, COMMANDS))
        listing = "\n".join(f"  {n:<{width}}  {SUMMARIES.get(n, '')}" for n in COMMANDS)
        top.formatter_class = RawDescriptionHelpFormatter
        top.epilog = f"commands:\n{listing}\n\n{top.epilog}"
        top.add_argument(
            "command", metavar="COMMAND", choices=COMMANDS, help="one of the commands below"
        )
        return top
    sub = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        if command is None or name == command:
            _command_module(name).register(sub)
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


def add_catalogs(p: argparse.ArgumentParser) -> None:
    """``--catalogs`` for the commands that read built catalogs (show, explain, export)."""
    p.add_argument(
        "--catalogs",
        metavar="DIR",
        help="read the <id>.json catalogs in DIR (validated) instead of the checkout's "
        "catalogs/ (when run in one) or the ones shipped with errcat",
    )
    import argparse  # loaded already: p is a parser (argparse compares SUPPRESS by identity)

    # Only tells an unbuilt source (its sources/<id>.toml exists) from an unknown one.
    p.add_argument("--sources", default="sources", metavar="DIR", help=argparse.SUPPRESS)


# Commands that read built catalogs, print and exit. They make no reference cycles worth
# collecting, and the cyclic collector, run every 700 allocations while a catalog's thousands of
# objects are made, costs them a tenth of their run (`errcat explain bitget CODE`: ~3 ms).
WITHOUT_GC = frozenset({"show", "explain", "export"})


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    collecting = bool(args) and args[0] in WITHOUT_GC and gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return _main(args)
    finally:
        sys.stdout, sys.stderr = out, err
        if collecting:
            gc.enable()  # main() called from Python: the caller's process goes on


def console() -> int:
    """The ``errcat`` command (and ``python -m errcat``): :func:`main`, in a process that ends
    with it.

    The objects left when it returns are moved out of the collector's sight
    (:func:`gc.freeze`): the interpreter's shutdown would otherwise walk them all looking for
    cycles, a tenth of ``errcat explain SOURCE CODE``'s run for a catalog the process is about
    to drop. (Nothing errcat keeps at exit needs a finalizer: files are closed as written.)
    """
    try:
        return main()
    finally:
        gc.freeze()


_TOP_OPTIONS = ("-h", "--help", "--version")


def _error(message: str) -> int:
    print(f"errcat: error: {one_line(message)}", file=sys.stderr)
    return EXIT_USAGE


def _main(argv: list[str]) -> int:
    command = argv[0] if argv and argv[0] in COMMANDS else None
    if command is None and argv and argv[0].startswith("-") and argv[0] not in _TOP_OPTIONS:
        # "errcat --json explain …": argparse would call the source and code unrecognized
        later = next((a for a in argv[1:] if a in COMMANDS), None)
        if later is not None:
            option = argv[0].partition("=")[0]
            return _error(f"{option} is an option of the command: errcat {later} {option} …")
    try:
        top = parser(command or "")  # no command: --help, --version or a usage error
    except ScrapeExtraMissing as err:
        if command and ("-h" in argv or "--help" in argv):
            # the command's options come with its module, which needs the extra: say what
            # the command does, and what it needs
            print(f"usage: errcat {command} ...\n\n{SUMMARIES.get(command, '')}\n\n{err}")
            return EXIT_OK
        return _error(str(err))
    except ErrcatError as err:
        return _error(str(err))
    args = top.parse_args(argv)
    try:
        try:
            return int(args.run(args))
        except ModuleNotFoundError as err:
            _raise_if_scrape(args.command, err)
            raise
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
