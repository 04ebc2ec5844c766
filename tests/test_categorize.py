"""Categories and retry advice: hand-labelled seed entries, the taxonomy, overrides, reasons.

Every expected category below was decided by reading the entry's documented name and messages
(tests/fixtures/seeds/), not by running the rules.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from errcat.build import extract_source
from errcat.catalog import schema
from errcat.categorize import (
    FALLBACK,
    FAMILY_MARK,
    Override,
    categorize,
    categorize_catalog,
    message_meaning,
    parse_overrides,
    taxonomy,
    unclassified,
    words,
)
from errcat.cli import main
from errcat.errors import SourceError
from errcat.model import Catalog, Entry
from errcat.sources import load_source

from tests.conftest import ROOT, SEED_FILES

BRIEF_CLASSES = [
    "ExchangeError",
    "AuthenticationError",
    "PermissionDenied",
    "AccountNotEnabled",
    "AccountSuspended",
    "ArgumentsRequired",
    "BadRequest",
    "BadSymbol",
    "OperationRejected",
    "NoChange",
    "MarketClosed",
    "InsufficientFunds",
    "InvalidAddress",
    "InvalidOrder",
    "OrderNotFound",
    "OrderImmediatelyFillable",
    "OrderNotFillable",
    "DuplicateOrderId",
    "ContractUnavailable",
    "NotSupported",
    "DDoSProtection",
    "RateLimitExceeded",
    "ExchangeNotAvailable",
    "OnMaintenance",
    "InvalidNonce",
    "RequestTimeout",
    "CancelPending",
]


@cache
def seed(source_id: str) -> Catalog:
    """A seed document built as its source (the repository's sources/<id>.toml, overrides too)."""
    source = load_source(ROOT / "sources" / f"{source_id}.toml")
    return extract_source(source, SEED_FILES[source_id].read_bytes())


def entry(source_id: str, code: str, surface: str = "rest") -> Entry:
    found = seed(source_id).lookup(code, surface)
    assert len(found) == 1, (source_id, code, surface)
    return found[0]


# (source, surface, code, category, retryable) — read off the documents by hand.
LABELLED = [
    # blofin: one REST table, messages only
    ("blofin", "rest", "401", "AuthenticationError", False),  # "Invalid signature."
    ("blofin", "rest", "429", "RateLimitExceeded", True),  # "Too Many Requests"
    ("blofin", "rest", "500", "ExchangeNotAvailable", True),  # "Internal Server Error"
    # "Insufficient balance. please adjust the amount and try again.": fix first, not a retry
    ("blofin", "rest", "150004", "InsufficientFunds", False),
    # "Internal error; unable to process your request. Please try again."
    ("blofin", "rest", "103013", "ExchangeNotAvailable", True),
    # a parameter left out is a BadRequest (docs/taxonomy.md, "A missing parameter")
    ("blofin", "rest", "152001", "BadRequest", False),  # "Parameter {} cannot be empty."
    ("blofin", "rest", "152003", "BadRequest", False),  # "Either parameter {} or {} is…"
    ("blofin", "rest", "152004", "BadRequest", False),  # "JSON syntax error"
    ("blofin", "rest", "152014", "BadSymbol", False),  # "Instrument ID does not exist"
    ("blofin", "rest", "150003", "DuplicateOrderId", False),  # "clientId already exist"
    ("blofin", "rest", "102002", "DuplicateOrderId", False),  # "Duplicate customized order ID"
    # "Cancel failed as the order has been filled, triggered, canceled or does not exist."
    ("blofin", "rest", "102068", "OrderNotFound", False),
    ("blofin", "rest", "103003", "InsufficientFunds", False),  # "… Insufficient USDT margin …"
    ("blofin", "rest", "102014", "InvalidOrder", False),  # "Limit order exceeds maximum order size"
    # ltp: one table split by group titles, the last group WebSocket
    ("ltp", "rest", "401018", "OrderNotFound", False),  # "Order not found"
    ("ltp", "rest", "100429", "RateLimitExceeded", True),  # "Too many requests"
    ("ltp", "rest", "7000", "InvalidNonce", True),  # "Nonce is invalid"
    ("ltp", "rest", "401055", "InsufficientFunds", False),  # "Insufficient available balance"
    ("ltp", "rest", "100041", "AccountSuspended", False),  # "API key has been frozen — …"
    ("ltp", "rest", "2001", "PermissionDenied", False),  # "… not on this API key's whitelist"
    ("ltp", "rest", "401116", "CancelPending", False),  # "Order is cancelling"
    ("ltp", "rest", "401009", "DuplicateOrderId", False),  # "clientOrderId already exists"
    ("ltp", "rest", "401011", "BadSymbol", False),  # "Symbol not supported"
    ("ltp", "rest", "401094", "NoChange", False),  # "Position mode is already set to …"
    ("ltp", "rest", "401052", "OrderImmediatelyFillable", False),  # "GTX order rejected — …maker"
    ("ltp", "rest", "400013", "RequestTimeout", True),  # "Request timeout"
    ("ltp", "rest", "400011", "ExchangeNotAvailable", True),  # "… temporarily unavailable — …"
    ("ltp", "rest", "400009", "BadRequest", False),  # "Missing required parameter — …"
    ("ltp", "rest", "401444", "ExchangeError", False),  # "Unknown error"
    # "Another order with a worse price is pending cancellation. Please try again later."
    ("ltp", "rest", "401121", "CancelPending", True),
    ("ltp", "websocket", "601010", "RateLimitExceeded", True),  # "Connection frequency too high"
    # aster-spot: Binance-style names and messages
    ("aster-spot", "rest", "-1003", "RateLimitExceeded", True),  # TOO_MANY_REQUESTS
    ("aster-spot", "rest", "-1001", "ExchangeNotAvailable", True),  # DISCONNECTED, "Internal …"
    ("aster-spot", "rest", "-1021", "InvalidNonce", True),  # INVALID_TIMESTAMP
    ("aster-spot", "rest", "-1022", "AuthenticationError", False),  # INVALID_SIGNATURE
    ("aster-spot", "rest", "-1121", "BadSymbol", False),  # BAD_SYMBOL
    ("aster-spot", "rest", "-2013", "OrderNotFound", False),  # "Order does not exist."
    ("aster-spot", "rest", "-2018", "InsufficientFunds", False),  # "Balance is insufficient."
    ("aster-spot", "rest", "-2020", "OrderNotFillable", False),  # "Unable to fill."
    ("aster-spot", "rest", "-2021", "OrderImmediatelyFillable", False),  # "would immediately…"
    ("aster-spot", "rest", "-1007", "RequestTimeout", False),  # TIMEOUT, "execution status unknown"
    ("aster-spot", "rest", "-1020", "NotSupported", False),  # "This operation is not supported."
    ("aster-spot", "rest", "-4141", "MarketClosed", False),  # "Trading pair has been delisted."
    ("aster-spot", "rest", "-4115", "BadRequest", False),  # DUPLICATED_CLIENT_TRAN_ID: a transfer
    ("aster-spot", "rest", "-1102", "BadRequest", False),  # MANDATORY_PARAM_EMPTY…
    ("aster-spot", "rest", "-1106", "BadRequest", False),  # "… sent when not required."
    ("aster-spot", "rest", "-4164", "InvalidOrder", False),  # MIN_NOTIONAL
    ("aster-spot", "rest", "-1004", "NoChange", False),  # "This IP is already on the white list."
    ("aster-spot", "rest", "-1000", "ExchangeError", False),  # UNKNOWN
    # orderly: names, HTTP statuses, several messages per code
    ("orderly", "rest", "-1003", "RateLimitExceeded", True),  # "Rate limit exceed."
    ("orderly", "rest", "-1001", "AuthenticationError", False),  # INVALID_SIGNATURE
    ("orderly", "rest", "-1002", "AuthenticationError", False),  # UNAUTHORIZED
    ("orderly", "rest", "-1011", "ExchangeNotAvailable", True),  # "… internal network error …"
    ("orderly", "rest", "-1012", "ExchangeNotAvailable", True),  # "… Please try again in a few…"
    ("orderly", "rest", "-1004", "BadRequest", False),  # UNKNOWN_PARAM
    ("orderly", "rest", "-1102", "InvalidOrder", False),  # MIN_NOTIONAL
    ("orderly", "rest", "-1105", "InvalidOrder", False),  # "Price is X% too high or X% too low …"
    # okex-v1-spot: REST and WebSocket reuse codes with other meanings
    ("okex-v1-spot", "rest", "10009", "OrderNotFound", False),  # "Order does not exist"
    ("okex-v1-spot", "rest", "10010", "InsufficientFunds", False),  # "Insufficient funds"
    ("okex-v1-spot", "rest", "10001", "RateLimitExceeded", True),  # "Request frequency too high…"
    ("okex-v1-spot", "rest", "10007", "AuthenticationError", False),  # "Signature does not match"
    ("okex-v1-spot", "rest", "1009", "OrderNotFound", False),  # "No order"
    ("okex-v1-spot", "rest", "1013", "InvalidOrder", False),  # "No order type": not NotFound
    ("okex-v1-spot", "rest", "10100", "AccountSuspended", False),  # "User account frozen"
    ("okex-v1-spot", "rest", "10041", "InvalidAddress", False),  # "Withdrawal address not exsit…"
    ("okex-v1-spot", "rest", "10002", "ExchangeNotAvailable", True),  # "System error"
    ("okex-v1-spot", "websocket", "10002", "AuthenticationError", False),  # "Authentication…"
    ("okex-v1-spot", "websocket", "20100", "RequestTimeout", True),  # "request time out"
    ("okex-v1-spot", "websocket", "20009", "ContractUnavailable", False),  # "contract status…"
    ("okex-v1-spot", "websocket", "20004", "AccountSuspended", False),  # "contract account frozen"
    # pseudo-codes: the override goes by the code's own words (see sources/okex-v1-spot.toml)
    ("okex-v1-spot", "rest", "Request Timed Out", "RequestTimeout", True),
    ("okex-v1-spot", "rest", "HTTP ERROR CODE 403", "DDoSProtection", True),
]


def test_enough_hand_labels_across_all_five_seeds():
    assert len(LABELLED) >= 40
    assert {s for s, *_ in LABELLED} == set(SEED_FILES)


@pytest.mark.parametrize(("source", "surface", "code", "category", "retryable"), LABELLED)
def test_hand_labelled_seed_entries(source, surface, code, category, retryable):
    e = entry(source, code, surface)
    assert (e.category, e.retryable) == (category, retryable), e.category_reason


@pytest.mark.parametrize("source", sorted(SEED_FILES))
def test_every_seed_entry_gets_a_taxonomy_class_and_a_reason(source):
    names = set(taxonomy().names)
    for e in seed(source):
        assert e.category in names
        assert isinstance(e.retryable, bool)
        assert e.category_reason
        assert (
            e.retryable == taxonomy()[e.category].retryable
            or "retry" in e.category_reason
            or ("override" in e.category_reason)
        )


def test_plain_exchange_error_only_for_the_generic_blofin_batch_codes():
    # Read off the page: only "All operations failed" and "Batch operation partially succeeded."
    # say nothing about why.
    cat = seed("blofin")
    assert {e.code for e in cat if e.category == FALLBACK} == {"1", "2"}
    assert unclassified(cat) == 2


def test_reasons_name_the_deciding_rule():
    assert entry("aster-spot", "-1003").category_reason == "name:TOO_MANY_REQUESTS"
    assert entry("ltp", "401055").category_reason == "message:'insufficient'"
    assert entry("okex-v1-spot", "Request Timed Out").category_reason == "override"
    reason = entry("ltp", "401121").category_reason
    assert reason.startswith("message:") and reason.endswith("retry:'please try again later'")


def test_http_status_decides_only_when_no_words_do():
    v = categorize(Entry(code="E1", http_status=429))
    assert (v.category, v.retryable, v.reason) == ("RateLimitExceeded", True, "http:429")
    worded = categorize(Entry(code="E2", http_status=429, messages=("Order does not exist",)))
    assert worded.category == "OrderNotFound"
    assert categorize(Entry(code="E3", http_status=200)).reason == "default"


def test_specific_words_in_a_message_beat_a_generic_name():
    v = categorize(Entry(code="9", name="INVALID_PARAM", messages=("Insufficient margin.",)))
    assert v.category == "InsufficientFunds"
    # …but a specific name beats specific message words
    v = categorize(Entry(code="9", name="TOO_MANY_REQUESTS", messages=("IP banned until 1.",)))
    assert v.category == "RateLimitExceeded"


@pytest.mark.parametrize(
    ("message", "retryable"),
    [
        ("Place order failed. Please try again later", True),
        ("Insufficient balance. please adjust the amount and try again.", False),
        ("Invalid parameter, please try again", False),  # the request itself is wrong
        ("There is a pending reduce-only order, please try again later", True),
        ("Position closing, please try again later", True),
    ],
)
def test_try_again_wording(message, retryable):
    assert categorize(Entry(code="1", messages=(message,))).retryable is retryable


def test_words_split_names_and_camel_case():
    assert words("INVALID_LISTEN_KEY") == " invalid listen key "
    assert words("clientOrderId already exists") == " client order id already exists "
    assert words("INVALID_ORDERID") == " invalid order id "


def test_categorizing_is_deterministic():
    a = categorize_catalog(seed("ltp"))
    b = categorize_catalog(seed("ltp"))
    assert [e.to_dict() for e in a] == [e.to_dict() for e in b]


# --- taxonomy ----------------------------------------------------------------------------------


def test_taxonomy_has_exactly_the_documented_classes():
    assert sorted(taxonomy().names) == sorted(BRIEF_CLASSES)


@pytest.mark.parametrize(
    ("child", "ancestor"),
    [
        ("AccountNotEnabled", "PermissionDenied"),
        ("PermissionDenied", "AuthenticationError"),
        ("AccountSuspended", "AuthenticationError"),
        ("BadSymbol", "BadRequest"),
        ("NoChange", "OperationRejected"),
        ("MarketClosed", "OperationRejected"),
        ("OrderNotFound", "InvalidOrder"),
        ("DuplicateOrderId", "InvalidOrder"),
        ("ContractUnavailable", "InvalidOrder"),
        ("OnMaintenance", "ExchangeNotAvailable"),
        ("RateLimitExceeded", "NetworkError"),
        ("InvalidNonce", "NetworkError"),
        ("CancelPending", "OperationFailed"),
    ],
)
def test_taxonomy_keeps_the_ccxt_parent_child_relations(child, ancestor):
    assert taxonomy().is_a(child, ancestor)


def test_retryable_family_is_the_network_family():
    tax = taxonomy()
    retryable = {n for n in tax.names if tax[n].retryable}
    assert retryable == {
        "DDoSProtection",
        "RateLimitExceeded",
        "ExchangeNotAvailable",
        "OnMaintenance",
        "InvalidNonce",
        "RequestTimeout",
    }
    assert all(tax.is_a(n, "NetworkError") for n in retryable)


def test_schema_enum_is_the_taxonomy():
    enum = schema()["$defs"]["entry"]["properties"]["category"]["enum"]
    assert enum == taxonomy().names


def test_taxonomy_doc_lists_every_class():
    text = (ROOT / "docs" / "taxonomy.md").read_text("utf-8")
    for name in taxonomy().names:
        assert f"`{name}`" in text


# --- overrides ---------------------------------------------------------------------------------


def test_overrides_parse_codes_surfaces_and_tables():
    parsed = parse_overrides(
        {
            "-1121": "BadSymbol",
            "websocket:10002": {"retryable": True},
            "rest:7": {"category": "NoChange"},
        }
    )
    assert parsed == (
        Override("-1121", None, "BadSymbol", None),
        Override("10002", "websocket", None, True),
        Override("7", "rest", "NoChange", None),
    )


def test_override_of_retryable_only_keeps_the_rule_category():
    e = Entry("10002", surface="websocket", messages=("Authentication failure",))
    v = categorize(e, parse_overrides({"websocket:10002": {"retryable": True}}))
    assert (v.category, v.retryable) == ("AuthenticationError", True)
    assert v.reason.endswith("; override:retryable")
    # another surface is untouched
    rest = categorize(
        Entry("10002", messages=("Authentication failure",)),
        parse_overrides({"websocket:10002": {"retryable": True}}),
    )
    assert rest.retryable is False


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ({"-1121": "BadSymbo"}, "unknown category 'BadSymbo'"),
        ({"-1121": 3}, "must be a category name or a table"),
        ({"-1121": {"category": "BadSymbol", "why": "x"}}, "unknown field 'why'"),
        ({"-1121": {}}, "give 'category', 'retryable' or both"),
        ({"-1121": {"retryable": "yes"}}, "'retryable' must be true or false"),
        ({"NetworkError": "NetworkError"}, "unknown category 'NetworkError'"),
    ],
)
def test_bad_overrides_are_one_line_errors_naming_the_key(table, fragment):
    with pytest.raises(SourceError) as err:
        parse_overrides(table, "sources/x.toml")
    message = str(err.value)
    assert message.startswith("sources/x.toml: key 'overrides.")
    assert fragment in message and "\n" not in message


