"""HTML → blocks, fast: the blocks of :mod:`.html`, built straight from one lxml parse.

:func:`html_blocks` parses the page once with lxml's HTML parser and walks it the way
:mod:`.html` walks BeautifulSoup's tree (through the block-level containers, each heading,
paragraph, list, table, quote, term and ``pre`` one block). No serialising, no second parse, no
BeautifulSoup objects; every block of the page is built, so a reader sees the same blocks here
as on :func:`.html.blocks_from_html` (``tests/test_scan_html.py``, and ``tests/test_scan.py``'s
catalogs).

BeautifulSoup-on-lxml builds its tree from the events of the same libxml2 parser, so both trees
hold the same elements and strings; what BeautifulSoup does on top is mirrored here: a string
of ASCII white space only becomes one space or newline (except inside ``pre``/``textarea``),
one leading byte-order mark is dropped. What lxml's tree cannot show sends the page to
BeautifulSoup instead: a doctype among the content, markup after ``</html>`` (bs4 keeps it as
a second ``<html>``), nesting deeper than libxml2 builds (255 elements), a page lxml cannot
read. The HTML blocks of markdown pages (``<details>``, components) are built here too.

>>> page = "<h1>Errors</h1><pre>GET /x</pre><h2>-1000</h2><p>Oops.</p>"
>>> [(b.kind, b.text) for b in html_blocks(page)]
[('heading', 'Errors'), ('code', 'GET /x'), ('heading', '-1000'), ('paragraph', 'Oops.')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import lxml.etree
from errcat.extract.blocks import Block, nesting
from errcat.extract.parse.anchors import html_anchors
from errcat.extract.parse.grid import MAX_COLSPAN, MAX_ROWSPAN, lay_out, span
from errcat.extract.parse.html import (
    ACCORDIONS,
    ANCHOR_GLYPHS,
    APART_TAGS,
    ARIA_TABLES,
    BLOCK_TAGS,
    CONTAINED_TAGS,
    HEADING_TAGS,
    LIST_TAGS,
    MDX_SETS,
    SKIP_TAGS,
    STRONG_TAGS,
    STRUCK_TAGS,
    TAB_ITEMS,
    blocks_from_html,
    caption_title,
    is_aria_cell,
    is_aria_row,
    is_aria_table,
    paired,
    tab_label,
)

__all__ = ["html_blocks"]

Element = lxml.etree._Element

# bs4 keeps these strings as they are (HTMLTreeBuilder.preserve_whitespace_tags); elsewhere a
# string of nothing but ASCII whitespace (BeautifulSoup.ASCII_SPACES) becomes " " or "\n".
_PRESERVE = frozenset({"pre", "textarea"})
_ASCII_SPACE = " \n\t\x0c\r"
# Elements whose text node_text does not take as it is.
_SPECIAL = frozenset({"br", *SKIP_TAGS, *_PRESERVE})
_NOT_AS_IS = ("br", *sorted(SKIP_TAGS))  # what node_text reads otherwise than itertext()
_PRESERVE_TAGS = tuple(sorted(_PRESERVE))
_APART_TAGS = tuple(sorted(APART_TAGS))
_CONTAINED_TAGS = tuple(CONTAINED_TAGS)
_STRUCK_TAGS = tuple(sorted(STRUCK_TAGS))
_STRING = lxml.etree.XPath("string()", smart_strings=False)  # an element's text, at C speed
_HTML_END = re.compile(r"(?i)</html")
_RESOURCE_LIMIT = lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT


def html_blocks(text: str) -> list[Block]:
    """The blocks :func:`~errcat.extract.parse.html.blocks_from_html` gives for ``text``, in
    document order.

    >>> [(b.kind, b.text) for b in html_blocks("<details>\\n<summary><b>Errors:</b></summary>")]
    [('term', 'Errors:')]
    """
    root = _parse(text)
    if root is None:
        return blocks_from_html(text)
    out: list[Block] = []
    _walk(root, out)
    return out


def _parse(text: str) -> Element | None:
    """The page's ``<html>`` element, parsed as BeautifulSoup parses it, or ``None`` where the
    tree would not show what BeautifulSoup's shows (or lxml cannot read the page)."""
    if text.startswith("\ufeff"):
        text = text[1:]  # bs4 drops one byte-order mark before it feeds lxml
    if _doctype_among_content(text):
        return None  # bs4 keeps it, and it splits strings
    end = _HTML_END.search(text)
    if end:
        close = text.find(">", end.end())
        if close >= 0 and text[close + 1 :].strip():
            return None  # markup after </html>: bs4 keeps it, lxml's tree drops it
    plain = _without_highlighting(text)
    if plain is not None:
        root = _tree(plain)
        if root is not None and _count(root.iter("pre")) == len(_ANY_PRE.findall(text)):
            return root
        # A "<pre>" that is no element (in a comment, a script, an attribute): the page as it is.
    return _tree(text)


