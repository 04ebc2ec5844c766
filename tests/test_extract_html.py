"""HTML pages read like their markdown: the rendered HTML of a document gives the same catalog."""

from __future__ import annotations

from pathlib import Path

import errcat
import pytest
from errcat.extract.parse.markdown import strip_front_matter
from markdown_it import MarkdownIt

from tests.conftest import FIXTURES, SEED_FILES

CORPUS = FIXTURES / "corpus"
# Gate.io's 2025-11-09_639d624f differs from its successor by one byte; rendering a 1.5 MB page
# twice more would only slow the suite down.
NEAR_DUPLICATES = {"gateio/coincise/2025-11-09_639d624f.md"}
MARKDOWN_DOCS = sorted(
    p
    for p in CORPUS.rglob("*.md")
    if p.parent.name != "expected"
    and p.name not in ("PROVENANCE.md", "README.md")
    and p.relative_to(CORPUS).as_posix() not in NEAR_DUPLICATES
)
RENDER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def rendered(text: str) -> str:
    """The page a static-site generator would publish: markdown-it's HTML in a body."""
    body = RENDER.render(strip_front_matter(text))
    return f"<!DOCTYPE html><html><body><main>{body}</main></body></html>"


def same_catalog(text: str) -> None:
    from_markdown = errcat.extract(text, "markdown")
    from_html = errcat.extract(rendered(text), "html")
    assert from_html.entries == from_markdown.entries


@pytest.mark.parametrize("source_id", sorted(SEED_FILES))
def test_seed_rendered_to_html_gives_the_same_catalog(source_id):
    same_catalog(SEED_FILES[source_id].read_text("utf-8"))


@pytest.mark.parametrize(
    "path", MARKDOWN_DOCS, ids=[p.relative_to(CORPUS).as_posix() for p in MARKDOWN_DOCS]
)
def test_corpus_markdown_rendered_to_html_gives_the_same_catalog(path: Path):
    same_catalog(path.read_text("utf-8"))


def test_corpus_has_markdown_documents():
    assert len(MARKDOWN_DOCS) >= 60


def test_unclosed_list_does_not_swallow_the_error_section():
    # Slate pages with an unclosed nested <ul>: lxml nests the rest of the page into it.
    page = (
        "<h2>Price</h2><p><ul><li>Must be a multiple<ul><li>See the symbol endpoint</li></ul>"
        "</p><h2>LT status</h2><ul><li><code>1</code> - Completed</li></ul>"
        "<h1>Errors</h1><h2>-1000</h2><p>An unknown error occurred.</p>"
        "<h2>-1001</h2><p>Request failed.</p>"
    )
    cat = errcat.extract(page, "html")
    assert [(e.code, e.group, e.messages) for e in cat] == [
        ("-1000", "Errors", ("An unknown error occurred.",)),
        ("-1001", "Errors", ("Request failed.",)),
    ]


def test_struck_html_heading_and_row_are_deprecated():
    page = (
        "<h1>Errors</h1><h3><del>-1099 OLD_CODE</del></h3><ul><li>Gone.</li></ul>"
        "<table><tr><th>Code</th><th>Message</th></tr>"
        "<tr><td><s>50001</s></td><td>Old</td></tr><tr><td>50002</td><td>New</td></tr></table>"
    )
    cat = errcat.extract(page, "html")
    assert [(e.code, e.deprecated) for e in cat] == [
        ("-1099", True),
        ("50001", True),
        ("50002", False),
    ]


def test_definition_lists_under_an_error_heading():
    page = (
        "<h2>Responses</h2><dl><dt>200 OK</dt><dd>Success.</dd><dt>limit</dt><dd>Max rows</dd></dl>"
        "<h2>Error codes</h2><dl><dt>-1000 UNKNOWN</dt><dd>An unknown error.</dd>"
        "<dt><del>-1001</del></dt><dd>Disconnected.</dd></dl>"
    )
    cat = errcat.extract(page, "html")
    assert [(e.code, e.name, e.group, e.messages, e.deprecated) for e in cat] == [
        ("-1000", "UNKNOWN", "Error codes", ("An unknown error.",), False),
        ("-1001", None, "Error codes", ("Disconnected.",), True),
    ]


