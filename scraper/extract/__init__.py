"""Document → :class:`~errcat.model.Catalog`: parse to blocks, run the shape readers, merge.

>>> cat = extract("Error Code | Error Message\\n--- | ---\\n1 | All operations failed")
>>> [(e.code, e.messages) for e in cat.entries]
[('1', ('All operations failed',))]

The stages, each a subpackage: :mod:`.parse` (document → blocks: markdown-it-py or BeautifulSoup,
or the fast builders that give the same blocks) and :mod:`.read` (blocks → entries: the shape
readers of :data:`READERS`; a new one is one :func:`register` call); then
:func:`errcat.catalog.merge_entries` (entries → catalog).
"""

from __future__ import annotations

from typing import Literal

from errcat.catalog import merge_entries
from errcat.errors import DocumentError
from errcat.extract.parse import FORMATS, detect_format, fast_blocks, to_blocks
from errcat.extract.read import (
    READERS,
    ExtractOptions,
    ShapeReader,
    entries_from_blocks,
    readers_by_kind,
    register,
    unregister,
)
from errcat.model import Catalog
from errcat.normalize import decode, scrub_surrogates

Format = Literal["auto", "markdown", "html"]

MAX_DOCUMENT = 20 * 2**20  # bytes (or characters), as errcat.fetch caps a download


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
    catalog; unreadable input raises :class:`~errcat.errors.DocumentError`. ``fast`` builds the
    blocks without markdown-it-py or BeautifulSoup where it can (:func:`.parse.fast_blocks`);
    ``fast=False`` parses with them, with the same result.
    """
    if format not in FORMATS:
        raise DocumentError(f"{name}: unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if len(document) > MAX_DOCUMENT:
        # The fetch cap: no error-code page is bigger, and parse time grows with the size.
        unit = "bytes" if isinstance(document, bytes) else "characters"
        raise DocumentError(
            f"{name}: {len(document):,} {unit}, over the limit of {MAX_DOCUMENT:,} (20 MB)"
        )
    if isinstance(document, bytes):
        text = decode(document, charset, name=name)
    else:
        text = scrub_surrogates(document)
    if not text or text.isspace():  # (not text.strip(), without copying a big page)
        raise DocumentError(f"{name}: document is empty")
    kind = detect_format(text) if format == "auto" else format
    try:
        blocks = fast_blocks(text, kind) if fast else to_blocks(text, kind)
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
    "register",
    "to_blocks",
    "unregister",
]
