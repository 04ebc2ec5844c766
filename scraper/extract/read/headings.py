"""Binance-style listings: a heading per code, its messages as the bullets (or lines) below it.

::

    ## 11xx - Request issues
    ### -1121 BAD_SYMBOL
    * Invalid symbol.

The heading gives the code and the name; every list item and paragraph up to the next heading is
one message; the enclosing non-code heading is the group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from errcat.extract.blocks import Block
from errcat.extract.read.detect import (
    DATE,
    KEYED_TEXT,
    SEPARATOR,
    is_code_key,
    is_identifier,
    is_numeric_code,
    without_label,
)
from errcat.extract.read.fields import apply, block_fields, field_role
from errcat.extract.read.lists import opens_listing
from errcat.extract.read.section import Section, without_attributes
from errcat.model import Entry
from errcat.normalize import clean_text

# "-1121 BAD_SYMBOL", "-1121", "10001 Invalid parameter": a code, then a NAME or a message.
_CODE_HEADING = re.compile(rf"^(?P<code>[-+]?\d+)(?:\s*{SEPARATOR}\s*|\s+|$)(?P<rest>.*)$")
_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
# A name written as words ("Request Throttled", "Exceed_Maximum_Modify_Order_Limit").
_SHORT_TITLE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z][A-Za-z0-9_-]*){0,4}$")
# A bullet that explains or advises rather than quotes the API ("How to resolve: …"): the
# entry's description, not a message.
_EXPLAINS = re.compile(
    r"^(?:how to (?:resolve|fix|solve)|solutions?|resolution|suggestions?|causes?|reasons?"
    r"|description|explanation|meaning|fix(?:es)?|what to do|workaround)\s*[:：]",
    re.I,
)


def parse_code_line(text: str) -> tuple[str, str | None, str | None] | None:
    """``(code, name, message)`` of a line like ``-1121 BAD_SYMBOL``, or ``None``.

    >>> parse_code_line("-1121 BAD_SYMBOL")
    ('-1121', 'BAD_SYMBOL', None)
    >>> parse_code_line("10xx - General server or network issues") is None
    True
    """
    return _parse_clean_line(clean_text(text))


# An HTTP status badge ending a code heading: "50001 ORDER_REJECTED HTTP 400"
_HTTP_BADGE = re.compile(r"(?<=\S)\s+\(?HTTP\s*([1-5]\d\d)\)?$")
# An emoji or mark before a code heading's code (not a sign: "-1121" is the code)
_LEADING_MARKS = re.compile(r"^[^\w\s+-]+\s*")


# "1000–1999 General errors", "2000 to 2999": a range of codes titles what follows
_RANGE = re.compile(r"^([-+]?\d+)\s*(?:[-–—~]|to)\s*([-+]?\d+)\b")


def _is_range(line: str) -> bool:
    """Whether a line opens with a range of codes: two numbers of as many digits, rising.

    >>> _is_range("1000–1999 General errors"), _is_range("40001 - 400 Bad Request")
    (True, False)
    """
    match = _RANGE.match(line)
    if match is None:
        return False
    low, high = match.groups()
    return len(low.lstrip("+-")) == len(high.lstrip("+-")) and int(high) > int(low)


def _parse_clean_line(line: str) -> tuple[str, str | None, str | None] | None:
    match = _CODE_HEADING.match(line)
    if not match or DATE.match(line) or _is_range(line):
        return None  # "2022-09-16" is a changelog date, not code 2022
    code, rest = match.group("code"), match.group("rest").strip()
    if not rest:
        return (code, None, None) if len(code.lstrip("+-")) >= 3 else None
    if _NAME.match(rest) and ("_" in rest or len(rest) >= 4):
        return code, rest, None  # "200 OK" is a status line, not the name OK
    if len(code.lstrip("+-")) < 3:
        return None  # "2 Steps to sign" is prose, not a code
    return code, None, rest


# E1001, AB1234, CU-4001, MD-01, 0x3001: capitals before digits (three or more, or two after a
# hyphen), or a hex number; not a token's or a level's name (ERC20, SHA256, V10, Tier-1)
_LETTERED = re.compile(r"^(?:[A-Z]{1,2}\d{3,}|[A-Z]{1,5}-\d{2,}(?:-[A-Z0-9]+)*|0x[0-9a-fA-F]+)$")


def _keyed_line(line: str) -> tuple[str, str | None, str | None] | None:
    """``(code, name, message)`` of a line that opens with a code other than a number, with a
    hyphen or underscore in it, or a letter or two before its digits (not a word or a token's
    name: ``V2 API``, ``ERC20 tokens``, ``POST /order``), or ``None``.

    >>> _keyed_line("CU-4001 Vault not found"), _keyed_line("E1001: SIGNATURE_INVALID")
    (('CU-4001', None, 'Vault not found'), ('E1001', 'SIGNATURE_INVALID', None))
    >>> _keyed_line("V2 API"), _keyed_line("ERC20 tokens"), _keyed_line("1001 Bad")
    (None, None, None)
    """
    match = KEYED_TEXT.match(line)  # "CU-4001 Vault not found", "E1001: SIGNATURE_INVALID"
    if match is None:
        return None
    code, rest = match.group("key"), match.group("text").strip()
    if not is_code_key(code) or is_numeric_code(code) or code[0] in "+-":
        return None
    if not ("_" in code or _LETTERED.match(code)) or rest[:1].islower():
        return None  # (a message or name opens with no small letter: "H100 clusters" is a title)
    if _NAME.match(rest) and "_" in rest:
        return code, rest, None
    return code, None, rest


_FIRST_WORD_DIGIT = re.compile(r"[^\s\d]*\d")


def _plainly_prose(text: str) -> bool:
    """Whether a heading or quote cannot define a code, decided without cleaning it.

    Cleaning plain ASCII without backslashes only collapses whitespace, so its first character
    and its underscores are already known: a code line starts with a sign or digit, a symbolic
    code (``INVALID_PARAM_VALUE``) has an underscore. Most headings of a whole API document are
    neither ("Create order"), and skip the work.

    >>> _plainly_prose("  Create order"), _plainly_prose("-1121 BAD_SYMBOL"), _plainly_prose("AB_C")
    (True, False, False)
    """
    if not text.isascii() or "\\" in text or "_" in text:
        return False
    stripped = text.strip()
    if " " not in stripped and ("-" in stripped or "." in stripped):
        return False  # one word with a hyphen or dot may be a code ("base-symbol-error")
    first = stripped[:1]
    if not first or first in "+-0123456789" or without_label(stripped) != stripped:
        return False
    # "CU-4001 Vault not found", "E1001 Signature invalid": a first word with digits
    return _FIRST_WORD_DIGIT.match(stripped) is None


def read_definition(
    blocks: Sequence[Block], start: int, section: Section, kind: str = "heading"
) -> tuple[Entry, int] | None:
    """The entry defined by ``blocks[start]`` (a heading, quote line or ``<dt>``) and its body.

    A definition without a symbolic name (``## -1000``) counts only inside a section announced
    as error codes, so numbered headings elsewhere in a whole API document stay out.
    """
    head = blocks[start]
    if head.kind != kind or "\n" in head.text.strip() or _plainly_prose(head.text):
        return None
    # ("### -1121 BAD_SYMBOL {#bad-symbol}", Sphinx's "1001 — KEY_NOT_FOUND¶")
    line = without_attributes(clean_text(head.text)).rstrip("¶🔗 ")
    if line[:1] and not (line[0].isalnum() or line[0] in "+-"):
        line = _LEADING_MARKS.sub("", line)  # "🔴 30001 ORDER_REJECTED", "⚠ -1121 BAD_SYMBOL"
    status = None
    if badge := _HTTP_BADGE.search(line):  # "50001 ORDER_REJECTED HTTP 400": a badge's status
        status, line = int(badge.group(1)), line[: badge.start()].rstrip()
    parsed = _parse_clean_line(without_label(line))  # ("#### Error 20003: Price band")
    symbolic = False
    if parsed is None and (section.error_context or section.within_errors):
        parsed = _keyed_line(line)  # "### CU-4001 Vault not found", under an error heading
    if parsed is None:
        # "### INVALID_PARAM_VALUE": a string code, trusted only right under an error heading.
        keyed = ("_" in line and is_identifier(line)) or (
            not is_identifier(line) and is_code_key(line)
        )  # "### base-symbol-error", "### B1000-CW", "<dt>order.qty.invalid</dt>"
        if not (keyed and (section.error_context or section.within_errors)):
            return None  # (also under a category heading below one that names the listing)
        if start + 1 < len(blocks) and opens_listing(blocks[start + 1]):
            return None  # "## SYSTEM_ERROR" over a list of codes: a category's title
        parsed, symbolic = (line, None, None), True
    code, name, first = parsed
    if name is None and not section.within_errors:
        return None
    messages: list[str] = []
    labelled: list[tuple[str, str]] = []  # "HTTP status: 400", "Name: …" (see .fields)
    struck = head.is_struck(0)
    end = start + 1
    while end < len(blocks):
        block = blocks[end]
        found = block_fields(block) if block.kind in ("list", "paragraph") else None
        if found is not None and all(role != "code" for role, _ in found):
            labelled.extend(found)
        elif (told := _term_field(blocks, end)) is not None:
            labelled.extend(told)  # a field list: "<dt>HTTP status:</dt><dd>401</dd>"
            end += 2
            continue
        elif block.kind == "list":
            messages.extend(clean_text(item) for item in block.items)
        elif block.kind == "paragraph" and not block.strong:
            messages.append(clean_text(block.text))
            struck = struck or block.is_struck(0)
        elif block.kind != "code":
            break
        end += 1
    if symbolic and not messages and not labelled:
        return None  # a bare upper-case heading with nothing under it is a title
    explained = [m for m in messages if _EXPLAINS.match(m)]
    if explained:
        messages = [m for m in messages if not _EXPLAINS.match(m)]
    if first and messages and _SHORT_TITLE.match(first):
        name = first  # "-1008 Request Throttled" over its bullets: a name, not a message
    elif first:
        messages.insert(0, first)
    entry = Entry(
        code=code,
        surface=section.surface,
        group=section.group,
        name=name,
        http_status=status,
        messages=tuple(m for m in messages if m),
        deprecated=struck,
        description=" ".join(explained) or None,
    )
    return (apply(entry, labelled) if labelled else entry), end


def _term_field(blocks: Sequence[Block], at: int) -> list[tuple[str, str]] | None:
    """The fields of a term that is a field's label (``HTTP status:``, ``Messages:``) and the
    paragraph or list after it, its value (Sphinx's field lists), or ``None``."""
    term = blocks[at]
    if term.kind != "term" or at + 1 >= len(blocks):
        return None
    label = clean_text(term.text)
    if not label.endswith((":", "：")):
        return None
    role = field_role(label.rstrip(":： "))
    value = blocks[at + 1]
    if role is None or role == "code" or value.kind not in ("paragraph", "list"):
        return None
    values = value.items if value.kind == "list" else (value.text,)
    return [(role, text) for v in values if (text := clean_text(v))]


def read_heading(blocks: Sequence[Block], start: int, section: Section) -> tuple[Entry, int] | None:
    """The entry whose heading is ``blocks[start]`` and the index after its body, or ``None``."""
    return read_definition(blocks, start, section, "heading")
