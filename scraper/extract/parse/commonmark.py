"""What errcat takes from markdown-it-py beyond its parser: the patterns, character classes and
block-tag names of its CommonMark rules, which errcat's own builders (:mod:`.plain`,
:mod:`.pieces`, :mod:`.inline_html`) must apply exactly as markdown-it-py does.

They are not markdown-it-py's documented API, so they are imported here and nowhere else: a
release that moves one breaks this module alone (``tests/test_structure.py`` holds every other
module to markdown-it-py's public ``MarkdownIt`` and ``Token``), and the dependency is pinned
to a compatible release (``markdown-it-py~=4.0``).

>>> "table" in BLOCK_TAG_NAMES, is_link_open('<a href="x">'), md_trim("  cell \\t")
(True, True, 'cell')
"""

from __future__ import annotations

from markdown_it.common.html_blocks import block_names as _block_names
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.common.utils import (
    MD_TRIM_CHARS,
    isLinkClose,
    isLinkOpen,
    isMdAsciiPunct,
    isPunctChar,
    isWhiteSpace,
    mdTrim,
)
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.rules_inline.autolink import AUTOLINK_RE, EMAIL_RE
from markdown_it.rules_inline.state_inline import StateInline

# Under errcat's own names (snake case, as the rest of the package).
BLOCK_TAG_NAMES: frozenset[str] = frozenset(_block_names)  # CommonMark's HTML block type 6
is_link_open = isLinkOpen
is_link_close = isLinkClose
is_md_ascii_punct = isMdAsciiPunct
is_punct_char = isPunctChar
is_white_space = isWhiteSpace
md_trim = mdTrim

__all__ = [
    "AUTOLINK_RE",
    "BLOCK_TAG_NAMES",
    "EMAIL_RE",
    "HTML_SEQUENCES",
    "HTML_TAG_RE",
    "MD_TRIM_CHARS",
    "StateInline",
    "is_link_close",
    "is_link_open",
    "is_md_ascii_punct",
    "is_punct_char",
    "is_white_space",
    "md_trim",
]
