"""The format-neutral view of a document that the shape readers work on.

Markdown (via markdown-it-py) and HTML (via BeautifulSoup) are both flattened into the same list of
:class:`Block` objects, so a table or a ``### -1121 BAD_SYMBOL`` heading means the same thing
whichever syntax carried it, and the HTML that markdown-it renders from a page extracts exactly
like the page itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list", "table", "quote", "code", "term", "end"]


@dataclass(frozen=True, slots=True, init=False)
class Block:
    """One block-level element.

    ``text`` holds a heading's, paragraph's, quote's or definition term's (``<dt>``) text (soft
    line breaks kept as ``\\n``); ``items`` a list's items (nested items flattened, in order);
    ``rows`` a table's rows, header row first.
    ``depths`` gives, per item, how deep in nested lists it sits (0: the outer list), and is
    empty for a flat list.
    ``struck`` flags, per item or row, content that is entirely struck through (deprecated).
    ``strong`` marks a paragraph that is entirely bold, which documents use as a section title.
    An ``end`` block closes a definition list (``</dl>``) or a set of tabs (whose labels are
    bold paragraphs, titles of their panels): a term's text stops there, what follows the list
    (a note, the page's footer) is not the last term's, and the title is the heading's again.
    ``anchors`` holds a heading's own anchors: its HTML ``id`` (and those of anchors in it), and
    the fragments its permalinks point at (``### Public [🔗](#error-code-websocket-public)``),
    which may name what a scrape lost of its text (see :mod:`errcat.extract.parse.anchors`).

    Slotted: every block of a page is built, and a whole-API page has tens of thousands, each a
    third the size without an instance dict. For the same reason its ``__init__`` is written
    out: it sets the slots directly, not through the frozen class's ``object.__setattr__``
    (which looks each field up again), in about half the time.

    >>> Block("heading", text="Errors", level=2) == Block("heading", "Errors", 2)
    True
    """

    kind: BlockKind
    text: str = ""
    level: int = 0
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    struck: tuple[bool, ...] = ()
    strong: bool = False
    anchors: tuple[str, ...] = ()
    depths: tuple[int, ...] = ()

    def __init__(
        self,
        kind: BlockKind,
        text: str = "",
        level: int = 0,
        items: tuple[str, ...] = (),
        rows: tuple[tuple[str, ...], ...] = (),
        struck: tuple[bool, ...] = (),
        strong: bool = False,
        anchors: tuple[str, ...] = (),
        depths: tuple[int, ...] = (),
    ) -> None:
        _set_kind(self, kind)
        _set_text(self, text)
        _set_level(self, level)
        _set_items(self, items)
        _set_rows(self, rows)
        _set_struck(self, struck)
        _set_strong(self, strong)
        _set_anchors(self, anchors)
        _set_depths(self, depths)

    def is_struck(self, index: int) -> bool:
        return index < len(self.struck) and self.struck[index]


# The slots' own setters (the class is frozen: its __setattr__ refuses every assignment).
_set_kind = Block.kind.__set__  # type: ignore[attr-defined]
_set_text = Block.text.__set__  # type: ignore[attr-defined]
_set_level = Block.level.__set__  # type: ignore[attr-defined]
_set_items = Block.items.__set__  # type: ignore[attr-defined]
_set_rows = Block.rows.__set__  # type: ignore[attr-defined]
_set_struck = Block.struck.__set__  # type: ignore[attr-defined]
_set_strong = Block.strong.__set__  # type: ignore[attr-defined]
_set_anchors = Block.anchors.__set__  # type: ignore[attr-defined]
_set_depths = Block.depths.__set__  # type: ignore[attr-defined]


def nesting(depths: list[int]) -> tuple[int, ...]:
    """A list block's ``depths``: empty when every item is in the outer list."""
    return tuple(depths) if any(depths) else ()
