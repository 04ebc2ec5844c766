"""The five seed documents give exactly the catalogs read off the documents by hand."""

from __future__ import annotations

import errcat
import pytest
from errcat.catalog import dumps

from tests.conftest import SEED_FILES


def seed(source_id: str) -> errcat.Catalog:
    return errcat.extract(SEED_FILES[source_id].read_bytes())


def test_blofin_table_without_outer_pipes():
    cat = seed("blofin")
    assert len(cat) == 51
    assert cat.message_count == 51
    assert {e.surface for e in cat} == {"rest"}
    assert {e.code for e in cat if e.http_status != 200} == {"429"}
    assert cat.get("429").http_status == 429
    # placeholders kept as written, trailing spaces gone
    assert cat.get("152003").messages == ("Either parameter {} or {} is required.",)
    assert cat.get("102065").messages == ("Sell price is not within the price limit",)
    # document order, not sorted: 150003 comes after 152015, 542 after 150004
    codes = [e.code for e in cat]
    assert codes[:3] == ["400", "401", "500"]
    assert codes.index("542") == codes.index("150004") + 1
    assert codes[-1] == "103013"


def test_ltp_group_titles_and_repeated_headers_inside_one_table():
    cat = seed("ltp")
    assert len(cat) == 252
    assert cat.message_count == 252
    assert cat.groups == [
        "Common (400xxx)",
        "Authentication & API Key (2xxx / 4xxx / 7xxx / 1000xx)",
        "Trading (4010xx)",
        "Strategy / Algo Orders (4012xx)",
        "Portfolio Management (402xxx)",
        "Transfers (403xxx)",
        "Fees (406xxx)",
        "WebSocket (601xxx)",
    ]
    assert not any(e.code in ("Code", "---") or not e.code[0].isdigit() for e in cat)
    assert cat.get("400000").group == "Common (400xxx)"
    assert cat.get("500").group.startswith("Authentication")
    assert cat.get("401018").messages == ("Order not found",)
    ws = [e for e in cat if e.surface == "websocket"]
    assert ws and all(e.group == "WebSocket (601xxx)" and e.code.startswith("601") for e in ws)
    assert all(e.surface == "rest" for e in cat if e.group != "WebSocket (601xxx)")


def test_aster_spot_headings_with_escapes_and_bullets():
    cat = seed("aster-spot")
    assert len(cat) == 110
    assert cat.message_count == 138
    assert cat.groups == [
        "10xx - General server or network issues",
        "11xx - Request issues",
        "20xx - Processing Issues",
        "40xx - Filters and other Issues",
    ]
    e = cat.get("-1003")
    assert e.name == "TOO_MANY_REQUESTS"
    assert e.group == "10xx - General server or network issues"
    assert e.messages[2] == (
        "Too many requests; current limit is %s requests per minute. "
        "Please use the WebSocket for live updates to avoid polling the API."
    )
    assert cat.get("-4020").messages == (
        "Target strategy invalid for orderType %s, reduceOnly %b'",
    )
    assert cat.get("-4001").messages == ("Price less than 0.",)
    assert cat.get("-4026").messages[2:] == (
        "%s less than zero.",
        "%s absolute value greater than %s.",
    )
    assert cat.get("-1111").name == "BAD_PRECISION"
    text = dumps(cat)
    assert "\\\\" not in text and "\\_" not in text


def test_orderly_repeated_codes_merge_in_document_order():
    cat = seed("orderly")
    assert len(cat) == 19
    assert cat.message_count == 27
    multi = {e.code: len(e.messages) for e in cat if len(e.messages) > 1}
    assert multi == {"-1000": 2, "-1005": 4, "-1012": 2, "-1101": 2, "-1201": 2, "-1202": 2}
    e = cat.get("-1005")
    assert (e.name, e.http_status) == ("INVALID_PARAM", 400)
    assert e.messages[0] == "Some parameters are in wrong format for api."
    assert e.messages[3] == "if you set extra_liquidation_ratio > 0, ratio_qty_request must be 1."
    assert cat.get("-1003").http_status == 429
    assert cat.get("-1105").messages == ("Price is X% too high or X% too low from the mid price.",)
    assert cat.get("-1102").messages == ("The order value (price * size) is too small.",)


def test_okex_rest_and_websocket_tables_reuse_codes():
    cat = seed("okex-v1-spot")
    rest = [e for e in cat if e.surface == "rest"]
    ws = [e for e in cat if e.surface == "websocket"]
    numeric_rest = [e for e in rest if e.code.lstrip("-").isdigit()]
    assert len(numeric_rest) == 103
    assert len(ws) == 98
    assert len(cat) == 203
    assert [e.code for e in rest if not e.code.isdigit()] == [
        "HTTP ERROR CODE 403",
        "Request Timed Out",
    ]
    assert cat.get("HTTP ERROR CODE 403").http_status == 403
    assert cat.get("Request Timed Out").http_status is None
    assert cat.get("10000", "rest").messages == ("Required field, can not be null",)
    assert cat.get("10000", "websocket").messages == ("Required parameter is empty",)
    # the row missing its closing pipe
    assert cat.get("10027").messages == (
        "Cannot withdraw within 24 hrs of authentication information modification",
    )
    assert cat.get("1217").messages == (
        "Order was sent at ±5% of the current market price. Please resend",
    )
    assert "Â" not in dumps(cat)
    assert all(e.group == "WebSocket API Error Code" for e in ws)
    assert all(e.group == "REST API Error Code" for e in rest)


@pytest.mark.parametrize("source_id", sorted(SEED_FILES))
def test_seed_str_and_bytes_agree(source_id):
    raw = SEED_FILES[source_id].read_bytes()
    assert errcat.extract(raw) == errcat.extract(raw.decode("utf-8"))
