"""``errcat list``: every source with the state of its files, without fetching anything."""

from __future__ import annotations

import argparse
from pathlib import Path

from errcat.cli import EXIT_OK, EXIT_PROBLEM, add_dirs
from errcat.cli.table import render_table
from errcat.errors import SourceError
from errcat.refresh import STATE_FILE, inspect_pair, load_state
from errcat.sources import load_source


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "list",
        help="list the sources and the state of their snapshot and catalog (no network)",
        description="One line per sources/<id>.toml: exchange, entries in its catalog, and "
        "its status: 'ok' (snapshot and catalog are a pair), 'no snapshot' (a new source: run "
        "'errcat refresh --source ID'), 'out of step' (the catalog was not built from the "
        "stored snapshot: the next refresh repairs it, or run 'errcat build --source ID'), or "
        "'malformed' (the source file has an error; the other sources are listed anyway). "
        "'validators' says whether the next refresh can ask for a 304.",
        epilog="Exit status: 0 every source is ok; 1 a source is not; 2 no sources directory.",
    )
    add_dirs(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    directory = Path(args.sources)
    if not directory.is_dir():
        raise SourceError(f"{directory}: no sources directory (pass --sources DIR)")
    try:
        state = load_state(directory / STATE_FILE)
    except SourceError:
        state = {}  # listed as "no" validators; 'errcat refresh' names the problem
    rows = []
    bad = 0
    for path in sorted(directory.glob("*.toml"), key=lambda p: p.stem):  # by id, as build
        try:
            source = load_source(path)
        except SourceError as err:
            bad += 1
            rows.append([path.stem, "-", "-", f"malformed: {err}", "-"])
            continue
        pair = inspect_pair(source, Path(args.catalogs))
        if pair.empty:
            status = "no snapshot (new source)"
        elif pair.consistent:
            status = "ok"
        elif pair.snapshot is None and pair.snapshot_error is None:
            status = "no snapshot"
        else:
            status = f"out of step: {pair.problem}"
        if status != "ok":
            bad += 1
        known = state.get(source.id)
        validators = (
            "yes"
            if known and known.url == source.url and (known.etag or known.last_modified)
            else "no"
        )
        entries = str(len(pair.catalog)) if pair.catalog is not None else "-"
        rows.append([source.id, source.exchange, entries, status, validators])
    print(render_table(["source", "exchange", "entries", "status", "validators"], rows))
    print(f"{len(rows)} sources in {directory}/, {len(rows) - bad} ok")
    return EXIT_PROBLEM if bad else EXIT_OK
