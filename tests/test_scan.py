"""The fast path gives exactly the blocks and the catalog of the full parse.

Every seed, every corpus document and every source snapshot is extracted both ways; generated
documents mixing the shapes that make cutting a markdown page hard (fences with blank lines,
loose lists, HTML blocks, setext headings, code-like lines in code samples) too. The blocks are
compared, not only the catalogs: the fast path knows nothing of the readers, so a reader added
later can only see the same catalog on both paths if it sees the same blocks.
"""

from __future__ import annotations

import json
from pathlib import Path

import errcat
import pytest
from errcat.extract.parse import detect_format, fast_blocks, pieces, to_blocks
from errcat.normalize import decode
from errcat.sources import load_sources
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.conftest import FIXTURES, ROOT, SEED_FILES

CORPUS = FIXTURES / "corpus"
DEFAULT_SMALL = pieces._SMALL


@pytest.fixture(autouse=True)
def _cut_small_documents_too(monkeypatch):
    # Pages under pieces._SMALL are built whole (tested below); here every document is cut
    # into pieces, which is what these tests are about.
    monkeypatch.setattr(pieces, "_SMALL", 0)


def corpus_files() -> list[Path]:
    manifest = CORPUS / "manifest.json"
    if not manifest.exists():
        return []
    return [CORPUS / item["file"] for item in json.loads(manifest.read_text(encoding="utf-8"))]


def both(document: bytes | str, **kwargs) -> tuple[errcat.Catalog, errcat.Catalog]:
    """The catalogs of both paths, after checking that both gave the readers the same blocks."""
    text = decode(document) if isinstance(document, bytes) else document
    if text.strip():
        format = kwargs.get("format", "auto")
        format = detect_format(text) if format == "auto" else format
        assert fast_blocks(text, format) == to_blocks(text, format)
    return errcat.extract(document, fast=True, **kwargs), errcat.extract(
        document, fast=False, **kwargs
    )


@pytest.mark.parametrize("path", SEED_FILES.values(), ids=SEED_FILES.keys())
def test_seed_fast_equals_full(path: Path):
    fast, full = both(path.read_bytes())
    assert full.entries  # the comparison means something
    assert fast == full


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_fast_equals_full(path: Path):
    fast, full = both(path.read_bytes(), name=str(path))
    assert fast == full


_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def rendered_docs() -> list[Path]:
    """The corpus markdown documents, one of the three near-identical 1.5 MB Gate.io pages."""
    docs = [p for p in corpus_files() if p.suffix == ".md"]
    gate = sorted((p for p in docs if "gateio" in p.parts), key=lambda p: p.stat().st_size)
    return [p for p in docs if p not in gate[1:]]


