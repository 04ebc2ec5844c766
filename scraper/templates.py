"""Documented messages as matchers: placeholders become wildcards, so live messages find them.

Exchanges document messages with placeholders (``{}``, ``{0}``, ``%s``, ``%d``, ``%b``,
`` `%s` ``, ``X%``, ``xxxx``) and example numbers; the messages they send fill those in:

>>> t = compile_template("Too many requests; current limit is %s requests per minute.")
>>> t.match("Too many requests; current limit is 1200 requests per minute.")
'template'
>>> compile_template("Parameter {} cannot be empty.").match("Parameter instId cannot be empty")
'template'
>>> compile_template("Notional must be at least 5.0").match("Notional must be at least 20")
'numbers'

Match kinds, best first (:data:`KINDS`): ``exact`` (same text up to case, spacing, quotes and
final punctuation), ``template`` (placeholders filled in), ``numbers`` (documented example
numbers differ too), ``contains`` (the live message contains the documented one as whole
words, and its fixed text has at least :data:`MIN_CONTAINED` characters: the exchange added
detail). The first three
are :data:`STRONG`.

Matching takes time linear in the live message, whatever the documented text (it comes from
upstream pages, and ``explain`` runs in trading systems' error handlers): no regular expression
with wildcards is ever built. A template is literal pieces and wildcards; runs of adjacent
wildcards merge into one that takes at least as many characters, each literal piece is found
with ``str.find`` from where the previous one ended (the leftmost fit leaves the most room for
the rest, so nothing is ever retried), and typed wildcards (``%d``, ``X%``, ``%b``) take a
whole number, percentage or word found by one scan of the message. Where the documented text
has a space beside a placeholder, the live message must have a word boundary there, so a
documented word is always a whole word of any message that fits (what
:attr:`Template.words` promises, and the index in :mod:`errcat.explain` relies on):

>>> compile_template("{} {} {} {} {} {} {} {} end").match("a " * 30 + "b") is None
True
>>> sorted(compile_template("Parameter {} cannot be empty.").words)
['be', 'cannot', 'empty', 'parameter']

A documented message made only of placeholders (``{}``, ``xxx``) has no text to match: it fits
itself and nothing else.

>>> compile_template("xxx").match("Insufficient balance") is None
True
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import namedtuple
from functools import lru_cache

from errcat.record import Record

KINDS: tuple[str, ...] = ("exact", "template", "numbers", "contains")
STRONG: tuple[str, ...] = KINDS[:3]
MIN_CONTAINED = 12

# Order matters: the back-quoted form before the bare one, X% before a stray %.
PLACEHOLDER = re.compile(
    r"`%[sdbfi]`|%[sdbfi]|\{[A-Za-z0-9_]*\}|(?<![A-Za-z0-9])X%|(?<![A-Za-z0-9])[xX]{3,}(?![A-Za-z0-9])"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_TRAIL = " \t.;:!'\"。"
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")

# Typed wildcards take one whole run found by these (scanned once per message, on demand).
NUM, PERCENT, TOKEN = "num", "percent", "token"
_RUNS = {
    NUM: re.compile(r"[-+]?\d+(?:[.,]\d+)*"),
    TOKEN: re.compile(r"[^\s.,;:!?'\"()\[\]{}]+"),
}  # PERCENT runs are number runs followed by "%" or " %" (see Live.runs)
_TYPED = {"%d": NUM, "%i": NUM, "%f": NUM, "%b": TOKEN, "X%": PERCENT}


def normalize_message(text: str) -> str:
    """Case-folded, quotes straightened, spacing collapsed, final punctuation dropped.

    >>> normalize_message("  The client’s  ID is EMPTY. ")
    "the client's id is empty"
    """
    if not text.isascii():  # translate() with a table costs microseconds; ASCII has no quotes
        text = text.translate(_QUOTES)
    text = " ".join(text.split()).casefold()
    return text.strip(_TRAIL)


def placeholders(text: str) -> list[str]:
    """The placeholders of a documented message, in order.

    >>> placeholders("Either parameter {} or {} is required.")
    ['{}', '{}']
    """
    return PLACEHOLDER.findall(text)


def has_placeholders(text: str) -> bool:
    return PLACEHOLDER.search(text) is not None


def literal_fragments(text: str) -> list[str]:
    """The fixed text between placeholders, stripped, empty pieces left out.

    >>> literal_fragments("Illegal characters found in parameter %s; legal range is %s.")
    ['Illegal characters found in parameter', '; legal range is', '.']
    """
    return [p.strip() for p in PLACEHOLDER.split(text) if p.strip()]


class Live:
    """A live message prepared once for every template it is tried against: normalized, with
    the runs typed wildcards take found on first need."""

    __slots__ = ("_runs", "_words", "text")

    def __init__(self, message: str, *, normalized: bool = False) -> None:
        self.text = message if normalized else normalize_message(message)
        self._runs: dict[str, tuple[list[int], list[int]]] = {}
        self._words: frozenset[str] | None = None

    def words(self) -> frozenset[str]:
        """The message's words (as :attr:`Template.words` counts them)."""
        if self._words is None:
            self._words = frozenset(_WORD.findall(self.text))
        return self._words

    def runs(self, kind: str) -> tuple[list[int], list[int]]:
        """Starts and ends of the runs of ``kind``, in order (one C-level scan per kind)."""
        found = self._runs.get(kind)
        if found is None:
            if kind == PERCENT:
                # from the number runs: a regex for "number, then %" would retry every digit
                # of a long run of digits that no % follows (quadratic)
                text = self.text
                spans = []
                for a, b in zip(*self.runs(NUM), strict=True):
                    if text.startswith("%", b):
                        spans.append((a, b + 1))
                    elif text.startswith(" %", b):
                        spans.append((a, b + 2))
            else:
                spans = [m.span() for m in _RUNS[kind].finditer(self.text)]
            found = ([a for a, _ in spans], [b for _, b in spans])
            self._runs[kind] = found
        return found

    def run_end(self, kind: str, pos: int) -> int:
        """Where a wildcard of ``kind`` starting at ``pos`` ends, or -1.

        Numbers and percentages start where a run starts (or after its sign): a ``%d`` never
        takes the tail of a longer number. A ``%b`` token may start inside a word.
        """
        starts, ends = self.runs(kind)
        i = bisect_right(starts, pos) - 1
        if i < 0 or pos >= ends[i]:
            return -1
        if kind == TOKEN or pos == starts[i]:
            return ends[i]
        if pos == starts[i] + 1 and self.text[starts[i]] in "+-":
            return ends[i]
        return -1

    def candidates(self, kind: str, pos: int) -> list[int]:
        """Positions from ``pos`` on where a wildcard of ``kind`` can start."""
        starts, ends = self.runs(kind)
        i = bisect_left(starts, pos)
        out = starts[i:]
        if kind == TOKEN and i > 0 and pos < ends[i - 1]:
            out = [pos, *out]
        return out


