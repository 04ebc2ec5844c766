"""Markdown → blocks, fast: cut the page into pieces, build the plain ones by hand.

A whole-API page (1.5 MB of markdown) is mostly parameter tables, short paragraphs and fenced
samples, all of it plain markdown. :func:`markdown_blocks` cuts the document into *pieces* at
places where a parser's state is known to be clean (blank lines before a line at column 0 that
continues no list, and the start of every ATX heading, outside fenced code and HTML blocks), has
:mod:`.plain` build the blocks of each plain piece, and sends the rest through markdown-it in
runs of about 16 kB, so that the token tree of a big page never exists at once. Every piece is
built: nothing here knows what the readers look for, so a new reader sees the same blocks on
this path as on :func:`errcat.extract.parse.to_blocks` (``tests/test_scan.py`` checks the two
on every seed, corpus document and snapshot, and the fuzzers on generated ones).

Link reference definitions are the one thing markdown-it carries across a document: with them,
every piece it reads goes into one run, and the plain pieces stand in it as placeholder
headings, which keeps the order. Front matter is replaced by its title first, exactly as the
full parse does.

>>> doc = "# Errors\\n\\n| code | msg |\\n|-|-|\\n| 1 | Bad |\\n\\nNotes\\n=====\\n"
>>> found = pieces(doc)
>>> [found.text[a:b] for a, b in found.pieces]
['# Errors\\n\\n', '| code | msg |\\n|-|-|\\n| 1 | Bad |\\n\\n', 'Notes\\n=====\\n']
>>> [b.kind for b in markdown_blocks(doc)]  # the setext heading by markdown-it, the rest by hand
['heading', 'table', 'heading']
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, overload

from errcat.extract.blocks import Block
from errcat.extract.parse.commonmark import BLOCK_TAG_NAMES
from errcat.extract.parse.markdown import PARSER, blocks_from_tokens, source_text
from errcat.extract.parse.plain import Built, piece_blocks, reading, stretch_blocks

__all__ = ["Pieces", "markdown_blocks", "pieces"]

# Every line pattern below starts at a "\n" (see _at_line_starts): anchoring on a literal is what
# keeps these scans at regex-engine speed.

# Lines that may open or close a block spanning blank lines: fences, and HTML blocks (CommonMark
# types 1-5 run to an end marker; 6-7, any other tag, to the next blank line). The prefix
# (indentation, quote and list markers) tells top-level lines from lines inside a container.
_BARRIER = re.compile(
    r"\n(?=[ \t>*+\-0-9`~<])(?P<prefix>[ \t]*+(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*+)*+)"
    r"(?:(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)"
    r"|<(?:(?P<h1>(?i:script|pre|style|textarea))(?=[\s>]|\Z)|(?P<h2>!--)|(?P<h3>\?)"
    r"|(?P<h4>![A-Za-z])|(?P<h5>!\[CDATA\[)|/?(?P<tag>[A-Za-z][A-Za-z0-9-]*+)))"
)
_BLOCK_TAGS = BLOCK_TAG_NAMES
_CONTAINED = re.compile(r">|[-*+][ \t]|\d{1,9}[.)][ \t]")
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|\Z)")
_FENCE_OR_RAW = re.compile(r"\n[ \t]*(?:`{3,}|~{3,}|<(?:!|\?|(?i:script|pre|style|textarea)))")
_HTML_RAW_END = {
    "h1": re.compile(r"(?i)</(?:script|pre|style|textarea)>"),
    "h2": re.compile(r"-->"),
    "h3": re.compile(r"\?>"),
    "h4": re.compile(r">"),
    "h5": re.compile(r"\]\]>"),
}
# A safe cut: blank lines, then a line at column 0 that is not a list item (which could continue
# a list from before the blank line). Every container is closed there.
# Also a cut: the start of an ATX heading at column 0. The match ends where the piece starts.
_CUTS = re.compile(
    r"\n(?=[ \t\n#])(?:(?:[ \t]*+\n)++(?=[^ \t\n])(?![-*+](?:[ \t\n]|$)|\d{1,9}[.)](?:[ \t\n]|$))"
    r"|(?=#{1,6}[ \t\n]))"
)


def _at_line_starts(
    pattern: re.Pattern[str],
    text: str,
    seek: list[int] | None = None,
    skip: tuple[list[int], list[int]] | None = None,
) -> Iterator[tuple[int, int, re.Match]]:
    """``(line start, match end, match)`` of a "\\n"-led ``pattern`` at every line start of
    ``text``; the first line is matched behind a "\\n" of its own (no copy of the document).
    Setting ``seek[0]`` to a line start skips every line before it; ``skip``, the starts and
    ends of sorted spans that begin at line starts, every line from one start to its end.

    No match may start at the "\\n" right before a span (the search stops at the span), so the
    pattern must need a character after its "\\n": then matching the lines before the span is
    exactly as without it.
    """
    los, his = skip if skip else ([], [])
    if not (los and los[0] == 0):
        eol = text.find("\n")
        first = pattern.match("\n" + (text if eol < 0 else text[: eol + 1]))
        if first:
            yield 0, first.end() - 1, first
    at = k = 0
    while True:
        if seek and seek[0] - 1 > at:
            at = seek[0] - 1
        while k < len(los) and los[k] <= at + 1:
            at = max(at, his[k])  # the next line is in the span, or the span is behind
            k += 1
        m = pattern.search(text, at, los[k] if k < len(los) else len(text))
        if m is None:
            if k == len(los):
                return
            at = los[k] - 1
            continue
        yield m.start() + 1, m.end(), m
        at = m.end()


def _barriers(text: str) -> tuple[list[tuple[int, int]], set[int], set[int], int]:
    """Spans (document offsets) in which no cut may fall; the starts of those that are fenced
    code, and of those that are raw HTML running to an end marker (comments, ``<pre>``...); the
    start of a fence at column 0 that nothing closes (-1 if none).

    Only top-level blocks matter: a cut (blank line, then a line at column 0) closes every
    container, and whatever code or HTML lived inside one. A fence or HTML line at column 0 is
    always top level; one indented 1-3 spaces may belong to a list item instead. Where that, or
    a fence inside an HTML block, leaves the reading open, no cut is made from there on.
    """
    spans: list[tuple[int, int]] = []
    fences: set[int] = set()
    raw: set[int] = set()
    open_at = skip_to = -1  # open_at: a fence left open to the end
    seek = [0]  # where the scan goes on after a block it has read to its end
    for pos, end_at, m in _at_line_starts(_BARRIER, text, seek):
        if pos < skip_to:
            continue
        prefix = m.group("prefix")
        contained = bool(prefix) and _CONTAINED.search(prefix) is not None
        indent = len(prefix) if "\t" not in prefix else 4
        marker = m.group("fence")
        if contained or indent >= 4:
            continue  # inside a container or indented code: gone at the next cut
        if marker and marker[0] == "`" and "`" in m.group("info"):
            continue  # inline code at a line start, not a fence
        group = m.lastgroup if m.lastgroup in _HTML_RAW_END else None
        if indent and (marker or group):
            spans.append((pos, len(text)))  # list content or top level: cannot tell
            break
        if marker:
            # A fence at column 0: its closing line is found directly, without looking at the
            # code's lines (a quarter of a whole-API page's bytes).
            close = _closing_fence(text, end_at, marker)
            if close < 0:
                open_at = pos
                break  # open to the end of the document
            spans.append((pos, close))
            fences.add(pos)
            skip_to = seek[0] = close + 1
            continue
        if group is None:
            block_end = _html_block_end(text, end_at, m.group("tag"), indent)
            if block_end < 0:
                spans.append((pos, len(text)))
                break
            skip_to = seek[0] = block_end + 1
            spans.append((pos, block_end))
            continue
        end = _HTML_RAW_END[group].search(text, end_at)
        skip_to = end.end() if end else len(text)
        spans.append((pos, skip_to))
        raw.add(pos)
    if open_at >= 0:
        spans.append((open_at, len(text)))
        fences.add(open_at)
    return spans, fences, raw, open_at


def _html_block_end(text: str, end_at: int, tag: str, indent: int) -> int:
    """End of the HTML block a line opens with ``tag`` (any but the raw ones, ending at
    ``end_at``), or -1 where it cannot be told here.

    It runs to the next blank line, raw inside. A block-level tag (type 6) always starts one;
    another tag (type 7) not after a paragraph line, so a fence line in its block is undecidable
    here. So is one after an indented tag, which may be a list item's content: a line less
    indented ends the item, and with it the HTML block.
    """
    blank = _BLANK_LINE.search(text, end_at)
    block_end = blank.start() if blank else len(text)
    follows = text[end_at : end_at + 2]
    block_level = tag.lower() in _BLOCK_TAGS and (
        not follows or follows[0] in " \t\n>" or follows == "/>"
    )
    if (indent or not block_level) and _FENCE_OR_RAW.search(text, end_at, block_end):
        return -1
    return block_end


def _closing_fence(text: str, start: int, marker: str) -> int:
    """End of the line that closes the fence opened by ``marker`` (at column 0, ending at
    ``start``), or -1 if none does: the same character, at least as many, nothing but spaces and
    tabs after (markdown-it's skipSpaces: a no-break space leaves the fence open), indented less
    than 4 spaces and inside no container (markdown-it's fence rule).
    """
    three = marker[0] * 3
    closing = _CLOSING_RUN[marker[0]]
    at = start
    # Runs of three are looked for, not line starts: code has many lines and few such runs.
    # Code full of them (a markdown sample) is read line by line after a few, which costs less
    # there.
    for _ in range(_RUNS_LOOKED_FOR):
        run = text.find(three, at)
        if run < 0:
            return -1
        line = text.rfind("\n", at, run) + 1  # (at is a line end)
        if (
            (m := closing.match(text, run))
            and len(m.group(1)) >= len(marker)
            and run - line <= 3
            and text.count(" ", line, run) == run - line
        ):
            return m.end()
        at = text.find("\n", run)  # a line closes the fence with its first run or not at all
        if at < 0:
            return -1
    for m in _FENCE_LINE[marker[0]].finditer(text, at):
        close = closing.match(text, m.end())
        if close and len(close.group(1)) >= len(marker):
            return close.end()
    return -1


_RUNS_LOOKED_FOR = 32
# A run that closes a fence of its character if it is long enough (only spaces and tabs after).
_CLOSING_RUN = {
    "`": re.compile(r"(`{3,}+)[ \t]*+(?=\n|\Z)"),
    "~": re.compile(r"(~{3,}+)[ \t]*+(?=\n|\Z)"),
}
# A line that may close a fence (indented up to 3 spaces, a run of three): the run's start.
_FENCE_LINE = {"`": re.compile(r"\n {0,3}(?=```)"), "~": re.compile(r"\n {0,3}(?=~~~)")}


def _cuts(text: str, reach: list[tuple[int, int]]) -> list[int]:
    """Where :data:`_CUTS` matches, looked for between the ``reach`` spans only (fenced code and
    HTML blocks hold no cut; a cut right at a span's start is one)."""
    cuts: list[int] = []
    at = 0
    for start, end in reach:
        if start > at:
            # One character into the span, so that the cut's lookahead sees its first line.
            cuts.extend([m.end() for m in _CUTS.finditer(text, at, start + 1)])
        at = max(at, end)
    cuts.extend([m.end() for m in _CUTS.finditer(text, at)])
    return cuts


def _reaches(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sorted ``spans``, each cut short where the next one starts: a position belongs to
    the last span that starts before it (only the front matter can overlap another span)."""
    out = []
    for k, (start, end) in enumerate(spans):
        if k + 1 < len(spans) and spans[k + 1][0] < end:
            end = spans[k + 1][0] + 1
        out.append((start, end))
    return out


def _outside(cuts: list[int], reach: list[tuple[int, int]]) -> list[int]:
    """The sorted ``cuts`` that fall strictly inside none of the ``reach`` spans."""
    if not reach:
        return cuts
    out: list[int] = []
    at = 0
    for start, end in reach:
        inside = bisect_right(cuts, start, at)
        out.extend(cuts[at:inside])
        at = max(inside, bisect_left(cuts, end, inside))
    out.extend(cuts[at:])
    return out


# How every link reference definition's label ends. Inside fenced code or raw HTML it is
# something else; anywhere else, markdown-it could resolve links across the document.
_LINK_LABEL_END = "]:"


def _label_end_outside(text: str, code: list[tuple[int, int]]) -> bool:
    """Whether :data:`_LINK_LABEL_END` starts anywhere but strictly inside one of the sorted
    ``code`` spans (each ending at most one character into the next), looked for between them.

    >>> _label_end_outside("```\\n[a]: b\\n```\\n", [(0, 15)]), _label_end_outside("[a]: b", [])
    (False, True)
    """
    at = 0
    for start, end in code:
        # (Up to and at the span's start; a span's end is outside it.)
        if text.find(_LINK_LABEL_END, at, start + len(_LINK_LABEL_END)) >= 0:
            return True
        at = max(at, end)
    return text.find(_LINK_LABEL_END, at) >= 0


def _normalised(text: str) -> str:
    """The text the full parse gives markdown-it
    (:func:`~errcat.extract.parse.markdown.source_text`, on the text as it is: the front matter
    replaced by its title, ReadMe's blocks written out), then line ends and NUL characters
    normalised as markdown-it does (CommonMark replaces each NUL with U+FFFD)."""
    text = source_text(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return text


class Spans(Sequence[tuple[int, int]]):
    """The (start, end) offsets of consecutive pieces, kept as their starts: a whole-API page
    has thousands, and a tuple for each would be a sixth of what extracting it holds at once.

    >>> spans = Spans([0, 4, 9], 12)
    >>> list(spans), spans[-1], spans[:2]
    ([(0, 4), (4, 9), (9, 12)], (9, 12), [(0, 4), (4, 9)])
    """

    __slots__ = ("end", "starts")

    def __init__(self, starts: list[int], end: int) -> None:
        self.starts = starts  # ascending, the first 0
        self.end = end  # the end of the last piece: the length of the text

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.starts)))]
        starts = self.starts
        if index < 0:
            index += len(starts)
        start = starts[index]  # (raises IndexError as a list does)
        return start, starts[index + 1] if index + 1 < len(starts) else self.end


class Pieces(NamedTuple):
    text: str  # the document, front matter read and line ends normalised
    pieces: Spans  # offsets of the pieces, in order, covering all of text
    links: bool  # "]:" outside fenced code: the document may define link references
    open_fence: int = -1  # start of the last piece when it is a fence nothing closes


def pieces(text: str) -> Pieces:
    """The document as markdown-it reads it and where it can be cut: after blank lines, and
    before every ATX heading at column 0 (a heading closes every container and ends every
    paragraph, table and list), outside fences and HTML blocks."""
    text = _normalised(text)
    spans, fences, raw, open_at = _barriers(text)
    reach = _reaches(spans)
    starts = [0, *_outside(_cuts(text, reach), reach)]
    code = fences | raw  # spans whose lines are certainly not markdown: "]:" there is no label
    links = _label_end_outside(text, [(s, e) for s, e in reach if s in code])
    open_fence = open_at if open_at >= 0 and open_at == starts[-1] else -1
    return Pieces(text, Spans(starts, len(text)), links, open_fence)


# --- blocks ---------------------------------------------------------------------------------


def markdown_blocks(text: str) -> list[Block]:
    """The blocks of a markdown document, as :func:`~.markdown.blocks_from_markdown` gives them:
    plain pieces built by :mod:`.plain`, the rest by markdown-it (see the module docstring)."""
    with reading():
        return _blocks(text)


def _blocks(text: str) -> list[Block]:
    if len(text) <= _SMALL and "]:" not in text:
        # A small page is built in one go if it is plain throughout: that costs less than
        # cutting it first. (Link definitions need the pieces; so does anything not plain.)
        built = piece_blocks(_normalised(text))
        if built is not None:
            return built
    text, cut, links, open_fence = pieces(text)
    links = links and _may_define_links(text)
    return _Builder(links).build(text, cut, open_fence)


class _Builder:
    """Blocks of consecutive pieces: plain ones as :mod:`.plain` builds them, the others
    gathered into markdown-it runs (one run for the whole page when it may define links)."""

    def __init__(self, links: bool) -> None:
        self.links = links
        self.out: list[Block] = []
        self.run: list[str] = []
        self.size = 0
        self.placed: dict[str, list[Block]] = {}  # placeholder heading → the plain blocks
        self.numbers = itertools.count()
        self.built = Built()  # what the plain pieces built so far

    def build(self, text: str, cut: Spans, open_fence: int = -1) -> list[Block]:
        # Neighbouring pieces are offered to the plain builder as one stretch of up to _RUN
        # characters (a block never runs from one piece into the next, so the blocks are the
        # same); where it stops, the pieces before keep their blocks and the rest of the
        # stretch is taken piece by piece (not as a stretch again: on a page of pieces that
        # are not plain, that would read each stretch once per piece).
        n = len(cut) - (open_fence >= 0)
        k = 0
        while k < n:
            last = k
            while last + 1 < n and cut[last + 1][1] - cut[k][0] <= _RUN:
                last += 1
            start = cut[k][0]
            built, plain = stretch_blocks(
                text[start : cut[last][1]],
                [a - start for a in cut.starts[k : last + 1]],
                links=self.links,
                built=self.built,
            )
            if plain:
                self._emit(built)
            stop = k + plain
            for j in range(stop, last + 1):
                piece = text[cut[j][0] : cut[j][1]]
                # The piece the stretch stopped at may be plain alone, where its end was read
                # with the next piece's lines (the last piece of a stretch was read as alone).
                built = None if j == stop == last else self._plain(piece)
                if built is None:
                    self._parse_later(piece)
                else:
                    self._emit(built)
            k = last + 1
        if open_fence >= 0:
            # A fence nothing closes holds the rest of the document, as it is (a page cut off
            # in a sample; no need to look at its lines one by one).
            eol = text.find("\n", open_fence)
            self._emit([Block("code", text="" if eol < 0 else text[eol + 1 :])])
        self._flush()
        return self.out

    def _plain(self, source: str) -> list[Block] | None:
        return piece_blocks(source, links=self.links, built=self.built)

    def _parse_later(self, piece: str) -> None:
        if self.size > _RUN and not self.links:
            self._flush()
        self.run.append(piece)
        self.size += len(piece)

    def _emit(self, built: list[Block]) -> None:
        if not self.links:
            self._flush()
            self.out.extend(built)
            return
        key = _PLACEHOLDER.format(next(self.numbers))
        self.placed[key] = built
        # An ATX heading at column 0, as the plain piece starts with one or follows a blank
        # line: it closes what the piece before left open (a paragraph, a quote, a list item)
        # as the piece itself did. A blank line would not do: a list item's fence keeps it.
        if self.run and not self.run[-1].endswith("\n"):
            self.run.append("\n")
        self.run.append(f"# {key}\n\n")

    def _flush(self) -> None:
        if self.run:
            # (Its HTML blocks built as those of plain pieces are: see Built.html_blocks.)
            for block in _parse("".join(self.run), self.built.html_blocks):
                if block.kind == "heading" and block.text in self.placed:
                    self.out.extend(self.placed.pop(block.text))
                else:
                    self.out.append(block)
        self.run.clear()
        self.size = 0


def _may_define_links(text: str) -> bool:
    """Whether a paragraph of ``text`` starts with ``[`` and holds ``]:``, as every link
    reference definition does (more than those: never fewer).

    >>> _may_define_links("* m[0]: Taker address"), _may_define_links("> - [a]: /url")
    (False, True)
    """
    seek = [0]
    for _, start, _ in _at_line_starts(_PARAGRAPH_BRACKET, text, seek):
        blank = _BLANK_LINE.search(text, start)
        end = blank.start() if blank else len(text)
        if text.find("]:", start, end) >= 0:
            return True
        seek[0] = end + 1  # the rest of this paragraph has just been looked at
    return False


# A "[" first on a line, after any quote and list markers.
_PARAGRAPH_BRACKET = re.compile(
    r"\n(?=[ \t>\-*+0-9\[])[ \t>]*+(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*\["
)


def _parse(source: str, html: Callable[[str], list[Block]]) -> list[Block]:
    """Blocks of a run that does not open the document (so no front matter in it)."""
    return blocks_from_tokens(PARSER.parse(source), html)


_RUN = 1 << 14
_SMALL = 1 << 15  # characters
_PLACEHOLDER = "\ue000errcat-piece-{}\ue001"
