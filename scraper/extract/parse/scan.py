"""The fast path: keep only the parts of a document that can matter, then build those.

A whole-API page (1.5 MB of markdown, 0.5 MB of HTML) holds its error codes in a few tables or
listings; parsing every parameter table and JSON example into a full tree is most of the cost of
:func:`errcat.extract`. For markdown, :func:`markdown_blocks` cuts the document into pieces at
places where a parser's state is known to be clean (top level, between blocks), decides with
cheap regexes which pieces could be read by a shape reader or steer the section state, and builds
the blocks of those only. (HTML: :mod:`errcat.extract.parse.lxml_html`, one lxml parse.)

It is a conservative superset, so that it stays exact while the readers evolve. Kept are:

* every heading (the section path, groups, surfaces, ``sections`` pins all come from them),
  unless nothing else of its section is kept and the next heading of its level or higher is
  certainly entered as a section: that one sets the whole state again;
* every *candidate*, a piece that a reader may claim:

  - a table, unless it has a parameter/field header (the table reader's own words), and, for
    one without a header word for codes (``| Limit | Weight |``), only where something since
    the last heading certainly entered may mention errors (the table reader needs that then);
  - a line starting with a code in a heading or quote (``### -1121 …``, ``> -1000``) or with
    markup that may hide one there (``<b>``, ``&#49;``), an HTML block or JSX component;
  - a heading or quote naming a code by an upper-case name (``### INVALID_PARAM``), only where
    something since the last heading entered may mention errors (else it is a title);
  - a list item or paragraph line starting with a code, also behind markup (``- `30` - …``),
    only where something since the last heading entered may say "error" (only the list and
    line readers take those, and only then); never a date or an ordered item whose text starts
    with a word; an upper-case name there only as a setext heading's title next to error words;
  - everything under a heading that may announce errors; a quoted status line
    (``> 200 Response``) only where some title may mention errors;

  a delimiter row under a header of another width starts no table, so it makes no candidate;
* around each candidate, its whole section: back to the last heading that certainly resets the
  section state (its text cannot start with a code once rendered: no number, upper-case code
  or markup hiding either at its start) and forward to the
  next heading, so title and lead-in lines before a table and the messages after a code heading
  come along. Code samples and parameter tables are skipped over (no reader and no title looks
  at them), except a code sample right before a candidate when a lead-in since the last reset
  may say "error": it clears the lead-in a list reader would otherwise see. Lines inside fenced
  code are not looked at.

Dropped are the pieces of sections without any candidate: prose, parameter tables, code samples.
The kept pieces' blocks are built by :mod:`errcat.extract.parse.plain` where the markdown is plain,
which on real pages is nearly all of it; the rest goes through markdown-it in runs of about
16 kB. A page under 32 kB (an error-code page, kept whole anyway) is built in one go without
the scan, when it is plain throughout and defines no links. Front matter is replaced by its
title first, exactly as the full parse does. ``tests/test_scan.py`` checks that the catalogs
equal the full parse's on every seed, corpus document and snapshot; :func:`reduce` shows what
is kept, as a document.

>>> doc = "# API\\n\\nSee the samples.\\n\\n```\\nGET /api\\n```\\n\\n"
>>> doc += "# Errors\\n\\n| code | msg |\\n|-|-|\\n| 1 | Bad |\\n"
>>> print(reduce(doc, "markdown"))  # "# API" keeps nothing: "# Errors" sets all it set
# Errors
<BLANKLINE>
| code | msg |
|-|-|
| 1 | Bad |
<BLANKLINE>
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from typing import NamedTuple

from errcat.extract.blocks import Block
from errcat.extract.parse.lxml_html import html_blocks, reduce_html
from errcat.extract.parse.markdown import PARSER, blocks_from_tokens, strip_front_matter
from errcat.extract.parse.plain import any_of, piece_blocks, table_width
from errcat.extract.read.section import title_line
from errcat.extract.read.tables import NOT_ERROR_WORDS, may_give_code_role
from markdown_it.common.html_blocks import block_names

__all__ = ["blocks", "markdown_blocks", "reduce", "reduce_html", "reduce_markdown"]

# --- markdown ---------------------------------------------------------------------------------
# Every line pattern below starts at a "\n" (see _at_line_starts): anchoring on a literal is what
# keeps these scans at regex-engine speed. Most then look ahead at the line's first character
# for one that any of their alternatives can start with: prose lines fail that one test instead
# of every alternative (a quarter of the time on a whole-API page).

# Lines that may open or close a block spanning blank lines: fences, and HTML blocks (CommonMark
# types 1-5 run to an end marker; 6-7, any other tag, to the next blank line). The prefix
# (indentation, quote and list markers) tells top-level lines from lines inside a container.
_BARRIER = re.compile(
    r"\n(?=[ \t>*+\-0-9`~<])(?P<prefix>[ \t]*+(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*+)*+)"
    r"(?:(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)"
    r"|<(?:(?P<h1>(?i:script|pre|style|textarea))(?=[\s>]|\Z)|(?P<h2>!--)|(?P<h3>\?)"
    r"|(?P<h4>![A-Za-z])|(?P<h5>!\[CDATA\[)|/?(?P<tag>[A-Za-z][A-Za-z0-9-]*+)))"
)
_BLOCK_TAGS = frozenset(block_names)
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
# What a line can be, for the reduction. Order matters: the first alternative that matches wins.
_LINE = re.compile(
    # any ATX heading (also inside containers) or setext underline
    r"\n(?P<heading>[ \t>]*+#{1,6}(?=[ \t\n])| {0,3}(?:=++|-++)[ \t]*+(?=\n))"
    # a line starting, after container/table/emphasis/link markup, with a number (not a lone one- or
    # two-digit number: "**Weight:**\n1" is no code to any reader)
    r"|\n(?P<number>[ \t>#*+|`\\_~\-\[(]*+(?!\d\d?[ \t*_`\])]*+(?:\n|\Z))\d)"
    # an HTML block, a link reference definition (global: keep it where it is)
    r"|\n(?P<html> {0,3}<|[ \t>]*+\[(?:[^\]\n\\]|\\.)++\]:)"
    # a code written as a word at a line or cell start: INVALID_PARAM_VALUE, AUTH_001
    r"|\n(?P<word>[ \t>*+|`\\\-\[(]*+[A-Z][A-Z0-9]*+(?:\\?_[A-Z0-9]++)+\b)"
)
# In markdown also: a line whose first text may be a code once its markup is rendered (a tag,
# an entity, an image or an empty link label before it; <!--> -1000 in a quote), and a quoted
# name in upper case, which a quote reader may take for a code (> **INVALID**_PARAM).
_QUOTED_NAME = re.compile(r"[ \t]*+>[ \t>*`\\\[(]*+[A-Z][A-Z0-9*`~\\]*+_")
_MD_LINE = re.compile(
    r"\n(?=[ \t>#*+|`\\_~\-\[(<&!=0-9A-Z])(?:"
    + _LINE.pattern[2:].replace("|\\n(?P<", "|(?P<")
    + r"|(?P<hidden>[ \t>#*+|`\\_~\-\[(]*+(?:[<&]|!\[|(?<=\[)\]\()|"
    + _QUOTED_NAME.pattern
    + "))"
)
_CANDIDATE_AFTER_HASHES = re.compile(
    r"[ \t>#*+|`\\_~\-\[(]*+\d|[ \t>#*`\\\[(]*+[A-Z][A-Z0-9]*+\\?_"
)
_ANY_NUMBER_START = re.compile(r"\n[ \t>#*+|`\\_~\-\[(]*+\d")
_HTML_HEADING = re.compile(r"(?i)<h[1-6][\s>/]")
# What a heading's title may start with that a reader takes, once markdown-it has rendered its
# inline markup: a code, also behind markup (an HTML tag, entity or image goes, and so does a
# link with an empty label: "[](#x)1000"), or an upper-case name, also with emphasis, code or
# escapes inside ("**INVALID**\\_PARAM"; decided by the section, see _claim_named).
_TITLE_START = re.compile(
    r"(?P<code>[ \t>#*+|`\\_~\-\[(]*+(?:\d|[<&!]|(?<=\[)\]\())"
    r"|(?P<named>[ \t>#*`\\\[(]*+[A-Z][A-Z0-9]*+\\?_|[ \t>#*`\\\[(]*+[A-Z][A-Z0-9*`~\\]*+_"
    # or a title that is one key of another style: base-symbol-error, order.qty.invalid, B1000-CW
    r"|[ \t*`]*+[A-Za-z][A-Za-z0-9]*+(?:[-.][A-Za-z0-9]++)++[ \t*`]*+(?=\n|\Z)"
    r"|[ \t*`]*+[A-Z][A-Za-z]*+\d[A-Za-z0-9-]*+[ \t*`]*+(?=\n|\Z))"
)
# An ATX heading at the start of a piece: level and title ("#foo" is none).
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+([^\n]*)|(?=\n)|\Z)")
# A piece that is one ATX heading line and nothing else.
_ATX_ONLY = re.compile(r" {0,3}(#{1,6})(?:[ \t][^\n]*+)?[ \t\n]*+")
# A title with a number or an upper-case word might be read as a code definition instead of
# being entered as a section; only other headings certainly reset the section state.
_ONE_KEY = re.compile(r"[\s*`]*[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+[\s*`]*$")
_CODE_LIKE_TITLE = re.compile(
    r"\d|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|^\W*[A-Z][A-Z0-9_]{3,}\W*$"
    r"|^[\s*`]*[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+[\s*`]*$"  # one kebab or dotted key
)
# In markdown source, markup can also hide a digit (&#49;, an entity; <b>, a tag) or split a name
# (INVALID\_PARAM, **INVALID**_PARAM): those titles do not certainly reset either.
_HIDING = re.compile(r"[\d<&]")
# The start of a title that renders to a lower-case letter or "#", or to an upper-case letter
# followed by a lower-case one, with or without the bracket of a link around the label: no
# markup can come first there, and no code or upper-case name starts so.
_PROSE_START = re.compile(r"\[?(?:[a-z#]|[A-Z][a-z])")
_CAPS_WORD = re.compile(r"\W*[A-Z][A-Z0-9_]{3,}\W*$")
_UPPER = re.compile(r"[A-Z]")
_RUN_OF_ONES = re.compile(b"\x01+")
_MARKUP = "*_~`\\<&"
# What a lead-in needs to say "error" to a list reader (lists._says_error), also when markup
# splits the word or an entity or tag hides a letter.
_HIDING_CHARS = "*_~`\\"  # emphasis, code and escape characters
# Markup inside a word, gone once rendered: those characters, and tags.
_HIDES = "(?:[" + re.escape(_HIDING_CHARS) + r"]|<[^<>\n]{0,200}>)*+"
_LETTER = r"(?:{}|&#?\w{{0,32}};?)"  # the letter, or an entity that may stand for it
_SAYS_ERROR = re.compile(
    "(?i)" + _HIDES.join(_LETTER.format(c) for c in "err") + "|" + _HIDES.join("错误")
)
_UNHIDDEN = str.maketrans("", "", _HIDING_CHARS)  # _HIDES without its tags
# A heading title that may announce error codes to the readers (detect.mentions_errors, once
# rendered): every match of ERROR_CONTEXT holds one of these words; an entity may be any letter.
_ANNOUNCES = re.compile(
    "(?i)"
    + "|".join(_HIDES.join(word) for word in ("err", "code", "reject", "错误"))
    + r"|(?<![^\W_])[rm]"
    + _HIDES
    + r"c(?![^\W_])|&"
)
# Table delimiter rows (at least one pipe).
_TABLE_DELIM = re.compile(r"\n(?=[ \t|:\-])[ \t]*+\|?[ \t]*+:?-++:?[ \t]*+\|[ \t|:\-]*+(?=\n|$)")
# Words in a heading that announce error codes (broader than any reader's).
_ERROR_WORDS = re.compile(r"(?i)err|code|label|status|fail|reject|exception|\brc\b|错|码")


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


def _barriers(text: str) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """Spans (document offsets) in which no cut may fall; the starts of those that are fenced
    code, and of those that are raw HTML running to an end marker (comments, ``<pre>``...).

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
            # Any other tag: an HTML block up to the next blank line, raw inside. A block-level
            # tag (type 6) always starts one; another tag (type 7) not after a paragraph line,
            # so a fence line in its block is undecidable here. So is one after an indented
            # tag, which may be a list item's content: a line less indented ends the item, and
            # with it the HTML block.
            blank = _BLANK_LINE.search(text, end_at)
            block_end = blank.start() if blank else len(text)
            follows = text[end_at : end_at + 2]
            block_level = m.group("tag").lower() in _BLOCK_TAGS and (
                not follows or follows[0] in " \t\n>" or follows == "/>"
            )
            if (indent or not block_level) and _FENCE_OR_RAW.search(text, end_at, block_end):
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
    return spans, fences, raw


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


