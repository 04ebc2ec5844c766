"""Code headings (``### -1121 BAD_SYMBOL``) and the bullets below them."""

from __future__ import annotations

import errcat
import pytest
from errcat.extract.read.headings import _plainly_prose, parse_code_line
from errcat.normalize import clean_text
from hypothesis import given
from hypothesis import strategies as st


def test_named_heading_with_bullets():
    doc = "## 11xx - Request issues\n\n### -1121 BAD_SYMBOL\n\n* Invalid symbol.\n* Bad.\n"
    (entry,) = errcat.extract(doc)
    assert (entry.code, entry.name, entry.group) == ("-1121", "BAD_SYMBOL", "11xx - Request issues")
    assert entry.messages == ("Invalid symbol.", "Bad.")


def test_word_names_over_bullets_are_names():
    doc = (
        "# Error Codes\n\n#### -1008 Request Throttled\n\n* Server is overloaded.\n\n"
        "#### -5043 Existing_Pending_Modification\n\n* A pending modification exists.\n\n"
        "#### 10001 Invalid parameter\n"
    )
    cat = errcat.extract(doc)
    assert [(e.code, e.name, e.messages) for e in cat] == [
        ("-1008", "Request Throttled", ("Server is overloaded.",)),
        ("-5043", "Existing_Pending_Modification", ("A pending modification exists.",)),
        ("10001", None, ("Invalid parameter",)),  # nothing below: the text is the message
    ]


def test_bare_code_headings_count_only_under_an_error_heading():
    body = "## -1000\n\nAn unknown error occurred.\n\n## -1001\n\nTry again.\n"
    assert [e.code for e in errcat.extract("# Errors\n\n" + body)] == ["-1000", "-1001"]
    assert [e.code for e in errcat.extract("# Changelog\n\n" + body)] == []


def test_dates_and_numbered_prose_are_not_codes():
    doc = "# Error Codes\n\n## 2022-09-16\n\nAdded things.\n\n## 2 Steps to sign\n\nText.\n"
    assert list(errcat.extract(doc)) == []
    assert parse_code_line("2022-09-16") is None


def test_struck_heading_is_deprecated():
    doc = "# Errors\n\n### ~~-1099 OLD_CODE~~\n\n* Not used any more.\n\n### -1100 NEW\n\n* x\n"
    cat = errcat.extract(doc)
    assert cat.get("-1099").deprecated is True
    assert cat.get("-1100").deprecated is False


def test_string_code_headings_right_under_an_error_heading():
    doc = (
        "## Error labels\n\n### INVALID_PARAM_VALUE\n\nInvalid parameter value.\n\n"
        "### ACCOUNT_LOCKED\n\n* Account is locked.\n\n"
        "## Endpoints\n\n### GET_ORDER\n\nReturns an order.\n"
    )
    cat = errcat.extract(doc)
    assert [(e.code, e.group, e.messages) for e in cat] == [
        ("INVALID_PARAM_VALUE", "Error labels", ("Invalid parameter value.",)),
        ("ACCOUNT_LOCKED", "Error labels", ("Account is locked.",)),
    ]


@given(st.text(alphabet=st.sampled_from(list("aA1-+_ \t\x1c\\:é")), max_size=10))
def test_headings_ruled_out_uncleaned_are_never_code_lines(text):
    if _plainly_prose(text):
        assert parse_code_line(text) is None
        assert "_" not in clean_text(text)


@pytest.mark.parametrize("fast", [True, False])
def test_a_mark_before_the_code_and_an_http_badge_after_the_name(fast):
    # a status emoji before the code gave nothing; the badge was read into a message
    doc = """# Error codes

### 🔴 `50001` ORDER_REJECTED `HTTP 400`

The matching engine rejected the order.

### ⚠️ -1121 BAD_SYMBOL

Invalid symbol.
"""
    cat = errcat.extract(doc, fast=fast, meaning=False)
    assert [(e.code, e.name, e.http_status, e.messages) for e in cat] == [
        ("50001", "ORDER_REJECTED", 400, ("The matching engine rejected the order.",)),
        ("-1121", "BAD_SYMBOL", None, ("Invalid symbol.",)),
    ]