def _tree(text: str) -> Element | None:
    # As UTF-8 bytes, with the encoding forced as for a str: parsed faster than the str is.
    parser = lxml.etree.HTMLParser(collect_ids=False, encoding="utf-8")
    try:
        root = lxml.etree.fromstring(text.encode("utf-8"), parser)
    except (ValueError, lxml.etree.LxmlError):  # UnicodeEncodeError: a lone surrogate
        return None
    if root is None or root.tag != "html":
        return None
    if any(e.type == _RESOURCE_LIMIT for e in parser.error_log):
        # Nested deeper than 255 elements, or a text node over 10 MB: libxml2 stops building
        # the tree there, while bs4 (fed the parser's events) goes on.
        return None
    return root


def _count(elements: Iterator[Element]) -> int:
    return sum(1 for _ in elements)


# Syntax highlighting: a code sample is a <pre> with a <span class="…"> around every token,
# half of a doc site's bytes and most of its elements. Inside <pre> every string is kept as it
# is and a span makes no block, so without the span tags the sample has the same text and the
# page the same blocks, from a tree a third the size (a fifth of the parse time).
_PRE_OPEN = re.compile(r"<pre(?=[\s>])[^<>\"']*+(?:(?:\"[^\"]*+\"|'[^']*+')[^<>\"']*+)*+>", re.I)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.I)
_ANY_PRE = re.compile(r"<pre(?=[\s/>])", re.I)
# Text, entities and the <span>/<code> tags of highlighting, nothing else.
_HIGHLIGHTED = re.compile(
    r"(?:[^<]++|<span class=\"[\w -]*+\">|</span>|<code(?: class=\"[\w -]*+\")?>|</code>)*+"
)
_SPAN_TAG = re.compile(r"<span class=\"[\w -]*+\">|</span>")


def _without_highlighting(text: str) -> str | None:
    """``text`` with the span tags of its highlighted code samples taken out, or ``None`` if
    it has none.

    >>> _without_highlighting('<p>x</p><pre><code><span class="k">let</span> a</code></pre>')
    '<p>x</p><pre><code>let a</code></pre>'
    """
    parts: list[str] = []
    at = 0
    for start in _PRE_OPEN.finditer(text):
        if start.start() < at:
            continue
        end = _PRE_CLOSE.search(text, start.end())
        if end is None:
            break
        body = text[start.end() : end.start()]
        if "<span" in body and _HIGHLIGHTED.fullmatch(body):
            parts.append(text[at : start.end()])
            parts.append(_SPAN_TAG.sub("", body))
            at = end.start()
    if not parts:
        return None
    parts.append(text[at:])
    return "".join(parts)


def _doctype_among_content(text: str) -> bool:
    """Whether a doctype follows anything but white space, or another doctype."""
    seen = False
    at = text.find("<!")  # few: doctypes and comments
    while at >= 0:
        if text[at + 2 : at + 9].lower() == "doctype":
            if seen or text[:at].strip():
                return True
            seen = True
        at = text.find("<!", at + 2)
    return False


def _table_of(tr: Element) -> Element | None:
    """The table a row belongs to (the nearest enclosing one)."""
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _contains_blocks(element: Element) -> bool:
    return _has(element, _CONTAINED_TAGS)


# --- blocks: .html on lxml's tree ---------------------------------------------------------------


def _string(text: str, pre: bool) -> str:
    """A string as BeautifulSoup stores it (``pre``: inside ``<pre>`` or ``<textarea>``)."""
    if pre or text.strip(_ASCII_SPACE):
        return text
    return "\n" if "\n" in text else " "