def test_source_file_with_bad_override_fails_at_load(project: Path, capsys):
    path = project / "sources" / "blofin.toml"
    path.write_text(path.read_text("utf-8") + '\n[overrides]\n"401" = "Signature"\n', "utf-8")
    with pytest.raises(SourceError, match=r"blofin\.toml: key 'overrides\.\"401\"'"):
        load_source(path)
    rc = main(
        ["build", "--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    )
    err = capsys.readouterr().err
    assert rc == 2 and "blofin.toml" in err and "Signature" in err and len(err.splitlines()) == 1


def test_build_applies_overrides_and_writes_categories(project: Path):
    path = project / "sources" / "blofin.toml"
    path.write_text(path.read_text("utf-8") + '\n[overrides]\n"2" = "OperationRejected"\n', "utf-8")
    assert (
        main(
            [
                "build",
                "--source",
                "blofin",
                "--sources",
                str(project / "sources"),
                "--catalogs",
                str(project / "catalogs"),
            ]
        )
        == 0
    )
    data = json.loads((project / "catalogs" / "blofin.json").read_text("utf-8"))
    by_code = {e["code"]: e for e in data["entries"]}
    assert by_code["2"]["category"] == "OperationRejected"
    assert by_code["2"]["category_reason"] == "override"
    assert by_code["429"]["category"] == "RateLimitExceeded" and by_code["429"]["retryable"] is True


def test_build_summary_counts_unclassified(project: Path, capsys):
    rc = main(
        ["build", "--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    )
    out = capsys.readouterr().out
    assert rc == 0 and "unclassified" in out.splitlines()[0]
    blofin = next(line for line in out.splitlines() if line.startswith("blofin "))
    assert blofin.split()[5] == "2"


def test_a_category_change_shows_in_the_diff():
    from errcat.diff import diff_catalogs

    old = seed("blofin")
    overridden = categorize_catalog(old, parse_overrides({"2": "OperationRejected"}))
    changes = [c for c in diff_catalogs(old, overridden).changes if c.code == "2"]
    assert changes and any("category" in c.describe() for c in changes)
    assert all(c.code == "2" for c in diff_catalogs(old, overridden).changes)


# --- meaning rules measured against ccxt, leave-one-exchange-out (bench/bench_categories.py) ---
# Texts written in the shape of the documented ones, then the documented ones (Binance, Aster,
# OKX, Bybit, Deribit pages in sources/ and tests/fixtures/categories/), read off the pages.


@pytest.mark.parametrize(
    ("message", "category", "retryable"),
    [
        # gone for good: waiting does not bring it back
        ("This endpoint is no longer supported, use v3.", "NotSupported", False),
        ("The feature has been discontinued.", "NotSupported", False),
        ("This service is no longer available.", "NotSupported", False),  # Binance -1016
        ("Trading pair is no longer available.", "MarketClosed", False),
        # …while a server that is shutting down restarts
        ("Server is shutting down, reconnect later.", "ExchangeNotAvailable", True),
        ("Service temporarily unavailable.", "ExchangeNotAvailable", True),
    ],
)
def test_gone_for_good_is_not_a_retry(message, category, retryable):
    v = categorize(Entry(code="1", messages=(message,)))
    assert (v.category, v.retryable) == (category, retryable)


def test_a_service_shutting_down_by_name_says_what_its_message_says():
    # Binance/Aster -1016: the name alone would read as a restart
    v = categorize(
        Entry(
            code="-1016",
            name="SERVICE_SHUTTING_DOWN",
            messages=("This service is no longer available.",),
        )
    )
    assert (v.category, v.retryable) == ("NotSupported", False)


@pytest.mark.parametrize(
    "message",
    ['"retry"', "Retry", "Request can't be processed right now and should be retried."],
)
def test_a_text_that_is_only_the_advice_to_retry_is_retryable(message):
    # Deribit 10040 `"retry"`: "Request can't be processed right now and should be retried."
    assert categorize(Entry(code="10040", messages=(message,))).retryable is True


def test_retry_count_wording_is_not_advice():
    assert categorize(Entry(code="1", messages=("Retry count exceeded",))).retryable is False


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("You are not a spot lead trader yet.", "AccountNotEnabled"),  # OKX 59260
        (
            "You aren't a contract lead trader yet. Complete the application first.",
            "AccountNotEnabled",
        ),  # OKX 59262
        ("Account is not a broker user yet", "AccountNotEnabled"),
        ("The API can only be accessed by unified account users.", "PermissionDenied"),  # Bybit
        ("The API cannot be accessed by unified account users.", "PermissionDenied"),  # Bybit
        ("This endpoint is only accessible to institutional clients", "PermissionDenied"),
        ('"already_filled"', "OrderNotFound"),  # Deribit 11008
        ("The order has already been fully filled", "OrderNotFound"),
        ("Reach max open order limit.", "OperationRejected"),  # Aster/Binance -2025
        ("Reached the stop-loss order limit.", "InvalidOrder"),  # no count: the order's limit
        ("Number of total conditional orders exceeds the max limit", "OperationRejected"),
        ("Maximum active orders reached", "OperationRejected"),
        ("Order price exceeds the limit", "InvalidOrder"),  # a price, not a count of orders
    ],
)
def test_who_may_and_how_many_orders_may_be_open(message, category):
    assert categorize(Entry(code="1", messages=(message,))).category == category


def test_max_open_orders_by_name():
    v = categorize(Entry(code="-2025", name="MAX_OPEN_ORDER_EXCEEDED", messages=("x",)))
    assert v.category == "OperationRejected"
    v = categorize(Entry(code="-4045", name="MAX_STOP_ORDER_EXCEEDED"))
    assert v.category == "OperationRejected"


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("User can only place reduce only order.", "PermissionDenied"),  # Binance -4087
        ("Users can only place reduce-only orders.", "PermissionDenied"),  # Aster -4087
        ("Your account can only trade in close-only mode", "PermissionDenied"),
        # Binance -4400, whose "please try again later" is after a cool-down: not a retry
        (
            "Futures Trading Quantitative Rules violated, only reduceOnly order is allowed, "
            "please try again later.",
            "PermissionDenied",
        ),
        ("You violated the trading rules of this market", "PermissionDenied"),
        ("Order can only be placed as limit", "InvalidOrder"),  # the order, not the user
        # OKX 51124: the market's phase, not the user's rights
        ("You can only place limit orders during call auction.", "InvalidOrder"),
    ],
)
def test_a_restricted_user_is_denied_not_a_wrong_order(message, category):
    v = categorize(Entry(code="1", messages=(message,)))
    assert (v.category, v.retryable) == (category, False)


