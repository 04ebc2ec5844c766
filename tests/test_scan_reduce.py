"""The markdown reduction (scan._kept_pieces): what it drops, and that the catalogs stay exact.

Every case checks the fast path against the full parse; the expected entries come from reading
the small documents.
"""

from __future__ import annotations

import errcat
import pytest
from errcat.extract.parse import scan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture(autouse=True)
def _reduce_small_documents_too(monkeypatch):
    # Pages under scan._SMALL are built whole (tested below / in test_scan.py); here every
    # document goes through the reduction, which is what these tests are about.
    monkeypatch.setattr(scan, "_SMALL", 0)


def both(doc: str) -> tuple[errcat.Catalog, errcat.Catalog]:
    return errcat.extract(doc, "markdown"), errcat.extract(doc, "markdown", fast=False)


def entries(cat: errcat.Catalog) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [(e.code, e.name, e.messages) for e in cat.entries]


# --- headings whose sections keep nothing ------------------------------------------------------


def test_headings_of_sections_without_candidates_are_dropped():
    doc = (
        "# Wallet\n\n## Get balance\n\n### Parameters\n\n| Name | Type |\n|-|-|\n| a | b |\n\n"
        "### Responses\n\n## Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    reduced = scan.reduce_markdown(doc)
    assert reduced == "# Wallet\n\n## Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full


def test_heading_stays_when_the_next_one_could_be_a_definition():
    # "## -1000" is read with the section state "## Intro" leaves (no error heading: no entry),
    # so "## Intro" must stay even with nothing under it.
    doc = "# Error codes\n\n## Intro\n\n## -1000\n\n* Unknown.\n"
    assert "## Intro" in scan.reduce_markdown(doc)
    fast, full = both(doc)
    assert fast == full


def test_heading_stays_above_a_setext_heading():
    # The scan does not know the setext heading's level; being a level 1, it stays on the path
    # under "## Errors", and so the codes are WebSocket codes.
    doc = "## Orders\n\nWebSocket\n=========\n\n## Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    assert "## Orders" in scan.reduce_markdown(doc)
    fast, full = both(doc)
    assert [e.surface for e in full.entries] == ["websocket"]
    assert fast == full


def test_last_headings_of_a_document_without_candidates_are_dropped():
    doc = "## Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n\n## Changelog\n\n### Older\n\n"
    assert scan.reduce_markdown(doc) == "## Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n\n"
    # A heading that could be a code definition ("### 2024") stays, and so does its parent.
    doc = doc.replace("Older", "2024")
    assert scan.reduce_markdown(doc).endswith("## Changelog\n\n### 2024\n\n")


# --- fenced code ------------------------------------------------------------------------------


def test_lines_inside_fenced_code_make_no_candidate():
    doc = "# API\n\n```\n1000 x\n| a | b |\n|-|-|\n<h2>x</h2>\n> 200 Response\n```\n"
    assert scan.reduce_markdown(doc) == ""
    fast, full = both(doc)
    assert entries(full) == [] and fast == full


def test_code_sample_between_lead_in_and_list_is_kept():
    # The code block clears the lead-in: the lines are not announced, and give no entry.
    doc = "# API\n\nError codes:\n\n```\nx\n```\n\n10001 - Invalid\n10002 - Missing\n"
    assert "```\nx\n```" in scan.reduce_markdown(doc)
    fast, full = both(doc)
    assert entries(full) == []
    assert fast == full


def test_code_sample_dropped_when_no_lead_in_says_error():
    doc = "# API\n\nRequest:\n\n```\nx\n```\n\n10001 - Invalid\n10002 - Missing\n"
    assert "```" not in scan.reduce_markdown(doc)
    fast, full = both(doc)
    assert fast == full


# --- headings whose markup hides a code --------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "code"),
    [
        ("<b>INVALID\\_PARAM</b>", "INVALID_PARAM"),  # a tag, an escaped underscore
        ("**INVALID**\\_PARAM", "INVALID_PARAM"),  # emphasis inside the name
        ("&#49;000", "1000"),  # an entity for a digit
        ("![logo](x.png)1001", "1001"),  # an image renders to nothing
        ("[](#x)1002", "1002"),  # so does a link's empty label
    ],
)
def test_heading_with_markup_before_its_code(heading: str, code: str):
    # The title line above makes the section an error section; it sits before the heading.
    doc = f"# API\n\nError codes\n\n## {heading}\n\n* Failed.\n"
    fast, full = both(doc)
    assert entries(full) == [(code, None, ("Failed.",))]
    assert fast == full


