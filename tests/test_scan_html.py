"""The lxml block builder mirrors the BeautifulSoup one, block for block.

:mod:`~errcat.extract.parse.html` (bs4) is the reference: walking lxml's tree of a page must
give exactly its blocks, all of them, in the same order (``tests/test_scan.py`` compares the
catalogs too).
"""

from __future__ import annotations

import json

import errcat
import pytest
from errcat.extract.blocks import Block
from errcat.extract.parse import lxml_html
from errcat.extract.parse.html import blocks_from_html
from errcat.normalize import decode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES

CORPUS = FIXTURES / "corpus"
HTML_DOCS = [
    CORPUS / item["file"]
    for item in json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    if item["file"].endswith(".html")
]


def mirrored(text: str) -> list[Block] | None:
    """Every block of the page, from lxml's tree; None where the fast path defers to bs4."""
    root = lxml_html._parse(text)
    if root is None:
        return None
    out: list[Block] = []
    lxml_html._walk(root, out)
    return out


def test_corpus_html_is_present():
    assert len(HTML_DOCS) >= 4


@pytest.mark.parametrize("path", HTML_DOCS, ids=lambda p: p.name)
def test_corpus_page_blocks_mirror_beautifulsoup(path):
    text = decode(path.read_bytes())
    reference = blocks_from_html(text)
    assert mirrored(text) == reference
    assert lxml_html.html_blocks(text) == reference


# --- BeautifulSoup's rules, one by one -----------------------------------------------------------

ERRORS = "<h1>Errors</h1>"
HEAD = "<tr><th>Code</th><th>Message</th></tr>"


