"""Any input: a valid catalog or the project's own one-line error, never another exception.

Hypothesis feeds text, bytes and markup-heavy strings through both extraction paths; hand-made
adversarial documents probe the known ways parsers fall over (long lines, deep nesting, odd
encodings). Properties: row order is the only thing a row shuffle changes; the HTML markdown-it
renders from a page extracts like the page; extraction is deterministic.

The longer fuzz run is ``bench/fuzz_extract.py`` (figures in BENCHMARKS.md).
"""

from __future__ import annotations

import codecs
import random

import errcat
import pytest
from errcat.catalog import dumps, validate
from errcat.errors import DocumentError, ErrcatError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TABLE_HEAD = "# Errors\n\n| Code | Message |\n|---|---|\n"


def outcome(document: str | bytes, format: str = "auto", fast: bool = True) -> errcat.Catalog:
    """Extract; a catalog must be schema-valid once it carries source metadata."""
    cat = errcat.extract(document, format, fast=fast)
    validate(cat.with_source("fuzz", "Fuzz", "https://example.com/errors").to_dict(), name="fuzz")
    return cat


def survives(document: str | bytes, format: str = "auto") -> errcat.Catalog | None:
    """The catalog (same on both paths), or None for the project's own error."""
    results = []
    for fast in (True, False):
        try:
            results.append(outcome(document, format, fast))
        except ErrcatError as err:
            message = str(err)
            assert message and "\n" not in message and "Traceback" not in message
            results.append(None)
    assert results[0] == results[1]
    return results[0]


# --- any input --------------------------------------------------------------------------------

_MARKUP = st.lists(
    st.sampled_from(
        [*"|-*#>`\\_~<>/!&;:[]()\n\n  \t0123456789aZ_={}\"'\x00\r\ufeff±é",
         "<table>", "<tr>", "<td>", "<th>", "</td>", "<h2>", "</h2>", "<ul><li>", "<pre>",
         "```", "| Code | Message |", "|---|---|", "-1121 BAD_SYMBOL", "&amp;", "&#0;",
         "<!--", "-->", "<br>", "~~", "**"]
    ),
    max_size=120,
).map("".join)  # fmt: skip


@FUZZ
@given(st.text(max_size=400), st.sampled_from(["auto", "markdown", "html"]))
def test_any_text(text: str, format: str):
    survives(text, format)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes):
    survives(data)


@FUZZ
@given(_MARKUP, st.sampled_from(["auto", "markdown", "html"]))
def test_markup_soup(text: str, format: str):
    survives(text, format)


# --- adversarial documents --------------------------------------------------------------------


def test_100k_pipes_on_one_line():
    assert len(survives("|" * 100_000)) == 0
    # ...also as the body row of a real error table, whose other rows still count
    cat = survives(TABLE_HEAD + "| 1 | Failed |\n" + "|" * 100_000 + "\n")
    assert cat.get("1").messages == ("Failed",)


def test_50k_nested_lists():
    assert survives("- " * 50_000 + "-1000 deep") is not None
    assert survives("> " * 50_000 + "-1000 UNKNOWN") is not None
    nested = "\n".join("  " * i + "- item" for i in range(300))
    assert survives("# Errors\n\n" + nested) is not None


def test_50k_nested_html_elements():
    for tag in ("div", "ul", "span", "table"):
        page = f"<{tag}>" * 50_000 + "<p>-1000</p>" + f"</{tag}>" * 50_000
        survives(page, "html")


def test_10_mb_without_a_newline():
    # Fast path only: the full parse of 10 MB takes seconds (see BENCHMARKS.md).
    for data in (b"a" * 10_000_000, b"<p>" + b"a" * 10_000_000):
        assert len(outcome(data)) == 0


def test_over_the_size_cap_is_a_clear_error():
    # (it said "20.0 MB is over the 20 MB limit" of a page one byte over)
    with pytest.raises(DocumentError, match=r"big\.md: 20,971,521 bytes, over the limit of "):
        errcat.extract(b" " * (20 * 2**20 + 1), name="big.md")


def test_nul_bytes():
    with pytest.raises(DocumentError, match="NUL bytes"):
        errcat.extract(TABLE_HEAD.encode() + b"| 1 | a\x00b |\n")
    with pytest.raises(DocumentError):
        errcat.extract(b"\x00" * 4096)
    # In text (no decoding step) the parsers replace NUL; the catalog stays valid.
    cat = survives(TABLE_HEAD + "| 1 | a\x00b |\n")
    assert cat.get("1") is not None and "\x00" not in cat.get("1").messages[0]
    page = "<h1>Errors</h1><table><tr><th>Code</th><th>Message</th></tr>"
    survives(page + "<tr><td>1</td><td>a\x00b</td></tr></table>", "html")


