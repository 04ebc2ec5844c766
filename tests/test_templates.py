"""Documented messages with placeholders match the live messages exchanges send."""

from __future__ import annotations

import time

import pytest
from errcat.templates import (
    KINDS,
    Live,
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


# A value that is itself the sentence's end once quotes are straightened ("“" before the final
# "." reads as '".') is cut with it: what is left of the message has nothing to fill in.
_FILLER = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: normalize_message(f"x {s}.") == f"x {normalize_message(s)}")


@given(before=_FILLER, after=_FILLER)
def test_any_filled_in_value_matches(before, after):
    documented = "Order %s was rejected because %s."
    live = f"Order {before.strip()} was rejected because {after.strip()}."
    assert rank(compile_template(documented).match(live)) <= rank("template")


# --- linear time: the documented text comes from upstream pages -------------------------------

TEN_KB = 10_000


@pytest.mark.parametrize(
    ("documented", "live", "kind"),
    [
        # the example: lazy wildcards in a row backtracked for over a minute
        ("{} {} {} {} {} {} {} {} end", "a " * 30 + "b", None),
        ("{} " * 30 + "end", "a " * (TEN_KB // 2), None),
        ("{} " * 30 + "end", "a" * TEN_KB, None),
        ("{} " * 30 + "end", "a " * (TEN_KB // 2) + "end", "template"),
        ("{}a{}a{}a{}a{}a{}b", "a" * TEN_KB, None),
        ("%d " * 30 + "orders", "1 " * (TEN_KB // 2), None),
        ("x%b y", "x" * TEN_KB, None),
        ("Invalid order parameter {} {} {} end", "invalid order parameter " * 400, None),
        ("Order %s of %s was rejected because %s %s", "order x of y " * 800, None),
        # a percentage wildcard against digits no % follows (a regex for it was quadratic)
        ("X% %daaa1", "1" * TEN_KB, None),
        ("limit X%", "limit " + "1" * TEN_KB, None),
    ],
)
def test_matching_is_linear_in_the_message(documented, live, kind):
    template = compile_template(documented)
    start = time.perf_counter()
    assert template.match(live) == kind
    # milliseconds in fact; a generous bound that the backtracking matcher missed by minutes
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("documented", ["{}", "xxx", "XXXX", "%s", "{} {}", "%s: %s", "{0}."])
def test_a_placeholder_only_message_matches_only_itself(documented):
    template = compile_template(documented)
    for live in ("Insufficient balance", "a", "{} is invalid", "12"):
        assert template.match(live) is None
    assert template.match(documented) == "exact"


def test_placeholders_need_the_word_boundary_the_documented_space_gives():
    t = compile_template("Parameter {} cannot be empty.")
    assert t.match("Parameterx cannot be empty") is None
    assert t.match("Parameter x cannotbe empty") is None
    # the value may be empty: the spaces around it are the exchange's
    assert t.match("Parameter  cannot be empty.") == "template"
    assert compile_template("Order id{} unknown").match("Order id12 unknown") == "template"


def test_contained_text_is_whole_words():
    t = compile_template("Order does not exist.")
    assert t.match("Order does not exist (orderId=1)") == "contains"
    assert t.match("Order does not existing x") is None
    assert t.match("XOrder does not exist") is None


def test_typed_placeholders_take_a_whole_run():
    assert compile_template("limit %d orders").match("limit 1,200 orders") == "template"
    assert compile_template("limit %d orders").match("limit many orders") is None
    assert compile_template("Leverage %s-%d").match("Leverage btc-usdt-5") == "template"
    assert compile_template("reduceOnly %b.").match("reduceOnly true") == "template"
    assert compile_template("X% off").match("-2.5 % off") == "template"


_WORDS = st.sampled_from(["order", "id", "is", "Invalid", "price", "5.0", "x1", "limit"])
_GLUE = st.sampled_from([" ", " ", ", ", ": ", "-", "", "("])
_HOLES = st.sampled_from(["{}", "%s", "%d", "%b", "X%", "xxx", "{0}"])
_FILL = st.text(alphabet="ab1 ,.-:x%", min_size=0, max_size=8)


@st.composite
def _filled(draw):
    parts = draw(st.lists(st.one_of(_WORDS, _HOLES), min_size=1, max_size=7))
    glue = [draw(_GLUE) for _ in parts]
    documented = "".join(p + g for p, g in zip(parts, glue, strict=True))
    live = "".join(
        (draw(_FILL) if p in ("{}", "%s", "%b", "xxx", "{0}", "%d", "X%") else p) + g
        for p, g in zip(parts, glue, strict=True)
    )
    return documented, draw(_FILL) + live + draw(_FILL)


@given(_filled())
def test_a_fitting_message_has_every_documented_key_word(pair):
    # what the index in errcat.explain relies on to try only a message's own templates
    documented, live = pair
    template = compile_template(documented)
    if template.match(live) is not None:
        assert template.words <= Live(live).words()
