"""Error tables are told from other tables by their header words and by what their cells hold."""

from __future__ import annotations

import errcat
import pytest


def codes(doc: str) -> list[str]:
    return [e.code for e in errcat.extract(doc)]


def test_header_code_column_over_codes():
    cat = errcat.extract("| Code | Message |\n|---|---|\n| 400001 | Bad request |\n")
    assert [(e.code, e.messages) for e in cat] == [("400001", ("Bad request",))]


def test_cells_win_over_swapped_headers():
    # Bitget heads its columns "Error message | Error code" but puts the codes first.
    doc = (
        "# Rest API Error Code\n\n| Error message | Error code |\n|---|---|\n"
        "| 00001 | startTime and endTime interval cannot be greater than {0} days |\n"
        "| 429 | Too many requests |\n"
    )
    cat = errcat.extract(doc)
    assert [e.code for e in cat] == ["00001", "429"]
    assert cat.get("00001").messages == (
        "startTime and endTime interval cannot be greater than {0} days",
    )


def test_identifier_codes_under_an_error_heading():
    doc = (
        "### Message Code (mc)\n\n| mc | Message |\n|---|---|\n"
        "| AUTH_001 | Missing request header `validate-appkey` |\n| FAILURE | fail |\n"
    )
    cat = errcat.extract(doc)
    assert [e.code for e in cat] == ["AUTH_001", "FAILURE"]
    assert cat.get("AUTH_001").messages == ("Missing request header validate-appkey",)


def test_label_tables_with_one_item_list_titles():
    doc = (
        "## `label` list\n\n- Authentication related\n\n| `label` | Meaning |\n|---|---|\n"
        "| INVALID_KEY | Invalid API Key |\n| FORBIDDEN | Account has no permission |\n"
    )
    cat = errcat.extract(doc)
    assert [(e.code, e.group) for e in cat] == [
        ("INVALID_KEY", "Authentication related"),
        ("FORBIDDEN", "Authentication related"),
    ]


def test_identifier_column_beside_numbers_is_the_name():
    doc = (
        "## BizError Field\n\n| code | Message | Description |\n|---|---|---|\n"
        "| 19999 | REQUEST_IS_DUPLICATED | Details: Duplicated request ID |\n"
        "| 11025 | TE_ROUTE_ERROR = 11025; | Details: Request is routed to the wrong engine |\n"
        "| 11015 | TE_CONDITIONAL_TRIGGERED_OR_CANCELED | |\n"
    )
    cat = errcat.extract(doc)
    assert [(e.code, e.name) for e in cat] == [
        ("19999", "REQUEST_IS_DUPLICATED"),
        ("11025", "TE_ROUTE_ERROR"),
        ("11015", "TE_CONDITIONAL_TRIGGERED_OR_CANCELED"),
    ]
    # Issue 14 item 3: the Message cell is what the API returns, the Description explains it.
    assert cat.get("19999").messages == ("REQUEST_IS_DUPLICATED",)
    assert cat.get("19999").description == "Details: Duplicated request ID"
    assert (cat.get("11015").messages, cat.get("11015").description) == (
        ("TE_CONDITIONAL_TRIGGERED_OR_CANCELED",),
        None,
    )


def test_json_error_bodies_in_cells():
    doc = (
        "# Websocket Market Streams\n\n### Error Messages\n\n"
        "| Error Message | Description |\n|---|---|\n"
        '| {"code": 0, "msg": "Unknown property"} | Parameter was invalid |\n'
        '| {"code": 2, "msg": "Invalid request: too many parameters"} | Unnecessary parameters |\n'
        '| {"code": 2, "msg": "Invalid request: missing field`method` at line 1"} | no method |\n'
    )
    cat = errcat.extract(doc)
    assert [(e.code, e.surface, e.group) for e in cat] == [
        ("0", "websocket", "Error Messages"),
        ("2", "websocket", "Error Messages"),
    ]
    assert cat.get("2").messages[0] == "Invalid request: too many parameters"
    # the backticks are a code span: rendered, the text reads "fieldmethod"
    assert "Invalid request: missing fieldmethod at line 1" in cat.get("2").messages


