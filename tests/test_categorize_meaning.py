"""Categories by what an error means: the misfires found against ccxt's maps (issue 15).

Each expected category is read off the message as an engineer writing an error handler would
(what must change before the request can pass), not copied from errcat's output.
"""

from __future__ import annotations

import pytest
from errcat.categorize import categorize, taxonomy, words
from errcat.model import Entry


def verdict(message: str, name: str | None = None):
    return categorize(Entry("1", name=name, messages=(message,)))


@pytest.mark.parametrize(
    ("message", "category", "retryable"),
    [
        # margin about to be too thin: more funds or a smaller position, not exchange upkeep
        (
            "Maintenance margin rate is too high. This may trigger liquidation.",
            "InsufficientFunds",
            False,
        ),
        # the request's timestamp is out of the accepted window: a clock/nonce problem
        ("The request time exceeds the time window range.", "InvalidNonce", True),
        # a limit on concurrent sessions of one account, like too many connections
        ("Too many sessions under the same UID", "RateLimitExceeded", True),
        ("the order is already canceled", "OrderNotFound", False),
        ("Order has been filled.", "OrderNotFound", False),
        ("balance cannot cover the lowest price", "InsufficientFunds", False),
        ("Negative account balance.", "InsufficientFunds", False),
        (
            "Only users who are VIP4 and above in trading fee tier are allowed to subscribe.",
            "PermissionDenied",
            False,
        ),
        ("category only support linear or option or spot.", "BadRequest", False),
        ("Unsupported Media Type", "BadRequest", False),
        ("This operation is not supported.", "NotSupported", False),
        ("Too fast to cancel, Try it later", "RateLimitExceeded", True),
        ("matching_engine_queue_full", "ExchangeNotAvailable", True),
        ("The account has been cancelled and cannot be used again", "AccountSuspended", False),
        ("Invalid ACCESS_TIMESTAMP", "InvalidNonce", True),
        ("Incorrect permissions, need {0} permissions", "PermissionDenied", False),
        ("Invalid IP", "PermissionDenied", False),
        ("Withdrawal amount is greater than your available balance", "InsufficientFunds", False),
        (
            "The assets are estimated to be unable to cover the position margin",
            "InsufficientFunds",
            False,
        ),
        # two parameters that must differ, a query window too wide: the request is wrong
        ("fromAccountType can't be the same as toAccountType", "BadRequest", False),
        ("The start and end time cannot exceed 90 days", "BadRequest", False),
        ("Request method is not allowed", "BadRequest", False),
        # the headers a request must carry are its credentials
        ("Missing request header validate-signature", "AuthenticationError", False),
        ("Security level low, bind 2FA before withdraw", "AccountNotEnabled", False),
        # a setting refused while orders or positions are open: the state, not the order
        ("Margin type cannot be changed if there exists open orders.", "OperationRejected", False),
        (
            "Position mode cannot be switched while there are open positions.",
            "OperationRejected",
            False,
        ),
        (
            "Cancellation failed as the order is already in canceling status or pending "
            "settlement.",
            "CancelPending",
            False,
        ),
    ],
)
def test_meaning(message, category, retryable):
    v = verdict(message)
    assert (v.category, v.retryable) == (category, retryable), v.reason


@pytest.mark.parametrize(
    ("message", "not_category"),
    [
        # a position, its margin or leverage is not an order
        ("The position is in cross margin mode.", "InvalidOrder"),
        ("Cannot set leverage due to risk limit level.", "InvalidOrder"),
        ("Position mode cannot be switched while there are open positions.", "InvalidOrder"),
        # order-flag words out of context
        (
            "Liquidation will be triggered immediately by this adjustment.",
            "OrderImmediatelyFillable",
        ),
        ("Cannot replace/amend FillOrKill order", "OrderNotFillable"),
        # the right word about the wrong object
        (
            "You can't set take profit and stop loss due to insufficient size of remaining "
            "position.",
            "InsufficientFunds",
        ),
        ("The market data is null", "BadRequest"),
        # a field of an API-key endpoint is not the request's credential
        ("API KEY remarks cannot be null", "AuthenticationError"),
        ("Sub-account transfer has been cancelled", "AccountSuspended"),
    ],
)
def test_no_misfire(message, not_category):
    v = verdict(message)
    assert v.category != not_category, v.reason


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("合约品种不存在", "BadSymbol"),  # contract (instrument) does not exist
        ("拒绝访问", "PermissionDenied"),  # access denied
        ("余额不足", "InsufficientFunds"),  # insufficient balance
        ("请求过于频繁", "RateLimitExceeded"),  # requests too frequent
        ("签名错误", "AuthenticationError"),  # signature error
        ("订单不存在", "OrderNotFound"),  # order does not exist
        ("参数错误", "BadRequest"),  # parameter error
        ("系统繁忙", "ExchangeNotAvailable"),  # system busy
    ],
)
def test_chinese_texts(message, category):
    assert verdict(message).category == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ('"invalid_addr"', "InvalidAddress"),
        ('"not_enough_funds"', "InsufficientFunds"),
        ('"insuff_balance"', "InsufficientFunds"),
    ],
)
def test_snake_case_and_short_forms(text, category):
    assert verdict(text).category == category
    assert "address" in words("invalid_addr")


def test_please_try_again_on_an_order_that_must_change_is_not_retryable():
    v = verdict("Order amount is less than {param0}, please try again.")
    assert v.category == "InvalidOrder" and v.retryable is False
    # a wait is another matter: the same order may pass later
    assert verdict("There is a pending reduce-only order, please try again later").retryable


def test_every_verdict_names_the_alternative_that_fired():
    v = verdict("Order does not exist")
    assert v.rule is not None and v.rule.startswith("OrderNotFound:")
    off = categorize(Entry("1", messages=("Order does not exist",)), disabled=frozenset({v.rule}))
    assert off.category != "OrderNotFound" and off.rule != v.rule
    assert all(c in taxonomy() for c in ("InsufficientFunds", "InvalidNonce"))


def test_placeholders_are_not_words():
    # "{param0}" is a slot for a value, not the word "parameter"
    assert (
        verdict("The range of {param0} should be [{param1}, {param2}].").reason
        != "message:'param0'"
    )
    assert "param" not in (verdict("{param0} is not enabled").reason or "")


def test_an_order_message_with_sub_account_advice_is_still_about_the_order():
    v = verdict(
        "Order failed. The sum of current order size can't be more than {param1}. Please lower "
        "the leverage or use a new sub-account to place the order again."
    )
    assert v.category == "InvalidOrder", v.reason


def test_any_text_about_a_transfer_keeps_order_words_out():
    v = categorize(
        Entry(
            "1", name="TE_WALLET_REACHED_MAX_AMOUNT", messages=("Deposit makes wallet exceed max",)
        )
    )
    assert v.category != "InvalidOrder", v.reason
