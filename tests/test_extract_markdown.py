"""Markdown specifics: front matter, embedded HTML, escapes, strikethrough."""

from __future__ import annotations

import errcat
import pytest
from errcat.extract.parse.markdown import blocks_from_markdown, strip_front_matter

TABLE = "| Error Code | Description |\n|---|---|\n| -1000 | Unknown error |\n"


def test_front_matter_title_is_the_page_heading():
    doc = '---\ntitle: "Error Codes"\ndescription: "All of them: code, message"\n---\n\n' + TABLE
    (entry,) = errcat.extract(doc)
    assert (entry.code, entry.group) == ("-1000", "Error Codes")
    assert errcat.extract("# Error Codes\n\n" + TABLE).entries == errcat.extract(doc).entries


def test_front_matter_without_title_leaves_no_heading():
    (entry,) = errcat.extract("---\nsidebar_position: 3\n---\n\n" + TABLE)
    assert entry.group is None


def test_a_rule_is_not_front_matter():
    assert strip_front_matter("--- \nnot closed\n") == "--- \nnot closed\n"
    doc = "# Errors\n\n---\n\n" + TABLE
    assert strip_front_matter(doc) == doc


def test_html_table_inside_markdown():
    doc = (
        "## WebSocket Error Codes\n\n<table><tr><th>Code</th><th>Message</th></tr>"
        "<tr><td>30001</td><td>Bad frame</td></tr></table>\n"
    )
    (entry,) = errcat.extract(doc)
    assert (entry.code, entry.surface, entry.messages) == ("30001", "websocket", ("Bad frame",))


def test_escaped_markdown_codes_and_names():
    doc = "# Errors\n\n### \\-1003 TOO\\_MANY\\_REQUESTS\n\n* Too many requests.\n"
    (entry,) = errcat.extract(doc)
    assert (entry.code, entry.name) == ("-1003", "TOO_MANY_REQUESTS")


def test_struck_heading_and_quote_blocks_record_strikethrough():
    blocks = blocks_from_markdown("### ~~-1 OLD~~\n\n> ~~-2 OLDER~~\n\n### -3 NEW\n")
    assert [(b.kind, b.is_struck(0)) for b in blocks] == [
        ("heading", True),
        ("quote", True),
        ("heading", False),
    ]


MKDOCS_SOURCE = """# Errors

=== "REST"

    | Code | Message |
    |------|---------|
    | 5101 | Invalid API key |
    | 5102 | Signature verification failed |

=== "WebSocket"

    | Code | Message |
    |------|---------|
    | 5101 | Login required before subscribing |

!!! warning "Deprecated codes"

    | Code | Message |
    |------|---------|
    | 5190 | Legacy signature scheme |

    ```
    | 9999 | an example in a code block of the admonition |
    ```
"""


@pytest.mark.parametrize("fast", [True, False])
def test_mkdocs_tabs_and_admonitions_in_markdown_source(fast):
    # indented by four spaces, their content read as a code block: nothing was found
    cat = errcat.extract(MKDOCS_SOURCE, meaning=False, fast=fast)
    assert [(e.code, e.surface, e.group) for e in cat] == [
        ("5101", "rest", "REST"),
        ("5102", "rest", "REST"),
        ("5101", "websocket", "WebSocket"),
        ("5190", "rest", "Deprecated codes"),
    ]


def test_mkdocs_marks_nested_deeper_than_read_stay_as_they_are():
    nested = "".join(" " * 4 * level + f'=== "T{level}"\n\n' for level in range(40))
    assert errcat.extract("# Errors\n\n" + nested + " " * 160 + "| 1001 | x |\n").entries == ()


def test_doc_site_marks_around_a_title_are_not_part_of_it():
    # kramdown's "{#order-errors}", Docusaurus' ":::caution Title", a "**Weight:** 1" label
    doc = """# Error codes {#error-codes}

## Order errors {#order-errors}

| Code | Reason |
|---|---|
| 40110 | Order would exceed position limit |

:::caution Deprecated codes

| Code | Message |
|---|---|
| 1999 | Legacy signature scheme no longer accepted |

:::

## Place order

**Weight:** 1

| Error code | Description |
|---|---|
| 20101 | Price is required for limit orders |
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.group) for e in cat] == [
        ("40110", "Order errors"),
        ("1999", "Deprecated codes"),
        ("20101", "Place order"),
    ]


MARKS_THEN_A_TABLE = """# Error codes

!!! warning "WebSocket only"
    These codes close the connection.

=== "REST"

    | Code | Message |
    |---|---|
    | 1001 | Invalid API key |

=== "WebSocket"

    | Code | Message |
    |---|---|
    | 2001 | Subscription limit reached |

:::note[Deprecated codes]
| Code | Message |
|---|---|
| 1005 | Old signature version |
:::

