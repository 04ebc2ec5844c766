"""``errcat show SOURCE [CODE]``: look entries up in a built catalog.

Catalogs are read from ``--catalogs DIR`` when given, else from the checkout's ``catalogs/``
when run in one, else from the package (:func:`errcat.catalog.catalogs_for`): no source file
is read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from errcat.catalog import CatalogDir, catalogs_for
from errcat.cli import EXIT_OK, EXIT_PROBLEM, add_catalogs
from errcat.errors import CatalogError
from errcat.model import Catalog, Entry


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "show",
        help="list a source's entries, or look one code up",
        description="Without CODE, list every entry of the source's catalog; with CODE, print "
        "that code's entries in full (one per surface/section documenting it).",
        epilog="Exit status: 0 listed or found; 1 CODE is not in the catalog (on --surface); 2 "
        "unknown source, unreadable catalog or bad usage.",
    )
    p.add_argument("source", metavar="SOURCE", help="source id, e.g. blofin")
    p.add_argument("code", metavar="CODE", nargs="?", help="error code as documented, e.g. -1121")
    p.add_argument("--surface", choices=("rest", "websocket"), help="only this surface")
    p.add_argument("--json", action="store_true", help="print entries as JSON")
    add_catalogs(p)
    p.set_defaults(run=run)


def load_for(source_id: str, where: CatalogDir, sources_dir: str = "sources") -> Catalog:
    """The built catalog of ``source_id`` in ``where``, with a hint when a source defined in
    ``sources_dir`` was never built."""
    try:
        return where.load(source_id)
    except CatalogError:
        built = os.path.join(where.path, f"{source_id}.json")
        defined = os.path.join(sources_dir, f"{source_id}.toml")
        if os.path.isfile(defined) and not os.path.exists(built):
            raise CatalogError(
                f"{built}: no catalog for {source_id!r} yet; run 'errcat build' first"
            ) from None
        raise


def _describe(entry: Entry) -> str:
    lines = [f"{entry.code}  {entry.name or ''}".rstrip()]
    lines.append(f"  surface:     {entry.surface}")
    lines.append(f"  group:       {entry.group or '-'}")
    lines.append(f"  http status: {entry.http_status if entry.http_status is not None else '-'}")
    if entry.deprecated:
        lines.append("  deprecated:  yes")
    if entry.category:
        advice = "retry" if entry.retryable else "do not retry"
        lines.append(f"  category:    {entry.category} ({advice})")
    lines.append("  messages:")
    lines.extend(f"    - {m}" for m in entry.messages or ["(none documented)"])
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    catalog = load_for(args.source, catalogs_for(args.catalogs), args.sources)
    if args.code is None:
        entries = [e for e in catalog.entries if args.surface in (None, e.surface)]
    else:
        entries = catalog.lookup(args.code, args.surface)
        if not entries:
            print(f"errcat: {args.source}: no entry for code {args.code!r}", file=sys.stderr)
            return EXIT_PROBLEM
    if args.json:
        print(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
    elif args.code is None:
        from errcat.cli.table import render_table  # (explain and CODE need no table)

        rows = [[e.code, e.surface, e.name or "", (e.messages or ("",))[0][:70]] for e in entries]
        print(render_table(["code", "surface", "name", "message"], rows))
        where = f" ({catalog.url})" if catalog.url else ""
        print(f"{len(entries)} entries in {catalog.source or args.source}{where}")
    else:
        print("\n\n".join(_describe(e) for e in entries))
        if catalog.url:  # (a catalog errcat extract wrote has none)
            print(f"\nsource: {catalog.url}")
    return EXIT_OK
