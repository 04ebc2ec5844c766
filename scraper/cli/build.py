"""``errcat build``: every source's stored snapshot → ``catalogs/<id>.json``, with a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from errcat.build import build_source
from errcat.categorize import successes, unclassified
from errcat.cli import EXIT_OK, EXIT_PROBLEM, add_dirs
from errcat.cli.table import render_table
from errcat.files import clean_temps, locked
from errcat.sources import Source, load_sources
from errcat.terminal import one_line


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
    # The refresh's lock: a build and a refresh in one tree would interleave their writes.
    with locked(Path(args.sources), "errcat refresh or build"):
        clean_temps(Path(args.catalogs))
        return _build(args, sources)


def _build(args: argparse.Namespace, sources: list[Source]) -> int:
    rows = []
    failed = 0
    for source in sources:
        result = build_source(source, Path(args.catalogs))
        for warning in result.warnings:
            print(f"errcat: warning: {one_line(warning)}", file=sys.stderr)
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
            verdict = "NO SNAPSHOT" if result.missing_snapshot else "FAILED"
            rows.append([source.id, "-", "-", "-", "-", "-", "-", verdict])
            print(f"errcat: error: {one_line(result.error)}", file=sys.stderr)
    header = [
        *("source", "entries", "messages", "groups", "surfaces", "unclassified", "success"),
        "catalog",
    ]
    print(render_table(header, rows))
    print(f"{len(sources) - failed} of {len(sources)} sources built into {args.catalogs}/")
    return EXIT_PROBLEM if failed else EXIT_OK