def test_parameter_tables_are_never_error_tables():
    doc = (
        "# Errors\n\n| Parameter | Type | Description |\n|---|---|---|\n"
        "| code | int | Error code |\n| msg | string | Error message |\n\n"
        "| Name | Type | Required | Description |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n"
    )
    assert codes(doc) == []


def test_numbered_tables_outside_error_sections_are_not_codes():
    # An enum or an HTTP response table: numbers, text, but nothing says "error".
    doc = (
        "## Order status\n\n| Value | Description |\n|---|---|\n| 1 | New |\n| 2 | Filled |\n\n"
        "### Responses\n\n| Status | Meaning | Description |\n|---|---|---|\n| 200 | OK | Done |\n"
    )
    assert codes(doc) == []


def test_http_status_table_in_an_error_section():
    doc = "### HTTP Status Codes\n\n| httpStatus | Description |\n|---|---|\n| 429 | Too fast |\n"
    cat = errcat.extract(doc)
    assert [(e.code, e.http_status) for e in cat] == [("429", 429)]


def test_struck_through_row_is_deprecated():
    doc = "| Code | Message |\n|---|---|\n| ~~10001~~ | ~~Old error~~ |\n| 10002 | New error |\n"
    cat = errcat.extract(doc)
    assert cat.get("10001").deprecated is True
    assert cat.get("10002").deprecated is False


def test_same_code_two_sections_two_entries_and_repeats_merge():
    doc = (
        "## Spot Error Code\n\n| code | message |\n|---|---|\n| 1000 | OK |\n| 50000 | Bad |\n"
        "| 50000 | Worse |\n\n## Futures Error Code\n\n| code | message |\n|---|---|\n"
        "| 1000 | Success |\n"
    )
    cat = errcat.extract(doc)
    assert [(e.code, e.group) for e in cat] == [
        ("1000", "Spot Error Code"),
        ("50000", "Spot Error Code"),
        ("1000", "Futures Error Code"),
    ]
    assert cat.lookup("50000")[0].messages == ("Bad", "Worse")


def test_codes_written_as_links_or_in_backticks():
    doc = "| Code | Message |\n|---|---|\n| [`30001`](#auth) | Header is empty |\n| `30002` | x |\n"
    assert codes(doc) == ["30001", "30002"]


def test_tables_of_figures_are_not_error_tables():
    # A benchmark or rate-limit table: a "codes" column beside other columns of numbers.
    doc = (
        "## Results\n\n| document | entries | codes expected | recall |\n|---|--:|--:|--:|\n"
        "| a.md | 162 | 162 | 1.000 |\n| b.md | 51 | 51 | 0.980 |\n"
    )
    assert codes(doc) == []


def test_message_and_description_columns_by_the_header():
    # A header that names both what the API returns and an explanation of it puts each where it
    # belongs, even when the returned message is an UPPER_SNAKE string (then also the name).
    doc = (
        "## Order errors\n\n| Code | Message | Description |\n|---|---|---|\n"
        "| 7101 | ORDER_QTY_TOO_LOW | Details: under the minimum |\n"
        "| 7102 | PRICE_BAND_EXCEEDED = 7102; // legacy | Details: outside the band |\n"
        "| 7103 | POSITION_LOCKED | |\n"
    )
    got = [(e.code, e.name, e.messages, e.description) for e in errcat.extract(doc)]
    assert got == [
        ("7101", "ORDER_QTY_TOO_LOW", ("ORDER_QTY_TOO_LOW",), "Details: under the minimum"),
        ("7102", "PRICE_BAND_EXCEEDED", ("PRICE_BAND_EXCEEDED",), "Details: outside the band"),
        ("7103", "POSITION_LOCKED", ("POSITION_LOCKED",), None),
    ]


