"""Markdown → :class:`Block` list, using markdown-it-py's CommonMark parser with GFM tables.

GFM rules matter here: a table runs until a blank line, so group titles and repeated header rows
written between rows (``Trading (4010xx)`` / ``| Code | Message |``) arrive as rows of one table,
and :mod:`errcat.extract.read.tables` turns them back into sections.

>>> [b.kind for b in blocks_from_markdown("# Errors\\n\\ncode | message\\n--- | ---\\n1 | Failed")]
['heading', 'table']
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from errcat.extract.blocks import Block, nesting
from errcat.extract.parse.anchors import link_anchors
from errcat.extract.parse.inline_html import html_inline
from markdown_it import MarkdownIt
from markdown_it.token import Token

BREAK_TAGS = ("<br", "<BR", "</p", "<p")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.inline.ruler.at("html_inline", html_inline)  # the same rule, linear (see .inline_html)
    return md


PARSER = _parser()


def inline_text(token: Token) -> tuple[str, bool, bool]:
    """Plain text of an inline token, whether all of it is struck through, and whether all bold."""
    parts: list[str] = []
    struck_depth = strong_depth = 0
    plain = struck = strong = 0
    for child in token.children or ():
        kind = child.type
        if kind in ("s_open", "s_close"):
            struck_depth += 1 if kind == "s_open" else -1
        elif kind in ("strong_open", "strong_close"):
            strong_depth += 1 if kind == "strong_open" else -1
        elif kind in ("text", "code_inline"):
            parts.append(child.content)
            if child.content.strip():
                plain += 1
                struck += struck_depth > 0
                strong += strong_depth > 0
        elif kind in ("softbreak", "hardbreak") or (
            kind == "html_inline" and child.content.startswith(BREAK_TAGS)
        ):
            parts.append("\n")
    text = "".join(parts)
    return text, plain > 0 and struck == plain, plain > 0 and strong == plain


# MDX and Jekyll pages open with YAML front matter; markdown-it would read it as a heading.
_FRONT_MATTER_LINES = 60


def strip_front_matter(text: str) -> str:
    """The document with its YAML front matter replaced by its ``title`` as a level-1 heading.

    Docs sites render the front-matter title as the page heading, so a page keeps the same
    section title whether it writes ``# Error Codes`` or ``title: "Error Codes"``. Blank lines
    keep the line numbers.

    >>> strip_front_matter('---\\ntitle: "Error Codes"\\nsidebar: 3\\n---\\n| a |\\n')
    '# Error Codes\\n\\n\\n\\n| a |\\n'
    """
    if not text.startswith("---"):
        return text
    lines = text.split("\n", _FRONT_MATTER_LINES + 1)
    if lines[0].rstrip() != "---":
        return text
    for end in range(1, min(len(lines), _FRONT_MATTER_LINES + 1)):
        if lines[end].rstrip() == "---":
            title = next(
                (ln[6:].strip().strip("\"'") for ln in lines[1:end] if ln.startswith("title:")),
                "",
            )
            head = f"# {title}\n" if title else "\n"
            return head + "\n" * end + "\n".join(lines[end + 1 :])
    return text


_README_KINDS = ("[block:parameters]", "[block:api-header]")
_README_OPEN = re.compile("|".join(re.escape(k) for k in _README_KINDS))
_README_END = "\n[/block]"
_README_CELLS = 10_000  # cells of one block, at most


def readme_blocks(text: str) -> str:
    r"""The document with ReadMe's JSON blocks written as the markdown they render as: a
    ``[block:parameters]`` (the tables of ReadMe's older markdown, which repositories synced
    with ``rdme`` hold) as a table, a ``[block:api-header]`` as a heading. Blank lines keep the
    line numbers; a block that is not such JSON stays as it is.

    >>> print(readme_blocks('[block:parameters]\n{"data": {"h-0": "Code", "h-1": "Message", '
    ...     '"0-0": "71001", "0-1": "Symbol | halted"}, "cols": 2, "rows": 1}\n[/block]\n'))
    | Code | Message |
    | --- | --- |
    | 71001 | Symbol \| halted |
    <BLANKLINE>
    """
    if "[block:" not in text:
        return text
    out, at = [], 0
    # (one search for either kind: looking for each from every block scans to the end per block)
    while (opener := _README_OPEN.search(text, at)) is not None:
        start = opener.start()
        end = text.find(_README_END, start)
        if end < 0:
            break  # no block closes after here: the rest stays as it is
        close = end + len(_README_END)
        rendered = _rendered(text[start:close]) if start == 0 or text[start - 1] == "\n" else None
        if rendered is not None:
            lines = text.count("\n", start, close)
            # (a blank line after it, so text right below is no row of the table)
            out += [text[at:start], rendered, "\n" * max(1, lines - rendered.count("\n"))]
        else:
            out.append(text[at:close])
        at = close
    out.append(text[at:])
    return "".join(out)


def _rendered(block: str) -> str | None:
    kind, _, rest = block.partition("]")
    try:
        data = json.loads(rest[: -len(_README_END)])
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    if kind == "[block:api-header":
        title = data.get("title")
        return f"## {_one_line(title)}" if isinstance(title, str) and title.strip() else None
    cells, cols, rows = data.get("data"), data.get("cols"), data.get("rows")
    if not isinstance(cells, dict) or not isinstance(cols, int) or not isinstance(rows, int):
        return None
    if not 0 < cols * (rows + 1) <= _README_CELLS:
        return None

    def cell(key: str) -> str:
        value = cells.get(key, "")
        return _one_line(value).replace("|", "\\|") if isinstance(value, str) else ""

    lines = ["| " + " | ".join(cell(f"h-{c}") for c in range(cols)) + " |"]
    lines.append("| " + " | ".join("---" for _ in range(cols)) + " |")
    lines += ["| " + " | ".join(cell(f"{r}-{c}") for c in range(cols)) + " |" for r in range(rows)]
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Docusaurus' and VuePress' containers: ":::caution Deprecated codes" … ":::"
_CONTAINER = re.compile(
    r"^:::+[ \t]*(?:[\w-]+(?:\[(?P<bracketed>[^\]\n]*)\]|[ \t]+(?P<title>[^\n]*?))?)?[ \t]*$", re.M
)
# What ends a container or an admonition's content, written as the HTML it renders to closes
# (see html_block): what follows it is under the heading's title again.
_CLOSE = "\n</details>\n"
# Python-Markdown's (MkDocs Material's) tabs and admonitions: a marker line, then the content
# indented by four spaces (which CommonMark reads as a code block).
_MKDOCS_MARK = re.compile(
    r'^(?:(?P<tab>===[!+]?)[ \t]+"(?P<label>[^"\n]*)"'
    r'|(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+"(?P<title>[^"\n]*)")?)[ \t]*$',
    re.M,
)
_MKDOCS_DEPTH = 8  # marks inside marks, read at most so deep


def containers(text: str) -> str:
    r"""The document with Docusaurus' and VuePress' containers written as what they render
    as: the title of ``:::caution Deprecated codes`` (``:::note[Title]``) a line over the
    content, the closing ``:::`` the end of what it holds.

    >>> print(containers(':::tip Margin codes\n| Code |\n:::\n'))
    Margin codes
    <BLANKLINE>
    | Code |
    <BLANKLINE>
    </details>
    <BLANKLINE>
    <BLANKLINE>
    """
    if ":::" not in text:
        return text
    return _CONTAINER.sub(_container_line, text)


def _container_line(mark: re.Match[str]) -> str:
    title = (mark.group("title") or mark.group("bracketed") or "").strip()
    if title:
        return title + "\n"  # (a paragraph of its own)
    if mark.group(0).strip(": \t"):
        return ""  # an opening mark without a title
    return _CLOSE


# GitBook's tags ("{% tab title="WebSocket" %}", "{% endtab %}", "{% hint style="info" %}")
_GITBOOK_TAG = re.compile(
    r'^[ \t]*\{%[ \t]*(?P<end>end)?(?P<name>[\w-]+)(?:[ \t]+[^%\n]*?title="(?P<title>[^"\n]*)")?'
    r"[^%\n]*%\}[ \t]*$",
    re.M,
)


def gitbook_blocks(text: str) -> str:
    r"""The document with GitBook's tags written as what they render as: a tab's title
    (``{% tab title="WebSocket" %}``) a bold line over its content, ``{% endtab %}`` the end of
    what it holds; the other tags (hints, code titles, tab sets, content references) only
    wrap content.

    >>> print(gitbook_blocks('{% tabs %}\n{% tab title="REST" %}\n| Code |\n{% endtab %}\n'))
    <BLANKLINE>
    **REST**
    <BLANKLINE>
    | Code |
    <BLANKLINE>
    </details>
    <BLANKLINE>
    <BLANKLINE>
    """
    if "{%" not in text:
        return text
    return _GITBOOK_TAG.sub(_gitbook_line, text)


def _gitbook_line(tag: re.Match[str]) -> str:
    if tag.group("name") != "tab":
        return ""
    if tag.group("end"):
        return _CLOSE
    title = (tag.group("title") or "").strip()
    return f"**{title}**\n" if title else ""


def mkdocs_blocks(text: str) -> str:
    r"""The document with MkDocs Material's tabs and admonitions written as what they render
    as: a tab's label (``=== "REST"``) a bold line over its content, an admonition's title
    (``!!! warning "Deprecated codes"``) a line over its content, the content out of its
    indentation.

    >>> print(mkdocs_blocks('=== "REST"\n\n    | Code | Message |\n    | 1 | Bad |\n'))
    **REST**
    <BLANKLINE>
    <BLANKLINE>
    | Code | Message |
    | 1 | Bad |
    <BLANKLINE>
    </details>
    <BLANKLINE>
    <BLANKLINE>

    The content's end is written as the end of the HTML it renders to (``</details>``), so
    what follows is under the heading's title again (see :func:`html_block`).
    """
    if "===" not in text and "!!!" not in text and "???" not in text:
        return text  # (the marks' search tries every position: most pages have none of them)
    if _MKDOCS_MARK.search(text) is None:
        return text
    return "\n".join(_unindented(text.split("\n"), _MKDOCS_DEPTH))


def _unindented(lines: list[str], depth: int) -> list[str]:
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        mark = _MKDOCS_MARK.match(lines[i]) if depth else None
        if mark is None:
            out.append(lines[i])
            i += 1
            continue
        label = (mark.group("label") if mark.group("tab") else mark.group("title")) or ""
        out += [f"**{label.strip()}**" if mark.group("tab") and label.strip() else label, ""]
        end = i + 1
        while end < n and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
            end += 1
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1  # the blank lines after the content are the document's
        body = [_dedented(line) for line in lines[i + 1 : end]]
        out += _unindented(body, depth - 1)
        i = end
        following = next((line for line in lines[end:] if line.strip()), "")
        if not (mark.group("tab") and _MKDOCS_MARK.match(following) and following[:3] == "==="):
            out.append(_CLOSE)  # the admonition, or the last tab of a set, ends here
    return out


def _dedented(line: str) -> str:
    if line.startswith("    "):
        return line[4:]
    return line[1:] if line.startswith("\t") else ""


def source_text(text: str) -> str:
    """What markdown-it is given: front matter as its title, MkDocs' tabs and admonitions,
    GitBook's tags, Docusaurus' containers and ReadMe's blocks as markdown."""
    return readme_blocks(containers(gitbook_blocks(mkdocs_blocks(strip_front_matter(text)))))