# A literal piece; ``left``/``right``: the documented text has a space (or the message's edge)
# there, so the live message must have a word boundary there too. (Named tuples and plain
# classes, not dataclasses: see errcat.record.)
_Lit = namedtuple("_Lit", "text left right")


_Item = _Lit | str  # a literal piece, or the kind of a typed wildcard


class Matcher:
    """A template's pieces, grouped into blocks with untyped wildcards between them.

    ``blocks[0]`` must start the message (when anchored) and the last block end it; between
    blocks ``gaps[i]`` characters at least (adjacent ``{}`` merged). Inside a block, literal
    pieces and typed wildcards follow one another with at most a space between.
    """

    __slots__ = ("blocks", "gaps")

    def __init__(self, blocks: tuple[tuple[_Item, ...], ...], gaps: tuple[int, ...]) -> None:
        self.blocks = blocks
        self.gaps = gaps

    def __repr__(self) -> str:
        return f"Matcher(blocks={self.blocks!r}, gaps={self.gaps!r})"

    def fullmatch(self, live: Live) -> bool:
        return self._match(live, anchored=True)

    def search(self, live: Live) -> bool:
        return self._match(live, anchored=False)

    def _match(self, live: Live, anchored: bool) -> bool:
        text, n = live.text, len(live.text)
        last = len(self.blocks) - 1
        pos = 0
        for i, block in enumerate(self.blocks):
            to_end = anchored and i == last
            if i == 0 and anchored:
                end = _block_at(block, live, 0)
                if end < 0 or (to_end and end != n):
                    return False
            else:
                start = pos + (self.gaps[i - 1] if i else 0)
                if start > n:
                    return False
                end = _find_block(block, live, text, n, start, to_end)
                if end < 0:
                    return False
            pos = end
        return True


