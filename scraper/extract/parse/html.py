"""HTML → :class:`Block` list, using BeautifulSoup on the lxml parser.

Single-page doc sites (Slate, ReadMe, Docusaurus) wrap content in ``div``/``section`` layers;
those are walked through, and each heading, paragraph, list, table, blockquote and ``pre`` becomes
one block, as markdown-it would have produced it.

>>> [b.kind for b in blocks_from_html("<h3>-1121 BAD_SYMBOL</h3><ul><li>Invalid symbol.</li></ul>")]
['heading', 'list']
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.element import PreformattedString
from errcat.extract.blocks import Block, nesting
from errcat.extract.parse.anchors import html_anchors
from errcat.extract.parse.grid import MAX_COLSPAN, MAX_ROWSPAN, lay_out, span

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LIST_TAGS = {"ul", "ol"}
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "button", "head", "title"}
STRUCK_TAGS = {"s", "del", "strike"}
STRONG_TAGS = {"strong", "b"}
BLOCK_TAGS = HEADING_TAGS | LIST_TAGS | {
    "p", "table", "blockquote", "pre", "div", "section", "article", "main", "aside", "header",
    "footer", "dl", "dd", "dt", "li", "body", "html", "figure", "details", "summary", "form",
}  # fmt: skip
# The tab components of MDX pages (Mintlify's <Tab title>, Docusaurus's <TabItem label>)
TAB_ITEMS = frozenset({"tab", "tabitem"})
# The disclosures of MDX pages (Mintlify's <Accordion title>, <Expandable title>)
ACCORDIONS = frozenset({"accordion", "expandable"})
# MDX's containers of tabs and of accordions
MDX_SETS = frozenset({"tabs", "accordiongroup"})
# Tables drawn with elements of these roles (see _aria_table_block)
ARIA_TABLES = frozenset({"table", "grid", "treegrid"})
ARIA_CELLS = frozenset({"cell", "gridcell", "columnheader", "rowheader"})
# Block elements inside a table cell: what each holds is a line of its own, even where a
# minified page writes them with nothing between (<td><p>Invalid key</p><p>Check it</p></td>).
APART_TAGS = HEADING_TAGS | LIST_TAGS | {"p", "div", "li", "dt", "dd", "blockquote", "section"}
# Elements that never belong inside a list item of an error listing.
CONTAINED_TAGS = [*sorted(HEADING_TAGS), "table"]
# Permalink glyphs that doc generators append to headings.
ANCHOR_GLYPHS = "#¶🔗"


def blocks_from_html(text: str) -> list[Block]:
    """Flatten an HTML document (or fragment) into blocks, in document order."""
    with warnings.catch_warnings():
        # An XML or XHTML page still reads fine as HTML; bs4's advice is noise on stderr.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "lxml")
    out: list[Block] = []
    _walk(soup, out)
    return out


def node_text(node: Tag | NavigableString) -> str:
    """Text of a node with ``<br>`` as a line break; markup, comments and doctypes dropped."""
    parts: list[str] = []
    _collect_text(node, parts)
    return "".join(parts)


def cell_text(node: Tag) -> str:
    """:func:`node_text` of a table cell, with its block elements (a ``<p>`` each) and its
    ``<br>``s on lines of their own; a line break of the page's source is a space, as a browser
    shows it."""
    parts: list[str] = []
    _collect_text(node, parts, apart=True)
    return "".join(parts)


def _collect_text(node: Tag | NavigableString, parts: list[str], apart: bool = False) -> None:
    if isinstance(node, PreformattedString):
        return
    if isinstance(node, NavigableString):
        parts.append(str(node).replace("\n", " ") if apart else str(node))
        return
    if node.name == "br":
        parts.append("\n")
        return
    if node.name in SKIP_TAGS:
        return
    for child in node.children:
        if apart and isinstance(child, Tag) and child.name in APART_TAGS:
            parts.append("\n")
            _collect_text(child, parts, apart)
            parts.append("\n")
        else:
            _collect_text(child, parts, apart)


# "Table 1 ", "Table 2: ": the number Sphinx and other generators give a caption
_TABLE_NUMBER = re.compile(r"^table\s+\d+(?:\.\d+)*\s*[.:]?\s+", re.I)


def caption_title(text: str) -> str:
    """The title a table's caption gives: without its number and permalink sign.

    >>> caption_title("Table 1 REST error codes¶")
    'REST error codes'
    """
    title = text.strip().strip(ANCHOR_GLYPHS).strip()
    return _TABLE_NUMBER.sub("", title)


def _holds_more_than_its_label(details: Tag) -> bool:
    """Whether a ``<details>`` holds what its summary labels (an MDX accordion, what its title
    labels): in a markdown page's HTML block, it holds the summary only, or nothing (the rest
    is markdown after it, up to ``</details>`` or ``</Accordion>``)."""
    for child in details.children:
        if isinstance(child, Tag):
            if child.name != "summary":
                return True
        elif not isinstance(child, PreformattedString) and child.strip():
            return True
    return False


def _is_all(node: Tag, names: set[str]) -> bool:
    """Whether every non-blank text of ``node`` sits inside one of the ``names`` elements."""
    seen = False
    for string in node.find_all(string=True):
        if isinstance(string, PreformattedString) or not string.strip():
            continue
        seen = True
        for parent in string.parents:
            if parent.name in names:
                break
            if parent is node:
                return False
    return seen


def _walk(node: Tag, out: list[Block]) -> None:
    loose: list[str] = []

    def flush_loose() -> None:
        text = "".join(loose).strip()
        if text:
            out.append(Block("paragraph", text=text))
        loose.clear()

    for child in node.children:
        if isinstance(child, PreformattedString):
            continue
        if isinstance(child, NavigableString):
            loose.append(str(child))
            continue
        if not isinstance(child, Tag) or child.name in SKIP_TAGS:
            continue
        name = child.name
        if name in MDX_SETS:  # MDX's set of tabs or accordions: read one by one
            flush_loose()
            _walk(child, out)
            continue
        if name in TAB_ITEMS and (label := tab_label(child)):
            # an MDX tab (<Tab title="REST">, <TabItem label="WebSocket">) titles what follows
            flush_loose()
            out.append(Block("paragraph", text=label, strong=True))
            _walk(child, out)
            continue
        if name in ACCORDIONS and (label := tab_label(child)):
            # an MDX accordion (<Accordion title="90001 · Address not whitelisted">): its
            # title heads what it hides, as a disclosure's summary does
            flush_loose()
            out.append(Block("term", text=label))
            _walk(child, out)
            if _holds_more_than_its_label(child):
                out.append(Block("end"))  # (in markdown, what it holds may come after it)
            continue
        if name not in BLOCK_TAGS:
            loose.append(node_text(child))
            continue
        flush_loose()
        _block(child, out)
    flush_loose()


def _block(child: Tag, out: list[Block]) -> None:
    """The blocks of one block-level element."""
    name = child.name
    if name in HEADING_TAGS:
        text = node_text(child).strip().strip(ANCHOR_GLYPHS).strip()
        struck = _is_all(child, STRUCK_TAGS)
        anchors = html_anchors(
            _attr(child, "id"),
            (
                (_attr(a, "id"), _attr(a, "name"), _attr(a, "href"), node_text(a))
                for a in child.find_all("a")
            ),
        )
        level = int(name[1])
        out.append(Block("heading", text=text, level=level, struck=(struck,), anchors=anchors))
    elif name == "p":
        out.append(
            Block(
                "paragraph",
                text=node_text(child).strip(),
                strong=_is_all(child, STRONG_TAGS),
                struck=(_is_all(child, STRUCK_TAGS),),
            )
        )
    elif name in LIST_TAGS:
        if child.find(CONTAINED_TAGS) is not None:
            # An unclosed <ul> swallows the rest of the page (lxml nests everything after
            # it into the last item): walk it as a container so its headings and tables
            # stay blocks of their own.
            _walk(child, out)
        else:
            out.append(_list_block(child))
    elif name == "table":
        caption = child.find("caption", recursive=False)
        title = caption_title(node_text(caption)) if caption is not None else ""
        if title:
            # a table's caption titles it, as a bold line above it would, and only it
            out.append(Block("paragraph", text=title, strong=True))
        out.append(_table_block(child))
        if title:
            out.append(Block("end"))
    elif name == "blockquote":
        inner: list[Block] = []
        _walk(child, inner)
        lines = [b for b in inner if b.kind in ("paragraph", "heading")]
        struck = bool(lines) and all(b.is_struck(0) for b in lines)
        out.append(Block("quote", text="\n".join(b.text for b in lines), struck=(struck,)))
        out.extend(b for b in inner if b.kind in ("list", "table"))
    elif name in ("dt", "summary"):
        # A definition term heads its <dd>: "<dt>-1000 UNKNOWN</dt><dd>message</dd>"; a
        # disclosure's label what it hides: "<summary>CU-4001 Vault not found</summary>".
        struck = _is_all(child, STRUCK_TAGS)
        out.append(Block("term", text=node_text(child).strip(), struck=(struck,)))
    elif name == "dl" or (name == "details" and _holds_more_than_its_label(child)):
        _walk(child, out)
        out.append(Block("end"))
    elif name == "pre":
        out.append(Block("code", text=node_text(child)))
    elif child.get("role") in ARIA_TABLES:
        out.append(_aria_table_block(child))
    elif (tabs := _tab_set(child)) is not None:
        for label, panel in tabs:
            out.append(Block("paragraph", text=label, strong=True))
            _walk(panel, out)
        out.append(Block("end"))
    else:
        _walk(child, out)


def _aria_table_block(node: Tag) -> Block:
    """A table drawn with ``div``s and ARIA roles (GitBook: ``role="table"`` of ``row``s of
    ``columnheader`` and ``cell`` elements), as the table it shows: its own rows and their own
    cells (a table inside a cell is text of that cell)."""
    rows = []
    for row in _below(node, is_aria_row, is_aria_table):
        cells = _below(row, is_aria_cell, lambda t: is_aria_row(t) or is_aria_table(t))
        if cells:
            rows.append(tuple(cell_text(c).strip() for c in cells))
    return Block("table", rows=tuple(rows), struck=(False,) * len(rows))


T = TypeVar("T")


class Attributed(Protocol):
    """An element of either builder's tree (a BeautifulSoup ``Tag``, an lxml element)."""

    def get(self, key: str, default: Any = None) -> Any: ...


