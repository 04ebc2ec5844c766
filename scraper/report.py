"""Reports a person reads: markdown for ``reports/<date>.md`` and the pull-request body, and JSON.

Upstream text is untrusted: every piece of it goes through :func:`escape`, so a message cannot
break a table, inject HTML or ping anyone.

>>> escape("a | b <script> @octocat #12 *x*")
'a \\\\| b &lt;script&gt; @&#8203;octocat #&#8203;12 \\\\*x\\\\*'

A pull-request body must stay under GitHub's 65,536 characters: :func:`pr_body` cuts a long
report at a line boundary and points to the full file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from errcat.diff import (
    CODE_ADDED,
    CODE_REMOVED,
    LEVELS,
    CatalogDiff,
    Change,
    max_level,
)
from errcat.model import Entry
from errcat.refresh import (
    CHANGED,
    FAILED,
    NEW,
    NOT_MODIFIED,
    PAGE_CHANGED,
    STALE,
    SUSPECT,
    UNCHANGED,
    RefreshRun,
    SourceResult,
)

GITHUB_BODY_LIMIT = 65_536

STATUS_WORDS = {
    CHANGED: "changed",
    NEW: "new source",
    PAGE_CHANGED: "page changed, codes unchanged",
    UNCHANGED: "unchanged",
    NOT_MODIFIED: "not modified (304)",
    FAILED: "**failed**",
    SUSPECT: "**suspect**",
    STALE: "**stale catalog**",
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MENTION_OR_REF = re.compile(r"@(?=[A-Za-z0-9])|#(?=\d)")


def escape(text: Any) -> str:
    """Upstream text made inert for GitHub markdown, on one line (table cells included)."""
    out = _CONTROL.sub(" ", str(text))
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _MD_SPECIAL.sub(r"\\\1", out)
    # A zero-width space keeps "@name" and "#123" readable without a mention or an issue link.
    return _MENTION_OR_REF.sub(lambda m: m.group(0) + "&#8203;", out)


def _cell(value: Any) -> str:
    if value is None or value == ():
        return "–"
    if isinstance(value, list | tuple):
        return "<br>".join(escape(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape(value)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    aligns = [("--:" if a == "r" else "---") for a in align.ljust(len(header), "l")]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(aligns) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _level(change: Change) -> str:
    return f"**{change.level}**" if change.level == "error" else change.level


def render_diff(diff: CatalogDiff, *, heading: str = "###") -> str:
    """The details of one diff: added codes, removed codes, then per-code changes."""
    lines: list[str] = []
    for name, old, new in diff.catalog_changes:
        lines.append(f"- catalog {name} changed: {_cell(old)} → {_cell(new)}")
    if diff.catalog_changes:
        lines.append("")

    def entries_table(title: str, entries: list[Entry]) -> None:
        lines.append(f"{heading} {title} ({len(entries)})")
        lines.append("")
        header = ["code", "surface", "section", "name", "HTTP", "messages"]
        rows = [
            [
                _cell(e.code),
                e.surface,
                _cell(e.group),
                _cell(e.name),
                _cell(e.http_status),
                _cell(e.messages),
            ]
            for e in entries
        ]
        if any(e.description for e in entries):
            # a column only where the document explains its codes: other reports keep their shape
            header.append("description")
            for row, e in zip(rows, entries, strict=True):
                row.append(_cell(e.description))
        lines.extend(_table(header, rows))
        lines.append("")

    if diff.added:
        entries_table("Added", diff.added)
    if diff.removed:
        entries_table("Removed", diff.removed)
    changed = [c for c in diff.changes if c.kind not in (CODE_ADDED, CODE_REMOVED)]
    if changed:
        n = len(diff.changed)
        lines.append(f"{heading} Changed ({n} code{'' if n == 1 else 's'})")
        lines.append("")
        rows = [
            [_cell(c.code), c.surface, c.label, _level(c), _cell(c.old), _cell(c.new)]
            for c in changed
        ]
        lines.extend(_table(["code", "surface", "change", "level", "was", "now"], rows))
        lines.append("")
    if not diff.changes and not diff.catalog_changes:
        lines.append("No changes.")
        lines.append("")
    return "\n".join(lines)


def _summary_cells(diff: CatalogDiff | None) -> list[str]:
    if diff is None:
        return ["", "", "", ""]
    breaking = f"**yes** ({diff.level})" if diff.breaking else "no"
    return [f"+{len(diff.added)}", f"−{len(diff.removed)}", f"~{len(diff.changed)}", breaking]


def render_diff_document(diff: CatalogDiff) -> str:
    """``errcat diff`` output: a title, a one-line summary, then :func:`render_diff`."""
    title = f"# Changes from {escape(diff.old_name or 'old')} to {escape(diff.new_name or 'new')}"
    if diff.changes:
        level = diff.level
        summary = (
            f"+{len(diff.added)} added, −{len(diff.removed)} removed, "
            f"~{len(diff.changed)} changed; breaking: {'**yes**' if diff.breaking else 'no'}"
            f" (highest level: {level})."
        )
    else:
        summary = "No changes."
    body = render_diff(diff, heading="##") if diff.changes or diff.catalog_changes else ""
    return "\n".join([title, "", summary, "", body]).rstrip("\n") + "\n"


def render_report(run: RefreshRun, *, date: str) -> str:
    """The refresh report: summary table of sources with news, problems, then details."""
    results = run.results
    noteworthy = [r for r in results if r.diff or r.problem or r.status == PAGE_CHANGED]
    quiet = [r for r in results if r not in noteworthy]
    breaking = any(r.diff and r.diff.breaking for r in results)
    level = max_level(r.diff.level for r in results if r.diff)
    lines = [f"# Error-code catalog refresh, {date}", ""]
    counts = (
        f"{len(results)} sources checked: {len(run.changed)} with changed codes, "
        f"{len(run.problems)} with problems, {len(quiet)} unchanged."
    )
    if run.dry_run:
        counts += " Dry run: nothing was written."
    lines.append(counts)
    if level is not None:
        lines.append(
            f"Breaking changes: {'**yes**' if breaking else 'no'} (highest level: {level})."
        )
    lines.append("")
    if noteworthy:
        rows = [
            [f"`{r.source.id}`", STATUS_WORDS[r.status], *_summary_cells(r.diff)]
            for r in noteworthy
        ]
        header = ["source", "status", "+added", "−removed", "~changed", "breaking?"]
        lines.extend(_table(header, rows, align="llrrrl"))
        lines.append("")
    if quiet:
        ids = ", ".join(f"`{r.source.id}`" for r in quiet)
        lines.append(f"Unchanged: {ids}.")
        lines.append("")
    problems = run.problems
    if problems:
        lines.append("## Problems")
        lines.append("")
        lines.append("The previous snapshot and catalog of these sources were kept.")
        lines.append("")
        for r in problems:
            word = STATUS_WORDS[r.status].strip("*")
            lines.append(f"- **{r.source.id}** ({word}): {escape(r.detail or '')}")
        lines.append("")
    for r in results:
        if not (r.diff or r.status == PAGE_CHANGED):
            continue
        lines.append(f"## {r.source.id}: {escape(r.source.exchange)}")
        lines.append("")
        lines.append(f"Upstream: <{r.source.url}>")
        if r.previous_entries is not None and r.entries is not None:
            lines.append(f"Entries: {r.previous_entries} → {r.entries}.")
        lines.append("")
        if r.diff:
            lines.append(render_diff(r.diff))
        else:
            lines.append("The page changed but its error codes did not; snapshot updated.")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def github_length(text: str) -> int:
    """Length as GitHub counts it (UTF-16 code units; never less than ``len(text)``)."""
    return len(text.encode("utf-16-le")) // 2


def pr_body(report: str, report_path: str, limit: int = GITHUB_BODY_LIMIT) -> str:
    """The report, cut at a line boundary to fit ``limit``, with a pointer to the full file.

    >>> body = pr_body("# r\\n" + "| row |\\n" * 50, "reports/2026-01-02.md", limit=300)
    >>> github_length(body) <= 300, body.endswith("`reports/2026-01-02.md`.\\n")
    (True, True)
    """
    if github_length(report) <= limit:
        return report
    footer = (
        f"\n\n---\n**Truncated** to fit GitHub's {limit:,}-character limit. "
        f"The full report is `{report_path}`.\n"
    )
    budget = limit - github_length(footer)
    kept: list[str] = []
    used = 0
    for line in report.splitlines(keepends=True):
        size = github_length(line)
        if used + size > budget:
            break
        kept.append(line)
        used += size
    # The footer starts with a blank line, which also ends a table cut mid-way.
    return "".join(kept).rstrip("\n") + footer


def labels(run: RefreshRun) -> list[str]:
    """Pull-request labels: always ``catalog-refresh``; ``breaking`` and the highest level."""
    out = ["catalog-refresh"]
    level = max_level(r.diff.level for r in run.results if r.diff)
    if any(r.diff and r.diff.breaking for r in run.results):
        out.append("breaking")
    if level is not None:
        out.append(f"severity:{level}")
    return out


def result_dict(result: SourceResult) -> dict[str, Any]:
    diff = result.diff
    return {
        "source": result.source.id,
        "exchange": result.source.exchange,
        "url": result.source.url,
        "status": result.status,
        "detail": result.detail,
        "entries": result.entries,
        "previous_entries": result.previous_entries,
        "written": [str(p) for p in result.written],
        "added": len(diff.added) if diff else 0,
        "removed": len(diff.removed) if diff else 0,
        "changed": len(diff.changed) if diff else 0,
        "breaking": bool(diff and diff.breaking),
        "level": diff.level if diff else None,
        "changes": [c.to_dict() for c in diff.changes] if diff else [],
    }


def report_dict(run: RefreshRun, *, date: str, report_path: str | None = None) -> dict[str, Any]:
    """The JSON form of a refresh report (``errcat refresh --json``)."""
    sources = [result_dict(r) for r in run.results]
    return {
        "date": date,
        "report": report_path,
        "dry_run": run.dry_run,
        "changed": bool(run.changed),
        "updated": any(r.updated for r in run.results),
        "problems": len(run.problems),
        "breaking": any(s["breaking"] for s in sources),
        "level": max_level(s["level"] for s in sources),
        "labels": labels(run),
        "totals": {
            "sources": len(sources),
            "added": sum(s["added"] for s in sources),
            "removed": sum(s["removed"] for s in sources),
            "changed": sum(s["changed"] for s in sources),
        },
        "sources": sources,
    }


__all__ = [
    "GITHUB_BODY_LIMIT",
    "LEVELS",
    "escape",
    "github_length",
    "labels",
    "pr_body",
    "render_diff",
    "render_diff_document",
    "render_report",
    "report_dict",
]