| Code | Message |
|---|---|
| 9001 | Internal error |
"""


@pytest.mark.parametrize("fast", [True, False])
def test_a_mark_s_title_ends_with_what_it_holds(fast):
    # the admonition's, the last tab's and the container's titles ran on into the next table
    cat = errcat.extract(MARKS_THEN_A_TABLE, meaning=False, fast=fast)
    assert [(e.code, e.surface, e.group) for e in cat] == [
        ("1001", "rest", "REST"),
        ("2001", "websocket", "WebSocket"),
        ("1005", "rest", "Deprecated codes"),
        ("9001", "rest", "Error codes"),
    ]


MDX_ACCORDIONS = """# Error codes

<AccordionGroup>
<Accordion title="90001 · Address not whitelisted">

Add the withdrawal address to your whitelist first.

</Accordion>
<Accordion title="Wallet errors">

| Code | Message |
|---|---|
| 5001 | No such wallet |

</Accordion>
</AccordionGroup>

## Rate limits

| Code | Interval |
|---|---|
| 1 | minute |
| 5 | five minutes |
"""


@pytest.mark.parametrize("fast", [True, False])
def test_mdx_accordions_with_markdown_inside(fast):
    cat = errcat.extract(MDX_ACCORDIONS, meaning=False, fast=fast)
    assert [(e.code, e.group, e.name, e.messages) for e in cat] == [
        ("90001", "Error codes", "Address not whitelisted",
         ("Add the withdrawal address to your whitelist first.",)),
        ("5001", "Wallet errors", None, ("No such wallet",)),
    ]  # fmt: skip


def test_kramdown_attributes_after_a_code_heading():
    doc = """# Error codes

### 10002 INVALID_SIGNATURE {#invalid-signature}

The signature does not match.
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.name, e.messages) for e in cat] == [
        ("10002", "INVALID_SIGNATURE", ("The signature does not match.",))
    ]


def test_a_plain_title_with_a_colon_is_still_a_title():
    doc = """# Error codes

WebSocket: connection errors

| Code | Message |
|---|---|
| 2001 | Subscription limit reached |
"""
    cat = errcat.extract(doc, meaning=False)
    assert [(e.code, e.surface, e.group) for e in cat] == [
        ("2001", "websocket", "WebSocket: connection errors")
    ]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    "mark",
    [
        '!!! warning "WebSocket only"\n    These codes close the connection.\n',
        '=== "REST"\n\n    Signed requests.\n\n=== "WebSocket"\n\n    Streams.\n',
    ],
)
def test_the_table_after_a_mark_is_under_the_heading(mark, fast):
    doc = f"# Error codes\n\n{mark}\n| Code | Message |\n|---|---|\n| 9001 | Internal error |\n"
    cat = errcat.extract(doc, meaning=False, fast=fast)
    assert [(e.code, e.surface, e.group) for e in cat] == [("9001", "rest", "Error codes")]


@pytest.mark.parametrize("fast", [True, False])
def test_gitbook_tabs_title_what_they_hold(fast):
    # an invented GitBook export: {% tab title="WebSocket" %} says the surface of its table
    doc = (
        '# Error codes\n\n{% hint style="info" %}\nCodes are stable.\n{% endhint %}\n\n'
        '{% tabs %}\n{% tab title="REST API" %}\n| ret_code | ret_msg |\n|---|---|\n'
        "| 30001 | Order not found |\n| 30002 | Order rejected |\n{% endtab %}\n\n"
        '{% tab title="WebSocket" %}\n| ret_code | ret_msg |\n|---|---|\n'
        "| 40001 | auth failed |\n| 40002 | unknown topic |\n{% endtab %}\n{% endtabs %}\n\n"
        "| ret_code | ret_msg |\n|---|---|\n| 50001 | System busy |\n| 50002 | Timeout |\n"
    )
    cat = errcat.extract(doc, meaning=False, fast=fast)
    assert [(e.code, e.surface) for e in cat] == [
        ("30001", "rest"), ("30002", "rest"), ("40001", "websocket"), ("40002", "websocket"),
        ("50001", "rest"), ("50002", "rest"),
    ]  # fmt: skip


def test_a_comment_a_markdown_page_opens_with_does_not_make_it_html():
    doc = "<!-- generated from errors.yaml -->\n\n# Error codes\n\n- 10001: Bad\n- 10002: Worse\n"
    assert [e.code for e in errcat.extract(doc, meaning=False)] == ["10001", "10002"]


@pytest.mark.parametrize("fast", [True, False])
def test_items_that_name_their_code_and_repeat_one(fast):
    doc = (
        "# Error codes\n\n- `-1000` **UNKNOWN** — An unknown error occurred.\n"
        "- `-30005` · ORDER\\_QTY\\_INVALID — Order quantity is too small\n"
        "- `-30005` · ORDER\\_QTY\\_INVALID — Order quantity is too large\n"
        "- `-30006` · Price is off the tick\n"
    )
    cat = errcat.extract(doc, meaning=False, fast=fast)
    assert [(e.code, e.name, e.messages) for e in cat] == [
        ("-1000", "UNKNOWN", ("An unknown error occurred.",)),
        ("-30005", "ORDER_QTY_INVALID",
         ("Order quantity is too small", "Order quantity is too large")),
        ("-30006", None, ("Price is off the tick",)),
    ]  # fmt: skip
