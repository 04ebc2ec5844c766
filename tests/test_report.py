"""Reports: untrusted upstream text escaped, GitHub's body limit kept, JSON form, labels."""

from __future__ import annotations

import json
import re

from errcat.diff import diff_catalogs
from errcat.model import Catalog, Entry
from errcat.refresh import RefreshRun, SourceResult
from errcat.report import (
    GITHUB_BODY_LIMIT,
    escape,
    github_length,
    labels,
    pr_body,
    render_diff_document,
    render_report,
    report_dict,
)
from errcat.sources import Source
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

HOSTILE = (
    "a | b",
    "<img src=x onerror=alert(1)>",
    "ping @octocat and @everyone",
    "see #12",
    "two\nlines",
    "`code` *bold* [link](https://example.invalid)",
)


def source(source_id: str) -> Source:
    return Source(
        id=source_id, exchange=source_id.title(), url=f"https://example.invalid/{source_id}"
    )


def changed(source_id: str, old: Catalog, new: Catalog) -> SourceResult:
    diff = diff_catalogs(old, new)
    return SourceResult(
        source(source_id), "changed", diff=diff, entries=len(new), previous_entries=len(old)
    )


def sample_run() -> RefreshRun:
    old = Catalog(entries=(Entry("1", messages=("Old",)), Entry("2", name="GONE")))
    new = Catalog(entries=(Entry("1", messages=("Old", *HOSTILE)), Entry("3", messages=HOSTILE)))
    return RefreshRun(
        (
            changed("evil", old, new),
            SourceResult(source("quiet"), "not-modified"),
            SourceResult(source("down"), "failed", detail="HTTP 503 <b>Service</b> | Unavailable"),
        )
    )


def html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_escape_makes_text_inert():
    assert escape("a | b") == "a \\| b"
    assert escape("<script>&") == "&lt;script&gt;&amp;"
    assert escape("@octocat") == "@&#8203;octocat"
    assert escape("#12 and C#") == "#&#8203;12 and C#"
    assert escape("x\ny\r\tz") == "x y z"
    assert escape("*a* _b_ `c` [d] ~e~") == "\\*a\\* \\_b\\_ \\`c\\` \\[d\\] \\~e\\~"


def test_report_tables_survive_hostile_upstream_text():
    report = render_report(sample_run(), date="2026-01-02")
    rendered = html(report)
    assert "<img" not in rendered and "&lt;img src=x onerror=alert(1)&gt;" in rendered
    # No upstream markup takes effect: no bold tag, code span, emphasis or link from a message.
    assert "<b>" not in rendered and "<code>code</code>" not in rendered
    assert "<em>bold</em>" not in rendered and "*bold* [link](https" in rendered
    assert ">link</a>" not in rendered
    assert "@&#8203;octocat" in report and "@&#8203;everyone" in report
    assert "#&#8203;12" in report
    # Every table row has as many cells as its header: no pipe broke out of a cell.
    for table in re.findall(r"<table>.*?</table>", rendered, re.S):
        head = len(re.findall(r"<th[ >]", table))
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
        assert rows and all(len(re.findall(r"<td[ >]", row)) == head for row in rows)
    assert len(re.findall(r"<table>", rendered)) == 4  # summary, added, removed, changed


def test_report_summary_problems_and_details():
    report = render_report(sample_run(), date="2026-01-02")
    lines = report.splitlines()
    assert lines[0] == "# Error-code catalog refresh, 2026-01-02"
    assert "3 sources checked: 1 with changed codes, 1 with problems, 1 unchanged." in report
    assert "Breaking changes: **yes** (highest level: error)." in report
    assert "| `evil` | changed | +1 | −1 | ~1 | **yes** (error) |" in lines
    assert "| `down` | **failed** |  |  |  |  |" in lines
    assert "Unchanged: `quiet`." in lines
    assert "- **down** (failed): HTTP 503 &lt;b&gt;Service&lt;/b&gt; \\| Unavailable" in lines
    assert "## evil: Evil" in lines and "Entries: 2 → 2." in lines
    assert "### Added (1)" in lines and "### Removed (1)" in lines
    assert "### Changed (1 code)" in lines