def test_message_and_description_in_either_order():
    doc = (
        "## Errors\n\n| Error code | Description | Error message |\n|---|---|---|\n"
        "| 52 | The session ended before the call | session expired |\n"
    )
    entry = errcat.extract(doc).get("52")
    assert (entry.messages, entry.description) == (
        ("session expired",),
        "The session ended before the call",
    )


def test_a_message_code_column_is_a_name():
    # "Message Code" names the message (a symbol), so the Description stays the message.
    doc = (
        "## Response codes\n\n| Code | Message Code | Description |\n|---|---|---|\n"
        "| 0 | -- | Success |\n| 204 | NO_ACCOUNT | Account not found |\n"
        "| 205 | BAD_SIDE | Side must be BUY or SELL |\n| 206 | BAD_QTY | Quantity out of range |\n"
        "| 207 | NO_FUNDS | Not enough balance |\n"
    )
    entry = errcat.extract(doc).get("204")
    assert (entry.name, entry.messages, entry.description) == (
        "NO_ACCOUNT",
        ("Account not found",),
        None,
    )


def test_hyphenated_codes_beside_an_http_status_stay_the_codes():
    # ERR-5001 was no code key: the HTTP status became the code, and rows sharing one merged;
    # under "メッセージコード" (message code), no header word says code: the HTTP column was
    # taken, the only one of numbers
    for header in (
        "Error code | HTTP Status | Message",
        "エラーコード | HTTPステータス | 内容",
        "メッセージコード | HTTPステータス | 内容",
    ):
        doc = (
            f"# Error codes\n\n| {header} |\n| --- | --- | --- |\n"
            "| ERR-5001 | 401 | Invalid API key |\n| ERR-5002 | 401 | Bad signature |\n"
            "| AUTH-01 | 429 | Too many requests |\n"
        )
        cat = errcat.extract(doc, meaning=False)
        assert [(e.code, e.http_status, e.messages) for e in cat] == [
            ("ERR-5001", 401, ("Invalid API key",)),
            ("ERR-5002", 401, ("Bad signature",)),
            ("AUTH-01", 429, ("Too many requests",)),
        ], header


def test_a_description_column_in_the_exchange_s_language_is_the_description():
    # "Описание" was a second message column the header did not name as an explanation
    for header in ("Код | Сообщение | Описание", "コード | メッセージ | 説明"):
        doc = (
            f"# Errors\n\n| {header} |\n| --- | --- | --- |\n"
            "| 3001 | Bad parameter | One of the parameters has the wrong format |\n"
        )
        (entry,) = errcat.extract(doc, meaning=False)
        assert entry.messages == ("Bad parameter",), header
        assert entry.description == "One of the parameters has the wrong format", header


def test_values_that_count_up_where_nothing_says_error_are_an_enum():
    doc = """# Place order

## Order status

| Code | Status | Description |
|------|--------|-------------|
| 0 | NEW | Order accepted |
| 1 | PARTIALLY_FILLED | Part of the order has been filled |
| 2 | FILLED | Order fully filled |

## Errors

| Code | Message |
|------|---------|
| 1 | Invalid side |
| 2 | Stop price required |
| 3 | Too many open orders |
"""
    # by tens too
    tens = doc.replace("| 0 | NEW", "| 10 | NEW").replace("| 1 | PART", "| 20 | PART")
    assert codes(tens.replace("| 2 | FILLED", "| 30 | FILLED")) == ["1", "2", "3"]
    # a header that says error keeps them codes, wherever the table is
    header = doc.replace(
        "| Code | Status | Description |", "| Error code | Status | Error message |"
    )
    assert codes(header.replace("## Errors", "## More")).count("0") == 1
    # the same numbering under an error heading is a listing
    assert codes(doc) == ["1", "2", "3"]
    assert errcat.extract(doc).get("1").messages == ("Invalid side",)
    # a title that says codes, not errors, is no error heading for it
    health = "# Status codes for the health endpoint\n\n| Status | Meaning |\n|---|---|\n"
    assert codes(health + "| 1 | Normal |\n| 2 | Degraded |\n| 3 | Maintenance |\n") == []


