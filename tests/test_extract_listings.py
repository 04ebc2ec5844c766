"""Each class of listing that unseen documents use, on a document written in that shape (none is
copied from a real page), read by both paths: errcat.extract.read.*."""

from __future__ import annotations

import errcat
import pytest


def read(doc: str, fast: bool) -> list[tuple[str, str | None, tuple[str, ...]]]:
    cat = errcat.extract(doc, fast=fast)
    assert cat == errcat.extract(doc, fast=not fast)
    return [(e.code, e.group, e.messages) for e in cat]


BOTH = pytest.mark.parametrize("fast", [True, False])


@BOTH
def test_bullets_of_three_forms_under_category_headings(fast):
    doc = """# Futures API

## SYSTEM_ERROR

- `10000` Url not found.
- `10001` Service busy, retry later.

### Common business error codes:

* 0101: Unknown error
* 0102: Account frozen

## HTTP

* 400 Bad Request – Invalid request format
* 404 Not Found – The endpoint does not exist
"""
    got = read(doc, fast)
    assert got[:4] == [
        ("10000", "SYSTEM_ERROR", ("Url not found.",)),
        ("10001", "SYSTEM_ERROR", ("Service busy, retry later.",)),
        ("0101", "Common business error codes:", ("Unknown error",)),
        ("0102", "Common business error codes:", ("Account frozen",)),
    ]
    assert len(got) == 4  # "## HTTP" does not say error: its list is no error listing


@BOTH
def test_bullets_with_a_status_line_under_an_error_heading(fast):
    doc = "## Errors\n\n* 400 Bad Request – Invalid request format\n* 401 Unauthorized – Bad key\n"
    assert read(doc, fast) == [
        ("400", "Errors", ("Bad Request – Invalid request format",)),
        ("401", "Errors", ("Unauthorized – Bad key",)),
    ]


def test_an_enum_list_with_small_numbers_is_not_codes():
    doc = "## Error handling\n\n- 1 Retry the request\n- 2 Contact support\n"
    assert len(errcat.extract(doc)) == 0


@BOTH
@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("| エラーコード | 説明 |", "## エラーコード一覧"),
        ("| 错误码 | 错误信息 |", "## 通用错误码"),
        ("| 錯誤碼 | 說明 |", "## 錯誤碼"),
        ("| 에러 코드 | 설명 |", "## 오류 코드"),
        ("| Код ошибки | Описание |", "## Коды ошибок"),
        ("| Código de error | Descripción |", "## Códigos de error"),
        ("| Código de erro | Mensagem |", "## Códigos de erro"),
        ("| Hata kodu | Açıklama |", "## Hata kodları"),
        ("| Mã lỗi | Mô tả |", "## Danh sách mã lỗi"),
        ("| รหัสข้อผิดพลาด | คำอธิบาย |", "## รหัสข้อผิดพลาด"),
    ],
)
def test_tables_headed_in_the_exchanges_language(fast, header, title):
    doc = f"# API\n\n{title}\n\n{header}\n| --- | --- |\n| 1001 | текст один |\n| 1002 | dos |\n"
    assert [(c, m) for c, _, m in read(doc, fast)] == [
        ("1001", ("текст один",)),
        ("1002", ("dos",)),
    ]


@BOTH
def test_a_parameter_table_in_chinese_is_not_codes(fast):
    doc = "## 下单\n\n| 参数 | 类型 | 是否必须 | 说明 |\n|---|---|---|---|\n"
    doc += "| 1001 | int | 是 | 示例 |\n"
    assert read(doc, fast) == []


@BOTH
@pytest.mark.parametrize(
    "codes",
    [
        ("base-symbol-error", "quote-asset-error"),
        ("order.price.invalid", "order.qty.invalid"),
        ("B1000-CW", "B1001-CW"),
        ("0101", "0102"),
    ],
)
def test_codes_that_are_not_numbers_or_upper_snake(fast, codes):
    a, b = codes
    table = f"## Error codes\n\n| Code | Message |\n|---|---|\n| {a} | First |\n| {b} | Second |\n"
    heads = f"## Error codes\n\n### {a}\n\nFirst\n\n### {b}\n\nSecond\n"
    terms = f"## Error codes\n\n<dl><dt>{a}</dt><dd>First</dd><dt>{b}</dt><dd>Second</dd></dl>\n"
    for doc in (table, heads, terms):
        assert [(c, m) for c, _, m in read(doc, fast)] == [(a, ("First",)), (b, ("Second",))]


