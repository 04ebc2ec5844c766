"""Semantic diff: change kinds, levels, matching rules, real document histories, ``errcat diff``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from errcat.catalog import dumps
from errcat.cli import main
from errcat.diff import (
    CODE_ADDED,
    CODE_REMOVED,
    FIELD_CHANGED,
    GROUP_CHANGED,
    MESSAGE_ADDED,
    MESSAGE_REMOVED,
    MESSAGE_REWORDED,
    SURFACE_CHANGED,
    diff_catalogs,
    load_side,
    max_level,
    pair_rewordings,
)
from errcat.errors import DocumentError
from errcat.model import Catalog, Entry

HISTORY = Path(__file__).resolve().parent / "fixtures" / "history"


def cat(*entries: Entry, url: str | None = None) -> Catalog:
    return Catalog(source="x", exchange="X", url=url, entries=entries)


def kinds(diff) -> list[tuple[str, str, str, bool]]:
    return [(c.kind, c.code, c.level, c.breaking) for c in diff.changes]


def test_identical_catalogs_have_no_changes():
    a = cat(Entry("1", messages=("a", "b")), Entry("2", surface="websocket"))
    diff = diff_catalogs(a, a)
    assert not diff and diff.level is None and not diff.breaking


def test_added_and_removed_codes():
    diff = diff_catalogs(cat(Entry("1"), Entry("2")), cat(Entry("1"), Entry("3")))
    assert kinds(diff) == [(CODE_ADDED, "3", "info", False), (CODE_REMOVED, "2", "error", True)]
    assert [e.code for e in diff.added] == ["3"] and [e.code for e in diff.removed] == ["2"]
    assert diff.changed == [] and diff.level == "error" and diff.breaking


@pytest.mark.parametrize(
    ("field", "old", "new", "level", "breaking"),
    [
        ("http_status", 400, 500, "error", True),
        ("http_status", 400, None, "warning", True),
        ("http_status", None, 400, "info", False),
        ("name", "BAD_SYMBOL", "INVALID_SYMBOL", "error", True),
        ("name", "BAD_SYMBOL", None, "warning", True),
        ("name", None, "BAD_SYMBOL", "info", False),
        ("deprecated", False, True, "warning", True),
        ("deprecated", True, False, "info", False),
        ("category", "BadRequest", "BadSymbol", "warning", True),
        ("category", None, "BadSymbol", "warning", True),
        ("retryable", False, True, "warning", True),
        ("category_reason", "name:BAD", "message:'symbol'", "info", False),
    ],
)
def test_field_changes_are_classed(field, old, new, level, breaking):
    before = Entry("-1121", **{field: old})
    after = Entry("-1121", **{field: new})
    (change,) = diff_catalogs(cat(before), cat(after)).changes
    assert (change.kind, change.field, change.old, change.new) == (FIELD_CHANGED, field, old, new)
    assert (change.level, change.breaking) == (level, breaking)


def test_message_changes_added_removed_reworded_and_order_ignored():
    old = Entry("1", messages=("Affiliate do not exit.", "Rate limit exceeded.", "Gone soon."))
    new = Entry("1", messages=("Rate limit exceeded.", "Affiliate does not exist.", "Brand new."))
    diff = diff_catalogs(cat(old), cat(new))
    assert [(c.kind, c.old, c.new) for c in diff.changes] == [
        (MESSAGE_REWORDED, "Affiliate do not exit.", "Affiliate does not exist."),
        (MESSAGE_REMOVED, "Gone soon.", None),
        (MESSAGE_ADDED, None, "Brand new."),
    ]
    assert diff.changed == [("rest", "1")]
    reordered = Entry("1", messages=tuple(reversed(old.messages)))
    assert not diff_catalogs(cat(old), cat(reordered))


def test_rewording_pairs_best_matches_only():
    removed = ["Order not found", "Invalid quantity"]
    added = ["Invalid quantity.", "Order does not exist", "Order not found!"]
    assert pair_rewordings(removed, added) == [
        ("Order not found", "Order not found!"),
        ("Invalid quantity", "Invalid quantity."),
    ]
    # A short fragment inside a longer message is not the same message.
    assert pair_rewordings(["Error"], ["Error: price too high"]) == []


def test_section_rename_is_a_move_not_remove_and_add():
    old = cat(Entry("1", group="Trading"), Entry("2", group="Trading"))
    new = cat(Entry("1", group="Trading errors"), Entry("2", group="Trading errors", name="N"))
    diff = diff_catalogs(old, new)
    assert [(c.kind, c.code, c.old, c.new) for c in diff.changes] == [
        (GROUP_CHANGED, "1", "Trading", "Trading errors"),
        (GROUP_CHANGED, "2", "Trading", "Trading errors"),
        (FIELD_CHANGED, "2", None, "N"),
    ]
    assert not diff.breaking and diff.added == [] and diff.removed == []


def test_ambiguous_moves_stay_removed_and_added():
    old = cat(Entry("1", group="A"), Entry("1", group="B"))
    new = cat(Entry("1", group="C"), Entry("1", group="D"))
    assert sorted(c.kind for c in diff_catalogs(old, new).changes) == [
        CODE_ADDED,
        CODE_ADDED,
        CODE_REMOVED,
        CODE_REMOVED,
    ]


def test_surface_change_is_reported_as_such():
    diff = diff_catalogs(cat(Entry("10000")), cat(Entry("10000", surface="websocket")))
    (change,) = diff.changes
    assert (change.kind, change.old, change.new) == (SURFACE_CHANGED, "rest", "websocket")
    assert (change.level, change.breaking) == ("warning", True)


def test_same_code_on_both_surfaces_is_two_entries():
    old = cat(Entry("10000", messages=("a",)), Entry("10000", surface="websocket"))
    new = cat(Entry("10000", messages=("a",)), Entry("10000", surface="websocket", name="X"))
    (change,) = diff_catalogs(old, new).changes
    assert (change.surface, change.field) == ("websocket", "name")


def test_catalog_metadata_changes_are_listed_apart():
    diff = diff_catalogs(cat(Entry("1"), url="https://a"), cat(Entry("1"), url="https://b"))
    assert diff.catalog_changes == (("url", "https://a", "https://b"),)
    assert diff.changes == ()
    # a side that has none (a document extracted without a source) changes nothing
    assert diff_catalogs(cat(Entry("1"), url="https://a"), cat(Entry("1"))).catalog_changes == ()


def test_levels_and_thresholds():
    assert max_level(["info", "warning"]) == "warning"
    diff = diff_catalogs(cat(Entry("1", name="A")), cat(Entry("1"), Entry("2")))
    assert diff.level == "warning"
    assert [c.kind for c in diff.at_least("warning")] == [FIELD_CHANGED]
    assert len(diff.at_least("info")) == 2 and diff.at_least("error") == []


def test_json_form_is_plain_data():
    diff = diff_catalogs(cat(Entry("1", messages=("a",))), cat(Entry("2", http_status=400)))
    data = json.loads(json.dumps(diff.to_dict()))
    assert (data["added"], data["removed"], data["breaking"], data["level"]) == (
        1,
        1,
        True,
        "error",
    )
    added = data["changes"][0]
    assert added["kind"] == CODE_ADDED and added["new"]["http_status"] == 400


# --- real histories -----------------------------------------------------------------------------


def diff_docs(old: str, new: str):
    return diff_catalogs(load_side(str(HISTORY / old)), load_side(str(HISTORY / new)))


def test_blofin_extension_of_a_message_is_a_rewording():
    diff = diff_docs("blofin/2024-02-16_2bac3b99.md", "blofin/2024-04-17_ed184f4a.md")
    assert {e.code for e in diff.added} == {"152404", "102089", "110006", "110019"}
    assert [(c.kind, c.code) for c in diff.changes if c.kind != CODE_ADDED] == [
        (MESSAGE_REWORDED, "152004")
    ]
    assert not diff.breaking and diff.level == "info"


def test_orderly_dropped_name_column_reads_as_names_removed():
    diff = diff_docs("orderly/2025-12-24_a9bb32a5.md", "orderly/2025-12-24_877cfc71.md")
    assert diff.added == [] and diff.removed == []
    names = {c.code: c.old for c in diff.changes if c.field == "name"}
    assert len(names) == 19
    assert names["-1003"] == "TOO_MANY_REQUEST" and names["-1201"].startswith("LIQUIDATION_")
    assert diff.level == "warning" and diff.breaking


def test_phemex_new_sections_move_codes():
    diff = diff_docs("phemex/2021-05-05_40501bf3.md", "phemex/2022-11-03_67edd701.md")
    assert {e.code for e in diff.added} == {"100", "101", "116", "117"}
    assert diff.removed == []
    assert sum(c.kind == GROUP_CHANGED for c in diff.changes) == 139


# --- errcat diff --------------------------------------------------------------------------------


def h(name: str) -> str:
    return str(HISTORY / name)


def test_cli_markdown_and_fail_on(capsys):
    old, new = h("blofin/2024-02-16_2bac3b99.md"), h("blofin/2024-04-17_ed184f4a.md")
    assert main(["diff", old, new]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Changes from ")
    assert "+4 added, −0 removed, ~1 changed; breaking: no (highest level: info)." in out
    assert "## Added (4)" in out and "| 110019 | rest |" in out
    assert "message reworded" in out
    assert main(["diff", old, new, "--fail-on", "warning"]) == 0
    assert main(["diff", old, new, "--fail-on", "info"]) == 1
    # The other way round four codes disappear: an error-level, breaking change.
    assert main(["diff", new, old, "--fail-on", "error"]) == 1
    assert "## Removed (4)" in capsys.readouterr().out


def test_cli_json_on_catalog_files_equals_documents(tmp_path: Path, capsys):
    old, new = h("orderly/2024-12-03_eb90cadd.md"), h("orderly/2025-12-24_a9bb32a5.md")
    assert main(["diff", "--json", old, new]) == 0
    from_docs = json.loads(capsys.readouterr().out)
    for name, path in (("old.json", old), ("new.json", new)):
        (tmp_path / name).write_text(dumps(load_side(path)), "utf-8")
    assert main(["diff", "--json", str(tmp_path / "old.json"), str(tmp_path / "new.json")]) == 0
    from_catalogs = json.loads(capsys.readouterr().out)
    assert from_catalogs["changes"] == from_docs["changes"]
    assert (from_docs["changed"], from_docs["added"], from_docs["removed"]) == (2, 0, 0)


NOT_A_CATALOG = "JSON but not a catalog (no 'entries'), and no error codes in it"


def test_cli_bad_inputs_are_one_line_errors(tmp_path: Path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"source": null, "exchange": null, "url": null, "entries": [{"code": 1}]}')
    ok = h("blofin/2024-02-16_2bac3b99.md")
    assert main(["diff", str(bad), ok]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"errcat: error: {bad}: not a valid catalog") and err.count("\n") == 1
    assert main(["diff", str(tmp_path / "missing.md"), ok]) == 2
    assert "missing.md: no such file" in capsys.readouterr().err
    # JSON that is not a catalog and lists no codes is refused: it would diff as every code
    # added or removed (catalogs/index.json given by mistake, a saved API response)
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}')
    assert main(["diff", str(other), ok, "--fail-on", "info"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"errcat: error: {other}: {NOT_A_CATALOG}\n"
    assert captured.out == ""


def test_cli_source_hints_apply_to_documents(tmp_path: Path, capsys):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "phemex.toml").write_text(
        'id = "phemex"\nexchange = "Phemex"\nurl = "https://example.invalid/p.md"\n'
        'format = "markdown"\nsections = ["^CxlRejReason"]\n'
    )
    old, new = h("phemex/2021-05-05_40501bf3.md"), h("phemex/2022-11-03_67edd701.md")
    args = ["diff", "--json", "--source", "phemex", "--sources", str(sources), old, new]
    main(args)
    data = json.loads(capsys.readouterr().out)
    # Pinned to the CxlRejReason section, the new page has just its four codes.
    assert sorted(c["code"] for c in data["changes"] if c["kind"] == CODE_ADDED) == [
        "100",
        "101",
        "116",
        "117",
    ]


def test_a_removed_message_is_a_breaking_warning():
    from errcat.diff import MESSAGE_REMOVED

    old = Catalog(
        entries=(
            Entry(
                "7",
                messages=("Insufficient balance.", "Order not found."),
            ),
        )
    )
    new = Catalog(entries=(Entry("7", messages=("Insufficient balance.",)),))
    (change,) = diff_catalogs(old, new).changes
    assert (change.kind, change.level, change.breaking, change.old) == (
        MESSAGE_REMOVED,
        "warning",
        True,
        "Order not found.",
    )
    assert diff_catalogs(old, new).breaking and diff_catalogs(old, new).level == "warning"


def test_load_side_refuses_a_corrupt_catalog(tmp_path: Path):
    from errcat.diff import load_side
    from errcat.errors import CatalogError

    bad = tmp_path / "c.json"
    bad.write_text('{"source": "x", "entries": [', "utf-8")
    with pytest.raises(CatalogError, match=r"c\.json: invalid JSON at line 1"):
        load_side(str(bad))
    # valid JSON but no catalog and no codes (catalogs/index.json, a saved API response): it
    # would diff as every code removed
    for text in ('{"not": "a catalog"}', '{"code":-1121,"msg":"Invalid symbol."}', "[]"):
        other = tmp_path / "doc.json"
        other.write_text(text, "utf-8")
        with pytest.raises(DocumentError, match=r"doc\.json: JSON but not a catalog"):
            load_side(str(other))


def test_a_reworded_description_is_an_informational_field_change():
    old = Catalog(entries=(Entry("13009", messages=("unauthorized",), description="Old why."),))
    new = Catalog(entries=(Entry("13009", messages=("unauthorized",), description="New why."),))
    diff = diff_catalogs(old, new)
    assert [(c.kind, c.field, c.level, c.breaking) for c in diff.changes] == [
        (FIELD_CHANGED, "description", "info", False)
    ]
    assert not diff_catalogs(old, old).changes
