"""The format-neutral view of a document that the shape readers work on.

Markdown (via markdown-it-py) and HTML (via BeautifulSoup) are both flattened into the same list of
:class:`Block` objects, so a table or a ``### -1121 BAD_SYMBOL`` heading means the same thing
whichever syntax carried it, and the HTML that markdown-it renders from a page extracts exactly
like the page itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list", "table", "quote", "code", "term"]


@dataclass(frozen=True, slots=True)
class Block:
    """One block-level element.

    ``text`` holds a heading's, paragraph's, quote's or definition term's (``<dt>``) text (soft
    line breaks kept as ``\\n``); ``items`` a list's items (nested items flattened, in order);
    ``rows`` a table's rows, header row first.
    ``struck`` flags, per item or row, content that is entirely struck through (deprecated).
    ``strong`` marks a paragraph that is entirely bold, which documents use as a section title.
    ``anchors`` holds a heading's own anchors: its HTML ``id`` (and those of anchors in it), and
    the fragments its permalinks point at (``### Public [🔗](#error-code-websocket-public)``),
    which may name what a scrape lost of its text (see :mod:`errcat.extract.parse.anchors`).

    Slotted: every block of a page is built, and a whole-API page has tens of thousands, each a
    third the size without an instance dict.
    """

    kind: BlockKind
    text: str = ""
    level: int = 0
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    struck: tuple[bool, ...] = ()
    strong: bool = False
    anchors: tuple[str, ...] = ()

    def is_struck(self, index: int) -> bool:
        return index < len(self.struck) and self.struck[index]