def test_a_badge_or_permalink_beside_a_code_is_not_part_of_it():
    # one such cell in a short table made the names the codes, or dropped the table
    doc = """# Errors

| Code | Name | Message |
| --- | --- | --- |
| `20103` | `AMEND_BUSY` | Order is being amended |
| `20104` <sup>new</sup> | `AMEND_NOOP` | Amend request changes nothing |
| `20106` [🔗](#e20106) | `PRICE_STEP` | Price is not a multiple of the tick size |
| `20107` (deprecated) | `OLD_STEP` | Old step error |
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.name, e.deprecated) for e in cat] == [
        ("20103", "AMEND_BUSY", False),
        ("20104", "AMEND_NOOP", False),
        ("20106", "PRICE_STEP", False),
        ("20107", "OLD_STEP", True),
    ]


MULTI_CODE_MARKDOWN = """# Error codes

| Code | Message |
|------|---------|
| 1000 | Unknown error |
| 1001, 1002 | Invalid API key |
| 1003 / 1004 | Signature invalid |
| 2001<br>2002 | Account suspended |
| 0x3001 | Hardware wallet signing failed |
| ~~110075~~ 182021 | Replaced code |
"""

MULTI_CODE_HTML = """<h2>Error codes</h2>
<table><tr><th>Code</th><th>Message</th></tr>
<tr><td>1000</td><td>Unknown error</td></tr>
<tr><td>1001, 1002</td><td>Invalid API key</td></tr>
<tr><td>1003 / 1004</td><td>Signature invalid</td></tr>
<tr><td>2001<br>2002</td><td>Account suspended</td></tr>
<tr><td>0x3001</td><td>Hardware wallet signing failed</td></tr>
<tr><td><s>110075</s> 182021</td><td>Replaced code</td></tr>
</table>"""


def test_a_cell_listing_several_codes_gives_each_the_row():
    # such cells (and a hex code) made the column too irregular: the table was dropped
    want = [
        ("1000", "Unknown error"),
        ("1001", "Invalid API key"),
        ("1002", "Invalid API key"),
        ("1003", "Signature invalid"),
        ("1004", "Signature invalid"),
        ("2001", "Account suspended"),
        ("2002", "Account suspended"),
        ("0x3001", "Hardware wallet signing failed"),
        # a struck old code before its replacement stays the one code in force
        ("182021", "Replaced code"),
    ]
    for doc in (MULTI_CODE_MARKDOWN, MULTI_CODE_HTML):
        for fast in (True, False):
            cat = errcat.extract(doc, meaning=False, fast=fast)
            assert [(e.code, *e.messages) for e in cat] == want, (doc[:20], fast)


def test_a_cell_of_mixed_or_repeated_parts_is_one_code():
    doc = """# Error codes

| Code | Message |
|------|---------|
| -1003, UNKNOWN | A code and its name |
| 1004/1004 | Written twice |
""" + "".join(f"| {code} | Other error |\n" for code in range(1005, 1013))
    assert codes(doc)[:3] == ["-1003, UNKNOWN", "1004/1004", "1005"]


def test_codes_of_any_style_in_a_category_below_an_error_heading():
    # "# Error codes" > "## Authentication" > "| Code | Message |": E1001, 0x1001, MD-01 and
    # a bare "Status" column of 7001s were dropped (only decimal codes were read there)
    doc = """# Error codes

## Authentication

| Code | Message |
|---|---|
| E1001 | Signature invalid |
| E1002 | Token expired |

## Transport

| Code | Message |
|---|---|
| `0x1001` | Connection not authenticated |
| `0x1002` | Heartbeat timeout |

## Market data

| Code | Message |
|---|---|
| MD-01 | Unknown market |
| MD-02 | Interval not supported |

## Spot