def test_kebab_words_outside_an_error_section_are_not_codes():
    doc = "## Symbols\n\n| Code | Name |\n|---|---|\n| btc-usdt | Bitcoin |\n| eth-usdt | Ether |\n"
    assert len(errcat.extract(doc)) == 0


@BOTH
def test_short_message_column_is_the_message_description_column_the_description(fast):
    doc = """# RPC errors

| Error Code   | Short message          | Description                      |
| ------------ | ---------------------- | -------------------------------- |
| 0 or absent  |                        | Success.                         |
| 20001        | `"token_expired"`      | The access token has expired.    |
| 20002        | `"scope_missing"`      | The key lacks the needed scope.  |
| 20002        | `"scope_denied"`       | The scope was refused.           |
"""
    cat = errcat.extract(doc, fast=fast)
    assert [(e.code, e.messages, e.description) for e in cat] == [
        ("0", (), "Success."),
        ("20001", ("token_expired",), "The access token has expired."),
        ("20002", ("scope_missing", "scope_denied"),
         "The key lacks the needed scope.\nThe scope was refused."),
    ]  # fmt: skip


@BOTH
def test_an_enum_table_of_numbers_and_names_is_not_codes(fast):
    doc = """# API

## Order fields

- Ledger Entry Type

| Description | Code |
|---|---|
| REALIZED_PNL | 1 |
| FUNDING_FEE | 2 |
| LIQUIDATION_FEE | 3 |
"""
    assert read(doc, fast) == []
    # the same shape where the section says these are error codes is a listing
    announced = doc.replace("- Ledger Entry Type", "- Cancel reject codes")
    assert [c for c, _, _ in read(announced, fast)] == ["1", "2", "3"]


@BOTH
def test_websocket_close_codes_under_status_code(fast):
    doc = """## WebSocket

#### Close codes

| Status Code | Reason Text |
| --- | --- |
| 1009 | Frame too large |
| 4001 | Login failed |

## Responses

| Status Code | Description |
| --- | --- |
| 200 | OK |
| 404 | Not found |
"""
    cat = errcat.extract(doc, fast=fast)
    assert [(e.code, e.surface, e.messages, e.http_status) for e in cat] == [
        ("1009", "websocket", ("Frame too large",), None),
        ("4001", "websocket", ("Login failed",), None),
    ]


@BOTH
def test_a_heading_that_names_codes_over_a_table_of_their_messages(fast):
    doc = """## Messages for -3010 MATCHING_REJECTED and -3011 AMEND_REJECTED

Message | Description
------- | -----------
"Price out of band." | The price is too far from the mark.
"Rest API disabled." / "FIX API disabled." | The interface is off for this key.
"""
    cat = errcat.extract(doc, fast=fast)
    assert [(e.code, e.name) for e in cat] == [
        ("-3010", "MATCHING_REJECTED"),
        ("-3011", "AMEND_REJECTED"),
    ]
    entry = cat.get("-3011")
    assert entry.messages == ("Price out of band.", "Rest API disabled.", "FIX API disabled.")
    assert entry.description == (
        "The price is too far from the mark.\nThe interface is off for this key."
    )
    # a table of messages under a heading that names no code lists no code
    assert len(errcat.extract(doc.replace("-3010 MATCHING_REJECTED and -3011 ", ""))) == 0


@BOTH
def test_a_message_alone_on_its_row_is_a_message_not_a_title(fast):
    # Binance's table of shared messages ends in rows with outer pipes and no description
    doc = """## Messages for -3010 MATCHING_REJECTED

Message | Description
------- | -----------
"Price out of band." | The price is too far from the mark.
| Pegged orders are not supported. |  |
| Order amend is not supported. | Not for this order type. |
"""
    (entry,) = errcat.extract(doc, fast=fast)
    assert entry.messages == (
        "Price out of band.",
        "Pegged orders are not supported.",
        "Order amend is not supported.",
    )
    assert entry.group == "Messages for -3010 MATCHING_REJECTED"
    # a row of one filled cell that is not a sentence still titles the rows below it
    titled = """## Errors

| Code | Message |
| --- | --- |
| Order errors |  |
| 4001 | Price out of band. |
"""
    assert [(e.code, e.group) for e in errcat.extract(titled, fast=fast)] == [
        ("4001", "Order errors")
    ]


