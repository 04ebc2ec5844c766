"""The HTML fast path: blocks straight from one lxml parse, only for the parts that can matter.

:func:`html_blocks` parses the page once with lxml's HTML parser, walks it the way
:mod:`.html` walks BeautifulSoup's tree (through the block-level containers, each
heading, paragraph, list, table, quote, term and ``pre`` one block), decides which of those can
matter (the section-wise reduction of :mod:`errcat.extract.parse.scan`) and builds :class:`Block`
objects for the kept ones only. No serialising, no second parse.

The blocks equal those of :func:`errcat.extract.parse.html.blocks_from_html` for the kept content
(``tests/test_scan_html.py``). BeautifulSoup-on-lxml builds its tree from the events of the same
libxml2 parser, so both trees hold the same elements and strings; what BeautifulSoup does on top
is mirrored here: a string of ASCII white space only becomes one space or newline (except inside
``pre``/``textarea``), one leading byte-order mark is dropped. What lxml's tree cannot show sends
the page down the full path: a doctype among the content, markup after ``</html>`` (bs4 keeps it
as a second ``<html>``), nesting deeper than libxml2 builds (255 elements), a page lxml cannot
read.

The reduction differs from the markdown one in two ways. A ``<pre>`` is never a candidate (no
reader reads a code block) but is kept with its neighbours, since it ends a lead-in line. An
upper-case code word also counts when any block since the last heading mentions errors (a
paragraph there may name the section, and that title lets a reader trust the word).

>>> page = "<h1>API</h1><pre>GET /x</pre><h1>Errors</h1><h2>-1000</h2><p>Oops.</p>"
>>> [(b.kind, b.text) for b in html_blocks(page)]
[('heading', 'API'), ('heading', 'Errors'), ('heading', '-1000'), ('paragraph', 'Oops.')]
"""

from __future__ import annotations

import re

import lxml.etree
from errcat.extract.blocks import Block
from errcat.extract.parse import scan
from errcat.extract.parse.html import (
    ANCHOR_GLYPHS,
    BLOCK_TAGS,
    CONTAINED_TAGS,
    HEADING_TAGS,
    LIST_TAGS,
    SKIP_TAGS,
    STRONG_TAGS,
    STRUCK_TAGS,
    blocks_from_html,
)
from errcat.extract.read.tables import NOT_ERROR_WORDS

__all__ = ["fragment_blocks", "html_blocks", "reduce_html"]

Element = lxml.etree._Element

# bs4 keeps these strings as they are (HTMLTreeBuilder.preserve_whitespace_tags); elsewhere a
# string of nothing but ASCII whitespace (BeautifulSoup.ASCII_SPACES) becomes " " or "\n".
_PRESERVE = frozenset({"pre", "textarea"})
_ASCII_SPACE = " \n\t\x0c\r"
# Elements whose text node_text does not take as it is.
_SPECIAL = frozenset({"br", *SKIP_TAGS, *_PRESERVE})
_NOT_AS_IS = ("br", *sorted(SKIP_TAGS))  # what node_text reads otherwise than itertext()
_PRESERVE_TAGS = tuple(sorted(_PRESERVE))
_CONTAINED_TAGS = tuple(CONTAINED_TAGS)
_STRUCK_TAGS = tuple(sorted(STRUCK_TAGS))
_STRING = lxml.etree.XPath("string()", smart_strings=False)  # an element's text, at C speed
# What a line must hold for the line patterns of scan._LINE / scan._ANY_NUMBER_START to match
# it (a number, an HTML tag or link reference, an upper-case word with "_"), headings aside.
_MAYBE_CANDIDATE = re.compile(r"[\d<\[_]")
_SPACE = re.compile(r"\s+")
_HTML_END = re.compile(r"(?i)</html")
_RESOURCE_LIMIT = lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT
_CLEARED = "data-errcat-cleared"  # marks a skipped element whose content reduce_html dropped


