"""``errcat diff OLD NEW``: what changed between two catalogs or two documents."""

from __future__ import annotations

import argparse
import json
import sys

from errcat.categorize import categorize_catalog
from errcat.cli import EXIT_OK, EXIT_PROBLEM
from errcat.diff import LEVELS, diff_catalogs, load_side
from errcat.extract import FORMATS
from errcat.model import Catalog
from errcat.report import render_diff_document
from errcat.sources import load_sources


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "diff",
        help="semantic diff of two catalogs or two documents",
        description="Compare two versions of an error-code list and say which codes were "
        "added, removed or changed (messages added, removed or reworded; name, HTTP status, "
        "section, surface, category changed). Each side is a catalog JSON file (a .json file "
        "with 'entries') or any markdown/HTML document, which is extracted first. Every change "
        "has a level (info < warning < error) and is breaking or not.",
        epilog="Exit status: 0 no change at or above --fail-on (or no --fail-on); 1 changes at "
        "or above --fail-on; 2 unreadable input. Example: errcat diff old.md new.md --fail-on "
        "error",
    )
    p.add_argument("old", metavar="OLD", help="the earlier catalog or document")
    p.add_argument("new", metavar="NEW", help="the later catalog or document")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="syntax of document sides (default: detect from the content)",
    )
    p.add_argument(
        "--source",
        metavar="ID",
        help="extract document sides as this source's page (its sections, WebSocket pattern)",
    )
    p.add_argument(
        "--sources",
        default="sources",
        metavar="DIR",
        help="directory of <id>.toml source files, for --source (default: %(default)s)",
    )
    p.add_argument("--json", action="store_true", help="print the diff as JSON")
    p.add_argument(
        "--fail-on",
        choices=LEVELS,
        metavar="LEVEL",
        help="exit 1 if any change is at this level or above: info, warning or error",
    )
    p.set_defaults(run=run)


def _has_meaning(catalog: Catalog) -> bool:
    return any(e.category is not None or e.success for e in catalog.entries)


def like_with_like(sides: list[Catalog]) -> list[Catalog]:
    """A document side categorized (by the rules, no overrides) when the other side has
    categories, so a catalog against its own page does not report every category as changed."""
    if any(_has_meaning(c) for c in sides):
        return [c if _has_meaning(c) or not c.entries else categorize_catalog(c) for c in sides]
    return sides


def run(args: argparse.Namespace) -> int:
    source = load_sources(args.sources, [args.source])[0] if args.source else None
    sides = []
    for name in (args.old, args.new):
        catalog = load_side(name, args.format, source)
        if not catalog.entries:
            print(f"errcat: warning: {name}: no error codes found", file=sys.stderr)
        sides.append(catalog)
    sides = like_with_like(sides)
    diff = diff_catalogs(sides[0], sides[1], old_name=args.old, new_name=args.new)
    if args.json:
        print(json.dumps(diff.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_diff_document(diff))
    if args.fail_on and diff.at_least(args.fail_on):
        return EXIT_PROBLEM
    return EXIT_OK