MERGED = """<!DOCTYPE html><html><body><h1>Error codes</h1>
<table>
<tr><th>HTTP status</th><th>Code</th><th>Message</th></tr>
<tr><td colspan="3"><strong>Request errors</strong></td></tr>
<tr><td rowspan="2">400</td><td>P1001</td><td>Missing parameter</td></tr>
<tr><td>P1002</td><td>Invalid parameter value</td></tr>
<tr><td colspan="3"><strong>Trading errors</strong></td></tr>
<tr><td rowspan="2">422</td><td>T2001</td><td>Insufficient balance</td></tr>
<tr><td>T2002</td><td>Order not found</td></tr>
</table>
<h2>Account</h2>
<table><tr><th>Module</th><th>Code</th><th>Message</th></tr>
<tr><td rowspan="2">Account</td><td>20001</td><td>Account does not exist</td></tr>
<tr><td>20002</td><td>Account frozen</td></tr></table>
</body></html>"""


@pytest.mark.parametrize("fast", [True, False])
def test_merged_cells_sit_in_the_columns_they_cover(fast):
    # read cell by cell, a row under a rowspan shifted left (the message in the status column)
    # and a title row across the table read as a code
    cat = errcat.extract(MERGED, "html", meaning=False, fast=fast)
    assert [(e.code, e.http_status, e.group, e.messages) for e in cat] == [
        ("P1001", 400, "Request errors", ("Missing parameter",)),
        ("P1002", 400, "Request errors", ("Invalid parameter value",)),
        ("T2001", 422, "Trading errors", ("Insufficient balance",)),
        ("T2002", 422, "Trading errors", ("Order not found",)),
        ("20001", None, "Account", ("Account does not exist",)),
        ("20002", None, "Account", ("Account frozen",)),
    ]


def test_a_hostile_span_makes_no_huge_grid():
    from errcat.extract.parse.grid import MAX_WIDTH
    from errcat.extract.parse.html import blocks_from_html
    from errcat.extract.parse.lxml_html import html_blocks

    page = (
        '<h1>Error codes</h1><table><tr><th colspan="999999999">Code</th><th>Message</th></tr>'
        '<tr><td rowspan="999999999">1001</td><td colspan="x">Bad</td></tr>'
        "<tr><td>Worse</td></tr></table>"
    )
    for blocks in (html_blocks(page), blocks_from_html(page)):
        (table,) = [b for b in blocks if b.kind == "table"]
        # as many rows as the page has, none wider than the bound
        assert len(table.rows) == 3 and max(len(r) for r in table.rows) == MAX_WIDTH
        # the code spans down into the last row, as a browser draws it
        assert table.rows[1][:2] == ("1001", "Bad") and table.rows[2][:2] == ("1001", "Worse")


@pytest.mark.parametrize("fast", [True, False])
def test_a_definition_list_ends_with_its_last_definition(fast):
    # the note after </dl> and the page's footer were the last code's messages
    page = (
        "<html><body><main><h1>Error codes</h1><dl><dt>10001</dt><dd>Invalid symbol</dd>"
        "<dt>10002</dt><dd>Bad timestamp</dd></dl><p>Contact support if it persists.</p>"
        "</main><footer>© Example Exchange</footer></body></html>"
    )
    cat = errcat.extract(page, "html", meaning=False, fast=fast)
    assert [(e.code, e.messages) for e in cat] == [
        ("10001", ("Invalid symbol",)),
        ("10002", ("Bad timestamp",)),
    ]


TABS = {
    # Docusaurus: a tablist of tabs over tabpanels (the hidden one too)
    "docusaurus": '<div class="tabs-container"><ul role="tablist"><li role="tab">REST</li>'
    '<li role="tab">WebSocket</li></ul><div><div role="tabpanel">{rest}</div>'
    '<div role="tabpanel" hidden="">{ws}</div></div></div>',
    # MkDocs Material: labels over blocks, radio inputs beside them
    "mkdocs": '<div class="tabbed-set"><input type="radio" checked><input type="radio">'
    '<div class="tabbed-labels"><label>REST</label><label>WebSocket</label></div>'
    '<div class="tabbed-content"><div class="tabbed-block">{rest}</div>'
    '<div class="tabbed-block">{ws}</div></div></div>',
    # MkDocs's older tabs: label and content in turn
    "mkdocs-legacy": '<div class="tabbed-set"><input type="radio"><label>REST</label>'
    '<div class="tabbed-content">{rest}</div><input type="radio"><label>WebSocket</label>'
    '<div class="tabbed-content">{ws}</div></div>',
}


