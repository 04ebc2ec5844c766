"""Where a reader is in the document: the heading path, the current group title, the surface.

Documents announce sections in three ways, all of which end up here: headings (``## 11xx -
Request issues``), a short title line just before a table (``WebSocket API Error Code``), and a
title row inside a table (``Trading (4010xx)``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from errcat.extract.blocks import Block
from errcat.extract.read.detect import mentions_errors
from errcat.normalize import clean_text

# WebSocket in the scripts that spell it out ("웹소켓 에러", "ウェブソケット", "веб-сокет")
DEFAULT_WEBSOCKET_PATTERN = (
    r"\bweb\s?-?sockets?\b|\bwss?\b|\bstream(?:s|ing)\b"
    r"|웹\s?소켓|ウェブ\s?ソケット|\bвеб[-\s]?сокет\w*"
)
# A title that names the REST surface ("REST API", "RESTful errors"; not "the rest of")
_REST = re.compile(r"\brest(?:ful)?\b(?!\s+of\b)|\bhttp api\b", re.I)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
CODE_RE = re.compile(r"^[-+]?\d+$")
_SENTENCE_END = tuple(".:;,!?")
_LETTER = re.compile(r"[A-Za-z]")
_KEY_VALUE = re.compile(r"[a-z_]+:\s")  # "id: 3"
# "Weight: 1", "Security: SIGNED": a label and its value, one word ("WebSocket: connection
# errors" names a section)
_LABEL_VALUE = re.compile(r"^[A-Z][A-Za-z ]{0,30}:\s+\S{1,20}$")
# kramdown's and Pandoc's attributes after a heading's text ("{#order-errors}", "{.tabbed}")
_ATTRIBUTES = re.compile(r"\s*\{:?\s*[#.][^{}]*\}$")
# "Here is the REST API Error Code" introduces a table; it is a sentence, not a section's name.
_LEAD_IN = re.compile(r"^(?:here (?:is|are)|below (?:is|are)|the following|see)\b", re.I)
# A heading without the space after its hashes, which GFM leaves a paragraph and Slate renders.
_HASHED = re.compile(r"^#{1,6}([^#\s].*?)\s*#*$")
_RANGE = re.compile(r"\bfrom\s+[-+]?\d+(?:\s*(?:to|-|–)\s*[-+]?\d+)?\s*$", re.I)
# Anchors join words with hyphens, underscores or dots ("error-code-websocket-public"); as
# spaces, the websocket pattern's word boundaries see them.
_ANCHOR_WORDS = re.compile(r"[-_.]+")
T = TypeVar("T")


@dataclass(frozen=True)
class ExtractOptions:
    """Per-source hints. The defaults work for most pages; ``sources/<id>.toml`` may override.

    ``websocket_pattern`` is a case-insensitive regex: a section whose title (or enclosing
    heading) matches it lists WebSocket codes. ``sections``, when given, pins extraction to the
    sections whose title matches one of these regexes.
    """

    websocket_pattern: str = DEFAULT_WEBSOCKET_PATTERN
    sections: tuple[str, ...] = ()


def without_attributes(title: str) -> str:
    """A heading's text without the attributes kramdown and Pandoc write after it.

    >>> without_attributes("Order errors {#order-errors}"), without_attributes("{} placeholder")
    ('Order errors', '{} placeholder')
    """
    if title.endswith("}") and (attributes := _ATTRIBUTES.search(title)):
        return title[: attributes.start()] or title
    return title


def title_line(text: str) -> str | None:
    """The last line of a paragraph if it reads like a title (short, no sentence punctuation).

    >>> title_line("All responses carry a code.\\nTrading (4010xx)")
    'Trading (4010xx)'
    >>> title_line("Errors consist of a code and a message:") is None
    True
    >>> title_line("Here is the REST API Error Code") is None
    True
    """
    # Only the last two non-blank lines matter, and a paragraph may have hundreds. Most are one
    # line: a printable text has no line break (str.splitlines' breaks are all unprintable).
    one_line = text.isprintable()
    filled = iter(()) if one_line else (ln for ln in reversed(text.splitlines()) if ln.strip())
    last = (text if text.strip() else None) if one_line else next(filled, None)
    if last is None:
        return None
    line = clean_text(last)
    if line.startswith("#") and len(line) <= 90 and (bare := _HASHED.match(line)):
        line = bare.group(1)  # "###System error codes###": a heading as Slate renders it
    if not line or len(line) > 80 or line.endswith(_SENTENCE_END):
        return None
    if "from" in line.lower() and _RANGE.search(line):
        # (Every match holds "from", in some case: the search alone tries every position.)
        return None  # "Error Code from 51700 to 51799" states a range; it names nothing
    if line[0] in "{[(\"'<`" or not _LETTER.search(line) or CODE_RE.match(line):
        return None
    if (
        "{" in line
        or "}" in line
        or '":' in line
        or _KEY_VALUE.match(line)
        or _LABEL_VALUE.match(line)
    ):
        return None  # the tail of a JSON example or a "key: value" line
    if _LEAD_IN.match(line):
        return None
    before = next(filled, None)
    if before is not None and before.rstrip().rstrip("*_").endswith(":"):
        return None  # "**Response is cached for:**" / "NONE": a value under its label
    return line


_PERMALINK_MARKS = frozenset("¶§⚓")


def _without_permalink(title: str) -> str:
    """A heading title without the permalink sign a site appends (``Finance 🔗``, ``Errors ¶``).

    >>> _without_permalink("Finance 🔗"), _without_permalink("错误码")
    ('Finance', '错误码')
    """
    end = len(title)
    while end and (_is_mark(title[end - 1]) or (title[end - 1] == " " and end < len(title))):
        end -= 1
    return title[:end].rstrip() or title


def _is_mark(char: str) -> bool:
    return char in _PERMALINK_MARKS or unicodedata.category(char) == "So"


def _until_moved(compute: Callable[[Section], T]) -> T:
    """A :class:`Section` property computed once per position (heading path and title).

    Readers ask the same questions for every row of a table and every block of a section, while
    the answers change only when a heading or title does.
    """
    name = compute.__name__

    def get(self: Section) -> T:
        try:
            return self._memo[name]
        except KeyError:
            value = self._memo[name] = compute(self)
            return value

    get.__doc__ = compute.__doc__
    return property(get)  # type: ignore[return-value]


def _per_text(test: Callable[[str], object]) -> Callable[[str], bool]:
    """``test`` as a bool, remembered for each distinct text (a document repeats its titles)."""
    seen: dict[str, bool] = {}

    def remembered(text: str) -> bool:
        try:
            return seen[text]
        except KeyError:
            result = seen[text] = bool(test(text))
            return result

    return remembered


class Section:
    """Mutable reading position, updated block by block as the walker goes.

    >>> section = Section()
    >>> section.enter_heading(2, "WebSocket errors")
    >>> section.surface, section.error_context
    ('websocket', True)
    >>> section.enter_heading(2, "Orders")
    >>> section.surface, section.error_context
    ('rest', False)
    """

    def __init__(self, options: ExtractOptions | None = None) -> None:
        self.options = options or ExtractOptions()
        # The paragraph just before the current block ("Error codes:"), for readers that need a
        # lead-in before they trust a plain list.
        self.lead: str | None = None
        # The heading and header words of the last table read as an error listing: a table
        # with the same header in the same section continues that listing (Gate.io splits its
        # labels into one table per product under title lines).
        self.listing: tuple[str | None, tuple[str, ...]] | None = None
        self._headings: tuple[tuple[int, str], ...] = ()
        self._anchors: tuple[tuple[str, ...], ...] = ()  # per heading of the path, its anchors
        self._title: str | None = None
        self._memo: dict[str, Any] = {}  # see _until_moved
        self._remembered: dict[str, dict[Any, Any]] = {}  # see remembered
        websocket = re.compile(self.options.websocket_pattern, re.I)
        pins = [re.compile(p, re.I) for p in self.options.sections]
        self._pinned = bool(pins)
        # Asked of every title on the heading path at every move: once per distinct title.
        self._names_websocket = _per_text(websocket.search)
        # Anchors read as words (see _ANCHOR_WORDS) when the surface is asked: once per anchor.
        self._anchor_names_websocket = _per_text(
            lambda anchor: websocket.search(_ANCHOR_WORDS.sub(" ", anchor))
        )
        self._names_rest = _per_text(_REST.search)
        self._names_errors = _per_text(mentions_errors)
        self._matches_pin = _per_text(lambda text: any(p.search(text) for p in pins))

    def remembered(self, name: str) -> dict[Any, Any]:
        """A reader's memo named ``name``, kept as long as this section (one document): for
        what a reader works out from a text alone, which a page repeats (the same table header
        a thousand times). Nothing is kept from one document to the next.

        >>> section = Section()
        >>> section.remembered("tables")["x"] = 1
        >>> section.remembered("tables"), Section().remembered("tables")
        ({'x': 1}, {})
        """
        memo = self._remembered.get(name)
        if memo is None:
            memo = self._remembered[name] = {}
        return memo

    @property
    def headings(self) -> tuple[tuple[int, str], ...]:
        """The enclosing headings as ``(level, title)``, outermost first."""
        return self._headings

    @property
    def title(self) -> str | None:
        """The current group title: the innermost heading's, or a title line or row after it."""
        return self._title

    @title.setter
    def title(self, value: str | None) -> None:
        self._title = value
        self._memo.clear()

    def enter_heading(self, level: int, text: str, anchors: tuple[str, ...] = ()) -> None:
        """Move under a heading; ``anchors`` are its own (see :attr:`Block.anchors
        <errcat.extract.blocks.Block>`), evidence for the surface beside its text."""
        headings, marks = self._headings, self._anchors
        while headings and headings[-1][0] >= level:
            headings, marks = headings[:-1], marks[:-1]
        self._anchors = (*marks, anchors)
        if not text.isascii():  # the invisible characters are all outside ASCII
            text = _INVISIBLE.sub("", text)
        title = clean_text(text)
        if title and not title[-1].isascii():
            title = _without_permalink(title)
        else:
            title = without_attributes(title)
        self._headings = (*headings, (level, title))
        self.title = title or None
        self.lead = None

    def set_title(self, text: str) -> None:
        self.title = clean_text(text) or None

    def observe(self, block: Block) -> None:
        """Update the position from a block that no reader consumed."""
        if block.kind == "heading":
            self.enter_heading(block.level, block.text, block.anchors)
        elif block.kind == "end":
            # the end of a set of tabs or a definition list: back to the heading's title
            self.title, self.lead = self.heading, None
        elif block.kind in ("paragraph", "term"):
            # (a term no reader took titles as a line does: "<summary>Order errors</summary>")
            self.lead = block.text
            line = clean_text(block.text) if block.strong else self._title_line(block.text)
            # "**Errors:**" introduces what follows; it does not name a section.
            if line and not line.endswith(":"):
                self.title = line
        else:
            self.lead = None  # a lead-in line announces only the block right after it
            if block.kind == "list" and len(block.items) == 1:
                # Gate.io heads each table with a one-item list: "- Authentication related".
                line = self._title_line(block.items[0])
                if line and "\n" not in block.items[0].strip():
                    self.title = line

    def _title_line(self, text: str) -> str | None:
        """:func:`title_line`, once per text of the document (a third of a page's paragraphs
        repeat one before them)."""
        seen = self.remembered("title lines")
        try:
            return seen[text]
        except KeyError:
            line = seen[text] = title_line(text)
            return line

    def _path(self) -> list[str]:
        path = [text for _, text in self._headings]
        if self._title and (not path or path[-1] != self._title):
            path.append(self._title)
        return path

    @property
    def group(self) -> str | None:
        return self._title

    @property
    def heading(self) -> str | None:
        """The innermost heading's title (ignoring title lines), or ``None``."""
        return self._headings[-1][1] if self._headings else None

    @_until_moved
    def surface(self) -> str:
        """What the innermost title that names a surface says: ``websocket`` where it, or an
        anchor of its heading, names WebSocket (``#error-code-websocket-public``: the one trace
        of a heading's lost words), ``rest`` where it names REST ("REST API" under "Error codes
        (REST and WebSocket)"); a title naming both or neither leaves it to the titles around
        it. ``rest`` where none names one.
        """
        titles = [text for _, text in self._headings]
        marks = list(self._anchors)
        if self._title and (not titles or titles[-1] != self._title):
            titles.append(self._title)
            marks.append(())
        for text, anchors in zip(reversed(titles), reversed(marks), strict=True):
            websocket, rest = bool(self._names_websocket(text)), bool(self._names_rest(text))
            if websocket != rest:
                return "websocket" if websocket else "rest"
            if not websocket and any(map(self._anchor_names_websocket, anchors)):
                return "websocket"
        return "rest"

    @_until_moved
    def error_context(self) -> bool:
        """Whether the current section is announced as error codes (by its title or heading).

        Only the innermost heading counts: a whole-API page titled "Error Codes" does not make
        every parameter table in it an error listing.
        """
        return any(self._names_errors(t) for t in (self._title, self.heading) if t)

    @_until_moved
    def within_errors(self) -> bool:
        """Whether any enclosing heading or title announces error codes (looser than
        :attr:`error_context`, for shapes that are code-like by themselves, such as ``## -1000``).
        """
        return any(map(self._names_errors, self._path()))

    @_until_moved
    def pinned_out(self) -> bool:
        """True when the source pins sections and the current one is not among them."""
        if not self._pinned:
            return False
        return not any(map(self._matches_pin, self._path()))
