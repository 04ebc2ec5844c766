"""Reports a person reads: markdown for ``reports/<date>.md`` and the pull-request body, and JSON.

Upstream text is untrusted: every piece of it goes through :func:`escape`, so a message cannot
break a table, inject HTML, ping anyone, link an issue or a URL, or hide what it says.

>>> escape("a | b <script> @octocat #12 *x*")
'a \\\\| b &lt;script&gt; @&#8203;octocat #&#8203;12 \\\\*x\\\\*'
>>> escape("see https://evil.example GH-7 www.x.io \u202eab")
'see https&#8203;://evil.example GH&#8203;-7 www&#8203;.x.io \\\\[U+202E\\\\]ab'

A pull-request body must stay under GitHub's 65,536 characters: :func:`pr_body` keeps whole
sources (the summary and problems first), never cuts inside one, and points to the full file for
the rest; its cells are capped (``cell_limit`` of :func:`render_report`) so that one long
message cannot crowd out the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from errcat.chars import HIDING
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
    REPAIRED,
    STALE,
    SUSPECT,
    UNCHANGED,
    RefreshRun,
    SourceResult,
)

GITHUB_BODY_LIMIT = 65_536
# Per cell of a pull-request body: a long message is shown in full in the report file.
PR_CELL_LIMIT = 300

STATUS_WORDS = {
    CHANGED: "changed",
    NEW: "new source",
    PAGE_CHANGED: "page changed, codes unchanged",
    REPAIRED: "repaired (snapshot and catalog were out of step)",
    UNCHANGED: "unchanged",
    NOT_MODIFIED: "not modified (304)",
    FAILED: "**failed**",
    SUSPECT: "**suspect**",
    STALE: "**stale catalog**",
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MENTION_OR_REF = re.compile(r"@(?=[A-Za-z0-9])|#(?=\d)")
# What GitHub turns into links by itself: URLs with a scheme, www. hosts, GH-123 references.
_AUTOLINK = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*(?=://)|www(?=\.)|gh(?=-\d))")
_HIDDEN = re.compile(f"[{HIDING}]")


def escape(text: Any) -> str:
    """Upstream text made inert for GitHub markdown, on one line (table cells included)."""
    out = _CONTROL.sub(" ", str(text))
    out = _HIDDEN.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", out)
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = _MD_SPECIAL.sub(r"\\\1", out)
    # A zero-width space keeps "@name", "#123", "GH-1" and URLs readable without a mention,
    # an issue link or a clickable link.
    out = _MENTION_OR_REF.sub(lambda m: m.group(0) + "&#8203;", out)
    return _AUTOLINK.sub(lambda m: m.group(0) + "&#8203;", out)


def _capped(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def _cell(value: Any, limit: int | None = None) -> str:
    """One table cell; with ``limit``, at most that many characters of upstream text."""
    if value is None or value == ():
        return "–"
    if isinstance(value, list | tuple):
        if limit is None:
            return "<br>".join(escape(v) for v in value)
        kept, used = [], 0
        for v in value:
            room = limit - used
            if room <= 1:
                kept.append(f"(+{len(value) - len(kept)} more)")
                break
            piece = _capped(str(v), room)
            kept.append(piece)
            used += len(piece)
        return "<br>".join(escape(v) for v in kept)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape(_capped(str(value), limit))


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    aligns = [("--:" if a == "r" else "---") for a in align.ljust(len(header), "l")]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(aligns) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _level(change: Change) -> str:
    return f"**{change.level}**" if change.level == "error" else change.level


def render_diff(diff: CatalogDiff, *, heading: str = "###", cell_limit: int | None = None) -> str:
    """The details of one diff: added codes, removed codes, then per-code changes."""
    lines: list[str] = []

    def cell(value: Any) -> str:
        return _cell(value, cell_limit)

    for name, old, new in diff.catalog_changes:
        lines.append(f"- catalog {name} changed: {cell(old)} → {cell(new)}")
    if diff.catalog_changes:
        lines.append("")

    def entries_table(title: str, entries: list[Entry]) -> None:
        lines.append(f"{heading} {title} ({len(entries)})")
        lines.append("")
        header = ["code", "surface", "section", "name", "HTTP", "messages"]
        rows = [
            [
                cell(e.code),
                e.surface,
                cell(e.group),
                cell(e.name),
                cell(e.http_status),
                cell(e.messages),
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
            [cell(c.code), c.surface, c.label, _level(c), cell(c.old), cell(c.new)] for c in changed
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


def noteworthy(result: SourceResult) -> bool:
    """Whether a source belongs in the report (and makes one worth writing)."""
    return bool(
        result.diff
        or result.problem
        or result.status in (PAGE_CHANGED, REPAIRED)
        or result.warnings
    )


def render_report(run: RefreshRun, *, date: str, cell_limit: int | None = None) -> str:
    """The refresh report: summary table of sources with news, problems, then details.

    ``cell_limit`` caps the upstream text of each table cell (the pull-request body uses
    :data:`PR_CELL_LIMIT`; the report file keeps everything).
    """
    lines = [f"# Error-code catalog refresh, {date}", ""]
    lines += _summary_lines(run)
    lines += _problem_lines(run, cell_limit)
    lines += _note_lines(run)
    for r in run.results:
        if r.diff or r.status in (PAGE_CHANGED, REPAIRED):
            lines += _source_lines(r, cell_limit)
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary_lines(run: RefreshRun) -> list[str]:
    """The counts, the breaking verdict, the table of sources with news, the quiet ones."""
    results = run.results
    news = [r for r in results if noteworthy(r)]
    quiet = [r for r in results if not noteworthy(r)]
    breaking = any(r.diff and r.diff.breaking for r in results)
    level = max_level(r.diff.level for r in results if r.diff)
    counts = (
        f"{len(results)} sources checked: {len(run.changed)} with changed codes, "
        f"{len(run.problems)} with problems, {len(quiet)} unchanged."
    )
    if run.dry_run:
        counts += " Dry run: nothing was written."
    lines = [counts]
    if level is not None:
        lines.append(
            f"Breaking changes: {'**yes**' if breaking else 'no'} (highest level: {level})."
        )
    lines.append("")
    if news:
        rows = [[f"`{r.source.id}`", STATUS_WORDS[r.status], *_summary_cells(r.diff)] for r in news]
        header = ["source", "status", "+added", "−removed", "~changed", "breaking?"]
        lines.extend(_table(header, rows, align="llrrrl"))
        lines.append("")
    if quiet:
        ids = ", ".join(f"`{r.source.id}`" for r in quiet)
        lines += [f"Unchanged: {ids}.", ""]
    if run.state_error:
        lines += [f"**State file not written**: {escape(run.state_error)}", ""]
    return lines


def _problem_lines(run: RefreshRun, cell_limit: int | None) -> list[str]:
    problems = run.problems
    if not problems:
        return []
    lines = ["## Problems", ""]
    if all(r.kept for r in problems):
        lines += [
            "Nothing of these sources was written: their snapshot and catalog, if they "
            "have any, are as they were.",
            "",
        ]
    for r in problems:
        word = STATUS_WORDS[r.status].strip("*")
        kept = "" if r.kept else " **Files not kept as they were: see the detail.**"
        lines.append(
            f"- **{r.source.id}** ({word}): {escape(_capped(r.detail or '', cell_limit))}{kept}"
        )
    lines.append("")
    return lines


def _note_lines(run: RefreshRun) -> list[str]:
    notes = [(r, w) for r in run.results for w in r.warnings]
    if not notes:
        return []
    return ["## Notes", "", *(f"- **{r.source.id}**: {escape(w)}" for r, w in notes), ""]


def _source_lines(r: SourceResult, cell_limit: int | None) -> list[str]:
    """One source's section: where it comes from, its entry counts, its diff."""
    lines = [f"## {r.source.id}: {escape(_capped(r.source.exchange, cell_limit))}", ""]
    lines.append(f"Upstream: <{r.source.url}>")
    if r.previous_entries is not None and r.entries is not None:
        lines.append(f"Entries: {r.previous_entries} → {r.entries}.")
    if r.status == REPAIRED and r.detail:
        lines.append(f"Repaired: {escape(r.detail)}.")
    lines.append("")
    if r.diff:
        lines.append(render_diff(r.diff, cell_limit=cell_limit))
    elif r.status == REPAIRED:
        lines += ["The error codes did not change; snapshot and catalog rewritten as a pair.", ""]
    else:
        lines += ["The page changed but its error codes did not; snapshot updated.", ""]
    return lines


