"""Blocks of plain markdown, built without markdown-it.

Error-code pages are mostly the same few shapes: ``### -1121 BAD_SYMBOL`` headings, one-line
bullets, ``> -1000 UNKNOWN`` quotes, short paragraphs, GFM tables, fenced samples. Running
markdown-it-py's rule chains over every such line costs more than everything errcat does with
the result, so :func:`piece_blocks` builds the :class:`~errcat.extract.blocks.Block` list of a
piece of that kind directly, with exactly the text markdown-it would give, and returns ``None``
for anything else (indentation, lazy continuation lines, nested containers, HTML, setext
headings...), which then goes to markdown-it as before. Inline markup is read here too when it
is simple (escapes, code spans, paired emphasis, plain links); other text goes through
markdown-it's inline parser alone, which is exact without link reference definitions.

A *piece* is what :mod:`.pieces` cuts a document into: it starts at column 0 with
every container closed, so its blocks do not depend on what came before it.

>>> [(b.kind, b.text or b.items) for b in piece_blocks("### \\\\-1121 BAD_SYMBOL\\n\\n* Bad.\\n")]
[('heading', '-1121 BAD_SYMBOL'), ('list', ('Bad.',))]
>>> piece_blocks("    indented code\\n") is None
True

``tests/test_plain.py`` checks every case against markdown-it itself; ``tests/test_scan.py``
and the fuzzers check the blocks and catalogs of whole documents.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from errcat.extract.blocks import Block, nesting
from errcat.extract.parse.anchors import fragment, is_permalink_label, link_anchors
from errcat.extract.parse.commonmark import (
    AUTOLINK_RE,
    EMAIL_RE,
    HTML_SEQUENCES,
    MD_TRIM_CHARS,
    is_md_ascii_punct,
    is_punct_char,
    is_white_space,
)
from errcat.extract.parse.commonmark import md_trim as _trim
from errcat.extract.parse.inline_html import last_index, tag_end
from errcat.extract.parse.lxml_html import html_blocks
from errcat.extract.parse.markdown import BREAK_TAGS as _BREAK_TAGS
from errcat.extract.parse.markdown import PARSER, html_block, inline_text

__all__ = [
    "Built",
    "NotPlain",
    "any_of",
    "inline",
    "piece_blocks",
    "read_inline",
    "reading",
    "stretch_blocks",
    "table_block",
    "table_rows",
    "table_width",
]


def any_of(chars: str, text: str) -> bool:
    """Whether any of ``chars`` occurs in ``text``.

    What ``re.search("[...]", text)`` says, but one substring search per character instead of
    the regex engine's step per position: as fast on a short string, 40 times faster on a
    10 kB table.

    >>> any_of("`*", "a `code` span"), any_of("`*", "plain")
    (True, False)
    """
    # (Not any() over a generator, which costs more than the searches on short text.)
    for char in chars:  # noqa: SIM110
        if char in text:
            return True
    return False


# --- inline ----------------------------------------------------------------------------------
# The inline rules of markdown-it's commonmark preset (+ strikethrough) fire only at a few
# characters. Left to markdown-it: strikethrough, images, links other than a plain
# ``[label](target "title")``, autolinks, entities.
_HARD = re.compile(r"~~|!\[|&(?:#[0-9A-Za-z]+|[A-Za-z][A-Za-z0-9]*);")
# Markup beyond escapes and underscores: the characters an inline rule (other than plain text)
# can start at ("!" only before "["), an escaped backslash, a backslash at the end.
_MARKUP_CHARS = "`*[\n~<&"


def _beyond_escapes(src: str) -> bool:
    """Whether ``src`` has markup beyond escapes and underscores (see :data:`_MARKUP_CHARS`).

    >>> _beyond_escapes("TOO\\\\_MANY"), _beyond_escapes("a \\\\\\\\ b"), _beyond_escapes("`x`")
    (False, True, True)
    """
    return any_of(_MARKUP_CHARS, src) or ("\\" in src and ("\\\\" in src or src.endswith("\\")))


# The backslash of an escape (where no backslash is escaped itself): deleting it is the escape.
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# An underscore that is neither escaped nor between two ASCII letters or digits.
# (Lookbehinds after the "_", here and below: a pattern that starts with a literal is searched
# for at C speed, one that starts with a lookbehind is tried at every position.)
_LOOSE_UNDERSCORE = re.compile(r"_(?<![A-Za-z0-9_\\]_)|_(?<!\\_)(?![A-Za-z0-9_])")
# What is read here: escapes, code spans, emphasis delimiter runs, plain links, line breaks,
# inline HTML.
_SOFT = re.compile(r"[\\`*_\[\n<]")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# A link whose label is plain text and whose target needs no parsing (no space, no control
# character: CommonMark's destination rules, which also end it at a parenthesis), with or
# without a title in double quotes (Docusaurus' heading anchors: a zero-width space linked
# with a title, ``[\u200b](#id "Direct link to ...")``).
_PLAIN_LINK = re.compile(
    r"\[([^\[\]\\`<>*~&!\n]*)\]\(([^\s()<>\\\"'`\x00-\x1f\x7f]+)(?:[ \t]+\"[^\"\\\n]*\")?[ \t]*\)"
)
# A code span of single backticks (not part of a longer run) or a plain link (not an image).
_SPAN_OR_LINK = re.compile(r"`(?<!``)([^`\n]+)`(?!`)|\[(?<!!\[)" + _PLAIN_LINK.pattern[2:])
_MARKUP_OUTSIDE = re.compile(r"[\\`*\[\n~<&]")
# Bold text and nothing else, opening and closing on a letter or digit (so both runs flank).
_BOLD = re.compile(r"\*\*([A-Za-z0-9](?:[^*_\\`\[\n~<&]*[A-Za-z0-9])?)\*\*")
_UNSAFE_TARGET = re.compile(r"(?i)(?:javascript|vbscript|file|data):")


def inline(src: str) -> tuple[str, bool, bool] | None:
    """What :func:`.markdown.inline_text` gives for markdown-it's inline parse of
    ``src`` (text, all struck through, all bold), or ``None`` when ``src`` has markup this
    function leaves to markdown-it.

    >>> inline("TOO\\\\_MANY `ORDERS`  \\n now")
    ('TOO_MANY ORDERS\\nnow', False, False)
    >>> inline("**Error [codes](#codes)**")
    ('Error codes', False, True)
    >>> inline("~~gone~~") is None
    True
    """
    if not _beyond_escapes(src) and ("_" not in src or not _LOOSE_UNDERSCORE.search(src)):
        # Most text has no markup; the rest here only backslashes and underscores: escapes are
        # all there is when every underscore is escaped or inside a word ("TOO\\_MANY",
        # "INVALID_PARAM").
        return (_ESCAPE.sub("", src) if "\\" in src else src), False, False
    if _HARD.search(src):
        return None
    if not _SOFT.search(src):
        return src, False, False
    if "`" in src or "[" in src:
        text = _spans_and_links(src)
        if text is not None:
            return text, False, False
    elif src[:2] == "**" and (bold := _BOLD.fullmatch(src)):
        return bold.group(1), False, True
    if not any_of("\\`*_[<", src):
        return _line_breaks(src), False, False
    return _tokens(src)


def _line_breaks(src: str) -> str:
    """What :func:`_tokens` reads of text whose only markup is line breaks: spaces before each
    go (two or more make it a hard break; both read as "\\n"), and so does the indentation
    after it.

    >>> _line_breaks("Errors consist of a code  \\n   and a message.")
    'Errors consist of a code\\nand a message.'
    """
    first, *rest = src.split("\n")
    lines = [first, *(line.lstrip(" \t") for line in rest)]
    return "\n".join([*(line.rstrip(" ") for line in lines[:-1]), lines[-1]])


def _tokens(src: str) -> tuple[str, bool, bool] | None:
    """:func:`inline` for text with markup: its tokens, then the emphasis between them."""
    # Tokens: text chunks, delimiter runs (char, length, can open, can close), line breaks.
    # A chunk is the text between two tokens: markdown-it's "pending" text, which is what a
    # line break trims.
    chunks: list[str] = []
    runs: list[tuple[int, str, int, bool, bool]] = []  # (chunk index, char, length, open, close)
    pending: list[str] = []
    n = len(src)
    i = 0
    memo: dict = {}  # what the inline HTML rule finds once per text

    def token(text: str) -> None:
        chunks.append("".join(pending))
        pending.clear()
        chunks.append(text)

    while (m := _SOFT.search(src, i)) is not None:
        j = m.start()
        pending.append(src[i:j])
        ch = src[j]
        if ch == "\n":
            # Trailing spaces before a line break go (two or more make it a hard break; both
            # read as "\n"), and so does the next line's indentation.
            text = "".join(pending).rstrip(" ")
            pending.clear()
            chunks.append(text)
            chunks.append("\n")
            i = _skip_spaces(src, j + 1, n)
        elif ch in "\\`<[":
            read = _SPANS[ch](src, j, memo)
            if read is None:
                return None  # left to markdown-it
            text, i = read
            if text is None:
                pending.append(src[j:i])  # no escape, span, tag or link starts here: text
            else:
                token(text)
        else:  # "*" or "_"
            k = j + 1
            while k < n and src[k] == ch:
                k += 1
            can_open, can_close = _flanks(src, j, k, ch == "*")
            token(src[j:k])
            if can_open or can_close:
                runs.append((len(chunks) - 1, ch, k - j, can_open, can_close))
            i = k
    pending.append(src[i:])
    chunks.append("".join(pending))
    if not runs:
        return "".join(chunks), False, False
    return _emphasis(chunks, runs)


def _escape(src: str, j: int, memo: dict) -> tuple[str | None, int]:
    """The escape at ``src[j]`` (a backslash) and its end: the character, a hard line break
    (the next line's indentation goes too), or ``None`` for a backslash ending the text."""
    if j + 1 >= len(src):
        return None, j + 1
    nxt = src[j + 1]
    if nxt == "\n":
        return "\n", _skip_spaces(src, j + 2, len(src))
    return (nxt if nxt in _ESCAPABLE else "\\" + nxt), j + 2


def _code_span(src: str, j: int, memo: dict) -> tuple[str | None, int]:
    """The code span at ``src[j]`` (a "`") and its end, or ``None`` and the end of a run of
    backticks that nothing closes (literal text)."""
    k = j + 1
    n = len(src)
    while k < n and src[k] == "`":
        k += 1
    close = _closing_backticks(src, k, k - j, memo)
    if close < 0:
        return None, k
    code = src[k:close].replace("\n", " ")
    if code.startswith(" ") and code.endswith(" ") and code.strip(" "):
        code = code[1:-1]
    return code, close + (k - j)


def _inline_tag(src: str, j: int, memo: dict) -> tuple[str | None, int] | None:
    """Inline HTML at ``src[j]`` (a "<"), which shows as nothing, except a tag that breaks the
    line; ``None`` for text; ``None`` alone for an autolink (a link, left to markdown-it)."""
    end = _html_inline_end(src, j, memo)
    if end == 0:
        return None
    if end < 0:
        return None, j + 1
    return ("\n" if src.startswith(_BREAK_TAGS, j) else ""), end


def _plain_link(src: str, j: int, memo: dict) -> tuple[str | None, int] | None:
    """The label of a plain link at ``src[j]`` (a "[") and its end; ``None`` for text; ``None``
    alone for a link this module leaves to markdown-it."""
    link = _PLAIN_LINK.match(src, j)
    if link is None and last_index(src, "](", memo) < j:
        # No inline link can start here, and without link definitions (see read_inline) no
        # reference link either: "[1,100)" is text.
        return None, j + 1
    if link is None or _UNSAFE_TARGET.match(src, link.start(2)):
        return None
    if "_" in link.group(1) and _LOOSE_UNDERSCORE.search(link.group(1)):
        return None  # emphasis inside the label
    return link.group(1), link.end()


_SPANS = {"\\": _escape, "`": _code_span, "<": _inline_tag, "[": _plain_link}


def _spans_and_links(src: str) -> str | None:
    """The text of ``src`` when its only markup is code spans of single backticks and plain
    links (``Add `text` in [orders](#orders)``, most of what a page marks up), else ``None``.

    >>> _spans_and_links("Add `text` in [orders](#orders)"), _spans_and_links("`a``b`")
    ('Add text in orders', None)
    """
    parts: list[str] = []
    at = 0
    for m in _SPAN_OR_LINK.finditer(src):
        if not _plain_between(src[at : m.start()]):
            return None
        parts.append(src[at : m.start()])
        code = m.group(1)
        if code is not None:
            if code[0] == " " and code[-1] == " " and code.strip(" "):
                code = code[1:-1]
            parts.append(code)
        else:
            label = m.group(2)
            if _UNSAFE_TARGET.match(m.group(3)) or (
                "_" in label and _LOOSE_UNDERSCORE.search(label)
            ):
                return None
            parts.append(label)
        at = m.end()
    if not parts or not _plain_between(src[at:]):
        return None
    parts.append(src[at:])
    return "".join(parts)


def _plain_between(text: str) -> bool:
    """Whether text between code spans and links is read as it is: no markup, no underscore
    that could emphasise (the span or link next to it is no word character either way)."""
    if _MARKUP_OUTSIDE.search(text):
        return False
    return "_" not in text or _LOOSE_UNDERSCORE.search(text) is None


def _html_inline_end(src: str, pos: int, memo: dict) -> int:
    """End of the inline HTML at ``src[pos]``, a "<" (see :mod:`.inline_html`); 0 if an
    autolink starts there instead (markdown-it tries that rule first); -1 for neither."""
    # markdown-it's autolink rule: up to the next ">", with no "<" before it.
    after = src.find("<", pos + 1)
    close = src.find(">", pos + 1, len(src) if after < 0 else after)
    if close >= 0:
        url = src[pos + 1 : close]
        if AUTOLINK_RE.search(url) or EMAIL_RE.search(url):
            return 0
    return tag_end(src, pos, memo)


def _flanks(src: str, start: int, end: int, split_word: bool) -> tuple[bool, bool]:
    """Whether the delimiter run ``src[start:end]`` can open, close emphasis (CommonMark's
    flanking rules, as markdown-it's ``scanDelims``)."""
    last = src[start - 1] if start > 0 else " "
    nxt = src[end] if end < len(src) else " "
    if last in _WORD and nxt in _WORD:
        return split_word, split_word  # inside a word: only "*" can open or close there
    last_punct = is_md_ascii_punct(ord(last)) or is_punct_char(last)
    next_punct = is_md_ascii_punct(ord(nxt)) or is_punct_char(nxt)
    last_space = is_white_space(ord(last))
    next_space = is_white_space(ord(nxt))
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    if split_word:
        return left, right
    return left and (not right or last_punct), right and (not left or next_punct)


_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def _emphasis(
    chunks: list[str], runs: list[tuple[int, str, int, bool, bool]]
) -> tuple[str, bool, bool] | None:
    """Text and bold flag when the delimiter runs simply pair up: opener, closer, opener,
    closer..., each pair the same character and length 1 (em), 2 (strong) or 3 (both), no run
    that could both open and close. Anything else (nesting, leftovers, the rule of three) →
    ``None``."""
    if len(runs) % 2:
        return None
    strong = [False] * len(chunks)
    for (a, ch, length, a_open, a_close), (b, ch2, length2, b_open, b_close) in zip(
        runs[::2], runs[1::2], strict=True
    ):
        if ch2 != ch or length2 != length or length > 3:
            return None
        if not a_open or a_close or not b_close or b_open:
            return None
        chunks[a] = chunks[b] = ""
        if length >= 2:  # strong, or (3) strong inside em
            for c in range(a + 1, b):
                strong[c] = True
    plain = [c for c, chunk in enumerate(chunks) if chunk.strip() and chunk != "\n"]
    return "".join(chunks), False, bool(plain) and all(strong[c] for c in plain)


def read_inline(src: str, links: bool = False) -> tuple[str, bool, bool]:
    """:func:`inline`, or markdown-it's inline parser where that declines.

    ``links``: the document defines link references, which markdown-it resolves across the
    whole document; text with a bracket then raises :class:`NotPlain`.
    """
    if links and "[" in src:
        raise NotPlain(src)
    memo = _READ.get()
    read = memo.get(src)
    if read is None:
        read = inline(src) or inline_text(PARSER.parseInline(src)[0])
        if memo is not _NO_MEMO:
            memo[src] = read
    return read


# What read_inline gave, by text, while one document is built (see reading): pages repeat the
# same cells and item texts ("Invalid parameter", "-", "Yes"), half of all that is read inline.
# The reading is a function of the text alone, so the memo cannot change a block. (A context
# variable: each thread, each document its own.)
_NO_MEMO: dict[str, tuple[str, bool, bool]] = {}
_READ: ContextVar[dict[str, tuple[str, bool, bool]]] = ContextVar("read_inline", default=_NO_MEMO)


@contextmanager
def reading() -> Iterator[None]:
    """Remember what :func:`read_inline` reads for the length of one document, then forget it
    (nothing is kept from one document to the next: memory stays bounded by the page).

    >>> with reading():
    ...     read_inline("`a`") is read_inline("`a`")
    True
    """
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


class NotPlain(Exception):
    """A piece needs markdown-it after all."""


def _skip_spaces(src: str, i: int, n: int) -> int:
    while i < n and src[i] in " \t":
        i += 1
    return i


def _closing_backticks(src: str, start: int, length: int, memo: dict) -> int:
    """Start of the first run of exactly ``length`` backticks at or after ``start`` (which is
    in no run), or -1. The runs are found once per text (``memo``): looking ahead from every
    opener, as markdown-it's own cache avoids, costs 40 s on a page of runs of every length.
    """
    runs = memo.get("`")
    if runs is None:
        runs = memo["`"] = {}
        for m in _BACKTICKS.finditer(src):
            runs.setdefault(m.end() - m.start(), []).append(m.start())
    starts = runs.get(length, ())
    k = bisect_left(starts, start)
    return starts[k] if k < len(starts) else -1


_BACKTICKS = re.compile("`+")


# --- tables ----------------------------------------------------------------------------------
# A GFM table is split exactly as markdown-it-py's table rule splits it.

_DELIM_CELL = re.compile(r":?-+:?")
_UNESCAPED_PIPE = re.compile(r"\|(?<!\\\|)")
_MAX_AUTOCOMPLETED = 0x10000  # markdown-it-py's table rule gives up beyond this


def _split_row(line: str) -> list[str]:
    """markdown-it-py's ``escapedSplit``, and the dropping of the outer empty cells."""
    if "\\" in line:
        cells = [c.replace("\\|", "|") for c in _UNESCAPED_PIPE.split(line)]
    else:
        cells = line.split("|")
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _aligns(delim: str) -> int:
    """Number of columns of a delimiter row, 0 if it is none."""
    if len(delim) < 2 or delim[0] not in "|-:" or delim[1] not in "|-: \t":
        return 0
    if (delim[0] == "-" and delim[1] in " \t") or delim.strip("|-: \t"):
        return 0
    parts = delim.split("|")
    count = 0
    for i, part in enumerate(parts):
        cell = _trim(part)
        if not cell:
            if i in (0, len(parts) - 1):
                continue
            return 0
        if not _DELIM_CELL.fullmatch(cell):
            return 0
        count += 1
    return count


def table_rows(lines: list[str]) -> list[list[str]] | None:
    """The raw cells of ``lines`` if they are exactly one GFM table, header row first.

    Every line must belong to the table: indented less than 4 spaces, nothing that another
    block rule could claim.

    >>> table_rows(["Code | Message", "--- | ---", "1 | Failed | extra", "  2"])
    [['Code', 'Message'], ['1', 'Failed'], ['2', '']]
    """
    if len(lines) < 2:
        return None
    rows = _rows(lines, table_width(lines[0], lines[1]), "\n".join(lines))
    return None if rows is None else [list(row) for row in rows]


def _rows(lines: list[str], width: int, source: str) -> list[tuple[str, ...]] | None:
    """:func:`table_rows` for lines whose first two start a table of ``width`` columns (0: they
    start none), ``source`` the lines joined."""
    if not width:
        return None
    for line in lines:
        if not line or (line[0] in _MAY_END_ROWS and _NOT_A_ROW.match(line)):
            return None
    # str.strip() takes what mdTrim takes and five more (\x1c-\x1f, \x85): where the table
    # has none of those, its cells are stripped without passing the set of characters.
    strip = _md_strip if any_of(_SPACE_NOT_MD, source) else str.strip
    rows = [tuple(map(strip, _split_row(_trim(lines[0]))))]
    autocompleted = 0
    for line in lines[2:]:
        cells = _split_row(strip(line))
        count = len(cells)
        autocompleted += width - count
        if autocompleted > _MAX_AUTOCOMPLETED:
            return None
        if count >= width:
            rows.append(tuple(map(strip, cells[:width])))
        else:
            rows.append((*map(strip, cells), *[""] * (width - count)))
    return rows


def _md_strip(text: str) -> str:
    return text.strip(MD_TRIM_CHARS)


_SPACE_NOT_MD = "".join(c for c in map(chr, range(0x100)) if c.isspace() and c not in MD_TRIM_CHARS)


def table_width(header: str, delimiter: str) -> int:
    """The number of columns of the table that markdown-it's rule starts at these two lines,
    or 0 where it starts none. Both lines are indented less than 4 spaces, without tabs.

    >>> table_width("| Code | Message |", "|---|---|"), table_width("| Code |", "|---|---|")
    (2, 0)
    """
    width = _aligns(delimiter.lstrip(" "))
    header = _trim(header)
    if not width or "|" not in header:
        return 0
    return width if len(_split_row(header)) == width else 0


# A line that cannot be a table row: blank, indented 4 or more, or what _BLOCK_START matches.
_NOT_A_ROW = re.compile(
    r"(?: {4}| {0,3}(?:\t|$|[>#<]|`{3}|~{3}|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
    r"|[-*_][-*_ \t]*$))"
)
_MAY_END_ROWS = frozenset(" \t>#<`~-*+_0123456789")  # the first characters it can match at


def _indent(line: str) -> int:
    """Leading spaces of a line that a table or paragraph may have (up to 3), else -1."""
    indent = len(line) - len(line.lstrip(" "))
    if indent > 3 or line[indent : indent + 1] == "\t":
        return -1
    return indent


def table_block(rows: Sequence[Sequence[str]], links: bool = False, source: str = "") -> Block:
    """The block :mod:`errcat.extract.parse.markdown` makes of these raw cells (``source``: the
    table's lines, if known; without markup in them no cell needs reading)."""
    if source and not links and _as_written(source):
        return Block("table", rows=tuple(map(tuple, rows)), struck=(False,) * len(rows))
    texts: list[tuple[str, ...]] = []
    struck: list[bool] = []
    for row in rows:
        if not links and _as_written("|".join(row)):
            texts.append(tuple(row))  # no markup: the cells are their text
            struck.append(False)
            continue
        read = [read_inline(cell, links) for cell in row]
        texts.append(tuple(text for text, _, _ in read))
        # The code cell decides: a struck-through code is a deprecated code.
        struck.append(read[0][1])
    return Block("table", rows=tuple(texts), struck=tuple(struck))


def _as_written(cells: str) -> bool:
    """Whether table cells (joined by "|" or line ends, which no underscore forms a word with)
    read as they are written: no markup, and every underscore inside a word (``INVALID_PARAM``).
    """
    if any_of(_CELL_MARKUP, cells):
        return False
    return "_" not in cells or _LOOSE_UNDERSCORE.search(cells) is None


_CELL_MARKUP = "\\`*[~<&"


# --- blocks ----------------------------------------------------------------------------------

# A line that another block rule could claim (fence, quote, heading, list, HTML, rule) or that
# is indented; a table row or paragraph line must not be one.
_BLOCK_START = re.compile(
    r"[ \t]|[>#<]|`{3}|~{3}|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[-*_ \t]+$"
)
# Thematic breaks (no block); setext underlines.
_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*")
_HEADING = re.compile(r"(#{1,6})(?:[ \t]|$)")
_BULLET = re.compile(r"([-*+])( {1,4})(?=[^ \t])")
_ORDERED = re.compile(r"(\d{1,9})([.)])( {1,4})(?=[^ \t])")
_FENCE = re.compile(r"(`{3,}|~{3,})(.*)")
# Content of a list item or quote line that would (or might) open a block of its own there:
# quote, heading, HTML, fence, list item, rule or setext underline, table. ("[" opens a link
# reference definition only in documents that define some; there read_inline declines "[".)
_NESTED = re.compile(r"[>#<|]|`{3}|~{3}|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[-*_=][-*_= \t]*$")
# markdown-it's own start conditions of the HTML blocks that end at a blank line.
_HTML_BLOCK_TAG, _HTML_LONE_TAG = (start for start, _, _ in HTML_SEQUENCES[5:7])
# ... and of those that run to an end marker (<script>, <pre>, comments...): types 1-5.
_HTML_RAW_STARTS = [start for start, _, _ in HTML_SEQUENCES[:5]]
# A one-line bullet item whose content opens no block of its own.
_SIMPLE_ITEM = re.compile(
    r"[-*+] {1,4}(?![ \t]|[>#<|]|`{3}|~{3}|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
    r"|[-*_=][-*_= \t]*$)(.+)"
)
# A line that is a paragraph on its own: none of the block starts, no table cell, no rule.
_PLAIN_LINE = re.compile(
    r"(?![ \t]|[>#<|]|`{3}|~{3}|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[-*_=][-*_= \t]*$)"
    r"[^|]*\S[^|]*"
)
# Lines at column 0 that end a list instead of continuing its last item lazily.
_ENDS_LIST = re.compile(r"#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,}")
_ODD = "\x00\v\f\ue000\ue001"


class Built:
    """What the plain pieces of one document have built so far, by source: a block is a
    function of its lines (and of whether the document defines links), and pages repeat them,
    a third of their headings and tables (the same response table under every endpoint, the
    same ``<details>`` wrapper around every endpoint's errors). Blocks are immutable: the one
    built is the one given again.
    """

    __slots__ = ("cells", "headings", "html", "tables")

    def __init__(self) -> None:
        self.headings: dict[str, Block] = {}  # by line
        self.html: dict[str, list[Block]] = {}  # by the HTML block's lines
        self.tables: dict[str, Block] = {}  # by the table's lines (small tables)
        self.cells: dict[str, str] = {}  # each cell text once ("string", "Yes", "query", …)

    def table(self, block: Block) -> Block:
        """``block`` with its cells shared with the document's other tables: parameter tables
        repeat the same few words in every row, a third of a whole-API page's blocks' memory.
        """
        cells = self.cells
        rows = tuple(tuple([cells.setdefault(c, c) for c in row]) for row in block.rows)
        return Block("table", rows=rows, struck=block.struck)

    def html_blocks(self, source: str) -> list[Block]:
        """The blocks of an HTML block, once per source: :func:`.lxml_html.html_blocks`, which
        gives BeautifulSoup's (:func:`.html.blocks_from_html`) without building its tree."""
        found = self.html.get(source)
        if found is None:
            found = self.html[source] = html_blocks(source)
        return found


def piece_blocks(
    piece: str, *, links: bool = False, built: Built | None = None
) -> list[Block] | None:
    """The blocks of one piece of a markdown document, or ``None`` if it is not plain.

    ``links``: the document defines link references, which only markdown-it resolves, so any
    bracket sends the piece there. ``built``: what this document's pieces built before.
    """
    blocks, plain = stretch_blocks(piece, (0,), links=links, built=built)
    return blocks if plain else None


def stretch_blocks(
    stretch: str, starts: Sequence[int], *, links: bool = False, built: Built | None = None
) -> tuple[list[Block], int]:
    """The blocks of consecutive pieces (``starts``: where each begins in ``stretch``, the
    first at 0) as far as they are plain, and how many pieces that is: all of them, or those
    before the first that is not (or whose end needs the next piece to tell: built alone, it
    may be plain). A piece's blocks do not depend on its neighbours', so the pieces after it
    read the same in a stretch of their own.

    >>> doc = "# Errors\\n\\n    indented\\n\\n# More\\n"
    >>> blocks, plain = stretch_blocks(doc, (0, doc.index("    "), doc.index("# More")))
    >>> [b.text for b in blocks], plain  # the indented code goes to markdown-it
    (['Errors'], 1)
    """
    end = len(stretch)
    for char in _ODD:
        if (at := stretch.find(char, 0, end)) >= 0:
            end = at
    last = starts[-1]
    if end > last and not stretch.endswith("\n") and "<" in stretch[last:]:
        # An HTML block on the document's last line: markdown-it's token has no newline at its
        # end there, and "<pre>" then reads as an empty code block, not as one of "\n".
        end = last
    usable = len(starts) if end == len(stretch) else bisect_left(starts, end + 1) - 1
    if not usable:
        return [], 0
    upto = len(stretch) if usable == len(starts) else starts[usable]
    stops: list[int] = []  # the line each piece after the first starts at
    line = at = 0
    for start in starts[1:usable]:
        line += stretch.count("\n", at, start)
        stops.append(line)
        at = start
    out: list[Block] = []
    reached: list[int] = []
    try:
        done = _blocks(
            stretch[:upto].rstrip("\n").split("\n"), links, built or Built(), 0, out, stops, reached
        )
    except NotPlain:
        done = None
    if done is not None:
        return out, usable
    return out[: reached[-1]] if reached else [], len(reached)


def _blocks(
    lines: list[str],
    links: bool,
    built: Built,
    depth: int = 0,
    out: list[Block] | None = None,
    stops: Sequence[int] = (),
    reached: list[int] | None = None,
) -> list[Block] | None:
    """The blocks of ``lines`` (into ``out``), or ``None`` where they are not plain. ``stops``:
    lines where pieces start; ``reached`` gets the number of blocks built before each."""
    if out is None:
        out = []
    i, n = 0, len(lines)
    stop, next_stop = (stops[0], 1) if stops else (n, 0)
    while i < n:
        if i >= stop and reached is not None:
            # At the start of the next piece: every block before it is built. (Blocks never run
            # from one piece into the next; should one, nothing after it counts as reached.)
            if i == stop and len(reached) == next_stop - 1:
                reached.append(len(out))
            stop = stops[next_stop] if next_stop < len(stops) else n
            next_stop += 1
        line = lines[i]
        if not line.strip(" \t"):
            i += 1
            continue
        first = line[0]
        if first in " \t":
            if "|" in line and (width := _table_starts(lines, i)):
                i = _table(lines, i, out, links, width, built)  # indented up to 3 spaces
                if i < 0:
                    return None
                continue
            if first == " " and (i := _indented_list(lines, i, out, links)) >= 0:
                continue
            return None  # indented: code, or the continuation of something
        if "|" in line and (width := _table_starts(lines, i)):
            # markdown-it tries its table rule before all others
            i = _table(lines, i, out, links, width, built)
        elif first == "#":
            heading = built.headings.get(line)
            if heading is not None:
                out.append(heading)
                i += 1
            elif (m := _HEADING.match(line)) is None:
                i = _paragraph(lines, i, out, links)
            else:
                content = _heading_content(line, m.end(1))
                text, struck, _ = read_inline(content, links)
                heading = built.headings[line] = Block(
                    "heading",
                    text=text,
                    level=len(m.group(1)),
                    struck=(struck,),
                    anchors=_heading_anchors(content),
                )
                out.append(heading)
                i += 1
        elif first == ">":
            i = _quote(lines, i, out, links, built, depth)
        elif first in "-*_" and _RULE.fullmatch(line):
            i += 1  # a thematic break, "* * *" too (markdown-it tries it before a list): no block
        elif first in "-*+" and (bullet := _BULLET.match(line)) is not None:
            i = _list(lines, i, out, links, bullet.group(1))
        elif first.isdigit() and (number := _ORDERED.match(line)) is not None:
            i = _list(lines, i, out, links, number.group(2))
        elif first in "`~" and (fence := _FENCE.fullmatch(line)) is not None:
            i = _fence(lines, i, out, fence)
        elif first == "<" and (end := _html_block_end(lines, i)) > i:
            # An HTML block (CommonMark types 6 and 7, to the next blank line), read the way
            # errcat.extract.parse.markdown reads markdown-it's html_block token.
            out.extend(html_block("".join(line + "\n" for line in lines[i:end]), built.html_blocks))
            i = end
        elif first == "<" and not _html_raw(line):
            i = _paragraph(lines, i, out, links)  # "<" that starts no HTML block: text
        elif first == "<" or _BLOCK_START.match(line):
            return None  # HTML, an empty list item, indented code...
        else:
            i = _paragraph(lines, i, out, links)
        if i < 0:
            return None
    return out


def _html_raw(line: str) -> bool:
    """Whether ``line`` opens an HTML block that runs to an end marker (types 1-5)."""
    return any(start.search(line) for start in _HTML_RAW_STARTS)


def _html_block_end(lines: list[str], i: int) -> int:
    """End of the HTML block starting at ``lines[i]`` if it runs to a blank line, else -1."""
    line = lines[i]
    if _html_raw(line) or not (_HTML_BLOCK_TAG.search(line) or _HTML_LONE_TAG.search(line)):
        return -1  # a comment, <script>, <pre>...: markdown-it reads those to their end marker
    end = i + 1
    while end < len(lines) and lines[end].strip(" \t"):
        end += 1
    return end


def _ends_block(line: str) -> bool:
    """Whether ``line`` (at column 0) certainly ends a table or a quote before it: a heading, a
    bullet item, a rule, a fence."""
    first = line[0]
    if first == "#":
        return _HEADING.match(line) is not None
    if first in "-*+_" and (_BULLET.match(line) or _RULE.fullmatch(line)):
        return True
    return (
        first in "`~" and (fence := _FENCE.fullmatch(line)) is not None and not _backticks_in(fence)
    )


def _heading_anchors(content: str) -> tuple[str, ...]:
    """:func:`.anchors.link_anchors` of a heading's content, as markdown-it tokenizes it.

    Only an inline link has "](" (reference links reach here only without definitions, where
    they are text), so a heading without one has no anchor and no second parse.
    """
    if "](" not in content:
        return ()
    if _spans_and_links(content) is not None:
        # Plain links only (the usual ``[🔗](https://…#id "Direct link to …")``): the links are
        # these matches, and a fragment reads the same before and after markdown-it
        # normalises the target (it percent-encodes, fragment() decodes).
        found = [
            target
            for m in _SPAN_OR_LINK.finditer(content)
            if m.group(2) is not None
            and is_permalink_label(m.group(2))
            and (target := fragment(m.group(3))) is not None
        ]
        return tuple(dict.fromkeys(found))
    return link_anchors(PARSER.parseInline(content)[0])


def _heading_content(line: str, pos: int) -> str:
    """markdown-it's heading rule: the text after the opening hashes, a closing sequence cut."""
    end = len(line)
    while end > pos and line[end - 1] in " \t":
        end -= 1
    cut = end
    while cut > pos and line[cut - 1] == "#":
        cut -= 1
    if cut > pos and line[cut - 1] in " \t":
        end = cut
    return _trim(line[pos:end])


def _paragraph(lines: list[str], i: int, out: list[Block], links: bool) -> int:
    """A paragraph of lines that no other rule could interrupt or turn into something else."""
    j = i + 1
    while j < len(lines) and lines[j].strip(" \t"):
        line = lines[j]
        if "|" in line and _table_starts(lines, j):
            break  # a table interrupts a paragraph
        if line[0] in "-*+" and _BULLET.match(line):
            break  # so does a bullet list
        if (line[0] == "#" and _HEADING.match(line)) or line[0] == ">":
            break  # a heading, a quote
        if line[0] in "`~" and (fence := _FENCE.fullmatch(line)) and not _backticks_in(fence):
            break
        if line[0] == "<":
            if _html_raw(line) or _HTML_BLOCK_TAG.search(line):
                return -1  # an HTML block that may interrupt the paragraph
        elif line[0] == " ":
            # An indented line continues a paragraph, unless (indented less than 4) it starts
            # something that could interrupt it.
            indent = len(line) - len(line.lstrip(" "))
            if line[indent] == "\t" or (indent < 4 and _NESTED.match(line, indent)):
                return -1
        elif _BLOCK_START.match(line) or _UNDERLINE.fullmatch(line):
            return -1
        j += 1
    text, struck, strong = read_inline(_trim("\n".join(lines[i:j])), links)
    out.append(Block("paragraph", text=text, strong=strong, struck=(struck,)))
    return j


def _backticks_in(fence: re.Match[str]) -> bool:
    """A backtick fence cannot have a backtick in its info string (it is inline code then)."""
    return fence.group(1)[0] == "`" and "`" in fence.group(2)


def _table_starts(lines: list[str], i: int) -> int:
    """The width of the table markdown-it's table rule starts at ``lines[i]``, or 0."""
    if i + 1 >= len(lines) or _indent(lines[i]) < 0 or _indent(lines[i + 1]) < 0:
        return 0
    width = _aligns(lines[i + 1].lstrip(" "))
    if not width:
        return 0
    header = _trim(lines[i])
    return width if "|" in header and len(_split_row(header)) == width else 0


def _table(
    lines: list[str], i: int, out: list[Block], links: bool, width: int, built: Built
) -> int:
    """A table of ``width`` columns running to the next blank line or block start (anything
    that might end it otherwise is left to markdown-it)."""
    end = i + 2
    # markdown-it ends a table at a line that is empty after mdTrim (a no-break space too),
    # though such a line is no blank line for the block rules.
    while end < len(lines) and lines[end].strip(MD_TRIM_CHARS) and not _ends_block(lines[end]):
        end += 1
    source = "\n".join(lines[i:end])
    # (Small tables only: the ones pages repeat are, and the source is kept as the key.)
    remember = len(source) <= _REMEMBERED_TABLE
    table = built.tables.get(source) if remember else None
    if table is None:
        rows = _rows(lines[i:end], width, source)
        if rows is None:
            return -1
        table = built.table(table_block(rows, links, source))
        if remember:
            built.tables[source] = table
    out.append(table)
    return end


_REMEMBERED_TABLE = 2048  # characters: 98 % of the corpus' repeated tables


# The depth of the deepest list item markdown-it keeps (its maxNesting, 20, counts a list and its
# item as two levels, below the document's own)
_DEEPEST_ITEM = 9


def _list(lines: list[str], i: int, out: list[Block], links: bool, marker: str) -> int:
    """A list, with the lists nested in its items, as one block of items in document order.

    That is how :mod:`.markdown` flattens markdown-it's tokens, including a quirk
    kept here: a paragraph after a nested list joins the last item started, not its own item.
    Items may hold several paragraphs, continuation lines (indented or lazy) and blank lines.
    """
    simple = _simple_list(lines, i, out, links, marker)
    if simple >= 0:
        return simple
    items: list[list[list[str]]] = []  # per item started: its paragraphs, each a list of lines
    depths: list[int] = []  # per item started: the lists open around it inside the outer one
    columns: list[int] = []  # content columns of the open items, outermost first
    n = len(lines)
    blank = False
    j = i
    while j < n:
        line = lines[j]
        if not line.strip(" \t"):
            blank = True
            j += 1
            continue
        indent = len(line) - len(line.lstrip(" "))
        if line[indent] == "\t":
            return -1
        rule = _RULE.fullmatch(line, indent)
        item = None if rule else _BULLET.match(line, indent) or _ORDERED.match(line, indent)
        if indent == 0:
            if item is not None and _marker(item) == marker:
                columns = []  # a new item of this list
            elif item is not None or rule or _ENDS_LIST.match(line):
                break  # another list, a rule, a heading, a fence, a quote
            elif blank:
                break  # not reached inside a piece: a cut falls before such a line
            else:
                item = None  # a lazy continuation line, judged below
        if item is not None and columns:
            item = _nested_item(item, indent, columns, blank)
        if item is not None:
            width = item.end()
            if _NESTED.match(line, width) or _RULE.fullmatch(line, width):
                return -1  # a block inside the item
            if len(columns) >= _DEEPEST_ITEM:
                return -1  # markdown-it drops what is nested deeper (its nesting limit)
            depths.append(len(columns))
            columns.append(width)
            items.append([[line[width:]]])
        elif not items:
            return -1
        else:
            _continue_item(items[-1], columns, line, indent, blank)
        blank = False
        j += 1
    if not items:
        return -1  # "* * *" is a rule, not a list
    out.append(_list_block(items, depths, links))
    return j


def _continue_item(
    paragraphs: list[list[str]], columns: list[int], line: str, indent: int, blank: bool
) -> None:
    """Add a line that is no list marker to the open item's ``paragraphs``."""
    if blank:
        # A new paragraph in the deepest open item that the indentation reaches.
        while columns and columns[-1] > indent:
            columns.pop()
        if not columns or indent >= columns[-1] + 4 or _NESTED.match(line, indent):
            raise NotPlain
        paragraphs.append([line[columns[-1] :]])
    else:
        # A continuation of the open paragraph, lazy or indented; markdown-it reads it with the
        # innermost item's indentation removed.
        inner = columns[-1]
        if indent < inner + 4 and _NESTED.match(line, indent):
            raise NotPlain
        paragraphs[-1].append(line[min(indent, inner) :])


def _nested_item(
    item: re.Match[str], indent: int, columns: list[int], blank: bool
) -> re.Match[str] | None:
    """``item``, a list marker below an open item (whose content columns are ``columns``,
    outermost first; the items it closes are popped), or ``None`` where the line is no item
    after all. Raises :class:`NotPlain` where markdown-it's reading is not copied here."""
    inner = columns[-1]
    if indent >= inner + 4:
        return None  # indented code or a continuation, not an item
    if indent >= inner:
        # A child of the innermost item: right after a paragraph line, an ordered list must
        # start at 1 to interrupt it ("2." just continues the paragraph).
        if not blank and item.group(0)[0].isdigit() and item.group(1) != "1":
            raise NotPlain
        return item
    while columns and columns[-1] > indent:
        columns.pop()
    if not columns and indent:
        raise NotPlain  # an item indented 1-3 spaces: a sibling written oddly
    if columns and indent >= columns[-1] + 4:
        raise NotPlain
    return item


def _list_block(items: list[list[list[str]]], depths: list[int], links: bool) -> Block:
    """The list block of ``items`` (per item, its paragraphs, each a list of lines) at
    ``depths``."""
    block_items: list[str] = []
    struck: list[bool] = []
    for paragraphs in items:
        if any("|" in line for para in paragraphs for line in para) and (
            len(paragraphs) > 1 or len(paragraphs[0]) > 1
        ):
            raise NotPlain  # a table may start inside the item
        read = [read_inline(_trim("\n".join(para)), links) for para in paragraphs]
        block_items.append("\n".join(text for text, _, _ in read))
        struck.append(all(is_struck for _, is_struck, _ in read))
    return Block("list", items=tuple(block_items), struck=tuple(struck), depths=nesting(depths))


def _simple_list(lines: list[str], i: int, out: list[Block], links: bool, marker: str) -> int:
    """The common case of :func:`_list`, cheaply: one-line bullet items at column 0, blank lines
    between them, ended by the piece, a blank line or a line that ends any list. -1 otherwise."""
    if marker not in "-*+":
        return -1
    texts: list[str] = []
    struck: list[bool] = []
    n = len(lines)
    j = i
    while j < n:
        line = lines[j]
        if not line:
            j += 1
            continue
        item = _SIMPLE_ITEM.fullmatch(line)
        if item is None or line[0] != marker:
            break
        content = item.group(1)
        if content[0] in "-*_" and _RULE.fullmatch(content):
            return -1
        text, is_struck, _ = read_inline(_trim(content), links)
        texts.append(text)
        struck.append(is_struck)
        j += 1
    if j < n:
        line = lines[j]
        if line[0] == marker or line[0] in " \t":
            return -1  # an item or continuation the general reading must judge
        ends = _BULLET.match(line) or _RULE.fullmatch(line) or _ENDS_LIST.match(line)
        if lines[j - 1] and not ends:
            return -1  # a lazy continuation line
    if _RULE.fullmatch(lines[i]):
        return -1
    out.append(Block("list", items=tuple(texts), struck=tuple(struck)))
    return j


def _indented_list(lines: list[str], i: int, out: list[Block], links: bool) -> int:
    """:func:`_simple_list` for one-line bullet items indented alike by 1-3 spaces
    (``" * text"`` under each heading of a page); -1 for anything else there."""
    line = lines[i]
    indent = len(line) - len(line.lstrip(" "))
    if indent > 3 or line[indent] not in "-*+" or _RULE.fullmatch(line, indent):
        return -1
    marker = line[indent]
    pad = line[:indent]
    texts: list[str] = []
    struck: list[bool] = []
    n = len(lines)
    j = i
    while j < n:
        line = lines[j]
        if not line:
            j += 1
            continue
        if not line.strip(" \t"):
            return -1  # a blank line of spaces: left to markdown-it
        if not line.startswith(pad) or line[indent] != marker:
            break
        item = _SIMPLE_ITEM.fullmatch(line, indent)
        if item is None:
            return -1
        content = item.group(1)
        if content[0] in "-*_" and _RULE.fullmatch(content):
            return -1
        text, is_struck, _ = read_inline(_trim(content), links)
        texts.append(text)
        struck.append(is_struck)
        j += 1
    if j < n:
        # What follows must end the list the way it does at column 0: after a blank line,
        # anything but an item of this list or an indented line; right after an item, only
        # what cannot continue it lazily.
        line = lines[j]
        if line[0] == marker or line[0] in " \t":
            return -1
        ends = _BULLET.match(line) or _RULE.fullmatch(line) or _ENDS_LIST.match(line)
        if lines[j - 1] and not ends:
            return -1
    out.append(Block("list", items=tuple(texts), struck=tuple(struck)))
    return j


def _marker(item: re.Match[str]) -> str:
    """The character that must stay the same for items to belong to one list."""
    return item.group(2) if item.group(0)[0].isdigit() else item.group(1)


def _quote(
    lines: list[str],
    i: int,
    out: list[Block],
    links: bool,
    built: Built,
    depth: int,
) -> int:
    """A quote whose lines all start with ``>``, its content built like any other piece.

    As :mod:`errcat.extract.parse.markdown` reads it: the quote's paragraphs and headings make its
    text, and the lists and tables inside follow it as blocks of their own.
    """
    if depth >= _MAX_QUOTE_DEPTH:
        return -1  # markdown-it stops nesting at some depth; leave deep quotes to it
    content: list[str] = []
    j = i
    while j < len(lines) and lines[j][:1] == ">":
        line = lines[j][1:]
        if line[:1] == " ":
            line = line[1:]
        elif line[:1] == "\t":
            return -1  # a tab after ">" counts as spaces in ways not worth copying
        content.append(line)
        j += 1
    if j < len(lines) and lines[j].strip(" \t") and not _ends_block(lines[j]):
        return -1  # a lazy continuation line, or something markdown-it should judge
    if len(content) == 1 and _PLAIN_LINE.fullmatch(content[0]):
        # The usual quote, one line of text ("> -1000 UNKNOWN"): a paragraph, read directly.
        text, struck, _ = read_inline(_trim(content[0]), links)
        out.append(Block("quote", text=text, struck=(struck,)))
        return j
    inner = _blocks(content, links, built, depth + 1)
    if inner is None:
        return -1
    texts = [b for b in inner if b.kind in ("paragraph", "heading")]
    struck = bool(texts) and all(b.is_struck(0) for b in texts)
    out.append(Block("quote", text="\n".join(b.text for b in texts), struck=(struck,)))
    out.extend(b for b in inner if b.kind in ("list", "table"))
    return j


_MAX_QUOTE_DEPTH = 4


def _fence(lines: list[str], i: int, out: list[Block], fence: re.Match[str]) -> int:
    """A fenced code block at column 0, closed inside the piece."""
    if _backticks_in(fence):
        return -1
    marker = fence.group(1)
    for j in range(i + 1, len(lines)):
        line = lines[j]
        if marker not in line:
            continue  # content: a closing fence holds the opening one's marker (the usual line)
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) > 3 or not stripped.startswith(marker):
            continue  # content (a closing fence is indented at most 3 spaces, and as long)
        if not stripped.rstrip(" \t").strip(marker[0]):
            body = lines[i + 1 : j]
            out.append(Block("code", text="\n".join(body) + "\n" if body else ""))
            return j + 1
    return -1  # not closed in the piece
