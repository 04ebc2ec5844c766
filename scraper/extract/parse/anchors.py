"""A heading's own anchors: the ids a heading is reached by, as the parsers record them.

Doc sites give every heading an anchor (``<h3 id="error-code-websocket-public">``) and often a
permalink beside its text (``### Public [🔗](#error-code-websocket-public)``, Docusaurus'
``[\u200b](#id "Direct link to ...")``). A scrape that loses a heading's words keeps them there:
the anchor is the one trace of ``WebSocket`` left on such a page. Only links without words of their
own count (an empty label, ``🔗``, ``¶``, ``#``): a worded link in a heading points somewhere
else (``Errors (see [connection](#ws-connection))``).

Both markdown paths take a heading's anchors from markdown-it's inline tokens
(:func:`link_anchors`), both HTML paths from the element's attributes (:func:`fragment`,
:func:`is_permalink_label`), so the fast builders give the same anchors as the reference ones.

>>> fragment("https://example.com/docs/#error-code-websocket%20public")
'error-code-websocket public'
>>> fragment("/docs/errors"), fragment("#")
(None, None)
>>> is_permalink_label("\u200b"), is_permalink_label(" 🔗 "), is_permalink_label("Orders")
(True, True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote

from markdown_it.token import Token


def fragment(href: str) -> str | None:
    """The fragment a link target points at (percent-decoded), or ``None`` when it has none."""
    at = href.find("#")
    if at < 0:
        return None
    target = unquote(href[at + 1 :]).strip()
    return target or None


def is_permalink_label(text: str) -> bool:
    """Whether a link's visible text has no letter or digit (a permalink sign, or nothing)."""
    return not any(char.isalnum() for char in text)


def link_anchors(token: Token) -> tuple[str, ...]:
    """The fragments that the permalinks of an inline token (a heading's content) point at.

    >>> from errcat.extract.parse.markdown import PARSER
    >>> link_anchors(PARSER.parseInline("Public [🔗](https://x.test/#ws-public)")[0])
    ('ws-public',)
    >>> link_anchors(PARSER.parseInline("Orders, see [limits](#ws-limits)")[0])
    ()
    """
    found: list[str] = []
    href: str | None = None
    label: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind == "link_open":
            href = str(child.attrs.get("href", ""))
            label = []
        elif kind == "link_close":
            target = fragment(href) if href is not None else None
            if target is not None and is_permalink_label("".join(label)):
                found.append(target)
            href = None
        elif href is not None and kind in ("text", "code_inline"):
            label.append(child.content)
    return tuple(dict.fromkeys(found))


def html_anchors(
    own_id: str | None, links: Iterable[tuple[str | None, str | None, str | None, str]]
) -> tuple[str, ...]:
    """The anchors of an HTML heading: its ``id``, then per ``<a>`` in it (given as ``id``,
    ``name``, ``href`` and text) its ``id`` and ``name``, and its target if it is a permalink.

    >>> html_anchors("errors", [(None, None, "#errors", "¶"), ("ws", None, "/api", "")])
    ('errors', 'ws')
    """
    found: list[str] = []
    if own_id and own_id.strip():
        found.append(own_id.strip())
    for link_id, name, href, text in links:
        found.extend(value.strip() for value in (link_id, name) if value and value.strip())
        if href is not None and is_permalink_label(text):
            target = fragment(href)
            if target is not None:
                found.append(target)
    return tuple(dict.fromkeys(found))


__all__ = ["fragment", "html_anchors", "is_permalink_label", "link_anchors"]
