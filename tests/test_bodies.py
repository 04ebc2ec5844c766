"""errcat.bodies: where a JSON response carries the code and the message."""

from __future__ import annotations

import pytest
from errcat.bodies import BodyShape, parse_shape, read_body
from errcat.errors import SourceError


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        ({"code": -1121, "msg": "Invalid symbol."}, "-1121", "Invalid symbol."),
        ({"error": {"code": "152001", "message": "Parameter empty"}}, "152001", "Parameter empty"),
        # per-order results: the order's own code says more than the envelope's
        (
            {"code": "1", "msg": "", "data": [{"sCode": "51000", "sMsg": "Parameter ordType"}]},
            "51000",
            "Parameter ordType",
        ),
        (["error", 10020, "symbol: invalid"], "10020", "symbol: invalid"),
        ({"label": "INVALID_PARAM_VALUE", "message": "Invalid value"}, "INVALID_PARAM_VALUE", None),
        ({"rc": 1, "mc": "AUTH_001", "ma": [], "result": None}, "AUTH_001", None),
        ({"error": ["EOrder:Insufficient funds"]}, None, "EOrder:Insufficient funds"),
        ({"ErrorCode": 7, "Error_Message": "x"}, "7", None),
        (-1003, "-1003", None),
    ],
)
def test_generic_shapes(data, code, message):
    body = read_body(data)
    assert body.code == code
    if message is not None:
        assert body.message == message
    assert body.reason is None


def test_label_with_its_message_beside_it():
    body = read_body({"label": "INVALID_PARAM_VALUE", "message": "Invalid value"})
    assert (body.code_key, body.message, body.message_key) == ("label", "Invalid value", "message")


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ({}, "found an empty object"),
        ([], "found an empty array"),
        ({"result": {}, "id": 1}, "found keys id, result"),
        (None, "found a bare NoneType"),
        ([{"x": 1}], "found an array of 1 items"),
    ],
)
def test_nothing_found_gives_a_one_line_reason(data, found):
    body = read_body(data)
    assert not body.found
    assert body.reason is not None and "\n" not in body.reason
    assert body.reason.startswith("no code or message in the body: looked for keys code, ")
    assert " msg, message, " in body.reason
    assert body.reason.endswith(found)


def test_reason_keys_are_neutralised():
    body = read_body({"\x1b[31mred": 1})
    assert "\x1b" not in (body.reason or "")


def test_source_shape_decides_first():
    data = {"rc": 1, "mc": "AUTH_001", "code": 5}
    assert read_body(data).code == "5"  # generic: 'code' ranks first
    assert read_body(data, BodyShape(code=("mc", "rc"))).code == "AUTH_001"


def test_source_shape_with_code_keys_only_takes_the_message_from_common_keys():
    body = read_body({"rc": 1, "mc": "AUTH_001", "msg": "bad key"}, BodyShape(code=("mc",)))
    assert (body.code, body.message, body.message_key) == ("AUTH_001", "bad key", "msg")


def test_source_shape_paths_reach_into_lists():
    data = {"result": {"items": [{"err": {"no": 42, "text": "bad"}}]}}
    body = read_body(
        data, BodyShape(code=("result.items.err.no",), message=("result.items.err.text",))
    )
    assert (body.code, body.message) == ("42", "bad")


def test_source_shape_that_finds_nothing_falls_back_to_generic_keys():
    body = read_body({"code": 3}, BodyShape(code=("mc",)))
    assert body.code == "3"
    nothing = read_body({"x": 1}, BodyShape(code=("mc",), message=("ma",)))
    assert nothing.reason is not None and "looked for keys mc and ma" in nothing.reason


def test_a_documented_code_wins_over_an_undocumented_one():
    data = {"code": 0, "data": {"errorCode": "E1"}}
    assert read_body(data).code == "E1"  # deepest
    assert read_body(data, known=lambda c: c == "0").code == "0"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("label", "must be a table"),
        ({"code": "label", "extra": 1}, "unknown field 'body.extra'"),
        ({"code": 3}, "key 'body.code' must be a key path"),
        ({"code": "a..b"}, "key 'body.code' must be a key path"),
        ({}, "needs 'code' or 'message'"),
    ],
)
def test_bad_shapes_name_the_file_and_key(value, error):
    with pytest.raises(SourceError, match="^x.toml: .*" + error.replace(".", r"\.")):
        parse_shape(value, "x.toml")


def test_source_file_body_key(tmp_path):
    from errcat.sources import load_source

    head = 'id = "x"\nexchange = "X"\nurl = "https://x.invalid/e.md"\nformat = "markdown"\n'
    path = tmp_path / "x.toml"
    path.write_text(head + '[body]\ncode = ["mc", "rc"]\n', "utf-8")
    assert load_source(path).body == BodyShape(code=("mc", "rc"))
    path.write_text(head + '[body]\ncodes = "mc"\n', "utf-8")
    with pytest.raises(SourceError, match=r"x\.toml: unknown field 'body\.codes'"):
        load_source(path)
    path.write_text(head, "utf-8")
    assert load_source(path).body is None


def test_oauth_s_shape_names_its_code_in_error():
    # {"error": "invalid_request", "error_description": "…"}: the string is the code
    body = read_body({"error": "invalid_request", "error_description": "Missing param"})
    assert (body.code, body.message) == ("invalid_request", "Missing param")
    # an error of words stays the message, and a lone string code is left to the catalog
    assert read_body({"error": "Invalid symbol"}).message == "Invalid symbol"
    assert read_body({"error": "invalid_request"}).message == "invalid_request"


def test_a_key_that_holds_no_code_says_what_it_holds():
    # "found keys code" of {"code": true} said nothing of why the code was not read
    reason = read_body({"code": True, "msg": ""}).reason
    assert reason.endswith("found keys code, msg (code is true; msg is an empty string)")
    assert read_body({"code": float("inf")}).reason.endswith("(code is not a finite number)")
