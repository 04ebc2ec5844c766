"""Document → blocks: the parsers (markdown-it-py, BeautifulSoup) and the fast builders.

:func:`to_blocks` is the full path, the reference; :mod:`.scan` gives the same blocks faster.
"""

from __future__ import annotations

import re

from errcat.errors import DocumentError
from errcat.extract.blocks import Block
from errcat.extract.parse.html import blocks_from_html
from errcat.extract.parse.markdown import blocks_from_markdown

FORMATS: tuple[str, ...] = ("auto", "markdown", "html")

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


__all__ = ["FORMATS", "detect_format", "to_blocks"]
