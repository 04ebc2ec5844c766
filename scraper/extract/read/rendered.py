"""Tables that documentation sites render although GFM does not: a paragraph of pipe rows.

Docusaurus pages (Bybit v5) carry tables whose header row has a cell more than its delimiter
row, an empty one at the end::

    |Code |Description |   |
    |:--------|:------|
    |400000 | invalid request.|

By GFM the cell counts must agree, so markdown-it leaves those lines a paragraph; the published
site shows a two-column table all the same. :func:`table_of` reads such a paragraph back into the
table block the site shows, and :func:`read_rendered_table` hands it to the table reader, so the
table is judged like any other (its header words, its cells, the section around it).

>>> block = table_of("|Code |Description |   |\\n|:--|:--|\\n|400000 | invalid request.|")
>>> block.rows
(('Code', 'Description'), ('400000', 'invalid request.'))
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from errcat.extract.blocks import Block
from errcat.extract.read.section import Section
from errcat.extract.read.tables import read_table
from errcat.model import Entry

_DELIMITER_CELL = re.compile(r"^\s*:?-+:?\s*$")


def _cells(line: str) -> list[str]:
    """The cells of a pipe row, outer pipes optional (the paragraph's text is already rendered,
    so escapes and code spans are gone: every pipe left separates cells)."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in line.split("|")]


def table_of(text: str) -> Block | None:
    """The table a site renders from a paragraph of pipe rows, or ``None``.

    Only the shape GFM refuses and sites accept: a delimiter row under a header whose extra
    cells, at the end, are all empty. Body rows are cut or padded to the header's width, as GFM
    does, and the table ends at the first line without a pipe.
    """
    lines = text.split("\n")
    if len(lines) < 3 or "|" not in lines[0] or "|" not in lines[1]:
        return None
    header, delimiter = _cells(lines[0]), _cells(lines[1])
    if not all(_DELIMITER_CELL.match(c) for c in delimiter):
        return None
    width = len(delimiter)
    if len(header) <= width or any(header[width:]):
        return None  # a table GFM reads itself, or a header that names more columns
    rows = [tuple(header[:width])]
    for line in lines[2:]:
        if "|" not in line:
            break
        cells = _cells(line)[:width]
        rows.append(tuple(cells + [""] * (width - len(cells))))
    if len(rows) < 2:
        return None
    return Block("table", rows=tuple(rows))


def read_rendered_table(
    blocks: Sequence[Block], start: int, section: Section
) -> tuple[list[Entry], int] | None:
    """Entries of a paragraph that a site renders as an error table, or ``None`` (the paragraph
    then steers the section as any other)."""
    block = blocks[start]
    if block.kind != "paragraph" or "|" not in block.text:
        return None
    table = table_of(block.text)
    if table is None:
        return None
    entries = read_table(table, section)
    return (entries, start + 1) if entries else None
