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
>>> from errcat.extract.read.section import Section
>>> blocks = blocks_from_markdown("Error codes:\\n\\n- `30` - default validation error code")
>>> section = Section()
>>> section.observe(blocks[0])
>>> [(e.code, e.messages) for e in read_list(blocks, 1, section)[0]]
[('30', ('default validation error code',))]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import chain

from errcat.extract.blocks import Block
from errcat.extract.read.section import Section
from errcat.model import Entry
from errcat.normalize import clean_text

_ERRORISH = re.compile(r"\berr(?:or)?s?\b|errno|错误", re.I)
# "`30` - default validation error code", "30: text", "[30](#x) – text".
# A digit right after the separator ("2024-01-02 - Added …") makes it a date, not a code.
_ITEM = re.compile(r"^`?([-+]?\d{1,10})(?![-/.]\d)`?\s*[-–—:]\s*(\S.*)$", re.S)
_MOSTLY = 0.8
# One object of a component's error list: { code: 7, message: "…", description: "…" }.
_OBJECT = re.compile(r"\{\s*\"?code\"?\s*:\s*(-?\d{1,10})\s*,([^{}]*)\}")
_FIELD = {key: re.compile(rf"\"?{key}\"?\s*:\s*\"([^\"]*)\"") for key in ("message", "description")}
_COMPONENT = re.compile(r"^\s*<([A-Z][A-Za-z0-9]*)")


def _says_error(text: str | None) -> bool:
    """Whether a lead-in or title says *error*; the lead-in is often a long paragraph, and every
    match of the regex holds "err" (in any case) or "错误", which is cheaper to look for."""
    if not text or ("err" not in text.lower() and "错误" not in text):
        return False
    return _ERRORISH.search(text) is not None


def _announced(section: Section) -> bool:
    return _says_error(section.lead) or _says_error(section.title) or _says_error(section.heading)


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
    if block.kind != "list" or not block.items or not _announced(section):
        return None
    items = [clean_text(item) for item in block.items]
    matches = [_ITEM.match(item) for item in items]
    if sum(m is not None for m in matches) < _MOSTLY * len(items):
        return None
    entries = [
        Entry(
            code=match.group(1),
            surface=section.surface,
            group=section.heading or section.group,
            messages=(match.group(2).strip(),),
            deprecated=block.is_struck(index),
        )
        for index, match in enumerate(matches)
        if match is not None
    ]
    return entries, start + 1


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
    if block.kind != "paragraph" or len(block.text.splitlines()) < 2:
        return None  # cleaning only drops lines: one line cannot hold two codes
    # Most paragraphs are prose: decide on the first line before cleaning the rest.
    lines = _clean_lines(block.text)
    first = next(lines, None)
    if first is None:
        return None
    lead = first if first.endswith(":") and _ITEM.match(first) is None else None
    if not (_says_error(lead) or _announced(section)):
        return None
    matches = []
    for line in lines if lead else chain([first], lines):
        match = _ITEM.match(line)
        if match is None:
            return None  # prose after all
        matches.append(match)
    if len(matches) < 2:
        return None
    entries = [
        Entry(
            code=m.group(1),
            surface=section.surface,
            group=section.heading or section.group,
            messages=(m.group(2).strip(),),
        )
        for m in matches
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