# The roles of an ARIA table's parts, asked the same way of either builder's elements.
def is_aria_row(node: Attributed) -> bool:
    return node.get("role") == "row"


def is_aria_cell(node: Attributed) -> bool:
    return node.get("role") in ARIA_CELLS


def is_aria_table(node: Attributed) -> bool:
    return node.get("role") in ARIA_TABLES


def _is_panel(tag: Tag) -> bool:
    return tag.get("role") == "tabpanel" or "tabbed-block" in tag.get("class", ())


def _below(
    node: Tag, wanted: Callable[[Tag], bool], stop: Callable[[Tag], bool] = lambda t: False
) -> list[Tag]:
    """The ``wanted`` elements under ``node``, in document order, not looking inside one (nor
    inside a ``stop`` element): each element is looked at once, however deep the nesting."""
    found: list[Tag] = []
    stack = [c for c in reversed(node.contents) if isinstance(c, Tag)]
    while stack:
        tag = stack.pop()
        if wanted(tag):
            found.append(tag)
        elif not stop(tag):
            stack.extend(c for c in reversed(tag.contents) if isinstance(c, Tag))
    return found


def _tab_set(node: Tag) -> list[tuple[str, Tag]] | None:
    """The ``(label, panel)`` pairs of a set of tabs (``REST`` | ``WebSocket``), or ``None``.

    Doc sites show the same listing per surface or market in tabs: each label titles its
    panel (an ``end`` block after the set returns to the heading's title). A ``role="tablist"``
    of ``role="tab"`` items over ``role="tabpanel"`` panels (Docusaurus), or MkDocs Material's
    ``tabbed-labels`` over ``tabbed-block`` panels (older: ``label`` and ``tabbed-content``
    children in turn); labels and panels are paired in order, and only when they agree in
    number. (A panel's own tabs are its own set's.)
    """
    labels: list[str] | None = None
    for child in node.find_all(True, recursive=False):
        if child.get("role") == "tablist" or "tabbed-labels" in child.get("class", ()):
            tabs = child.find_all(lambda t: t.get("role") == "tab" or t.name == "label")
            labels = [node_text(t).strip() for t in tabs]
            break
    if labels is None:
        labels = [node_text(c).strip() for c in node.find_all("label", recursive=False)]
        if not labels:
            return None
        return paired(labels, node.find_all(class_="tabbed-content", recursive=False))
    return paired(labels, _below(node, _is_panel)) if labels else None


