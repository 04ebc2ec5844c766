"""Per-endpoint error lists: codes as list items, or as objects in a documentation component.

WhiteBIT has no central table; every endpoint ends with its own list::

    ### Create limit order
    Error codes:

    - `30` - default validation error code
    - `31` - market validation failed

and newer pages pass the list to a JSX component instead
(``<ErrorCodeSelector errorCodes={[{ code: 1, message: "…", description: "…" }, …]} />``).
The endpoint heading is the group (not a title line below it: endpoints open with a sentence
such as "This endpoint creates stop-limit trading order"), so the same code under two endpoints
is two entries.

A list of ``number - text`` items is also how documents write enums (``1 - Completed``), so a
list counts only when the line before it or the section title says *error*.

>>> from errcat.extract.parse.markdown import blocks_from_markdown
>>> from errcat.extract.read.section import Section, title_line
>>> blocks = blocks_from_markdown("Error codes:\\n\\n- `30` - default validation error code")
>>> section = Section()
>>> section.observe(blocks[0])
>>> [(e.code, e.messages) for e in read_list(blocks, 1, section)[0]]
[('30', ('default validation error code',))]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import Any

from errcat.bodies import CODE_KEYS, MESSAGE_KEYS, scalar_code
from errcat.bodies import key as body_key
from errcat.bodies import text as body_text
from errcat.extract.blocks import Block
from errcat.extract.read.detect import (
    KEY_SEPARATORS,
    KEYED_TEXT,
    SEPARATOR,
    is_code,
    is_code_key,
    is_numeric_code,
    says_error,
    without_label,
)
from errcat.extract.read.section import Section, title_line
from errcat.model import Entry
from errcat.normalize import clean_text

_ERRORISH = re.compile(r"\berr(?:or)?s?\b|errno|错误", re.I)
# "`30` - default validation error code", "30: text", "[30](#x) – text".
# A digit right after the separator ("2024-01-02 - Added …") makes it a date, not a code.
_ITEM = re.compile(r"^`?([-+]?\d{1,10})(?![-/.]\d)`?\s*[-–—:]\s*(\S.*)$", re.S)
_MOSTLY = 0.8
_LEAD_END = 300  # characters
# One object of a component's error list: { code: 7, message: "…", description: "…" }.
_OBJECT = re.compile(r"\{\s*\"?code\"?\s*:\s*(-?\d{1,10})\s*,([^{}]*)\}")
_FIELD = {key: re.compile(rf"\"?{key}\"?\s*:\s*\"([^\"]*)\"") for key in ("message", "description")}
_COMPONENT = re.compile(r"^\s*<([A-Z][A-Za-z0-9]*)")


def _says_error(text: str | None) -> bool:
    """Whether a lead-in or title says *error*; the lead-in is often a long paragraph, and every
    match of the regex holds "err" (in any case) or "错误", which is cheaper to look for."""
    if not text:
        return False
    if ("err" in text.lower() or "错误" in text) and _ERRORISH.search(text) is not None:
        return True
    # other languages, and upper-case names ("SYSTEM_ERROR"), by the shipped words; of a long
    # lead-in, its end introduces what follows (and the words' search costs by the character)
    if text.isascii() and "_" not in text:
        return False
    return says_error(text[-_LEAD_END:])


def _announced(section: Section) -> bool:
    """Whether the lead-in, the title or the heading says *error*. Asked of every list, quote
    and paragraph of a section, while the title and heading stay the same and the lead-in is
    often long: each text is asked once per document."""
    said = section.remembered("lists: says error")
    for text in (section.lead, section.title, section.heading):
        if text:
            found = said.get(text)
            if found is None:
                found = said[text] = _says_error(text)
            if found:
                return True
    return False


def _clean_lines(text: str) -> Iterator[str]:
    """The non-empty lines of a paragraph, cleaned one by one as the reader asks for them."""
    for line in text.splitlines():
        if cleaned := clean_text(line):
            yield cleaned


def read_list(
    blocks: Sequence[Block], start: int, section: Section
) -> tuple[list[Entry], int] | None:
    """Entries of a ``code - message`` list announced as errors, or ``None``."""
    block = blocks[start]
    if block.kind != "list" or not block.items:
        return None
    announced = _announced(section)
    if not announced and not section.within_errors:
        return None
    items = [clean_text(item) for item in block.items]
    pairs = [_pair(item) for item in items]
    if pairs[0] is None and pairs[-1] is not None:
        # Titles over runs of codes (a nested list by group, or one written flat): an outline
        # whose titles hold the items after them.
        outline = _outline(items, tuple(0 if pair is None else 1 for pair in pairs))
        if outline is not None:
            read = _outline_entries(block, outline, section, announced)
            return (read, start + 1) if read else None
    if sum(p is not None for p in pairs) < _MOSTLY * len(items):
        nested = _nested_pairs(items)
        if nested is None:
            outline = _outline(items, block.depths) if block.depths else None
            read = _outline_entries(block, outline, section, announced) if outline else None
            return (read, start + 1) if read else None
        # "- `10001`" with its text as a nested item: the flattened items alternate
        entries = [
            Entry(code, section.surface, section.heading or section.group, messages=(text,))
            for code, text in nested
        ]
        return (entries, start + 1) if announced or _keyed_run(nested) else None
    if not announced and not _keyed_run(pairs):
        return None  # under a category heading ("## Account") only a run of clear codes
    if len(items) < 2 and not _ITEM.match(items[0]):
        return None  # one item of another style is a title ("- base-error"), not a run
    codes = [p[0] for p in pairs if p is not None]
    if 2 * len(set(codes)) <= len(codes) and not all(_ITEM.match(item) for item in items):
        # the same word opening every item is no list of codes (one code on two items, with
        # two messages, is: "-30005 · Order quantity is too small", "… too large")
        return None
    entries = []
    for index, pair in enumerate(pairs):
        if pair is None:
            continue
        text, told = _explained(block.items[index], pair[1])
        name, message = _named(text)
        entries.append(
            Entry(
                code=pair[0],
                surface=section.surface,
                group=section.heading or section.group,
                name=name,
                messages=(message,),
                deprecated=block.is_struck(index),
                description=told,
            )
        )
    return entries, start + 1


def _explained(item: str, text: str) -> tuple[str, str | None]:
    r"""An item's text and the explanation below its first line: the lines after it when they
    open a sentence of their own ("- **W106 – Your account has been frozen**<br>For your
    security, …"); a line wrapped inside the message ("please check\n your key") stays in it.

    >>> _explained("1001: Frozen\nFor your security, wait.", "Frozen For your security, wait.")
    ('Frozen', 'For your security, wait.')
    >>> _explained("1001: Bad key, please check\nyour secret", "Bad key, please check your secret")
    ('Bad key, please check your secret', None)
    """
    if "\n" not in item:
        return text, None
    first, rest = item.split("\n", 1)
    rest = clean_text(rest)
    pair = _pair(clean_text(first))
    if pair is None or not rest[:1].isupper() or not text.endswith(rest):
        return text, None
    return pair[1], rest


# "INVALID_TIMESTAMP — Timestamp for this request is outside of the recvWindow.": an item's
# text that opens with the code's name
_NAME_FIRST = re.compile(
    rf"^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{{4,}})\s*{SEPARATOR}\s+(\S.*)$", re.S
)


def _named(text: str) -> tuple[str | None, str]:
    """An item's text as its code's name and message (``(None, text)`` without a name).

    >>> _named("INVALID_TIMESTAMP — Timestamp is outside the window."), _named("Bad - worse")
    (('INVALID_TIMESTAMP', 'Timestamp is outside the window.'), (None, 'Bad - worse'))
    """
    found = _NAME_FIRST.match(text) if text[:1].isupper() else None
    return (found.group(1), found.group(2)) if found else (None, text)


# What parts a key from its text in an item: a title has none of these.
_SPLITS = re.compile(r"[:：]|\s[-–—]\s")
_WORD = re.compile(r"[^\W\d_]{2}")
# A separator on a paragraph's first line (see read_paragraphs)
_SEPARATED = re.compile(rf"^[^\n]*?{SEPARATOR}")


def _item_title(item: str) -> str | None:
    """The title a list item gives the items after or below it, or ``None``: a short line
    with a word in it, not a sentence, not a version or date (``v2.1.0``), and not an item
    of the list's own shape whose key is no code (``NEW: accepted``, over ``FILLED: all of it
    traded``).

    >>> _item_title("Account errors"), _item_title("v2.1.0"), _item_title("NEW: accepted")
    ('Account errors', None, None)
    """
    line = title_line(item) if "\n" not in item else None
    if line is None:
        return None
    return None if _SPLITS.search(line) or not _WORD.search(line) else line


# One entry of an outline: the titles above it (outermost first), its code, its texts, and the
# index of its item (for what the list strikes through).
Outlined = tuple[tuple[str, ...], str, tuple[str, ...], int]


def _outline(items: list[str], depths: tuple[int, ...]) -> list[Outlined] | None:
    """A nested list read as an outline: titles over codes over their texts (see
    :data:`Outlined`), or ``None`` where an item is neither::

        - Account                          a title: its items are under it
          - `41002`                        a code: the items below it are its texts
            - Account is disabled
          - 41003 - Account is frozen      a code and its text (items below it: more text)

    >>> items = ["Account", "41002", "Disabled", "Locked", "41003 - Frozen"]
    >>> [entry[:3] for entry in _outline(items, (0, 1, 2, 2, 1))]
    [(('Account',), '41002', ('Disabled', 'Locked')), (('Account',), '41003', ('Frozen',))]
    >>> _outline(["Account", "A sentence.", "41003 - Frozen"], (0, 1, 1)) is None
    True

    A list written flat is read at the depths its items would have: a title over the code
    items after it (``NEW: accepted`` titles nothing: an item of the list's own shape).

    >>> items = ["Account", "41001 - No such account", "Orders", "42001 - Bad"]
    >>> [entry[:2] for entry in _outline(items, (0, 1, 0, 1))]
    [(('Account',), '41001'), (('Orders',), '42001')]
    >>> _outline(["NEW: accepted", "FILLED: all of it traded", "EXPIRED: too late"], (0, 1, 1))
    """
    found: list[Outlined] = []
    titles: list[tuple[int, str]] = []  # the open titles, outermost first, with their depths
    i, n = 0, len(items)
    while i < n:
        depth, text = depths[i], items[i]
        end = i + 1
        while end < n and depths[end] > depth:
            end += 1  # the item's own items
        while titles and titles[-1][0] >= depth:
            titles.pop()
        path = tuple(title for _, title in titles)
        below = items[i + 1 : end]
        pair = _pair(text)
        if pair is not None or (below and _bare_code(text)):
            texts = ([pair[1]] if pair else []) + below
            if not texts or any(_pair(t) is not None or is_code_key(t) for t in below):
                return None  # a code over codes: no outline of these
            found.append((path, pair[0] if pair else text, tuple(texts), i))
            i = end
            continue
        line = _item_title(text)
        if line is None or end == i + 1:
            return None  # prose, or a title over nothing
        titles.append((depth, line))
        i += 1
    keys = [(path, code) for path, code, _, _ in found]
    return found if len(found) >= 2 and len(set(keys)) == len(keys) else None


def _bare_code(text: str) -> bool:
    """Whether an item alone is a code: a number or a name, or a key with digits (not an
    endpoint's or an event's name: ``get-ticker``, ``order.created``)."""
    return is_code(text) or (is_code_key(text) and any(ch.isdigit() for ch in text))


def _outline_entries(
    block: Block, outline: list[Outlined], section: Section, announced: bool
) -> list[Entry] | None:
    """The entries of an outline, each in the innermost title above it as its group; a title
    anywhere above it may name the surface (``- WebSocket API`` / ``- Orders`` / ``- 1001 …``).
    The titles are the list's own: what follows it is under the section's title again."""
    if not announced and not _keyed_run([(code, texts[0]) for _, code, texts, _ in outline]):
        return None
    before = section.title
    here = section.surface, section.heading or section.group
    entries = []
    for path, code, texts, index in outline:
        surface, group = here
        for title in path:
            section.set_title(title)
            surface = "websocket" if section.surface == "websocket" else surface
            group = section.group
        section.title = before
        struck = block.is_struck(index)
        entries.append(Entry(code, surface, group, messages=texts, deprecated=struck))
    return entries


def _nested_pairs(items: list[str]) -> list[tuple[str, str]] | None:
    """Items that alternate a bare code and its text (a nested list, flattened), or ``None``.

    >>> _nested_pairs(["10001", "Invalid parameter", "10002", "Missing key"])
    [('10001', 'Invalid parameter'), ('10002', 'Missing key')]
    """
    if len(items) < 4 or len(items) % 2:
        return None
    pairs = list(zip(items[::2], items[1::2], strict=True))
    if all(
        is_code_key(k) and not is_code_key(t) and (" " in t or not t.isascii()) for k, t in pairs
    ):
        codes = [k for k, _ in pairs]
        return pairs if len(set(codes)) == len(codes) else None
    return None


def read_preformatted(
    blocks: Sequence[Block], start: int, section: Section
) -> tuple[list[Entry], int] | None:
    """Entries of a code block whose every line pairs a code with its text, or ``None``::

        ## Error codes

        ```
        10001  Invalid parameter
        10002  Missing API key
        ```

    Example payloads (JSON, requests) fail the line test; like a list, the block counts where
    the section says *error*, or as a run of clear codes below a heading that does.
    """
    block = blocks[start]
    if block.kind != "code" or not block.text or block.text.isspace():  # (no copy of a sample)
        return None
    announced = _announced(section)
    if not announced and not section.within_errors:
        return None
    if block.text.lstrip()[:1] in ("{", "["):
        found = json_listing(block.text)  # a listing as JSON; an error body is an example
        if found is None:
            return None
    else:
        lines = [line.strip() for line in block.text.splitlines() if line.strip()]
        if len(lines) < 2 or any(line[0] in "{[<" for line in lines):
            return None
        pairs = [_pair(line) for line in lines]
        if any(p is None for p in pairs):
            return None
        found = [p for p in pairs if p is not None]
    codes = [code for code, _ in found]
    if len(set(codes)) < len(codes) or not (announced or _keyed_run(found)):
        return None
    group = section.heading or section.group
    return [
        Entry(code, section.surface, group, messages=(text,)) for code, text in found
    ], start + 1


# Distinct code/message pairs a JSON listing needs: one or two are an example response.
_JSON_LISTING = 3
_JSON_VALUES = 100_000  # values looked at in one code block, at most


def json_listing(text: str) -> list[tuple[str, str]] | None:
    """The code/message pairs of a code block that lists errors as JSON, or ``None``: the
    longest array of error objects in it (each with a code key and a message key, as bodies
    carry them) or object mapping codes to messages, of three at least. An error response
    (one code) is an example, not a listing.

    >>> json_listing('{"data": [{"code": 1, "msg": "A"}, {"code": 2, "msg": "B"}, '
    ...     '{"code": 3, "msg": "C"}]}')
    [('1', 'A'), ('2', 'B'), ('3', 'C')]
    >>> json_listing('{"80001": "Parameter error", "80002": "Bad key", "80003": "Busy"}')[0]
    ('80001', 'Parameter error')
    >>> json_listing('{"code": 80002, "msg": "Signature expired", "data": null}') is None
    True
    """
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    best: list[tuple[str, str]] | None = None
    stack, looked = [data], 0
    while stack and looked < _JSON_VALUES:
        value = stack.pop()
        looked += 1
        pairs: list[tuple[str, str]] | None = None
        if isinstance(value, list):
            if len(value) >= _JSON_LISTING and all(isinstance(o, dict) for o in value):
                found = [_error_object(o) for o in value]
                pairs = [p for p in found if p is not None] if None not in found else None
            stack.extend(v for v in value if isinstance(v, dict | list))
        elif isinstance(value, dict):
            if len(value) >= _JSON_LISTING and all(
                is_code_key(k) and isinstance(v, str) and v.strip() for k, v in value.items()
            ):
                pairs = [(k, v.strip()) for k, v in value.items()]
            stack.extend(v for v in value.values() if isinstance(v, dict | list))
        if pairs and (best is None or len(pairs) > len(best)):
            best = pairs
    return best


def _error_object(obj: dict[str, Any]) -> tuple[str, str] | None:
    keys = {body_key(k): v for k, v in obj.items()}
    if any(len(k) > 2 and k.endswith("id") for k in keys):
        return None  # a batch response's result of one order (ordId, clOrdId): a sample
    code = next((c for k in CODE_KEYS if (c := scalar_code(keys.get(k))) is not None), None)
    message = next((m for k in MESSAGE_KEYS if (m := body_text(keys.get(k))) is not None), None)
    return (code, message) if code is not None and message is not None else None


def _keyed_run(pairs: Sequence[tuple[str, str] | None]) -> bool:
    """Whether every item of a run pairs a clear code with its text: a number of three digits
    or more, or a code of another style (not a count or an enum value such as ``1 - NEW``).
    Such a run counts under a category heading ("## Account") when a heading above it names
    the listing ("# Error codes")."""
    return len(pairs) >= 2 and all(p is not None and _clear_code(p[0]) for p in pairs)


def _pair(item: str, spaced: bool = True) -> tuple[str, str] | None:
    """``(code, text)`` of one list item or line, or ``None``; ``spaced``: also where only a
    space parts them (``400 Bad Request``; in a paragraph, "1200 requests per minute" is prose).

    >>> _pair("30 - default validation error code"), _pair("0101: Unknown error")
    (('30', 'default validation error code'), ('0101', 'Unknown error'))
    >>> _pair("400 Bad Request – Invalid request format"), _pair("2 Steps to sign")
    (('400', 'Bad Request – Invalid request format'), None)
    >>> _pair("Error code 1001: Invalid API key.")
    ('1001', 'Invalid API key.')
    """
    item = without_label(item)
    match = _ITEM.match(item)
    if match is not None:
        return match.group(1), match.group(2).strip()
    match = KEYED_TEXT.match(item)  # "400 Bad Request – Invalid request format" too
    if match is None:
        return None
    key, text = match.group("key"), match.group("text").strip()
    if not is_code_key(key):
        return None
    rest = item[len(key) :]
    if rest.lstrip()[:1] in KEY_SEPARATORS:
        return key, text
    # no separator but a space
    if not spaced or (is_numeric_code(key) and len(key.lstrip("+-")) < 3):
        return None  # "2 Steps to sign": a count, not a code
    if key.isalpha():
        return None  # "HTTP 4XX return codes are …": a word opens the sentence
    return key, text


def read_lines(
    blocks: Sequence[Block], start: int, section: Section
) -> tuple[list[Entry], int] | None:
    """Entries of a paragraph of ``code - message`` lines announced as errors, or ``None``.

    ::

        Error codes:
        10001 - Invalid parameter
        10002 - Missing API key

    The announcing line may be the paragraph's first line or the paragraph or title before it.
    """
    block = blocks[start]
    if block.kind != "paragraph" or block.text.isprintable() or len(block.text.splitlines()) < 2:
        # Cleaning only drops lines: one line cannot hold two codes. (A printable text is one
        # line: every break str.splitlines knows is unprintable.)
        return None
    # Most paragraphs are prose: decide on the first line before cleaning the rest.
    lines = _clean_lines(block.text)
    first = next(lines, None)
    if first is None:
        return None
    lead = first if first.endswith(":") and _pair(first) is None else None
    announced = _says_error(lead) or _announced(section)
    if not announced and not section.within_errors:
        return None
    pairs = []
    for line in lines if lead else chain([first], lines):
        pair = _pair(line)
        if pair is None:
            return None  # prose after all
        pairs.append(pair)
    if len(pairs) < 2 or not (announced or _keyed_run(pairs)):
        return None
    entries = [
        Entry(
            code=code,
            surface=section.surface,
            group=section.heading or section.group,
            messages=(text,),
        )
        for code, text in pairs
    ]
    return entries, start + 1


def read_component(
    blocks: Sequence[Block], start: int, section: Section
) -> tuple[list[Entry], int] | None:
    """Entries of a documentation component whose props list error objects, or ``None``."""
    block = blocks[start]
    if block.kind != "paragraph":
        return None
    tag = _COMPONENT.match(block.text)
    if tag is None or not ("error" in tag.group(1).casefold() or _announced(section)):
        return None
    entries: list[Entry] = []
    for obj in _OBJECT.finditer(block.text):
        body = obj.group(2)
        messages = [
            clean_text(m.group(1)) for key in _FIELD if (m := _FIELD[key].search(body)) is not None
        ]
        entries.append(
            Entry(
                code=obj.group(1),
                surface=section.surface,
                group=section.heading or section.group,
                messages=tuple(m for m in messages if m),
            )
        )
    if not entries:
        return None
    return entries, start + 1


def _definition(block: Block) -> tuple[str, str] | None:
    """``(code, text)`` of a paragraph ``KEY`` / ``: definition`` (kramdown's definition list,
    which CommonMark leaves a paragraph), or ``None``."""
    if block.kind != "paragraph" or "\n:" not in block.text:
        return None
    term, _, definition = block.text.partition("\n")
    term, definition = clean_text(term), clean_text(definition)
    if not definition.startswith(":") or "\n" in block.text.partition("\n")[2]:
        return None
    text = definition[1:].strip()
    return (term, text) if text and is_code_key(term) else None


def read_definitions(
    blocks: Sequence[Block], start: int, section: Section
) -> tuple[list[Entry], int] | None:
    """Entries of a run of ``KEY`` / ``: definition`` paragraphs, or ``None``::

        10001
        : Invalid parameter

        10002
        : Missing API key

    Like a list, the run counts where the section says *error*, or as a run of clear codes
    below a heading that does.
    """
    pairs = []
    end = start
    while end < len(blocks) and (pair := _definition(blocks[end])) is not None:
        pairs.append(pair)
        end += 1
    if len(pairs) < 2 or not (_announced(section) or (section.within_errors and _keyed_run(pairs))):
        return None
    group = section.heading or section.group
    return [Entry(code, section.surface, group, messages=(text,)) for code, text in pairs], end


def read_paragraphs(
    blocks: Sequence[Block], start: int, section: Section
) -> tuple[list[Entry], int] | None:
    """Entries of a run of paragraphs that each open with a code and its text, or ``None``::

        **1001**: Invalid API key.

        **1002**: IP address not allowed.
        Add your IP to the whitelist.

    (what a help-centre article or a page with a blank line between its lines looks like).
    A paragraph's lines after the first explain the code: its description. Like a list, the
    run counts where the section says *error*, or as a run of clear codes below a heading
    that does.
    """
    block = blocks[start]
    if block.kind != "paragraph" or _SEPARATED.search(block.text, 0, _LEAD_END) is None:
        return None  # (no separator on the first line: prose, whatever the section)
    announced = _announced(section)
    if not announced and not section.within_errors:
        return None
    run = _paragraph_run(blocks, start, section)
    if run["rejected"]:
        return None
    found, first = run["found"], start - run["start"]
    last = len(found)
    if not announced:
        # below a heading that names the listing: the clear codes from here ("0: Success."
        # is none, and neither is a run of them)
        last = first
        while last < len(found) and _clear_code(found[last][0]):
            last += 1
    if last - first < 2:
        return None
    return [
        Entry(code, section.surface, section.group, messages=(text,), description=told)
        for code, text, told in found[first:last]
    ], start + last - first


def _clear_code(code: str) -> bool:
    """A code of three digits or more, or of another style: not a count or an enum value."""
    return len(code.lstrip("+-")) >= 3 or not is_numeric_code(code)


def _paragraph_run(blocks: Sequence[Block], start: int, section: Section) -> dict[str, Any]:
    """The run of paragraphs around ``start`` that each open with a code and its text:
    ``found`` (``(code, text, description)`` each), the index it starts at and whether it is
    ``rejected`` (a code repeats in it). A run is read once: a start inside it gets the same
    run (reading it to its end from each start was quadratic)."""
    run = section.remembered("paragraphs: run")
    if run and run["start"] <= start < run["end"]:
        return run
    found: list[tuple[str, str, str | None]] = []
    end = start
    bold = False  # the last code's paragraph is all bold: a title the text below explains
    while end < len(blocks) and blocks[end].kind == "paragraph":
        block = blocks[end]
        lines = _clean_lines(block.text)  # (the rest cleaned only after a code)
        first = next(lines, None)
        pair = _pair(first, spaced=False) if first is not None else None
        if pair is None and bold and not block.strong:
            # "**Error 1001 – Invalid signature**" and the paragraph under it: its explanation
            code, text, told = found[-1]
            explained = " ".join(filter(None, (told, first, *lines)))
            found[-1] = (code, text, explained or None)
            end += 1
            continue
        if pair is None or (block.strong and found and not bold):
            break  # (a bold line among plain ones is a title)
        bold = block.strong
        found.append((*pair, " ".join(lines) or None))
        end += 1
    codes = [code for code, _, _ in found]
    rejected = len(set(codes)) < len(codes)  # the same code again and again: no listing
    run.update(start=start, end=max(end, start + 1), found=found, rejected=rejected)
    return run


def opens_listing(block: Block) -> bool:
    """Whether a block is itself a listing of codes (a list of ``code text`` items, a paragraph
    of such lines or a ``code`` / ``: text`` one): what follows a section's title, not a
    code's message.

    >>> from errcat.extract.blocks import Block
    >>> opens_listing(Block("list", items=("0100: Bad", "0101: Worse")))
    True
    >>> opens_listing(Block("list", items=("Bad", "Worse")))
    False
    """
    if block.kind == "list" and len(block.items) >= 2:
        items = [clean_text(item) for item in block.items]
        pairs = [_pair(item) for item in items]
        return sum(p is not None for p in pairs) >= _MOSTLY * len(pairs) or bool(
            _nested_pairs(items)
        )
    if block.kind == "code":
        lines = [line.strip() for line in block.text.splitlines() if line.strip()]
        return len(lines) >= 2 and all(_pair(line) is not None for line in lines)
    if block.kind != "paragraph":
        return False
    if _definition(block) is not None:
        return True
    lines = list(_clean_lines(block.text))
    return len(lines) >= 2 and all(_pair(line) is not None for line in lines)
