"""Catalog lookups and the summary properties the CLI prints."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from errcat.model import Catalog, Entry

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


def test_entry_init_is_the_dataclass_init():
    """Entry.__init__ is written out for speed: it must take exactly the fields, same defaults."""
    params = list(inspect.signature(Entry.__init__).parameters.values())[1:]
    fields = dataclasses.fields(Entry)
    assert [p.name for p in params] == [f.name for f in fields]
    no_default = dataclasses.MISSING
    for param, field in zip(params, fields, strict=True):
        expected = inspect.Parameter.empty if field.default is no_default else field.default
        assert param.default == expected, field.name
    entry = Entry(
        "-1", "websocket", "G", "N", 429, ("m",), True, "RateLimitExceeded", True, "why", "d"
    )  # fmt: skip
    assert dataclasses.astuple(entry)[:11] == (
        "-1", "websocket", "G", "N", 429, ("m",), True, "RateLimitExceeded", True, "why", "d"
    )  # fmt: skip
    assert Entry("0", success=True).success is True
    assert dataclasses.replace(entry, code="-2") == Entry(**{**vars(entry), "code": "-2"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.code = "-3"  # type: ignore[misc]
    assert hash(entry) == hash(Entry(**vars(entry)))


def test_description_is_written_only_when_given_and_read_back():
    plain = Entry("13009", messages=("unauthorized",))
    assert "description" not in plain.to_dict()  # catalogs without descriptions keep their bytes
    told = Entry("13009", messages=("unauthorized",), description="Wrong or expired token.")
    data = told.to_dict()
    assert list(data)[:7] == [
        "code", "surface", "group", "name", "http_status", "messages", "description"
    ]  # fmt: skip
    assert Entry.from_dict(data) == told
