"""Catalog lookups and the summary properties the CLI prints."""

from __future__ import annotations

from scraper.model import Catalog, Entry

CAT = Catalog(
    "okex",
    "OKEx",
    "u",
    (
        Entry("10000", "rest", "REST", messages=("Required field",)),
        Entry("10000", "websocket", "WS", messages=("Required parameter is empty",)),
        Entry("HTTP ERROR CODE 403", "rest", "REST", http_status=403, messages=("Shielded",)),
    ),
)


def test_lookup_by_string_int_and_surface():
    assert len(CAT.lookup("10000")) == 2
    assert len(CAT.lookup(10000)) == 2
    assert [e.group for e in CAT.lookup(" 10000 ", surface="websocket")] == ["WS"]
    assert CAT.get("10000").surface == "rest"
    assert CAT.get("99999") is None


def test_lookup_pseudo_code_case_insensitively():
    assert CAT.get("http error code 403").http_status == 403


def test_summary_properties():
    assert len(CAT) == 3
    assert CAT.message_count == 3
    assert CAT.groups == ["REST", "WS"]
    assert CAT.surfaces == ["rest", "websocket"]