@BOTH
def test_advice_bullets_under_a_code_heading_are_the_description(fast):
    doc = """## Errors

### -2001 KEY_DISABLED

* The API key is disabled.
* How to resolve: enable the key in the account settings.
"""
    (entry,) = errcat.extract(doc, fast=fast)
    assert entry.messages == ("The API key is disabled.",)
    assert entry.description == "How to resolve: enable the key in the account settings."


@BOTH
def test_titles_as_sites_write_them(fast):
    doc = """# Errors

###Wallet errors###

Code | Meaning
---- | -------
3001 | Wallet locked

### Lending [🔗](https://example.invalid/#lending "Direct link")

Error Code from 4000 to 4099

| Error Code | Error Message |
| --- | --- |
| 4001 | Loan not found |
"""
    assert read(doc, fast) == [
        ("3001", "Wallet errors", ("Wallet locked",)),
        ("4001", "Lending", ("Loan not found",)),
    ]


@BOTH
def test_struck_and_corrected_code_cells(fast):
    doc = """## Errors

| Code | Message |
|---|---|
| ~5001~ | ~Old limit reached~ |
| ~~5002~~ 5102 | Moved to 5102 |
| 5003 | Current |
"""
    cat = errcat.extract(doc, fast=fast)
    assert [(e.code, e.messages, e.deprecated) for e in cat] == [
        ("5001", ("Old limit reached",), True),
        ("5102", ("Moved to 5102",), False),
        ("5003", ("Current",), False),
    ]


@BOTH
def test_names_of_failures_under_a_header_no_word_announces(fast):
    doc = """# API

## `key` list

- Account related

| `key` | Meaning |
| --- | --- |
| ACCOUNT_NOT_FOUND | No such account |
| INVALID_ACCOUNT_ID | The account id is malformed |
| ACCOUNT_LOCKED | The account is locked |

- Wallet related

| `key` | Meaning |
| --- | --- |
| DEPOSIT_ADDRESS_PENDING | The address is being generated |
| WALLET_MAINTENANCE | The wallet is under maintenance |
"""
    got = read(doc, fast)
    assert [(c, g) for c, g, _ in got] == [
        ("ACCOUNT_NOT_FOUND", "Account related"),
        ("INVALID_ACCOUNT_ID", "Account related"),
        ("ACCOUNT_LOCKED", "Account related"),
        # the second table continues the listing (same header, same section), although its
        # names alone do not say failure
        ("DEPOSIT_ADDRESS_PENDING", "Wallet related"),
        ("WALLET_MAINTENANCE", "Wallet related"),
    ]


@BOTH
def test_an_enum_of_names_beside_descriptions_is_not_codes(fast):
    doc = """# API

## Order types

| Type | Meaning |
| --- | --- |
| LIMIT_MAKER | Rests on the book |
| STOP_MARKET | Market order when triggered |
| TAKE_PROFIT | Closes at a profit |

| Side | Meaning |
| --- | --- |
| BUY_SIDE | Buys |
| SELL_SIDE | Sells |
| BOTH_SIDES | Either |
"""
    assert read(doc, fast) == []


@BOTH
def test_kramdown_definition_paragraphs(fast):
    doc = "## Errors\n\n7001\n: Market closed\n\n7002\n: Symbol halted\n\nSee also the FAQ.\n"
    assert read(doc, fast) == [
        ("7001", "Errors", ("Market closed",)),
        ("7002", "Errors", ("Symbol halted",)),
    ]
    # the same shape elsewhere is a glossary, not codes
    assert read(doc.replace("## Errors", "## Glossary"), fast) == []


@BOTH
def test_names_under_a_bare_code_header_are_an_enum_unless_they_say_failure(fast):
    enum = "## Order types\n\n| Code | Meaning |\n|---|---|\n"
    enum += "| LIMIT | Limit |\n| MARKET | Market |\n"
    assert read(enum, fast) == []
    failures = enum.replace("LIMIT", "ORDER_NOT_FOUND").replace("MARKET", "INVALID_PRICE")
    assert [c for c, _, _ in read(failures, fast)] == ["ORDER_NOT_FOUND", "INVALID_PRICE"]