def _header_word(cell: str) -> str:
    return cell.replace("\\_", "_").strip(" \t`*_").casefold()


def _names_fields(header: str) -> bool:
    """Whether a table header row names a parameter or field table (the table reader's words)."""
    if "\\|" in header:
        return False
    return bool({_header_word(c) for c in header.split("|")} & NOT_ERROR_WORDS)


def reduce_markdown(text: str) -> str:
    """The pieces of a markdown document that can matter to the readers, in document order.

    >>> reduce_markdown("# API\\n\\n```\\n# a comment\\n```\\n\\n## -1000 UNKNOWN\\n\\n* Oops.\\n")
    '# API\\n\\n## -1000 UNKNOWN\\n\\n* Oops.\\n'
    """
    kept = _kept_pieces(text)
    return "".join(_kept_texts(kept.text, kept.pieces))


def _kept_texts(text: str, pieces: list[tuple[int, int]]) -> Iterator[str]:
    """The kept pieces' text. A piece cut off before a heading gets the blank line it lacks
    when the next kept piece is not its neighbour, so that nothing runs on into what follows."""
    for k in range(len(pieces)):
        yield _piece_text(text, pieces, k)


def _piece_text(text: str, pieces: list[tuple[int, int]], k: int) -> str:
    """Piece ``k``'s text, as :func:`_kept_texts` gives it."""
    start, end = pieces[k]
    piece = text[start:end]
    if k + 1 < len(pieces) and pieces[k + 1][0] != end and not piece.endswith("\n\n"):
        piece += "\n" if piece.endswith("\n") else "\n\n"
    return piece


