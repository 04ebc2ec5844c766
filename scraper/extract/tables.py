"""Error-code tables: find the columns by their header words, read one entry per row.

Rows that are not codes are understood, not dropped blindly: a delimiter row (``|---|---|``) or a
repeated header row is skipped, and a row with a single non-code cell (``Trading (4010xx)``) starts
a new group.

>>> from scraper.extract.blocks import Block
>>> from scraper.extract.section import Section
>>> rows = (("Code", "Message"), ("Trading", ""), ("401018", "Order not found"))
>>> table = Block("table", rows=rows)
>>> [(e.code, e.group, e.messages) for e in read_table(table, Section())]
[('401018', 'Trading', ('Order not found',))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.extract.blocks import Block
from scraper.extract.section import CODE_RE, Section
from scraper.model import Entry
from scraper.normalize import clean_text

_DELIMITER = re.compile(r"^:?-{1,}:?$")
_STATUS_WORDS = ("http", "status")
_MESSAGE_WORDS = (
    "message", "msg", "description", "desc", "meaning", "detail", "reason", "explanation",
    "remark", "comment", "cause", "info", "text", "说明", "描述", "信息",
)  # fmt: skip
_NAME_WORDS = ("name", "label", "enum", "identifier")
_CODE_WORDS = ("code", "errno", "error id", "错误码", "代码")
_HTTP_IN_TEXT = re.compile(r"\b([1-5]\d\d)\b")
_PSEUDO_HTTP_CODE = re.compile(r"^HTTP\b.*?\b([1-5]\d\d)\b", re.I)


@dataclass(frozen=True)
class Columns:
    """Which cell of a row holds what (``None``: the table has no such column)."""

    code: int
    message: int | None = None
    name: int | None = None
    http_status: int | None = None

    @classmethod
    def from_header(cls, header: tuple[str, ...]) -> Columns | None:
        """Recognise the columns of an error table, or ``None`` if this is some other table."""
        found: dict[str, int] = {}
        for index, raw in enumerate(header):
            word = clean_text(raw).casefold()
            if not word:
                continue
            if any(w in word for w in _STATUS_WORDS):
                role = "http_status"
            elif any(w in word for w in _MESSAGE_WORDS):
                role = "message"
            elif any(w in word for w in _NAME_WORDS):
                role = "name"
            elif any(w in word for w in _CODE_WORDS) or word in ("error", "err", "id"):
                role = "code"
            else:
                continue
            found.setdefault(role, index)
        if "code" not in found or not ({"message", "name"} & found.keys()):
            return None
        return cls(
            code=found["code"],
            message=found.get("message"),
            name=found.get("name"),
            http_status=found.get("http_status"),
        )


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def http_status_of(text: str) -> int | None:
    match = _HTTP_IN_TEXT.search(text)
    return int(match.group(1)) if match else None


def read_table(block: Block, section: Section) -> list[Entry]:
    """Entries of one table block (empty if it is not an error-code table)."""
    if not block.rows:
        return []
    columns = Columns.from_header(block.rows[0])
    if columns is None:
        return []
    header = [clean_text(c).casefold() for c in block.rows[0]]
    entries: list[Entry] = []
    for index, row in enumerate(block.rows[1:], start=1):
        cells = [clean_text(c) for c in row]
        filled = [c for c in cells if c]
        if not filled or all(_DELIMITER.match(c) for c in filled):
            continue
        if [c.casefold() for c in cells] == header:
            continue  # the header repeated between sections
        if len(filled) == 1 and not CODE_RE.match(filled[0]):
            section.set_title(filled[0])
            continue
        code = _cell(cells, columns.code)
        if not code:
            continue
        message = _cell(cells, columns.message)
        status = http_status_of(_cell(cells, columns.http_status))
        if status is None and (pseudo := _PSEUDO_HTTP_CODE.match(code)):
            status = int(pseudo.group(1))
        entries.append(
            Entry(
                code=code,
                surface=section.surface,
                group=section.group,
                name=_cell(cells, columns.name) or None,
                http_status=status,
                messages=(message,) if message else (),
                deprecated=block.is_struck(index),
            )
        )
    return entries