def github_length(text: str) -> int:
    """Length as GitHub counts it (UTF-16 code units; never less than ``len(text)``)."""
    return len(text.encode("utf-16-le")) // 2


def _sections(report: str) -> tuple[str, list[str]]:
    """The report's head (title, summary) and its ``## `` sections, each whole."""
    parts = re.split(r"(?m)^(?=## )", report)
    return parts[0], parts[1:]


def pr_body(report: str, report_path: str, limit: int = GITHUB_BODY_LIMIT) -> str:
    """The report fitted to ``limit``: whole sections only, with a pointer to the full file.

    The head (summary table) comes first, then each ``## `` section (problems, notes, one per
    source) that fits, in order; a section that does not fit is left out whole and named in the
    footer, so the cut never falls inside a source. Only a head too long by itself is cut at a
    line boundary.

    >>> report = "# r\\n\\n## a: A\\n" + "| row |\\n" * 50 + "## b: B\\n| one |\\n"
    >>> body = pr_body(report, "reports/2026-01-02.md", limit=300)
    >>> github_length(body) <= 300, "## b: B" in body, "## a: A" in body
    (True, True, False)
    >>> body.splitlines()[-1]  # doctest: +ELLIPSIS
    "**Shortened** to fit GitHub's 300-character limit; left out here: a. The full report is ..."
    """
    if github_length(report) <= limit:
        return report
    head, sections = _sections(report)
    names = [sec.split("\n", 1)[0][3:].split(":", 1)[0].strip() for sec in sections]

    def footer(left_out: list[str]) -> str:
        what = f"; left out here: {', '.join(left_out)}" if left_out else ""
        return (
            f"\n---\n**Shortened** to fit GitHub's {limit:,}-character limit{what}. "
            f"The full report is `{report_path}`.\n"
        )

    worst = footer(names)
    budget = limit - github_length(worst)
    if github_length(head) > budget:
        return _cut_lines(head, budget) + worst
    kept, left_out = [head], []
    used = github_length(head)
    for name, section in zip(names, sections, strict=True):
        size = github_length(section)
        if used + size <= budget:
            kept.append(section)
            used += size
        else:
            left_out.append(name)
    body = "".join(kept).rstrip("\n") + "\n"
    return body + footer(left_out)


def _cut_lines(text: str, budget: int) -> str:
    kept, used = [], 0
    for line in text.splitlines(keepends=True):
        size = github_length(line)
        if used + size > budget:
            break
        kept.append(line)
        used += size
    # The footer starts with a blank line, which also ends a table cut mid-way.
    return "".join(kept).rstrip("\n") + "\n"


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
        "kept": result.kept,
        "warnings": list(result.warnings),
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
        "state_error": run.state_error,
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
    "PR_CELL_LIMIT",
    "escape",
    "github_length",
    "labels",
    "noteworthy",
    "pr_body",
    "render_diff",
    "render_diff_document",
    "render_report",
    "report_dict",
]
