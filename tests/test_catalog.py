"""Merging rows, canonical JSON, the schema, atomic writes, loading."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import errcat
import pytest
from errcat.catalog import (
    CatalogDir,
    dumps,
    load_catalog,
    merge_entries,
    read_catalog,
    save_catalog,
    validate,
    write_atomic,
)
from errcat.cli import main
from errcat.errors import CatalogError
from errcat.model import Catalog, Entry

from tests.conftest import ROOT, SEED_FILES


def test_merge_keeps_first_appearance_order_and_all_messages():
    rows = [
        Entry("-1000", name="UNKNOWN", http_status=500, messages=("first",)),
        Entry("-1001", messages=("other",)),
        Entry("-1000", name="UNKNOWN", http_status=500, messages=("second",)),
        Entry("-1000", messages=("first",)),  # exact duplicate message dropped
    ]
    merged = merge_entries(rows)
    assert [e.code for e in merged] == ["-1000", "-1001"]
    assert merged[0].messages == ("first", "second")
    assert (merged[0].name, merged[0].http_status) == ("UNKNOWN", 500)


def test_merge_fills_missing_name_and_status_from_later_rows():
    merged = merge_entries([Entry("7", messages=("a",)), Entry("7", name="X", http_status=400)])
    assert (merged[0].name, merged[0].http_status, merged[0].messages) == ("X", 400, ("a",))


def test_merge_keeps_surfaces_and_groups_apart():
    rows = [
        Entry("10000", surface="rest", messages=("Required field",)),
        Entry("10000", surface="websocket", messages=("Required parameter is empty",)),
        Entry("10000", surface="rest", group="Futures", messages=("Other meaning",)),
    ]
    assert len(merge_entries(rows)) == 3


def test_merge_drops_repeated_messages_of_a_single_row():
    merged = merge_entries([Entry("-1", messages=("a", "b", "a")), Entry("-2", messages=("c",))])
    assert [e.messages for e in merged] == [("a", "b"), ("c",)]


def test_merge_deprecated_only_if_every_row_is():
    assert merge_entries([Entry("1", deprecated=True), Entry("1")])[0].deprecated is False
    assert merge_entries([Entry("1", deprecated=True), Entry("1", deprecated=True)])[0].deprecated


@pytest.mark.parametrize("source_id", sorted(SEED_FILES))
def test_seed_catalogs_are_schema_valid_and_deterministic(source_id):
    raw = SEED_FILES[source_id].read_bytes()
    first = errcat.extract(raw).with_source(source_id, "X", "https://example.invalid/")
    second = errcat.extract(raw).with_source(source_id, "X", "https://example.invalid/")
    validate(first.to_dict())
    assert dumps(first) == dumps(second)
    assert dumps(first).endswith("}\n")


def test_json_form_is_the_documented_contract():
    cat = Catalog("s", "Ex", "https://x.invalid", (Entry("-1121", name="BAD_SYMBOL"),))
    data = json.loads(dumps(cat))
    assert list(data) == ["source", "exchange", "url", "entries"]
    assert data["entries"][0] == {
        "code": "-1121",
        "surface": "rest",
        "group": None,
        "name": "BAD_SYMBOL",
        "http_status": None,
        "messages": [],
    }
    assert Catalog.from_dict(data) == cat


def test_non_ascii_is_written_as_utf8_not_escaped():
    cat = Catalog("s", "Ex", "u", (Entry("1217", messages=("±5%",)),))
    assert "±5%" in dumps(cat)


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["entries"][0].update(code=17), "entries/0/code"),
        (lambda d: d["entries"][0].update(surface="fix"), "entries/0/surface"),
        (lambda d: d["entries"][0].update(http_status=42), "entries/0/http_status"),
        (lambda d: d["entries"][0].pop("messages"), "entries/0"),
        (lambda d: d.pop("entries"), "top level"),
    ],
)
def test_schema_rejects_broken_catalogs(mutate, where):
    data = Catalog("s", "Ex", "u", (Entry("1", messages=("m",)),)).to_dict()
    mutate(data)
    with pytest.raises(CatalogError, match=where):
        validate(data, name="cat.json")


def test_write_atomic_reports_change_and_leaves_no_temp_files(tmp_path: Path):
    path = tmp_path / "sub" / "a.json"
    assert write_atomic(path, "one\n") is True
    mtime = path.stat().st_mtime_ns
    assert write_atomic(path, "one\n") is False
    assert path.stat().st_mtime_ns == mtime
    assert write_atomic(path, "two\n") is True
    assert path.read_text() == "two\n"
    assert os.listdir(path.parent) == ["a.json"]


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "a.json"
    path.write_text("old\n")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(path, "new\n")
    assert path.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["a.json"]


def test_save_refuses_an_invalid_catalog(tmp_path: Path):
    bad = Catalog("s", "Ex", "u", (Entry("1", surface="carrier-pigeon"),))
    with pytest.raises(CatalogError):
        save_catalog(bad, tmp_path / "s.json")
    assert not (tmp_path / "s.json").exists()


def test_load_roundtrip(tmp_path: Path):
    cat = errcat.extract(SEED_FILES["orderly"].read_bytes()).with_source("orderly", "O", "u")
    save_catalog(cat, tmp_path / "orderly.json")
    loaded = load_catalog(tmp_path / "orderly.json")
    assert loaded == cat
    assert loaded.get("-1005").messages[1] == "ratio_qty_request should be in range 0-1."


def test_load_errors_name_the_file(tmp_path: Path):
    with pytest.raises(CatalogError, match=r"missing\.json: no such catalog file"):
        load_catalog(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"source": "x", "entries": [\n')
    with pytest.raises(CatalogError, match=r"broken\.json: invalid JSON at line 2"):
        load_catalog(broken)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"source": "x", "exchange": "X", "url": "u", "entries": [{"code": "1"}]}')
    with pytest.raises(CatalogError, match=r"wrong\.json: not a valid catalog at entries/0"):
        load_catalog(wrong)


# --- the fast path for errcat's own catalogs ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[]", "not a catalog"),
        ('{"entries": {}}', "not a catalog"),
        ('{"entries": [{"code": 1, "messages": []}]}', "at entries/0"),
        ('{"entries": [{"code": "1"}, {"code": "2", "messages": "m"}]}', "at entries/1"),
        ('{"entries": [{"code": "1", "messages": [], "surface": "rest", "x": 1}], "y": 2}', None),
    ],
)
def test_read_catalog_checks_the_shape(tmp_path: Path, text: str, where: str | None):
    path = tmp_path / "c.json"
    path.write_text(text)
    if where is None:  # unknown fields are left out, as Entry.from_dict does
        assert read_catalog(path).entries == (Entry("1"),)
        assert "x" not in vars(read_catalog(path).entries[0])  # not kept aside either
        return
    with pytest.raises(CatalogError, match=rf"c\.json: .*{where}") as err:
        read_catalog(path)
    assert "\n" not in str(err.value)


def test_read_catalog_keeps_every_field(tmp_path: Path):
    cat = Catalog(
        "s",
        "Ex",
        "u",
        (
            Entry(
                "1", "websocket", "G", "N", 429, ("a", "b"), True, "RateLimitExceeded", True, "r"
            ),
            Entry("2"),
        ),
    )
    (tmp_path / "s.json").write_text(dumps(cat))
    assert read_catalog(tmp_path / "s.json") == cat == Catalog.from_dict(cat.to_dict())


def test_validation_without_jsonschema_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # what an install without it gives
    with pytest.raises(CatalogError, match=r"cat\.json: .*needs jsonschema: .*errcat\[scrape\]"):
        validate({"entries": []}, name="cat.json")
    # a directory of unknown origin is then shape-checked only
    assert CatalogDir(ROOT / "catalogs", trusted=False).load("blofin") == read_catalog(
        ROOT / "catalogs" / "blofin.json"
    )


def test_descriptions_merge_without_repeats():
    from errcat.catalog import merge_entries, validate
    from errcat.model import Catalog, Entry

    rows = [
        Entry("1", messages=("a",), description="Why a."),
        Entry("1", messages=("b",)),
        Entry("1", messages=("c",), description="Why a."),
        Entry("1", messages=("d",), description="And d."),
    ]
    (merged,) = merge_entries(rows)
    assert merged.messages == ("a", "b", "c", "d")
    assert merged.description == "Why a.\nAnd d."
    assert merge_entries([Entry("2", messages=("x",))])[0].description is None
    validate(Catalog(entries=(merged,)).to_dict())


def test_schema_rejects_an_empty_or_non_string_description():
    from errcat.catalog import validate
    from errcat.errors import CatalogError

    entry = {"code": "1", "surface": "rest", "group": None, "name": None,
             "http_status": None, "messages": []}  # fmt: skip
    for bad in ("", 3, None):
        doc = {"source": None, "exchange": None, "url": None,
               "entries": [{**entry, "description": bad}]}  # fmt: skip
        with pytest.raises(CatalogError, match="description"):
            validate(doc)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["entries"][0].update(messages=[1, 2]), "entries/0/messages/0"),
        (lambda d: d["entries"][0].update(category=5), "entries/0/category"),
        (lambda d: d["entries"][0].update(name=["a"]), "entries/0/name"),
        (lambda d: d["entries"][0].update(http_status="x"), "entries/0/http_status"),
        (lambda d: d["entries"][0].update(surface="smoke"), "entries/0/surface"),
        (lambda d: d["entries"][0].update(retryable="yes"), "entries/0/retryable"),
        (lambda d: d.update(source=5), "source"),
    ],
)
def test_an_untrusted_directory_without_jsonschema_checks_the_types(
    tmp_path: Path, monkeypatch, capsys, change, where: str
):
    # Each of these made show/explain/export fail later with "unexpected TypeError" (or
    # KeyError, AttributeError) instead of a line naming the file.
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # what an install without it gives
    data = json.loads((ROOT / "catalogs" / "blofin.json").read_text("utf-8"))
    change(data)
    (tmp_path / "blofin.json").write_text(json.dumps(data))
    with pytest.raises(CatalogError, match=rf"blofin\.json: not a valid catalog at {where}: "):
        CatalogDir(tmp_path, trusted=False).load("blofin")
    for argv in (["show", "blofin"], ["explain", "blofin", "Bad"], ["export", "--format", "csv"]):
        assert main([*argv, "--catalogs", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert f"not a valid catalog at {where}" in err and "unexpected" not in err
