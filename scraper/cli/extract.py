"""``errcat extract FILE``: the catalog JSON of any document, printed to stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import errcat
from errcat import files
from errcat.catalog import dumps
from errcat.cli import EXIT_OK, EXIT_PROBLEM
from errcat.errors import DocumentError
from errcat.extract import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="print the catalog JSON of one document (no source file needed)",
        description="Extract the error codes of a markdown or HTML document and print the "
        "catalog as JSON, every entry categorized as 'errcat build' does (no source overrides). "
        "Exits 1 if the document contains no error codes.",
    )
    p.add_argument("file", metavar="FILE", help="document to read ('-' for standard input)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="document syntax (default: detect from the content)",
    )
    p.add_argument(
        "--no-meaning",
        dest="meaning",
        action="store_false",
        help="the bare extraction: no category, retryable or success fields",
    )
    p.set_defaults(run=run)


def read_document(name: str) -> bytes:
    """The bytes of FILE or of standard input, at most :data:`errcat.files.READ_LIMIT` of them.

    Read with a cap rather than refused when not a regular file: ``<(curl …)`` is a FIFO, while
    ``/dev/zero`` or an endless pipe must not fill the memory.
    """
    limit = files.READ_LIMIT
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        path = Path(name)
        if path.is_dir():
            raise DocumentError(f"{name}: is a directory, not a document")
        try:
            with path.open("rb") as f:
                data = f.read(limit + 1)
        except FileNotFoundError:
            raise DocumentError(f"{name}: no such file") from None
        except OSError as err:
            raise DocumentError(f"{name}: cannot read: {err.strerror}") from None
    if len(data) > limit:
        shown = "<stdin>" if name == "-" else name
        raise DocumentError(f"{shown}: over the {limit} byte limit for a document")
    return data


def run(args: argparse.Namespace) -> int:
    name = "<stdin>" if args.file == "-" else args.file
    catalog = errcat.extract(read_document(args.file), args.format, name=name, meaning=args.meaning)
    sys.stdout.write(dumps(catalog))
    if not catalog.entries:
        print(f"errcat: {name}: no error codes found", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK
