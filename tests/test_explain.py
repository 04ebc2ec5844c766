"""``errcat explain``: raw error bodies of each seed exchange find their documented entry."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from errcat.build import extract_source
from errcat.catalog import read_catalog
from errcat.cli import main
from errcat.explain import ErrorBodyError, explain, match_message, parse_error
from errcat.model import Catalog, Entry
from errcat.sources import load_source
from errcat.templates import PLACEHOLDER, compile_template, rank

from tests.conftest import ROOT, SEED_FILES


@cache
def seed(source_id: str) -> Catalog:
    source = load_source(ROOT / "sources" / f"{source_id}.toml")
    return extract_source(source, SEED_FILES[source_id].read_bytes())


# (source, raw error as the exchange sends it, expected code, surface, how it matched)
PAYLOADS = [
    # aster-spot: Binance-style {"code": int, "msg": str}
    ("aster-spot", '{"code":-2013,"msg":"Order does not exist."}', "-2013", "rest", "code+message"),
    (
        "aster-spot",
        '{"code":-1003,"msg":"Too many requests; current limit is 1200 requests per minute. '
        'Please use the WebSocket for live updates to avoid polling the API."}',
        "-1003",
        "rest",
        "code+message",
    ),
    (
        "aster-spot",
        "Too many requests; current limit is 1200 requests per minute. Please use the WebSocket "
        "for live updates to avoid polling the API.",
        "-1003",
        "rest",
        "message",
    ),
    (
        "aster-spot",
        '{"code":-1102,"msg":"Mandatory parameter symbol was not sent, was empty/null, or '
        'malformed."}',
        "-1102",
        "rest",
        "code+message",
    ),
    # blofin: string codes, {} placeholders, nested error objects
    (
        "blofin",
        '{"code":"152001","msg":"Parameter instId cannot be empty.","data":null}',
        "152001",
        "rest",
        "code+message",
    ),
    (
        "blofin",
        '{"error":{"code":"152001","message":"Parameter instId cannot be empty."}}',
        "152001",
        "rest",
        "code+message",
    ),
    ("blofin", "Parameter instId cannot be empty.", "152001", "rest", "message"),
    (
        "blofin",
        '{"code":"150004","msg":"Insufficient balance. please adjust the amount and try again."}',
        "150004",
        "rest",
        "code+message",
    ),
    # ltp: %s templates in long messages
    ("ltp", '{"code":401018,"message":"Order not found"}', "401018", "rest", "code+message"),
    (
        "ltp",
        '{"success":false,"error":{"code":401246,"message":"Invalid tpTriggerPrice , current '
        'price: 64123.5"}}',
        "401246",
        "rest",
        "code+message",
    ),
    (
        "ltp",
        "Due to an order with a better price, BTC-PERP reduce only order to sell 0.5 BTC at 65000 "
        "was cancelled",
        "401068",
        "rest",
        "message",
    ),
    # orderly: X% placeholders
    (
        "orderly",
        '{"success":false,"code":-1105,"message":"Price is 5% too high or 5% too low from the mid '
        'price."}',
        "-1105",
        "rest",
        "code+message",
    ),
    (
        "orderly",
        '{"success":false,"code":-1003,"message":"Rate limit exceed."}',
        "-1003",
        "rest",
        "code+message",
    ),
    # okex-v1-spot: error_code only; a message picks the surface of a reused code
    ("okex-v1-spot", '{"result":false,"error_code":10009}', "10009", None, "code"),
    (
        "okex-v1-spot",
        '{"errorcode":"10002","message":"Authentication failure"}',
        "10002",
        "websocket",
        "code+message",
    ),
    (
        "okex-v1-spot",
        '{"errorcode":"10002","message":"System error"}',
        "10002",
        "rest",
        "code+message",
    ),
]


@pytest.mark.parametrize(("source", "raw", "code", "surface", "matched_by"), PAYLOADS)
def test_raw_payloads_find_their_entry(source, raw, code, surface, matched_by):
    ex = explain(seed(source), raw)
    assert ex.found and ex.matched_by == matched_by
    assert {e.code for e in ex.entries} == {code}
    if surface is not None:
        assert [e.surface for e in ex.entries] == [surface]
    assert ex.entry.category and ex.entry.category_reason


def test_every_seed_has_a_payload():
    assert {p[0] for p in PAYLOADS} == set(SEED_FILES)


def test_code_and_message_that_disagree_are_reported():
    ex = explain(seed("blofin"), '{"code":"152002","msg":"Parameter instId cannot be empty."}')
    assert ex.entry.code == "152002"  # the code decides
    assert ex.message_match.entry.code == "152001"
    assert ex.notes == (
        "code 152002 and message disagree: the message is documented for code 152001 (rest)",
    )


def test_a_paraphrased_message_is_not_a_disagreement():
    # aster documents -1121 as "Invalid trading pair."; Binance sends "Invalid symbol."
    ex = explain(seed("aster-spot"), '{"code":-1121,"msg":"Invalid symbol."}')
    assert ex.entry.code == "-1121" and ex.entry.category == "BadSymbol"
    assert ex.notes == ("the message is not documented for code -1121",)


def test_code_reused_across_surfaces_needs_a_surface():
    cat = seed("okex-v1-spot")
    both = explain(cat, "10002")
    assert {e.surface for e in both.entries} == {"rest", "websocket"}
    assert any("pass --surface" in n for n in both.notes)
    ws = explain(cat, "10002", surface="websocket")
    assert [(e.surface, e.category) for e in ws.entries] == [("websocket", "AuthenticationError")]
    assert not ws.notes
    # same meaning on both surfaces: no warning
    assert not explain(cat, "10009").notes


def test_unknown_code_is_said_plainly():
    ex = explain(seed("aster-spot"), "-9999")
    assert not ex.found and ex.notes == ("code -9999 is not documented by aster-spot",)


def test_undocumented_code_with_a_documented_message():
    ex = explain(seed("blofin"), '{"code":"999999","msg":"Parameter instId cannot be empty."}')
    assert ex.found and ex.entry.code == "152001" and ex.matched_by == "message"
    assert ex.notes == ("code 999999 is not documented; identified by its message",)


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ('{"code":-1121,"msg":"Invalid symbol."}', "-1121", "Invalid symbol."),
        ('{"code":"152001","msg":"x"}', "152001", "x"),
        ('{"status":"error","error":{"code":50001,"message":"deep"}}', "50001", "deep"),
        (
            '{"code":"1","msg":"outer","data":[{"sCode":"51008","sMsg":"Order failed"}]}',
            "51008",
            "Order failed",
        ),
        ('["error", 10020, "symbol: invalid"]', "10020", "symbol: invalid"),
        ('{"error":["EOrder:Insufficient funds"]}', None, "EOrder:Insufficient funds"),
        ('{"error_code": 10009, "result": false}', "10009", None),
        ("-1121", "-1121", None),
        ("Order does not exist", None, "Order does not exist"),
    ],
)
def test_error_bodies_are_read(raw, code, message):
    report = parse_error(raw)
    assert (report.code, report.message) == (code, message)


def test_pseudo_codes_with_words_are_codes_when_documented():
    report = parse_error("HTTP ERROR CODE 403", seed("okex-v1-spot"))
    assert report.code == "HTTP ERROR CODE 403"


def test_broken_json_is_a_one_line_error():
    with pytest.raises(ErrorBodyError, match=r"does not parse \(line 1"):
        parse_error('{"code": -1121, "msg": ')


@pytest.mark.parametrize(
    "body, why",
    [
        ('{"code":' + "9" * 5000 + "}", "integer"),  # over Python's int-string digit limit
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_json_python_cannot_read_is_an_error_body_error(body, why):
    # explain runs in a trading system's error handler: what the exchange sent may raise only
    # errcat's own error, never a bare ValueError or RecursionError.
    with pytest.raises(ErrorBodyError, match=why):
        parse_error(body)


def test_an_int_code_and_a_parsed_body_are_read_like_their_text():
    # errcat.lookup takes -1121; explain raised AttributeError ('int' has no 'strip') on it and
    # on a body already parsed by the HTTP client.
    cat = seed("aster-spot")
    text = explain(cat, '{"code":-1121,"msg":"Invalid symbol."}')
    by_int, by_dict = explain(cat, -1121), explain(cat, {"code": -1121, "msg": "Invalid symbol."})
    assert (by_int.entry, by_int.matched_by) == (text.entry, "code")
    assert (by_dict.entry, by_dict.matched_by) == (text.entry, text.matched_by)
    assert explain(cat, [{"code": -1121}]).entry.code == "-1121"
    assert explain(cat, {"code": -1121}).error.raw == '{"code": -1121}'
    for wrong in (None, True, b'{"code":-1121}', 1.5):
        with pytest.raises(TypeError, match="ERROR is a code, a message or a JSON error body"):
            explain(cat, wrong)


def test_codes_of_thousands_of_digits_are_compared_as_text():
    # int() refuses more than 4300 digits: a live code (or a page's) that long raised ValueError.
    huge = "9" * 5000
    cat = Catalog(entries=(Entry(huge), Entry("00001", messages=("interval too large",))))
    assert explain(cat, huge).entry.code == huge
    assert explain(cat, f'{{"code":"{huge}"}}').entry.code == huge
    assert explain(cat, "1" * 1_000_000).matched_by == "none"
    assert explain(cat, '{"code": 1}').entry.code == "00001"


def test_numeric_codes_compare_as_numbers():
    cat = Catalog(entries=(Entry("00001", messages=("startTime and endTime interval too large",)),))
    assert explain(cat, '{"code": 1}').entry.code == "00001"


def test_match_message_prefers_the_most_specific_template():
    cat = Catalog(
        entries=(
            Entry("1", messages=("Parameter {} error.",)),
            Entry("2", messages=("Parameter {} error: wrong or empty",)),
        )
    )
    found = match_message(cat, "Parameter instId error: wrong or empty")
    assert [m.entry.code for m in found][:1] == ["2"]


def test_uncategorized_catalogs_are_categorized_on_the_fly():
    cat = Catalog(entries=(Entry("7", messages=("Insufficient balance",)),))
    ex = explain(cat, "7")
    assert (ex.entry.category, ex.entry.retryable) == ("InsufficientFunds", False)


# --- CLI ---------------------------------------------------------------------------------------


def _built(project: Path) -> list[str]:
    dirs = ["--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    assert main(["build", *dirs]) == 0
    return dirs


def test_cli_explain_prints_entry_category_advice_and_docs(project: Path, capsys):
    dirs = _built(project)
    capsys.readouterr()
    rc = main(
        ["explain", "blofin", '{"code":"152001","msg":"Parameter instId cannot be empty."}', *dirs]
    )
    out = capsys.readouterr().out
    assert rc == 0
    assert out.startswith("152001")
    assert "category:    BadRequest < ExchangeError < BaseError" in out
    assert "retryable:   no\n" in out and "advice:      Fix the request;" in out
    assert "- Parameter {} cannot be empty." in out
    assert "docs: https://docs.blofin.com/index.html#errors" in out  # the page, not the raw URL


def test_cli_explain_retry_advice_for_rate_limits(project: Path, capsys):
    dirs = _built(project)
    capsys.readouterr()
    assert main(["explain", "ltp", "Too many requests", *dirs]) == 0
    out = capsys.readouterr().out
    assert out.startswith("100429") and "retryable:   yes\n" in out


@pytest.mark.parametrize(
    ("source", "code", "category", "retryable"),
    [
        ("ltp", "401121", "CancelPending", "yes (the message says 'please try again later')"),
        # aster-spot -1007 TIMEOUT: "Send status unknown; execution status unknown."
        (
            "aster-spot",
            "-1007",
            "RequestTimeout",
            "no (the outcome is unknown: the message says 'send status unknown'",
        ),
    ],
)
def test_cli_explain_says_why_retry_advice_differs_from_the_class(
    project: Path, capsys, source, code, category, retryable
):
    dirs = _built(project)
    capsys.readouterr()
    assert main(["explain", source, code, *dirs]) == 0
    out = capsys.readouterr().out
    assert f"category:    {category}" in out
    assert f"retryable:   {retryable}" in out


def test_cli_explain_json(project: Path, capsys):
    dirs = _built(project)
    capsys.readouterr()
    rc = main(["explain", "okex-v1-spot", "10002", "--surface", "websocket", "--json", *dirs])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["found"] is True and data["matched_by"] == "code"
    (e,) = data["entries"]
    assert (e["code"], e["surface"], e["category"]) == ("10002", "websocket", "AuthenticationError")
    assert e["ancestors"] == ["ExchangeError", "BaseError"] and e["advice"]


def test_cli_explain_unknown_code_exits_1(project: Path, capsys):
    dirs = _built(project)
    capsys.readouterr()
    assert main(["explain", "aster-spot", "-9999", *dirs]) == 1
    assert "code -9999 is not documented by aster-spot" in capsys.readouterr().out


def test_cli_explain_bad_json_exits_2_with_one_line(project: Path, capsys):
    dirs = _built(project)
    capsys.readouterr()
    assert main(["explain", "aster-spot", '{"code":', *dirs]) == 2
    err = capsys.readouterr().err
    assert err.startswith("errcat: error: ERROR looks like JSON") and len(err.splitlines()) == 1


def test_cli_explain_a_documented_message_that_starts_like_json(project: Path, capsys):
    # BloFin 152009's message starts with its placeholder "{}": not a broken JSON body
    dirs = _built(project)
    capsys.readouterr()
    message = (
        "{} must be a combination of numbers, letters, or underscores, and the maximum length "
        "of characters is 32."
    )
    assert main(["explain", "blofin", message, *dirs]) == 0
    out = capsys.readouterr().out
    assert out.startswith("152009") and "matched by message" in out


def test_cli_explain_unbuilt_catalog_hint(project: Path, capsys):
    dirs = ["--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    assert main(["explain", "blofin", "401", *dirs]) == 2
    assert "run 'errcat build' first" in capsys.readouterr().err


# --- the index: a message is tried against its own words' templates only ------------------------


def _every_template(catalog: Catalog, message: str) -> list[tuple[str, str, str]]:
    """match_message without an index: every documented message of every entry tried."""
    found = []
    for index, entry in enumerate(catalog.entries):
        best = None
        for documented in entry.messages:
            template = compile_template(documented)
            kind = template.match(message)
            if kind is not None:
                key = (rank(kind), -len(template.literal), index)
                if best is None or key < best[0]:
                    best = (key, (entry.code, documented, kind))
        if best is not None:
            found.append(best)
    return [match for _, match in sorted(found)]


SHIPPED = sorted(p.stem for p in (ROOT / "catalogs").glob("*.json") if p.name != "index.json")


@pytest.mark.parametrize("source_id", SHIPPED)
def test_the_index_finds_what_trying_every_template_finds(source_id: str):
    catalog = read_catalog(ROOT / "catalogs" / f"{source_id}.json")
    documented = sorted({m for e in catalog.entries for m in e.messages})
    lives = ["", "nothing documented says this", "{}", "xxx"]
    for m in documented[:: 1 + len(documented) // 60]:  # ~60 a catalog keeps it quick
        lives += [m, PLACEHOLDER.sub("BTC-USDT", m), PLACEHOLDER.sub("12", m), f"Error: {m} (id 5)"]
    for live in lives:
        got = [(f.entry.code, f.message, f.kind) for f in match_message(catalog, live)]
        assert got == _every_template(catalog, live), live


def test_explain_prints_the_description_after_the_messages():
    from errcat.cli.explain import render

    cat = Catalog(entries=(Entry("13009", messages=("unauthorized",), description="Bad token."),))
    ex = explain(cat, "13009")
    lines = render(ex).splitlines()
    assert lines[lines.index("    - unauthorized") + 1] == "  description: Bad token."
    assert ex.to_dict()["entries"][0]["description"] == "Bad token."
    assert "description" not in render(explain(Catalog(entries=(Entry("1"),)), "1"))


@cache
def _source_catalog(source_id: str) -> Catalog:
    source = load_source(ROOT / "sources" / f"{source_id}.toml")
    return extract_source(source, source.snapshot.read_bytes())


@pytest.mark.parametrize(
    ("body", "category"),
    [
        (
            '{"code":-2010,"msg":"Account has insufficient balance for requested action."}',
            "InsufficientFunds",
        ),
        ('{"code":-2010,"msg":"Market is closed."}', "MarketClosed"),
        ('{"code":-2011,"msg":"Unknown order sent."}', "OrderNotFound"),
    ],
)
def test_a_family_code_is_explained_by_its_message(body, category):
    # binance-spot's -1010/-2010/-2011/-2038 share 41 messages of many meanings
    ex = explain(_source_catalog("binance-spot"), body)
    assert ex.matched_by == "code+message" and [e.category for e in ex.entries] == [category]
    assert any("is a family of errors" in n for n in ex.notes), ex.notes
    # the matched message alone, not the 41 of the family
    assert ex.entries[0].messages == (ex.message_match.message,)


def test_a_family_code_without_a_message_keeps_its_name():
    ex = explain(_source_catalog("binance-spot"), "-2010")
    assert {e.category for e in ex.entries} == {"InvalidOrder"}
    assert not any("family" in n for n in ex.notes)


def test_a_broken_body_is_no_message_even_when_it_contains_one():
    # truncated: its code must not be dropped for the documented "Invalid symbol."
    with pytest.raises(ErrorBodyError, match="looks like JSON"):
        explain(_source_catalog("binance-spot"), '{"code":-2010,"msg":"Invalid symbol."')


def test_no_family_note_when_the_message_is_another_code_s():
    ex = explain(_source_catalog("binance-spot"), '{"code":-2010,"msg":"Invalid symbol."}')
    assert not any("family" in n for n in ex.notes), ex.notes
    assert any("disagree" in n for n in ex.notes)


def test_a_documented_name_alone_finds_its_entry():
    # binance-spot's "### -1121 BAD_SYMBOL": what a log has, without the code
    ex = explain(_source_catalog("binance-spot"), "BAD_SYMBOL")
    assert ex.matched_by == "name" and [e.code for e in ex.entries] == ["-1121"]
    assert not ex.notes
    # a name no entry has is still no match
    assert not explain(_source_catalog("binance-spot"), "NOT_A_NAME").found


def test_a_body_whose_message_is_the_code_s_name_fits_without_a_note():
    # Crypto.com lists "306 | 500 | INSUFFICIENT_AVAILABLE_BALANCE | Insufficient available
    # balance" and sends the name as the message
    ex = explain(
        _source_catalog("cryptocom"), '{"code":306,"message":"INSUFFICIENT_AVAILABLE_BALANCE"}'
    )
    assert ex.matched_by == "code+name" and [e.code for e in ex.entries] == ["306"]
    assert ex.notes == ()


def test_numbers_no_code_is_and_codes_past_any_length_stay_one_line():
    cat = _source_catalog("binance-spot")
    # a 500-digit code crashed (float() of it overflows); its note cuts it
    ex = explain(cat, '{"code":' + "9" * 500 + "}")
    assert not ex.found
    assert ex.notes == (
        "code 99999999999999999999… (500 characters) is not documented by binance-spot",
    )
    # 1e400 reads as infinity: no code ("code inf" before)
    ex = explain(cat, '{"code":1e400}')
    assert ex.error.code is None and not ex.found
    assert explain(cat, '{"code":-1121.0}').entry.code == "-1121"


def test_a_string_code_where_the_message_goes_is_the_code():
    cat = Catalog(
        source="demo",
        entries=(Entry("insufficient_funds", messages=("Not enough available balance",)),),
    )
    for body in ('{"error": "insufficient_funds"}', '{"error": "insufficient_funds", '
                 '"error_description": "Not enough available balance"}'):  # fmt: skip
        ex = explain(cat, body)
        assert [e.code for e in ex.entries] == ["insufficient_funds"], body
        assert ex.error.code == "insufficient_funds"