def html_blocks(text: str) -> list[Block]:
    """The blocks :func:`~errcat.extract.parse.html.blocks_from_html` gives for the parts of an HTML
    page that can matter to the readers, in document order."""
    root = _parse(text)
    if root is None:
        return blocks_from_html(text)
    items: list[_Item] = []
    _scan(root, items, None)
    out: list[Block] = []
    for item, kept in zip(items, _keep(items), strict=True):
        if item.element is None:
            if item.block is not None:
                out.append(item.block)  # loose text: always kept, as it cannot be emptied
        elif kept:
            _block(item.element, out)
    return out


def fragment_blocks(text: str) -> list[Block]:
    """All the blocks of an HTML fragment, as :func:`~errcat.extract.parse.html.blocks_from_html`
    gives them, from one lxml parse where its tree shows what BeautifulSoup's does (the HTML
    blocks of a markdown page: ``<details>``, ``<summary>``, components).

    >>> [(b.kind, b.text) for b in fragment_blocks("<details>\\n<summary><b>Errors:</b></summary>")]
    [('paragraph', 'Errors:')]
    """
    root = _parse(text, samples=False)
    if root is None:
        return blocks_from_html(text)
    out: list[Block] = []
    _block(root, out)
    return out


def reduce_html(text: str) -> str:
    """The same HTML page with every block that cannot matter emptied (an empty ``<div>``).

    What :func:`html_blocks` keeps, as a page: for looking at what the fast path reads. A page
    the fast path does not read itself is returned unchanged.

    >>> print(reduce_html("<h1>API</h1><pre>GET /x</pre><h1>Errors</h1><h2>-1000</h2><p>Oops.</p>"))
    <html><body><h1>API</h1><div></div><h1>Errors</h1><h2>-1000</h2><p>Oops.</p></body></html>
    """
    root = _parse(text)
    if root is None:
        return text
    items: list[_Item] = []
    skipped: list[Element] = []
    _scan(root, items, skipped)
    emptied = False
    for element in skipped:
        # Never read (scripts, styles, <head>, navigation): its content can go too.
        if len(element) or element.text:
            element.clear(keep_tail=True)
            element.set(_CLEARED, "")
            emptied = True
    for item, kept in zip(items, _keep(items), strict=True):
        if not kept and item.element is not None:
            item.element.clear(keep_tail=True)
            item.element.tag = "div"
            emptied = True
    if not emptied:
        return text
    return lxml.etree.tostring(root, method="html", encoding="unicode")


def _parse(text: str, samples: bool = True) -> Element | None:
    """The page's ``<html>`` element, parsed as BeautifulSoup parses it, or ``None`` where the
    tree would not show what BeautifulSoup's shows (or lxml cannot read the page). With
    ``samples``, code samples that stand alone are parsed empty (see :data:`_SAMPLE`)."""
    if text.startswith("\ufeff"):
        text = text[1:]  # bs4 drops one byte-order mark before it feeds lxml
    if _doctype_among_content(text):
        return None  # bs4 keeps it, and it splits strings
    end = _HTML_END.search(text)
    if end:
        close = text.find(">", end.end())
        if close >= 0 and text[close + 1 :].strip():
            return None  # markup after </html>: bs4 keeps it, lxml's tree drops it
    blanked = _blank_code_samples(text) if samples else None
    for source in (text,) if blanked is None else (blanked, text):
        # As UTF-8 bytes, with the encoding forced as for a str: parsed faster than the str is.
        parser = lxml.etree.HTMLParser(collect_ids=False, encoding="utf-8")
        try:
            root = lxml.etree.fromstring(source.encode("utf-8"), parser)
        except (ValueError, lxml.etree.LxmlError):  # UnicodeEncodeError: a lone surrogate
            return None
        if root is None or root.tag != "html":
            return None
        if any(e.type == _RESOURCE_LIMIT for e in parser.error_log):
            # Nested deeper than 255 elements, or a text node over 10 MB: libxml2 stops building
            # the tree there, while bs4 (fed the parser's events) goes on.
            return None
        if source is text or _samples_stand_alone(root, blanked.count(_SAMPLE)):
            return root
    return None