| Status | Message |
|---|---|
| 7001 | Account locked |
| 7003 | Self-trade prevented |
"""
    for fast in (True, False):
        cat = errcat.extract(doc, meaning=False, fast=fast)
        assert [(e.code, e.group) for e in cat] == [
            ("E1001", "Authentication"),
            ("E1002", "Authentication"),
            ("0x1001", "Transport"),
            ("0x1002", "Transport"),
            ("MD-01", "Market data"),
            ("MD-02", "Market data"),
            ("7001", "Spot"),
            ("7003", "Spot"),
        ]


def test_names_under_a_bare_code_header_outside_errors_stay_an_enum():
    doc = """# Orders

## Order types

| Code | Meaning |
|---|---|
| LIMIT | Limit order |
| MARKET | Market order |
| STOP_LOSS | Stop order |

## Statuses

| Status | Meaning |
|---|---|
| 7001 | Open |
| 7002 | Closed |
"""
    assert codes(doc) == []


def test_a_code_column_beside_things_that_are_no_messages_is_no_error_table():
    # "Code | Interval", "Code | Endpoint | Weight", "Country codes" over "Code | Country"
    doc = """# Vole API

## Klines

| Code | Interval |
|---|---|
| 1 | 1 minute |
| 5 | 5 minutes |
| 1440 | 1 day |

## Endpoint weights

| Code | Endpoint | Weight |
|---|---|---|
| 101 | GET /v2/ticker | 1 |
| 102 | GET /v2/depth | 5 |

### Country codes

| Code | Country |
|---|---|
| 408 | North Korea |
| 364 | Iran |

## Errors

| Code | Message |
|---|---|
| 1001 | Invalid key |
| 1002 | Bad signature |

## Order rejections

| Code | Reason |
|---|---|
| 2001 | Price out of band |
"""
    assert codes(doc) == ["1001", "1002", "2001"]


def test_an_empty_header_row_over_the_header():
    # GitBook's data-header-hidden tables: the header is the first body row
    doc = (
        "# Error codes\n\n<table data-header-hidden><thead><tr><th></th><th></th></tr></thead>"
        "<tbody><tr><td><strong>Code</strong></td><td><strong>Message</strong></td></tr>"
        "<tr><td>100400</td><td>Bad request parameters</td></tr>"
        "<tr><td>100401</td><td>Authentication failed</td></tr></tbody></table>\n"
    )
    for fast in (True, False):
        cat = errcat.extract(doc, meaning=False, fast=fast)
        assert [(e.code, e.messages) for e in cat] == [
            ("100400", ("Bad request parameters",)),
            ("100401", ("Authentication failed",)),
        ]


def test_a_code_and_its_name_stacked_in_one_cell():
    doc = """# Error codes

| Error | Description |
|---|---|
| `30101`<br>`ORDER_QTY_ZERO` | Order quantity must be greater than zero |
| `30102` `ORDER_PRICE_ZERO` | Limit price must be greater than zero |
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.name, e.messages) for e in cat] == [
        ("30101", "ORDER_QTY_ZERO", ("Order quantity must be greater than zero",)),
        ("30102", "ORDER_PRICE_ZERO", ("Limit price must be greater than zero",)),
    ]


def test_a_header_of_icons_is_no_header():
    # "| 🔢 | 💬 |" under a category below "# Error codes": the table was dropped
    doc = """# Error codes

## Transfers

| 🔢 | 💬 |
|----|----|
| 70101 | Transfer between these accounts is not allowed |
| 70102 | Transfer amount exceeds available balance |
"""
    for fast in (True, False):
        assert [e.code for e in errcat.extract(doc, meaning=False, fast=fast)] == ["70101", "70102"]


def test_below_an_error_heading_tables_of_things_stay_out_and_advice_stays_in():
    doc = """# Error codes

## Supported networks

| Code | Description |
|---|---|
| ERC20 | Ethereum |
| TRC20 | Tron |

## Order flags

| Code | Meaning |
|---|---|
| 0x01 | Post only |
| 0x02 | Reduce only |

## Order lifecycle

| Status | Description |
|---|---|
| 1001 | New |
| 1002 | Partially filled |

## Account

| Code | Solution |
|---|---|
| 10001 | Check that the API key is valid |
| 10002 | Sync your clock and sign again |
"""
    assert codes(doc) == ["10001", "10002"]


