"""Reports: untrusted upstream text escaped, GitHub's body limit kept, JSON form, labels."""

from __future__ import annotations

import json
import re

from errcat.diff import diff_catalogs
from errcat.model import Catalog, Entry
from errcat.refresh import RefreshRun, SourceResult
from errcat.report import (
    GITHUB_BODY_LIMIT,
    PR_CELL_LIMIT,
    escape,
    github_length,
    labels,
    pr_body,
    render_diff,
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
    small_old = Catalog(entries=(Entry("1"),))
    small_new = Catalog(entries=(Entry("1"), Entry("2", messages=("new one",))))
    run = RefreshRun((changed("big", big_old, big_new), changed("small", small_old, small_new)))
    report = render_report(run, date="2026-01-02")
    assert github_length(report) > GITHUB_BODY_LIMIT
    body = pr_body(report, "reports/2026-01-02.md")
    assert github_length(body) <= GITHUB_BODY_LIMIT
    assert body.endswith("The full report is `reports/2026-01-02.md`.\n")
    assert body.startswith(report.split("## big")[0])  # the summary survives whole
    # The source too big for the body is left out whole and named; the next one is there whole.
    assert "## big" not in body and "left out here: big." in body
    small = "## small" + report.split("## small")[1]
    assert small in body
    assert pr_body("short\n", "reports/x.md") == "short\n"


def test_one_long_message_does_not_decide_the_pr_body():
    # Defect 9: a 100k-character message made the cut fall inside the first source.
    long = "x" * 100_000
    first_new = Catalog(
        entries=(
            Entry("1", messages=(long,)),
            *(Entry(str(i), messages=("m",)) for i in range(2, 51)),
        )
    )
    second_new = Catalog(entries=(Entry("7"), Entry("8", messages=("second source",))))
    run = RefreshRun(
        (
            changed("first", Catalog(), first_new),
            changed("second", Catalog(entries=(Entry("7"),)), second_new),
        )
    )
    report = render_report(run, date="2026-01-02")
    assert long in report  # the report file keeps everything
    capped = render_report(run, date="2026-01-02", cell_limit=PR_CELL_LIMIT)
    body = pr_body(capped, "reports/x.md")
    assert body == capped  # fits whole once cells are capped
    assert "x" * (PR_CELL_LIMIT - 1) + "…" in body and "x" * PR_CELL_LIMIT not in body
    added = [line for line in body.splitlines() if re.match(r"^\| \d+ \| rest", line)]
    assert len(added) == 51  # all 50 rows of the first source, and the second's
    assert "second source" in body


def test_cell_cap_applies_to_every_list_item_and_counts_what_is_left():
    many = Catalog(entries=(Entry("1", messages=tuple(f"message {i:03}" for i in range(100))),))
    text = render_diff(diff_catalogs(Catalog(), many), cell_limit=50)
    row = next(line for line in text.splitlines() if line.startswith("| 1 |"))
    assert "message 000" in row and "message 099" not in row and "more)" in row


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


def test_every_column_of_the_report_is_escaped():
    # Hostile text in the code, section, name and exchange, not only in the messages.
    evil = "<b>x</b> | @octocat #1 https://evil.example GH-2 \u202e"
    entry = Entry(evil, group=evil, name=evil, http_status=None, messages=(evil,))
    src = Source(id="evil", exchange=evil, url="https://example.invalid/e")
    diff = diff_catalogs(Catalog(), Catalog(entries=(entry,)))
    run = RefreshRun((SourceResult(src, "changed", diff=diff, entries=1, previous_entries=0),))
    report = render_report(run, date="2026-01-02")
    rendered = html(report)
    assert "<b>" not in rendered
    assert "@octocat" not in report and "#1 " not in report
    assert "https://evil" not in report and "GH-2" not in report
    assert "\u202e" not in report and "[U+202E" in report.replace("\\", "")
    row = next(line for line in report.splitlines() if line.startswith("| &lt;b"))
    assert row.count(" | ") == 5  # six cells: nothing broke out of its cell
    assert report.count("&lt;b&gt;x&lt;/b&gt;") == 5  # code, section, name, message, exchange


# (a new source has no previous files: "were kept" was wrong there)
KEPT = (
    "Nothing of these sources was written: their snapshot and catalog, if they have any, are "
    "as they were."
)


def test_problems_say_when_files_were_not_kept():
    run = RefreshRun(
        (
            SourceResult(source("a"), "failed", detail="cannot write catalog", kept=False),
            SourceResult(source("b"), "failed", detail="HTTP 500"),
        )
    )
    report = render_report(run, date="2026-01-02")
    assert "Nothing of these sources was written" not in report
    assert "- **a** (failed): cannot write catalog **Files not kept" in report
    only_kept = render_report(RefreshRun(run.results[1:]), date="2026-01-02")
    assert KEPT in only_kept


def test_page_changed_and_repaired_are_reported_not_called_unchanged():
    same = Catalog(entries=(Entry("1"),))
    diff = diff_catalogs(same, same)
    page = SourceResult(source("p"), "page-changed", diff=diff, entries=1, previous_entries=1)
    fixed = SourceResult(
        source("r"), "repaired", detail="snapshot missing; both rewritten", diff=diff
    )
    report = render_report(RefreshRun((page, fixed)), date="2026-01-02")
    assert "| `p` | page changed, codes unchanged |" in report
    assert "| `r` | repaired (snapshot and catalog were out of step) |" in report
    assert "Unchanged:" not in report
    assert "Repaired: snapshot missing; both rewritten." in report


def test_cell_cap_applies_to_code_section_and_name_too():
    long = "y" * 5000
    entry = Entry("9" * 5000, group=long, name=long.upper(), messages=("short",))
    text = render_diff(diff_catalogs(Catalog(), Catalog(entries=(entry,))), cell_limit=40)
    row = next(line for line in text.splitlines() if line.startswith("| 999"))
    assert len(row) < 250
    assert "9" * 39 + "…" in row and "y" * 39 + "…" in row and "Y" * 39 + "…" in row
    full = render_diff(diff_catalogs(Catalog(), Catalog(entries=(entry,))))
    assert "9" * 5000 in full  # no cap unless asked: the report file keeps everything


def test_added_codes_show_their_description_only_where_documented():
    from errcat.report import render_diff

    plain = Catalog(entries=(Entry("1", messages=("a",)),))
    told = Catalog(entries=(*plain.entries, Entry("2", messages=("b",), description="Why <b>.")))
    text = render_diff(diff_catalogs(plain, told))
    assert "| code | surface | section | name | HTTP | messages | description |" in text
    assert "| 2 | rest | – | – | – | b | Why &lt;b&gt;. |" in text
    without = render_diff(diff_catalogs(Catalog(), plain))
    assert "| code | surface | section | name | HTTP | messages |" in without


def test_report_sections_in_order_with_what_each_source_needs():
    """Summary, problems, notes, then one section per source whose page or pair changed."""
    run = RefreshRun(
        (
            SourceResult(source("moved"), "page-changed", entries=4, previous_entries=4),
            SourceResult(
                source("mended"),
                "repaired",
                detail="catalog missing",
                entries=2,
                previous_entries=None,
            ),
            SourceResult(source("noted"), "unchanged", warnings=("override for 9 unused",)),
            SourceResult(source("down"), "failed", detail="HTTP 503", kept=True),
        )
    )
    report = render_report(run, date="2026-01-02")
    heads = [line for line in report.splitlines() if line.startswith("#")]
    assert heads == [
        "# Error-code catalog refresh, 2026-01-02",
        "## Problems",
        "## Notes",
        "## moved: Moved",
        "## mended: Mended",
    ]
    moved = report.split("## moved: Moved")[1].split("## mended")[0]
    assert "Upstream: <https://example.invalid/moved>" in moved
    assert "Entries: 4 → 4." in moved
    assert "The page changed but its error codes did not; snapshot updated." in moved
    mended = report.split("## mended: Mended")[1]
    assert "Repaired: catalog missing." in mended and "Entries:" not in mended
    assert "snapshot and catalog rewritten as a pair" in mended
    assert "The page changed" not in mended
    assert "- **noted**: override for 9 unused" in report
    assert "- **down** (failed): HTTP 503" in report
    assert KEPT in report
    # A source with a warning is news (in the table), not one of the quiet ones.
    assert "| `noted` |" in report and "Unchanged:" not in report
    assert "4 sources checked: 0 with changed codes, 1 with problems, 0 unchanged." in report