def test_pr_body_fits_githubs_limit_and_points_to_the_report():
    big_old = Catalog(entries=tuple(Entry(str(i), messages=("m",)) for i in range(3000)))
    big_new = Catalog(entries=tuple(Entry(str(i), messages=("m" * 60,)) for i in range(3000)))
    run = RefreshRun((changed("big", big_old, big_new),))
    report = render_report(run, date="2026-01-02")
    assert github_length(report) > GITHUB_BODY_LIMIT
    body = pr_body(report, "reports/2026-01-02.md")
    assert github_length(body) <= GITHUB_BODY_LIMIT
    assert body.endswith("The full report is `reports/2026-01-02.md`.\n")
    assert body.startswith(report.split("## big")[0])  # the summary survives whole
    kept = body.split("\n\n---\n**Truncated**")[0]
    assert report.startswith(kept) and kept.endswith("|")  # cut between whole lines
    assert pr_body("short\n", "reports/x.md") == "short\n"


def test_pr_body_counts_what_github_counts():
    # Characters outside the BMP count twice for GitHub (UTF-16): 40,000 emoji exceed 65,536.
    report = "# r\n" + "😀😀😀😀\n" * 10_000
    assert len(report) < GITHUB_BODY_LIMIT < github_length(report)
    assert github_length(pr_body(report, "reports/x.md")) <= GITHUB_BODY_LIMIT


def test_json_form_and_labels():
    run = sample_run()
    data = json.loads(json.dumps(report_dict(run, date="2026-01-02", report_path="r.md")))
    assert data["changed"] is True and data["problems"] == 1
    assert (data["breaking"], data["level"]) == (True, "error")
    assert data["totals"] == {"sources": 3, "added": 1, "removed": 1, "changed": 1}
    evil = data["sources"][0]
    assert evil["status"] == "changed"
    assert {c["kind"] for c in evil["changes"]} == {"code-added", "code-removed", "message-added"}
    assert data["sources"][2]["detail"].startswith("HTTP 503")
    assert labels(run) == ["catalog-refresh", "breaking", "severity:error"]
    calm = RefreshRun((SourceResult(source("q"), "unchanged"),))
    assert labels(calm) == ["catalog-refresh"]


def test_diff_document_without_changes():
    same = Catalog(entries=(Entry("1"),))
    text = render_diff_document(diff_catalogs(same, same))
    assert text.endswith("No changes.\n") and "##" not in text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=3))
def test_any_upstream_text_stays_inside_its_cell(messages):
    row = "| 1 | " + " | ".join(escape(m) for m in messages) + " |"
    header = "| code | " + " | ".join("m" for _ in messages) + " |"
    rule = "|---|" + "---|" * len(messages)
    rendered = html("\n".join([header, rule, row]) + "\n")
    cells = re.findall(r"<td[ >]", rendered)
    assert len(cells) == len(messages) + 1
    assert "<" not in "".join(re.findall(r"<td>(.*?)</td>", rendered, re.S)).replace("<br", "")


def test_added_codes_show_their_description_only_where_documented():
    from errcat.report import render_diff

    plain = Catalog(entries=(Entry("1", messages=("a",)),))
    told = Catalog(entries=(*plain.entries, Entry("2", messages=("b",), description="Why <b>.")))
    text = render_diff(diff_catalogs(plain, told))
    assert "| code | surface | section | name | HTTP | messages | description |" in text
    assert "| 2 | rest | – | – | – | b | Why &lt;b&gt;. |" in text
    without = render_diff(diff_catalogs(Catalog(), plain))
    assert "| code | surface | section | name | HTTP | messages |" in without