def paired(labels: list[str], panels: list[T]) -> list[tuple[str, T]] | None:
    """Tabs' labels with their panels, in order; ``None`` unless each label has text and the
    two agree in number (a guess at which goes with which would be no reading)."""
    if not labels or len(labels) != len(panels) or not all(labels):
        return None
    return list(zip(labels, panels, strict=True))


def tab_label(node: Attributed) -> str:
    """An MDX tab's label (``<TabItem label>``, ``<Tab title>``), on one line."""
    label = node.get("label") or node.get("title") or ""
    return " ".join(label.split()) if isinstance(label, str) else ""


def _attr(node: Tag, name: str) -> str | None:
    value = node.get(name)
    return value if isinstance(value, str) else None


def _list_block(node: Tag) -> Block:
    items: list[str] = []
    struck: list[bool] = []
    depths: list[int] = []
    for li in node.find_all("li"):
        # A nested list's items are their own entries; keep only this item's own text.
        own: list[str] = []
        for child in li.children:
            if isinstance(child, Tag) and child.name in LIST_TAGS:
                continue
            own.append(node_text(child))
        items.append("".join(own).strip())
        struck.append(_own_struck(li))
        depths.append(_depth(li, node))
    return Block("list", items=tuple(items), struck=tuple(struck), depths=nesting(depths))


