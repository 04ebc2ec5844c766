"""errcat.extract() / ``errcat extract`` give meaning; ``errcat diff`` compares like with like."""

from __future__ import annotations

import json
from pathlib import Path

import errcat
from errcat.cli import main
from errcat.extract import extract as bare_extract

from tests.conftest import SEED_FILES

DOC = "## Errors\n\n| Code | Message |\n|---|---|\n| 0 | Success |\n| 10 | Too many requests |\n"


def test_library_extract_categorizes_and_marks_success():
    cat = errcat.extract(DOC)
    assert [(e.code, e.category, e.success) for e in cat.entries] == [
        ("0", None, True),
        ("10", "RateLimitExceeded", False),
    ]
    assert cat.get("10").retryable is True


def test_library_extract_without_meaning_is_the_bare_extraction():
    assert errcat.extract(DOC, meaning=False) == bare_extract(DOC)
    assert all(e.category is None and not e.success for e in bare_extract(DOC).entries)


def test_cli_extract_prints_categories_and_no_meaning_drops_them(tmp_path: Path, capsys):
    doc = tmp_path / "errors.md"
    doc.write_text(DOC, "utf-8")
    assert main(["extract", str(doc)]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert entries[1]["category"] == "RateLimitExceeded" and entries[1]["retryable"] is True
    assert entries[0]["success"] is True
    assert main(["extract", str(doc), "--no-meaning"]) == 0
    bare = json.loads(capsys.readouterr().out)["entries"]
    assert not any({"category", "retryable", "success"} & set(e) for e in bare)


def test_diff_catalog_against_its_document_reports_no_category_change(tmp_path: Path, capsys):
    doc = SEED_FILES["aster-spot"]  # no [overrides] in aster-spot.toml: rules alone decide
    catalog = tmp_path / "aster-spot.json"
    assert main(["extract", str(doc)]) == 0
    catalog.write_text(capsys.readouterr().out, "utf-8")
    assert main(["diff", str(catalog), str(doc), "--json", "--fail-on", "info"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []
    # both sides bare documents: nothing to categorize, still no change
    assert main(["diff", str(doc), str(doc), "--fail-on", "info"]) == 0