def test_current_limiting_is_the_rate_limit_in_translation():
    # Bitmart 30017; "current limiting" renders 限流 (rate limiting) word by word
    message = (
        "Your account request is temporarily rejected due to violation of current limiting "
        "rules, please contact customer service"
    )
    v = categorize(Entry(code="30017", messages=(message,)))
    assert (v.category, v.retryable) == ("RateLimitExceeded", True)
    # the limit in force now is no rate limit
    assert categorize(Entry(code="1", messages=("The current limit is 5",))).category != (
        "RateLimitExceeded"
    )


@pytest.mark.parametrize(
    ("name", "message", "category"),
    [
        (None, "This order type does not support cancellation", "InvalidOrder"),  # Bybit 170145
        # Bybit 170159
        (
            None,
            "Market Order is not supported within the first %s minutes of newly launched pairs",
            "InvalidOrder",
        ),
        (None, "This OrderType is not supported when reduceOnly.", "InvalidOrder"),  # Binance
        (None, "Stop orders are not supported for this instrument", "InvalidOrder"),
        (None, "Order cancellation rejected.", "InvalidOrder"),  # Aster -2011
        ("CANCEL_REJECTED", "CANCEL_REJECTED", "InvalidOrder"),  # Aster, Binance -2011
        (None, "Cancel request was rejected", "InvalidOrder"),
        # the feature, not an order: still NotSupported
        (None, "doesn't support bracket order via API", "NotSupported"),  # Phemex 11126
        (None, "This operation is not supported.", "NotSupported"),
        # a transfer's order is no trading order
        (None, "Transfer order is not supported", "NotSupported"),
        (None, "Withdrawal cancel rejected", "OperationRejected"),
    ],
)
def test_an_order_the_exchange_does_not_take_is_an_order_to_change(name, message, category):
    assert categorize(Entry(code="1", name=name, messages=(message,))).category == category