def blocks_from_markdown(text: str) -> list[Block]:
    """Flatten a markdown document into blocks, in document order."""
    return blocks_from_tokens(PARSER.parse(source_text(text)))


def _soup_blocks(source: str) -> list[Block]:
    # Imported lazily: MDX and Slate pages embed whole HTML tables in markdown.
    from errcat.extract.parse.html import blocks_from_html

    return blocks_from_html(source)


# An HTML block of markdown that closes an MDX set of tabs (each tab titles what follows it),
# or a disclosure (its summary heads what it hides)
_CLOSES_TABS = re.compile(r"</(?:tabs|details|accordion)\s*>", re.I)


def html_block(content: str, html: Callable[[str], list[Block]]) -> list[Block]:
    """The blocks of one HTML block of a markdown page (markdown-it's ``html_block`` token, or
    the fast path's), read by ``html``; one that closes an MDX set of tabs (``</Tabs>``) or a
    disclosure (``</details>``, ``</Accordion>``) ends with an ``end`` block: back to the
    heading's title."""
    blocks = html(content)
    closes = _CLOSES_TABS.search(content)
    if closes is None:
        return blocks
    if not content[: closes.start()].strip():
        # "</details>" then the next "<details><summary>…": the end comes first
        return [Block("end"), *blocks]
    return [*blocks, Block("end")]