def _table(*rows: tuple[str, str]) -> str:
    body = "".join(f"<tr><td>{c}</td><td>{m}</td></tr>" for c, m in rows)
    return f"<table><tr><th>Code</th><th>Message</th></tr>{body}</table>"


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("site", sorted(TABS))
def test_tabs_title_their_panels_and_say_the_surface(site, fast):
    # both tabs' tables were one group, all "rest", the same code's two meanings merged
    tabs = TABS[site].format(
        rest=_table(("4001", "Missing parameter"), ("4003", "Order not found")),
        ws=_table(("4001", "Unknown channel")),
    )
    page = (
        f"<html><body><main><h2>Error codes</h2>{tabs}"
        f"<h2>Other errors</h2><p>Listed once.</p>{_table(('5001', 'Busy'))}</main></body></html>"
    )
    cat = errcat.extract(page, "html", meaning=False, fast=fast)
    assert [(e.code, e.surface, e.group, e.messages) for e in cat] == [
        ("4001", "rest", "REST", ("Missing parameter",)),
        ("4003", "rest", "REST", ("Order not found",)),
        ("4001", "websocket", "WebSocket", ("Unknown channel",)),
        ("5001", "rest", "Other errors", ("Busy",)),
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_after_a_set_of_tabs_the_heading_titles_again(fast):
    page = (
        "<html><body><h2>Error codes</h2>"
        + TABS["docusaurus"].format(rest=_table(("1", "A")), ws=_table(("2", "B")))
        + _table(("3", "C"))
        + "</body></html>"
    )
    cat = errcat.extract(page, "html", meaning=False, fast=fast)
    assert [(e.code, e.surface, e.group) for e in cat] == [
        ("1", "rest", "REST"),
        ("2", "websocket", "WebSocket"),
        ("3", "rest", "Error codes"),
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_tabs_and_panels_that_do_not_pair_are_read_as_before(fast):
    # three labels, two panels: no pairing is guessed
    page = (
        '<html><body><h2>Error codes</h2><div><ul role="tablist"><li role="tab">A</li>'
        '<li role="tab">B</li><li role="tab">C</li></ul>'
        f'<div role="tabpanel">{_table(("1", "X"))}</div>'
        f'<div role="tabpanel">{_table(("2", "Y"))}</div></div></body></html>'
    )
    cat = errcat.extract(page, "html", meaning=False, fast=fast)
    assert [e.code for e in cat] == ["1", "2"]
    assert {e.surface for e in cat} == {"rest"}


@pytest.mark.parametrize("fast", [True, False])
def test_a_table_drawn_with_aria_roles_is_a_table(fast):
    # GitBook draws its tables as divs: role="table" of rows of columnheader/cell
    def row(role: str, *texts: str) -> str:
        cells = "".join(f'<div role="{role}"><p>{t}</p></div>' for t in texts)
        return f'<div role="row">{cells}</div>'

    page = (
        '<html><body><main><h2>Order errors</h2><div role="table">'
        f'<div role="rowgroup">{row("columnheader", "Code", "Message", "HTTP Status")}</div>'
        f'<div role="rowgroup">{row("cell", "61001", "Order amount too small", "400")}'
        f"{row('cell', '61003', 'Order already cancelled', '409')}</div></div></main></body></html>"
    )
    cat = errcat.extract(page, "html", meaning=False, fast=fast)
    assert [(e.code, e.group, e.http_status, e.messages) for e in cat] == [
        ("61001", "Order errors", 400, ("Order amount too small",)),
        ("61003", "Order errors", 409, ("Order already cancelled",)),
    ]


def test_spans_repeat_a_bounded_amount_of_text():
    from errcat.extract.parse.grid import MIN_COPIES, lay_out

    # one 10 kB cell over 4000 rows: 40 MB of messages from a 100 kB page, before
    rows = [[("1", 1, 1), ("y" * 10_000, 65534, 1)]] + [[(str(i), 1, 1)] for i in range(2, 4000)]
    grid = lay_out(rows)
    assert len(grid) == 3999 and grid[1] == ("2", "y" * 10_000)
    repeated = sum(len(r[1]) for r in grid[1:] if len(r) > 1)
    assert repeated <= max(MIN_COPIES, 4 * (10_000 + 4000 * 4))
    # column spans too: a page of cells that each span a hundred columns
    wide = lay_out([[("x", 1, 100)] for _ in range(100_000)])
    assert sum(len(r) for r in wide) <= 100_000 + 4 * 100_000 + MIN_COPIES


@pytest.mark.parametrize("fast", [True, False])
def test_an_aria_table_s_rows_are_its_own(fast):
    # a table in a cell: its rows were rows of the outer table too (and nesting made the text
    # of every level grow with the square of the depth)
    inner = '<div role="table"><div role="row"><div role="cell">9</div></div></div>'
    page = (
        '<h1>Errors</h1><div role="table"><div role="row"><div role="columnheader">Code</div>'
        '<div role="columnheader">Message</div></div><div role="row"><div role="cell">1001'
        f'</div><div role="cell">Bad {inner}</div></div></div>'
    )
    from errcat.extract.parse import fast_blocks, to_blocks

    blocks = (fast_blocks if fast else to_blocks)(page, "html")
    assert [len(b.rows) for b in blocks if b.kind == "table"] == [2]


def test_a_cell_laid_over_a_span_from_above_ends_the_span():
    from errcat.extract.parse.grid import lay_out

    # the span's text bled into the next row and shifted its cells
    grid = lay_out([[("A", 1, 1), ("B", 2, 1)], [("C", 1, 2)], [("D", 1, 1), ("E", 1, 1)]])
    assert grid == [("A", "B"), ("C", ""), ("D", "E")]


@pytest.mark.parametrize("fast", [True, False])
def test_block_elements_in_a_minified_cell_stay_apart(fast):
    # "<p>Invalid key.</p><p>Check it</p>" read "Invalid key.Check it"; two codes, one number
    page = (
        "<html><body><h2>Error codes</h2><table><tr><th>Code</th><th>Message</th></tr>"
        "<tr><td><p>2003</p><p>2004</p></td><td><p>Invalid key.</p><p>Check it</p></td></tr>"
        "<tr><td>2005</td><td><div>Busy,</div><div>retry</div></td></tr>"
        "<tr><td><code>2006</code></td><td>Plain <b>bold</b></td></tr></table>"
        '<h2>More errors</h2><div role="table"><div role="row">'
        '<div role="columnheader">Code</div><div role="columnheader">Message</div></div>'
        '<div role="row"><div role="cell"><p>3001</p></div>'
        '<div role="cell"><p>Amount too small.</p><p>See the filters</p></div></div>'
        "</div></body></html>"
    )
    cat = errcat.extract(page, "html", meaning=False, fast=fast)
    assert [(e.code, e.messages) for e in cat] == [
        ("2003", ("Invalid key. Check it",)),
        ("2004", ("Invalid key. Check it",)),
        ("2005", ("Busy, retry",)),
        ("2006", ("Plain bold",)),
        ("3001", ("Amount too small. See the filters",)),
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_a_note_row_across_a_table_is_no_row_of_codes(fast):
    # the note made the code column irregular: the HTTP statuses became the codes, merged
    def table(caption: str, note: str) -> str:
        return (
            f"<table><caption>{caption}</caption><thead><tr><th>Code</th><th>HTTP</th>"
            "<th>Message</th></tr></thead><tbody>"
            "<tr><td>110</td><td>401</td><td>Session token missing</td></tr>"
            "<tr><td>111</td><td>401</td><td>Session token expired</td></tr></tbody>"
            f"{note}</table>"
        )

    page = (
        "<html><body><h1>Error codes</h1>"
        + table("Session errors", '<tfoot><tr><td colspan="3">See the guide.</td></tr></tfoot>')
        + table("Wallet errors", '<tr><td colspan="3">Codes 113-119 are reserved.</td></tr>')
        + "</body></html>"
    )
    cat = errcat.extract(page, "html", meaning=False, fast=fast)
    rows = [("110", 401, ("Session token missing",)), ("111", 401, ("Session token expired",))]
    assert [(e.group, e.code, e.http_status, e.messages) for e in cat] == [
        (group, *row) for group in ("Session errors", "Wallet errors") for row in rows
    ]


DISCLOSURES_HTML = """<html><body><h1>Error codes</h1><h2>Custody</h2>
<details><summary><code>CU-4001</code> Vault not found</summary>
<p>The vault does not belong to your organisation.</p></details>
<details><summary><code>CU-4002</code> Quorum not reached</summary>
<p>Needs 2 of 3 signers.</p></details>
<p>Contact support for anything else.</p>
<details><summary>Wallet errors</summary>
<table><tr><th>Code</th><th>Message</th></tr><tr><td>5001</td><td>No such wallet</td></tr></table>
</details></body></html>"""

DISCLOSURES_MARKDOWN = """# Error codes

## Custody

<details>
<summary><code>CU-4001</code> Vault not found</summary>

The vault does not belong to your organisation.

</details>
<details>
<summary><code>CU-4002</code> Quorum not reached</summary>

Needs 2 of 3 signers.

</details>

Contact support for anything else.

<details>
<summary>Wallet errors</summary>

| Code | Message |
|---|---|
| 5001 | No such wallet |

</details>
"""


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("page", [DISCLOSURES_HTML, DISCLOSURES_MARKDOWN])
def test_a_disclosure_s_summary_heads_what_it_hides(page, fast):
    # <details><summary>CU-4001 Vault not found</summary>…: nothing was read; the text after
    # the last disclosure is no code's, and a summary over a table titles it
    cat = errcat.extract(page, meaning=False, fast=fast)
    assert [(e.code, e.group, e.name, e.messages) for e in cat] == [
        (
            "CU-4001",
            "Custody",
            "Vault not found",
            ("The vault does not belong to your organisation.",),
        ),
        ("CU-4002", "Custody", "Quorum not reached", ("Needs 2 of 3 signers.",)),
        ("5001", "Wallet errors", None, ("No such wallet",)),
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_mdx_accordions_are_disclosures(fast):
    page = """# Errors

## Withdrawal errors

<AccordionGroup>
  <Accordion title="90001 · Withdrawal address not whitelisted">
    Add the address to the whitelist in the dashboard and wait 24 hours.
  </Accordion>
  <Accordion title="90002 | Withdrawal amount exceeds the daily limit">
    Limits reset at 00:00 UTC.
  </Accordion>
</AccordionGroup>

Contact support for anything else.
"""
    cat = errcat.extract(page, meaning=False, fast=fast)
    assert [(e.code, e.group) for e in cat] == [
        ("90001", "Withdrawal errors"),
        ("90002", "Withdrawal errors"),
    ]
    texts = [" / ".join(filter(None, (e.name, *e.messages))) for e in cat]
    assert texts == [
        "Withdrawal address not whitelisted / Add the address to the whitelist in the dashboard"
        " and wait 24 hours.",
        "Withdrawal amount exceeds the daily limit / Limits reset at 00:00 UTC.",
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_a_caption_titles_its_own_table_without_number_or_permalink(fast):
    page = (
        '<h1>Error codes<a class="headerlink" href="#error-codes">¶</a></h1>'
        '<table><caption><span class="caption-number">Table 1 </span>'
        '<span class="caption-text">WebSocket error codes</span>'
        '<a class="headerlink" href="#id1">¶</a></caption>'
        "<tr><th>Code</th><th>Message</th></tr><tr><td>1001</td><td>Invalid key</td></tr></table>"
        "<table><tr><th>Code</th><th>Message</th></tr>"
        '<tr><td>2001</td><td>Order not found</td></tr><tr><td colspan="2">See the guide</td></tr>'
        "</table><table><tr><th>Code</th><th>Message</th></tr>"
        "<tr><td>3001</td><td>No wallet</td></tr></table>"
    )
    cat = errcat.extract(page, "html", meaning=False, fast=fast)
    assert [(e.code, e.surface, e.group) for e in cat] == [
        ("1001", "websocket", "WebSocket error codes"),
        ("2001", "rest", "Error codes"),
        ("3001", "rest", "Error codes"),  # the note under the last row titles nothing
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_a_sphinx_field_list_under_a_term_and_fields_over_a_br(fast):
    # invented Sphinx and MkDocs builds: "<dt>HTTP status:</dt><dd>401</dd>" fields below the
    # code's term (its permalink sign dropped), "HTTP status: 401<br>errmsg: …" below a heading
    page = (
        "<h1>Error codes</h1><dl><dt>1001 — <code>KEY_NOT_FOUND</code>"
        '<a class="headerlink" href="#e1001">&#182;</a></dt><dd><dl class="field-list">'
        "<dt>HTTP status:</dt><dd><p>401</p></dd><dt>Messages:</dt><dd><ul><li>API key not found"
        "</li><li>Key revoked</li></ul></dd></dl></dd></dl>"
        "<h3>10010 · ERR_AUTH_HEADER_MISSING</h3><p><strong>HTTP status:</strong> 401<br>\n"
        "<strong>errmsg:</strong> <code>Missing X-NBX-KEY header</code></p>"
        "<p><strong>Fix:</strong> Send the key header.</p>"
    )
    cat = errcat.extract(page, "html", meaning=False, fast=fast)
    assert [(e.code, e.name, e.http_status, e.messages, e.description) for e in cat] == [
        ("1001", "KEY_NOT_FOUND", 401, ("API key not found", "Key revoked"), None),
        ("10010", "ERR_AUTH_HEADER_MISSING", 401, ("Missing X-NBX-KEY header",),
         "Send the key header."),
    ]  # fmt: skip
