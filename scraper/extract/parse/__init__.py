"""Document → blocks: the reference parsers and the fast builders, which give the same blocks.

The full path, :func:`to_blocks`, is markdown-it-py (:mod:`.markdown`) or BeautifulSoup on lxml
(:mod:`.html`). The fast path, :func:`fast_blocks`, builds the same blocks without them where it
can: plain markdown by hand (:mod:`.pieces`, :mod:`.plain`), HTML from one lxml parse
(:mod:`.lxml_html`). Neither knows what the readers look for; both build every block.

>>> doc = "# Errors\\n\\n| code | msg |\\n|-|-|\\n| 1 | Bad |\\n"
>>> fast_blocks(doc, "markdown") == to_blocks(doc, "markdown")
True
"""

from __future__ import annotations

import re

from errcat.errors import DocumentError
from errcat.extract.blocks import Block
from errcat.extract.parse.html import blocks_from_html
from errcat.extract.parse.lxml_html import html_blocks
from errcat.extract.parse.markdown import blocks_from_markdown
from errcat.extract.parse.pieces import markdown_blocks

FORMATS: tuple[str, ...] = ("auto", "markdown", "html")

_HTML_START = re.compile(
    r"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<section|<article|<main|<table|<h[1-6]"
    r"|<p[\s>]|<ul|<!--)",
    re.I,
)
# Comments a markdown file opens with ("<!-- generated from errors.yaml -->") say nothing of its
# syntax: what follows them does
_LEADING_COMMENTS = re.compile(r"\s*(?:<!--.*?-->\s*)+", re.S)


def detect_format(text: str) -> str:
    """``"html"`` for a page that starts as HTML, else ``"markdown"``.

    >>> detect_format("<!DOCTYPE html><html>...")
    'html'
    >>> detect_format("# Errors\\n\\n| code | msg |")
    'markdown'
    >>> detect_format("<!-- generated -->\\n# Errors"), detect_format("<!-- x -->\\n<html>")
    ('markdown', 'html')
    """
    head = text[:2048]
    if head.lstrip().startswith("<!--") and (comments := _LEADING_COMMENTS.match(head)):
        rest = head[comments.end() :]
        if rest.strip():
            head = rest
    return "html" if _HTML_START.match(head) else "markdown"


def to_blocks(text: str, format: str = "auto") -> list[Block]:
    if format == "auto":
        format = detect_format(text)
    if format == "html":
        return blocks_from_html(text)
    if format == "markdown":
        return blocks_from_markdown(text)
    raise DocumentError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")


def fast_blocks(text: str, format: str = "auto") -> list[Block]:
    """What :func:`to_blocks` gives, built faster (the builders that fall back to it where
    they cannot tell)."""
    if format == "auto":
        format = detect_format(text)
    if format == "html":
        return html_blocks(text)
    if format == "markdown":
        return markdown_blocks(text)
    raise DocumentError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "detect_format", "fast_blocks", "to_blocks"]
