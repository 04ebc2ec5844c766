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

>>> from scraper.extract.markdown import blocks_from_markdown
>>> from scraper.extract.section import Section
>>> blocks = blocks_from_markdown("Error codes:\\n\\n- `30` - default validation error code")
>>> section = Section()
>>> section.observe(blocks[0])
>>> [(e.code, e.messages) for e in read_list(blocks, 1, section)[0]]
[('30', ('default validation error code',))]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scraper.extract.blocks import Block
from scraper.extract.section import Section
from scraper.model import Entry
from scraper.normalize import clean_text

_ERRORISH = re.compile(r"\berr(?:or)?s?\b|errno|错误", re.I)
# "`30` - default validation error code", "30: text", "[30](#x) – text".
# A digit right after the separator ("2024-01-02 - Added …") makes it a date, not a code.
_ITEM = re.compile(r"^`?([-+]?\d{1,10})(?![-/.]\d)`?\s*[-–—:]\s*(\S.*)$", re.S)
_MOSTLY = 0.8
# One object of a component's error list: { code: 7, message: "…", description: "…" }.
_OBJECT = re.compile(r"\{\s*\"?code\"?\s*:\s*(-?\d{1,10})\s*,([^{}]*)\}")
_FIELD = {key: re.compile(rf"\"?{key}\"?\s*:\s*\"([^\"]*)\"") for key in ("message", "description")}
_COMPONENT = re.compile(r"^\s*<([A-Z][A-Za-z0-9]*)")


def _announced(section: Section) -> bool:
    texts = [section.lead, section.title, section.headings[-1][1] if section.headings else None]
    return any(t and _ERRORISH.search(t) for t in texts)


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
    if block.kind != "paragraph":
        return None
    lines = [clean_text(line) for line in block.text.splitlines()]
    lines = [line for line in lines if line]
    lead = None
    if lines and lines[0].endswith(":") and _ITEM.match(lines[0]) is None:
        lead, lines = lines[0], lines[1:]
    if len(lines) < 2 or not (bool(lead and _ERRORISH.search(lead)) or _announced(section)):
        return None
    matches = [_ITEM.match(line) for line in lines]
    if any(m is None for m in matches):
        return None
    entries = [
        Entry(
            code=m.group(1),
            surface=section.surface,
            group=section.heading or section.group,
            messages=(m.group(2).strip(),),
        )
        for m in matches
        if m is not None
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