MESSAGE = "Price ±5% – “quoted” café"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            (TABLE_HEAD + f"| 1 | {MESSAGE} |\n").encode("utf-16"), MESSAGE, id="utf16-bom"
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + (TABLE_HEAD + f"| 1 | {MESSAGE} |\n").encode("utf-16-be"),
            MESSAGE,
            id="utf16be-bom",
        ),
        pytest.param((TABLE_HEAD + f"| 1 | {MESSAGE} |\n").encode("cp1252"), MESSAGE, id="cp1252"),
        pytest.param(
            (TABLE_HEAD + f"| 1 | {MESSAGE} |\n").encode("utf-8").decode("latin-1").encode(),
            MESSAGE,
            id="double-utf8-via-latin1",
        ),
        pytest.param(
            (TABLE_HEAD + "| 1 | ±5% – café |\n").encode("utf-8").decode("cp1252").encode(),
            "±5% – café",
            id="double-utf8-via-cp1252",
        ),
        pytest.param(
            TABLE_HEAD.encode() + b"| 1 | caf\xe9 \xff |\n",
            "café ÿ",
            id="invalid-utf8-read-as-cp1252",
        ),
    ],
)
def test_encodings(data: bytes, message: str):
    cat = survives(data)
    assert cat.get("1").messages == (message,)


def test_utf16_without_bom_is_refused_not_misread():
    data = (TABLE_HEAD + "| 1 | Failed |\n").encode("utf-16-le")
    with pytest.raises(DocumentError, match="NUL bytes"):
        errcat.extract(data)


def test_pathological_inline_markup():
    for text in ("`" * 100_000, "[" * 50_000 + "]" * 50_000, "*a" * 50_000, "<" * 100_000):
        survives("# Errors\n\n" + text)


# --- properties -------------------------------------------------------------------------------

_CODES = st.lists(st.integers(-99_999, 999_999), min_size=2, max_size=25, unique=True)
_WORDS = st.sampled_from(["Invalid symbol", "Order not found", "Too many requests", "Bad {}"])


@FUZZ
@given(_CODES, st.lists(_WORDS, min_size=25, max_size=25), st.randoms(use_true_random=False))
def test_shuffling_table_rows_changes_only_order(codes, words, rnd: random.Random):
    rows = [
        f"| {code} | {word} {i} |" for i, (code, word) in enumerate(zip(codes, words, strict=False))
    ]
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    before = outcome(TABLE_HEAD + "\n".join(rows) + "\n")
    after = outcome(TABLE_HEAD + "\n".join(shuffled) + "\n")
    assert sorted(before.entries, key=lambda e: e.code) == sorted(
        after.entries, key=lambda e: e.code
    )
    assert [e.code for e in after] == [r.split("|")[1].strip() for r in shuffled]
    assert len(before) == len(codes)


_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

_SECTION = st.one_of(
    st.builds(
        lambda title, codes: (
            f"## {title}\n\n| Code | Message |\n|---|---|\n"
            + "".join(f"| {c} | Failure number {c} |\n" for c in codes)
        ),
        st.sampled_from(["REST errors", "WebSocket errors", "Trading", "Account"]),
        _CODES,
    ),
    st.builds(
        lambda codes: (
            "## 10xx - General\n\n"
            + "".join(f"### -{c} ERROR_{c}\n\n* Message {c}.\n* Other {c}.\n\n" for c in codes)
        ),
        st.lists(st.integers(1000, 9999), min_size=1, max_size=8, unique=True),
    ),
    st.sampled_from(
        ["Some prose about the API.\n", '```\n{"code": 1}\n```\n', "- a list\n- of things\n"]
    ),
)


@FUZZ
@given(st.lists(_SECTION, min_size=1, max_size=5))
def test_markdown_rendered_to_html_extracts_the_same(sections: list[str]):
    doc = "# Errors\n\n" + "\n".join(sections)
    from_markdown = outcome(doc, "markdown")
    from_html = outcome(_MD.render(doc), "html")
    assert from_html == from_markdown


@FUZZ
@given(_MARKUP)
def test_extraction_is_deterministic(text: str):
    try:
        first = outcome(TABLE_HEAD + text)
    except ErrcatError:
        return
    second = outcome(TABLE_HEAD + text)
    assert first == second
    assert dumps(first) == dumps(second)


def test_lone_surrogates_in_text_become_replacement_characters():
    # Only str input can carry them; no parser, encoder or JSON file accepts them.
    for page, format in (
        (TABLE_HEAD + "| 1 | a\ud800b |\n", "markdown"),
        ("<h1>Errors</h1><table><tr><th>Code</th><th>Message</th></tr>"
         "<tr><td>1</td><td>a\ud800b</td></tr></table>", "html"),
    ):  # fmt: skip
        cat = survives(page, format)
        assert cat.get("1").messages == ("a\ufffdb",)
        dumps(cat.with_source("s", "S", "https://example.com/")).encode("utf-8")
