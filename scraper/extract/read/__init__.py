"""Blocks → entries: the shape readers, and the registry that runs them.

Each shape reader is a small named function in :data:`READERS`; it looks at the block at the
current position and either claims it (returning entries and where to continue) or passes.
A reader declares the block kinds it can start on, and is offered only those.

A reader is one registration (:func:`register`): both parse paths, fast and full, build every
block of a page whatever its size or format, so nothing else needs to know about a new reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import get_args

from errcat.extract.blocks import Block, BlockKind
from errcat.extract.read.fields import read_fields
from errcat.extract.read.headings import read_definition, read_heading
from errcat.extract.read.lists import (
    read_component,
    read_definitions,
    read_lines,
    read_list,
    read_paragraphs,
    read_preformatted,
)
from errcat.extract.read.quotes import read_quote
from errcat.extract.read.rendered import read_rendered_table
from errcat.extract.read.section import ExtractOptions, Section
from errcat.extract.read.tables import read_table
from errcat.model import Entry

Reader = Callable[[Sequence[Block], int, Section], tuple[list[Entry], int] | None]


def _tables(blocks: Sequence[Block], i: int, section: Section) -> tuple[list[Entry], int] | None:
    """Markdown or HTML tables with a code column (see :mod:`errcat.extract.read.tables`)."""
    if blocks[i].kind != "table":
        return None
    return read_table(blocks[i], section), i + 1


def _headings(blocks: Sequence[Block], i: int, section: Section) -> tuple[list[Entry], int] | None:
    """``### -1121 BAD_SYMBOL`` headings with bullet messages (see :mod:`.headings`)."""
    found = read_heading(blocks, i, section)
    if found is None:
        return None
    entry, end = found
    return [entry], end


def _quotes(blocks: Sequence[Block], i: int, section: Section) -> tuple[list[Entry], int] | None:
    """``> -1000 UNKNOWN`` quote lines with bullet messages (see :mod:`.quotes`)."""
    found = read_quote(blocks, i, section)
    if found is None:
        return None
    entry, end = found
    return [entry], end


def _terms(blocks: Sequence[Block], i: int, section: Section) -> tuple[list[Entry], int] | None:
    """``<dt>-1000 UNKNOWN</dt><dd>…</dd>`` definition lists (see :mod:`.headings`)."""
    found = read_definition(blocks, i, section, "term")
    if found is None:
        return None
    entry, end = found
    return [entry], end


def _bold_headings(
    blocks: Sequence[Block], i: int, section: Section
) -> tuple[list[Entry], int] | None:
    """A paragraph all in bold that reads as a code heading (``**-2010 NEW_ORDER_REJECTED**``)
    over the list of its messages: a heading written as bold text (see :mod:`.headings`)."""
    block = blocks[i]
    if not block.strong or i + 1 >= len(blocks) or blocks[i + 1].kind != "list":
        return None
    found = read_definition(blocks, i, section, "paragraph")
    if found is None:
        return None
    entry, end = found
    return [entry], end


@dataclass(frozen=True)
class ShapeReader:
    """A reader and the block kinds it can start on: the walker offers it no other block, so a
    document pays for each reader only where its shape can begin."""

    starts_on: tuple[BlockKind, ...]
    read: Reader


# In order of preference: the first reader that claims a block wins.
READERS: dict[str, ShapeReader] = {
    "tables": ShapeReader(("table",), _tables),
    "headings": ShapeReader(("heading",), _headings),
    "quotes": ShapeReader(("quote",), _quotes),
    "terms": ShapeReader(("term",), _terms),
    # per-endpoint "Error codes:" lists (see :mod:`.lists`)
    "lists": ShapeReader(("list",), read_list),
    # pipe rows that sites render as a table and GFM does not (see :mod:`.rendered`)
    "rendered tables": ShapeReader(("paragraph",), read_rendered_table),
    # <ErrorCodeSelector errorCodes={[…]} /> props
    "components": ShapeReader(("paragraph",), read_component),
    # "Error codes:" then "10001 - Invalid parameter" lines, one paragraph
    "lines": ShapeReader(("paragraph",), read_lines),
    # "10001" / ": Invalid parameter" paragraphs (kramdown definition lists)
    "definitions": ShapeReader(("paragraph",), read_definitions),
    # "Error code: 1001" / "Message: API key not found" lines (see :mod:`.fields`)
    "fields": ShapeReader(("paragraph", "list"), read_fields),
    # "**1001**: Invalid API key." paragraphs, one per code
    "paragraphs": ShapeReader(("paragraph",), read_paragraphs),
    # "**-2010 NEW_ORDER_REJECTED**" over its bullet messages
    "bold headings": ShapeReader(("paragraph",), _bold_headings),
    # a code block of "10001  Invalid parameter" lines under an error heading
    "preformatted": ShapeReader(("code",), read_preformatted),
}


