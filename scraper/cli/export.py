"""``errcat export``: built catalogs as a ccxt map, CSV, JSON lines or a Python module."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from errcat.catalog import catalogs_for, write_atomic
from errcat.cli import EXIT_OK, add_catalogs
from errcat.cli.show import load_for
from errcat.errors import CatalogError
from errcat.export import FORMATS, export


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export catalogs as a ccxt map, CSV, JSON lines or a Python module",
        description="Write the built catalogs of every source (or of --source IDs) in a form "
        'other tools consume. ccxt: {source: {"exact": {code: Class}, "broad": {message: '
        "Class}}} with broad keys only where a substring match is safe; csv: one row per entry; "
        "jsonl: one JSON object per entry; python: a self-contained module of constants.",
    )
    p.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="ccxt",
        help="output format (default: %(default)s)",
    )
    p.add_argument(
        "--source",
        action="append",
        metavar="ID",
        dest="ids",
        help="export only this source (repeatable; default: all, sorted by id)",
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="write to PATH (atomically) instead of standard output ('-': standard output)",
    )
    add_catalogs(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    where = catalogs_for(args.catalogs)
    ids = list(dict.fromkeys(args.ids)) if args.ids else where.ids()
    if not ids:
        raise CatalogError(f"{where.path}: no catalogs to export (run 'errcat build' first)")
    catalogs = [load_for(i, where, args.sources) for i in ids]
    text = export(catalogs, args.format)
    if args.output in (None, "-"):  # "-" as extract reads stdin: no file named "-"
        sys.stdout.write(text)
        return EXIT_OK
    path = Path(args.output)
    write_atomic(path, text)
    entries = sum(len(c) for c in catalogs)
    print(
        f"exported {len(catalogs)} sources ({entries} entries) as {args.format} to {path}",
        file=sys.stderr,
    )
    return EXIT_OK
