"""Decoding order, conservative mojibake repair, markdown unescaping, whitespace."""

from __future__ import annotations

import codecs
import re
import sys
from itertools import pairwise
from re import _constants as sre
from re import _parser

import pytest
from errcat.errors import DocumentError
from errcat.normalize import (
    MAYBE_MOJIBAKE,
    clean_text,
    collapse_space,
    decode,
    fix_mojibake,
    unescape_markdown,
)
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import given
from hypothesis import strategies as st

# Text that is already right and that an over-eager fixer would "repair".
MUST_NOT_CHANGE = [
    "NESTLÉ®",
    "5×£35",
    "、。「」（）：！",
    "±5%",
    "“curly quotes” and ‘single’",
    "ｆｕｌｌ-width ＡＰＩ",
    "ﬁnance ligature",
    "&amp; stays an entity",
    "naïve café",
    "¥100 and °C",
    "Straße",
    "Order price must be between 0 and 1,000,000",
    "价格精度错误",
]


@pytest.mark.parametrize("text", MUST_NOT_CHANGE)
def test_correct_text_is_left_alone(text):
    assert fix_mojibake(text) == text
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("damaged", "fixed"),
    [
        ("Order was sent at Â±5% of the price", "Order was sent at ±5% of the price"),
        ("donâ€™t retry", "don’t retry"),  # the curly quote is restored, not uncurled
        ("Ã©tÃ©", "été"),
        ("Error â€” bad", "Error — bad"),
    ],
)
def test_mojibake_is_repaired(damaged, fixed):
    assert fix_mojibake(damaged) == fixed


def test_markdown_escapes_removed():
    assert unescape_markdown(r"\-1000 TOO\_MANY\_REQUESTS") == "-1000 TOO_MANY_REQUESTS"
    assert unescape_markdown(r"price \* size") == "price * size"
    # a backslash before a letter is not an escape
    assert unescape_markdown(r"C:\new") == r"C:\new"


def test_whitespace_collapsed_and_placeholders_kept():
    assert clean_text("  Parameter {}\tcannot\n be  empty. ") == "Parameter {} cannot be empty."
    assert clean_text("limit is %s per %s, reduceOnly %b") == "limit is %s per %s, reduceOnly %b"


def test_decode_utf8_default():
    assert decode("Ordre refusé ±".encode()) == "Ordre refusé ±"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_decode_bom_wins(bom, encoding):
    text = "| code | message |\n| 1 | ±5% |"
    assert decode(bom + text.encode(encoding)) == text


def test_decode_bom_beats_declared_charset():
    data = codecs.BOM_UTF8 + "±".encode()
    assert decode(data, charset="latin-1") == "±"


def test_decode_declared_charset_beats_utf8_guess():
    data = "café".encode("latin-1")
    assert decode(data, charset="iso-8859-1") == "café"
    # bytes that are valid UTF-8 but declared Latin-1 are read as declared
    assert decode("é".encode(), charset="latin-1") == "Ã©"


def test_decode_meta_charset():
    html = '<html><head><meta charset="windows-1252"></head><body>€5</body></html>'
    assert "€5" in decode(html.encode("cp1252"))


def test_decode_wrong_declaration_falls_back():
    assert decode("±".encode(), charset="no-such-charset") == "±"


def test_decode_invalid_utf8_falls_back_to_cp1252():
    assert decode(b"price \x80 5 \xb1") == "price € 5 ±"


@pytest.mark.parametrize("data", [b"", b"   \n\t "])
def test_decode_empty_is_an_error(data):
    with pytest.raises(DocumentError, match="empty"):
        decode(data, name="page.md")


def test_decode_binary_is_an_error():
    with pytest.raises(DocumentError, match=r"page\.bin: .*binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="page.bin")


# What clean_text is defined to do, written the slow way (its fast paths must agree).
_MD_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def clean_by_definition(text: str) -> str:
    return re.sub(r"\s+", " ", _MD_ESCAPE.sub(r"\1", fix_mojibake(text))).strip()


def test_collapse_space_splits_on_exactly_what_regex_whitespace_matches():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c))]
    assert len(spaces) > 20  # the Unicode spaces, not only ASCII ones
    for space in spaces:
        assert collapse_space(f"{space}a{space}{space}b{space}") == "a b", hex(ord(space))
    assert collapse_space("a\u200bb") == "a\u200bb"  # zero-width space is no whitespace


CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("ab-_*`\\ \t\n\r\x0b\x1c\x85\u00a0\u3000Ã©Â±â€œ™价")),
    max_size=30,
)


@given(CELL_TEXT)
def test_clean_text_fast_path_agrees_with_the_definition(text):
    assert clean_text(text) == clean_by_definition(text)


@pytest.mark.parametrize(
    "text", ["TOO\\_MANY", "  plain   ascii  ", "Â±5%", "a\\\\b", "x\u2028y", "\\-1000"]
)
def test_clean_text_examples_agree_with_the_definition(text):
    assert clean_text(text) == clean_by_definition(text)


def _one_char(item: tuple) -> set[int] | None:
    """The code points a parsed regex item matches, if it is exactly one character."""
    op, arg = item
    if op is sre.LITERAL:
        return {arg}
    if op is not sre.IN:
        return None
    points: set[int] = set()
    for member, value in arg:
        if member is sre.LITERAL:
            points.add(value)
        elif member is sre.RANGE:
            points.update(range(value[0], value[1] + 1))
        else:
            return None  # a negated set or a category such as \w
    return points


def test_mojibake_prefilter_covers_every_pattern_of_ftfys_badness_check():
    """fix_mojibake skips ftfy's is_bad when MAYBE_MOJIBAKE finds nothing: every alternative
    of ftfy's regex must need one of its characters, or two non-ASCII characters in a row."""
    alone = {c for c in range(sys.maxunicode + 1) if MAYBE_MOJIBAKE.fullmatch(chr(c))}
    assert alone == set(range(0x80, 0xA0)) | {ord(c) for c in "ŒœÂÃ"}
    ((branch, (_, alternatives)),) = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert branch is sre.BRANCH and len(alternatives) > 30
    for alternative in alternatives:
        chars = [_one_char(item) for item in alternative]
        needs_one = any(c is not None and c <= alone for c in chars)
        needs_two = any(
            a is not None and b is not None and min(a) >= 0x80 and min(b) >= 0x80
            for a, b in pairwise(chars)
        )
        assert needs_one or needs_two, alternative


MIXED_TEXT = st.text(
    alphabet=st.sampled_from(list("ab .,?!\t\x85»«’“”×±≤≥→ÃÂŒœ€™©®°²µΓВ½¾é√≈â")), max_size=12
)


@given(MIXED_TEXT)
def test_text_the_prefilter_passes_over_is_never_bad(text):
    if not MAYBE_MOJIBAKE.search(text):
        assert not is_bad(text)


@given(st.text(alphabet=st.sampled_from(list("ab\\_-*`x|")), max_size=20))
def test_unescape_markdown_short_path_agrees_with_the_regex(text):
    from errcat.normalize import _MD_ESCAPE, unescape_markdown

    assert unescape_markdown(text) == _MD_ESCAPE.sub(r"\1", text)