class _Kept(NamedTuple):
    text: str  # the document, line ends normalised
    pieces: list[tuple[int, int]]  # offsets of the pieces to keep
    links: bool  # "]:" outside fenced code: the document may define link references


def _kept_pieces(text: str) -> _Kept:
    """The document (front matter as the full parse reads it, line ends normalised) and the
    offsets of the pieces to keep."""
    text = _normalised(text)
    spans, fences, raw = _barriers(text)
    code = fences | raw  # spans whose lines are certainly not markdown
    reach = _reaches(spans)
    # Cuts: after blank lines, and before every ATX heading at column 0 (a heading closes every
    # container and ends every paragraph, table and list), outside fences and HTML blocks.
    starts = [0]
    starts.extend(_outside(_cuts(text, reach), reach))
    n = len(starts)
    ends = [*starts[1:], len(text)]
    # Code spans as (start, reach) pairs: a "# comment" or "]:" there is no markdown.
    code_lo = [s for s, _ in reach if s in code]
    code_hi = [e for s, e in reach if s in code]
    # Fenced code, from its opening line on: no line of it is visible to a reader.
    fence_lo = [s for s, _ in reach if s in fences]
    fence_hi = [e for s, e in reach if s in fences]
    # A piece that is one table with a parameter/field header is never an error listing,
    # whatever its rows look like; it only ends the messages of a definition above it.
    schema = bytearray(n)
    table = bytearray(n)
    other_table: list[int] = []
    # Pieces read only under an error title: a table without a code header, a heading or quote
    # that names a code by an upper-case name.
    named: list[int] = []
    named_openers: list[int] = []  # pieces opened by such a heading
    # Asked once per distinct header in the document: a whole-API page repeats a few hundred.
    names_fields = functools.cache(_names_fields)
    table_head = functools.cache(_table_head)
    # Never the first line: a header comes before.
    for m in _finditer_outside(_TABLE_DELIM, text, fence_lo, fence_hi):
        line_start = text.rfind("\n", 0, m.start()) + 1
        i = bisect_right(starts, line_start) - 1
        header = text[line_start : m.start()]
        if starts[i] == line_start:
            if names_fields(header) and table_head(header, m.group()[1:]):
                if _rows_alone(text, m.end(), ends[i]):
                    schema[i] = table[i] = 1
                # A parameter table followed by a list in its piece: the table reader rejects
                # it by its header, and the other lines decide about the piece.
                continue
            if _no_table(header, m.group()):
                continue  # a paragraph after all (Gate.io: a header one column short)
        table[i] = 1
        if may_give_code_role(header):
            other_table.append(i)  # any other table may list codes in any column
        else:
            # No header word makes a column of codes: the table lists codes only where the
            # section is announced as error codes ("| Limit | Weight |"), decided below.
            named.append(i)
    # No line of such a table is looked at below: whatever it holds, the piece is no candidate
    # (on Gate.io's page they are half the bytes).
    skip_lo, skip_hi = fence_lo, fence_hi
    if any(schema):
        spans_ = sorted(
            [*zip(fence_lo, fence_hi, strict=True)]
            # (to the "\n" that ends the piece: the next piece's first line is looked at)
            + [(starts[i], ends[i] - 1) for i in itertools.compress(range(n), schema)]
        )
        skip_lo = [lo for lo, _ in spans_]
        skip_hi = [hi for _, hi in spans_]
    heading = bytearray(n)
    candidate = bytearray(n)
    word = bytearray(n)  # a code written as a word: a candidate only with evidence, see below
    headed: list[int] = []
    worded: list[int] = []
    listed = bytearray(n)  # a line that starts with a number in a list item or paragraph
    numbered: list[int] = []
    seek = [0]
    for pos, end_at, m in _at_line_starts(_MD_LINE, text, seek, (skip_lo, skip_hi)):
        if pos < seek[0]:
            continue  # the first line, when the next piece starts right after it
        i = bisect_right(starts, pos) - 1
        group = m.lastgroup
        if group == "heading":
            if code_lo and _within(code_lo, code_hi, pos):
                continue  # a "# comment" in raw HTML
            heading[i] = 1
            headed.append(i)
            found = _TITLE_START.match(text, end_at)
            if found is None:
                continue  # prose
            if found.lastgroup == "named":
                named.append(i)  # "### INVALID_PARAM": decided below
                if pos == starts[i]:
                    named_openers.append(i)
                continue
        elif group == "word":
            if ">" in m.group("word"):
                named.append(i)  # "> INVALID_PARAM": decided below
            else:
                word[i] = 1
                worded.append(i)
            continue
        elif (
            group == "hidden"
            and m.group("hidden").lstrip(" \t").startswith(">")
            and (_QUOTED_NAME.match(m.group("hidden")))
        ):
            named.append(i)  # "> **INVALID**_PARAM": decided below
            continue
        elif group == "number" and (
            _DATE_START.match(text, m.end() - 1) or _ORDERED_PROSE.match(text, pos)
        ):
            continue  # no reader takes a line that starts so (see _DATE_START)
        elif group in ("number", "hidden") and not _NOT_LISTED.search(m.group(group)):
            # A list item or paragraph line (a code behind markup there too, "- <b>30</b> -
            # x"): decided below, once the headings are known.
            if not listed[i]:
                listed[i] = 1
                numbered.append(i)
            continue
        # Nothing later in the piece changes what is decided about it (a heading that sets its
        # level opens it, so it has been seen): on to the next piece.
        candidate[i] = 1
        seek[0] = ends[i]
    for m in _finditer_outside(_HTML_HEADING, text, fence_lo, fence_hi):
        i = bisect_right(starts, m.start()) - 1
        heading[i] = 1
        headed.append(i)
    for i in other_table:
        candidate[i] = 1
    tables = set(other_table)
    for i in itertools.compress(range(n), schema):
        if i not in tables:
            candidate[i] = word[i] = 0
    # Upper-case words (INVALID_PARAM_VALUE, but also enum values like DEP_CREDITED) count in a
    # table, or next to words that announce errors (in the piece or the line before it).
    for i in worded:
        if (
            word[i]
            and not candidate[i]
            and (heading[i] or _UNDERLINE.search(text, starts[i], ends[i]))
        ):
            # Only as the title of a setext heading (a symbolic definition) is such a line read
            # by anyone: no reader takes a name from a list item or a paragraph line.
            near = text[starts[i - 1] if i else 0 : ends[i]]
            if _ERROR_WORDS.search(near):
                candidate[i] = 1
    # A piece that is one fenced code block is invisible to the readers and the section state.
    code_only = bytearray(n)
    for start, end in spans:
        if start in fences:
            i = bisect_right(starts, start) - 1
            if starts[i] == start and not text[end : ends[i]].strip():
                code_only[i] = 1
    # Pieces that open with an ATX heading: its level, whether it certainly resets the section
    # state, whether it announces errors.
    level = [0] * n
    resets = bytearray(n)
    announces = bytearray(n)
    # Pieces that certainly open with an ATX heading (its level), and those that are nothing else.
    opens = [0] * n
    only = bytearray(n)
    titles: dict[str, tuple[bool, bool]] = {}  # (enters, announces), by title: pages repeat them
    for i in set(headed):
        # Only a piece that certainly opens with one: "#foo" is a paragraph (its piece is flagged
        # for another line).
        if m := _ATX.match(text, starts[i], ends[i]):
            title = m.group(2) or ""
            level[i] = opens[i] = len(m.group(1))
            if (known := titles.get(title)) is None:
                known = titles[title] = (_enters(title), _announces(title))
            resets[i], announces[i] = known
            only[i] = _ATX_ONLY.fullmatch(text, starts[i], ends[i]) is not None

    def says_error(i: int) -> bool:
        # Whether the piece may become a lead-in that says "error" (no code sample or parameter
        # table ever does).
        if code_only[i] or schema[i]:
            return False
        start, end = starts[i], ends[i]
        if _says_err(text, start, end) or text.find("错误", start, end) >= 0:
            return True
        piece = text[start:end]
        if not any_of(_MARKUP, piece):
            return False
        if piece.isascii() and "&" not in piece and "<" not in piece:
            # No entity or tag: the only markup that can split the word is a character of
            # _HIDES, so deleting those shows it (6x faster than the regex on such a piece).
            return "err" in piece.translate(_UNHIDDEN).lower()
        return _SAYS_ERROR.search(piece) is not None

    _claim_listed(text, starts, ends, numbered, candidate, heading, resets, says_error)
    _claim_named(text, starts, ends, sorted(set(named)), candidate, code_only, schema, resets)
    for i in named_openers:
        if not candidate[i] and level[i]:
            # Not a definition after all (it can only be one by its name, and nothing says
            # "error" there): the heading is entered like any other and sets the section afresh.
            resets[i] = 1
    _drop_unclaimable(
        text, starts, ends, candidate, code_only, schema, table, heading, opens, only, resets,
        announces,
    )  # fmt: skip
    keep = _widen_pieces(
        heading, candidate, level, resets, announces, code_only, schema, says_error
    )
    keep = _without_empty_sections(keep, n, opens, only, resets, candidate)
    links = any(
        not (code_lo and _within(code_lo, code_hi, m.start()))
        for m in _LINK_LABEL_END.finditer(text)
    )
    pieces = []
    for i in keep:
        end = ends[i]
        if schema[i]:
            # A parameter table is kept only to end the messages of a definition above it: the
            # table reader rejects it by its header, whatever the rows, so its header and
            # delimiter rows do the same job (a whole-API page has hundreds of such tables).
            delimiter = text.find("\n", text.find("\n", starts[i]) + 1)
            if 0 <= delimiter < end:
                end = delimiter + 1
        pieces.append((starts[i], end))
    return _Kept(text, pieces, links)


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