def blocks_from_tokens(
    tokens: Sequence[Token], html: Callable[[str], list[Block]] = _soup_blocks
) -> list[Block]:
    """The blocks of markdown-it's tokens; ``html`` reads an HTML block (BeautifulSoup's
    :func:`~errcat.extract.parse.html.blocks_from_html`, or a builder that gives the same)."""
    blocks: list[Block] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            text, struck, _ = inline_text(tokens[i + 1])
            level, anchors = int(tok.tag[1:]), link_anchors(tokens[i + 1])
            blocks.append(
                Block("heading", text=text, level=level, struck=(struck,), anchors=anchors)
            )
            i += 3
        elif kind == "paragraph_open":
            text, struck, strong = inline_text(tokens[i + 1])
            blocks.append(Block("paragraph", text=text, strong=strong, struck=(struck,)))
            i += 3
        elif kind in ("bullet_list_open", "ordered_list_open"):
            i = _read_list(tokens, i, blocks)
        elif kind == "table_open":
            i = _read_table(tokens, i, blocks)
        elif kind == "blockquote_open":
            i = _read_quote(tokens, i, blocks, html)
        elif kind in ("fence", "code_block"):
            blocks.append(Block("code", text=tok.content))
            i += 1
        elif kind == "html_block":
            blocks.extend(html_block(tok.content, html))
            i += 1
        else:
            i += 1
    return blocks