def table(*rows: str) -> str:
    return ERRORS + "<table>" + HEAD + "".join(rows) + "</table>"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # a string of ASCII white space only becomes one space; in a cell a line break of the
        # source is a space too, as a browser shows it (a <br> is a line)...
        (table("<tr><td>1</td><td><code>a</code>   <code>b</code></td></tr>"),
         Block("table", rows=(("Code", "Message"), ("1", "a b")), struck=(False, False))),
        (table("<tr><td>2</td><td><b>a</b>\n\n  <i>b</i></td></tr>"),
         Block("table", rows=(("Code", "Message"), ("2", "a b")), struck=(False, False))),
        # ...also between comments, which split strings
        (table("<tr><td>3</td><td>a<!-- x -->   <!-- y -->b</td></tr>"),
         Block("table", rows=(("Code", "Message"), ("3", "a b")), struck=(False, False))),
        # ...but a string with any other character stays as it is
        (table("<tr><td>4</td><td>a  \u00a0  b</td></tr>"),
         Block("table", rows=(("Code", "Message"), ("4", "a  \u00a0  b")), struck=(False, False))),
        # entities; <br> as a line break
        (table("<tr><td>5</td><td>&amp; &lt;x&gt; &#x2014;<br>next</td></tr>"),
         Block("table", rows=(("Code", "Message"), ("5", "& <x> \u2014\nnext")),
               struck=(False, False))),
        # a nested table's rows are not the outer table's
        (table("<tr><td>6</td><td><table><tr><td>inner</td></tr></table></td></tr>"),
         Block("table", rows=(("Code", "Message"), ("6", "inner")), struck=(False, False))),
        # struck through: the first cell entirely inside <del>/<s>
        (table("<tr><td><del>7</del></td><td>Gone</td></tr>"),
         Block("table", rows=(("Code", "Message"), ("7", "Gone")), struck=(False, True))),
    ],
)  # fmt: skip
def test_table_cells_read_like_beautifulsoup(page: str, expected: Block):
    blocks = lxml_html.html_blocks(page)
    assert blocks == [Block("heading", text="Errors", level=1, struck=(False,)), expected]
    assert blocks == blocks_from_html(page)


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        # the text of <pre> keeps its white space, blank strings included
        ("<pre>  \n  <span>-1000</span>  <span>x</span>\n</pre>",
         [Block("code", text="  \n  -1000  x\n")]),
        # a permalink glyph after a heading's title goes; its target is the heading's anchor
        ('<h2>-1000 UNKNOWN <a href="#u">¶</a></h2>',
         [Block("heading", text="-1000 UNKNOWN", level=2, struck=(False,), anchors=("u",))]),
        # anchors: the heading's id, an anchor's id and name, a wordless link's target (once,
        # percent-decoded); a worded link points elsewhere
        ('<h2 id="ws-errors">Errors<a name="old" href="/x#ws%20errors">\u200b</a>'
         '<a href="#ws-errors"></a> (see <a href="#ws-limits">limits</a>)</h2>',
         [Block("heading", text="Errors\u200b (see limits)", level=2, struck=(False,),
                anchors=("ws-errors", "old", "ws errors"))]),
        ("<h3><s>-1001</s> <del>OLD</del></h3>",
         [Block("heading", text="-1001 OLD", level=3, struck=(True,))]),
        # the text of a script counts as text that is not struck (bs4's find_all(string=True))
        ("<p><s>-1002 GONE</s><script>x</script></p>",
         [Block("paragraph", text="-1002 GONE", struck=(False,))]),
        ("<p><strong>Order errors</strong></p><p>-1 <b>x</b></p>",
         [Block("paragraph", text="Order errors", strong=True, struck=(False,)),
          Block("paragraph", text="-1 x", struck=(False,))]),
        ("<dl><dt>-1000 <s>UNKNOWN</s></dt><dd>An unknown error.</dd></dl>",
         [Block("term", text="-1000 UNKNOWN", struck=(False,)),
          Block("paragraph", text="An unknown error."), Block("end")]),
        # list items: nested items on their own (at their depth); a comment with text makes an
        # item not struck
        ("<ul><li><s>-1</s><!-- kept --></li><li><s>-2</s><ul><li>-3 x</li></ul></li></ul>",
         [Block("list", items=("-1", "-2", "-3 x"), struck=(False, True, False),
                depths=(0, 0, 1))]),
        ("<blockquote><p>-1000 UNKNOWN</p><ul><li>Oops.</li></ul></blockquote>",
         [Block("quote", text="-1000 UNKNOWN", struck=(False,)),
          Block("list", items=("Oops.",), struck=(False,))]),
        # loose text around inline elements is one paragraph; skipped elements leave no trace
        ("<div>-1000 <span>UNKNOWN</span><nav>menu</nav> error<br>next</div>",
         [Block("paragraph", text="-1000 UNKNOWN error\nnext")]),
        # an unclosed list swallows what follows: walked as a container
        ("<ul><li>-1 x<h2>-2 Y</h2><table><tr><td>3</td></tr></table>",
         [Block("paragraph", text="-1 x"), Block("heading", text="-2 Y", level=2, struck=(False,)),
          Block("table", rows=(("3",),), struck=(False,))]),
    ],
)  # fmt: skip
def test_blocks_read_like_beautifulsoup(fragment: str, expected: list[Block]):
    page = f"<html><body>{ERRORS}{fragment}</body></html>"
    blocks = lxml_html.html_blocks(page)
    assert blocks[1:] == expected
    assert blocks == blocks_from_html(page)


def test_byte_order_marks_are_dropped_like_beautifulsoup():
    page = "\ufeff\ufeff<h1>Errors</h1><p>-1 x</p>"
    assert mirrored(page) == blocks_from_html(page)
    assert lxml_html.html_blocks(page) == blocks_from_html(page)


@pytest.mark.parametrize(
    "page",
    [
        # a doctype among the content splits strings for bs4; lxml's tree does not show it
        "<p>a</p>  <!DOCTYPE html>  <p>-1 x</p>",
        # bs4 keeps what follows </html> as a second <html>; lxml's tree drops it
        "<html><body><h1>Errors</h1></body></html><h2>-1000 UNKNOWN</h2>",
        # libxml2 stops building the tree 256 elements deep; bs4 gets every element
        "<h1>Errors</h1>" + "<div>" * 300 + "<p>-1000 UNKNOWN</p>" + "</div>" * 300,
        # ...also after more parse errors than libxml2 reports one by one
        "<h1>Errors</h1>" + "</x>" * 500 + "<div>" * 300 + "<p>-1000 UNKNOWN</p>",
    ],
    ids=["doctype-among-content", "markup-after-html-end", "nested-300-deep", "deep-after-errors"],
)
def test_pages_lxml_shows_otherwise_take_the_full_path(page: str):
    assert lxml_html._parse(page) is None
    assert lxml_html.html_blocks(page) == blocks_from_html(page)
    assert errcat.extract(page, "html") == errcat.extract(page, "html", fast=False)


