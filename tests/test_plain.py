"""The hand-built blocks of plain markdown are markdown-it's blocks, exactly.

Every piece the fast path cuts from the corpus, the seeds and the snapshots, and generated
pieces and inline strings full of the markup that matters, are built both ways and compared.
"""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from errcat.extract import detect_format
from errcat.extract.blocks import Block
from errcat.extract.parse import pieces, to_blocks
from errcat.extract.parse.markdown import PARSER, blocks_from_tokens, inline_text
from errcat.extract.parse.plain import Built, inline, piece_blocks, stretch_blocks, table_rows
from errcat.normalize import decode
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SEED_FILES
from tests.test_scan import corpus_files


def reference(piece: str):
    return blocks_from_tokens(PARSER.parse(piece))


def reference_inline(text: str):
    return inline_text(PARSER.parseInline(text)[0])


def documents() -> list:
    paths = [*SEED_FILES.values(), *corpus_files(), *sorted((ROOT / "sources/snapshots").iterdir())]
    return [p for p in paths if detect_format(decode(p.read_bytes())) == "markdown"]


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_every_plain_piece_matches_markdown_it(path):
    text, cut, links, _ = pieces.pieces(decode(path.read_bytes()))
    for k, piece in enumerate(text[start:end] for start, end in cut):
        if k == 0 and piece.startswith("---"):
            continue  # front matter: never built here
        blocks = piece_blocks(piece, links=links)
        if blocks is not None:
            assert blocks == reference(piece), piece[:300]


def test_most_pieces_are_built_by_hand():
    total = built = 0
    for path in documents():
        text, cut, links, _ = pieces.pieces(decode(path.read_bytes()))
        for piece in (text[start:end] for start, end in cut):
            total += 1
            built += piece_blocks(piece, links=links) is not None
    assert built / total > 0.85


@pytest.mark.parametrize(
    "src, expected",
    [
        ("plain text", "plain text"),
        ("TOO\\_MANY", "TOO_MANY"),
        ("\\-1000 UNKNOWN", "-1000 UNKNOWN"),
        ("a\\qb", "a\\qb"),  # not escapable: the backslash stays
        ("ends with \\", "ends with \\"),
        ("`code`  \nnext", "code\nnext"),
        ("`` a ` b ``", "a ` b"),
        ("`  `", "  "),
        ("`unclosed", "`unclosed"),
        ("x  \n   y", "x\ny"),
        ("x\\\n y", "x\ny"),
        ("INVALID_PARAM_VALUE", "INVALID_PARAM_VALUE"),
        ("**Error code**", "Error code"),
        ("*em* and **strong**", "em and strong"),
        ("see [the docs](https://example.com/a?b=1#c).", "see the docs."),
        ("__JSON__ object", "JSON object"),
        ("amount<0.15BTC", "amount<0.15BTC"),
        ("1 ~ 20", "1 ~ 20"),
        ("R&D", "R&D"),
        ("***both***", "both"),
        ("<b>bold</b> text", "bold text"),
        ("line<br>break<br/>", "line\nbreak\n"),
        ('<Alert\n  type="warning"\n  message="Mind the limits"\n/>', ""),
        ("**/ws/\\<streamName\\>**", "/ws/<streamName>"),
        ('Codes[\u200b](#codes "Direct link to Codes")', "Codes\u200b"),
        ("<!-- hidden --> shown", " shown"),
        ("a < b > c, x <5 and y>", "a < b > c, x <5 and y>"),
        ("<unclosed attr='x' text", "<unclosed attr='x' text"),
    ],
)
def test_inline_reads_like_markdown_it(src, expected):
    fast = inline(src)
    assert fast is not None
    assert fast == reference_inline(src)
    assert fast[0] == expected


@pytest.mark.parametrize(
    "src",
    [
        "~~gone~~",
        "![img](x.png)",
        "&amp;",
        "<https://example.com/a>",  # autolinks
        "<support@example.com>",
        "**unclosed",
        "[ref]",
        "[x](javascript:alert(1))",
        "a * b * c",
        "foo*bar*",
        "[NodeJS](https://githu\x14.com/x)",  # a control character: no link (found by atheris)
    ],
)
def test_inline_declines_what_it_does_not_read(src):
    fast = inline(src)
    # Either declined, or exactly markdown-it's reading.
    assert fast is None or fast == reference_inline(src)


