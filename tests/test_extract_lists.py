"""Per-endpoint error lists (WhiteBIT) and error lists passed to a docs component."""

from __future__ import annotations

import errcat
import pytest
from errcat.extract.read.lists import _ERRORISH, _says_error
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.test_extract_detect import literal_runs

DOC = """# Private HTTP API

### Create limit order

This endpoint creates limit trading order

**Response is cached for:**
NONE

<details>
<summary><b>Errors:</b></summary>

Error codes:

- `30` - default validation error code
- `31` - [market](./glossary.md#market) validation failed

```json
{"code": 30, "message": "Validation failed", "errors": {"amount": ["required"]}}
```

</details>

### Collateral Limit Order

Error codes:

* `31` - market is disabled for trading
* ~~`38` - old flag~~

### Order status values

- `1` - Completed
- `2` - In progress
"""


def test_endpoint_heading_is_the_group_and_codes_repeat_per_endpoint():
    cat = errcat.extract(DOC)
    assert [(e.code, e.group) for e in cat] == [
        ("30", "Create limit order"),
        ("31", "Create limit order"),
        ("31", "Collateral Limit Order"),
        ("38", "Collateral Limit Order"),
    ]
    assert [e.messages for e in cat.lookup("31")] == [
        ("market validation failed",),
        ("market is disabled for trading",),
    ]
    assert cat.lookup("38")[0].deprecated is True


def test_enum_lists_and_example_bodies_are_not_errors():
    codes = {e.code for e in errcat.extract(DOC)}
    assert not codes & {"1", "2", "0"}


def test_component_with_error_objects():
    doc = (
        "### Modify order\n\n<ErrorCodeSelector \n  errorCodes={[\n"
        '    { code: 1, message: "Inner validation failed", field: "amount", '
        'description: "Invalid argument." },\n'
        '    { code: 7, message: "Validation failed", field: "orderId", '
        'description: "order not found." },\n  ]}\n  title="Modify Order Error Codes"\n/>\n'
    )
    cat = errcat.extract(doc)
    assert [(e.code, e.group) for e in cat] == [("1", "Modify order"), ("7", "Modify order")]
    assert cat.get("7").messages == ("Validation failed", "order not found.")


def test_component_without_errors_is_ignored():
    doc = '### Prices\n\n<PriceTable \n  rows={[\n    { code: 1, message: "BTC" },\n  ]}\n/>\n'
    assert list(errcat.extract(doc)) == []


def test_code_lines_in_one_paragraph():
    doc = (
        "### Place order\n\nError codes:\n10001 - Invalid parameter\n10002: Missing API key\n\n"
        "### Order types\n\nTypes:\n1 - Limit\n2 - Market\n"
    )
    cat = errcat.extract(doc)
    assert [(e.code, e.group, e.messages) for e in cat] == [
        ("10001", "Place order", ("Invalid parameter",)),
        ("10002", "Place order", ("Missing API key",)),
    ]


def test_a_lead_in_announces_only_the_next_block():
    doc = (
        "### Cancel order\n\nError codes:\n\n- `2` - order not found\n\n"
        '```json\n{"code": 2}\n```\n\n- `1` - Completed\n'
    )
    assert [e.code for e in errcat.extract(doc)] == ["2"]


def test_changelog_dates_are_not_codes():
    doc = "# Error codes\n\n- 2024-01-02 - Added endpoint\n- 2024-02-03 - Fixed typo\n"
    assert errcat.extract(doc).entries == ()
    codes = "# Error codes\n\n- 30 - default validation error code\n- `31`: market failed\n"
    assert [e.code for e in errcat.extract(codes)] == ["30", "31"]


def test_every_errorish_alternative_holds_err_or_the_chinese_word():
    for runs in literal_runs(_ERRORISH):
        assert any("err" in run or "错误" in run for run in runs), runs


@given(st.text(alphabet=st.sampled_from(list("eErRoOsSnNſ _-错误")), max_size=12))
def test_says_error_agrees_with_its_regex(text):
    if _ERRORISH.search(text):
        assert _says_error(text)
    elif text.isascii() and "_" not in text:
        # (upper-case names and other languages go by the shipped words: SYSTEM_ERROR, エラー)
        assert not _says_error(text)


def test_says_error_in_upper_case_names_and_other_languages():
    assert (
        _says_error("SYSTEM_ERROR") and _says_error("エラーコード") and _says_error("Hata kodları")
    )
    assert not _says_error("ORDER_STATUS") and not _says_error("Статус ордера")


GROUPED_MARKDOWN = """# Error codes

- Account errors
  - 41001 - Account does not exist
  - 41002 - Account is disabled
- **WebSocket**
  - `41001`: Invalid topic

| Code | Message |
|---|---|
| 50001 | Server busy |
"""

GROUPED_HTML = """<h1>Error codes</h1>
<ul><li>Account errors<ul><li>41001 - Account does not exist</li>
<li>41002 - Account is disabled</li></ul></li>
<li><b>WebSocket</b><ul><li><code>41001</code>: Invalid topic</li></ul></li></ul>
<table><tr><th>Code</th><th>Message</th></tr><tr><td>50001</td><td>Server busy</td></tr></table>
"""


