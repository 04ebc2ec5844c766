"""errcat.ccxt_audit and ``errcat ccxt-audit``: a catalog against ccxt's exception map."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from errcat.ccxt_audit import CcxtError, audit, load_ccxt, related, snippet
from errcat.cli import main
from errcat.model import Catalog, Entry

from tests.conftest import make_project


def _entry(code: str, category: str | None, message: str, **kw) -> Entry:
    return Entry(code, messages=(message,), category=category, retryable=False,
                 category_reason="test", **kw)  # fmt: skip


CATALOG = Catalog(
    source="demo",
    entries=(
        _entry("1", "BadSymbol", "Invalid symbol"),
        _entry("2", "OrderNotFound", "Order does not exist"),
        _entry("3", "InvalidOrder", "Price too low"),
        _entry("4", "ExchangeError", "Something"),
        Entry("0", messages=("Success",), success=True),
        _entry("5", "BadRequest", "Bad */ comment\nnext line"),
    ),
)


def test_audit_lists_missing_undocumented_and_conflicts():
    exact = {"2": "AuthenticationError", "3": "OrderNotFound", "0": "ExchangeError", "9": "X",
             "A whole message": "BadRequest"}  # fmt: skip
    a = audit(CATALOG, exact, exchange="demo")
    assert [e.code for e in a.missing] == ["1", "4", "5"]  # success code 0 is not missing
    assert a.undocumented == (("9", "X"),)  # message keys are not codes
    assert [(c.code, c.ccxt, c.errcat) for c in a.conflicts] == [
        ("2", "AuthenticationError", "OrderNotFound")
    ]
    assert a.agree == 1  # 3: OrderNotFound is an InvalidOrder
    assert a.success_in_map == (("0", "ExchangeError"),)


def test_numeric_codes_compare_as_numbers():
    a = audit(Catalog(entries=(_entry("-01121", "BadSymbol", "x"),)), {"-1121": "BadSymbol"},
              exchange="demo")  # fmt: skip
    assert a.agree == 1 and not a.missing and not a.undocumented


def test_snippet_is_shaped_like_a_ccxt_map_and_neutralises_messages():
    text = snippet(audit(CATALOG, {}, exchange="demo", market="spot"))
    assert "'spot': {" in text and "'exact': {" in text
    assert "'1': BadSymbol, // Invalid symbol" in text
    assert "'4'" not in text  # plain ExchangeError: ccxt's default says as much
    body = text.split("'exact': {", 1)[1]
    assert "*/" not in body and "Bad comment next line" in " ".join(body.split())
    assert text.count("{") == text.count("}")


def test_a_message_that_repeats_the_name_shows_the_description():
    """Phemex's TradingErrorCode.md: message column `CE_NO_ENOUGH_QTY`, details column
    "qty is not enough" (sources/snapshots/phemex.md, code 100)."""
    entry = Entry("100", name="CE_NO_ENOUGH_QTY", messages=("CE_NO_ENOUGH_QTY",),
                  description="Details: qty is not enough", category="InsufficientFunds",
                  retryable=False, category_reason="test")  # fmt: skip
    a = audit(Catalog(entries=(entry,)), {}, exchange="phemex")
    assert "'100': InsufficientFunds, // Details: qty is not enough" in snippet(a)
    c = audit(Catalog(entries=(entry,)), {"100": "BadRequest"}, exchange="phemex").conflicts
    assert c[0].wording == "Details: qty is not enough"


def test_related_follows_the_class_tree():
    assert related("OrderNotFound", "InvalidOrder")
    assert related("ExchangeError", "BadSymbol")
    assert not related("BadSymbol", "InvalidOrder")


def test_missing_ccxt_is_a_one_line_error(monkeypatch, project: Path, capsys):
    monkeypatch.setitem(sys.modules, "ccxt", None)  # import ccxt raises ImportError
    with pytest.raises(CcxtError, match=r"^ccxt is not installed: pip install 'errcat\[ccxt\]'"):
        load_ccxt("binance")
    dirs = ["--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    assert main(["build", *dirs]) == 0
    capsys.readouterr()
    assert main(["ccxt-audit", "blofin", "--exchange", "blofin", *dirs]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ccxt is not installed" in err


def test_cli_audit_against_real_ccxt(tmp_path: Path, capsys):
    ccxt = pytest.importorskip("ccxt")
    root = make_project(tmp_path, ["blofin"])
    dirs = ["--sources", str(root / "sources"), "--catalogs", str(root / "catalogs")]
    assert main(["build", *dirs]) == 0
    capsys.readouterr()
    out = tmp_path / "snippet.ts"
    assert main(["ccxt-audit", "blofin", "--exchange", "blofin", "--snippet", str(out), *dirs]) == 0
    report = capsys.readouterr().out
    assert report.startswith(f"errcat blofin against ccxt {ccxt.__version__} blofin")
    assert "documented, missing from the map:" in report
    assert "class conflicts with the documented wording:" in report
    assert out.read_text("utf-8").startswith("// blofin: codes documented by errcat source blofin")
    with pytest.raises(CcxtError, match="has no exchange 'nosuchexchange'"):
        load_ccxt("nosuchexchange")
    with pytest.raises(CcxtError, match="has no market 'moon'"):
        load_ccxt("binance", "moon")


# Every shipped source whose exchange ccxt knows (ccxt ids; Binance by market). ltp has no
# ccxt exchange; bitmart is absent from ccxt 4.5.90's Python build.
CCXT_SOURCES = [
    ("aster-spot", "aster", None),
    ("aster-futures", "aster", None),
    ("aster-futures-fulldoc", "aster", None),
    ("binance-usdm", "binance", "linear"),
    ("binance-coinm", "binance", "inverse"),
    ("bitfinex", "bitfinex", None),
    ("bitget", "bitget", None),
    ("blofin", "blofin", None),
    ("bybit-spot-v1", "bybit", None),
    ("cryptocom", "cryptocom", None),
    ("digifinex", "digifinex", None),
    ("gateio", "gate", None),
    ("mexc", "mexc", None),
    ("okex-v1-spot", "okx", None),
    ("okex-v1-futures", "okx", None),
    ("orderly", "woo", None),
    ("phemex", "phemex", None),
    ("whitebit", "whitebit", None),
    ("xt", "xt", None),
]


@pytest.mark.parametrize(("source", "exchange", "market"), CCXT_SOURCES)
def test_audit_runs_on_every_source_ccxt_knows(tmp_path: Path, capsys, source, exchange, market):
    pytest.importorskip("ccxt")
    from tests.conftest import ROOT

    dirs = ["--sources", str(ROOT / "sources"), "--catalogs", str(ROOT / "catalogs")]
    out = tmp_path / "s.ts"
    extra = ["--market", market] if market else []
    argv = ["ccxt-audit", source, "--exchange", exchange, *extra, "--snippet", str(out), "--json"]
    assert main([*argv, *dirs]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documented"] > 0 and result["mapped"] > 0
    assert result["agree"] + len(result["conflicts"]) <= result["documented"]
    code = "\n".join(line.partition("//")[0] for line in out.read_text("utf-8").splitlines())
    assert code.count("{") == code.count("}")  # comments (messages) aside, balanced
