"""``errcat build``: every source's stored snapshot → ``catalogs/<id>.json``, with a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from errcat.build import build_source
from errcat.categorize import successes, unclassified
from errcat.cli import EXIT_OK, EXIT_PROBLEM, add_dirs
from errcat.cli.table import render_table
from errcat.sources import load_sources


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="rebuild catalogs from the stored snapshots (no network)",
        description="Extract every source's stored snapshot (sources/snapshots/) into "
        "catalogs/<id>.json. Files are written atomically and only when their content changes; "
        "a snapshot that yields no error codes is an error and leaves its catalog alone. "
        "Every entry is categorized; the 'unclassified' column counts entries left as plain "
        "ExchangeError (see docs/taxonomy.md), the 'success' column the codes the page gives as "
        "success rather than an error.",
    )
    add_dirs(p)
    p.add_argument(
        "--source",
        action="append",
        metavar="ID",
        dest="ids",
        help="build only this source (repeatable)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sources = load_sources(args.sources, args.ids)
    rows = []
    failed = 0
    for source in sources:
        result = build_source(source, Path(args.catalogs))
        if result.ok and result.catalog is not None:
            cat = result.catalog
            rows.append(
                [
                    source.id,
                    str(len(cat)),
                    str(cat.message_count),
                    str(len(cat.groups)),
                    ",".join(cat.surfaces),
                    str(unclassified(cat)),
                    str(successes(cat)),
                    "written" if result.changed else "unchanged",
                ]
            )
        else:
            failed += 1
            rows.append([source.id, "-", "-", "-", "-", "-", "-", "FAILED"])
            print(f"errcat: error: {result.error}", file=sys.stderr)
    header = [
        *("source", "entries", "messages", "groups", "surfaces", "unclassified", "success"),
        "catalog",
    ]
    print(render_table(header, rows))
    print(f"{len(sources) - failed} of {len(sources)} sources built into {args.catalogs}/")
    return EXIT_PROBLEM if failed else EXIT_OK