# A code sample: <pre>, then nothing but text, entities and the <span>/<code> markup of syntax
# highlighting, then </pre>. Half of a doc site's bytes, and no reader reads code (a code block
# only ends a lead-in, which an empty one does as well), so such a sample's content is left out
# of the parse: _SAMPLE stands in for it.
_PRE_OPEN = re.compile(r"<pre(?=[\s>])[^<>\"']*+(?:(?:\"[^\"]*+\"|'[^']*+')[^<>\"']*+)*+>", re.I)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.I)
_HIGHLIGHTED = re.compile(
    r"(?:[^<]++|<span class=\"[\w -]*+\">|</span>|<code(?: class=\"[\w -]*+\")?>|</code>)*+"
)
_SAMPLE = "\ue000"
# Where a code sample is one block of its own in html.py's walk (not text of a list item, a
# table cell, a heading, a paragraph...), or never read at all.
_SAMPLE_PARENTS = frozenset(
    {"html", "body", "div", "section", "article", "main", "aside", "header", "footer", "figure",
     "details", "summary", "form", *SKIP_TAGS}
)  # fmt: skip


def _blank_code_samples(text: str) -> str | None:
    """``text`` with the content of its highlighted code samples left out, or ``None``.

    >>> _blank_code_samples('<p>x</p><pre><code><span class="k">let</span> a</code></pre>')
    '<p>x</p><pre>\ue000</pre>'
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
        if (
            _HIGHLIGHTED.fullmatch(body)
            and body.count("<span") == body.count("</span>")
            and body.count("<code") == body.count("</code>")
        ):
            parts.append(text[at : start.end()])
            parts.append(_SAMPLE)
            at = end.start()
    if not parts:
        return None
    parts.append(text[at:])
    return "".join(parts)


def _samples_stand_alone(root: Element, count: int) -> bool:
    """Whether each of the ``count`` blanked code samples became a ``<pre>`` of its own, where
    html.py reads it as a block. (A "<pre>" inside an attribute value or a comment was no
    sample: blanking it changed the page, and the count tells.)"""
    found = 0
    for pre in root.iter("pre"):
        if pre.text == _SAMPLE:
            if not all(a.tag in _SAMPLE_PARENTS for a in pre.iterancestors()):
                return False
            found += 1
    return found == count


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


# --- the reduction -----------------------------------------------------------------------------


class _Item:
    """One block of the page as the block builder sees it: loose text (its paragraph built
    already) or an element whose blocks are built only if the reduction keeps it."""

    __slots__ = ("block", "element", "header", "level", "tag", "text")

    def __init__(
        self,
        tag: str,
        text: str | None,
        element: Element | None,
        *,
        block: Block | None = None,
        level: int = 0,
        header: frozenset[str] = frozenset(),
    ) -> None:
        self.tag = tag
        # Every text node on a line of its own, for the line patterns. None where they need not
        # look (a table, a code sample, text without a character they could match); the item
        # after it may still ask, see lines().
        self.text = text
        self.element = element
        self.block = block
        self.level = level
        self.header = header

    def lines(self) -> str:
        if self.text is None:
            self.text = _lines(self.element) if self.element is not None else ""
        return self.text


def _keep(items: list[_Item]) -> list[bool]:
    """Which items can matter: the candidates and their sections (see :mod:`.scan`)."""
    line, any_number = scan._LINE, scan._ANY_NUMBER_START
    code_start, code_like, error_words = (
        scan._CANDIDATE_AFTER_HASHES,
        scan._CODE_LIKE_TITLE,
        scan._ERROR_WORDS,
    )
    n = len(items)
    level = [it.level for it in items]
    heading = [lv > 0 for lv in level]
    candidate = [False] * n
    word = [False] * n
    schema = [False] * n
    code_only = [False] * n  # a code sample stays with its neighbours, see below
    resets = [False] * n
    announces = [False] * n
    for i, it in enumerate(items):
        if it.tag == "table":
            # A table is a candidate unless its header names a parameter table, whatever its
            # rows hold.
            if it.header & NOT_ERROR_WORDS:
                schema[i] = True
            else:
                candidate[i] = True
            continue
        if it.tag == "pre":
            # A code sample is read by no reader, whatever it holds; but it ends a lead-in
            # ("Error codes:" <pre>…</pre> <ul>…</ul> is no announced list), so it stays where
            # its neighbours do, unlike a markdown piece of code only.
            continue
        if it.text is None:
            continue  # nothing the patterns below can match (see _candidate_lines)
        lines = "\n" + it.text
        # Every text node starts a line here, so a lone short number is no lone line:
        # "<li><code>30</code> - failed</li>" is a code. (This also covers the line pattern's
        # numbers, and is the cheaper look.)
        if any_number.search(lines):
            candidate[i] = True
        else:
            for m in line.finditer(lines):
                if m.lastgroup == "word":
                    word[i] = True
                elif m.lastgroup != "heading":
                    candidate[i] = True
                    break
        if it.level:
            title = it.text.strip()
            if code_start.match(title):
                candidate[i] = True
            resets[i] = not code_like.search(title)
            announces[i] = bool(error_words.search(title))
    # An upper-case word (INVALID_PARAM, but also enum values like DEP_CREDITED) counts next to
    # words that announce errors: in the item before it, or anywhere since the last heading (a
    # paragraph there may have named the section "Order errors"). Each item is looked at once.
    checked, titled = 0, False
    for i, it in enumerate(items):
        if it.level:
            checked, titled = i, False
        if word[i] and not candidate[i]:
            while not titled and checked < i - 1:
                titled = bool(error_words.search(items[checked].lines()))
                checked += 1
            near = (items[i - 1].lines() if i else "") + "\n" + it.lines()
            candidate[i] = titled or bool(error_words.search(near))
    return scan._widen(heading, candidate, level, resets, announces, code_only, schema)


def _scan(node: Element, items: list[_Item], skipped: list[Element] | None) -> None:
    """Items of a container, walked as :func:`errcat.extract.parse.html._walk` walks it."""
    # The loose text between blocks, as it comes: strings, and inline elements. Mostly it is
    # the white space between two blocks, which makes no item.
    loose: list[str | Element] = []
    inline = False

    def flush() -> None:
        if not inline and not "".join(loose).strip():  # strings only
            loose.clear()
            return
        lines: list[str] = []
        text: list[str] = []
        for piece in loose:
            if piece.__class__ is str:
                lines.append(piece)
                text.append(_string(piece, False))
            else:
                lines.append(_lines(piece))
                _text(piece, text, False)
        joined = "\n".join(lines)
        paragraph = "".join(text).strip()
        if paragraph or joined.strip():
            block = Block("paragraph", text=paragraph) if paragraph else None
            items.append(_Item("loose", joined, None, block=block))
        loose.clear()

    if node.text:
        loose.append(node.text)
    for child in node:
        tag = child.tag
        if tag.__class__ is not str:  # comment, processing instruction
            pass
        elif tag in SKIP_TAGS:
            if skipped is not None:
                skipped.append(child)
        elif tag not in BLOCK_TAGS:
            loose.append(child)
            inline = True
        else:
            if loose:
                flush()
                inline = False
            if tag in HEADING_TAGS:
                items.append(_Item(tag, _lines(child), child, level=int(tag[1])))
            elif tag == "p" or tag == "blockquote" or tag == "dt":
                items.append(_Item(tag, _candidate_lines(child), child))
            elif tag == "table":
                items.append(_Item(tag, None, child, header=_table_header(child)))
            elif tag == "pre":
                items.append(_Item(tag, None, child))
            elif tag in LIST_TAGS:
                if _contains_blocks(child):
                    _scan(child, items, skipped)  # walked as a container, see _block
                else:
                    items.append(_Item(tag, _candidate_lines(child), child))
            else:
                _scan(child, items, skipped)
        tail = child.tail
        if tail:
            loose.append(tail)
    if loose:
        flush()


def _candidate_lines(element: Element) -> str | None:
    """:func:`_lines` of ``element``, or ``None`` when no line pattern of :func:`_keep` (a
    number, ``<``, ``[``, an upper-case word with ``_``) can match in it."""
    text = _lines(element)
    return text if _MAYBE_CANDIDATE.search(text) else None


def _lines(element: Element) -> str:
    """Text of ``element``, every text node on a line of its own (more line starts than the page
    shows, never fewer)."""
    if not len(element):
        return element.text or ""  # a leaf: one text node, if any
    return "\n".join(element.itertext())


def _table_header(table: Element) -> frozenset[str]:
    """Words of the first row of ``table`` (not of a nested table's)."""
    header_word = scan._header_word
    for tr in table.iter("tr"):
        if _table_of(tr) is not table:
            continue
        words = [
            _SPACE.sub(" ", header_word("".join(c.itertext()) if len(c) else c.text or ""))
            for c in tr
            if c.tag == "th" or c.tag == "td"
        ]
        if words:
            return frozenset(words)
    return frozenset()


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


def _text(element: Element, parts: list[str], pre: bool) -> None:
    """:func:`errcat.extract.parse.html.node_text` of an element, into ``parts``."""
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
        parts.append(text if pre or text.strip(_ASCII_SPACE) else _blank(text))
    for child in element:
        if child.tag.__class__ is str:
            if len(child) or child.tag in _SPECIAL:
                _text(child, parts, pre)
            else:
                # A leaf: its text is all there is (the usual <code>, <a>, <span>).
                text = child.text
                if text:
                    parts.append(text if pre or text.strip(_ASCII_SPACE) else _blank(text))
        tail = child.tail
        if tail:
            parts.append(tail if pre or tail.strip(_ASCII_SPACE) else _blank(tail))


def _blank(text: str) -> str:
    return "\n" if "\n" in text else " "


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
    """The blocks of one block-level element, as :func:`.html._walk` makes them."""
    tag = child.tag
    if tag in HEADING_TAGS:
        text = _node_text(child).strip().strip(ANCHOR_GLYPHS).strip()
        struck = _is_all(child, STRUCK_TAGS)
        out.append(Block("heading", text=text, level=int(tag[1]), struck=(struck,)))
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
        out.append(_table_block(child))
    elif tag == "blockquote":
        inner: list[Block] = []
        _walk(child, inner)
        lines = [b for b in inner if b.kind in ("paragraph", "heading")]
        struck = bool(lines) and all(b.is_struck(0) for b in lines)
        out.append(Block("quote", text="\n".join(b.text for b in lines), struck=(struck,)))
        out.extend(b for b in inner if b.kind in ("list", "table"))
    elif tag == "dt":
        struck = _is_all(child, STRUCK_TAGS)
        out.append(Block("term", text=_node_text(child).strip(), struck=(struck,)))
    elif tag == "pre":
        out.append(Block("code", text=_node_text(child)))
    else:
        _walk(child, out)


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
    return Block("list", items=tuple(items), struck=tuple(struck))


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
    rows: list[tuple[str, ...]] = []
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
        rows.append(tuple(_node_text(c, pre).strip() for c in cells))
        struck.append(any_struck and _is_all(cells[0], STRUCK_TAGS))
    return Block("table", rows=tuple(rows), struck=tuple(struck))