def test_a_cancel_rejected_by_name_yields_to_a_message_that_says_why():
    # Binance USDⓈ-M -2011
    v = categorize(
        Entry(
            code="-2011",
            name="CANCEL_REJECTED",
            messages=("Cancel request failure as open order not found in the orderbook",),
        )
    )
    assert v.category == "OrderNotFound"


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # Binance -4150 / Aster -4161: the state refuses it, the feature exists
        (
            "Leverage reduction is not supported in Isolated Margin Mode with open positions.",
            "OperationRejected",
        ),
        ("Mode switch is not supported while there are open orders", "OperationRejected"),
        # not supported for the symbol the request names: a parameter to change (Bybit 110029)
        ("Hedge mode is not supported for this symbol.", "BadRequest"),
    ],
)
def test_not_supported_while_orders_or_positions_are_open_is_the_state(message, category):
    assert categorize(Entry(code="1", messages=(message,))).category == category


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("This order is no longer available", "OrderNotFound"),  # gone, but an order: not found
        ("Max stop order price exceeded", "InvalidOrder"),  # the order's price, not a count
        ("Order violated the PRICE_FILTER rule", "InvalidOrder"),  # a market rule for orders
        (
            "Futures Trading Risk Control Rules of large position holding violated, only "
            "reduceOnly order is allowed, please reduce the position.",
            "PermissionDenied",
        ),
    ],
)
def test_the_new_rules_keep_to_their_subjects(message, category):
    assert categorize(Entry(code="1", messages=(message,))).category == category


def test_the_description_is_read_after_the_messages():
    # A terse returned message explained by the document (Phemex's Message | Description).
    terse = Entry("11082", messages=("TE_ESTIMATE_X",), description="Insufficient balance.")
    verdict = categorize(terse)
    assert verdict.category == "InsufficientFunds"
    assert verdict.reason == "description:'insufficient'"
    # A message that decides keeps deciding: the description only adds evidence.
    assert categorize(Entry("1", messages=("Order not found",), description="See docs.")).reason
    assert categorize(Entry("2", messages=("TE_X",))).category == "ExchangeError"


# --- session 3 of the ccxt comparison: wordings read off the documents named beside each case ---


@pytest.mark.parametrize(
    ("message", "category", "retryable"),
    [
        # caps on concurrent streams, like "too many sessions": OKX 4008 / 4009 (okx.md),
        # Bitfinex 10305 ERR_SUB_LIMIT (sources/snapshots/bitfinex.md)
        ("The number of subscribed channels exceeds the maximum limit.", "RateLimitExceeded", True),
        (
            "The number of subscription channels for this connection exceeds the limit",
            "RateLimitExceeded",
            True,
        ),
        (
            "Failed channel subscription: reached limit of open channels",
            "RateLimitExceeded",
            True,
        ),
        # a lending product's subscription is money, not a stream (KuCoin 130101, kucoin.md)
        (
            "The subscription amount exceeds the limit for a single subscription.",
            "InvalidOrder",
            False,
        ),
        # a server-side buffer that is full drains (OKX 4005); silence closes a connection
        # (OKX 4004): both pass by themselves
        ("Buffer is full, cannot write data", "ExchangeNotAvailable", True),
        ("No data received in 30s", "RequestTimeout", True),
    ],
)
def test_caps_on_streams_and_transient_connection_states(message, category, retryable):
    v = categorize(Entry(code="1", messages=(message,)))
    assert (v.category, v.retryable) == (category, retryable)


def test_a_connection_frame_too_large_is_no_count_of_streams():
    # Deribit -32600: the size of one message, not how many streams are open
    entry = Entry(
        code="-32600",
        messages=("request entity too large",),
        description=(
            "Error thrown when body size in POST request or single frame in websocket "
            "connection frame exceeds the limit (32 kB)."
        ),
    )
    assert categorize(entry).category != "RateLimitExceeded"


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # an account of a kind not opened yet (Bitget 50021, sources/snapshots/bitget)
        ("The margin trading account does not exist", "AccountNotEnabled"),
        # an id that names no account is a wrong parameter: Bybit 131207 (bybit-v5.md),
        # Binance/Aster -4033, OKX 58115 (okx.md), MEXC 140001 (sources/snapshots/mexc)
        ("Account not exist", "BadRequest"),
        ("Insurance account not found.", "BadRequest"),
        ("Sub-account does not exist.", "BadRequest"),
        ("sub account does not exist", "BadRequest"),
        ("The specified sub-account could not be found", "BadRequest"),  # BitMart 61003
        # a sub-account that may not do something stays a permission (Bitget 50015)
        ("Currently, sub-accounts cannot engage in margin trading", "PermissionDenied"),
        # an argument combination is the request's shape, not a missing feature
        # (Deribit 11047, deribit.md)
        ("unsupported_arg_combination", "BadRequest"),
        ("This operation is not supported.", "NotSupported"),  # Binance -1020
    ],
)
def test_accounts_that_do_not_exist_and_unsupported_arguments(message, category):
    assert categorize(Entry(code="1", messages=(message,))).category == category