def _enters(title: str) -> bool:
    """Whether a heading with this (markdown) title is certainly entered as a section: no reader
    can take it for a code definition, so it sets the heading path, title and lead-in afresh.

    A definition's text starts with a sign, a digit or an upper-case name; a title whose
    rendered text certainly starts otherwise is entered, whatever follows (Gate.io's
    ``[#](#query-loans-2) Query loans`` renders as ``# Query loans``); one kebab-case or
    dotted word (``base-symbol-error``) may be a code, whatever its case."""
    if _ONE_KEY.match(title):
        return False
    if _PROSE_START.match(title):
        return True
    if _HIDING.search(title) or ("_" in title and _UPPER.search(title)):
        return False
    return _CAPS_WORD.match(title) is None


def _announces(title: str) -> bool:
    """Whether a heading title may announce error codes (see :data:`_ANNOUNCES`); a title with
    letters outside ASCII may say it in another language (``エラーコード``, ``Códigos de
    error``: :func:`errcat.extract.read.detect.says_error`), and is kept to be safe."""
    if not title.isascii():
        return True
    if any_of(_MARKUP, title):
        return _ANNOUNCES.search(title) is not None
    low = title.lower()  # what _ANNOUNCES matches without markup, found faster
    if "err" in low or "code" in low or "reject" in low or "错误" in low:
        return True
    return ("rc" in low or "mc" in low) and _ANNOUNCES.search(title) is not None