def test_a_code_of_another_style_then_its_text_in_a_heading():
    # "### CU-4001 Vault not found" gave nothing: only numbers and bare keys were read so
    doc = """# Error codes

### CU-4001 Vault not found

The vault does not belong to your organisation.

### E1002: SIGNATURE_INVALID

- Signature does not match

### V2 API

Version two of the API.
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.name, e.messages) for e in cat] == [
        ("CU-4001", "Vault not found", ("The vault does not belong to your organisation.",)),
        ("E1002", "SIGNATURE_INVALID", ("Signature does not match",)),
    ]


def test_keyed_headings_outside_errors_are_titles():
    doc = "# Changelog\n\n### V2-2024 Release notes\n\nNew endpoints.\n"
    assert errcat.extract(doc, meaning=False).entries == ()


def test_token_names_in_headings_are_no_codes():
    doc = """# Error codes

### ERC20 tokens

Deposits of ERC20 tokens need 12 confirmations.

### SHA256 signatures

Sign with HMAC SHA256.

### V10 API

The tenth version.
"""
    assert errcat.extract(doc, meaning=False).entries == ()


def test_levels_and_hardware_names_in_headings_are_no_codes():
    doc = """# Errors

## Tiers

### Tier-1 accounts

Higher limits.

### ERC-20 deposits

Twelve confirmations.

### H100 clusters

Dedicated machines.
"""
    assert errcat.extract(doc, meaning=False).entries == ()


@pytest.mark.parametrize(
    "title", ["1000–1999 General errors", "1000-1999 General errors", "2000 to 2999: Orders"]
)
@pytest.mark.parametrize("html", [False, True])
def test_a_range_of_codes_titles_its_table(title, html):
    # a range is no code: 1000 is not "1999 General errors" (an invented page's range heading)
    rows = [("1001", "Invalid JSON body"), ("1002", "Unknown field")]
    if html:
        body = "".join(f"<tr><td>{c}</td><td>{m}</td></tr>" for c, m in rows)
        doc = (
            f"<h1>Error codes</h1><h2>{title}</h2>"
            f"<table><tr><th>Code</th><th>Message</th></tr>{body}</table>"
        )
    else:
        body = "".join(f"| {c} | {m} |\n" for c, m in rows)
        doc = f"# Error codes\n\n## {title}\n\n| Code | Message |\n|---|---|\n{body}"
    cat = errcat.extract(doc)
    assert [(e.code, e.group) for e in cat] == [("1001", title), ("1002", title)]


def test_a_code_heading_whose_message_opens_with_a_smaller_number_is_a_code():
    (entry,) = errcat.extract("# Errors\n\n## 40001 - 400 Bad Request\n")
    assert (entry.code, entry.messages) == ("40001", ("400 Bad Request",))


BOLD_HEADINGS_MD = """# Error codes

## 20xx - Processing issues

**-2010 NEW_ORDER_REJECTED**

* Account has insufficient balance for requested action.
* Market is closed.

**-2011 CANCEL_REJECTED**

* Unknown order sent.

**Important**

* Codes may change.
"""

BOLD_HEADINGS_HTML = (
    "<h1>Error codes</h1><h2>20xx - Processing issues</h2>"
    "<p><strong>-2010 NEW_ORDER_REJECTED</strong></p>"
    "<ul><li>Account has insufficient balance for requested action.</li>"
    "<li>Market is closed.</li></ul>"
    "<p><strong>-2011 CANCEL_REJECTED</strong></p><ul><li>Unknown order sent.</li></ul>"
    "<p><b>Important</b></p><ul><li>Codes may change.</li></ul>"
)


@pytest.mark.parametrize("doc", [BOLD_HEADINGS_MD, BOLD_HEADINGS_HTML], ids=["markdown", "html"])
@pytest.mark.parametrize("fast", [True, False])
def test_a_bold_code_line_over_bullets_is_a_heading(doc, fast):
    cat = errcat.extract(doc, meaning=False, fast=fast)
    assert [(e.code, e.name, e.messages) for e in cat] == [
        (
            "-2010",
            "NEW_ORDER_REJECTED",
            ("Account has insufficient balance for requested action.", "Market is closed."),
        ),
        ("-2011", "CANCEL_REJECTED", ("Unknown order sent.",)),
    ]