def test_a_column_of_error_texts_under_another_header_is_messages():
    # nothing says error, but "Notes" holds what failed: no table of things
    doc = """# Trading API

## Order placement

| Code | Notes |
|---|---|
| 30001 | Order price is out of the permitted range |
| 30002 | Order quantity is below the minimum |
| 30003 | Insufficient balance for this order |
"""
    assert codes(doc) == ["30001", "30002", "30003"]


def test_numbers_in_a_cell_that_are_no_list_of_codes():
    doc = """# Error codes

| Code | Message |
|---|---|
| 1,001 | Invalid API key |
| 1,002 | Signature mismatch |
| 1,003 | Timestamp expired |
"""
    assert "1" not in codes(doc) and "001" not in codes(doc)


def test_codes_of_another_style_beside_a_message_column_in_another_language():
    # "## エラーコード" > "### REST API": ERR-101 beside メッセージ was dropped (the texts were
    # checked for English failure words only)
    doc = """## エラーコード

### REST API

| コード | HTTPステータス | メッセージ |
|---|---|---|
| ERR-101 | 400 | パラメータが不正です |
| ERR-102 | 401 | APIキーが無効です |
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.http_status, e.group) for e in cat] == [
        ("ERR-101", 400, "REST API"),
        ("ERR-102", 401, "REST API"),
    ]


def test_a_title_saying_codes_over_a_table_of_states_is_no_error_table():
    doc = """# Subscriptions

### Status codes of a subscription

| Code | State |
|---|---|
| 0 | Pending |
| 1 | Active |
| 2 | Paused |
| 3 | Cancelled |
"""
    assert codes(doc) == []


def test_three_digit_codes_listed_without_spaces():
    doc = """# Error codes

| Code | Message |
|---|---|
| 100 | Continue |
| 501,502,503 | Server unavailable |
| 999, 1000 | Invalid amount |
| 600 | Invalid request |
"""
    assert codes(doc) == ["100", "501", "502", "503", "999", "1000", "600"]


def test_referral_codes_are_no_error_codes():
    doc = "# Referral program\n\n## Referral codes\n\n| Code | Reward |\n|---|---|\n"
    assert codes(doc + "| 1001 | 10 USDT voucher |\n| 1002 | 20 USDT voucher |\n") == []


LINES_MARKDOWN = """# Error codes

| Code | Messages |
|------|----------|
| -1015 | Too many new orders.<br>Too many new orders; current limit is %s orders per %s. |
| 2001 | `bad_pair`<br>`pair_not_listed` |
| 58100 | The platform has suspended<br>the fund transfer-out function. Please wait. |
| 2005\\* | Insufficient margin[^margin] |
| 2006† | Margin mode only |

\\* Only returned on margin pairs.