@pytest.mark.parametrize("path", rendered_docs(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus_rendered_to_html_fast_equals_full(path: Path):
    # Whole-API pages in HTML: what the HTML fast path is for, beyond the four Bybit pages.
    fast, full = both(_MD.render(path.read_text(encoding="utf-8")), format="html")
    assert fast == full


def test_corpus_is_present():
    # The parametrised test above is empty (and proves nothing) without the corpus copy.
    assert len(corpus_files()) >= 70


@pytest.mark.parametrize("source", load_sources(ROOT / "sources"), ids=lambda s: s.id)
def test_source_snapshot_fast_equals_full_with_its_options(source):
    # Sources pin sections and name WebSocket titles: the section state must survive the cut.
    document = source.snapshot.read_bytes()
    fast, full = both(document, format=source.format, options=source.options)
    assert fast == full


def test_whole_api_documents_are_mostly_built_without_markdown_it(monkeypatch):
    """The point of the fast path: on a 1.5 MB whole-API page, markdown-it reads a small part."""
    big = max(corpus_files(), key=lambda p: p.stat().st_size)
    text = big.read_text(encoding="utf-8")
    parsed: list[int] = []
    parse = pieces._parse
    monkeypatch.setattr(
        pieces, "_parse", lambda source, html: parsed.append(len(source)) or parse(source, html)
    )
    assert pieces.markdown_blocks(text) == to_blocks(text, "markdown")
    assert 0 < sum(parsed) < len(text) / 10
    assert max(parsed) < 4 * pieces._RUN  # in runs: the token tree of the page never exists


# --- the cut itself ---------------------------------------------------------------------------


def test_blank_lines_inside_a_fence_are_not_cuts():
    doc = "# API\n\n```\nsample\n\n## -1000 UNKNOWN\n\n```\n\n# Errors\n\n## -1121 BAD_SYMBOL\n"
    fast, full = both(doc)
    assert [e.code for e in full] == ["-1121"]
    assert fast == full


def test_html_comment_spanning_blank_lines_is_kept_whole():
    doc = "# Errors\n\n<!--\n\n## -1 HIDDEN\n\n-->\n\n## -1121 BAD_SYMBOL\n\n* Invalid symbol.\n"
    fast, full = both(doc)
    assert [e.code for e in full] == ["-1121"]
    assert fast == full


@pytest.mark.parametrize(
    ("doc", "codes"),
    [
        # a list item's fence line does not close a top-level fence (found by the fuzzer)
        ("```javascript\n{\n* ```\n\n## -1000 UNKNOWN\n\n* Oops.\n\n```\n\n"
         "## -1001 DISCONNECTED\n", ["-1001"]),
        # a fence line inside an HTML block is raw HTML, not a fence
        ("<div>\n```\n</div>\n\ntext\n\n```\ncode\n\n## -1 X\n```\n\n## -1121 BAD_SYMBOL\n",
         ["-1121"]),
        ("<div>\n<!--\n\n```\ncode\n-->\n\n## -1000 UNKNOWN\n\n```\n\n## -1121 BAD\n", ["-1121"]),
        # an indented fence inside a list item, closed early by a line at column 0
        ("- item\n\n  ```\n  code\n\ntext at col 0\n  ```\nmore\n\n## -1000 UNKNOWN\n\n```\n\n"
         "## -1001 DISCONNECTED\n", ["-1001"]),
        # a quoted fence closed by the quote's end; a fence interrupting a paragraph
        ("> ```\n> code\n```\n\n## -1000 UNKNOWN\n\n```\n\n## -1001 DISCONNECTED\n", ["-1001"]),
        ("para\n<span>\n```\n\n## -1000 UNKNOWN\n\n```\n\n## -1001 DISCONNECTED\n", ["-1001"]),
        # fence lines inside a block-level HTML element are raw HTML (WhiteBIT's <details>)
        ("<details>\n<summary><b>Errors:</b></summary>\n```json\n{}\n\n## -1000 UNKNOWN\n\n"
         "```\n\n## -1 X\n\n```\n\n## -1001 DISCONNECTED\n", ["-1000", "-1001"]),
        # an indented HTML block in a list item ends with the item: the fence after it at
        # column 0 is one, and runs to the end (found by the generated pages)
        ("- 30 - default validation error\n  <div>\n```\n\n###### -1003 DEEP\n", ["30"]),
        # only spaces and tabs may follow a closing fence: a no-break space leaves it open
        ("```\nx\n```\u00a0\n\n## -1000 UNKNOWN\n\n* x\n", []),
        ("```\nx\n```\x0b\n\n## -1000 UNKNOWN\n\n* x\n", []),
        ("```\nx\n``` \t\n\n## -1000 UNKNOWN\n\n* x\n", ["-1000"]),
    ],
)  # fmt: skip
def test_fences_and_html_blocks_are_tracked_like_markdown_it(doc: str, codes: list[str]):
    fast, full = both("# Errors\n\n" + doc)
    assert [e.code for e in full] == codes
    assert fast == full


@pytest.mark.parametrize("runs", [0, 1, 31, 32, 33, 200])
def test_fences_full_of_fence_runs_close_where_markdown_it_closes_them(runs: int):
    # Runs of backticks that close nothing (inline, indented, with an info string, too short)
    # and, past the first 32, the line-by-line search that takes over.
    noise = ["`x` and ```y```", "    ```", "```js", " ``", "a ```", "~~~"]
    body = "".join(noise[k % len(noise)] + "\n" for k in range(runs))
    doc = f"# Errors\n\n````md\n{body}```\n````\n\n## -1000 UNKNOWN\n\n* Oops.\n"
    fast, full = both(doc)
    assert [e.code for e in full] == ["-1000"]
    assert fast == full


def test_every_piece_is_offered_in_one_stretch_only(monkeypatch):
    """Where a stretch stops, the rest of it goes piece by piece: on a page of pieces that are
    not plain (setext headings, for markdown-it), no piece is read again in a later stretch."""
    doc = "Title\n=====\n\n" * 3000  # over the size built in one go: cut into 3,000 pieces
    offered: list[int] = []
    stretch = pieces.stretch_blocks

    def counted(text: str, starts, **kwargs):
        offered.append(len(starts))
        return stretch(text, starts, **kwargs)

    monkeypatch.setattr(pieces, "stretch_blocks", counted)
    assert pieces.markdown_blocks(doc) == to_blocks(doc, "markdown")
    assert sum(offered) == len(pieces.pieces(doc).pieces) == 3000
    assert len(offered) < 20  # stretches of about 16 kB


@pytest.mark.parametrize(
    "doc",
    [
        "```\n" + "```js\n" * 1000,  # only fence lines with an info string: none closes it
        "# Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n\n~~~ json\n{\n\n  \n",
        "[x]: /url\n\n[1][x] - Bad\n\n```\nq",  # link definitions: the fence in the run
    ],
)
def test_fence_open_to_the_end_is_read_without_markdown_it(monkeypatch, doc: str):
    parsed: list[str] = []
    parse = pieces._parse

    def counted(source: str, html):
        parsed.append(source)
        return parse(source, html)

    monkeypatch.setattr(pieces, "_parse", counted)
    blocks = pieces.markdown_blocks(doc)
    assert blocks == to_blocks(doc, "markdown")
    assert blocks[-1].kind == "code"
    assert all("```js" not in source for source in parsed)


def _closing_fence_by_lines(text: str, start: int, marker: str) -> int:
    """markdown-it's fence rule, line by line: the reference for pieces._closing_fence."""
    at = start
    while at < len(text):
        eol = text.find("\n", at + 1)
        eol = len(text) if eol < 0 else eol
        line = text[at + 1 : eol]
        indent = len(line) - len(line.lstrip(" "))
        run = line[indent:]
        length = len(run) - len(run.lstrip(marker[0]))
        if indent <= 3 and length >= len(marker) and not run[length:].strip(" \t"):
            return eol
        at = eol
    return -1


@settings(max_examples=2000, deadline=None)
@given(
    st.sampled_from(["```", "````", "~~~"]),
    st.lists(
        st.sampled_from(["```", "````", "~~~", "`", " ", "    ", "\n", "a", "\t", "\u00a0"]),
        max_size=200,
    ),
)
def test_closing_fence_is_markdown_its(marker: str, parts: list[str]):
    text = marker + "\n" + "".join(parts)
    assert pieces._closing_fence(text, len(marker), marker) == _closing_fence_by_lines(
        text, len(marker), marker
    )


def test_comment_lines_in_code_samples_are_not_headings():
    doc = "# API\n\n## Sign\n\nText.\n\n```\n# compute the signature\nsig = 1\n```\n\nMore text.\n"
    blocks = fast_blocks(doc, "markdown")
    assert [b.kind for b in blocks] == ["heading", "heading", "paragraph", "code", "paragraph"]
    assert blocks == to_blocks(doc, "markdown")


def test_code_heading_keeps_its_messages_after_a_code_sample():
    doc = (
        '# Errors\n\n## -1000 UNKNOWN\n\n```\n{"code": -1000}\n```\n\nAn unknown error.\n\n'
        "## Other\n\nprose\n"
    )
    fast, full = both(doc)
    assert full.get("-1000").messages == ("An unknown error.",)
    assert fast == full


def test_parameter_tables_and_error_tables_both_built():
    doc = (
        "# Place order\n\n| Name | Type | Required | Description |\n|---|---|---|---|\n"
        "| symbol | string | yes | The symbol |\n\n"
        "# Errors\n\n| Code | Message |\n|---|---|\n| 10001 | Invalid parameter |\n"
    )
    fast, full = both(doc)
    assert [e.code for e in full] == ["10001"]
    assert fast == full


def test_table_with_the_code_in_a_later_column_is_kept():
    # Found by the fuzzer: no row starts with a code, the header is no parameter table's.
    doc = (
        "# API\n\n- Query All Market Fees\n\n| error message | | code error code | http status |\n"
        "| --- | --- | --- | --- |\n| Not found | | 30000 | 404 |\n"
    )
    fast, full = both(doc)
    assert [(e.code, e.http_status) for e in full] == [("30000", 404)]
    assert fast == full


def test_codes_behind_link_markup_are_candidates():
    doc = "# API\n\n### [-1000](#x) UNKNOWN\n\nAn unknown error.\n\n## Other\n\nprose\n"
    fast, full = both(doc)
    assert full.get("-1000").messages == ("An unknown error.",)
    assert fast == full


def test_title_line_before_a_table_is_kept():
    doc = "# API\n\nWebSocket API Error Code\n\n| Code | Message |\n|---|---|\n| 30001 | Bad |\n"
    fast, full = both(doc)
    assert full.get("30001").surface == "websocket"
    assert fast == full


def test_crlf_documents_cut_like_lf():
    doc = "# A\r\n\r\nprose\r\n\r\n# Errors\r\n\r\n## -1121 BAD_SYMBOL\r\n\r\n* Invalid.\r\n"
    fast, full = both(doc)
    assert full.get("-1121").messages == ("Invalid.",)
    assert fast == full


def test_html_with_code_samples_and_parameter_tables():
    doc = (
        "<html><body><h1>API</h1><pre>GET /x\n\nsymbol=BTC</pre>"
        "<table><tr><th>Name</th><th>Type</th></tr><tr><td>symbol</td><td>string</td></tr></table>"
        "<h1>Errors</h1><table><tr><th>Code</th><th>Message</th></tr>"
        "<tr><td>10001</td><td>Invalid parameter</td></tr></table></body></html>"
    )
    fast, full = both(doc)
    assert [e.code for e in full] == ["10001"]
    assert fast == full


# --- generated documents ----------------------------------------------------------------------

_LINES = st.sampled_from(
    [
        "# Errors", "## API", "### -1121 BAD_SYMBOL", "## 10xx - General", "#### REST",
        "## WebSocket errors", "Title line", "Trading (4010xx)", "Some prose, with a comma.",
        "Error codes:", "**Order errors**", "* Invalid symbol.", "- `30` - validation failed",
        "1. first step", "  continued item", "    indented code", "> -1000 UNKNOWN",
        "> Note", "```", "~~~", "```json", "<!--", "-->", "<div>", "</div>", "<pre>", "</pre>",
        "| Code | Message |", "|---|---|", "| 10001 | Invalid parameter |", "| 2 | Failed |",
        "| Name | Type |", "| symbol | string |", "Code | Message", "--- | ---",
        "400 | Bad request", "INVALID_PARAM | Invalid parameter", "| INVALID_ARGUMENT | Bad |",
        "===", "---", "", "", "", "[ref]: https://example.com", "See [the list][ref].",
        "-1003 TOO_MANY_REQUESTS", "\t- nested", "2024-01-02 changelog",
        # table rows that the plain-table shortcut must split exactly as markdown-it does
        "| `-1000` | Use `x` |", "| ~~-1001~~ | Gone |", "| 3 | a \\| b |", "| 4 |",
        "| 5 | x | extra |", "  | 6 | indented |", "| 7 | &amp; &lt; |", "| 8 | [link](http://x) |",
        "| 9 | [ref] |", "| 10 | **bold** _it_ |", "|:---:|---:|", "| --- |", "-1000 | NAME_ROW",
        "| 11 | trailing pipes ||", "|12|tight|", "| \u2003 13 \u2003 | em spaces |",
        "| 14 | <b>x</b> |", "* ```", "> ```", "  ```", "<span>", "<script>", "</script>",
        "```javascript", "~~~~", "<!-- x -->", "\t```", "    ```", "1. ```", "<details>",
        "<summary><b>Errors:</b></summary>", "</details>", "  <div>", "<custom-tag>",
        "#hashtag", " ## -1002 INDENTED", "###### -1003 DEEP", "#",
        "| error message | | code | http status |", "| --- | --- | --- | --- |",
        "| Not found | | 30000 | 404 |", "### [-1004](#x) LINKED", "- [31](#y) - linked item",
        # headings that render to prose, numbered lines, delimiter rows of another width
        "## [#](#query-loans-2) Query loans", "# [#](#v4-105) Gate API v4.105", "title: Errors",
        "- 30 - default validation error", "1. 10001 - Invalid parameter", "10002 - Bad",
        "| --- | --- | --- |", "Error list", "[1,100)", "&#69;rror codes:",
        "1.  New `FOK_NOT_FILL` error label", "2021-12-23", "1. `30` - validation failed",
        "2. 31 - bad market", "1) Step one", "```\u00a0", "``` \t", "\u00a0",
        "- <b>30</b> - validation failed", "``<symbol>@aggTrade``", "INVALID_PARAM",
        "* PARTIALLY_FILLED", "**Order status (status):**", "&#51;0 - entity hidden",
        "    ---", "  ======", "### INVALID_PARAM", "> INVALID_PARAM", "> **INVALID**_PARAM",
        "#### PRICE_FILTER", "### Filters", "## Return codes", "> REQUEST_WEIGHT",
        "| Limit | Weight |", "| -1001 | 5 |", "| **Err**no | Text |", "| C&#111;de | Msg |",
    ]
)  # fmt: skip


@pytest.mark.parametrize(
    "doc",
    [
        "| Code | Message |\n--- | ---\n\u00a0",  # found by Hypothesis: a no-break space
        "| Code | Message |\n--- | ---\n1 | x\n\u2003\n2 | y\n",
        "a | b\n--|--\n1 | 2\n\u00a0 \nz",
    ],
)
def test_a_line_of_unicode_spaces_ends_a_table_as_in_markdown_it(doc: str):
    # markdown-it ends a table at a line empty after mdTrim; that line is still a paragraph.
    assert fast_blocks(doc) == to_blocks(doc)
    assert to_blocks(doc)[0].rows[-1] != ("", "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, min_size=1, max_size=40))
def test_generated_markdown_fast_equals_full(lines: list[str]):
    doc = "\n".join(lines)
    if not doc.strip():
        return
    fast, full = both(doc, format="markdown")
    assert fast == full


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(_LINES, min_size=1, max_size=40))
def test_generated_markdown_built_whole_equals_full(monkeypatch, lines: list[str]):
    monkeypatch.setattr(pieces, "_SMALL", DEFAULT_SMALL)  # the small-page path, where it applies
    doc = "\n".join(lines)
    if not doc.strip():
        return
    fast, full = both(doc, format="markdown")
    assert fast == full


_FRAGMENTS = st.sampled_from(
    [
        "<h1>Errors</h1>", "<h2>API</h2>", "<h2>-1000</h2>", "<h3>-1121 BAD_SYMBOL</h3>",
        "<h2>WebSocket errors</h2>", "<h4>REST API</h4>", "<p>An unknown error.</p>",
        "<p>Error codes:</p>", "<p><strong>Order errors</strong></p>", "<p>Title line</p>",
        "<p>-1003 TOO_MANY_REQUESTS</p>", "<p>Price <code>1</code> here</p>",
        "<ul><li><code>30</code> - validation failed</li><li>31 - market failed</li></ul>",
        "<ul><li>Invalid symbol.</li></ul>", "<ol><li>first step</li></ol>",
        "<p>Error codes:</p><ul><li><code>30</code> - default validation error code</li></ul>",
        "<ul><li><code>7</code></li></ul>", "<p>Weight:<br>1</p>",
        "<blockquote><p>-1000 UNKNOWN</p></blockquote>",
        "<blockquote>Response Example</blockquote>",
        "<pre>GET /x\n\n-1000</pre>", "<pre><span>{\"code\": 1}</span></pre>",
        "<table><tr><th>Code</th><th>Message</th></tr><tr><td>10001</td><td>Bad</td></tr></table>",
        "<table><tr><th>Name</th><th>Type</th></tr><tr><td>symbol</td><td>string</td></tr></table>",
        "<table><tr><td>INVALID_PARAM</td><td>Bad param</td></tr></table>",
        "<div>", "</div>", "<section>", "</section>", "<span>loose 2 text</span>", "loose text",
        "Trading (4010xx)", "<br>", "<!-- comment -->", "<nav><ul><li>1 - x</li></ul></nav>",
        "<script>var x = 1;</script>", "<dl><dt>-1000</dt><dd>Unknown</dd></dl>",
        "<ErrorCodeSelector errorCodes={[{ code: 1, message: \"x\" }]} />",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS, min_size=1, max_size=30))
def test_generated_html_fast_equals_full(fragments: list[str]):
    doc = "<html><body>" + "".join(fragments) + "</body></html>"
    fast, full = both(doc, format="html")
    assert fast == full


# --- small pages, built whole --------------------------------------------------------------------


def test_small_pages_built_whole_equal_the_full_parse(monkeypatch):
    # The default threshold (the fixture above turns it off for the other tests): every corpus
    # document and seed under it, built in one go, gives the full parse's catalog.
    small = DEFAULT_SMALL
    monkeypatch.setattr(pieces, "_SMALL", small)
    whole = 0
    for path in [*corpus_files(), *SEED_FILES.values()]:
        data = path.read_bytes()
        if path.suffix == ".html" or len(data) > small:
            continue
        fast, full = both(data)
        assert fast == full, path
        whole += 1
    assert whole >= 40  # most error pages are this small


def test_small_page_not_plain_goes_through_the_pieces(monkeypatch):
    monkeypatch.setattr(pieces, "_SMALL", DEFAULT_SMALL)
    # Front matter and link definitions need the pieces; so does markup the builder leaves to
    # markdown-it (a setext heading here).
    for doc in (
        "---\ntitle: Errors\n---\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n",
        "# Errors\n\n[x]: /url\n\n| code | msg |\n|-|-|\n| [1][x] | Bad |\n",
        "Errors\n======\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n",
    ):
        fast, full = both(doc, format="markdown")
        assert [e.code for e in full.entries] == ["1"]
        assert fast == full


# --- front matter, as the full parse reads it -------------------------------------------------


@pytest.mark.parametrize("small", [0, DEFAULT_SMALL], ids=["pieces", "whole"])
@pytest.mark.parametrize(
    "doc",
    [
        # A fence opener inside the front matter is no fence (found by atheris): the full parse
        # drops the front matter first, so the fence after "## Error codes" runs to the end.
        "---\ntitle: Errors\ndesc: |\n```\n---\n\n## Error codes\n\n```\n{\n\n"
        "> -1014 UNKNOWN\n\n* Unknown.\n",
        # Closed after line 60: no front matter at all to the full parse.
        "---\n" + "a: b\n" * 70 + "---\n\n## Errors\n\n> -1000 UNKNOWN\n\n* Unknown.\n",
        # Old Mac line ends: the full parse looks for front matter before normalising them.
        "---\rtitle: Errors\r---\r\r| code | msg |\r|-|-|\r| 1 | Bad |\r",
        "---\r\ntitle: Errors\r\n---\r\n\r\n| code | msg |\r\n|-|-|\r\n| 1 | Bad |\r\n",
    ],
)
def test_front_matter_is_read_as_the_full_parse_reads_it(monkeypatch, doc: str, small: int):
    monkeypatch.setattr(pieces, "_SMALL", small)
    fast, full = both(doc, format="markdown")
    assert fast == full


def test_front_matter_fence_regression_reads_no_code_after_the_open_fence():
    doc = (
        "---\ntitle: Errors\ndesc: |\n```\n---\n\n## Error codes\n\n> -1013 BAD\n\n* Bad.\n\n"
        "```\n{\n\n> -1014 UNKNOWN\n\n* Unknown.\n"
    )
    fast, full = both(doc, format="markdown")
    assert [e.code for e in full.entries] == ["-1013"]
    assert fast == full


@pytest.mark.parametrize(
    "lines",
    [
        # Found by Hypothesis: the plain headings stood in the link run as placeholder
        # paragraphs after an added blank line, which the list item's open fence kept as code.
        ["1. ```", "# Errors", "# Errors", "[ref]: https://example.com"],
        ["- ```", "# A", "# B", "[ref]: https://example.com"],
        ["> quote", "# A", "# B", "[ref]: https://example.com"],
    ],
)
def test_placeholders_close_what_the_heading_closed(lines: list[str]):
    doc = "\n".join(lines)
    assert fast_blocks(doc, "markdown") == to_blocks(doc, "markdown")