def test_backtick_runs_of_every_length_read_like_markdown_it():
    # Runs that close nothing, then runs that close each other (the runs are found once per
    # text; the speed is in bench/bench_adversarial.py).
    src = " ".join("`" * k for k in range(1, 60)) + " x " + "`` a ``` b `` c ```"
    assert inline(src) == reference_inline(src)


def test_bold_flag_only_when_all_text_is_bold():
    assert inline("**Errors**") == ("Errors", False, True)
    assert inline("**Errors**:") == ("Errors:", False, False)
    assert inline("**a** `b`") == ("a b", False, False)


_INLINE_ALPHABET = st.sampled_from(
    [
        *"ab1 _*`\\[]()<>&#~!\n\t-:.|\x14/?\"'=",
        *("**", "***", "__", "`x`", "\\_", "[a](b)", '[a](b "t")', "  \n", "é", "。"),
        *("<b>", "</b>", "<br>", "<p/>", '<a href="x">', "<!--", "-->", "<?", "?>", "<http://x>"),
    ]
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_INLINE_ALPHABET, max_size=24).map("".join))
def test_inline_fuzz(src):
    fast = inline(src)
    if fast is not None:
        assert fast == reference_inline(src)


_LINE_STARTS = st.sampled_from(
    [
        "",
        "# ",
        "### ",
        "#",
        "> ",
        ">",
        "- ",
        "* ",
        "+ ",
        "1. ",
        "2) ",
        "    ",
        " ",
        "  ",
        "   ",
        "      ",
        "  - ",
        " * ",
        "   + ",
        " > ",
        "```",
        "~~~",
        "---",
        "===",
        "***",
        "* * *",
        "- - -",
        "_ _ _",
        "| ",
        "<div>",
        "[a]: /u",
        "-",
        "\t",
        "> > ",
        "<a>",
        "<!-- ",
        "<Comp ",
        "<pre>",
        "> - ",
        "> ### ",
        ">> ",
    ]
)
_LINE_BODIES = st.sampled_from(
    [
        "-1000 UNKNOWN",
        "Bad request",
        "a | b",
        "--- | ---",
        "|---|---|",
        "1 | x",
        "**bold**",
        "`code`",
        "TOO\\_MANY",
        "x  ",
        "",
        "#",
        "closing ##",
        "[link](u)",
        "*",
        "-1",
        "- b",
        "``a",
        "b``",
        "```js",
        "**x",
        "y**",
        "a\\",
        "_x_",
        "1. z",
    ]
)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_LINE_STARTS, _LINE_BODIES), min_size=1, max_size=8))
@example(lines=[("  - ", "-1000 UNKNOWN"), ("  ", "")])  # an indented item, then a line of spaces
def test_piece_fuzz(lines):
    piece = "\n".join(a + b for a, b in lines) + "\n"
    blocks = piece_blocks(piece, links="]:" in piece)  # as scan computes it for a document
    if blocks is not None:
        assert blocks == reference(piece), piece


def test_table_rows_needs_every_line_in_the_table():
    assert table_rows(["a | b", "-- | --", "1 | 2"]) == [["a", "b"], ["1", "2"]]
    assert table_rows(["a | b", "-- | --", "- 1 | 2"]) is None  # a list item ends it
    assert table_rows(["a | b", "-- | -- | --"]) is None  # header and delimiter disagree


STRETCH = (
    "# Errors\n\n| Code | Message |\n|---|---|\n| 1 | Bad |\n\n"
    "See below\n\n    indented code\n\n"  # one piece: a paragraph, then code for markdown-it
    "# More\n\nThe end.\n"
)


def test_a_stretch_keeps_the_pieces_before_the_one_that_is_not_plain():
    found = pieces.pieces(STRETCH)
    starts = [start for start, _ in found.pieces]
    assert len(starts) == 5
    blocks, plain = stretch_blocks(found.text, starts)
    assert plain == 2  # the third piece's paragraph is built, then thrown away with its piece
    assert blocks == reference(found.text[: starts[2]])
    after, rest = stretch_blocks(found.text[starts[3] :], [s - starts[3] for s in starts[3:]])
    assert rest == 2 and after == reference(found.text[starts[3] :])
    assert piece_blocks(found.text[starts[2] : starts[3]]) is None