def readers_by_kind() -> dict[str, tuple[Reader, ...]]:
    """The readers of :data:`READERS` that can start on each block kind, in registry order.

    >>> [r.__name__ for r in readers_by_kind()["paragraph"]]
    ['read_rendered_table', 'read_component', 'read_lines', 'read_definitions', 'read_fields',
     'read_paragraphs', '_bold_headings']
    """
    table: dict[str, list[Reader]] = {}
    for reader in READERS.values():
        for kind in reader.starts_on:
            table.setdefault(kind, []).append(reader.read)
    return {kind: tuple(readers) for kind, readers in table.items()}


def register(
    name: str, read: Reader, starts_on: Iterable[BlockKind], *, before: str | None = None
) -> ShapeReader:
    r"""Add a shape reader to :data:`READERS`, last or right before the reader named ``before``
    (the first reader that claims a block wins); :func:`unregister` takes it out again.

    ``read(blocks, i, section)`` is offered ``blocks[i]`` when its kind is in ``starts_on``; it
    returns the entries it reads and the index to go on from, or ``None`` to pass. The
    :class:`~errcat.extract.read.section.Section` holds the headings, title and options.

    >>> import re
    >>> from errcat import extract
    >>> from errcat.model import Entry
    >>> def read_error_json(blocks, i, section):
    ...     found = re.fullmatch(r'\{"code": (\d+), "msg": "([^"]*)"\}\n', blocks[i].text)
    ...     return ([Entry(found[1], messages=(found[2],))], i + 1) if found else None
    >>> page = '# Errors\n\n```json\n{"code": 1001, "msg": "Bad signature"}\n```\n'
    >>> extract(page).entries
    ()
    >>> _ = register("error json", read_error_json, ["code"])
    >>> [(e.code, e.messages) for e in extract(page).entries]
    [('1001', ('Bad signature',))]
    >>> _ = unregister("error json")
    """
    kinds = tuple(starts_on)
    unknown = sorted(set(kinds) - set(get_args(BlockKind)))
    if unknown or not kinds:
        raise ValueError(f"reader {name!r}: unknown block kinds {unknown or 'none given'}")
    if name in READERS:
        raise ValueError(f"reader {name!r} is registered already")
    if before is not None and before not in READERS:
        raise ValueError(f"reader {name!r}: no reader {before!r} to go before")
    reader = ShapeReader(kinds, read)
    order = list(READERS.items())
    at = len(order) if before is None else [n for n, _ in order].index(before)
    order.insert(at, (name, reader))
    READERS.clear()  # in place: whoever imported READERS sees the change
    READERS.update(order)
    return reader


def unregister(name: str) -> ShapeReader:
    """Take the reader ``name`` out of :data:`READERS` and return it."""
    try:
        return READERS.pop(name)
    except KeyError:
        raise ValueError(f"no reader {name!r} is registered") from None


def entries_from_blocks(
    blocks: Sequence[Block], options: ExtractOptions | None = None
) -> list[Entry]:
    """Run the readers over the blocks; one entry per documented row, in document order."""
    section = Section(options or ExtractOptions())
    by_kind = readers_by_kind()
    out: list[Entry] = []
    i = 0
    while i < len(blocks):
        for reader in by_kind.get(blocks[i].kind, ()):
            claimed = reader(blocks, i, section)
            if claimed is not None:
                entries, i = claimed
                if not section.pinned_out:
                    out.extend(entries)
                break
        else:
            section.observe(blocks[i])
            i += 1
    return out


__all__ = [
    "READERS",
    "ExtractOptions",
    "Reader",
    "ShapeReader",
    "entries_from_blocks",
    "readers_by_kind",
    "register",
    "unregister",
]
