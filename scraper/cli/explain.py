"""``errcat explain SOURCE ERROR``: what a raw error from an exchange means and what to do."""

from __future__ import annotations

import argparse
import json

from errcat.catalog import catalogs_for
from errcat.cli import EXIT_OK, EXIT_PROBLEM, add_catalogs
from errcat.cli.show import load_for
from errcat.explain import Explanation, explain
from errcat.model import Entry
from errcat.taxonomy import taxonomy


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explain",
        help="explain a raw error (code, message or JSON body) from a source",
        description="Find the documented entry behind an error as the exchange sent it and "
        "print its category, retry advice and documentation URL. ERROR is a code (-1121), a "
        'message ("Invalid symbol.") or a JSON body ({"code":-1121,"msg":"Invalid symbol."}, '
        'nested {"error":{...}} shapes too). Messages match documented templates, so '
        '"Parameter instId cannot be empty." finds "Parameter {} cannot be empty.". When the '
        "code and the message point to different entries, the code wins and a note says so. "
        "Exit 1 if nothing documented fits.",
    )
    p.add_argument("source", metavar="SOURCE", help="source id, e.g. aster-spot")
    p.add_argument("error", metavar="ERROR", help="code, message, or JSON error body (quote it)")
    p.add_argument(
        "--surface",
        choices=("rest", "websocket"),
        help="where the error came from, when a code means different things on each",
    )
    p.add_argument("--json", action="store_true", help="print the explanation as JSON")
    add_catalogs(p)
    p.set_defaults(run=run)


def _describe(entry: Entry) -> list[str]:
    tax = taxonomy()
    lines = [f"{entry.code}  {entry.name or ''}".rstrip()]
    lines.append(f"  surface:     {entry.surface}")
    lines.append(f"  group:       {entry.group or '-'}")
    lines.append(f"  http status: {entry.http_status if entry.http_status is not None else '-'}")
    if entry.success:
        lines.append("  success:     yes: the document gives this code as success, not an error")
        lines.append(f"  decided by:  {entry.category_reason or '-'}")
    if entry.category:
        lineage = " < ".join([entry.category, *tax.ancestors(entry.category)])
        lines.append(f"  category:    {lineage}")
        verdict = "yes" if entry.retryable else "no"
        reason = entry.category_reason or ""
        if entry.retryable != tax[entry.category].retryable:
            # the entry differs from its class: say why
            phrase = reason.partition("; retry:")[2]
            unknown = reason.partition("; no retry:")[2].partition(";")[0]
            if unknown:
                verdict += f" (the outcome is unknown: the message says {unknown}; check first)"
            elif phrase:
                verdict += f" (the message says {phrase})"
            else:
                verdict += " (source override)"
        lines.append(f"  retryable:   {verdict}")
        lines.append(f"  advice:      {tax[entry.category].advice}")
        lines.append(f"  decided by:  {reason}")
    if entry.deprecated:
        lines.append("  deprecated:  yes")
    lines.append("  messages:")
    lines.extend(f"    - {m}" for m in entry.messages or ["(none documented)"])
    if entry.description:
        lines.append(f"  description: {entry.description}")
    return lines


def render(ex: Explanation) -> str:
    """The plain-text explanation ``errcat explain`` prints."""
    lines: list[str] = []
    for i, entry in enumerate(ex.entries):
        if i:
            lines.append("")
        lines.extend(_describe(entry))
    if ex.found:
        how = {
            "code": "by code",
            "code+message": "by code and message",
            "code+name": "by code and name",
            "message": "by message",
            "name": "by name",
        }
        lines.append("")
        lines.append(f"matched {how.get(ex.matched_by, ex.matched_by)}")
        if ex.message_match is not None and ex.matched_by != "code":
            m = ex.message_match
            lines.append(f"  documented message: {m.message} ({m.kind} match)")
    for note in ex.notes:
        lines.append(f"note: {note}")
    if ex.url:
        lines.append(f"docs: {ex.url}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    where = catalogs_for(args.catalogs)
    catalog = load_for(args.source, where, args.sources)
    info = where.info(args.source)  # the index: the documentation page, the body's keys
    ex = explain(
        catalog,
        args.error,
        surface=args.surface,
        url=(info.page if info else None) or catalog.url,
        shape=info.body if info else None,
    )
    if args.json:
        print(json.dumps(ex.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(ex))
    return EXIT_OK if ex.found else EXIT_PROBLEM