def test_a_stretch_stops_before_a_piece_with_a_character_the_builder_leaves():
    text = "# A\n\nx\x00y\n\n# B\n"
    blocks, plain = stretch_blocks(text, [0, text.index("x"), text.index("# B")])
    assert (blocks, plain) == (reference("# A\n"), 1)


def test_a_document_with_a_stretch_cut_short_builds_as_markdown_it_does():
    assert pieces.markdown_blocks(STRETCH) == reference(STRETCH)


def test_repeated_headings_and_tables_are_built_once_per_document():
    built = Built()
    twice = "# Errors\n\n| Code | Message |\n|---|---|\n| 1 | Bad |\n\n" * 2
    blocks = piece_blocks(twice, built=built)
    assert blocks == reference(twice)
    assert blocks[0] is blocks[2] and blocks[1] is blocks[3]
    assert len(built.headings) == len(built.tables) == 1


def test_block_is_a_small_frozen_record():
    """Every block of a page is built: Block has slots (no instance dict) and stays frozen."""
    assert not hasattr(Block("heading"), "__dict__")
    fields = [(f.name, f.default) for f in dataclasses.fields(Block)]
    params = [
        (p.name, dataclasses.MISSING if p.default is inspect.Parameter.empty else p.default)
        for p in list(inspect.signature(Block.__init__).parameters.values())[1:]
    ]
    assert params == fields
    block = Block("list", items=("a",), struck=(False,))
    assert block == Block("list", "", 0, ("a",), (), (False,), False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "doc",
    [
        "# Errors\n\n| Code | Message |\n|---|---|\n| 1 | see [the docs][d] |\n\n[d]: https://x.example/\n",
        "# Errors\n\n| Code | Message |\n|---|---|\n| 1 | see [the docs][foo bar] |\n\n"
        "[foo\nbar]: https://x.example/\n",
        "# Errors\n\n* 1000 - see [x]\n\n> [x]: /u\n",
        "# Errors\n\n- -1000 [ref]\n- [ref]: /u\n",
        "# Errors\n\n* m[0]: Taker address\n\n| Code | Message |\n|---|---|\n| 1 | [a](#b) |\n",
        # Found by Hypothesis: a definition cannot interrupt a paragraph, and the heading's
        # placeholder must not become the paragraph's next line.
        "Title line\n[ref]: https://example.com\n###### -1003 DEEP",
    ],
)
def test_link_references_resolve_across_pieces(doc):
    """A definition anywhere makes markdown-it resolve brackets everywhere; "m[0]:" in prose
    defines nothing and must not send the page to markdown-it."""
    from errcat import extract

    fast, full = extract(doc), extract(doc, fast=False)
    assert fast == full
    if "m[0]" in doc:
        assert not pieces._may_define_links(doc)
        assert fast.entries[0].messages == ("a",)
    else:
        assert pieces._may_define_links(doc)


@pytest.mark.parametrize("doc", ["</td><pre>", "# Errors\n\n<div><pre>", "> <div><pre>"])
def test_html_block_on_the_last_line_without_a_newline(doc):
    # Found by bench/fuzz_extract.py once it compared blocks: "<pre>" at the very end is an
    # empty code block to markdown-it, not one holding the newline the builder gave it.
    assert pieces.markdown_blocks(doc) == reference(doc)


def test_repeated_table_cells_are_held_once():
    """A whole-API page repeats the same cells ("string", "Yes") in every parameter table:
    each text is one object in the document's blocks (memory, not equality, is at stake)."""
    doc = "".join(
        f"# Endpoint {i}\n\n| Name | Type |\n|---|---|\n| p{i} | string |\n\n" for i in range(3)
    )
    tables = [b for b in pieces.markdown_blocks(doc) if b.kind == "table"]
    assert len(tables) == 3 and tables == [b for b in to_blocks(doc) if b.kind == "table"]
    assert len({id(t.rows[1][1]) for t in tables}) == 1
    assert len({id(t.rows[0][0]) for t in tables}) == 1


@pytest.mark.parametrize(
    "text",
    ["```# Errors\n\n\x00", "# Errors\n\n| Code | Msg |\n|---|---|\n| 1001 | a\x00b |\n"],
)
def test_a_nul_character_reads_as_markdown_it_reads_it(text):
    # CommonMark replaces NUL with U+FFFD; the fast path kept it (found by bench/fuzz_extract.py)
    from errcat.extract.parse import fast_blocks, to_blocks

    assert fast_blocks(text, "markdown") == to_blocks(text, "markdown")