def _matching_close(tokens: Sequence[Token], start: int) -> int:
    """Index of the token closing ``tokens[start]`` (same nesting level)."""
    opener = tokens[start]
    close_type = opener.type.replace("_open", "_close")
    depth = 0
    for j in range(start, len(tokens)):
        t = tokens[j]
        if t.type == opener.type:
            depth += 1
        elif t.type == close_type:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _read_list(tokens: Sequence[Token], start: int, out: list[Block]) -> int:
    end = _matching_close(tokens, start)
    items: list[str] = []
    struck: list[bool] = []
    current: list[tuple[str, bool]] = []
    depths: list[int] = []
    depth = started = 0  # lists open inside the outer one; the depth of the item started

    def flush() -> None:
        if current:
            items.append("\n".join(t for t, _ in current))
            struck.append(all(s for _, s in current))
            depths.append(started)
            current.clear()

    for j in range(start + 1, end):
        t = tokens[j]
        if t.type == "list_item_open":
            flush()
            started = depth
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif t.type == "inline":
            text, is_struck, _ = inline_text(t)
            current.append((text, is_struck))
        elif t.type in ("fence", "code_block"):
            current.append((t.content, False))
    flush()
    out.append(Block("list", items=tuple(items), struck=tuple(struck), depths=nesting(depths)))
    return end + 1


def _read_table(tokens: Sequence[Token], start: int, out: list[Block]) -> int:
    end = _matching_close(tokens, start)
    rows: list[tuple[str, ...]] = []
    struck: list[bool] = []
    cells: list[str] = []
    cell_struck: list[bool] = []
    for j in range(start + 1, end):
        t = tokens[j]
        if t.type == "tr_open":
            cells, cell_struck = [], []
        elif t.type == "inline":
            text, is_struck, _ = inline_text(t)
            cells.append(text)
            cell_struck.append(is_struck)
        elif t.type == "tr_close":
            rows.append(tuple(cells))
            # The code cell decides: a struck-through code is a deprecated code.
            struck.append(bool(cell_struck) and cell_struck[0])
    out.append(Block("table", rows=tuple(rows), struck=tuple(struck)))
    return end + 1


def _read_quote(
    tokens: Sequence[Token], start: int, out: list[Block], html: Callable[[str], list[Block]]
) -> int:
    end = _matching_close(tokens, start)
    inner = blocks_from_tokens(tokens[start + 1 : end], html)
    lines = [b for b in inner if b.kind in ("paragraph", "heading")]
    struck = bool(lines) and all(b.is_struck(0) for b in lines)
    out.append(Block("quote", text="\n".join(b.text for b in lines), struck=(struck,)))
    # Lists inside a quote still carry messages; keep them as their own blocks after the quote.
    out.extend(b for b in inner if b.kind in ("list", "table"))
    return end + 1
