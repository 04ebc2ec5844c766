"""The walker in errcat.extract: readers are offered only the block kinds they declare."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import get_args

import pytest
from errcat.extract import READERS, entries_from_blocks, readers_by_kind, to_blocks
from errcat.extract.blocks import Block, BlockKind
from errcat.extract.parse import fast_blocks
from errcat.extract.read.section import ExtractOptions, Section
from errcat.model import Entry
from errcat.normalize import decode

from tests.conftest import FIXTURES, SEED_FILES

CORPUS = FIXTURES / "corpus"
KINDS = get_args(BlockKind)


def corpus_documents() -> list[str]:
    """One markdown or HTML document per exchange page, the newest of each."""
    newest: dict[str, str] = {}
    for item in json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8")):
        page = item["file"].rsplit("/", 1)[0]
        newest[page] = max(newest.get(page, ""), item["file"])
    return sorted(newest.values())


def walk_offering_everything(blocks: Sequence[Block], options: ExtractOptions) -> list[Entry]:
    """The walk as it was before readers declared their kinds: every reader sees every block."""
    section = Section(options)
    out: list[Entry] = []
    i = 0
    while i < len(blocks):
        for reader in READERS.values():
            claimed = reader.read(blocks, i, section)
            if claimed is not None:
                entries, i = claimed
                if not section.pinned_out:
                    out.extend(entries)
                break
        else:
            section.observe(blocks[i])
            i += 1
    return out


def test_every_reader_declares_real_block_kinds():
    for name, reader in READERS.items():
        assert reader.starts_on, name
        assert set(reader.starts_on) <= set(KINDS), name


def test_readers_by_kind_keeps_registry_order():
    table = readers_by_kind()
    assert table["paragraph"] == (
        READERS["rendered tables"].read,
        READERS["components"].read,
        READERS["lines"].read,
        READERS["definitions"].read,
        READERS["fields"].read,
        READERS["paragraphs"].read,
        READERS["bold headings"].read,
    )
    assert table["list"] == (READERS["lists"].read, READERS["fields"].read)
    assert table["table"] == (READERS["tables"].read,)
    assert table["code"] == (READERS["preformatted"].read,)  # only a listing in a code block


@pytest.mark.parametrize("name", sorted(SEED_FILES))
def test_seed_readers_ignore_kinds_they_do_not_declare(name):
    text = SEED_FILES[name].read_text(encoding="utf-8")
    blocks = to_blocks(text, "markdown")
    for reader_name, reader in READERS.items():
        section = Section()
        for i, block in enumerate(blocks):
            if block.kind not in reader.starts_on:
                assert reader.read(blocks, i, section) is None, (reader_name, block)
            section.observe(block)


@pytest.mark.parametrize("path", corpus_documents())
def test_dispatch_by_kind_gives_the_same_entries(path):
    text = decode((CORPUS / path).read_bytes())
    blocks = fast_blocks(text, "html" if path.endswith(".html") else "markdown")
    for options in (ExtractOptions(), ExtractOptions(sections=("error", "code"))):
        assert entries_from_blocks(blocks, options) == walk_offering_everything(blocks, options)


# Shapes no corpus page uses (the corpus test above cannot see their readers).
SHAPES = {
    "lines": ("markdown", "## Errors\n\nError codes:\n10001 - Invalid parameter\n10002 - No key\n"),
    "terms": ("html", "<h2>Error codes</h2><dl><dt>-1000 UNKNOWN</dt><dd>Unknown error.</dd></dl>"),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_dispatch_by_kind_reads_every_shape(shape):
    format, text = SHAPES[shape]
    blocks = to_blocks(text, format)
    entries = entries_from_blocks(blocks)
    assert entries, shape
    assert entries == walk_offering_everything(blocks, ExtractOptions())
