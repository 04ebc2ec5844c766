"""Where a reader is in the document: the heading path, the current group title, the surface.

Documents announce sections in three ways, all of which end up here: headings (``## 11xx -
Request issues``), a short title line just before a table (``WebSocket API Error Code``), and a
title row inside a table (``Trading (4010xx)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scraper.extract.blocks import Block
from scraper.extract.detect import mentions_errors
from scraper.normalize import clean_text

DEFAULT_WEBSOCKET_PATTERN = r"\bweb\s?-?sockets?\b|\bwss?\b"
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
CODE_RE = re.compile(r"^[-+]?\d+$")
_SENTENCE_END = tuple(".:;,!?")
_NOT_TITLE = re.compile(r'[{}]|":|^[a-z_]+:\s')
# "Here is the REST API Error Code" introduces a table; it is a sentence, not a section's name.
_LEAD_IN = re.compile(r"^(?:here (?:is|are)|below (?:is|are)|the following|see)\b", re.I)


@dataclass(frozen=True)
class ExtractOptions:
    """Per-source hints. The defaults work for most pages; ``sources/<id>.toml`` may override.

    ``websocket_pattern`` is a case-insensitive regex: a section whose title (or enclosing
    heading) matches it lists WebSocket codes. ``sections``, when given, pins extraction to the
    sections whose title matches one of these regexes.
    """

    websocket_pattern: str = DEFAULT_WEBSOCKET_PATTERN
    sections: tuple[str, ...] = ()


def title_line(text: str) -> str | None:
    """The last line of a paragraph if it reads like a title (short, no sentence punctuation).

    >>> title_line("All responses carry a code.\\nTrading (4010xx)")
    'Trading (4010xx)'
    >>> title_line("Errors consist of a code and a message:") is None
    True
    >>> title_line("Here is the REST API Error Code") is None
    True
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return None
    line = clean_text(lines[-1])
    if not line or len(line) > 80 or line.endswith(_SENTENCE_END):
        return None
    if line[0] in "{[(\"'<`" or not re.search(r"[A-Za-z]", line) or CODE_RE.match(line):
        return None
    if _NOT_TITLE.search(line):
        return None  # the tail of a JSON example or a "key: value" line
    if _LEAD_IN.match(line):
        return None
    if len(lines) > 1 and lines[-2].rstrip().rstrip("*_").endswith(":"):
        return None  # "**Response is cached for:**" / "NONE": a value under its label
    return line


@dataclass
class Section:
    """Mutable reading position, updated block by block as the walker goes."""

    options: ExtractOptions = field(default_factory=ExtractOptions)
    headings: list[tuple[int, str]] = field(default_factory=list)
    title: str | None = None
    # The paragraph just before the current block ("Error codes:"), for readers that need a
    # lead-in before they trust a plain list.
    lead: str | None = None

    def __post_init__(self) -> None:
        self._websocket = re.compile(self.options.websocket_pattern, re.I)
        self._pins = [re.compile(p, re.I) for p in self.options.sections]

    def enter_heading(self, level: int, text: str) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        title = clean_text(_INVISIBLE.sub("", text))
        self.headings.append((level, title))
        self.title = title or None
        self.lead = None

    def set_title(self, text: str) -> None:
        self.title = clean_text(text) or None

    def observe(self, block: Block) -> None:
        """Update the position from a block that no reader consumed."""
        if block.kind == "heading":
            self.enter_heading(block.level, block.text)
        elif block.kind == "paragraph":
            self.lead = block.text
            line = clean_text(block.text) if block.strong else title_line(block.text)
            # "**Errors:**" introduces what follows; it does not name a section.
            if line and not line.endswith(":"):
                self.title = line
        else:
            self.lead = None  # a lead-in line announces only the block right after it
            if block.kind == "list" and len(block.items) == 1:
                # Gate.io heads each table with a one-item list: "- Authentication related".
                line = title_line(block.items[0])
                if line and "\n" not in block.items[0].strip():
                    self.title = line

    def _path(self) -> list[str]:
        path = [text for _, text in self.headings]
        if self.title and (not path or path[-1] != self.title):
            path.append(self.title)
        return path

    @property
    def group(self) -> str | None:
        return self.title

    @property
    def heading(self) -> str | None:
        """The innermost heading's title (ignoring title lines), or ``None``."""
        return self.headings[-1][1] if self.headings else None

    @property
    def surface(self) -> str:
        return "websocket" if any(self._websocket.search(t) for t in self._path()) else "rest"

    @property
    def error_context(self) -> bool:
        """Whether the current section is announced as error codes (by its title or heading).

        Only the innermost heading counts: a whole-API page titled "Error Codes" does not make
        every parameter table in it an error listing.
        """
        nearest = [self.title, self.headings[-1][1] if self.headings else None]
        return any(mentions_errors(t) for t in nearest)

    @property
    def within_errors(self) -> bool:
        """Whether any enclosing heading or title announces error codes (looser than
        :attr:`error_context`, for shapes that are code-like by themselves, such as ``## -1000``).
        """
        return any(mentions_errors(t) for t in self._path())

    @property
    def pinned_out(self) -> bool:
        """True when the source pins sections and the current one is not among them."""
        if not self._pins:
            return False
        return not any(p.search(t) for p in self._pins for t in self._path())