def _is_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _WORD_CHAR.match(text, i) is not None


def _block_at(block: tuple[_Item, ...], live: Live, pos: int) -> int:
    """The end of ``block`` matched at ``pos``, or -1: every step moves forward, nothing is
    retried, so the cost is the block's length."""
    text = live.text
    for j, item in enumerate(block):
        if j and text.startswith(" ", pos):
            pos += 1  # the optional space between a piece and a typed wildcard
        if isinstance(item, _Lit):
            if not text.startswith(item.text, pos):
                return -1
            if item.left and _is_word(text, pos - 1) and _is_word(item.text, 0):
                return -1
            pos += len(item.text)
            if item.right and _is_word(text, pos) and _is_word(item.text, len(item.text) - 1):
                return -1
        else:
            pos = live.run_end(item, pos)
            if pos < 0:
                return -1
    return pos


def _find_block(
    block: tuple[_Item, ...], live: Live, text: str, n: int, start: int, to_end: bool
) -> int:
    """The end of the leftmost fit of ``block`` at ``start`` or later (one ending the message
    when ``to_end``), or -1."""
    if not block:
        return n if to_end else start
    first = block[0]
    if isinstance(first, _Lit):
        if to_end and len(block) == 1:
            at = n - len(first.text)
            return n if at >= start and _block_at(block, live, at) == n else -1
        at = text.find(first.text, start)
        while at >= 0:
            end = _block_at(block, live, at)
            if end >= 0 and (not to_end or end == n):
                return end
            at = text.find(first.text, at + 1)
        return -1
    for at in live.candidates(first, start):
        end = _block_at(block, live, at)
        if end >= 0 and (not to_end or end == n):
            return end
    return -1


def _items(text: str, loose_numbers: bool) -> list[_Item | int]:
    """The documented text as literal pieces, typed wildcard kinds and untyped wildcards (an
    int: how many adjacent ones)."""
    pieces = PLACEHOLDER.split(text if text.isascii() else text.translate(_QUOTES))
    tokens = PLACEHOLDER.findall(text)
    pieces[0] = pieces[0].lstrip(_TRAIL)
    pieces[-1] = pieces[-1].rstrip(_TRAIL)
    out: list[_Item | int] = []
    for k, piece in enumerate(pieces):
        if k:
            token = tokens[k - 1]
            kind = PERCENT if token.upper() == "X%" else _TYPED.get(token)
            if kind is None:
                if out and isinstance(out[-1], int):
                    out[-1] += 1
                else:
                    out.append(1)
            else:
                out.append(kind)
        out.extend(_piece(piece, k == 0, k == len(pieces) - 1, loose_numbers))
    return out


