"""Exports load in the tools that consume them: JSON, csv, JSON lines, an importable module."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from functools import cache
from pathlib import Path

import pytest
from errcat.build import extract_source
from errcat.categorize import taxonomy
from errcat.cli import main
from errcat.export import (
    CSV_COLUMNS,
    MIN_BROAD_CHARS,
    MIN_BROAD_WORDS,
    broad_key,
    broad_messages,
    exact_codes,
    to_ccxt,
    to_csv,
    to_jsonl,
    to_python,
)
from errcat.model import Catalog, Entry
from errcat.sources import load_source
from errcat.templates import normalize_message

from tests.conftest import ROOT, SEED_FILES


@cache
def seed(source_id: str) -> Catalog:
    source = load_source(ROOT / "sources" / f"{source_id}.toml")
    return extract_source(source, SEED_FILES[source_id].read_bytes())


def seeds() -> list[Catalog]:
    return [seed(s) for s in sorted(SEED_FILES)]


def test_ccxt_map_has_the_documented_shape():
    data = json.loads(to_ccxt(seeds()))
    names = set(taxonomy().names)
    assert list(data) == sorted(SEED_FILES)
    for source, mapping in data.items():
        assert set(mapping) == {"exact", "broad"}, source
        assert all(isinstance(k, str) and v in names for k, v in mapping["exact"].items())
        assert all(isinstance(k, str) and v in names for k, v in mapping["broad"].items())
        assert set(mapping["exact"]) == {e.code for e in seed(source)}


def test_ccxt_exact_prefers_rest_for_codes_reused_on_websocket():
    exact = exact_codes(seed("okex-v1-spot"))
    assert exact["10002"] == "ExchangeNotAvailable"  # REST "System error", not WS "Authentication…"
    assert exact["20100"] == "RequestTimeout"  # WebSocket-only codes are kept


def test_ccxt_broad_keys_are_safe_substrings():
    for cat in seeds():
        broad = broad_messages(cat)
        documented = [(normalize_message(m), e.category) for e in cat for m in e.messages]
        for key, category in broad.items():
            assert len(key) >= MIN_BROAD_CHARS and len(key.split()) >= MIN_BROAD_WORDS
            assert category != "ExchangeError"
            needle = normalize_message(key)
            # found in a message of its own category, never in one of another category
            assert any(needle in text and c == category for text, c in documented)
            assert not any(needle in text and c != category for text, c in documented), key


def test_ccxt_broad_keys_read_off_the_seeds():
    aster = broad_messages(seed("aster-spot"))
    assert aster["Order does not exist"] == "OrderNotFound"
    # the longest fixed stretch of "Too many requests; current limit is %s requests per minute. …"
    key = "requests per minute. Please use the WebSocket for live updates to avoid polling the API"
    assert aster[key] == "RateLimitExceeded"
    assert "Invalid timeInForce" not in aster  # two words: too short to be safe
    blofin = broad_messages(seed("blofin"))
    assert blofin["Insufficient balance. please adjust the amount and try again"] == (
        "InsufficientFunds"
    )
    assert "Parameter {} error" not in blofin and "Parameter" not in blofin  # placeholder-only
    # "Too many requests, IP is shielded" belongs to codes of two categories (one overridden):
    okex = broad_messages(seed("okex-v1-spot"))
    assert "Too many requests, IP is shielded" not in okex


def test_broad_key_rules():
    assert broad_key(
        "Buy price is not within the price limit (Minimum: 310.40; Maximum:1,629.40)"
    ) == ("Buy price is not within the price limit")
    assert broad_key("{}: {} (%s)") is None  # placeholders only
    assert broad_key("Parameter {} error.") is None  # one word either side
    assert broad_key("{} must be a number") == "must be a number"
    assert broad_key("Invalid timeInForce.") is None  # two words
    assert broad_key("Unable to fill.") == "Unable to fill"


def test_csv_parses_with_the_csv_module():
    text = to_csv(seeds())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == sum(len(c) for c in seeds())
    row = next(r for r in rows if r["source"] == "aster-spot" and r["code"] == "-1003")
    assert row["name"] == "TOO_MANY_REQUESTS" and row["category"] == "RateLimitExceeded"
    assert row["retryable"] == "true" and row["messages"].count(" | ") == 3
    blofin = next(r for r in rows if r["source"] == "blofin" and r["code"] == "429")
    assert blofin["http_status"] == "429"


def test_jsonl_lines_parse():
    lines = to_jsonl(seeds()).splitlines()
    assert len(lines) == sum(len(c) for c in seeds())
    records = [json.loads(line) for line in lines]
    assert all({"source", "exchange", "code", "category", "retryable"} <= set(r) for r in records)
    ws = [r for r in records if r["source"] == "okex-v1-spot" and r["code"] == "10002"]
    assert [(r["surface"], r["category"]) for r in ws] == [
        ("rest", "ExchangeNotAvailable"),
        ("websocket", "AuthenticationError"),
    ]


def _import(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def test_generated_python_module_imports_and_matches_the_catalogs(tmp_path: Path):
    catalogs = seeds()
    path = tmp_path / "exchange_errors.py"
    path.write_text(to_python(catalogs), "utf-8")
    module = _import(path, "exchange_errors")
    assert len(module.ALL) == sum(len(c) for c in catalogs)
    expected = [(c.source, e) for c in catalogs for e in c]
    for constant, (source, e) in zip(module.ALL, expected, strict=True):
        assert (constant.source, constant.code, constant.surface) == (source, e.code, e.surface)
        assert (constant.name, constant.http_status, constant.messages) == (
            e.name,
            e.http_status,
            e.messages,
        )
        assert (constant.category, constant.retryable) == (e.category, e.retryable)
    assert module.ASTER_SPOT_NEG_1121_BAD_SYMBOL.category == "BadSymbol"
    assert module.OKEX_V1_SPOT_10002_WS.category == "AuthenticationError"
    assert [c.surface for c in module.lookup("okex-v1-spot", 10002)] == ["rest", "websocket"]
    assert module.lookup("blofin", "152001")[0].messages == ("Parameter {} cannot be empty.",)


def test_python_constants_stay_unique_when_a_code_repeats_in_two_groups(tmp_path: Path):
    cat = Catalog(
        source="demo",
        entries=(Entry("1", group="A", messages=("x",)), Entry("1", group="B", messages=("y",))),
    )
    path = tmp_path / "demo_errors.py"
    path.write_text(to_python([cat]), "utf-8")
    module = _import(path, "demo_errors")
    assert module.DEMO_1.messages == ("x",) and module.DEMO_1_2.messages == ("y",)


def test_exports_are_deterministic():
    for render in (to_ccxt, to_csv, to_jsonl, to_python):
        assert render(seeds()) == render(seeds())


# --- CLI ---------------------------------------------------------------------------------------


@pytest.fixture
def built(project: Path) -> list[str]:
    dirs = ["--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    assert main(["build", *dirs]) == 0
    return dirs


def test_cli_export_ccxt_to_stdout_for_chosen_sources(built: list[str], capsys):
    capsys.readouterr()
    assert (
        main(["export", "--format", "ccxt", "--source", "ltp", "--source", "blofin", *built]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["ltp", "blofin"]
    assert data["ltp"]["exact"]["401018"] == "OrderNotFound"


def test_cli_export_writes_the_output_file(built: list[str], tmp_path: Path, capsys):
    out = tmp_path / "out" / "errors.csv"
    assert main(["export", "--format", "csv", "--output", str(out), *built]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["source"] for r in rows} == {p.stem for p in Path(built[1]).glob("*.toml")}
    assert "exported" in capsys.readouterr().err


def test_cli_export_output_dash_is_standard_output(
    built: list[str], tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
):
    # as extract's "-" reads stdin; it wrote a file named "-" into the checkout
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    capsys.readouterr()
    assert main(["export", "--source", "aster-spot", "-o", "-", *built]) == 0
    assert "aster-spot" in json.loads(capsys.readouterr().out)
    assert list(here.iterdir()) == []


def test_cli_export_python_module_imports(built: list[str], tmp_path: Path):
    out = tmp_path / "errcat_codes.py"
    assert (
        main(["export", "--format", "python", "--source", "aster-spot", "-o", str(out), *built])
        == 0
    )
    module = _import(out, "errcat_codes")
    # The snapshot's heading "### \-1003 TOO\_MANY\_REQUESTS" names the constant.
    assert module.ASTER_SPOT_NEG_1003_TOO_MANY_REQUESTS.retryable is True


def test_cli_export_unknown_source_is_a_one_line_error(built: list[str], capsys):
    capsys.readouterr()
    assert main(["export", "--source", "nope", *built]) == 2
    err = capsys.readouterr().err
    assert "unknown source 'nope'" in err and len(err.splitlines()) == 1


def test_cli_export_from_a_missing_or_empty_directory_is_an_error(tmp_path: Path, capsys):
    # A mistyped --catalogs printed "{}" and exited 0: an empty map for a trading system.
    typo = tmp_path / "typo"
    for command in (["export"], ["show", "blofin"], ["explain", "blofin", "1"]):
        assert main([*command, "--catalogs", str(typo)]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err == f"errcat: error: {typo}: no such catalogs directory\n"
    assert main(["export", "--catalogs", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and f"{tmp_path}: no catalogs to export" in err


def test_generated_lookup_agrees_with_a_scan_of_every_constant(tmp_path: Path):
    catalogs = seeds()
    path = tmp_path / "all_errors.py"
    path.write_text(to_python(catalogs), "utf-8")
    module = _import(path, "all_errors")
    for constant in module.ALL:
        for surface in (None, "rest", "websocket"):
            expected = [
                e
                for e in module.ALL
                if (e.source, e.code) == (constant.source, constant.code)
                and surface in (None, e.surface)
            ]
            assert module.lookup(constant.source, constant.code, surface) == expected
    assert module.lookup("blofin", " 152001 ") == module.lookup("blofin", 152001) != []
    assert module.lookup("blofin", "nope") == [] and module.lookup("nope", "152001") == []


def test_csv_and_jsonl_carry_the_description():
    cat = Catalog(
        "d", "D", "u",
        (Entry("13009", messages=("unauthorized",), description="Wrong token."), Entry("1")),
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(to_csv([cat]))))
    assert [r["description"] for r in rows] == ["Wrong token.", ""]
    records = [json.loads(line) for line in to_jsonl([cat]).splitlines()]
    assert records[0]["description"] == "Wrong token." and "description" not in records[1]


def test_ccxt_broad_gives_a_family_s_messages_their_own_meaning():
    # binance-spot: the 41 messages of -2010 NEW_ORDER_REJECTED and its siblings
    source = load_source(ROOT / "sources" / "binance-spot.toml")
    broad = broad_messages(extract_source(source, source.snapshot.read_bytes()))
    assert broad["Market is closed"] == "MarketClosed"
    assert broad["Account has insufficient balance for requested action"] == "InsufficientFunds"
