"""errcat's inline HTML rule reads what markdown-it-py's own rule reads, in linear time."""

from __future__ import annotations

import re

import pytest
from errcat.extract.parse.inline_html import tag_end
from errcat.extract.parse.markdown import PARSER
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.html_re import HTML_TAG_RE

# markdown-it-py's pattern, as its rule applies it (after the "<" and second-character checks).
_STOCK_TAG = re.compile(HTML_TAG_RE.pattern.removeprefix("^"))
_STOCK = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

_PARTS = st.sampled_from(
    [
        *"<>!-?/a =\"'\n",
        *("<!--", "--", "---", "-->", "<!-->", "<!--->", "<?", "?>", "<a", "</a>"),
        *("<![CDATA[", "]]>", "<!DOCTYPE", '<a href="x">', "<br/>"),
    ]
)


def stock_end(src: str, pos: int) -> int:
    """markdown-it-py's html_inline rule: its start checks, then its pattern."""
    if pos + 2 >= len(src):
        return -1
    second = src[pos + 1]
    if second not in "!?/" and not (second.isascii() and second.isalpha()):
        return -1
    match = _STOCK_TAG.match(src, pos)
    return match.end() if match else -1


@pytest.mark.parametrize(
    "src, end",
    [
        ("<!-- note --> x", 13),
        ("<!---->", 7),
        ("<!-->", 5),
        ("<!--->", 6),
        ("<!-- a ---> b -->", 17),  # "--->" inside does not end it
        ("<!-- a -----> b", 13),  # five dashes leave two: it ends there
        ("<!-- never ends", -1),
        ("<!-- x --!>", -1),
        ('<a href="x">', 12),
        ("<a", -1),
        ("< a>", -1),
        ("<?php x ?>", 10),
        ("<![CDATA[ x ]]>", 15),
    ],
)
def test_tag_end_reads_like_markdown_it(src: str, end: int):
    assert tag_end(src, 0, {}) == end == stock_end(src, 0)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PARTS, max_size=30).map("".join))
def test_tag_end_is_markdown_its_pattern_at_every_position(src: str):
    memo: dict = {}  # one memo for the whole text, as the rules use it
    for pos in (i for i, char in enumerate(src) if char == "<"):
        assert tag_end(src, pos, memo) == stock_end(src, pos), (src, pos)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.one_of(_PARTS, st.sampled_from(["*", "`", "[x](y)", "**b**"])), max_size=30))
def test_the_parser_with_it_gives_markdown_its_tokens(parts: list[str]):
    src = "".join(parts)
    ours = [(t.type, t.content) for t in PARSER.parseInline(src)[0].children or ()]
    stock = [(t.type, t.content) for t in _STOCK.parseInline(src)[0].children or ()]
    assert ours == stock


def test_many_unclosed_comments_read_the_same():
    # markdown-it-py's pattern retries each "<!--" to the end of the text (70 s at 50,000);
    # the speed is in bench/bench_adversarial.py, the reading here.
    src = "x " + "<!--" * 2_000 + "-->"
    ours = PARSER.parseInline(src)[0].children
    stock = _STOCK.parseInline(src)[0].children
    assert [(t.type, t.content) for t in ours] == [(t.type, t.content) for t in stock]
    # No "<!--" finds an end but the last ("<!---->": its body starts inside the dashes).
    assert [(t.type, t.content) for t in ours[-2:]] == [
        ("text", "x " + "<!--" * 1_999),
        ("html_inline", "<!---->"),
    ]