def _text(element: Element, parts: list[str], pre: bool, apart: bool = False) -> None:
    """:func:`errcat.extract.parse.html.node_text` of an element, into ``parts`` (``apart``:
    :func:`~errcat.extract.parse.html.cell_text`)."""
    tag = element.tag
    if tag == "br":
        parts.append("\n")
        return
    if tag in SKIP_TAGS:
        return
    if not pre and tag in _PRESERVE:
        pre = True
    text = element.text
    if text:
        parts.append(_source(text, pre, apart))
    for child in element:
        if child.tag.__class__ is str:
            if apart and child.tag in APART_TAGS:
                parts.append("\n")
                _text(child, parts, pre, apart)
                parts.append("\n")
            elif len(child) or child.tag in _SPECIAL:
                _text(child, parts, pre, apart)
            else:
                # A leaf: its text is all there is (the usual <code>, <a>, <span>).
                text = child.text
                if text:
                    parts.append(_source(text, pre, apart))
        tail = child.tail
        if tail:
            parts.append(_source(tail, pre, apart))


def _blank(text: str) -> str:
    return "\n" if "\n" in text else " "


def _source(text: str, pre: bool, cell: bool) -> str:
    """A string of the page as BeautifulSoup keeps it; in a table cell (``cell``), a line break
    of the source is a space (:func:`errcat.extract.parse.html.cell_text`)."""
    text = text if pre or text.strip(_ASCII_SPACE) else _blank(text)
    return text.replace("\n", " ") if cell else text


def _node_text(element: Element, pre: bool = False) -> str:
    if not len(element) and element.tag not in _SPECIAL:
        text = element.text  # a leaf: the usual cell, heading or paragraph
        if not text:
            return ""
        return text if pre or text.strip(_ASCII_SPACE) else _blank(text)
    if (pre or element.tag in _PRESERVE) and next(element.iter(*_NOT_AS_IS), None) is None:
        # A code sample: every string as it is (the usual highlighted one: a node per token,
        # which one XPath call reads faster than a Python loop).
        return _STRING(element)
    parts: list[str] = []
    _text(element, parts, pre)
    return "".join(parts)


def _cell_text(element: Element, pre: bool) -> str:
    """:func:`errcat.extract.parse.html.cell_text` (most cells are one string)."""
    if not len(element):
        text = element.text
        return _source(text, pre, True) if text else ""
    parts: list[str] = []
    _text(element, parts, pre, apart=True)
    return "".join(parts)


def _holds_more_than_its_label(details: Element) -> bool:
    """:func:`errcat.extract.parse.html._holds_more_than_its_label`."""
    if details.text and details.text.strip():
        return True
    for child in details:
        if child.tag.__class__ is str and child.tag != "summary":
            return True
        if child.tail and child.tail.strip():
            return True
    return False


def _has(element: Element, tags: tuple[str, ...]) -> bool:
    """Whether ``element`` or an element in it is one of ``tags``."""
    return next(element.iter(*tags), None) is not None


def _within_pre(element: Element, top: Element) -> bool:
    """Whether a ``pre`` or ``textarea`` encloses ``element``'s own strings below ``top``."""
    while element is not top:
        if element.tag in _PRESERVE:
            return True
        element = element.getparent()
    return False


def _is_all(node: Element, names: set[str]) -> bool:
    """Whether every non-blank string under ``node`` sits inside one of the ``names`` elements
    (strings of skipped elements such as ``<script>`` count, comments do not)."""
    if not len(node):
        text = node.text
        return bool(text and text.strip()) and node.tag in names
    seen = False
    for element in node.iter():
        if element is not node:
            tail = element.tail
            if tail and tail.strip():
                seen = True
                if not _inside(element.getparent(), node, names):
                    return False
        if element.tag.__class__ is str:
            text = element.text
            if text and text.strip():
                seen = True
                if not _inside(element, node, names):
                    return False
    return seen


def _inside(element: Element, node: Element, names: set[str]) -> bool:
    while True:
        if element.tag in names:
            return True
        if element is node:
            return False
        element = element.getparent()