def _depth(li: Tag, top: Tag) -> int:
    """How many list items enclose ``li`` below the list ``top``."""
    depth = 0
    for parent in li.parents:
        if parent is top:
            break
        depth += parent.name == "li"
    return depth


def _own_struck(li: Tag) -> bool:
    """Whether an item's own text (nested lists aside) is all struck through.

    Looking only at its own children keeps deeply nested lists linear, not quadratic.
    """
    own = [c for c in li.children if not (isinstance(c, Tag) and c.name in LIST_TAGS)]
    texts = [c for c in own if isinstance(c, Tag) or (isinstance(c, str) and c.strip())]
    if not texts or any(not isinstance(c, Tag) for c in texts):
        return False
    tags = [c for c in texts if isinstance(c, Tag)]
    return all(c.name in STRUCK_TAGS or _is_all(c, STRUCK_TAGS) for c in tags)


def _table_block(node: Tag) -> Block:
    rows: list[list[tuple[str, int, int]]] = []
    struck: list[bool] = []
    for tr in node.find_all("tr"):
        if tr.find_parent("table") is not node:
            continue  # a row of a nested table
        cells = tr.find_all(["th", "td"], recursive=False)
        if not cells:
            continue
        rows.append([(cell_text(c).strip(), *_spans(c)) for c in cells])
        struck.append(_is_all(cells[0], STRUCK_TAGS))
    return Block("table", rows=tuple(lay_out(rows)), struck=tuple(struck))


def _spans(cell: Tag) -> tuple[int, int]:
    return span(_attr(cell, "rowspan"), MAX_ROWSPAN), span(_attr(cell, "colspan"), MAX_COLSPAN)