# --- status quotes ---------------------------------------------------------------------------


_ENDPOINT = (
    "## Get balance\n\n`GET /wallet/balance`\n\n### Responses\n\n"
    "| Status | Meaning | Schema |\n|-|-|-|\n| 200 | OK | Inline |\n\n"
    "### Response Schema\n\nStatus Code **200**\n\n"
    "| Name | Type | Description |\n|-|-|-|\n| » tx_id | string | Order ID |\n\n{between}"
    "> Code samples\n\n```\ncurl x\n```\n\n> 200 Response\n\n```json\n{{}}\n```\n\n"
)


def test_status_quote_outside_error_sections_keeps_no_section():
    # "> 200 Response" names no code: a quote reader takes it only in an error section. Here
    # the last title before it ("To perform this operation") is quiet.
    doc = "# Wallet\n\n" + _ENDPOINT.format(between="WARNING\n\nTo perform this operation\n\n")
    doc += "## Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    assert scan.reduce_markdown(doc) == (
        "# Wallet\n\n## Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full


def test_status_quote_after_a_title_that_mentions_codes_keeps_its_section():
    # The title is "Status Code 200" (it mentions codes): the quote is read as code 200.
    doc = "# Wallet\n\n" + _ENDPOINT.format(between="")
    assert "Status Code **200**" in scan.reduce_markdown(doc)
    fast, full = both(doc)
    assert entries(full) == [("200", None, ("Response",))]
    assert fast == full


# --- numbered prose -------------------------------------------------------------------------


def test_numbered_prose_is_no_candidate():
    # "1\\. Step" lines are one paragraph whose first line is no code line: no reader takes it.
    table = "| code | msg |\n|-|-|\n| 1 | Bad |\n"
    doc = "# API\n\n1\\. Sign up\n2\\. Create a key\n\n## Errors\n\n" + table
    assert scan.reduce_markdown(doc) == "# API\n\n## Errors\n\n" + table
    fast, full = both(doc)
    assert fast == full


def test_numbered_lead_in_line_stays_a_candidate():
    # A first line ending in a colon is a lead-in: the code lines after it are read.
    doc = "# API\n\n1\\. Error codes:\n10001 - Invalid\n10002 - Missing\n"
    fast, full = both(doc)
    assert entries(full) == [("10001", None, ("Invalid",)), ("10002", None, ("Missing",))]
    assert fast == full


# --- generated documents ----------------------------------------------------------------------

_UNITS = st.sampled_from(
    [
        "# API", "## Orders", "### Parameters", "#### Detailed", "## Errors", "### Responses",
        "## Error codes", "## WebSocket", "# Changelog", "## v2", "## INVALID\\_PARAM",
        "## <b>-1000</b>", "## &#49;001", "### -1121 BAD_SYMBOL", "## 10xx - General",
        "Orders\n======", "Title line", "Error codes:", "Request:", "**Errors:**",
        "```\ncode\n```", "```json\n{\"code\": 1000}\n```", "```\n# comment\n1001 x\n```",
        "| Name | Type |\n|-|-|\n| a | b |", "| code | msg |\n|-|-|\n| 1 | Bad |",
        "| Status | Meaning |\n|-|-|\n| 200 | OK |", "> 200 Response", "> -1000 UNKNOWN",
        "* Invalid symbol.", "- `30` - validation failed", "10001 - Invalid\n10002 - Missing",
        "Some prose.", "INVALID_PARAM means bad", "<div>\n<h2>x</h2>\n</div>",
        "> 200 Response", "> 201 Created ok", "> Example responses", "Status Code **200**",
        "WARNING", "To perform this operation", "Response codes", "Errors", "The error list",
        "| Name | In | Type |\n|-|-|-|\n| a | b | c |", "| Name | Type |\n|-|-|-|\n| a | b |",
        "| Name | Type |\n|-|-|\n| a | b |\n\n  Error codes", "Orders\n------",
        "1\\. Sign up\n2\\. Create a key", "1\\. Error codes:\n10001 - Invalid\n10002 - Missing",
        "1\\. Step\n\\- 1001 - x\n\\- 1002 - y", "1\\. Step\n1. x", "1\\. Step\n===",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_UNITS, st.sampled_from(["\n\n", "\n"])), min_size=1, max_size=30))
