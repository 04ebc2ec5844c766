"""Documented messages with placeholders match the live messages exchanges send."""

from __future__ import annotations

import pytest
from errcat.templates import (
    KINDS,
    compile_template,
    literal_fragments,
    normalize_message,
    placeholders,
    rank,
)
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("documented", "live"),
    [
        # blofin {} placeholders
        ("Parameter {} cannot be empty.", "Parameter instId cannot be empty."),
        (
            "Either parameter {} or {} is required.",
            "Either parameter orderId or clientOrderId is required.",
        ),
        # aster %s, %b and a stray quote at the end of the documented text
        (
            "Too many requests; current limit is %s requests per minute. Please use the WebSocket "
            "for live updates to avoid polling the API.",
            "Too many requests; current limit is 1200 requests per minute. Please use the "
            "WebSocket for live updates to avoid polling the API.",
        ),
        (
            "Target strategy invalid for orderType %s, reduceOnly %b'",
            "Target strategy invalid for orderType LIMIT, reduceOnly true",
        ),
        (
            "Illegal characters found in parameter %s; legal range is %s.",
            "Illegal characters found in parameter symbol; legal range is ^[A-Z0-9]{1,20}$.",
        ),
        # binance-style back-quoted placeholder: the quotes may or may not come along
        (
            "Mandatory parameter `%s` was not sent, was empty/null, or malformed.",
            "Mandatory parameter `symbol` was not sent, was empty/null, or malformed.",
        ),
        (
            "Mandatory parameter `%s` was not sent, was empty/null, or malformed.",
            "Mandatory parameter symbol was not sent, was empty/null, or malformed.",
        ),
        # %d takes digits, X% a percentage
        ("Batch size must not exceed %d orders", "Batch size must not exceed 20 orders"),
        (
            "Price is X% too high or X% too low from the mid price.",
            "Price is 5% too high or 2.5% too low from the mid price.",
        ),
        ("least req ratio should = xxxx", "least req ratio should = 0.25"),
        ("symbol {0} does not support cross", "symbol BTCUSDT does not support cross"),
    ],
)
def test_placeholders_become_wildcards(documented, live):
    assert compile_template(documented).match(live) == "template"


@pytest.mark.parametrize(
    ("documented", "live"),
    [
        ("Batch size must not exceed %d orders", "Batch size must not exceed twenty orders"),
        ("Parameter {} cannot be empty.", "Parameter instId cannot be negative."),
        (
            "Price is X% too high or X% too low from the mid price.",
            "Price is much too high or too low from the mid price.",
        ),
        ("Invalid trading pair.", "Invalid symbol."),
    ],
)
def test_what_does_not_fit_does_not_match(documented, live):
    assert compile_template(documented).match(live) is None


def test_case_spacing_quotes_and_final_punctuation_do_not_matter():
    t = compile_template("The client’s custom order ID is empty.")
    assert t.match("the client's  custom order id is EMPTY") == "exact"


def test_example_numbers_in_the_documentation_may_differ():
    t = compile_template(
        "Buy price is not within the price limit (Minimum: 310.40; Maximum:1,629.40)"
    )
    assert (
        t.match("Buy price is not within the price limit (Minimum: 59000.1; Maximum:61000)")
        == "numbers"
    )


def test_a_live_message_with_extra_detail_still_finds_its_entry():
    t = compile_template("Order does not exist.")
    assert t.match("Order does not exist. orderId=1234, symbol=BTCUSDT") == "contains"
    # too short a documented text is never looked for inside another message
    assert compile_template("not found").match("Order not found in book") is None


def test_kinds_rank_best_first():
    assert [rank(k) for k in KINDS] == sorted(rank(k) for k in KINDS)
    assert rank(None) > rank("contains")


def test_placeholder_listing_and_literal_fragments():
    assert placeholders("Invalid %s for `%s`: {} / {0} at X% and xxxx") == [
        "%s",
        "`%s`",
        "{}",
        "{0}",
        "X%",
        "xxxx",
    ]
    assert literal_fragments("Parameter {} cannot be empty.") == ["Parameter", "cannot be empty."]
    # ordinary percentages and words are not placeholders
    assert placeholders("Order was sent at ±5% of the current market price; max 0x10") == []


def test_normalize_message():
    assert normalize_message("  Too   many\nrequests. ") == "too many requests"


_FILLER = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: s.strip() and not s.strip().endswith((".", ";", ":", "!", "'", '"')))


@given(before=_FILLER, after=_FILLER)
def test_any_filled_in_value_matches(before, after):
    documented = "Order %s was rejected because %s."
    live = f"Order {before.strip()} was rejected because {after.strip()}."
    assert rank(compile_template(documented).match(live)) <= rank("template")