@pytest.mark.parametrize(
    ("code", "message", "description", "category", "retryable"),
    [
        # the credential that is missing is the authorization itself (Deribit 10000,
        # deribit.md; Gate.io MISSING_REQUIRED_HEADER, sources/snapshots/gateio)
        ("10000", '"authorization_required"', None, "AuthenticationError", False),
        (
            "MISSING_REQUIRED_HEADER",
            "Missing required authentication header",
            None,
            "AuthenticationError",
            False,
        ),
        # logins, plural (OKX 60031, okx.md)
        (
            "60031",
            "The WebSocket endpoint does not allow multiple or repeated logins.",
            None,
            "AuthenticationError",
            False,
        ),
        # a bound is not a parameter to send; an amount "not enough" is too small, not
        # unfunded (Gate.io AMOUNT_TOO_LITTLE, QUANTITY_NOT_ENOUGH; XT WITHDRAW_015)
        (
            "AMOUNT_TOO_LITTLE",
            "Amount does not reach minimum required",
            None,
            "InvalidOrder",
            False,
        ),
        ("QUANTITY_NOT_ENOUGH", "Amount is not enough", None, "InvalidOrder", False),
        ("WITHDRAW_015", "Amount not enough for fee", None, "BadRequest", False),
        ("110007", "Available balance is insufficient", None, "InsufficientFunds", False),
        ("-1105", "Parameter '%s' was empty.", None, "BadRequest", False),  # Binance
        # a balance named with a typo between (Bybit 131085, bybit-v5.md)
        (
            "131085",
            "Withdrawal amount is greater than your availale balance (the deplayed "
            "withdrawal is triggered)",
            None,
            "InsufficientFunds",
            False,
        ),
        # a query of order history is no order (Bybit 176004)
        ("176004", "Query order history start time exceeds end time", None, "BadRequest", False),
        # the state, said the other way round (Bybit 110028, the pattern 3)
        (
            "110028",
            "You have existing open orders, so the position mode cannot be switched.",
            None,
            "OperationRejected",
            False,
        ),
        # the terse message is the advice; the description says why (Deribit 10040)
        (
            "10040",
            '"retry"',
            "Request can't be processed right now and should be retried.",
            "ExchangeNotAvailable",
            True,
        ),
    ],
)
def test_session_3_wordings(code, message, description, category, retryable):
    v = categorize(Entry(code=code, messages=(message,), description=description))
    assert (v.category, v.retryable) == (category, retryable)


def test_a_position_that_is_empty_is_no_parameter_left_out():
    # Gate.io POSITION_EMPTY (sources/snapshots/gateio): the exchange's state; ccxt's maps
    # give such texts three different classes, so the rules name none of them
    v = categorize(Entry(code="POSITION_EMPTY", messages=("Position is empty",)))
    assert "empty" not in v.reason, v.reason


def test_funds_that_cannot_cover_by_name():
    # Phemex 11082: the name is all the page gives
    v = categorize(Entry(code="11082", name="TE_CANNOT_COVER_ESTIMATE_ORDER_LOSS"))
    assert v.category == "InsufficientFunds"


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # not supported for the value the request chose: Bybit 170037 / 176013 (bybit-v5.md),
        # OKX 59684 / 51752 (okx.md), KuCoin 130101 (kucoin.md), MEXC 10100, Bitget 43126
        ("Cross Margin Trading not yet supported by the selected coin", "BadRequest"),
        ("Cross Margin Trading not yet supported by the selected pair", "BadRequest"),
        ("Borrowing isn’t supported for this currency.", "BadRequest"),
        ("The currency {ccy} does not support collateralization", "BadRequest"),
        ("The currency does not support subscription.", "BadRequest"),
        ("this currency transfer is not supported", "BadRequest"),
        ("This currency does not support withdrawals", "BadRequest"),
        # the feature itself stays NotSupported (Binance -1020; Bybit 131231)
        ("This operation is not supported.", "NotSupported"),
        ("Transfers into this account are not supported", "NotSupported"),
    ],
)
def test_not_supported_for_the_chosen_value_is_a_parameter(message, category):
    assert categorize(Entry(code="1", messages=(message,))).category == category


@pytest.mark.parametrize(
    ("name", "message", "category"),
    [
        # the syntax of a field is the request's shape, whatever the field is about:
        # Bitget 40304 / 40402 (sources/snapshots/bitget), XT FUND_044, Bybit 110049,
        # Binance/Aster -4015 INVALID_CL_ORD_ID_LEN
        (None, "clientOid or clientOrderId length cannot greater than 50", "BadRequest"),
        (None, "orderId or clientOId format error", "BadRequest"),
        (None, "Amount length max 113", "BadRequest"),
        (None, "Tick notes can only be numbers", "BadRequest"),
        ("INVALID_CL_ORD_ID_LEN", "Client order id is not valid.", "BadRequest"),
        # an order's value against the market's rules stays an order rule (OKX 51121)
        (None, "Order quantity must be a multiple of the lot size.", "InvalidOrder"),
        (None, "Price not increased by tick size.", "InvalidOrder"),  # Binance -4014
    ],
)
def test_the_syntax_of_a_field_is_a_bad_request(name, message, category):
    assert categorize(Entry(code="1", name=name, messages=(message,))).category == category


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # an amount out of range outside trading is the parameter at fault: Bybit 176029,
        # 176017 (bybit-v5.md), OKX 58205 (okx.md); an order's amount stays an order rule
        ("Amount to borrow has exceeded the user's estimated max. amount to borrow", "BadRequest"),
        ("Repayment amount has exceeded the total liability", "BadRequest"),
        ("Withdrawal amount exceeds the upper limit.", "BadRequest"),
        ("Your order amount exceeds the max order amount.", "InvalidOrder"),  # OKX 51005
    ],
)
def test_an_amount_out_of_range_is_the_parameter(message, category):
    assert categorize(Entry(code="1", messages=(message,))).category == category


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # a quota on moving funds out is the account's allowance (DigiFinex 20032, 20035,
        # 20029, 20041; XT WITHDRAW_012, 020, 021: ccxt's maps of both say PermissionDenied)
        ("Exceeded daily withdrawal limit", "PermissionDenied"),
        ("Withdrawal limited, max 0 this time", "PermissionDenied"),
        ("Reached daily withdrawal cap", "PermissionDenied"),
        ("Transfer amount exceed your daily limit", "PermissionDenied"),
        ("Withdrawal exceeds monthly limit", "PermissionDenied"),
        # other bounds say other things: the amount itself, the pace, a risk limit
        ("Withdrawal amount exceeds the upper limit.", "BadRequest"),
        ("Withdrawal amount exceeds risk limit", "BadRequest"),
        ("Withdraw too frequently; limitation: 3 times a minute", "RateLimitExceeded"),
        ("Daily purchase limit has been exceeded. Please try again later.", "OperationRejected"),
    ],
)
def test_a_withdrawal_quota_is_the_accounts_allowance(message, category):
    assert categorize(Entry(code="1", messages=(message,))).category == category


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # the market's hours: Binance -2016 (ccxt: OperationRejected; Aster's copy: MarketClosed)
        (
            "No trading window could be found for the symbol. Try ticker/24hrs instead.",
            "MarketClosed",
        ),
        ("Symbol is not in trading status. Order amendment is not permitted.", "MarketClosed"),
        ("Orders are rejected outside trading hours.", "MarketClosed"),
        # a window of the request is the request's
        ("The time window of the query is too long.", "BadRequest"),
    ],
)
def test_a_market_out_of_its_trading_hours_is_closed(message, category):
    assert categorize(Entry(code="1", messages=(message,))).category == category