def test_generated_sections_fast_equals_full(units: list[tuple[str, str]]):
    doc = "".join(unit + sep for unit, sep in units)
    fast, full = both(doc)
    assert fast == full


def test_a_parameter_table_that_ends_a_definition_is_kept_as_its_header():
    doc = (
        "## Errors\n\n### -1000 UNKNOWN\n\n* Oops.\n\n"
        "| Name | Type | Mandatory | Description |\n|---|---|---|---|\n"
        + "".join(f"| p{i} | STRING | YES | -{i} value |\n" for i in range(50))
        + "\n**Response:**\n\n* not a message of -1000\n"
    )
    fast, full = errcat.extract(doc), errcat.extract(doc, fast=False)
    assert fast == full
    assert fast.entries[0].messages == ("Oops.",)
    kept = scan.reduce(doc, "markdown")
    assert "| Name | Type | Mandatory | Description |\n|---|---|---|---|\n" in kept
    assert "p0" not in kept  # the rows: read by nobody


# --- headings whose rendered text cannot start a code -------------------------------------------


def test_heading_with_digits_only_in_its_anchor_resets_the_section():
    # Gate.io: "## [#](#query-loans-2) Query loans" renders as "# Query loans", which no reader
    # takes for a code, so it is entered and the section before it need not be kept.
    doc = (
        "## [#](#intro-1) Intro\n\nSome prose.\n\n"
        "## [#](#errors-2) Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    reduced = scan.reduce_markdown(doc)
    assert "Some prose" not in reduced and "Intro" not in reduced
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full


@pytest.mark.parametrize(
    "title",
    [
        "[](#x)1000 UNKNOWN",
        "1000 UNKNOWN",
        "\\-1000 UNKNOWN",
        "INVALID_PARAM",
        "[1000](#x) UNKNOWN",
    ],
)
def test_heading_that_may_render_to_a_code_still_keeps_its_section(title: str):
    doc = f"# Errors\n\nUnknown failure.\n\n## {title}\n\n* Oops.\n"
    fast, full = both(doc)
    assert fast == full
    assert scan._enters(title) is False


# --- numbered list items and lines, read only where something says "error" ----------------------


def test_changelog_dates_and_numbered_steps_are_no_candidates():
    doc = (
        "# Changelog\n\n2025-02-24\n\n- Add `name` field\n\n"
        "# Steps\n\nDo this:\n\n1. Provide your UID\n2. Wait 3 days\n\n"
        "# Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    reduced = scan.reduce_markdown(doc)
    assert "2025-02-24" not in reduced and "Provide your UID" not in reduced
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full


@pytest.mark.parametrize(
    "doc",
    [
        # the lead-in says "error"
        "# Withdraw\n\nError codes:\n\n- 30 - default validation error\n- 31 - bad market\n",
        # the heading does, with markup inside the word
        "# Withdraw *Err*ors\n\n- 30 - default validation error\n- 31 - bad market\n",
        # the paragraph's own first line does
        "# Withdraw\n\nErrors:\n30 - default validation error\n31 - bad market\n",
        # a title line under an uncertain heading does
        "# Withdraw\n\n## Step 2\n\nError list\n\n- 30 - default validation\n- 31 - bad market\n",
        # an entity hides the word
        "# Withdraw\n\n&#69;rror codes:\n\n- 30 - default validation\n- 31 - bad market\n",
    ],
)
def test_numbered_lists_announced_as_errors_stay(doc: str):
    fast, full = both(doc)
    assert [e.code for e in full.entries] == ["30", "31"]
    assert fast == full


def test_numbered_line_under_a_setext_underline_stays():
    # A setext heading is read by the heading reader whatever the section says, in a list too.
    for doc in (
        "# Orders\n\n-1000 UNKNOWN\n-------------\n\n* Oops.\n",
        "# Orders\n\n- a\n\n    - b\n\n        -1000 UNKNOWN\n        ---\n",
    ):
        fast, full = both(doc)
        assert fast == full
    fast, _ = both("# Orders\n\n-1000 UNKNOWN\n-------------\n\n* Oops.\n")
    assert [(e.code, e.name) for e in fast.entries] == [("-1000", "UNKNOWN")]


# --- delimiter rows that start no table ----------------------------------------------------------


def test_header_one_column_short_is_a_paragraph_not_a_table():
    # Gate.io's response schemas: the delimiter row has a column more than the header, so
    # markdown-it reads a paragraph, which no reader claims.
    doc = (
        "# Orders\n\n| Name | Type |\n| --- | --- | --- |\n| 1001 | x | y |\n\n"
        "# Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    assert "| Name | Type |" not in scan.reduce_markdown(doc)
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full
    assert scan._no_table("| Name | Type |", "\n| --- | --- | --- |")
    assert not scan._no_table("| Name | Type |", "\n| --- | --- |")
    assert not scan._no_table("\t| Name | Type |", "\n| --- | --- | --- |")


def test_dates_and_ordered_prose_items_are_no_candidates_even_next_to_error():
    # Gate.io's changelog mentions errors in its items; a date line or an ordered item whose text
    # starts with a word is still no code line to any reader, so the section is not kept for it.
    doc = (
        "# Changelog\n\n2021-12-23\n\n1.  New `FOK_NOT_FILL` error label\n"
        "2.  `GET /spot/trades` supports `from`\n\n"
        "# Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    reduced = scan.reduce_markdown(doc)
    assert "2021-12-23" not in reduced and "FOK_NOT_FILL" not in reduced
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full


def test_ordered_items_that_start_with_a_code_stay():
    doc = "# Withdraw\n\nError codes:\n\n1. `30` - default validation error\n2. 31 - bad market\n"
    fast, full = both(doc)
    assert [e.code for e in full.entries] == ["30", "31"]
    assert fast == full
    assert "Error codes:" in scan.reduce_markdown(doc)


def test_status_quote_after_prose_that_heads_no_definition_is_dropped():
    # Gate.io: between the parameter table and the title line "To perform this operation..."
    # lie paragraphs of escaped dashes; no definition can head them, so that line is the title,
    # it does not mention errors, and the "> 200 Response" quote is nobody's to read.
    doc = (
        "# API\n\n## Withdraw\n\n| Name | Type |\n|-|-|\n| a | b |\n\n"
        "\\- DONE: Completed\n\\- FAIL: Failed\n\nWARNING\n\nTo perform this operation, sign it\n\n"
        "> Code samples\n\n```\nGET /x\n```\n\n> 200 Response\n\n```\n{}\n```\n\n"
        "## Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    reduced = scan.reduce_markdown(doc)
    assert "200 Response" not in reduced and "Withdraw" not in reduced
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full


def test_status_quote_stays_where_a_quote_before_may_head_a_definition():
    # "> -1000 UNKNOWN" heads a definition whose messages take the title line, so the status
    # quote may still be read with the section's title: kept, and read alike both ways.
    doc = (
        "# Errors\n\n> -1000 UNKNOWN\n\nAn unknown error.\n\nSome text\nmore text\n\n"
        "To perform this operation\n\n> 200 Response\n"
    )
    fast, full = both(doc)
    assert fast == full
    assert "200 Response" in scan.reduce_markdown(doc)


def test_parameter_table_followed_by_a_list_is_no_candidate():
    # Aster: "| Name | Type | Mandatory | Description |" and a note list right under it, in one
    # piece; the table reader rejects the table by its header, the list holds no code.
    doc = (
        "# Market data\n\n## Trades\n\n"
        "| Name | Type | Mandatory |\n|-|-|-|\n| limit | INT | NO |\n\n"
        "* Market trades means trades filled in the order book.\n\n"
        "# Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    reduced = scan.reduce_markdown(doc)
    assert "Market trades" not in reduced and "## Trades" not in reduced
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full


def test_upper_case_names_in_lists_are_no_candidates_but_setext_titles_are():
    enum = "# Enums\n\n**Order status (status):**\n\n* NEW\n* PARTIALLY_FILLED\n* REJECTED\n\n"
    errors = "# Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    assert "PARTIALLY_FILLED" not in scan.reduce_markdown(enum + errors)
    setext = "# Error codes\n\nSee below.\n\nINVALID_PARAM\n-------------\n\n* Bad parameter.\n"
    fast, full = both(setext)
    assert [(e.code, e.messages) for e in full.entries] == [("INVALID_PARAM", ("Bad parameter.",))]
    assert fast == full


@pytest.mark.parametrize(
    "doc",
    [
        # a code behind a tag or an entity in an announced list: kept and read
        "# Withdraw\n\nError codes:\n\n- <b>30</b> - default validation error\n- 31 - bad market\n",
        "# Withdraw\n\nError codes:\n\n- &#51;0 - default validation error\n- 31 - bad market\n",
        # and as a setext heading's title, whatever the section says
        "# Orders\n\n<b>-1000</b> UNKNOWN\n-----------------\n\n* Oops.\n",
    ],
)
def test_codes_behind_markup_in_lists_and_titles_stay(doc: str):
    fast, full = both(doc)
    assert full.entries
    assert fast == full


def test_markup_at_a_list_line_start_without_error_is_no_candidate():
    doc = (
        "# Streams\n\n**Stream Name:**\n``<symbol>@aggTrade``\n\n* Only market trades.\n\n"
        "# Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    assert "aggTrade" not in scan.reduce_markdown(doc)
    fast, full = both(doc)
    assert fast == full


def test_upper_case_headings_outside_error_sections_are_no_candidates():
    # Aster's "#### PRICE_FILTER" under "### Filters": a definition by name only where the
    # title or heading mentions errors; elsewhere a section title.
    # (Headings are kept whatever they are; what goes is the section around them.)
    doc = (
        "# API\n\n### Filters\n\nSome prose about filters.\n\n"
        "#### PRICE_FILTER\n\nDefines the price rules.\n\n"
        "# Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    reduced = scan.reduce_markdown(doc)
    assert "Some prose" not in reduced and "Defines" not in reduced
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full


@pytest.mark.parametrize(
    "doc",
    [
        "# Return codes\n\n### INVALID_PARAM\n\n* Bad parameter.\n",
        "# API\n\n**Error codes**\n\n> INVALID_PARAM\n\n* Bad parameter.\n",
        "# API\n\nError list\n\n> **INVALID**_PARAM\n\n* Bad parameter.\n",
    ],
)
def test_upper_case_names_under_error_titles_stay(doc: str):
    fast, full = both(doc)
    assert [e.code for e in full.entries] == ["INVALID_PARAM"]
    assert fast == full


def test_table_without_a_code_header_counts_only_under_an_error_title():
    # "| Limit | Weight |" (Aster's rate-limit tables): no column can hold codes for the table
    # reader outside a section announced as error codes, so the section goes...
    doc = (
        "# Order book\n\nWeights by limit.\n\n| Limit | Weight |\n|-|-|\n| 5 | 2 |\n| 100 | 5 |\n\n"
        "# Errors\n\n| code | msg |\n|-|-|\n| 1 | Bad |\n"
    )
    reduced = scan.reduce_markdown(doc)
    assert "Weights by limit" not in reduced and "| Limit |" not in reduced
    fast, full = both(doc)
    assert entries(full) == [("1", None, ("Bad",))]
    assert fast == full
    # ...while under an error title the same shape is an error table.
    doc = "# Return codes\n\n| Number | Meaning |\n|-|-|\n| 1001 | Bad symbol |\n| 1002 | Bad |\n"
    fast, full = both(doc)
    assert [e.code for e in full.entries] == ["1001", "1002"]
    assert fast == full