def _finditer_outside(
    pattern: re.Pattern[str], text: str, lo: list[int], hi: list[int]
) -> Iterator[re.Match]:
    """The matches of ``pattern`` between the sorted spans ``(lo[k], hi[k])``, each search
    stopping where a span starts (see :func:`_at_line_starts`)."""
    at = 0
    for start, end in zip(lo, hi, strict=True):
        if start > at:
            yield from pattern.finditer(text, at, start)
        at = max(at, end)
    yield from pattern.finditer(text, at)


def _within(lo: list[int], hi: list[int], pos: int) -> bool:
    """Whether ``pos`` falls strictly inside one of the spans ``(lo[k], hi[k])``."""
    k = bisect_left(lo, pos) - 1
    return k >= 0 and pos < hi[k]


def _widen_pieces(
    heading: bytearray,
    candidate: bytearray,
    level: list[int],
    resets: bytearray,
    announces: bytearray,
    code_only: bytearray,
    schema: bytearray,
    says_error: Callable[[int], bool] | None = None,
) -> list[int]:
    """The indices of the pieces to keep, in order: :func:`_widen`, by ranges of pieces.

    ``says_error(i)``: whether piece ``i`` may say "error" once rendered (``None``: any may)."""
    n = len(heading)
    one = int.from_bytes(b"\x01" * n, "little")

    def bits(flags: bytearray) -> int:
        return int.from_bytes(flags, "little")

    levelled = list(itertools.compress(range(n), level))
    # Everything under a heading that announces errors, subsections included, is a candidate.
    open_level = open_from = 0
    opened: list[tuple[int, int]] = []
    for i in levelled:
        if open_level and level[i] <= open_level:
            opened.append((open_from, i))
            open_level = 0
        if announces[i] and not open_level:
            open_level, open_from = level[i], i
    if open_level:
        opened.append((open_from, n))
    if opened:
        marked = bits(candidate)
        free = one & ~(bits(schema) | bits(code_only))
        for start, end in opened:
            marked |= free & ((1 << 8 * end) - (1 << 8 * start))
        candidate[:] = marked.to_bytes(n, "little")
    # Runs of candidates, each taken as a whole: within one, every back range and forward
    # range but the first's and the last's is empty.
    runs = [m.span() for m in _RUN_OF_ONES.finditer(candidate)]
    reset_at = list(itertools.compress(range(n), resets))
    tables = list(itertools.compress(range(n), schema))
    back = bytearray(n)  # from the last reset up to a candidate
    ahead = bytearray(n)  # from a candidate to the next heading
    samples = bytearray(n)  # code samples kept all the same
    last = 0
    # Whether a piece since the last reset says "error": pieces asked so far, from that reset.
    asked_from = asked_to = -1
    said = False
    for k, (i, after) in enumerate(runs):
        r = bisect_right(reset_at, i) - 1
        # A code sample right before a candidate (parameter tables aside, which the table
        # reader takes without a trace) clears the lead-in line a list reader looks at, which
        # matters when one since the last reset may say "error".
        j = i - 1
        while j >= 0 and schema[j]:
            j -= 1
        if j >= 0 and code_only[j]:
            if says_error is None:
                samples[j] = 1
            else:
                since = reset_at[r] if r >= 0 else 0
                if since != asked_from:
                    asked_from = asked_to = since
                    said = False
                while not said and asked_to < j:
                    said = says_error(asked_to)
                    asked_to += 1
                samples[j] = said
        # Back to the last reset: what set the title, the lead-in line, the heading path.
        # Code samples and parameter tables change none of that.
        start = max(last, reset_at[r]) if r >= 0 else last
        back[start:i] = b"\x01" * (i - start)
        # Forward to the next heading: a definition's messages, what follows a title line.
        # A table ends a definition's messages.
        i = after - 1
        end = runs[k + 1][0] if k + 1 < len(runs) else n
        lv = bisect_right(levelled, i)
        if lv < len(levelled) and levelled[lv] < end:
            end = levelled[lv]
        t = bisect_right(tables, i)
        if t < len(tables) and tables[t] + 1 < end:
            end = tables[t] + 1
        ahead[i + 1 : end] = b"\x01" * max(0, end - i - 1)
        last = i
    kept_code = bits(code_only)
    in_ahead = bits(ahead)
    keep = (in_ahead & ~kept_code) | (
        (in_ahead ^ one)
        & (bits(heading) | bits(candidate) | (bits(back) & ~(kept_code | bits(schema))))
    )
    keep |= bits(samples)
    return list(itertools.compress(range(n), (keep & one).to_bytes(n, "little")))


def _claim_named(
    text: str,
    starts: list[int],
    ends: list[int],
    named: list[int],
    candidate: bytearray,
    code_only: bytearray,
    schema: bytearray,
    resets: bytearray,
) -> None:
    """Make candidates of the ``named`` pieces (a heading or quote naming a code by an upper-case
    name, ``### INVALID_PARAM``; a table without a header word for codes) that a reader may
    claim.

    The definition reader takes such a name, and the table reader such a table, only where the
    section's title or innermost heading mentions errors (``Section.error_context``). Both are
    set by the last heading certainly entered or by something after it, so where nothing from
    that heading on may mention errors (code samples and parameter tables never do), the
    heading or quote is a title and the table a table of something else: ``#### PRICE_FILTER``
    under "Filters", ``| Limit | Weight |``.
    """

    def mentions(j: int) -> bool:
        if code_only[j] or schema[j]:
            return False
        return _announces(text[starts[j] : ends[j]])

    said = _since_reset(resets, mentions)
    for i in named:
        if not candidate[i] and said(i):
            candidate[i] = 1