def test_text_after_html_end_still_takes_the_full_path():
    # Found by comparing the trees: the code after </html> is read only by the full parse.
    page = "<html><body><h1>Errors</h1></body></html><table>" + HEAD + "<tr><td>1</td>"
    page += "<td>Failed</td></tr></table>"
    assert errcat.extract(page, "html").get("1").messages == ("Failed",)


# --- whole pages -------------------------------------------------------------------------------


def test_lead_in_and_messages_around_a_code_stay():
    page = (
        "<h1>API</h1><p>Prose about the API.</p><h1>Errors</h1><p>WebSocket API Error Code</p>"
        "<h3>-1000 UNKNOWN</h3><pre>{}</pre><p>An unknown error.</p><h1>Other</h1><p>prose</p>"
    )
    assert lxml_html.html_blocks(page) == blocks_from_html(page)
    fast = errcat.extract(page, "html")
    assert [(e.code, e.surface, e.messages) for e in fast] == [
        ("-1000", "websocket", ("An unknown error.",))
    ]
    assert fast == errcat.extract(page, "html", fast=False)


def test_code_word_under_a_title_paragraph_is_kept():
    # Found by fuzzing: the paragraph that names the section is two blocks before the term.
    page = (
        "<h1>API</h1><p><strong>Order errors</strong></p><p>See below.</p>"
        "<dl><dt>INVALID_X</dt><dd>The value is invalid.</dd></dl><h1>Other</h1><p>prose</p>"
    )
    fast = errcat.extract(page, "html")
    assert [(e.code, e.group, e.messages) for e in fast] == [
        ("INVALID_X", "Order errors", ("The value is invalid.",))
    ]
    assert fast == errcat.extract(page, "html", fast=False)


def test_code_sample_after_a_lead_in_stays():
    # The code sample ends the lead-in, so the list is not announced: dropping the sample (as
    # a markdown piece of code only is dropped) would make the fast path read it.
    items = "<ul><li><code>30</code> - validation failed</li><li>31 - market failed</li></ul>"
    announced = f"<h1>API</h1><p>Error codes:</p>{items}"
    assert [e.code for e in errcat.extract(announced, "html", fast=False)] == ["30", "31"]
    page = f"<h1>API</h1><p>Error codes:</p><pre><span>{{}}</span></pre>{items}"
    assert errcat.extract(page, "html") == errcat.extract(page, "html", fast=False)
    assert Block("code", text="{}") in lxml_html.html_blocks(page)


def test_unreadable_page_takes_the_full_path():
    assert lxml_html._parse("<!-- only a comment -->") is None
    assert lxml_html.html_blocks("<!-- only a comment -->") == []


# --- any markup ----------------------------------------------------------------------------------

_TOKENS = st.sampled_from(
    [
        "<h1>", "</h1>", "<h2>Errors</h2>", "<h3>-1121 BAD_SYMBOL</h3>", "<p>", "</p>", "<br>",
        "<table>", "<tr>", "<td>", "<th>", "</td>", "</tr>", "</table>", "<ul>", "<ol>", "<li>",
        "</li>", "</ul>", "<dl>", "<dt>", "<dd>", "<blockquote>", "</blockquote>", "<pre>",
        "</pre>", "<textarea>", "</textarea>", "<s>", "</s>", "<del>", "<b>", "</b>", "<strong>",
        "<code>", "</code>", "<span>", "</span>", "<div>", "</div>", "<script>", "</script>",
        "<nav>", "<title>", "<svg>", "<!--", "-->", "<!-- c -->", "<?pi x?>", "<![CDATA[x]]>",
        "&amp;", "&nbsp;", "&#0;", "&#x85;", "\ufeff", "\x0c", "\r\n", "\n", "  ", " \n ", "\t",
        "-1000", "30", "INVALID_PARAM", "Oops.", "¶", "#", "<a href='#x'>", "</a>", "</html>",
        "<html>", "<body>", "<head>", "<table><tr><td><table>", "<p><s>", "\x00", "é中",
        '<span class="k">', '<pre class="x">', '<code class="js">', "<li><pre>",
        # the shapes of session 8: ARIA tables, tab sets, merged cells
        '<div role="table">', '<div role="row">', '<div role="cell">', '<div role="tablist">',
        '<li role="tab">', '<div role="tabpanel">', '<div class="tabbed-set">', "<label>",
        '<div class="tabbed-labels">', '<div class="tabbed-block">', '<td rowspan="2">',
        '<td colspan="3">', '<th colspan="x">', '<pre role="tabpanel">',
    ]
)  # fmt: skip
_DEEP = st.builds(
    lambda tag, n: tag * n,
    st.sampled_from(["<div>", "<span>", "<ul><li>", "<b>", "<blockquote>"]),
    st.integers(1, 300),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TOKENS, _DEEP), min_size=1, max_size=80).map("".join))