def test_a_transfer_id_that_exists_is_taken():
    # Bybit 131214 (bybit-v5.md), the pattern 1: no rule fired; a transfer is no order
    v = categorize(Entry(code="131214", messages=("TransferId exist",)))
    assert (v.category, v.reason) == ("BadRequest", "message:'transfer id exist'")
    gone = categorize(Entry(code="1", messages=("TransferId does not exist",)))
    assert gone.reason == "message:'does not exist'"


def test_a_partial_failure_is_no_order_rule():
    # Binance spot -2021 / Coins.ph -1133: the cancel, the new order or both failed; the
    # words say only that (the pattern 4), the same as "partially succeeded"
    v = categorize(
        Entry(
            code="-2021",
            name="Order cancel-replace partially failed",
            messages=("Order cancel-replace partially failed",),
        )
    )
    assert v.category == "ExchangeError"


@pytest.mark.parametrize(
    ("code", "message", "category", "retryable"),
    [
        # switched off for a while: a wait cures it (Gate.io API_WITHDRAW_DISABLED,
        # sources/snapshots/gateio; OKX 51739, 59415, okx.md)
        (
            "API_WITHDRAW_DISABLED",
            "API withdrawal operation is disabled temporarily",
            "ExchangeNotAvailable",
            True,
        ),
        ("51739", "This function is unavailable temporarily", "ExchangeNotAvailable", True),
        (
            "59415",
            "Manual Simple Borrow for {TOKEN} is temporarily disabled due to high "
            "utilization. Please retry later.",
            "ExchangeNotAvailable",
            True,
        ),
        # an account that is, is not (Bitget 50064); an order type that is, is an order to
        # change (OKEx v1 1216)
        (
            "50064",
            "Your account is temporarily frozen. Please contact customer support if you "
            "have any questions",
            "AccountSuspended",
            False,
        ),
        (
            "1216",
            "Market order temporarily suspended. Please send limit order",
            "InvalidOrder",
            False,
        ),
        # (Bybit 110137, bybit-v5.md: the orders of a contract about to settle)
        (
            "110137",
            "This Event Futures contract has entered the reduce-only window before "
            "settlement. New orders and order modifications are temporarily suspended.",
            "InvalidOrder",
            False,
        ),
        ("10206", "transfer is disabled", "PermissionDenied", False),  # MEXC 10206
    ],
)
def test_what_is_switched_off_temporarily_comes_back(code, message, category, retryable):
    v = categorize(Entry(code=code, messages=(message,)))
    assert (v.category, v.retryable) == (category, retryable)


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # nothing to do (Bybit 176016, bybit-v5.md; OKX 59413, okx.md; Orderly -1202)
        ("No repayment required", "NoChange"),
        ("You didn't borrow this crypto. No repayment needed.", "NoChange"),
        ("No liquidation needed -- user margin is sufficient.", "NoChange"),
        # a parameter sent that should not be (Bybit spot v1 -1106): neither
        ("Parameter was sent when no longer required.", "BadRequest"),
        # the account is held back (Bybit 10024; OKX 64003; Deribit 13012)
        ("Compliance rules triggered", "PermissionDenied"),
        (
            "Your trading fee tier doesn't meet the requirement to access this channel",
            "PermissionDenied",
        ),
        ('"unavailable_in_subaccount"', "PermissionDenied"),
        # a feature the user has not turned on (Bybit 170036, 110065)
        (
            "You haven't enabled Cross Margin Trading yet. To do so, please head to the PC "
            "trading site",
            "AccountNotEnabled",
        ),
        (
            "MMP hasn't yet been enabled for your account. Please contact your BD manager.",
            "AccountNotEnabled",
        ),
        # what traders have not opened is no account of the caller's (Bitget 31052)
        ("Cannot set trading symbol that have not been opened by traders.", "OperationRejected"),
        # the contract's phase (OKX 51028, 51030), the book (OKX 51109), a mismatch (OKX 51002)
        ("Contract under delivery.", "ContractUnavailable"),
        ("Funding fee is being settled.", "ContractUnavailable"),
        ("No available offers.", "OrderNotFillable"),
        ("Instrument ID doesn't match underlying index.", "BadRequest"),
    ],
)
def test_short_texts_no_rule_read(message, category):
    # the pattern 1: each of these was a plain ExchangeError or misread
    assert categorize(Entry(code="1", messages=(message,))).category == category


@pytest.mark.parametrize(
    ("message", "description", "category", "retryable"),
    [
        # the right word about the wrong object (the pattern 8): how many addresses
        # one may hold is a cap (Deribit 11093, deribit.md; OKX 58300, okx.md) ...
        (
            '"max_addr_count_exceeded"',
            "Limit of allowed addresses has been reached.",
            "OperationRejected",
            False,
        ),
        ("Deposit-address count exceeds the limit.", None, "OperationRejected", False),
        ("Invalid withdrawal address", None, "InvalidAddress", False),  # OKX 58222
        # ... and the API key owns the streams it subscribes (OKX 4003)
        ("APIKey subscription amount exceeds the limit 100", None, "RateLimitExceeded", True),
    ],
)
def test_counts_of_things_are_caps_not_the_things(message, description, category, retryable):
    v = categorize(Entry(code="1", messages=(message,), description=description))
    assert (v.category, v.retryable) == (category, retryable)


def test_a_reference_to_the_rpc_protocol_is_no_outage():
    """Deribit -32601/-32602/-32700 (sources/snapshots/deribit.md): the JSON-RPC standard
    errors, each described only as "See JSON-RPC spec."; a request error, not a service down."""
    for code, message in (("-32601", "Method not found"), ("-32602", "Invalid params")):
        v = categorize(Entry(code=code, messages=(message,), description="See JSON-RPC spec."))
        assert v.category == "BadRequest" and not v.retryable, (code, v)
    assert categorize(Entry(code="1", messages=("RPC call failed",))).retryable


# --- a section about the request; a parameter left out ---------------------------------------


@pytest.mark.parametrize(
    ("name", "message", "category"),
    [
        # Binance's "11xx - Request issues": the order words name a parameter
        ("INVALID_SIDE", "Invalid side.", "BadRequest"),
        ("TIF_NOT_REQUIRED", "TimeInForce parameter sent when not required.", "BadRequest"),
        # a specific rule still decides: the words name the class
        ("NO_SUCH_ORDER", "Order does not exist.", "OrderNotFound"),
        ("TOO_MANY_REQUESTS", "Too many requests.", "RateLimitExceeded"),
    ],
)
def test_a_request_section_reads_order_words_as_parameters(name, message, category):
    e = Entry(code="-1117", name=name, messages=(message,), group="11xx - Request issues")
    assert categorize(e).category == category


def test_order_words_outside_a_request_section_stay_an_order():
    side = Entry(code="-1117", name="INVALID_SIDE", messages=("Invalid side.",))
    assert categorize(side).category == "InvalidOrder"
    filters = side.replace(group="40xx - Filters and other Issues")
    assert categorize(filters).category == "InvalidOrder"


@pytest.mark.parametrize(
    "message",
    [
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
        "Parameter {} cannot be empty.",
        "Missing required parameter",
    ],
)
def test_a_parameter_left_out_is_a_bad_request(message):
    # ccxt raises ArgumentsRequired itself before sending; the exchange's answer is a BadRequest
    v = categorize(Entry(code="1", messages=(message,)))
    assert (v.category, v.retryable) == ("BadRequest", False)
    assert v.reason != "message:'invalid'" and v.reason.startswith("message:"), v.reason


