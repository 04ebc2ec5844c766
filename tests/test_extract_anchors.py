"""Heading anchors: a scrape that lost a heading's words keeps them in its permalink.

The document is written for this test in the shape of a docs scrape whose area headings lost
their ``REST API`` / ``WebSocket`` titles, leaving two headings both titled ``Public``.
"""

from __future__ import annotations

import pytest
from errcat.extract import extract, to_blocks
from errcat.extract.blocks import Block
from errcat.extract.parse import fast_blocks
from errcat.extract.parse.markdown import blocks_from_markdown

BASE = "https://docs.example.test/api/"
MARKDOWN = f"""# Trading API - Errors

## Public [🔗]({BASE}#errors-rest-public "Link to: errors-rest-public")

| Code | Message |
| ---- | ------- |
| 3001 | Order not found |
| 3002 | Price out of range |

## Public [\u200b](#errors-websocket-public)

| Code | Message |
| ---- | ------- |
| 7001 | Subscription limit reached |

## Limits, see [notes](#ws-notes)

| Code | Message |
| ---- | ------- |
| 8001 | Too many requests |
"""
HTML = f"""<html><body><h1>Trading API - Errors</h1>
<h2 id="errors-rest-public">Public <a href="#errors-rest-public">#</a></h2>
<table><tr><th>Code</th><th>Message</th></tr>
<tr><td>3001</td><td>Order not found</td></tr><tr><td>3002</td><td>Price out of range</td></tr>
</table>
<h2><a name="errors-websocket-public"></a>Public</h2>
<table><tr><th>Code</th><th>Message</th></tr><tr><td>7001</td><td>Subscription limit reached</td>
</tr></table>
<h2>Limits, see <a href="{BASE}#ws-notes">notes</a></h2>
<table><tr><th>Code</th><th>Message</th></tr><tr><td>8001</td><td>Too many requests</td></tr>
</table></body></html>"""


def test_markdown_headings_carry_their_permalink_targets():
    headings = [b for b in blocks_from_markdown(MARKDOWN) if b.kind == "heading"]
    assert [b.anchors for b in headings] == [
        (),
        ("errors-rest-public",),
        ("errors-websocket-public",),
        (),  # a worded link points elsewhere
    ]
    assert headings[1] == Block(
        "heading", text="Public 🔗", level=2, struck=(False,), anchors=("errors-rest-public",)
    )


@pytest.mark.parametrize(
    ("document", "format"), [(MARKDOWN, "markdown"), (HTML, "html")], ids=["markdown", "html"]
)
def test_fast_blocks_carry_the_same_anchors(document: str, format: str):
    blocks = fast_blocks(document, format)
    assert blocks == to_blocks(document, format)
    assert any(b.anchors for b in blocks)


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "full"])
@pytest.mark.parametrize(
    ("document", "format"), [(MARKDOWN, "markdown"), (HTML, "html")], ids=["markdown", "html"]
)
def test_the_anchor_decides_the_surface(document: str, format: str, fast: bool):
    catalog = extract(document, format, fast=fast)
    surfaces = {(e.code, e.surface, e.group) for e in catalog.entries}
    assert surfaces == {
        ("3001", "rest", "Public"),
        ("3002", "rest", "Public"),
        ("7001", "websocket", "Public"),
        ("8001", "rest", "Limits, see notes"),
    }


@pytest.mark.parametrize(
    ("line", "anchors"),
    [
        ('### Public [\u200b](#ws-public "Direct link to Public")', ("ws-public",)),
        ("### Ошибки [¶](#ошибки-websocket)", ("ошибки-websocket",)),  # markdown-it encodes it
        ("### Errors [#](#ws%20errors) [#](#ws%20errors)", ("ws errors",)),  # decoded, once
        ("### `Errors` [🔗](https://x.test/a/b?q=1#ws-{x}|y)", ("ws-{x}|y",)),
        ("### *Errors* [](#ws-empty)", ("ws-empty",)),  # emphasis: markdown-it's inline parse
        ("### [![icon](i.png)](#ws-icon) Errors", ("ws-icon",)),  # an image has no words
        ("### Errors [](/no/fragment) [](#) [text](#ws)", ()),
        ("### Errors \\[](#ws-escaped)", ()),  # no link
    ],
)
def test_heading_anchors_fast_as_full(line: str, anchors: tuple[str, ...]):
    doc = f"# Page\n\n{line}\n\n| Code | Message |\n|---|---|\n| 1 | Bad |\n"
    full = to_blocks(doc, "markdown")
    assert fast_blocks(doc, "markdown") == full
    assert full[1].kind == "heading" and full[1].anchors == anchors