def test_any_markup_mirrors_beautifulsoup(page: str):
    try:
        reference = blocks_from_html(page)
    except RecursionError:  # nested too deeply for either builder (a DocumentError in extract)
        with pytest.raises(RecursionError):
            lxml_html.html_blocks(page)
        return
    blocks = mirrored(page)
    if blocks is not None:
        assert blocks == reference
    try:
        got = lxml_html.html_blocks(page)
    except RecursionError:
        # at the limit: its fallback to BeautifulSoup runs frames deeper than the reference
        # did (extract says "nested too deeply" either way)
        return
    assert got == reference


# --- code samples, read like any block --------------------------------------------------------

SAMPLE = (
    '<pre><code class="language-js"><span class="k">let</span> a = '
    '<span class="s">"x"</span></code></pre>'
)


@pytest.mark.parametrize(
    "page",
    [
        # a sample inside a list item or a table cell is text of that block: parsed in full
        f"<h2>Errors</h2><ul><li>Error codes: {SAMPLE.replace('let', '30 - failed')}</li></ul>",
        f"<h2>Errors</h2><table><tr><th>Code</th><th>Example</th></tr>"
        f"<tr><td>1001</td><td>{SAMPLE}</td></tr></table>",
        # standalone: a code block of its own, which ends a lead-in
        f"<h2>Errors</h2><p>Error codes:</p>{SAMPLE}<ul><li>30 - failed</li></ul>",
        f"<div><h2>Errors</h2>{SAMPLE}<h3>-1000 UNKNOWN</h3><p>Oops.</p></div>",
        # "<pre>" in an attribute value or a comment is no sample
        '<div title="<pre>">x</pre><h2>Errors</h2><table><tr><th>Code</th><th>Message</th></tr>'
        "<tr><td>1</td><td>Bad</td></tr></table>",
        "<!-- <pre>x</pre> --><h2>Errors</h2><ul><li>30 - failed</li></ul>",
        # ... so taking its "highlighting" out would join strings outside any <pre>: " \n " is a
        # newline to bs4 there, and "a \n b" one string (the tree has no <pre>: the page as it is)
        '<h2>Errors</h2><div title="<pre>">a<span class="k"> \n </span>b</pre></div>',
    ],
)
def test_pages_with_code_samples_extract_like_the_full_parse(page):
    fast, full = errcat.extract(page, "html"), errcat.extract(page, "html", fast=False)
    assert fast == full
    assert lxml_html.html_blocks(page) == blocks_from_html(page)


def test_code_samples_keep_their_text():
    # A reader may read code (JSON error objects in a sample): the fast path builds it in full.
    blocks = lxml_html.html_blocks(f"<h2>Errors</h2>{SAMPLE}")
    assert [(b.kind, b.text) for b in blocks] == [("heading", "Errors"), ("code", 'let a = "x"')]
    assert blocks == blocks_from_html(f"<h2>Errors</h2>{SAMPLE}")


@pytest.mark.parametrize(
    "fragment",
    [
        # the spaces of a <pre> in an ARIA cell or a tab's label are kept on both paths
        '<div role="table"><pre><div role="row"><div role="cell">a  b</div></div></pre></div>',
        # (the fuzzer's, reduced)
        '<li role="table"><div role="row"><pre><tbody role="rowheader">x<dt>  <span>400',
        '<div><ul role="tablist"><pre><li role="tab">REST  API</li></pre></ul>'
        '<div role="tabpanel"><p>x</p></div></div>',
    ],
)
def test_aria_cells_and_tab_labels_read_like_beautifulsoup(fragment: str):
    page = f"<html><body>{ERRORS}{fragment}</body></html>"
    assert lxml_html.html_blocks(page) == blocks_from_html(page)
