"""Catalog lookups and the summary properties the CLI prints."""

from __future__ import annotations

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


def test_entry_fields_are_its_init_parameters():
    """Entry.__init__ is the one definition of its fields: FIELDS, the annotations, repr,
    equality, hashing and replace() all follow it."""
    params = list(inspect.signature(Entry.__init__).parameters.values())[1:]
    assert [p.name for p in params] == list(Entry.FIELDS) == list(Entry.__annotations__)
    assert params[0].default is inspect.Parameter.empty
    assert [p.default for p in params[1:]] == [
        "rest", None, None, None, (), False, None, None, None, None, False
    ]  # fmt: skip
    entry = Entry(
        "-1", "websocket", "G", "N", 429, ("m",), True, "RateLimitExceeded", True, "why", "d"
    )  # fmt: skip
    assert tuple(getattr(entry, n) for n in Entry.FIELDS)[:11] == (
        "-1", "websocket", "G", "N", 429, ("m",), True, "RateLimitExceeded", True, "why", "d"
    )  # fmt: skip
    assert Entry("0", success=True).success is True
    assert entry.replace(code="-2") == Entry(**{**vars(entry), "code": "-2"})
    assert entry.replace(code="-2") != entry and entry.replace() == entry
    with pytest.raises(TypeError):
        entry.replace(colour="red")
    with pytest.raises(AttributeError, match="immutable"):
        entry.code = "-3"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del entry.code
    assert hash(entry) == hash(Entry(**vars(entry)))
    assert repr(Entry("-1121", name="X")) == (
        "Entry(code='-1121', surface='rest', group=None, name='X', http_status=None, "
        "messages=(), deprecated=False, category=None, retryable=None, category_reason=None, "
        "description=None, success=False)"
    )


def test_catalog_is_a_value_and_keeps_its_code_index_out_of_equality():
    same = Catalog(*(getattr(CAT, n) for n in Catalog.FIELDS))
    assert Catalog.FIELDS == ("source", "exchange", "url", "entries", "snapshot_sha256")
    assert CAT.get("10000") is not None  # builds CAT's index, not same's
    assert same == CAT and hash(same) == hash(CAT)
    assert CAT.with_source("x", "X", "v") == CAT.replace(source="x", exchange="X", url="v")
    assert Catalog() == Catalog(entries=()) != Catalog(source="s")
    assert Catalog() != ()  # no tuple equality: a record compares with its own class only


def test_records_pickle_and_copy():
    import copy
    import pickle

    entry = CAT.entries[2]
    assert pickle.loads(pickle.dumps(CAT)) == CAT
    assert copy.copy(entry) == entry and copy.deepcopy(CAT) == CAT


def test_description_is_written_only_when_given_and_read_back():
    plain = Entry("13009", messages=("unauthorized",))
    assert "description" not in plain.to_dict()  # catalogs without descriptions keep their bytes
    told = Entry("13009", messages=("unauthorized",), description="Wrong or expired token.")
    data = told.to_dict()
    assert list(data)[:7] == [
        "code", "surface", "group", "name", "http_status", "messages", "description"
    ]  # fmt: skip
    assert Entry.from_dict(data) == told