@BOTH
def test_a_category_heading_over_a_list_is_no_code_even_after_a_codes_section(fast):
    doc = """## Order status codes

- NEW: accepted by the engine
- FILLED: all of it traded

## SYSTEM_ERROR

- 0100: Unknown error
- 0101: Service busy
"""
    assert read(doc, fast) == [
        ("0100", "SYSTEM_ERROR", ("Unknown error",)),
        ("0101", "SYSTEM_ERROR", ("Service busy",)),
    ]


@BOTH
def test_a_code_block_of_code_lines_under_an_error_heading(fast):
    doc = "## Error codes\n\n```\n8001  Rate limit hit\n8002  Key revoked\n```\n"
    assert read(doc, fast) == [
        ("8001", "Error codes", ("Rate limit hit",)),
        ("8002", "Error codes", ("Key revoked",)),
    ]
    # an example payload is no listing, and neither is the same block in another section
    payload = '## Error codes\n\n```json\n{"code": 8001, "msg": "Rate limit hit"}\n```\n'
    assert read(payload, fast) == []
    assert read(doc.replace("Error codes", "Examples"), fast) == []


@BOTH
def test_nested_bullets_give_each_code_its_text(fast):
    doc = "## Errors\n\n- `9001`\n  - Nonce too small\n- `9002`\n  - Nonce reused\n"
    assert read(doc, fast) == [
        ("9001", "Errors", ("Nonce too small",)),
        ("9002", "Errors", ("Nonce reused",)),
    ]


@BOTH
def test_a_table_without_a_header_row_keeps_its_first_code(fast):
    doc = "## Error codes\n\n| 6001 | Invalid nonce |\n|---|---|\n| 6002 | Expired nonce |\n"
    assert [(c, m) for c, _, m in read(doc, fast)] == [
        ("6001", ("Invalid nonce",)),
        ("6002", ("Expired nonce",)),
    ]
    html = "<h2>Error codes</h2><table><tr><td>6001</td><td>Invalid nonce</td></tr>"
    html += "<tr><td>6002</td><td>Expired nonce</td></tr></table>"
    assert [e.code for e in errcat.extract(html, fast=fast)] == ["6001", "6002"]


@BOTH
@pytest.mark.parametrize("title", ["Errores de operaciones", "Erros", "Hatalar", "Errors"])
def test_a_title_in_a_latin_script_language_announces_string_codes(fast, title):
    # "Errores", "Erros" (pt), "Hatalar" (tr) are ASCII: only the English words were tried
    doc = f"""# {title}

| Code | Message |
| --- | --- |
| E422-10 | Insufficient balance |
| E422-11 | Order not found |
"""
    assert read(doc, fast) == [
        ("E422-10", title, ("Insufficient balance",)),
        ("E422-11", title, ("Order not found",)),
    ]


FIELD_BLOCKS = {
    "bold lines": "**Error code:** 1001\n**Message:** API key not found\n"
    "**Description:** The key does not exist.\n\n**Error code:** 1002\n"
    "**Message:** Signature mismatch\n",
    "plain lines": "Error code: 1001\nMessage: API key not found\n"
    "Description: The key does not exist.\n\nError code: 1002\nMessage: Signature mismatch\n",
    "bullets": "- Error code: 1001\n- Message: API key not found\n"
    "- Description: The key does not exist.\n\n<!-- -->\n\n- Error code: 1002\n"
    "- Message: Signature mismatch\n",
    "a paragraph per field": "Error code: 1001\n\nMessage: API key not found\n\n"
    "Description: The key does not exist.\n\nError code: 1002\n\nMessage: Signature mismatch\n",
    "another language": "エラーコード：1001\nメッセージ：API key not found\n"
    "説明：The key does not exist.\n\nエラーコード：1002\nメッセージ：Signature mismatch\n",
}


@BOTH
@pytest.mark.parametrize("shape", sorted(FIELD_BLOCKS))
def test_labelled_fields_give_the_code_and_its_texts(fast, shape):
    doc = f"# Error reference\n\n## Authentication errors\n\n{FIELD_BLOCKS[shape]}"
    cat = errcat.extract(doc, fast=fast, meaning=False)
    assert [(e.code, e.group, e.messages, e.description) for e in cat] == [
        ("1001", "Authentication errors", ("API key not found",), "The key does not exist."),
        ("1002", "Authentication errors", ("Signature mismatch",), None),
    ]


