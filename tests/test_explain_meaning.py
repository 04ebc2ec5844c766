"""explain on real shipped sources: body shapes, success codes, codes that differ by surface.

Expected entries are read off the stored pages (sources/snapshots/): XT lists ``AUTH_001``
"Missing request header `validate-appkey`" under "Message Code (mc)"; Gate.io lists
``INVALID_PARAM_VALUE`` "Invalid parameter value"; Crypto.com lists ``0 | 200 | -- | Success``;
OKX lists ``| 0 | 200 |  |``, code 0 and nothing else;
OKEx v1 lists 10002 as "System error" (REST) and "Authentication failure" (WebSocket).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from errcat.cli import main
from errcat.explain import explain
from errcat.export import ccxt_map

from tests.conftest import make_project

SOURCES = ("xt", "gateio", "cryptocom", "digifinex", "bitmart", "okex-v1-spot", "okx")


@pytest.fixture(scope="module")
def dirs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = make_project(tmp_path_factory.mktemp("meaning"), SOURCES)
    out = ["--sources", str(root / "sources"), "--catalogs", str(root / "catalogs")]
    assert main(["build", *out]) == 0
    return out


def _explain(dirs: list[str], capsys, source: str, error: str) -> tuple[int, dict]:
    capsys.readouterr()
    rc = main(["explain", source, error, "--json", *dirs])
    return rc, json.loads(capsys.readouterr().out)


def test_xt_body_finds_its_message_code(dirs, capsys):
    rc, ex = _explain(dirs, capsys, "xt", '{"rc":1,"mc":"AUTH_001","ma":[],"result":null}')
    assert rc == 0
    (entry,) = ex["entries"]
    assert (entry["code"], entry["group"]) == ("AUTH_001", "Message Code (mc)")
    assert entry["messages"] == ["Missing request header validate-appkey"]


def test_gateio_body_finds_its_label(dirs, capsys):
    body = (
        '{"label":"INVALID_PARAM_VALUE","message":"Invalid request parameter `currency_pair` '
        'value: BTC"}'
    )
    rc, ex = _explain(dirs, capsys, "gateio", body)
    assert rc == 0
    assert [e["code"] for e in ex["entries"]] == ["INVALID_PARAM_VALUE"]
    assert ex["matched_by"] == "code"  # by its label, not by a loose message match


@pytest.mark.parametrize(("body", "found"), [("{}", "an empty object"), ("[]", "an empty array")])
def test_a_body_with_nothing_says_why(dirs, capsys, body, found):
    capsys.readouterr()
    assert main(["explain", "cryptocom", body, *dirs]) == 1
    out = capsys.readouterr().out
    (note,) = [line for line in out.splitlines() if line.startswith("note:")]
    assert "looked for keys code, " in note and note.endswith(f"found {found}")


def test_success_is_explained_as_success(dirs, capsys):
    rc, ex = _explain(dirs, capsys, "cryptocom", '{"code":0,"result":{}}')
    assert rc == 0
    assert ex["success"] is True
    (entry,) = ex["entries"]
    assert entry["success"] is True and "category" not in entry
    assert any("success, not an error" in n for n in ex["notes"])
    capsys.readouterr()
    main(["explain", "cryptocom", "0", *dirs])
    assert "success, not an error" in capsys.readouterr().out


def test_a_code_0_listed_alone_is_success(dirs, capsys):
    # OKX's success body; the page lists "0" with HTTP 200 and no text
    rc, ex = _explain(dirs, capsys, "okx", '{"code":"0","msg":"","data":[]}')
    assert rc == 0 and ex["success"] is True
    # its "1 | 200 | Operation failed." stays an error
    _rc, ex = _explain(dirs, capsys, "okx", '{"code":"1","msg":"Operation failed.","data":[]}')
    assert ex["success"] is False and ex["entries"][0]["category"] == "OperationRejected"


def test_an_error_is_not_success(dirs, capsys):
    _rc, ex = _explain(dirs, capsys, "cryptocom", '{"code":202,"message":"Account is suspended"}')
    assert ex["success"] is False and ex["entries"][0]["category"] == "AccountSuspended"


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("cryptocom", "0"),
        ("digifinex", "0"),
        ("bitmart", "1000"),
        ("xt", "0"),
        ("xt", "SUCCESS"),
        ("okx", "0"),
    ],
)
def test_success_codes_are_absent_from_the_ccxt_export(dirs, capsys, source, code):
    capsys.readouterr()
    assert main(["export", "--format", "ccxt", "--source", source, *dirs]) == 0
    exported = json.loads(capsys.readouterr().out)[source]
    assert code not in exported["exact"]
    assert exported["exact"]  # the errors are still there
    assert not any(k.casefold() in ("ok", "success") for k in exported["broad"])


def test_build_counts_success_apart(dirs, capsys):
    capsys.readouterr()
    assert main(["build", "--source", "bitmart", "--source", "xt", *dirs]) == 0
    out = capsys.readouterr().out
    table = out.splitlines()
    assert "success" in table[0]
    col = table[0].split().index("success")
    by_source = {line.split()[0]: line.split()[col] for line in table[2:4]}
    assert by_source == {"bitmart": "3", "xt": "3"}  # 1000 OK x3; 200, 0, SUCCESS


def test_a_code_that_differs_by_surface_is_reported_ambiguous(dirs, capsys):
    _rc, ex = _explain(dirs, capsys, "okex-v1-spot", '{"error_code":10002,"msg":"Oops"}')
    assert ex["ambiguous"] is True
    assert {(e["surface"], e["category"]) for e in ex["entries"]} == {
        ("rest", "ExchangeNotAvailable"),
        ("websocket", "AuthenticationError"),
    }
    assert any(n.startswith("ambiguous: code 10002") for n in ex["notes"])
    # a message, or a surface, picks one: no longer ambiguous
    _rc, ex = _explain(dirs, capsys, "okex-v1-spot", '{"error_code":10002,"msg":"System error"}')
    assert ex["ambiguous"] is False and [e["surface"] for e in ex["entries"]] == ["rest"]


def test_library_entry_is_none_when_ambiguous(dirs):
    from errcat.catalog import load_catalog

    catalogs = Path(dirs[3])
    cat = load_catalog(catalogs / "okex-v1-spot.json")
    ex = explain(cat, "10002")
    assert ex.ambiguous and ex.entry is None and len(ex.entries) == 2
    assert explain(cat, "10002", surface="websocket").entry.category == "AuthenticationError"
    xt = load_catalog(catalogs / "xt.json")
    assert explain(xt, '{"rc":1,"mc":"AUTH_001"}').entry.code == "AUTH_001"  # generic keys
    assert "0" not in ccxt_map(load_catalog(catalogs / "cryptocom.json"))["exact"]
