"""Byte-identical catalogs across processes, and the documented key order as an ordered list.

A dict ``==`` ignores order, and one process has one ``hash()`` seed: both hid a catalog
whose entry keys followed ``hash()`` (issue 16). Here two ``errcat build`` processes with
different hash seeds write two trees, and every object's keys are read as a list.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import make_project

SOURCES = ("blofin", "ltp", "aster-spot", "orderly", "okex-v1-spot")
# The order of the README's catalog-format table, which is the order of the JSON.
TOP_KEYS = ["source", "exchange", "url", "snapshot_sha256", "entries"]
ENTRY_KEYS = [
    "code",
    "surface",
    "group",
    "name",
    "http_status",
    "messages",
    "description",  # (issue 14's field, where a document explains its codes)
    "deprecated",
    "category",
    "retryable",
    "category_reason",
    "success",
]


def build_in_a_process(root: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "errcat", "build"], cwd=root, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_bytes() for p in sorted((root / "catalogs").glob("*.json"))}


def ordered_keys(data: bytes) -> tuple[list[str], list[list[str]]]:
    pairs = json.loads(data, object_pairs_hook=lambda kv: kv)
    top = [k for k, _ in pairs]
    entries = dict(pairs)["entries"]
    return top, [[k for k, _ in entry] for entry in entries]


def test_two_processes_with_different_hash_seeds_write_the_same_bytes(tmp_path: Path):
    first = build_in_a_process(make_project(tmp_path / "a", SOURCES), "1")
    second = build_in_a_process(make_project(tmp_path / "b", SOURCES), "2")
    assert list(first) == sorted([f"{s}.json" for s in SOURCES] + ["index.json"])
    assert first == second


def test_keys_are_in_the_documented_order(tmp_path: Path):
    built = build_in_a_process(make_project(tmp_path, SOURCES), "3")
    for name, data in built.items():
        if name == "index.json":  # the catalogs' index, not a catalog
            continue
        top, entries = ordered_keys(data)
        assert top == TOP_KEYS, name
        for keys in entries:
            assert keys == [k for k in ENTRY_KEYS if k in keys], (name, keys)
            assert {"code", "surface", "messages", "category"} <= set(keys)