def test_a_list_grouped_by_titles_gives_each_run_its_group_and_surface():
    # the titles made the list irregular: it was dropped whole
    want = [
        ("41001", "rest", "Account errors", ("Account does not exist",)),
        ("41002", "rest", "Account errors", ("Account is disabled",)),
        ("41001", "websocket", "WebSocket", ("Invalid topic",)),
        # the list's titles are its own: the table below is under the heading again
        ("50001", "rest", "Error codes", ("Server busy",)),
    ]
    for doc in (GROUPED_MARKDOWN, GROUPED_HTML):
        for fast in (True, False):
            cat = errcat.extract(doc, meaning=False, fast=fast)
            assert [(e.code, e.surface, e.group, e.messages) for e in cat] == want, fast


def test_prose_between_list_items_is_no_title():
    doc = """# Error codes

- 41001 - Account does not exist
- Codes below were added in 2024 and apply to every account type.
- 41002 - Account is disabled
- Contact support.
- 41003 - Account is frozen
"""
    # sentences between the codes title nothing
    groups = {e.group for e in errcat.extract(doc, meaning=False)}
    assert groups <= {"Error codes"}


def test_an_enum_item_of_the_list_s_own_shape_is_no_title():
    # found by tests/test_generated.py: "NEW" is no code, so its item titled the two after it
    doc = """## Order status codes

- NEW: accepted by the engine
- PARTIALLY_FILLED: part of it traded
- FILLED: all of it traded
"""
    assert [e.code for e in errcat.extract(doc, meaning=False)] == []


PARAGRAPHS_MARKDOWN = """# Error codes

**1001**: Invalid API key.

**1002** — IP address not allowed.
Add your IP to the whitelist.

Error code 1003: Signature invalid.

Contact support if these persist.
"""

PARAGRAPHS_HTML = """<h1>Error codes</h1><p><strong>1001</strong>: Invalid API key.</p>
<p><strong>1002</strong> — IP address not allowed.<br>Add your IP to the whitelist.</p>
<p><strong>Error code 1003</strong>: Signature invalid.</p>
<p>Contact support if these persist.</p>"""


def test_one_paragraph_per_code():
    # a help-centre article, or lines with blank lines between them, gave nothing
    want = [
        ("1001", ("Invalid API key.",), None),
        ("1002", ("IP address not allowed.",), "Add your IP to the whitelist."),
        ("1003", ("Signature invalid.",), None),
    ]
    for doc in (PARAGRAPHS_MARKDOWN, PARAGRAPHS_HTML):
        for fast in (True, False):
            cat = errcat.extract(doc, meaning=False, fast=fast)
            assert [(e.code, e.messages, e.description) for e in cat] == want, fast


def test_paragraphs_of_numbers_outside_errors_are_prose():
    doc = """# Getting started

1 - Create an API key.

2 - Sign your requests.

3 - Place an order.
"""
    assert [e.code for e in errcat.extract(doc, meaning=False)] == []


def test_a_word_labelling_the_code_is_not_part_of_it():
    doc = """# Error codes

- **Error code 1001**: Invalid API key.
- **Error code 1002**: IP address not allowed.

#### Error 20003: Price band exceeded

The limit price is too far from the mark.
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.name, e.messages) for e in cat] == [
        ("1001", None, ("Invalid API key.",)),
        ("1002", None, ("IP address not allowed.",)),
        ("20003", "Price band exceeded", ("The limit price is too far from the mark.",)),
    ]


OUTLINE = """# Error codes

- **Account**
  - `41001`
    - Account does not exist
  - `41002`
    - Account is disabled
    - Account is locked
- **WebSocket**
  - 41001 - Invalid topic
"""


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("html", [False, True])
def test_a_nested_list_of_titles_codes_and_texts_is_an_outline(html, fast):
    # a group level above bare codes with their texts below: nothing was read
    doc = MarkdownIt("commonmark").render(OUTLINE) if html else OUTLINE
    cat = errcat.extract(doc, "html" if html else "markdown", meaning=False, fast=fast)
    assert [(e.code, e.surface, e.group, e.messages) for e in cat] == [
        ("41001", "rest", "Account", ("Account does not exist",)),
        ("41002", "rest", "Account", ("Account is disabled", "Account is locked")),
        ("41001", "websocket", "WebSocket", ("Invalid topic",)),
    ]


def test_a_nested_list_of_steps_is_no_outline():
    doc = """# Error codes

Before you start:

- Create a key
  - Open the settings
  - Click "New key"
- Sign your requests
  - Use HMAC SHA256
"""
    assert errcat.extract(doc, meaning=False).entries == ()


def test_a_code_that_opens_with_a_label_word_keeps_it():
    # "ERR-5001" lost its "ERR" to the label rule ("Error code 1001: …")
    doc = """# Error codes

- ERR-5001: Invalid request
- ERR5002 - Missing parameter
- CODE-1001: Bad signature

