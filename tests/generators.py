"""Unseen error listings, generated: shapes × languages × code styles × noise around them.

errcat is judged on error pages of exchanges it has never seen. These strategies write such
pages afresh, each with the listing it holds, so a property test can ask for exact recall and
precision on documents that no rule was tuned to:

* **shapes**: tables with and without outer pipes, bullet lists (``- `10000` Url not found.``,
  ``* 0101: Unknown error``, ``* 400 Bad Request – Invalid request format``), headings with a
  body, HTML definition lists and kramdown's ``code`` / ``: text`` ones, ``code - message``
  lines of a paragraph, nested bullets (the text under its code), a code block of lines;
* **languages**: the header and title words of :mod:`errcat.extract.read.words`'s languages, and
  messages in them;
* **code styles**: numbers, negative numbers, leading zeros, ``UPPER_SNAKE``, kebab-case,
  dotted, letters and digits (``B1000-CW``);
* **noise**: parameter tables (type and required columns, example values), enum tables
  (small numbers and upper-case names), rate-limit tables, example JSON, prose, around the
  listing.

``listings(shape="bullets", big=False)`` draws, for instance::

    # API reference

    ## Error codes

    - `-1000` Invalid symbol.
    - `-1001` Invalid symbol.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

SHAPES = (
    "table", "table-no-pipes", "bullets", "nested-bullets", "headings", "definitions",
    "colon-definitions", "lines", "code-block",
)  # fmt: skip
STYLES = ("number", "negative", "leading-zeros", "upper-snake", "kebab", "dotted", "alnum")

# Per language: the error-code header, the message header, a title announcing error codes,
# and messages (what an API returns) written in it.
LANGUAGES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "en": ("Error Code", "Message", "Error codes", (
        "Invalid symbol.", "Order does not exist", "Insufficient balance for this order.",
        "Request timestamp expired", "Too many requests, slow down.", "Signature mismatch",
    )),
    "zh-Hans": ("错误码", "错误信息", "错误码列表", (
        "参数错误", "订单不存在", "余额不足，请充值", "签名验证失败", "请求过于频繁",
    )),
    "zh-Hant": ("錯誤碼", "錯誤訊息", "錯誤碼說明", (
        "參數錯誤", "訂單不存在", "餘額不足", "簽名驗證失敗", "請求過於頻繁",
    )),
    "ja": ("エラーコード", "説明", "エラーコード一覧", (
        "パラメータが不正です", "注文が存在しません", "残高が不足しています", "署名が無効です",
    )),
    "ko": ("에러 코드", "설명", "오류 코드", (
        "잘못된 파라미터입니다", "주문이 존재하지 않습니다", "잔액이 부족합니다",
        "서명이 잘못되었습니다",
    )),
    "ru": ("Код ошибки", "Описание", "Коды ошибок", (
        "Неверный параметр", "Ордер не найден", "Недостаточно средств на балансе",
        "Неверная подпись запроса",
    )),
    "es": ("Código de error", "Mensaje", "Códigos de error", (
        "Parámetro no válido", "La orden no existe", "Saldo insuficiente", "Firma inválida",
    )),
    "pt": ("Código de erro", "Mensagem", "Códigos de erro", (
        "Parâmetro inválido", "A ordem não existe", "Saldo insuficiente", "Assinatura inválida",
    )),
    "tr": ("Hata kodu", "Açıklama", "Hata kodları", (
        "Geçersiz parametre", "Emir bulunamadı", "Yetersiz bakiye", "İmza doğrulanamadı",
    )),
    "vi": ("Mã lỗi", "Mô tả", "Danh sách mã lỗi", (
        "Tham số không hợp lệ", "Lệnh không tồn tại", "Số dư không đủ", "Chữ ký không hợp lệ",
    )),
    "th": ("รหัสข้อผิดพลาด", "คำอธิบาย", "รหัสข้อผิดพลาด", (
        "พารามิเตอร์ไม่ถูกต้อง", "ไม่พบคำสั่งซื้อ", "ยอดเงินไม่เพียงพอ", "ลายเซ็นไม่ถูกต้อง",
    )),
}  # fmt: skip

_WORDS = ("order", "symbol", "balance", "margin", "position", "account", "price", "quantity")


@dataclass(frozen=True)
class Listing:
    """A generated document and the entries it lists (code, message), in document order."""

    text: str
    shape: str
    language: str
    style: str
    entries: tuple[tuple[str, str], ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.entries)


def _code(style: str, n: int, draw: st.DrawFn) -> str:
    word = _WORDS[n % len(_WORDS)]
    other = _WORDS[(n // len(_WORDS) + 3) % len(_WORDS)]
    if style == "number":
        return str(draw(st.sampled_from((10000, 20000, 51000, 3000))) + n)
    if style == "negative":
        return str(-(1000 + n))
    if style == "leading-zeros":
        return f"0{100 + n}"
    if style == "upper-snake":
        return f"{word.upper()}_{other.upper()}_{n}" if n >= 8 else f"INVALID_{word.upper()}"
    if style == "kebab":
        return f"{word}-{other}-error" if n < 8 else f"{word}-error-{n}"
    if style == "dotted":
        return f"{word}.{other}.invalid" if n < 8 else f"{word}.invalid.{n}"
    return f"B{1000 + n}-CW"  # alnum


@st.composite
def listings(
    draw: st.DrawFn,
    shape: str | None = None,
    language: str | None = None,
    big: bool | None = None,
    html: bool | None = None,
) -> Listing:
    """A document holding one error listing, noise around it (``big``: inside a whole-API page
    of 40 kB; ``html``: as a site's built HTML page; ``None``: either)."""
    shape = shape or draw(st.sampled_from(SHAPES))
    language = language or draw(st.sampled_from(sorted(LANGUAGES)))
    style = draw(st.sampled_from(STYLES))
    code_header, message_header, title, messages = LANGUAGES[language]
    count = draw(st.integers(min_value=2, max_value=12))
    entries = tuple((_code(style, n, draw), draw(st.sampled_from(messages))) for n in range(count))
    entries = tuple(dict(entries).items())  # codes distinct
    heading = draw(
        st.sampled_from(
            (
                f"## {title}",
                "## SYSTEM_ERROR",
                f"### {title}:",
                "## Errors",
                # a category heading under one that names the listing
                f"## {title}\n\n### Account",
                f"## {title}\n\nThe codes are grouped by product.\n\n### Spot trading",
            )
        )
    )
    body = _listing(shape, code_header, message_header, entries, draw)
    parts = [draw(_noise()) for _ in range(draw(st.integers(0, 2)))]
    parts.append(f"{heading}\n\n{body}")
    parts.extend(draw(_noise()) for _ in range(draw(st.integers(0, 2))))
    if big if big is not None else draw(st.booleans()):
        # a whole-API page: past the size that errcat reads whole, so the fast path's scan
        # decides what to keep
        parts = [_padding(0), *parts, _padding(1)]
    text = "# API reference\n\n" + "\n\n".join(parts) + "\n"
    if html if html is not None else draw(st.integers(0, 3)) == 0:
        text = _site(text)
    return Listing(text, shape, language, style, entries)


def _site(markdown: str) -> str:
    """The page as a documentation site builds it: the markdown rendered to HTML, inside a
    page with navigation and a footer (no errcat code renders it)."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").enable("table").render(markdown)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>API</title></head>'
        '<body><nav><ul><li><a href="#">Introduction</a></li><li><a href="#">Errors</a></li>'
        f'</ul></nav><main class="content">\n{body}</main><footer>© Example</footer></body>'
        "</html>\n"
    )


def _padding(n: int) -> str:
    sections = []
    for i in range(120):
        sections.append(
            f"## Endpoint {n}-{i}\n\nReturns the {_WORDS[i % 8]} of the account.\n\n"
            "| Parameter | Type | Required | Description |\n|---|---|---|---|\n"
            f"| {_WORDS[i % 8]}Id | string | Yes | example 10{i:03d} |\n\n"
            f'```json\n{{"code": 0, "data": {{"{_WORDS[(i + 1) % 8]}": {i}}}}}\n```'
        )
    return "\n\n".join(sections)


def documents() -> st.SearchStrategy[Listing]:
    return listings()


@st.composite
def noise_pages(draw: st.DrawFn) -> str:
    """A page of the noise alone (parameter, enum, rate-limit tables, JSON, prose): no code."""
    parts = [draw(_noise()) for _ in range(draw(st.integers(1, 5)))]
    if draw(st.booleans()):
        parts = [_padding(0), *parts]
    return "# API reference\n\n" + "\n\n".join(parts) + "\n"


def _listing(
    shape: str, code_header: str, message_header: str, entries: tuple[tuple[str, str], ...],
    draw: st.DrawFn,
) -> str:  # fmt: skip
    if shape == "table":
        form = draw(st.sampled_from(("plain", "http", "name", "reversed", "headerless")))
        if form == "http":  # a third column of HTTP statuses
            rows = [f"| {code_header} | HTTP Status | {message_header} |", "| --- | --- | --- |"]
            rows += [f"| {c} | {400 + i % 3} | {m} |" for i, (c, m) in enumerate(entries)]
        elif form == "name":  # a symbolic name beside each code
            rows = [f"| {code_header} | Name | {message_header} |", "|:--|:--|:--|"]
            rows += [f"| {c} | E_{i}_FAILED | {m} |" for i, (c, m) in enumerate(entries)]
        elif form == "headerless":  # no header: the first row is the first code
            (c0, m0), rest = entries[0], entries[1:]
            rows = [f"| {c0} | {m0} |", "| --- | --- |"] + [f"| {c} | {m} |" for c, m in rest]
        elif form == "reversed":  # the message first
            rows = [f"| {message_header} | {code_header} |", "| --- | --- |"]
            rows += [f"| {m} | {c} |" for c, m in entries]
        else:
            rows = [f"| {code_header} | {message_header} |", "| --- | --- |"]
            rows += [f"| {c} | {m} |" for c, m in entries]
        return "\n".join(rows)
    if shape == "table-no-pipes":
        rows = [f"{code_header} | {message_header}", "--- | ---"]
        rows += [f"{c} | {m}" for c, m in entries]
        return "\n".join(rows)
    if shape == "bullets":
        marker = draw(st.sampled_from("-*"))
        form = draw(st.sampled_from(("`{c}` {m}", "{c}: {m}", "{c} – {m}", "**{c}** - {m}")))
        return "\n".join(f"{marker} " + form.format(c=c, m=m) for c, m in entries)
    if shape == "headings":
        form = draw(st.sampled_from(("paragraph", "bullet")))
        if form == "bullet":
            return "\n\n".join(f"### {c}\n\n* {m}" for c, m in entries)
        return "\n\n".join(f"### {c}\n\n{m}" for c, m in entries)
    if shape == "nested-bullets":
        return "\n".join(f"- `{c}`\n  - {m}" for c, m in entries)
    if shape == "code-block":
        width = max(len(c) for c, _ in entries) + 2
        return "```\n" + "\n".join(f"{c:<{width}}{m}" for c, m in entries) + "\n```"
    if shape == "colon-definitions":
        return "\n\n".join(f"{c}\n: {m}" for c, m in entries)
    if shape == "definitions":
        items = "".join(f"<dt>{c}</dt><dd>{m}</dd>" for c, m in entries)
        return f"<dl>{items}</dl>"
    lines = "\n".join(f"{c} - {m}" for c, m in entries)  # "lines"
    return lines


@st.composite
def _noise(draw: st.DrawFn) -> str:
    """What sits around an error listing on a whole-API page and is not one."""
    kind = draw(st.sampled_from(("parameters", "enum", "names", "states", "rate", "json", "prose")))
    if kind == "names":  # upper-case names under a bare "Code" header: an enum
        return (
            "## Order types\n\n| Code | Meaning |\n|---|---|\n| LIMIT | A limit order |\n"
            "| MARKET | A market order |\n| STOP_LOSS | A stop order |"
        )
    if kind == "states":  # a list of states under a title with "codes" in it
        return (
            "## Order status codes\n\n- NEW: accepted by the engine\n"
            "- PARTIALLY_FILLED: part of it traded\n- FILLED: all of it traded"
        )
    if kind == "parameters":
        return (
            "## Place order\n\n| Parameter | Type | Required | Description |\n|---|---|---|---|\n"
            "| symbol | string | Yes | BTCUSDT |\n| code | integer | No | 10001 |\n"
            "| side | string | Yes | BUY |"
        )
    if kind == "enum":
        return (
            "## Order status\n\n| Value | Description |\n|---|---|\n| 1 | NEW |\n"
            "| 2 | PARTIALLY_FILLED |\n| 3 | FILLED |\n| 4 | CANCELED |"
        )
    if kind == "rate":
        return (
            "## Rate limits\n\n| Endpoint | Limit | Interval |\n|---|---|---|\n"
            "| /api/order | 100 | 10 |\n| /api/cancel | 200 | 10 |"
        )
    if kind == "json":
        return '## Response example\n\n```json\n{"code": 10001, "msg": "Invalid parameter"}\n```'
    return "## Overview\n\nAll requests return a code and a message; 0 means success."
