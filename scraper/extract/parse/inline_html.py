"""markdown-it's inline HTML rule, in linear time.

markdown-it-py finds an HTML comment in running text with the pattern
``<!--(?:[^-]|-[^-]|--[^>])*-->``, tried at every ``<!--``. Where no comment can end, each try
runs to the end of the text: 50,000 ``<!--`` in one paragraph take 70 s, on both of errcat's
parse paths (the fast one hands markdown-it what it does not read itself). :func:`tag_end`
gives the same matches with the comment found from the runs of dashes before a ``>`` (one pass
per text); :data:`PARSER <errcat.extract.parse.markdown.PARSER>` uses it as its ``html_inline``
rule, and so does the hand-written inline reader (:mod:`errcat.extract.parse.plain`).

>>> tag_end("a <b>bold</b>", 2, {}), tag_end("<!-- note --> x", 0, {}), tag_end("<!-- x", 0, {})
(5, 13, -1)
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right

from errcat.extract.parse.commonmark import HTML_TAG_RE, StateInline, is_link_close, is_link_open

__all__ = ["html_inline", "last_index", "tag_end"]

# markdown-it's tag pattern, anchored by match() alone (older releases start it with "^").
_HTML_TAG = re.compile(HTML_TAG_RE.pattern.removeprefix("^"))
_TAG_SECOND = frozenset("!?/" + string.ascii_letters)
# A run of dashes before a ">", from its first dash (the lookbehind after the literal keeps the
# search at literal speed; the possessive run gives nothing back).
_DASHES_BEFORE_GT = re.compile(r"-(?<!--)-*+>")


def tag_end(src: str, pos: int, memo: dict) -> int:
    """End of the inline HTML markdown-it's ``html_inline`` rule reads at ``src[pos]`` (a "<"),
    or -1 where it reads none. ``memo`` holds what is found once per ``src`` (pass the same
    dict for every position of one text).

    As markdown-it does, a tag is only looked for when its end marker comes later in the text.
    """
    if pos + 2 >= len(src) or src[pos + 1] not in _TAG_SECOND:
        return -1
    second = src[pos + 1]
    if src.startswith("<!--", pos):
        if last_index(src, ">", memo) < pos + 4:
            return -1
        return _comment_end(src, pos, memo)
    if src.startswith("<![CDATA[", pos):
        if last_index(src, "]]>", memo) < pos + 9:
            return -1
    elif last_index(src, "?>" if second == "?" else ">", memo) < pos + (3 if second == "!" else 2):
        return -1
    tag = _HTML_TAG.match(src, pos)
    return tag.end() if tag else -1


def last_index(src: str, marker: str, memo: dict) -> int:
    """``src.rfind(marker)``, found once per text: whether a marker comes after a position is
    then one comparison, not a search to the end of the text at every position that asks."""
    if marker not in memo:
        memo[marker] = src.rfind(marker)
    return memo[marker]


def _comment_end(src: str, pos: int, memo: dict) -> int:
    """End of the comment at ``src[pos]`` ("<!--"), as markdown-it's comment pattern matches it.

    ``<!-->`` and ``<!--->`` are comments of their own. Otherwise the pattern's repetition reads
    the body in steps that always enter a run of dashes at its first dash and cross it three at
    a time, so it stops, and the comment ends, at the first run before a ">" whose length (from
    the body's start, for a run the body starts in) leaves two: ``--->`` does not end one,
    ``-->`` and ``----->`` do.
    """
    if src.startswith(("<!-->", "<!--->"), pos):
        return pos + (5 if src[pos + 4] == ">" else 6)
    if "runs" not in memo:
        starts: list[int] = []
        ends: list[int] = []  # where the ">" is
        for m in _DASHES_BEFORE_GT.finditer(src):
            starts.append(m.start())
            ends.append(m.end() - 1)
        # For each run, the first run from it on that ends a comment it is entered at the start of.
        first_ending = [len(ends)] * (len(ends) + 1)
        for j in range(len(ends) - 1, -1, -1):
            first_ending[j] = j if (ends[j] - starts[j]) % 3 == 2 else first_ending[j + 1]
        memo["runs"] = (starts, ends, first_ending)
    starts, ends, first_ending = memo["runs"]
    body = pos + 4
    j = bisect_right(ends, body)  # the first run whose ">" comes after the body's start
    if j < len(ends) and starts[j] < body:
        if (ends[j] - body) % 3 == 2:
            return ends[j] + 1  # the body starts inside this run
        j += 1
    j = first_ending[j]
    return ends[j] + 1 if j < len(ends) else -1


def html_inline(state: StateInline, silent: bool) -> bool:
    """markdown-it's ``html_inline`` rule, with :func:`tag_end` for the pattern."""
    if not state.md.options.get("html", None) or state.src[state.pos] != "<":
        return False
    memo = getattr(state, "errcat_memo", None)  # a state reads one text: memo per state
    if memo is None:
        memo = state.errcat_memo = {}
    end = tag_end(state.src, state.pos, memo)
    if end < 0:
        return False
    if not silent:
        token = state.push("html_inline", "", 0)
        token.content = state.src[state.pos : end]
        if is_link_open(token.content):
            state.linkLevel += 1
        if is_link_close(token.content):
            state.linkLevel -= 1
    state.pos = end
    return True