def test_arguments_required_stays_assignable_by_override():
    e = Entry(code="152001", messages=("Parameter {} cannot be empty.",))
    v = categorize(e, parse_overrides({"152001": "ArgumentsRequired"}))
    assert (v.category, v.reason) == ("ArgumentsRequired", "override")


# --- session 7 of the ccxt comparison: each message as its document gives it ----------------


@pytest.mark.parametrize(
    ("code", "name", "message", "category"),
    [
        # a duplicated id that is not an order's (xt.md, bybit-v5.md, Binance USDⓈ-M)
        ("FUND_001", None, "Duplicate request (bizId can only be requested once)", "BadRequest"),
        ("20006", None, "reqId is duplicated", "BadRequest"),
        ("-4115", "DUPLICATED_CLIENT_TRAN_ID", "clientTranId is duplicated", "BadRequest"),
        ("102002", None, "Duplicate customized order ID", "DuplicateOrderId"),  # BloFin: an order
        # a contract that names none is an unknown symbol (gateio, bitget); one being
        # delivered is not
        ("CONTRACT_NOT_FOUND", None, "Contract not found", "BadSymbol"),
        ("40309", None, "The contract has been removed", "BadSymbol"),
        ("1", None, "Contract under delivery.", "ContractUnavailable"),
        # a buy or an order past the position's cap (mexc, bybit-v5.md)
        ("30032", None, "Cannot exceed the maximum position", "InvalidOrder"),
        (
            "170010",
            None,
            "Purchase failed: Exceed the maximum position limit of leveraged tokens, the current "
            "available limit is %s USDT",
            "InvalidOrder",
        ),
        # who may not trade lacks a permission (bybit-v5.md, okx.md)
        ("110069", None, "Ins lending customer is not allowed to trade.", "PermissionDenied"),
        ("110068", None, "Leveraged trading is not allowed.", "PermissionDenied"),
        (
            "50027",
            None,
            "This account is restricted from trading. Please contact customer support for "
            "assistance.",
            "PermissionDenied",
        ),
        # an authentication header is a credential; the receive window a clock's (okx.md, xt)
        (
            "50107",
            None,
            'Request header "OK-ACCESS-TIMESTAMP" cannot be empty.',
            "AuthenticationError",
        ),
        ("AUTH_006", None, "Bad request header validate-algorithms", "AuthenticationError"),
        ("AUTH_004", None, "Bad request header validate-recvwindow", "InvalidNonce"),
        # open to an account only some time after registration (Binance USDⓈ-M -4203)
        (
            "-4203",
            None,
            "More than 20x leverage is available one month after account registration.",
            "AccountNotEnabled",
        ),
        # the shape of the request (Binance USDⓈ-M, okx.md, deribit.md)
        (
            "-4082",
            "INVALID_BATCH_PLACE_ORDER_SIZE",
            "Invalid number of batch place orders.",
            "BadRequest",
        ),
        ("51111", None, "Maximum {param0} orders can be placed in bulk.", "BadRequest"),
        ("11047", None, "unsupported_arg_combination", "BadRequest"),
        ("-1014", "UNKNOWN_ORDER_COMPOSITION", "Unsupported order combination.", "InvalidOrder"),
        # a market's filter setting is no order's value (Binance USDⓈ-M); an order breaking
        # the filter is an order
        ("-4008", "TICK_SIZE_LESS_THAN_ZERO", "Tick size less than zero.", "BadRequest"),
        ("-4009", "MAX_PRICE_LESS_THAN_MIN_PRICE", "Max price less than min price.", "BadRequest"),
        ("-4029", "INVALID_TICK_SIZE_PRECISION", "Tick size precision is invalid.", "BadRequest"),
        ("-4013", "PRICE_LESS_THAN_MIN_PRICE", "Price less than min price.", "InvalidOrder"),
        (
            "-4014",
            "PRICE_NOT_INCREASED_BY_TICK_SIZE",
            "Price not increased by tick size.",
            "InvalidOrder",
        ),
    ],
)
def test_session_7_wordings(code, name, message, category):
    v = categorize(Entry(code=code, name=name, messages=(message,)))
    assert v.category == category, v.reason


def test_a_loan_reaching_a_position_cap_is_no_order():
    # KuCoin 130204 (kucoin.md): the platform's lending, not the caller's order
    message = (
        "As the total lending amount for platform leverage {0} reaches the platform's maximum "
        "position limit, the system suspends the borrowing function of leverage {1}"
    )
    assert categorize(Entry(code="130204", messages=(message,))).category != "InvalidOrder"


@pytest.mark.parametrize(
    ("name", "message", "category"),
    [
        # Binance -1006, -1007 (binance-spot.md): the request may have been carried out
        (
            "UNEXPECTED_RESP",
            "An unexpected response was received from the message bus. Execution status unknown.",
            "ExchangeNotAvailable",
        ),
        (
            "TIMEOUT",
            "Timeout waiting for response from backend server. Send status unknown; execution "
            "status unknown.",
            "RequestTimeout",
        ),
    ],
)
def test_an_unknown_outcome_is_no_blind_retry(name, message, category):
    v = categorize(Entry(code="-1006", name=name, messages=(message,)))
    assert (v.category, v.retryable) == (category, False)
    assert "; no retry:'" in v.reason and "status unknown" in v.reason


def test_an_order_creation_timeout_is_no_blind_retry_a_cancel_timeout_is():
    # Bybit 170146 / 170147 (bybit-v5.md): the order may exist; a cancel sent twice does no harm
    create = categorize(Entry(code="170146", messages=("Order creation timeout",)))
    cancel = categorize(Entry(code="170147", messages=("Order cancellation timeout",)))
    assert (create.category, create.retryable) == ("RequestTimeout", False)
    assert (cancel.category, cancel.retryable) == ("RequestTimeout", True)


def test_a_region_is_a_permission_not_an_outage():
    # Bybit 10009 (bybit-v5.md)
    message = (
        "Service Restricted: Access is currently unavailable for your region. Please contact our "
        "support team for further assistance."
    )
    v = categorize(Entry(code="10009", messages=(message,)))
    assert (v.category, v.retryable) == ("PermissionDenied", False)


def test_a_timeout_with_a_known_outcome_is_retried():
    v = categorize(Entry(code="400013", messages=("Request timeout",)))
    assert (v.category, v.retryable) == ("RequestTimeout", True)


# --- a family of errors: one code, messages of several meanings ------------------------------


@cache
def _built(source_id: str) -> Catalog:
    source = load_source(ROOT / "sources" / f"{source_id}.toml")
    return extract_source(source, source.snapshot.read_bytes())


def test_a_family_of_errors_takes_its_name_and_says_so():
    # binance-spot: -2010 NEW_ORDER_REJECTED lists 41 messages ("Unknown order sent.", "Market
    # is closed.", "Account has insufficient balance for requested action.", …; 40 rows, one of
    # them "Rest API trading is not enabled." / "WebSocket API trading is not enabled."): no one
    # of them is the code's meaning
    family = [e for e in _built("binance-spot").lookup("-2010") if len(e.messages) > 3]
    assert len(family) == 1 and len(family[0].messages) == 41
    e = family[0]
    assert e.category == "InvalidOrder"
    assert e.category_reason == "name:NEW_ORDER_REJECTED" + FAMILY_MARK
    assert message_meaning(e, "Market is closed.").category == "MarketClosed"
    funds = message_meaning(e, "Account has insufficient balance for requested action.")
    assert funds.category == "InsufficientFunds"
    assert funds.category_reason == "message:'insufficient'; 1 of 41 messages"
    assert funds.messages == ("Account has insufficient balance for requested action.",)