def _block(child: Element, out: list[Block]) -> None:
    """The blocks of one block-level element, as :func:`.html._block` makes them."""
    tag = child.tag
    if tag in HEADING_TAGS:
        text = _node_text(child).strip().strip(ANCHOR_GLYPHS).strip()
        struck = _is_all(child, STRUCK_TAGS)
        anchors = html_anchors(
            child.get("id"),
            ((a.get("id"), a.get("name"), a.get("href"), _node_text(a)) for a in child.iter("a")),
        )
        level = int(tag[1])
        out.append(Block("heading", text=text, level=level, struck=(struck,), anchors=anchors))
    elif tag == "p":
        out.append(
            Block(
                "paragraph",
                text=_node_text(child).strip(),
                strong=_is_all(child, STRONG_TAGS),
                struck=(_is_all(child, STRUCK_TAGS),),
            )
        )
    elif tag in LIST_TAGS:
        if _contains_blocks(child):
            _walk(child, out)
        else:
            out.append(_list_block(child))
    elif tag == "table":
        caption = next((c for c in child if c.tag == "caption"), None)
        title = caption_title(_node_text(caption)) if caption is not None else ""
        if title:
            out.append(Block("paragraph", text=title, strong=True))  # (see html._block)
        out.append(_table_block(child))
        if title:
            out.append(Block("end"))
    elif tag == "blockquote":
        inner: list[Block] = []
        _walk(child, inner)
        lines = [b for b in inner if b.kind in ("paragraph", "heading")]
        struck = bool(lines) and all(b.is_struck(0) for b in lines)
        out.append(Block("quote", text="\n".join(b.text for b in lines), struck=(struck,)))
        out.extend(b for b in inner if b.kind in ("list", "table"))
    elif tag in ("dt", "summary"):
        struck = _is_all(child, STRUCK_TAGS)
        out.append(Block("term", text=_node_text(child).strip(), struck=(struck,)))
    elif tag == "dl" or (tag == "details" and _holds_more_than_its_label(child)):
        _walk(child, out)
        out.append(Block("end"))
    elif tag == "pre":
        out.append(Block("code", text=_node_text(child)))
    elif child.get("role") in ARIA_TABLES:
        out.append(_aria_table_block(child))
    elif (tabs := _tab_set(child)) is not None:
        for label, panel in tabs:
            out.append(Block("paragraph", text=label, strong=True))
            _walk(panel, out)
        out.append(Block("end"))
    else:
        _walk(child, out)


def _aria_table_block(node: Element) -> Block:
    """:func:`errcat.extract.parse.html._aria_table_block`: a table of ARIA roles."""
    rows = []
    any_pre = _has(node, _PRESERVE_TAGS)
    for row in _below(node, is_aria_row, is_aria_table):
        cells = _below(row, is_aria_cell, lambda e: is_aria_row(e) or is_aria_table(e))
        if cells:
            rows.append(
                tuple(_cell_text(c, any_pre and _within_pre(c, node)).strip() for c in cells)
            )
    return Block("table", rows=tuple(rows), struck=(False,) * len(rows))


def _is_panel(element: Element) -> bool:
    return element.get("role") == "tabpanel" or "tabbed-block" in _classes(element)


def _below(
    node: Element,
    wanted: Callable[[Element], bool],
    stop: Callable[[Element], bool] = lambda e: False,
) -> list[Element]:
    """:func:`errcat.extract.parse.html._below`: wanted elements, none looked inside."""
    found: list[Element] = []
    stack = [c for c in reversed(node) if c.tag.__class__ is str]
    while stack:
        element = stack.pop()
        if wanted(element):
            found.append(element)
        elif not stop(element):
            stack.extend(c for c in reversed(element) if c.tag.__class__ is str)
    return found


def _tab_set(node: Element) -> list[tuple[str, Element]] | None:
    """:func:`errcat.extract.parse.html._tab_set`: the ``(label, panel)`` pairs of tabs."""
    labels: list[str] | None = None
    for child in node:
        if child.tag.__class__ is not str:
            continue
        if child.get("role") == "tablist" or "tabbed-labels" in _classes(child):
            labels = [
                _node_text(t, _within_pre(t, child)).strip()
                for t in child.iter()
                if t is not child and t.tag.__class__ is str
                and (t.get("role") == "tab" or t.tag == "label")
            ]  # fmt: skip
            break
    if labels is None:
        labels = [_node_text(c).strip() for c in node if c.tag == "label"]
        if not labels:
            return None
        panels = [c for c in node if c.tag.__class__ is str and "tabbed-content" in _classes(c)]
        return paired(labels, panels)
    return paired(labels, _below(node, _is_panel)) if labels else None


def _classes(element: Element) -> list[str]:
    return (element.get("class") or "").split()