@BOTH
def test_labelled_fields_under_a_code_heading_give_its_status_and_name(fast):
    doc = """# Error Codes

#### 30001

Order size is below the minimum for this instrument.

**HTTP status:** 400
**Name:** `ORDER_SIZE_TOO_SMALL`
**How to fix:** Increase the quantity.

#### 30002

- HTTP status: 409
- Name: SELF_TRADE
- Message: Self trade prevented.
"""
    cat = errcat.extract(doc, fast=fast, meaning=False)
    assert [(e.code, e.name, e.http_status, e.messages, e.description) for e in cat] == [
        (
            "30001",
            "ORDER_SIZE_TOO_SMALL",
            400,
            ("Order size is below the minimum for this instrument.",),
            "Increase the quantity.",
        ),
        ("30002", "SELF_TRADE", 409, ("Self trade prevented.",), None),
    ]


@BOTH
def test_a_field_of_another_label_is_passed_over(fast):
    doc = """# Errors

**Error code:** 1101
**Name:** `API_KEY_EXPIRED`
**Message:** API key expired
**Retryable:** No
**Since:** v2.3
"""
    (entry,) = errcat.extract(doc, fast=fast, meaning=False)
    assert (entry.code, entry.name, entry.messages) == (
        "1101",
        "API_KEY_EXPIRED",
        ("API key expired",),
    )


@BOTH
def test_fields_outside_errors_or_without_a_text_list_nothing(fast):
    # a response's "Code: 200" in prose, and a code field with nothing beside it
    doc = (
        "# Orders\n\nCode: 200\nStatus: 200\n\n## Errors\n\nError code: 1001\n\n"
        "Note: see the limits page\n"
    )
    assert len(errcat.extract(doc, fast=fast, meaning=False)) == 0


@BOTH
def test_a_json_listing_in_a_code_block_under_an_error_heading(fast):
    doc = """# Error Codes

The current list, as `GET /api/v1/meta/errors` returns it:

```json
{"success": true, "data": [
  {"code": 80001, "msg": "Parameter error"},
  {"code": 80002, "msg": "Signature expired"},
  {"errorCode": 80101, "message": "Position not found"}
]}
```

## Example error response

```json
{"code": 80002, "msg": "Signature expired", "data": null}
```

## Codes as a map

```json
{"90001": "Busy", "90002": "Closed", "90003": "Gone"}
```
"""
    assert read(doc, fast) == [
        ("80001", "Error Codes", ("Parameter error",)),
        ("80002", "Error Codes", ("Signature expired",)),
        ("80101", "Error Codes", ("Position not found",)),
        ("90001", "Codes as a map", ("Busy",)),
        ("90002", "Codes as a map", ("Closed",)),
        ("90003", "Codes as a map", ("Gone",)),
    ]
    # where nothing says error, such a block is a sample response
    sample = doc.split("## Example")[0].replace("# Error Codes", "# Orders")
    sample = sample.replace("The current list, as `GET /api/v1/meta/errors` returns it:", "")
    assert read(sample, fast) == []


README_BLOCK = """---
title: "Error Codes"
---
[block:callout]
{"type": "warning", "body": "Only retry on 71500."}
[/block]

[block:api-header]
{"title": "Trading errors"}
[/block]

[block:parameters]
{
  "data": {"h-0": "Code", "h-1": "Message", "h-2": "HTTP Status",
           "0-0": "71001", "0-1": "Symbol is halted", "0-2": "400",
           "1-0": "71500", "1-1": "Internal error | retry", "1-2": "500"},
  "cols": 3,
  "rows": 2
}
[/block]
"""


@BOTH
def test_readme_json_blocks_read_as_the_table_and_heading_they_render(fast):
    # ReadMe's older markdown, as repositories synced with rdme hold it
    cat = errcat.extract(README_BLOCK, fast=fast, meaning=False)
    assert [(e.code, e.group, e.http_status, e.messages) for e in cat] == [
        ("71001", "Trading errors", 400, ("Symbol is halted",)),
        ("71500", "Trading errors", 500, ("Internal error | retry",)),
    ]
    # a block that is not such JSON, or never closes, stays text
    assert len(errcat.extract(README_BLOCK.replace('"cols": 3', '"cols": "x"'), fast=fast)) == 0
    unclosed = README_BLOCK.replace("[/block]\n", "")
    assert len(errcat.extract(unclosed, fast=fast)) == 0