ERR-6001: Vault not found

ERR-6002: Quorum not reached
"""
    assert [e.code for e in errcat.extract(doc, meaning=False)] == [
        "ERR-5001", "ERR5002", "CODE-1001", "ERR-6001", "ERR-6002",
    ]  # fmt: skip


def test_paragraphs_that_open_with_a_number_are_prose():
    doc = """# Error codes

1200 request weight per minute is the limit for each IP.

5000 ms is the default receive window.

2019 saw the first version of these codes.

- Error 429 is returned when you exceed the limit.
- Error 418 is returned after repeated 429s.

## Error 429 and backoff

Back off exponentially.
"""
    assert errcat.extract(doc, meaning=False).entries == ()


def test_titled_runs_of_mostly_codes_and_no_version_titles():
    doc = """# Error codes

- Account errors
  - 41001 - No such account
  - 41002 - Account disabled
  - 41003 - Account frozen
  - 41004 - KYC required
- Order errors
  - 42001 - Order not found

## Changelog

- v2.1.0
  - 10045 - added
  - 10046 - added
- v2.0.0
  - 10040 - removed
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.group) for e in cat] == [
        *(("4100" + str(n), "Account errors") for n in range(1, 5)),
        ("42001", "Order errors"),
    ]


def test_a_label_word_before_a_code_and_a_space():
    # "Error code 1001 Invalid API key" lost its code when the label rule wanted a separator
    doc = """# Error codes

- Error code 1001 Invalid API key
- Error code 1002 Signature mismatch

### Error 1003 INVALID_TIMESTAMP

The timestamp is outside the window.
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.name) for e in cat] == [
        ("1001", None),
        ("1002", None),
        ("1003", "INVALID_TIMESTAMP"),
    ]


def test_a_paragraph_run_from_its_first_clear_code():
    # "0: Success." opening a run under a category heading threw the whole run away
    doc = """# Error codes

## Account

0: Success.

10001: Invalid parameter.

10002: Missing parameter.
"""
    assert [e.code for e in errcat.extract(doc, meaning=False)] == ["10001", "10002"]


OUTLINE_PRODUCTS = """# Error codes

- REST API
  - Orders
    - 1001 - Order not found
    - ~~1002 - Order expired~~
- WebSocket API
  - Orders
    - 1001 - Subscription closed
- Events
  - order.created
    - An order was created
"""


@pytest.mark.parametrize("fast", [True, False])
def test_an_outline_s_titles_all_say_the_surface(fast):
    cat = errcat.extract(OUTLINE_PRODUCTS.rsplit("- Events", 1)[0], meaning=False, fast=fast)
    assert [(e.code, e.surface, e.group, e.deprecated) for e in cat] == [
        ("1001", "rest", "Orders", False),
        ("1002", "rest", "Orders", True),
        ("1001", "websocket", "Orders", False),
    ]
    # an event's name over its text is no code: no outline
    assert errcat.extract(OUTLINE_PRODUCTS, meaning=False, fast=fast).entries == ()


def test_lists_nested_deeper_than_markdown_it_keeps_read_alike():
    doc = "# Errors\n\n" + "".join("  " * i + f"- 100{i} - Error {i}\n" for i in range(12))
    fast = errcat.extract(doc, meaning=False, fast=True)
    assert fast == errcat.extract(doc, meaning=False, fast=False)


BOLD_MARKDOWN = """# API error codes explained

## Account errors

**Error 1001 – Invalid signature**

The signature you sent does not match the one we calculated.

**Error 1002 – API key expired**

Keys without an IP restriction expire after 90 days.
Create a new key.

**Error 1003 – IP address not allowed**

## Contact

**Still stuck?**

Write to support.
"""

BOLD_HTML = (
    "<h1>API error codes explained</h1><h2>Account errors</h2>"
    "<p><strong>Error 1001 – Invalid signature</strong></p>"
    "<p>The signature you sent does not match the one we calculated.</p>"
    "<p><strong>Error 1002 – API key expired</strong></p>"
    "<p>Keys without an IP restriction expire after 90 days.</p><p>Create a new key.</p>"
    "<p><strong>Error 1003 – IP address not allowed</strong></p>"
    "<h2>Contact</h2><p><strong>Still stuck?</strong></p><p>Write to support.</p>"
)


@pytest.mark.parametrize("doc", [BOLD_MARKDOWN, BOLD_HTML], ids=["markdown", "html"])
@pytest.mark.parametrize("fast", [True, False])
def test_bold_code_lines_over_their_explanations(doc, fast):
    # a help-centre article (an invented Zendesk page): each code a bold line, the paragraphs
    # below it explain it
    cat = errcat.extract(doc, meaning=False, fast=fast)
    first = "The signature you sent does not match the one we calculated."
    second = "Keys without an IP restriction expire after 90 days. Create a new key."
    assert [(e.code, e.messages, e.description) for e in cat] == [
        ("1001", ("Invalid signature",), first),
        ("1002", ("API key expired",), second),
        ("1003", ("IP address not allowed",), None),
    ]