def _walk(node: Element, out: list[Block]) -> None:
    """:func:`errcat.extract.parse.html._walk`: every block of a container."""
    loose: list[str] = []

    def flush() -> None:
        text = "".join(loose).strip()
        if text:
            out.append(Block("paragraph", text=text))
        loose.clear()

    if node.text:
        loose.append(_string(node.text, False))
    for child in node:
        tag = child.tag
        if tag.__class__ is not str or tag in SKIP_TAGS:
            pass
        elif tag in MDX_SETS:  # MDX's set of tabs or accordions (see .html._walk)
            flush()
            _walk(child, out)
        elif tag in TAB_ITEMS and (label := tab_label(child)):
            flush()  # an MDX tab titles what follows (see .html._walk)
            out.append(Block("paragraph", text=label, strong=True))
            _walk(child, out)
        elif tag in ACCORDIONS and (label := tab_label(child)):
            flush()  # an MDX accordion, as a disclosure (see .html._walk)
            out.append(Block("term", text=label))
            _walk(child, out)
            if _holds_more_than_its_label(child):
                out.append(Block("end"))
        elif tag not in BLOCK_TAGS:
            _text(child, loose, False)
        else:
            flush()
            _block(child, out)
        if child.tail:
            loose.append(_string(child.tail, False))
    flush()


def _list_block(node: Element) -> Block:
    items: list[str] = []
    struck: list[bool] = []
    depths: list[int] = []
    # Looked up once for the list: most have no code sample and nothing struck through.
    any_pre = _has(node, _PRESERVE_TAGS)
    any_struck = _has(node, _STRUCK_TAGS)
    for li in node.iter("li"):
        # A nested list's items are their own entries; keep only this item's own text.
        pre = any_pre and _within_pre(li, node)
        own: list[str] = []
        if li.text:
            own.append(_string(li.text, pre))
        for child in li:
            if child.tag.__class__ is str and child.tag not in LIST_TAGS:
                _text(child, own, pre)
            if child.tail:
                own.append(_string(child.tail, pre))
        items.append("".join(own).strip())
        struck.append(any_struck and _own_struck(li))
        depths.append(_depth(li, node))
    return Block("list", items=tuple(items), struck=tuple(struck), depths=nesting(depths))


def _depth(li: Element, top: Element) -> int:
    """:func:`errcat.extract.parse.html._depth`."""
    depth = 0
    parent = li.getparent()
    while parent is not None and parent is not top:
        depth += parent.tag == "li"
        parent = parent.getparent()
    return depth


def _own_struck(li: Element) -> bool:
    """Whether an item's own text (nested lists aside) is all struck through."""
    if li.text and li.text.strip():
        return False
    tags: list[Element] = []
    for child in li:
        tag = child.tag
        if tag.__class__ is not str:
            # bs4 keeps a comment as a string of the item: a non-blank one is text not struck.
            if _markup_string(child).strip():
                return False
        elif tag not in LIST_TAGS:
            tags.append(child)
        if child.tail and child.tail.strip():
            return False
    if not tags:
        return False
    return all(c.tag in STRUCK_TAGS or _is_all(c, STRUCK_TAGS) for c in tags)


def _markup_string(node: Element) -> str:
    """The string bs4 makes of a comment or processing instruction."""
    if isinstance(node, lxml.etree._ProcessingInstruction):
        return f"{node.target} {node.text or ''}"
    return node.text or ""


def _table_block(node: Element) -> Block:
    rows: list[list[tuple[str, int, int]]] = []
    struck: list[bool] = []
    any_pre = _has(node, _PRESERVE_TAGS)
    any_struck = _has(node, _STRUCK_TAGS)
    for tr in node.iter("tr"):
        if _table_of(tr) is not node:
            continue  # a row of a nested table
        cells = [c for c in tr if c.tag in ("th", "td")]
        if not cells:
            continue
        pre = any_pre and _within_pre(tr, node)
        rows.append(
            [
                (
                    _cell_text(c, pre).strip(),
                    span(c.get("rowspan"), MAX_ROWSPAN),
                    span(c.get("colspan"), MAX_COLSPAN),
                )
                for c in cells
            ]
        )
        struck.append(any_struck and _is_all(cells[0], STRUCK_TAGS))
    return Block("table", rows=tuple(lay_out(rows)), struck=tuple(struck))