MDX_TABS = {
    "docusaurus": ('<TabItem value="rest" label="REST">', "</TabItem>",
                   '<TabItem value="ws" label="WebSocket">'),
    "mintlify": ('<Tab title="REST">', "</Tab>", '<Tab title="WebSocket">'),
}  # fmt: skip


@BOTH
@pytest.mark.parametrize("site", sorted(MDX_TABS))
def test_mdx_tabs_title_what_follows_them(fast, site):
    # the WebSocket tab's codes were filed as REST and merged into its entries
    rest, close, ws = MDX_TABS[site]
    table = "| Code | Message |\n| --- | --- |\n"
    doc = (
        f"# Error codes\n\n<Tabs>\n  {rest}\n\n{table}| 81001 | Invalid signature |\n\n"
        f"  {close}\n  {ws}\n\n{table}| 81001 | Invalid auth frame |\n\n  {close}\n</Tabs>\n\n"
        f"{table}| 82001 | Busy |\n"
    )
    assert read(doc, fast) == [
        ("81001", "REST", ("Invalid signature",)),
        ("81001", "WebSocket", ("Invalid auth frame",)),
        ("82001", "Error codes", ("Busy",)),
    ]
    assert [e.surface for e in errcat.extract(doc, fast=fast)] == ["rest", "websocket", "rest"]


@BOTH
def test_field_names_documented_on_an_error_page_are_no_codes(fast):
    # snake_case reads as a code only in a code column or a code's field
    doc = """# Errors

Every error body holds these fields:

### error_code

The code of the error.

- `request_id`: the id of the request
- `error_message`: what went wrong
"""
    assert errcat.extract(doc, fast=fast, meaning=False).entries == ()


@BOTH
def test_a_run_of_fields_ends_at_a_value_that_is_no_code(fast):
    # one "Error code: see below" (or a code without a text) dropped the whole run
    pairs = "".join(f"Error code: {1000 + i}\nMessage: m{i}\n\n" for i in range(5))
    doc = f"# Errors\n\n{pairs}Error code: 9999\n\nError code: see the table below\n"
    cat = errcat.extract(doc, fast=fast, meaning=False)
    assert [e.code for e in cat] == ["1000", "1001", "1002", "1003", "1004"]


@BOTH
def test_a_closing_tabs_block_of_its_own_ends_the_tabs(fast):
    table = "| Code | Message |\n| --- | --- |\n"
    doc = (
        f'# Error codes\n\n<Tabs>\n<Tab title="WebSocket">\n\n{table}| 1 | A |\n\n</Tab>\n\n'
        f"</Tabs>\n\n{table}| 2 | B |\n"
    )
    assert [(e.code, e.surface) for e in errcat.extract(doc, fast=fast)] == [
        ("1", "websocket"),
        ("2", "rest"),
    ]


@BOTH
def test_review_cases_of_the_new_readers(fast):
    # a wrapped field value is the field's (the code was lost)
    wrapped = (
        "# Errors\n\nError code: 1001\nMessage: Bad key\nDescription: The key in the header\n"
        "does not exist.\n"
    )
    (entry,) = errcat.extract(wrapped, fast=fast, meaning=False)
    assert entry.description == "The key in the header does not exist."
    # a batch response's per-order results are a sample, not a listing
    batch = (
        '# Errors\n\n```json\n{"data": [{"code": 0, "msg": "ok", "ordId": "1"}, '
        '{"code": 51008, "msg": "Insufficient", "ordId": "2"}, '
        '{"code": 51000, "msg": "Param", "ordId": "3"}]}\n```\n'
    )
    assert errcat.extract(batch, fast=fast, meaning=False).entries == ()
    # text right below a one-line ReadMe block is no row of its table
    readme = (
        '# Error codes\n\n[block:parameters]\n{"data": {"h-0": "Code", "h-1": "Message", '
        '"0-0": "1", "0-1": "a", "1-0": "2", "1-1": "b", "2-0": "3", "2-1": "c"}, '
        '"cols": 2, "rows": 3}\n[/block]\nContact support if this persists.\n'
    )
    assert [e.code for e in errcat.extract(readme, fast=fast, meaning=False)] == ["1", "2", "3"]
