"""The words that head and title error listings, in eleven languages (``scraper/data/words.json``).

A header cell or a section title says what a column or a listing holds in the exchange's own
language: ``エラーコード | 説明``, ``错误码 | 错误信息``, ``Código de error | Descripción``.
The words are data, one list per language and concept; this module only answers whether a text
mentions a concept and what role a header word gives its column.

>>> mentions("Коды ошибок", "error"), mentions("Rate limits", "error")
(True, False)
>>> [header_role(w) for w in ("エラーコード", "説明", "错误信息", "Tipo")]
['code', 'description', 'message', 'schema']
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

CONCEPTS = (
    "error_code", "code", "message", "description", "error", "http_status", "name", "type",
    "parameter", "required", "status",
)  # fmt: skip

# Scripts written without spaces between words: a word is found anywhere in a text there.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@cache
def table() -> dict[str, dict[str, tuple[str, ...]]]:
    """``{language: {concept: words}}`` as shipped (language tags such as ``zh-Hant``)."""
    text = resources.files("errcat").joinpath("data/words.json").read_text("utf-8")
    data = json.loads(text)
    return {
        lang: {concept: tuple(_fold(w) for w in words) for concept, words in concepts.items()}
        for lang, concepts in data.items()
        if not lang.startswith("_")
    }


def languages() -> tuple[str, ...]:
    return tuple(table())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


@cache
def _pattern(concept: str, foreign: bool = False) -> re.Pattern[str]:
    """One alternation per concept, longest words first; the words are escaped data
    (``foreign``: the words of the languages other than English)."""
    languages = [words for lang, words in table().items() if not (foreign and lang == "en")]
    words = sorted({w for lang in languages for w in lang.get(concept, ())}, key=len)
    # "Not after a word character", checked after the word's first character (the lookbehind
    # spans it): every branch then starts with a literal, and the engine skips to the places
    # where one of the first characters is, instead of trying every branch at every position.
    parts = [
        re.escape(w) if _UNSPACED.search(w) else re.escape(w[0]) + r"(?<!\w.)" + re.escape(w[1:])
        for w in words
    ]
    return re.compile("|".join(reversed(parts)), re.S)


def forget() -> None:
    """Drop the compiled patterns, so that they are built again from :func:`table` (for
    experiments that replace the words, such as ``bench/leave_one_out.py``)."""
    _pattern.cache_clear()


def mentions(text: str, concept: str, *, foreign: bool = False) -> bool:
    """Whether ``text`` has a word of ``concept`` in any language (casefolded, NFC), or in any
    but English (``foreign``: where English has rules of its own).

    >>> mentions("에러 코드", "error_code"), mentions("Errores comunes", "error")
    (True, True)
    >>> mentions("Errores comunes", "error", foreign=True), mentions("ERR1", "error", foreign=True)
    (True, False)
    """
    if concept not in CONCEPTS:
        raise ValueError(f"unknown concept {concept!r}")
    return _pattern(concept, foreign).search(_fold(text)) is not None


# The order decides a header naming two things: "错误信息" (error message) is a message,
# "エラーコード" (error code) a code, "HTTP ステータス" an HTTP status.
_ROLE_ORDER = (
    ("http_status", "http_status"),
    ("error_code", "code"),
    ("message", "message"),
    ("description", "description"),
    ("name", "name"),
    ("code", "code"),
    ("parameter", "schema"),
    ("type", "schema"),
    ("required", "schema"),
    ("status", "status"),
    ("error", "code"),
)


def header_role(text: str) -> str | None:
    """The role a header cell gives its column: ``code``, ``message``, ``description``,
    ``name``, ``http_status``, ``status``, ``schema`` (a parameter table's column) or ``None``.

    >>> header_role("Mã lỗi"), header_role("Açıklama"), header_role("Обязательный")
    ('code', 'description', 'schema')
    """
    folded = _fold(text)
    for concept, role in _ROLE_ORDER:
        if _pattern(concept).search(folded):
            return role
    return None


__all__ = ["CONCEPTS", "forget", "header_role", "languages", "mentions", "table"]