[^margin]: Initial margin, not maintenance margin.
"""

LINES_HTML = """<h2>Error codes</h2>
<table><tr><th>Code</th><th>Messages</th></tr>
<tr><td>-1015</td><td>Too many new orders.<br>Too many new orders; current limit is %s orders
per %s.</td></tr>
<tr><td>2001</td><td><code>bad_pair</code><br><code>pair_not_listed</code></td></tr>
<tr><td>58100</td><td>The platform has suspended<br>the fund transfer-out function.
Please wait.</td></tr>
<tr><td>2005*</td><td>Insufficient margin</td></tr>
<tr><td>2006†</td><td>Margin mode only</td></tr>
</table>"""


@pytest.mark.parametrize("doc", [LINES_MARKDOWN, LINES_HTML], ids=["markdown", "html"])
@pytest.mark.parametrize("fast", [True, False])
def test_a_cell_s_lines_are_messages_when_each_is_one(doc, fast):
    # read off invented pages: a line break after a sentence, before another, parts two
    # messages (and one word a line); a break inside a sentence is a wrapped line (OKX's cells);
    # a footnote's mark is on a code or message, not part of it
    cat = errcat.extract(doc, meaning=False, fast=fast)
    assert [(e.code, e.messages) for e in cat] == [
        (
            "-1015",
            ("Too many new orders.", "Too many new orders; current limit is %s orders per %s."),
        ),
        ("2001", ("bad_pair", "pair_not_listed")),
        ("58100", ("The platform has suspended the fund transfer-out function. Please wait.",)),
        ("2005", ("Insufficient margin",)),
        ("2006", ("Margin mode only",)),
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_a_changelog_s_old_message_is_not_the_message(fast):
    doc = (
        "# Changelog\n\n## v3.2.5\n\nError messages changed for two codes.\n\n"
        "| Code | Old message | New message |\n|---|---|---|\n"
        "| 51007 | Order size too small | Order quantity below minimum of %s |\n"
        "| 50011 | Too many requests | Rate limit exceeded: %d requests per %d seconds |\n"
    )
    cat = errcat.extract(doc, meaning=False, fast=fast)
    assert [(e.code, e.messages) for e in cat] == [
        ("51007", ("Order quantity below minimum of %s",)),
        ("50011", ("Rate limit exceeded: %d requests per %d seconds",)),
    ]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("html", [False, True])
def test_a_column_of_surfaces_says_each_row_s(fast, html):
    # an invented Notion export: one table for both APIs, a Surface column row by row
    rows = [("E-1001", "REST", "API key revoked"), ("E-4001", "WebSocket", "Invalid payload"),
            ("E-4002", "WS", "Not logged in"), ("E-5000", "REST", "Internal error")]  # fmt: skip
    if html:
        body = "".join(f"<tr><td>{c}</td><td>{s}</td><td>{m}</td></tr>" for c, s, m in rows)
        doc = (
            "<h2>Error catalogue</h2><table><tr><th>Code</th><th>Surface</th>"
            f"<th>Message</th></tr>{body}</table>"
        )
    else:
        body = "".join(f"| {c} | {s} | {m} |\n" for c, s, m in rows)
        doc = f"## Error catalogue\n\n| Code | Surface | Message |\n|---|---|---|\n{body}"
    cat = errcat.extract(doc, meaning=False, fast=fast)
    assert [(e.code, e.surface, e.messages) for e in cat] == [
        ("E-1001", "rest", ("API key revoked",)),
        ("E-4001", "websocket", ("Invalid payload",)),
        ("E-4002", "websocket", ("Not logged in",)),
        ("E-5000", "rest", ("Internal error",)),
    ]


@pytest.mark.parametrize("fast", [True, False])
def test_an_opcode_column_is_no_code_column(fast):
    # a protocol's constants outside any error section (an invented wiki page)
    doc = (
        "## WebSocket opcodes\n\n| Opcode | Direction | Name |\n|---|---|---|\n"
        "| 1 | client → server | SUBSCRIBE |\n| 2 | client → server | UNSUBSCRIBE |\n"
        "| 9 | both | PING |\n"
    )
    assert errcat.extract(doc, meaning=False, fast=fast).entries == ()


@pytest.mark.parametrize("fast", [True, False])
def test_small_numbers_where_no_title_says_codes_are_an_enum(fast):
    # an invented whole-API page: "### Deposit status" over Code | Meaning of 0, 1, 2, 6
    enum = "| Code | Meaning |\n|---|---|\n| 0 | Pending |\n| 1 | Credited |\n| 6 | Rejected |\n"
    assert (
        errcat.extract(f"## Enumerations\n\n### Deposit status\n\n{enum}", fast=fast).entries == ()
    )
    # under a title that says codes, they are the codes (XT's "Return Code (rc)")
    cat = errcat.extract(f"## Return Code (rc)\n\n{enum}", meaning=False, fast=fast)
    assert [e.code for e in cat] == ["0", "1", "6"]
    # below a heading above that says errors (a held-out invented page's WebSocket codes 1–4)
    page = f"# Error messages\n\n## Market streams (WebSocket)\n\n{enum}"
    assert [e.code for e in errcat.extract(page, meaning=False, fast=fast)] == ["0", "1", "6"]
