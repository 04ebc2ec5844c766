"""Document → :class:`~errcat.model.Catalog`: parse to blocks, run the shape readers, merge.

>>> cat = extract("Error Code | Error Message\\n--- | ---\\n1 | All operations failed")
>>> [(e.code, e.messages) for e in cat.entries]
[('1', ('All operations failed',))]

Each shape reader is a small named function in :data:`READERS`; it looks at the block at the
current position and either claims it (returning entries and where to continue) or passes.
A reader declares the block kinds it can start on, and is offered only those.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from errcat.catalog import merge_entries
from errcat.errors import DocumentError
from errcat.extract import scan
from errcat.extract.blocks import Block, BlockKind
from errcat.extract.headings import read_definition, read_heading
from errcat.extract.html import blocks_from_html
from errcat.extract.lists import read_component, read_lines, read_list
from errcat.extract.markdown import blocks_from_markdown
from errcat.extract.quotes import read_quote
from errcat.extract.section import ExtractOptions, Section
from errcat.extract.tables import read_table
from errcat.model import Catalog, Entry
from errcat.normalize import decode, scrub_surrogates

Format = Literal["auto", "markdown", "html"]
FORMATS: tuple[str, ...] = ("auto", "markdown", "html")

MAX_DOCUMENT = 20 * 2**20  # bytes (or characters), as errcat.fetch caps a download

Reader = Callable[[Sequence[Block], int, Section], tuple[list[Entry], int] | None]


def _tables(blocks: Sequence[Block], i: int, section: Section) -> tuple[list[Entry], int] | None:
    """Markdown or HTML tables with a code column (see :mod:`errcat.extract.tables`)."""
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
    # <ErrorCodeSelector errorCodes={[…]} /> props
    "components": ShapeReader(("paragraph",), read_component),
    # "Error codes:" then "10001 - Invalid parameter" lines, one paragraph
    "lines": ShapeReader(("paragraph",), read_lines),
}


def readers_by_kind() -> dict[str, tuple[Reader, ...]]:
    """The readers of :data:`READERS` that can start on each block kind, in registry order.

    >>> [r.__name__ for r in readers_by_kind()["paragraph"]]
    ['read_component', 'read_lines']
    """
    table: dict[str, list[Reader]] = {}
    for reader in READERS.values():
        for kind in reader.starts_on:
            table.setdefault(kind, []).append(reader.read)
    return {kind: tuple(readers) for kind, readers in table.items()}


_HTML_START = re.compile(
    r"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<section|<article|<main|<table|<h[1-6]"
    r"|<p[\s>]|<ul|<!--)",
    re.I,
)


def detect_format(text: str) -> str:
    """``"html"`` for a page that starts as HTML, else ``"markdown"``.

    >>> detect_format("<!DOCTYPE html><html>...")
    'html'
    >>> detect_format("# Errors\\n\\n| code | msg |")
    'markdown'
    """
    return "html" if _HTML_START.match(text[:2048]) else "markdown"


def to_blocks(text: str, format: str = "auto") -> list[Block]:
    if format == "auto":
        format = detect_format(text)
    if format == "html":
        return blocks_from_html(text)
    if format == "markdown":
        return blocks_from_markdown(text)
    raise DocumentError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")


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


def extract(
    document: str | bytes,
    format: str = "auto",
    *,
    options: ExtractOptions | None = None,
    charset: str | None = None,
    name: str = "document",
    fast: bool = True,
) -> Catalog:
    """Extract the error codes of one document (markdown or HTML, text or raw bytes).

    ``charset`` is the HTTP header's, if known. The result carries no source metadata; use
    :meth:`Catalog.with_source` to attach it. A document without error codes gives an empty
    catalog; unreadable input raises :class:`~errcat.errors.DocumentError`. ``fast`` parses
    only the parts that can hold error codes (:mod:`.scan`); ``fast=False`` parses everything,
    with the same result.
    """
    if format not in FORMATS:
        raise DocumentError(f"{name}: unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if len(document) > MAX_DOCUMENT:
        # The fetch cap: no error-code page is bigger, and parse time grows with the size.
        raise DocumentError(f"{name}: {len(document) / 2**20:.1f} MB is over the 20 MB limit")
    if isinstance(document, bytes):
        text = decode(document, charset, name=name)
    else:
        text = scrub_surrogates(document)
    if not text or text.isspace():  # (not text.strip(), without copying a big page)
        raise DocumentError(f"{name}: document is empty")
    kind = detect_format(text) if format == "auto" else format
    try:
        blocks = scan.blocks(text, kind) if fast else to_blocks(text, kind)
    except RecursionError:
        # Thousands of nested or unclosed elements: the block walk recurses into the markup.
        raise DocumentError(f"{name}: markup is nested too deeply to read") from None
    return Catalog(entries=merge_entries(entries_from_blocks(blocks, options)))


__all__ = [
    "FORMATS",
    "READERS",
    "ExtractOptions",
    "ShapeReader",
    "detect_format",
    "entries_from_blocks",
    "extract",
    "readers_by_kind",
    "to_blocks",
]
