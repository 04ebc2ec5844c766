"""A reader is one registration.

A reader for a shape no reader reads today (JSON error objects in code samples), registered
through :func:`errcat.extract.register` and nothing else, finds its codes on a small markdown
page, on a 1.5 MB whole-API page and on HTML pages, on the fast path as on the full one; the
registration is undone after each test.
"""

from __future__ import annotations

import json

import errcat
import pytest
from errcat.extract import READERS, register, unregister
from errcat.model import Entry
from markdown_it import MarkdownIt

from tests.conftest import FIXTURES

GATE = FIXTURES / "corpus" / "gateio" / "coincise" / "2025-11-24_030c215a.md"


def read_error_objects(blocks, i, section):
    """Every JSON object in a code sample, also nested, with a code ("code" or "label") and a
    "message": one entry each."""
    try:
        data = json.loads(blocks[i].text)
    except ValueError:
        return None
    found: list[Entry] = []
    stack = [data]
    while stack:
        value = stack.pop(0)
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            code, message = value.get("code", value.get("label")), value.get("message")
            if isinstance(code, int | str) and str(code) and isinstance(message, str):
                found.append(Entry(str(code), messages=(message,)))
            stack.extend(value.values())
    return (found, i + 1) if found else None


@pytest.fixture
def error_objects():
    before = list(READERS)
    register("error objects", read_error_objects, ["code"])
    try:
        yield
    finally:
        unregister("error objects")
    assert list(READERS) == before


def both(document: str, format: str = "auto") -> tuple[errcat.Catalog, errcat.Catalog]:
    fast = errcat.extract(document, format)
    full = errcat.extract(document, format, fast=False)
    assert fast == full
    return fast, full


SMALL = (
    "# Errors\n\nFailed requests answer with an error object:\n\n"
    '```json\n{"code": 1001, "message": "Signature invalid"}\n```\n\n'
    "## Orders\n\n```json\n"
    '{"result": null, "error": {"code": 2002, "message": "Insufficient balance"}}\n```\n'
)


def test_no_reader_reads_error_objects_today():
    for cat in both(SMALL):
        assert cat.entries == ()


def test_small_markdown_page(error_objects):
    for cat in both(SMALL):
        assert [(e.code, e.messages) for e in cat.entries] == [
            ("1001", ("Signature invalid",)),
            ("2002", ("Insufficient balance",)),
        ]


# Read off the page: its "Error Handling" section (twice on the page) shows the error body
# {"label": "INVALID_PARAM_VALUE", "message": "Invalid parameter `text` with value: abc"}; a
# repayment's "200 Response" sample, far from any error section, holds
# {"succeeded": false, "label": "INVALID_PARAM_VALUE", "message": "Invalid parameter value", ...}.
# Other samples have an empty or null label.
GATE_MESSAGE = "Invalid parameter `text` with value: abc"


def test_whole_api_markdown_page(error_objects):
    text = GATE.read_text(encoding="utf-8")
    assert len(text) > 1_500_000
    for cat in both(text):
        assert GATE_MESSAGE in cat.get("INVALID_PARAM_VALUE").messages


def test_whole_api_page_without_the_reader():
    fast, _ = both(GATE.read_text(encoding="utf-8"))
    assert GATE_MESSAGE not in fast.get("INVALID_PARAM_VALUE").messages


def test_whole_api_page_rendered_to_html(error_objects):
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    html = md.render(GATE.read_text(encoding="utf-8"))
    for cat in both(html, "html"):
        assert GATE_MESSAGE in cat.get("INVALID_PARAM_VALUE").messages


def test_html_page_with_highlighted_samples(error_objects):
    # As doc sites highlight samples: a span per token, which the fast path's parse leaves out.
    sample = (
        '<pre><code class="language-json"><span class="p">{</span><span class="nt">"code"'
        '</span><span class="p">:</span> <span class="mi">1001</span><span class="p">,</span> '
        '<span class="nt">"message"</span><span class="p">:</span> '
        '<span class="s2">"Signature invalid"</span><span class="p">}</span></code></pre>'
    )
    page = f"<html><body><h1>Errors</h1><p>An error object:</p>{sample}</body></html>"
    for cat in both(page, "html"):
        assert [(e.code, e.messages) for e in cat.entries] == [("1001", ("Signature invalid",))]


def test_register_in_order_and_undo():
    def never(blocks, i, section):
        return None

    names = list(READERS)
    register("first", never, ["paragraph"], before=names[0])
    try:
        assert list(READERS) == ["first", *names]
        with pytest.raises(ValueError, match="registered already"):
            register("first", never, ["paragraph"])
        with pytest.raises(ValueError, match="unknown block kinds"):
            register("odd", never, ["image"])  # type: ignore[list-item]
        with pytest.raises(ValueError, match="no reader 'nope'"):
            register("odd", never, ["code"], before="nope")
    finally:
        unregister("first")
    assert list(READERS) == names
    with pytest.raises(ValueError, match="no reader 'first'"):
        unregister("first")
