"""Every real corpus document extracts to the catalog read off it by hand.

The expected values live in ``tests/fixtures/corpus/expected/*.json`` (one file per document, see
the README there). They were established by reading each document, never by running errcat.
Each document is extracted once per session (module-level cache) and checked for its entry
count, its exact code set, its WebSocket codes and a handful of individual entries.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import errcat
import pytest
from errcat.model import Catalog, Entry

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
EXPECTED_DIR = CORPUS / "expected"

# What the extractor does not get right yet: {test name: {expected file stem: what is missing}}.
# strict xfail, so a fix turns them into XPASS failures that remind us to drop the mark.
KNOWN_GAPS: dict[str, dict[str, str]] = {}


def load_expected() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXPECTED_DIR.glob("*.json"))]


EXPECTED = load_expected()


def stem(rel: str) -> str:
    """``okex-v1/spot/2018-07-16_667496d5.md`` -> ``okex-v1__spot__2018-07-16_667496d5``."""
    return Path(rel).with_suffix("").as_posix().replace("/", "__")


def params(test: str) -> list[Any]:
    """One parameter per expected file, strict-xfail where ``KNOWN_GAPS[test]`` says so."""
    gaps = KNOWN_GAPS.get(test, {})
    out = []
    for exp in EXPECTED:
        marks = []
        if stem(exp["file"]) in gaps:
            marks.append(pytest.mark.xfail(strict=True, reason=gaps[stem(exp["file"])]))
        out.append(pytest.param(exp, id=stem(exp["file"]), marks=marks))
    return out


@cache
def extracted(rel: str) -> Catalog:
    return errcat.extract((CORPUS / rel).read_bytes(), name=rel, meaning=False)  # extraction only


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def norm(text: str | None) -> str | None:
    """Compare texts the way a reader does: invisible characters gone, whitespace collapsed."""
    if text is None:
        return None
    return " ".join(_INVISIBLE.sub("", text).split())


def _optional(exp: dict[str, Any]) -> dict[str, Any]:
    return exp.get("optional") or {"entries": 0, "codes": [], "websocket_codes": []}


def test_every_corpus_document_has_expected_values():
    files = {
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.rglob("*")
        if p.is_file()
        and p.suffix in (".md", ".html")
        and p.parent.name != "expected"
        and p.name not in ("PROVENANCE.md",)
    }
    assert files == {e["file"] for e in EXPECTED}
    assert len(files) == 116  # the 77 of the first corpus and 39 added for issue 14


@pytest.mark.parametrize("exp", params("entry_count"))
def test_entry_count(exp):
    cat = extracted(exp["file"])
    low, high = exp["entries"], exp["entries"] + _optional(exp)["entries"]
    assert low <= len(cat) <= high, f"{len(cat)} entries, expected {low}" + (
        f"..{high}" if high != low else ""
    )


@pytest.mark.parametrize("exp", params("code_set"))
def test_code_set(exp):
    got = {e.code for e in extracted(exp["file"])}
    want = set(exp["codes"])
    allowed = want | set(_optional(exp)["codes"])
    missing, extra = sorted(want - got), sorted(got - allowed)
    assert not missing and not extra, f"missing {missing[:40]} extra {extra[:40]}"
    assert exp["distinct_codes"] <= len(got) <= exp["distinct_codes"] + len(allowed - want)


@pytest.mark.parametrize("exp", params("websocket_codes"))
def test_websocket_codes(exp):
    got = {e.code for e in extracted(exp["file"]) if e.surface == "websocket"}
    want = set(exp.get("websocket_codes", []))
    allowed = want | set(_optional(exp)["websocket_codes"])
    missing, extra = sorted(want - got), sorted(got - allowed)
    assert not missing and not extra, f"websocket: missing {missing} extra {extra}"


@pytest.mark.parametrize("exp", params("sections"))
def test_sections(exp):
    """Entries per (surface, section title), the optional HTTP-status rows left out."""
    optional = set(_optional(exp)["codes"])
    entries = extracted(exp["file"])
    # A section holding optional codes is an optional listing (an HTTP-status table); a code it
    # shares with an error table (Bybit's 429) is optional there too (expected/README.md).
    listed = {
        norm(title)
        for _, titles, _ in exp["sections"]
        for title in (titles if isinstance(titles, list) else [titles])
    }
    optional_sections = {
        (e.surface, norm(e.group))
        for e in entries
        if e.code in optional and norm(e.group) not in listed
    }
    got = Counter(
        (e.surface, norm(e.group))
        for e in entries
        if e.code not in optional and (e.surface, norm(e.group)) not in optional_sections
    )
    want: dict[tuple[str, str | None], int] = {}
    for surface, titles, count in exp["sections"]:
        # A list holds the titles a reader may take (e.g. the heading or the line before the
        # table); the extractor's choice is the one it used, if any.
        choices = titles if isinstance(titles, list) else [titles]
        title = next((t for t in choices if (surface, norm(t)) in got), choices[0])
        want[(surface, norm(title))] = count
    assert dict(got) == want


def _check(entry: Entry, spot: dict[str, Any], entries: list[Entry]) -> list[str]:
    """What in ``spot`` this entry does not satisfy (empty list: it matches)."""
    msgs = [norm(m) for m in entry.messages]
    problems = []
    if "group" in spot and norm(entry.group) != norm(spot["group"]):
        problems.append(f"group {entry.group!r}")
    if "group_in" in spot and norm(entry.group) not in [norm(g) for g in spot["group_in"]]:
        problems.append(f"group {entry.group!r}")
    if "name" in spot and norm(entry.name) != norm(spot["name"]):
        problems.append(f"name {entry.name!r}")
    if "name_startswith" in spot and not (entry.name or "").startswith(spot["name_startswith"]):
        problems.append(f"name {entry.name!r}")
    if "http_status" in spot and entry.http_status != spot["http_status"]:
        problems.append(f"http_status {entry.http_status!r}")
    if "message" in spot and norm(spot["message"]) not in msgs:
        problems.append(f"messages {entry.messages!r}")
    if "message_contains" in spot and not any(norm(spot["message_contains"]) in m for m in msgs):
        problems.append(f"messages {entry.messages!r}")
    if "message_count" in spot and len(entry.messages) != spot["message_count"]:
        problems.append(f"{len(entry.messages)} messages")
    # One description line per documented row (errcat.catalog.merge_entries): one must match.
    told = [norm(d) for d in (entry.description or "").split("\n") if d]
    if "description" in spot and (
        told if spot["description"] is None else norm(spot["description"]) not in told
    ):
        problems.append(f"description {entry.description!r}")
    if "description_contains" in spot and not any(
        norm(spot["description_contains"]) in d for d in told
    ):
        problems.append(f"description {entry.description!r}")
    if "deprecated" in spot and entry.deprecated != spot["deprecated"]:
        problems.append(f"deprecated {entry.deprecated!r}")
    return problems


@pytest.mark.parametrize("exp", params("spot_checks"))
def test_spot_checks(exp):
    cat = extracted(exp["file"])
    failures = []
    for spot in exp["spot_checks"]:
        same = [e for e in cat if e.code == spot["code"] and e.surface == spot["surface"]]
        if "entries_for_code" in spot:
            if len(same) != spot["entries_for_code"]:
                failures.append(f"{spot['code']}: {len(same)} entries, want {spot}")
            continue
        if "entries_for_code_in_group" in spot:
            n = sum(norm(e.group) == norm(spot["group"]) for e in same)
            if n != spot["entries_for_code_in_group"]:
                failures.append(f"{spot['code']}: {n} entries in {spot['group']!r}")
            continue
        if not same:
            failures.append(f"{spot['code']} ({spot['surface']}) not extracted")
            continue
        reports = [_check(e, spot, list(cat)) for e in same]
        if all(reports):
            failures.append(f"{spot['code']}: want {spot}, got {reports}")
    assert not failures, "\n".join(failures)