def _since_reset(resets: bytearray, says: Callable[[int], bool]) -> Callable[[int], bool]:
    """``said(i)``: whether ``says`` holds for a piece from the last reset at or before ``i`` up
    to ``i``. Asked for pieces in document order, it asks ``says`` of each piece at most once
    (a page of a thousand numbered lines under one heading is walked once)."""
    reset_at = list(itertools.compress(range(len(resets)), resets))
    asked_from = asked_to = -1  # pieces asked so far, from the last reset on
    found = False

    def said(i: int) -> bool:
        nonlocal asked_from, asked_to, found
        r = bisect_right(reset_at, i) - 1
        since = reset_at[r] if r >= 0 else 0
        if since != asked_from:
            asked_from = asked_to = since
            found = False
        while not found and asked_to <= i:
            found = says(asked_to)
            asked_to += 1
        return found

    return said


def _says_err(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds "err" in any case, without copying or lower-casing it
    (every "err" holds an "rr" in one of four cases, and most pieces hold none).

    >>> _says_err("An ERROR", 0, 8), _says_err("current", 0, 7), _says_err("Err", 1, 3)
    (True, False, False)
    """
    for rr in ("rr", "RR", "rR", "Rr"):
        at = text.find(rr, start + 1, end)
        while at >= 0:
            if text[at - 1] in "eE":
                return True
            at = text.find(rr, at + 1, end)
    return False


def _claim_listed(
    text: str,
    starts: list[int],
    ends: list[int],
    numbered: list[int],
    candidate: bytearray,
    heading: bytearray,
    resets: bytearray,
    says_error: Callable[[int], bool],
) -> None:
    """Make candidates of the ``numbered`` pieces (a list item or paragraph line starting with a
    number, and nothing else that makes them candidates) that a reader may claim.

    Only the list and line readers take such a line, and only when the section's heading,
    title or lead-in says "error" (``lists._announced``, or a paragraph's own first line). All
    three are set by the last heading certainly entered or by something after it, so a piece
    that nothing from that heading on may say "error" in cannot be claimed: changelog dates,
    numbered steps, enum lists of a whole-API page. A setext underline in the piece would make
    its line a heading, which the heading reader takes whatever the section says.
    """
    said = _since_reset(resets, says_error)
    for i in numbered:
        if candidate[i]:
            continue
        if heading[i] or _UNDERLINE.search(text, starts[i], ends[i]) or said(i):
            candidate[i] = 1


# A number line's prefix that puts it in a quote or a heading. (A table row is read by the
# table reader, and every table the delimiter rows show is a candidate of its own; in a
# paragraph, a line starting with "|" is no code line.)
_NOT_LISTED = re.compile(r"[>#]")
# A number that is a date ("2024-01-02 - Added ..."): no code line starts so (the heading and
# quote readers reject a date, the list and line readers' items need a code and a separator).
_DATE_START = re.compile(r"\d{4}-\d\d-\d\d(?!\d)")
# An ordered list item (or paragraph line) whose text starts with a letter, markup aside
# ("1. `GET /spot/trades` supports ..."): its number is the marker, and no reader takes such an
# item or line (the list and line readers' items start with a code).
_ORDERED_PROSE = re.compile(r"[ \t]*\d{1,9}[.)][ \t]+[`*_~\[]*[A-Za-z]")
# A line that could underline a setext heading, at any depth of lists and quotes.
_UNDERLINE = re.compile(r"\n[ \t>]*+(?:=++|-++)[ \t]*+(?=\n|\Z)")


def _drop_unclaimable(
    text: str,
    starts: list[int],
    ends: list[int],
    candidate: bytearray,
    code_only: bytearray,
    schema: bytearray,
    table: bytearray,
    heading: bytearray,
    opens: list[int],
    only: bytearray,
    resets: bytearray,
    announces: bytearray,
) -> None:
    """Take back the candidacy of pieces no reader can claim: numbered prose (``1\\. Text``,
    see :data:`_NUMBERED_PROSE`), and lone status quotes (``> 200 Response``) outside errors.

    Such a quote names no code (the rest is not an upper-case name), so a quote reader takes it
    only inside an error section: when a title on the heading path or the current title
    mentions errors. Where neither can, it is a plain quote, and its section need not be kept
    for it. Headings on the path are ATX headings (the others must all be quiet, or nothing is
    decided here), and one that may announce errors makes its whole section candidates anyway
    (:func:`_widen_pieces`). The current title is what the last reset heading, or a later
    title line, set: going back from the quote, past pieces that cannot set a title (code
    samples, parameter tables, one-line quotes, lines title_line rejects), to the first title
    line, which must be quiet and must be the reader's title (no definition before it took it
    for a message), or to that heading.
    """
    lone = []
    for i in itertools.compress(range(len(starts)), candidate):
        first = text[starts[i]]
        if first == ">" and _LONE_STATUS.fullmatch(text, starts[i], ends[i]):
            lone.append(i)
        elif first.isdigit() and _NUMBERED_PROSE.fullmatch(text, starts[i], ends[i]):
            # One paragraph whose first line is "1. text" (an escaped list marker) without a
            # colon: the line reader needs a code line or a lead-in line first; no other
            # reader takes a paragraph without a component in it.
            candidate[i] = 0
    if not lone:
        return
    for i in itertools.compress(range(len(starts)), heading):
        if not opens[i] and _announces(text[starts[i] : ends[i]]):
            return  # a setext or HTML heading that may mention errors: its level is unknown
    reset_at = list(itertools.compress(range(len(starts)), resets))
    kinds: dict[int, str | tuple[str]] = {}
    lines: dict[str, str | tuple[str]] = {}  # the kind of a one-line paragraph, by its text

    def kind(j: int) -> str | tuple[str]:
        # "code", "table", "quote", "line" (a paragraph that sets no title), (title,) for a
        # paragraph that sets one, "text" for other paragraphs and lists, "" for anything else.
        if j not in kinds:
            found: str | tuple[str] = ""
            first = text[starts[j]]
            if code_only[j]:
                found = "code"
            elif schema[j]:
                found = "table"
            elif first == ">":
                if _PLAIN_QUOTE.fullmatch(text, starts[j], ends[j]) or _LONE_STATUS.fullmatch(
                    text, starts[j], ends[j]
                ):
                    found = "quote"
            elif first.isalpha() and (m := _PLAIN_LINE.fullmatch(text, starts[j], ends[j])):
                found = lines.get(m.group(1))
                if found is None:
                    # (A page repeats its lines: "To perform this operation, ..." hundreds of
                    # times on Gate.io's.)
                    line = title_line(m.group(1).strip())
                    found = lines[m.group(1)] = (
                        (line,) if line and not line.endswith(":") else "line"
                    )
            elif not table[j] and not _MAY_HEAD.search(text, starts[j], ends[j]):
                found = "text"  # paragraphs and lists: messages to a definition, never its head
            kinds[j] = found
        return kinds[j]

    # The last piece at or before each one that is not of the given kinds (-1: none), found
    # once for every piece: a page of a thousand status quotes walks back over each only once.
    quiet = ("code", "table", "quote", "line")
    consumable = ("code", "line", "text")
    last_loud: dict[int, int] = {}
    last_unconsumable: dict[int, int] = {}

    def last_other(j: int, kinds_: tuple[str, ...], memo: dict[int, int]) -> int:
        path = []
        while (
            j >= 0
            and j not in memo
            and (kind(j) in kinds_ or (kinds_ is consumable and isinstance(kind(j), tuple)))
        ):
            path.append(j)
            j -= 1
        found = memo.get(j, j)
        for p in path:
            memo[p] = found
        return found

    for c in lone:
        r = bisect_left(reset_at, c) - 1
        since = reset_at[r] if r >= 0 else -1  # the last heading certainly entered, if any
        if since >= 0 and (announces[since] or not only[since]):
            continue
        j = last_other(c - 1, quiet, last_loud)
        if j > since:
            title = kind(j)
            if not isinstance(title, tuple) or _announces(title[0]):
                continue
            # That paragraph sets the title unless a definition before it takes it for a
            # message (paragraphs and code samples in between): a table or the heading stops
            # any definition.
            k = last_other(j - 1, consumable, last_unconsumable)
            if k > since and kind(k) != "table":
                continue
        candidate[c] = 0


def _no_table(header: str, delimiter: str) -> bool:
    """Whether markdown-it's table rule certainly starts no table at ``header`` when it opens a
    piece (top level, nothing before it), followed by the delimiter row (with its "\\n")."""
    delimiter = delimiter[1:]
    if "\t" in header or "\t" in delimiter:
        return False  # indentation with tabs: left to the parser
    if header.startswith("    ") or delimiter.startswith("    "):
        return True  # indented code
    return not table_width(header, delimiter)


def _rows_alone(text: str, rows: int, end: int) -> bool:
    """Whether every line from ``rows`` (the end of a table's delimiter row) to ``end`` (its
    piece's end) goes on the table: none blank, indented as code, or starting another block,
    up to the blank lines that end the piece. The table is then its piece's only block."""
    while end > rows and text[end - 1].isspace():
        end -= 1  # the blank lines that end the piece
    if rows >= end or _UNPIPED_LINE.search(text, rows, end) is None:
        return True  # every row starts with a pipe, as no line that breaks a table does
    return _ROW_BREAK.search(text, rows, end) is None


_UNPIPED_LINE = re.compile(r"\n[^|]")


def _table_head(header: str, delimiter: str) -> bool:
    """Whether markdown-it's table rule starts a table at these two lines, for a header at the
    top level (:func:`.plain.table_width`; indentation by tabs is left alone)."""
    if header[:1] in (" ", "\t") or "\t" in delimiter or delimiter.startswith("    "):
        return False
    return table_width(header, delimiter) > 0


# A line that does not go on a table: blank, indented as code, or opening another block (a
# heading, quote, fence, HTML block, list item or thematic break).
_ROW_BREAK = re.compile(
    r"\n(?:[^\S\n]*(?:\n|\Z)| {4}|\t| {0,3}(?:[#>]|`{3}|~{3}|<|[-*+](?:[ \t]|\n|\Z)"
    r"|\d{1,9}[.)](?:[ \t]|\n|\Z)|(?:\*[ \t]*){3,}(?:\n|\Z)|(?:-[ \t]*){3,}(?:\n|\Z)"
    r"|(?:_[ \t]*){3,}(?:\n|\Z)))"
)
# A status line quoted alone: "> 200 Response" (the rest holds a lower-case letter, so it is no
# upper-case name).
_LONE_STATUS = re.compile(
    r"> ?[-+]?\d{1,10}[ \t]++(?=[A-Za-z0-9 \t]*?[a-z])[A-Za-z0-9 \t]*+[ \t\n]*+"
)
# A paragraph of lines like "1\\. Text", "\\- text" or plain text (no line that could open
# another block, no table pipe), whose first line has no colon (or entity that may be one).
_NUMBERED_PROSE = re.compile(
    r"\d{1,10}\\\.[ \t][^\n:&|]*+"
    r"(?:\n {0,3}(?:[A-Za-z(]|\d{1,10}\\\.|\\[!-/:-@\[-`{-~])[^\n|]*+)*+[ \t\n]*+"
)
# A line that may open something other than a paragraph or a list item (a heading, a quote,
# HTML, a fence, a setext underline), also inside list items: a piece without one and without a
# table (the delimiter rows tell) holds paragraphs and lists only.
_MAY_HEAD = re.compile(r"(?m)^[ \t]*+(?:(?:[-*+]|\d{1,9}[.)])[ \t]++)*+(?:[>#<`~]|[-=]++[ \t]*+$)")
# One quoted line of plain text, and one line of a plain paragraph: no inline markup, so the
# block's text is the line itself.
_PLAIN_QUOTE = re.compile(r"> ?[A-Za-z][^\n\\*_`\[\]<>&~|!]*+[ \t\n]*+")
_PLAIN_LINE = re.compile(r"([A-Za-z][^\n\\*_`\[\]<>&~|!]*+)\n[ \t\n]*+")


def _without_empty_sections(
    keep: list[int],
    n: int,
    opens: list[int],
    only: bytearray,
    resets: bytearray,
    candidate: bytearray,
) -> list[int]:
    """``keep`` without the heading pieces whose sections keep nothing else.

    Such a heading only sets the section state, and the next heading of the same or a higher
    level sets all of it again (path from that level down, title, lead-in), provided that one is
    certainly entered as a section, and every heading in between is deeper (so each is gone from
    the path by then). A heading that could be a code definition, a candidate, or a piece with
    more than its heading line in it stays.
    """
    out: list[int] = []
    above: list[
        tuple[int, int]
    ] = []  # (level, index): the headings after, each higher than the last
    after = n  # the next piece kept
    for i in reversed(keep):
        level = opens[i]
        if not level:
            out.append(i)
            after = i
            continue
        while above and above[-1][0] > level:
            above.pop()
        end = above[-1][1] if above else n
        if not (
            only[i]
            and resets[i]
            and not candidate[i]
            and after >= end
            and (end == n or resets[end])
        ):
            out.append(i)
            after = i
        above.append((level, i))
    out.reverse()
    return out


# How every link reference definition's label ends. Inside fenced code or raw HTML it is
# something else; anywhere else, markdown-it could resolve links across the document.
_LINK_LABEL_END = re.compile(r"\]:")


def _normalised(text: str) -> str:
    """The text the full parse gives markdown-it: the front matter replaced by its title as a
    heading (:func:`~errcat.extract.parse.markdown.strip_front_matter`, on the text as it is), then
    line ends normalised as markdown-it does."""
    text = strip_front_matter(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _widen(
    heading: list[bool],
    candidate: list[bool],
    level: list[int],
    resets: list[bool],
    announces: list[bool],
    code_only: list[bool],
    schema: list[bool],
) -> list[bool]:
    """Which pieces to keep, from the per-piece flags (see the module docstring)."""
    n = len(heading)
    # Everything under a heading that announces errors, subsections included, is a candidate.
    open_level = 0
    for i in range(n):
        if level[i]:
            if open_level and level[i] <= open_level:
                open_level = 0
            if announces[i] and not open_level:
                open_level = level[i]
        if open_level and not (schema[i] or code_only[i]):
            candidate[i] = True
    keep = [h or c for h, c in zip(heading, candidate, strict=True)]
    last_reset = 0
    i = 0
    while i < n:
        if resets[i]:
            last_reset = i
        if not candidate[i]:
            i += 1
            continue
        # Back to the last reset: what set the title, the lead-in line, the heading path.
        # Code samples and parameter tables change none of that.
        for j in range(last_reset, i):
            keep[j] = keep[j] or not (code_only[j] or schema[j])
        # Forward to the next heading: a definition's messages, what follows a title line.
        j = i + 1
        while j < n and not level[j] and not candidate[j]:
            keep[j] = not code_only[j]
            j += 1
            if schema[j - 1]:
                break  # a table ends a definition's messages
        last_reset = i
        i = j
    return keep


# --- blocks ---------------------------------------------------------------------------------


def markdown_blocks(text: str) -> list[Block]:
    """The blocks of the kept pieces: plain ones built by :mod:`.plain`, the rest by markdown-it.

    Neighbouring kept pieces are offered to the plain builder as one stretch (a block never
    runs from one piece into the next); a stretch it declines is taken piece by piece.
    Without link references (the one thing markdown-it carries across the whole document) the
    pieces markdown-it has to read are parsed in runs of at most about 16 kB, so that the token
    tree of a big page never exists at once. With them, every such piece goes into one run and
    the plain pieces stand in it as placeholder paragraphs, which keeps the order.
    """
    if len(text) <= _SMALL and "]:" not in text:
        # A page this small is an error page, kept whole: building it in one go costs less
        # than finding the pieces first. (Link definitions need the pieces; so does anything
        # not plain.)
        built = piece_blocks(_normalised(text))
        if built is not None:
            return built
    text, pieces, links = _kept_pieces(text)
    links = links and _may_define_links(text)
    out: list[Block] = []
    run: list[str] = []
    size = 0
    placed: dict[str, list[Block]] = {}
    numbers = itertools.count()
    html: dict[str, list[Block]] = {}  # HTML blocks read so far, by source

    def flush() -> None:
        nonlocal size
        if run:
            for block in _parse("".join(run)):
                if block.kind == "paragraph" and block.text in placed:
                    out.extend(placed.pop(block.text))
                else:
                    out.append(block)
        run.clear()
        size = 0

    def emit(built: list[Block]) -> None:
        if links:
            key = _PLACEHOLDER.format(next(numbers))
            placed[key] = built
            if run and not run[-1].endswith("\n\n"):
                # The piece before was cut off before a heading: without a blank line the
                # placeholder would continue its paragraph.
                run.append("\n" if run[-1].endswith("\n") else "\n\n")
            run.append(key + "\n\n")
        else:
            flush()
            out.extend(built)

    k = 0
    while k < len(pieces):
        last = k
        while last + 1 < len(pieces) and pieces[last + 1][0] == pieces[last][1]:
            last += 1
        built = piece_blocks(text[pieces[k][0] : pieces[last][1]], links=links, html=html)
        if built is not None:
            emit(built)
            k = last + 1
            continue
        for piece in (_piece_text(text, pieces, p) for p in range(k, last + 1)):
            built = piece_blocks(piece, links=links, html=html)
            if built is not None:
                emit(built)
                continue
            if size > _RUN and not links:
                flush()
            run.append(piece)
            size += len(piece)
        k = last + 1
    flush()
    return out


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


def _parse(source: str) -> list[Block]:
    """Blocks of a run that does not open the document (so no front matter in it)."""
    return blocks_from_tokens(PARSER.parse(source))


_RUN = 1 << 14
_SMALL = 1 << 15  # characters
_PLACEHOLDER = "\ue000errcat-piece-{}\ue001"


# --- dispatch ---------------------------------------------------------------------------------


def blocks(text: str, format: str) -> list[Block]:
    """What :func:`errcat.extract.to_blocks` gives the readers, from the parts that matter."""
    from errcat.extract.parse import to_blocks

    if format == "markdown":
        return markdown_blocks(text)
    if format == "html":
        return html_blocks(text)
    return to_blocks(reduce(text, format), format)


def reduce(text: str, format: str) -> str:
    """The smaller document of the same syntax (``format`` is ``"markdown"`` or ``"html"``)."""
    if format == "html":
        return reduce_html(text)
    if format == "markdown":
        return reduce_markdown(text)
    return text