def test_two_messages_of_two_meanings_are_no_family():
    e = Entry(
        code="-4118",
        name="REDUCE_ONLY_MARGIN_CHECK_FAILED",
        messages=("ReduceOnly Order Failed.", "Insufficient margin balance."),
    )
    v = categorize(e)
    assert FAMILY_MARK not in v.reason and v.category == "InsufficientFunds"


@pytest.mark.parametrize(
    ("group", "name", "message", "category"),
    [
        # a bound on an order's value is no parameter wording (Coins.ph 2024-01-10, "11xx -
        # Request issues"; ccxt: InvalidOrder)
        ("11xx - Request issues", "ORDER_PRICE_TOO_HIGH", "Order price too high.", "InvalidOrder"),
        ("11xx - Request issues", "BAD_PRECISION", "Precision is over the maximum.", "BadRequest"),
        # headings about requests that are not about the request's validity
        ("Rate limit requests", "INVALID_SIDE", "Invalid side.", "InvalidOrder"),
        ("Request weight", "INVALID_SIDE", "Invalid side.", "InvalidOrder"),
        # a heading's code names say nothing of what it is about (coins-ph)
        (
            "Messages for -1010 BAD_REQUEST, -2010 NEW_ORDER_REJECTED and -2011 CANCEL_REJECTED",
            None,
            "Duplicate order sent.",
            "InvalidOrder",
        ),
        ("Request parameter or format related", None, "Invalid order side.", "BadRequest"),  # gate
    ],
)
def test_what_a_request_section_is(group, name, message, category):
    v = categorize(Entry(code="-1", name=name, messages=(message,), group=group))
    assert v.category == category, v.reason


def test_a_few_wordings_of_one_meaning_are_no_family():
    # binance-spot -1160: three wordings of "time in force must be GTC"
    e = Entry(
        code="-1160",
        name="OCO_ICEBERGQTY_TIMEINFORCE",
        group="11xx - Request issues",
        messages=(
            "Parameter '%s' is not supported if aboveTimeInForce/belowTimeInForce is not GTC.",
            "If the order type for the above or below leg is STOP_LOSS_LIMIT, and icebergQty is "
            "provided for that leg, the timeInForce has to be GTC else it will throw an error.",
            "TimeInForce (59) must be GTC (1) when MaxFloor (111) is used.",
        ),
    )
    v = categorize(e)
    assert FAMILY_MARK not in v.reason and v.category != "ExchangeError", v.reason


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("Duplicate order request", "InvalidOrder"),  # an order's, not a request id's
        ("Invalid header access-control-allow-origin", "BadRequest"),  # no credential
        ("System not responding. Request status unknown.", "ExchangeNotAvailable"),  # bybit v1
    ],
)
def test_session_7_review(message, category):
    assert categorize(Entry(code="1", messages=(message,))).category == category


def test_an_outcome_the_exchange_does_not_know_is_no_blind_retry():
    # OKX 51149 (okx.md)
    message = (
        "Order timed out. Please try again. (does not mean that the request was successful or "
        "failed, please check the request result)"
    )
    v = categorize(Entry(code="51149", messages=(message,)))
    assert (v.category, v.retryable) == ("RequestTimeout", False)


def test_a_family_keeps_its_override():
    family = next(e for e in _built("binance-spot").lookup("-2010") if len(e.messages) > 3)
    overridden = family.replace(category_reason=family.category_reason + "; override:retryable")
    assert message_meaning(overridden, "Market is closed.") is overridden


@pytest.mark.parametrize(
    ("entry", "success"),
    [
        (Entry("0", http_status=200), True),  # OKX: "| 0 | 200 |  |"
        (Entry("0"), True),
        (Entry("00000"), True),
        (Entry("0", http_status=400), False),  # a failure's status says otherwise
        (Entry("10"), False),
        (Entry("0", messages=("Unknown error",)), False),  # what is said decides
        (Entry("0", messages=("Success",)), True),
    ],
)
def test_code_0_alone_is_success_and_words_still_decide(entry, success):
    assert categorize(entry).success is success


@pytest.mark.parametrize(
    ("name", "message", "category"),
    [
        # words read off invented pages by a reader who had not seen errcat's rules
        (None, "API key is not permitted to access this endpoint", "PermissionDenied"),
        (None, "The API key lacks the required scope for this endpoint.", "PermissionDenied"),
        (None, "Endpoint requires the trade scope.", "PermissionDenied"),
        (None, "Unmatched IP, please check your API key's bound IP addresses.", "PermissionDenied"),
        (None, "Missing or invalid access token", "AuthenticationError"),
        ("AUTH_REQUIRED", "Private channels require a session.", "AuthenticationError"),
        ("JWT_VERIFICATION_FAILED", None, "AuthenticationError"),
        (None, "Auth failed", "AuthenticationError"),
        (None, "Request too many", "RateLimitExceeded"),
        (None, "Request over limit", "RateLimitExceeded"),
        (None, "Message rate exceeded", "RateLimitExceeded"),
        (None, "Invalid request: too many parameters", "BadRequest"),  # a count, not a pace
        (None, "Gateway is temporarily overloaded.", "ExchangeNotAvailable"),
        (None, "internal", "ExchangeNotAvailable"),
        (None, "Instrument is expired.", "ContractUnavailable"),
        (None, "Already subscribed", "NoChange"),
        (None, "Market is in cancel-only mode", "MarketClosed"),
        (None, "Immediate-or-cancel order could not be matched", "OrderNotFillable"),
        (None, "Destination tag is missing", "InvalidAddress"),
        ("MEMO_REQUIRED", "A memo is required for this network.", "InvalidAddress"),
        (None, "%s is not a valid symbol", "BadSymbol"),
        (None, "Not a valid market order", "InvalidOrder"),  # a market order is no market
        # an order's option the market does not take (the independent reading of the ccxt
        # disagreements, pattern D; Aster -1014)
        (None, "The current order parameter combination is not supported.", "InvalidOrder"),
        (None, "Time in force GTX is not supported for market orders", "InvalidOrder"),
        (None, "Missing X-ACCESS-SIGN header", "AuthenticationError"),
        (None, "Invalid OK-ACCESS-PASSPHRASE", "AuthenticationError"),
    ],
)
def test_words_of_pages_errcat_had_not_seen(name, message, category):
    messages = (message,) if message else ()
    assert categorize(Entry(code="1", name=name, messages=messages)).category == category


def test_the_independent_reading_of_the_disagreements_is_well_formed():
    # bench/bench_categories.py counts a disagreement upheld from this file: a verdict or a
    # class it cannot read would count silently wrong
    import json

    from errcat.taxonomy import taxonomy

    path = Path(__file__).parent / "fixtures" / "categories" / "adjudication.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    keys = {(r["exchange"], r["document"], r["code"]) for r in rows}
    assert len(keys) == len(rows) == 405
    classes = set(taxonomy().names)
    for row in rows:
        assert row["verdict"] in {"errcat", "ccxt", "both", "neither"}, row
        assert row["errcat"] in classes and row["why"] and row["words"], row
        # the reader's own class, where both were wrong, is one errcat can give
        assert row["verdict"] != "neither" or row["best"] in classes, row


def test_the_independent_reading_of_the_retry_disagreements_is_well_formed():
    import json

    path = Path(__file__).parent / "fixtures" / "categories" / "retry-adjudication.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert len({(r["exchange"], r["document"], r["code"]) for r in rows}) == len(rows) == 49
    for row in rows:
        assert row["verdict"] in {"errcat", "ccxt", "both"}, row
        assert isinstance(row["retry"], bool) and isinstance(row["errcat_retryable"], bool), row
        # "errcat" means the reader advises what errcat does
        assert row["verdict"] != "errcat" or row["retry"] == row["errcat_retryable"], row
