"""Meaning in the exchange's own language: errcat.categorize with scraper/data/meanings.json.

The messages are written here as an exchange's API would return them (whole sentences, with
particles, punctuation and accents, or without the accents); none is one of the phrases of
meanings.json word for word.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from errcat.categorize import MEANINGS, SPOKEN_KEYS, categorize, words
from errcat.extract.read.words import languages
from errcat.model import Entry

DATA = Path(__file__).resolve().parents[1] / "scraper" / "data"

CASES = [
    ("zh-Hans", "下单失败，余额不足", "InsufficientFunds"),
    ("zh-Hans", "请求过于频繁，请稍后再试", "RateLimitExceeded"),
    ("zh-Hans", "签名验证失败", "AuthenticationError"),
    ("zh-Hans", "订单不存在或已撤销", "OrderNotFound"),
    ("zh-Hans", "系统繁忙，请稍后重试", "ExchangeNotAvailable"),
    ("zh-Hans", "参数错误", "BadRequest"),
    ("zh-Hant", "帳戶餘額不足", "InsufficientFunds"),
    ("zh-Hant", "請求過於頻繁", "RateLimitExceeded"),
    ("zh-Hant", "簽名驗證失敗", "AuthenticationError"),
    ("zh-Hant", "訂單不存在", "OrderNotFound"),
    ("zh-Hant", "系統維護中", "OnMaintenance"),
    ("zh-Hant", "參數錯誤", "BadRequest"),
    ("ja", "注文に必要な残高が不足しています", "InsufficientFunds"),
    ("ja", "リクエストが多すぎます。しばらくしてから再度お試しください", "RateLimitExceeded"),
    ("ja", "署名が正しくありません", "AuthenticationError"),
    ("ja", "指定された注文が見つかりません", "OrderNotFound"),
    ("ja", "ただいまメンテナンス中です", "OnMaintenance"),
    ("ja", "パラメータが不正です", "BadRequest"),
    ("ja", "この操作を行う権限がありません", "PermissionDenied"),
    ("ja", "リクエスト回数が上限を超えました", "RateLimitExceeded"),
    ("ko", "주문 가능 금액이 부족합니다", "InsufficientFunds"),
    ("ko", "요청 횟수를 초과했습니다", "RateLimitExceeded"),
    ("ko", "서명이 유효하지 않습니다", "AuthenticationError"),
    ("ko", "주문을 찾을 수 없습니다", "OrderNotFound"),
    ("ko", "서버 점검 중입니다", "OnMaintenance"),
    ("ko", "잘못된 파라미터입니다", "BadRequest"),
    ("ko", "권한이 없습니다", "PermissionDenied"),
    ("ko", "존재하지 않는 마켓입니다", "BadSymbol"),
    ("ru", "Недостаточно средств на счёте", "InsufficientFunds"),
    ("ru", "Слишком много запросов, повторите позже", "RateLimitExceeded"),
    ("ru", "Неверная подпись запроса", "AuthenticationError"),
    ("ru", "Ордер не найден", "OrderNotFound"),
    ("ru", "Ведутся технические работы", "OnMaintenance"),
    ("ru", "Неверный параметр запроса", "BadRequest"),
    ("ru", "Доступ запрещён", "PermissionDenied"),
    ("ru", "Неизвестная торговая пара", "BadSymbol"),
    ("es", "Saldo insuficiente para realizar la operación", "InsufficientFunds"),
    ("es", "Demasiadas solicitudes, inténtelo más tarde", "RateLimitExceeded"),
    ("es", "Firma no válida", "AuthenticationError"),
    ("es", "La orden no existe", "OrderNotFound"),
    ("es", "Servicio en mantenimiento", "OnMaintenance"),
    ("es", "Parámetro no válido: symbol", "BadRequest"),
    ("es", "Parametro no valido: symbol", "BadRequest"),
    ("es", "Acceso denegado", "PermissionDenied"),
    ("pt", "Saldo insuficiente", "InsufficientFunds"),
    ("pt", "Muitas requisições", "RateLimitExceeded"),
    ("pt", "Assinatura inválida", "AuthenticationError"),
    ("pt", "Ordem não encontrada", "OrderNotFound"),
    ("pt", "Sistema em manutenção", "OnMaintenance"),
    ("pt", "Parâmetro inválido", "BadRequest"),
    ("tr", "Yetersiz bakiye", "InsufficientFunds"),
    ("tr", "Çok fazla istek gönderildi", "RateLimitExceeded"),
    ("tr", "İmza doğrulanamadı", "AuthenticationError"),
    ("tr", "Emir bulunamadı", "OrderNotFound"),
    ("tr", "Sistem bakımda", "OnMaintenance"),
    ("tr", "Geçersiz parametre", "BadRequest"),
    ("vi", "Số dư không đủ", "InsufficientFunds"),
    ("vi", "Quá nhiều yêu cầu", "RateLimitExceeded"),
    ("vi", "Chữ ký không hợp lệ", "AuthenticationError"),
    ("vi", "Lệnh không tồn tại", "OrderNotFound"),
    ("vi", "Hệ thống đang bảo trì", "OnMaintenance"),
    ("vi", "Tham số không hợp lệ", "BadRequest"),
    ("th", "ยอดเงินในบัญชีไม่เพียงพอ", "InsufficientFunds"),
    ("th", "ส่งคำขอบ่อยเกินไป", "RateLimitExceeded"),
    ("th", "ลายเซ็นไม่ถูกต้อง", "AuthenticationError"),
    ("th", "ไม่พบคำสั่งซื้อ", "OrderNotFound"),
    ("th", "ระบบปิดปรับปรุง", "OnMaintenance"),
    ("th", "พารามิเตอร์ไม่ถูกต้อง", "BadRequest"),
    # the state of the account, the market, the clock, an address, an order id (written by a
    # reader of invented pages before errcat read them)
    ("zh-Hans", "请求时间戳超出有效窗口", "InvalidNonce"),
    ("zh-Hans", "IP 不在白名单内", "PermissionDenied"),
    ("zh-Hans", "该交易对已暂停交易", "MarketClosed"),
    ("zh-Hans", "账户已被冻结，请联系客服", "AccountSuspended"),
    ("zh-Hans", "用户未完成实名认证", "AccountNotEnabled"),
    ("zh-Hans", "合约账户未开通", "AccountNotEnabled"),
    ("zh-Hans", "提币地址无效", "InvalidAddress"),
    ("zh-Hans", "客户端订单号重复", "DuplicateOrderId"),
    ("zh-Hans", "只做 Maker 订单将立即成交，已被撤销", "OrderImmediatelyFillable"),
    ("zh-Hans", "IOC 订单未能立即成交", "OrderNotFillable"),
    ("zh-Hant", "帳戶已被凍結", "AccountSuspended"),
    ("zh-Hant", "提幣地址無效", "InvalidAddress"),
    ("ja", "タイムスタンプが有効期間外です", "InvalidNonce"),
    ("ja", "この銘柄は取引停止中です", "MarketClosed"),
    ("ja", "出金アドレスが無効です", "InvalidAddress"),
    ("ja", "本人確認が完了していません", "AccountNotEnabled"),
    ("ko", "계정이 동결되었습니다", "AccountSuspended"),
    ("ko", "해당 마켓은 거래 정지 상태입니다", "MarketClosed"),
    ("ko", "출금 주소가 올바르지 않습니다", "InvalidAddress"),
    ("ru", "Доступ с данного IP-адреса запрещён", "PermissionDenied"),
    ("ru", "Торги по паре приостановлены", "MarketClosed"),
    ("ru", "Ордер с таким client_id уже существует", "DuplicateOrderId"),
    ("ru", "Ордер FOK не может быть исполнен полностью", "OrderNotFillable"),
    ("ru", "Аккаунт заблокирован", "AccountSuspended"),
    ("ru", "Требуется верификация аккаунта", "AccountNotEnabled"),
    ("ru", "Неверный адрес для вывода", "InvalidAddress"),
    ("ru", "Слишком много сообщений", "RateLimitExceeded"),
    ("es", "La cuenta ha sido bloqueada", "AccountSuspended"),
    ("es", "La marca de tiempo está fuera de la ventana", "InvalidNonce"),
    ("pt", "A conta está congelada", "AccountSuspended"),
    ("pt", "Endereço de saque inválido", "InvalidAddress"),
    ("tr", "Hesabınız donduruldu", "AccountSuspended"),
    ("vi", "Tài khoản đã bị khóa", "AccountSuspended"),
]


@pytest.mark.parametrize(("language", "message", "category"), CASES)
def test_a_message_in_the_exchange_s_language_has_its_meaning(language, message, category):
    verdict = categorize(Entry("10001", messages=(message,)))
    assert verdict.category == category, (language, verdict.reason)
    # decided by the words of the message, not by a fallback
    assert verdict.reason.startswith("message:")


def test_every_language_errcat_reads_has_its_meanings():
    # the header words (words.json) and the meanings (meanings.json) cover the same languages
    assert set(MEANINGS) == set(languages()) - {"en"}
    every = {"zh-Hans", "zh-Hant", "ja", "ko", "ru", "es", "pt", "tr", "vi", "th"}
    assert {language for language, _, _ in CASES} == every


def test_every_phrase_belongs_to_a_rule():
    # a key no rule asks for would be words silently never read
    keys = {key for phrases in MEANINGS.values() for key in phrases}
    assert keys <= SPOKEN_KEYS, keys - SPOKEN_KEYS
    raw = json.loads((DATA / "meanings.json").read_text("utf-8"))
    assert all(isinstance(p, str) for lang in MEANINGS.values() for v in lang.values() for p in v)
    assert set(raw) - set(MEANINGS) == {"_comment"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Parámetro inválido", " parametro invalido "),
        ("İmza doğrulanamadı", " imza dogrulanamadi "),
        ("Số dư không đủ", " so du khong du "),
        ("잔액이 부족합니다.", " 잔액이 부족합니다 "),
        ("ไม่พบคำสั่งซื้อ", " ไม่พบคำสั่งซื้อ "),
        ("残高が不足しています。", " 残高が不足しています "),
    ],
)
def test_words_keep_other_scripts_and_drop_accents(text, expected):
    assert words(text) == expected


def test_english_words_in_other_languages_texts_still_decide():
    # an English rule still reads a text that also holds another script
    verdict = categorize(Entry("1", messages=("Too many requests / 请求过于频繁",)))
    assert verdict.category == "RateLimitExceeded"
    assert verdict.reason == "message:'too many requests'"


@pytest.mark.parametrize(
    "message",
    ["成功", "请求成功", "操作成功", "成功しました", "요청 성공", "Успешно", "Éxito", "Sucesso",
     "Başarılı", "Thành công", "สำเร็จ"],
)  # fmt: skip
def test_success_in_the_exchange_s_language_is_no_error(message):
    # "0 | 成功" in an error table is the success code, as "0 | Success" is
    verdict = categorize(Entry("0", messages=(message,)))
    assert verdict.success and verdict.category is None


@pytest.mark.parametrize(
    "message",
    ["部分成功", "操作失败", "Неуспешно", "No exitoso", "成功しませんでした", "성공하지 못했습니다",
     "Éxito parcial", "Sucesso parcial", "Başarılı değil", "Không thành công", "成功失败"],
)  # fmt: skip
def test_a_failure_worded_with_success_is_no_success(message):
    # a code whose text says it did not succeed stays an error (and in the ccxt export)
    assert not categorize(Entry("5", messages=(message,))).success


@pytest.mark.parametrize(
    ("message", "not_category"),
    [
        ("Ошибка подписки на канал", "AuthenticationError"),  # подписка: a subscription
        ("파라미터를 점검해 주세요", "OnMaintenance"),  # 점검: "check it", not maintenance
        ("IP地址无效", "InvalidAddress"),  # an IP address is no wallet's
        ("Ошибка верификации подписи", "AccountNotEnabled"),  # a signature's check, not KYC
        ("IOC 订单未能立即成交", "OrderImmediatelyFillable"),  # could not fill: the other way
    ],
)
def test_a_phrase_does_not_reach_past_its_meaning(message, not_category):
    assert categorize(Entry("5", messages=(message,))).category != not_category
