"""Blockquote definitions: a code and its name quoted, its messages as the bullets below.

::

    ## 10xx - General Server or Network issues
    > -1000 UNKNOWN

    * An unknown error occured while processing the request.

Aster's futures pages (and Binance's older derivative pages) write each code this way instead of
as a heading. The quote gives the code and the name, the list below the messages; quotes that are
not a single code line ("> Here is the error JSON payload:") are left alone.

>>> from errcat.extract.parse.markdown import blocks_from_markdown
>>> from errcat.extract.read.section import Section
>>> blocks = blocks_from_markdown("> -1000 UNKNOWN\\n\\n* An unknown error occured.")
>>> entry, end = read_quote(blocks, 0, Section())
>>> entry.code, entry.name, entry.messages, end
('-1000', 'UNKNOWN', ('An unknown error occured.',), 2)
"""

from __future__ import annotations

from collections.abc import Sequence

from errcat.extract.blocks import Block
from errcat.extract.read.headings import read_definition
from errcat.extract.read.section import Section
from errcat.model import Entry


def read_quote(blocks: Sequence[Block], start: int, section: Section) -> tuple[Entry, int] | None:
    """The entry whose quote line is ``blocks[start]`` and the index after its body, or ``None``."""
    return read_definition(blocks, start, section, "quote")
