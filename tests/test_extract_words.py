"""Header and title words per language: each language's error-table header, its section title and
its parameter-table header are told apart (errcat.extract.read.words, scraper/data/words.json)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from errcat.extract.read.words import CONCEPTS, header_role, languages, mentions, table
from hypothesis import given, settings
from hypothesis import strategies as st

# language: (error-code header, message header, description header, a section title naming
# errors, a parameter-table header, a title that is not about errors)
SAMPLES = {
    "en": ("Error Code", "Error Message", "Description", "Common error codes", "Required",
           "Rate limits"),
    "zh-Hans": ("错误码", "错误信息", "说明", "通用错误码", "是否必须", "频率限制"),
    "zh-Hant": ("錯誤碼", "錯誤訊息", "說明", "通用錯誤碼", "是否必須", "頻率限制"),
    "ja": ("エラーコード", "メッセージ", "説明", "エラーコード一覧", "必須", "レート制限"),
    "ko": ("에러 코드", "메시지", "설명", "공통 오류 코드", "필수", "요청 제한"),
    "ru": ("Код ошибки", "Сообщение", "Описание", "Коды ошибок", "Обязательный", "Лимиты запросов"),
    "es": ("Código de error", "Mensaje", "Descripción", "Códigos de error", "Obligatorio",
           "Límites de uso"),
    "pt": ("Código de erro", "Mensagem", "Descrição", "Códigos de erro", "Obrigatório",
           "Limites de uso"),
    "tr": ("Hata kodu", "Mesaj", "Açıklama", "Hata kodları", "Zorunlu", "İstek limitleri"),
    "vi": ("Mã lỗi", "Thông báo", "Mô tả", "Danh sách mã lỗi", "Bắt buộc", "Giới hạn truy cập"),
    "th": ("รหัสข้อผิดพลาด", "ข้อความ", "คำอธิบาย", "รายการรหัสข้อผิดพลาด", "จำเป็น",
           "ขีดจำกัดการเรียกใช้"),
}  # fmt: skip


def test_every_shipped_language_has_samples_and_every_concept():
    assert set(languages()) == set(SAMPLES)
    for lang, concepts in table().items():
        assert set(concepts) == set(CONCEPTS), lang
        assert all(concepts.values()), lang


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_headers_and_titles_per_language(lang):
    code, message, description, title, required, other = SAMPLES[lang]
    assert header_role(code) == "code"
    assert header_role(message) == "message"
    assert header_role(description) == "description"
    assert header_role(required) == "schema"
    assert mentions(title, "error") or mentions(title, "error_code")
    assert not (mentions(other, "error") or mentions(other, "error_code"))


def test_words_match_at_word_starts_in_spaced_scripts_only():
    assert mentions("Errors", "error") and mentions("Errores", "error")
    assert not mentions("Terror", "error")  # inside a word of a spaced script: no
    assert mentions("通用错误码列表", "error_code")  # anywhere in an unspaced one


def test_decomposed_accents_and_case_are_folded():
    assert header_role("MA\u0303 LO\u0302\u0303I") == "code"  # "MÃ LỖI", combining marks
    assert header_role("DESCRIPCIÓN") == "description"


def test_an_unknown_concept_is_refused():
    with pytest.raises(ValueError, match="concept"):
        mentions("x", "errors")


def _mentions_by_definition(text: str, concept: str) -> bool:
    """The rule of mentions(), written out: a word of the concept at a place where, in a spaced
    script, no word character comes right before it (NFC, casefolded)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    for lang in table().values():
        for word in lang.get(concept, ()):
            unspaced = re.search(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]", word)
            at = folded.find(word)
            while at >= 0:
                if unspaced or at == 0 or not re.match(r"\w", folded[at - 1]):
                    return True
                at = folded.find(word, at + 1)
    return False


_SHIPPED_WORDS = sorted({w for lang in table().values() for ws in lang.values() for w in ws})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_SHIPPED_WORDS),
            st.sampled_from(list("aZ9_ é-:\n.")),
            st.text(max_size=3),
        ),
        max_size=8,
    ),
    st.sampled_from(CONCEPTS),
)
def test_mentions_is_its_definition(parts, concept):
    # The compiled pattern checks "no word character before" after a word's first character
    # (for speed); at a word's start, inside a word, after "_" or a digit it means the same.
    text = "".join(parts)
    assert mentions(text, concept) == _mentions_by_definition(text, concept)
