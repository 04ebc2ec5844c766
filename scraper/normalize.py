"""Turn raw bytes and raw cell text into clean, canonical strings.

Decoding follows BOM → declared charset (HTTP header or ``<meta charset>``) → UTF-8, then falls
back to cp1252 (old Windows-authored pages) and finally Latin-1, which never fails.

>>> clean_text("Order was sent at Â±5% of the price")
'Order was sent at ±5% of the price'
>>> clean_text("  TOO\\\\_MANY   requests ")
'TOO_MANY requests'
"""

from __future__ import annotations

import codecs
import re

import ftfy
from errcat.chars import HIDING
from errcat.errors import DocumentError
from ftfy.badness import is_bad

# Only the encoding repair: curly quotes, full-width forms, ligatures and HTML entities are the
# author's choices and must survive untouched.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
# A backslash before ASCII punctuation is a markdown escape (CommonMark §2.4).
_MD_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_MD_ESCAPING_BACKSLASH = re.compile(r"\\(?=[!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Every pattern of ftfy's badness check (is_bad, ~0.2 µs a character) needs a C1 control, one of
# Œ œ Ã Â, or two non-ASCII characters in a row; tests/test_normalize.py checks this on ftfy's
# own regex. Text with scattered symbols only ("» status", "≤ 5") cannot be mojibake to it.
MAYBE_MOJIBAKE = re.compile("[\x80-\x9f\u0152\u0153\u00c2\u00c3]|[^\x00-\x7f]{2}")


def decode(data: bytes, charset: str | None = None, *, name: str = "document") -> str:
    """Bytes to text: BOM first, then ``charset`` or a ``<meta charset>``, then UTF-8.

    Raises :class:`DocumentError` for empty or binary input.

    >>> decode("±5%".encode("utf-8"))
    '±5%'
    >>> decode("±5%".encode("cp1252"))
    '±5%'
    """
    if not data or data.isspace():  # (not data.strip(), without copying a big page)
        raise DocumentError(f"{name}: document is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = charset or _meta_charset(data)
    if declared and _is_text_codec(declared):
        try:
            return data.decode(declared)
        except (UnicodeError, ValueError):
            # A wrong declaration is common; so are codecs that fail on everything ('undefined')
            # or are not charsets at all ('punycode', 'idna'): fall through to detection.
            pass
    if b"\x00" in data[:4096]:
        raise DocumentError(f"{name}: looks like a binary file (NUL bytes), not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# Codecs Python knows that no web page is written in: some raise on any input (``undefined``),
# some are transforms of domain names rather than charsets.
_NOT_CHARSETS = frozenset({"undefined", "punycode", "idna", "raw_unicode_escape", "unicode_escape"})


def _is_text_codec(name: str) -> bool:
    """
    >>> [_is_text_codec(n) for n in ("utf-8", "Shift_JIS", "undefined", "punycode", "rot13", "x")]
    [True, True, False, False, False, False]
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return False
    return info.name not in _NOT_CHARSETS and getattr(info, "_is_text_encoding", True)


_HIDING = re.compile(f"[{HIDING}]")
HIDING_CHARS = "".join(chr(c) for c in range(0x00AD, 0xFF00) if _HIDING.match(chr(c))) + "\ufeff"
# A token that, without its hiding characters, is a code or a constant name: there they are
# dropped so that '99<ZWSP>0010' becomes the 990010 a reader sees (and looks up).
_CODE_TOKEN = re.compile(r"^[`*_(\[]*[-+]?(?:\d[\w.:-]*|[A-Z][A-Z0-9_]*)[`*_)\].,:;]*$")
# Joiners inside words are how some scripts and emoji are written: kept in prose.
_LEGIT_IN_WORDS = frozenset("\u00ad\u200c\u200d")  # soft hyphen: a hyphenation hint
# Zero-width spaces, word joiners and BOMs beside a space or at a word's end hide nothing:
# doc generators leave them there ("allowed\u200b decimals"). Inside a word they are flagged.
_BLANK_AT_EDGES = "\u200b\u2060\ufeff"


def _flag(match: re.Match[str]) -> str:
    char = match.group(0)
    return char if char in _LEGIT_IN_WORDS else f"[U+{ord(char):04X}]"


def reveal_hidden(text: str) -> str:
    """Hiding characters out of codes and names, and made visible in prose.

    Inside a token that is a code or a constant name they are removed; elsewhere each one is
    replaced by a visible ``[U+XXXX]`` flag (joiners inside words, used by some scripts and by
    emoji, are kept); at either end of the text they are dropped, since they hide nothing there.

    >>> reveal_hidden("99\u200b0010")
    '990010'
    >>> reveal_hidden("Order \u202erebmun\u202c is invalid")
    'Order [U+202E]rebmun[U+202C] is invalid'
    >>> reveal_hidden("\ufeffCodes\u200b")
    'Codes'
    >>> reveal_hidden("the allowed\u200b decimals"), reveal_hidden("pay\u200bpal")
    ('the allowed decimals', 'pay[U+200B]pal')
    """
    if not _HIDING.search(text):
        return text
    # with the spaces they leave at the ends: "\u202e rtl" is "rtl", not " rtl"
    text = text.strip(HIDING_CHARS + " ")
    tokens = text.split(" ")
    out = []
    for token in tokens:
        token = token.strip(_BLANK_AT_EDGES)
        if _HIDING.search(token):
            bare = _HIDING.sub("", token)
            token = bare if _CODE_TOKEN.match(bare) else _HIDING.sub(_flag, token)
        out.append(token)
    return " ".join(out)


def scrub_surrogates(text: str) -> str:
    """Text with lone surrogates (which no encoder, parser or JSON file accepts) as U+FFFD.

    Only ``str`` input can carry them; decoded bytes never do.

    >>> scrub_surrogates("a\\ud800b")
    'a\ufffdb'
    """
    return _SURROGATE.sub("\ufffd", text)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 read as cp1252/Latin-1 (``Â±`` → ``±``) only where the text looks damaged.

    >>> fix_mojibake("NESTLÉ®")
    'NESTLÉ®'
    """
    # Mojibake needs non-ASCII characters; most cells are plain ASCII, so skip the costly check.
    if text.isascii() or not MAYBE_MOJIBAKE.search(text) or not is_bad(text):
        return text
    return ftfy.fix_text(text, config=_FTFY_CONFIG)


def unescape_markdown(text: str) -> str:
    r"""Drop markdown backslash escapes: ``\-1000`` → ``-1000``, ``TOO\_MANY`` → ``TOO_MANY``."""
    if "\\" not in text:
        return text  # almost every cell: skip the regex
    if "\\\\" not in text:
        # No escaped backslash: deleting each escaping backslash is the same, and cheaper than
        # expanding a template per match.
        return _MD_ESCAPING_BACKSLASH.sub("", text)
    return _MD_ESCAPE.sub(r"\1", text)


def collapse_space(text: str) -> str:
    r"""Runs of whitespace as one space, none at the ends.

    ``str.split()`` splits on exactly the characters ``\s`` matches (``str.isspace``), so this
    is ``re.sub(r"\s+", " ", text).strip()`` at a fraction of the cost.

    >>> collapse_space(" a\t\u00a0b\n ")
    'a b'
    """
    return " ".join(text.split())


# A GFM footnote's reference after a word: "… than the previous nonce[^nonce]" (its text is
# elsewhere on the page; "[^a-z]" after a space is a pattern, kept)
_FOOTNOTE_REF = re.compile(r"(?<=\S)\[\^[\w.-]{1,40}\]")


def clean_text(text: str) -> str:
    """Everything a message or name needs: mojibake fixed, escapes dropped, whitespace collapsed.

    Placeholders (``{}``, ``%s``, ``%b``) are kept exactly as written. Called for every cell and
    line the readers look at, so the common case (ASCII, no backslash) takes the shortest path.
    A footnote's reference after a word is dropped:

    >>> clean_text("Nonce too small[^nonce]."), clean_text("Only  [^a-z] letters")
    ('Nonce too small.', 'Only [^a-z] letters')
    """
    if "[^" in text:
        text = _FOOTNOTE_REF.sub("", text)
    if text.isascii() and "\\" not in text:
        # Nothing to repair or unescape; usually no whitespace but single spaces either, and
        # then no word list is needed (a megabyte-long line would make millions of words).
        if "  " not in text and text.isprintable():  # printable ASCII: no \t \n \r...
            return text.strip(" ")
        return " ".join(text.split())
    # Non-ASCII only: hiding characters are all outside ASCII.
    return reveal_hidden(collapse_space(unescape_markdown(fix_mojibake(text))))