def _piece(piece: str, first: bool, last: bool, loose_numbers: bool) -> list[_Item]:
    """One literal piece; with ``loose_numbers`` its numbers become number wildcards."""
    left = first or piece[:1].isspace()
    right = last or piece[-1:].isspace()
    words = " ".join(piece.split()).casefold()
    if not words:
        return []
    if not loose_numbers:
        return [_Lit(words, left, right)]
    out: list[_Item] = []
    pos = 0
    for found in [*_NUMBER.finditer(words), None]:
        stop = found.start() if found else len(words)
        part = words[pos:stop]
        if part.strip():
            out.append(
                _Lit(
                    part.strip(),
                    left if pos == 0 else part[0].isspace(),
                    right if found is None else part[-1].isspace(),
                )
            )
        if found:
            out.append(NUM)
            pos = found.end()
    return out


def _matcher(items: list[_Item | int]) -> Matcher:
    blocks: list[tuple[_Item, ...]] = []
    gaps: list[int] = []
    current: list[_Item] = []
    for item in items:
        if isinstance(item, int):
            blocks.append(tuple(current))
            gaps.append(item)
            current = []
        else:
            current.append(item)
    blocks.append(tuple(current))
    return Matcher(tuple(blocks), tuple(gaps))


def _key_words(items: list[_Item | int]) -> frozenset[str]:
    """Words any fitting message has as whole words: those of a literal piece not touching a
    wildcard without a space. Given the loose items, whose numbers are wildcards already (a
    number may differ), so no key word has a digit."""
    out: set[str] = set()
    for item in items:
        if not isinstance(item, _Lit):
            continue
        text = item.text
        words = _WORD.findall(text)
        if not words:
            continue
        # inner words are whole in any case; the first and last only beside a boundary
        if not item.left and _is_word(text, 0):
            words = words[1:]
        if words and not item.right and _is_word(text, len(text) - 1):
            words = words[:-1]
        out.update(words)
    return frozenset(out)


class Template(Record):
    """One documented message compiled for matching (see the module docs).

    ``words`` are the documented words every message that fits contains as whole words (after
    :func:`normalize_message`): an index over them finds a message's candidate templates.
    """

    text: str
    normalized: str
    literal: str
    strict: Matcher
    loose: Matcher
    words: frozenset[str]

    def __init__(
        self,
        text: str,
        normalized: str,
        literal: str,
        strict: Matcher,
        loose: Matcher,
        words: frozenset[str],
    ) -> None:
        self.__dict__.update(
            text=text,
            normalized=normalized,
            literal=literal,
            strict=strict,
            loose=loose,
            words=words,
        )

    def match(self, message: str | Live) -> str | None:
        """The best :data:`KINDS` entry describing how ``message`` fits, or ``None``."""
        live = message if isinstance(message, Live) else Live(message)
        if not live.text:
            return None
        if live.text == self.normalized:
            return "exact"
        if not self.literal:
            return None  # only placeholders: it would fit anything
        if self.strict.fullmatch(live):
            return "template"
        if self.loose is not self.strict and self.loose.fullmatch(live):
            return "numbers"
        if len(self.literal) >= MIN_CONTAINED and self.loose.search(live):
            return "contains"
        return None


@lru_cache(maxsize=8192)
def compile_template(text: str) -> Template:
    """A documented message as a :class:`Template` (cached: catalogs repeat messages)."""
    normalized = normalize_message(text)
    literal = " ".join(normalize_message(f) for f in literal_fragments(text) if f.strip(_TRAIL))
    strict_items = _items(text, loose_numbers=False)
    # most documented messages have no number: their loose form is the strict one
    loose_items = _items(text, loose_numbers=True) if _NUMBER.search(text) else strict_items
    strict = _matcher(strict_items)
    loose = strict if loose_items == strict_items else _matcher(loose_items)
    return Template(
        text=text,
        normalized=normalized,
        literal=literal.strip(),
        strict=strict,
        loose=loose,
        words=_key_words(loose_items),
    )


def rank(kind: str | None) -> int:
    """Sort key: lower is better; no match ranks last."""
    return KINDS.index(kind) if kind in KINDS else len(KINDS)
