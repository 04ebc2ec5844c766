"""Consecutive versions of each corpus document diff sensibly (``errcat.diff.diff_catalogs``).

What changed between two versions was established by reading both (see the notes in
``tests/fixtures/corpus/expected/``): the codes added and removed follow from the hand-read code
sets, versions that differ only in wrapping, padding, escaping or bold headings must give an
empty diff, and the large changes are checked one by one below.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from errcat.diff import (
    CODE_ADDED,
    CODE_REMOVED,
    FIELD_CHANGED,
    GROUP_CHANGED,
    CatalogDiff,
    diff_catalogs,
)

from tests.test_corpus import CORPUS, EXPECTED_DIR, extracted, stem

MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def _series() -> list[tuple[str, str]]:
    """Consecutive (older, newer) files of each document, in the manifest's (dated) order."""
    by_doc: dict[tuple[str, str | None], list[str]] = {}
    for item in MANIFEST:
        by_doc.setdefault((item["exchange"], item["doc"]), []).append(item["file"])
    return [(a, b) for files in by_doc.values() for a, b in pairwise(files)]


PAIRS = _series()

# Versions whose error listings read the same (only wrapping, padding, escaping, bold headings,
# blank lines, a changelog or an empty heading differ): the diff must be empty.
SAME_CONTENT = {
    ("aster/spot/2026-01-19_e62c3f8a.md", "aster/spot/2026-01-21_9ad46b38.md"),
    ("aster/futures-v3/2026-01-19_e62c3f8a.md", "aster/futures-v3/2026-01-21_9ad46b38.md"),
    (
        "aster/futures-api-v3-fulldoc/2026-03-17_29d2685d.md",
        "aster/futures-api-v3-fulldoc/2026-06-30_e2741b58.md",
    ),
    (
        "aster/futures-api-v3-fulldoc/2026-06-30_e2741b58.md",
        "aster/futures-api-v3-fulldoc/2026-06-30_9261057a.md",
    ),
    ("orderly/2026-03-30_d9642013.md", "orderly/2026-06-13_90acba60.md"),
    (
        "whitebit/http-trade-v4/2023-02-22_988a4f32.md",
        "whitebit/http-trade-v4/2023-03-01_17b19c04.md",
    ),
    ("bitget/coincise/2025-11-10_23d905c8.md", "bitget/coincise/2025-11-24_030c215a.md"),
    ("gateio/coincise/2025-11-09_8affa582.md", "gateio/coincise/2025-11-09_639d624f.md"),
    ("gateio/coincise/2025-11-09_639d624f.md", "gateio/coincise/2025-11-24_030c215a.md"),
    ("mexc/coincise/2025-11-09_a6ddd5da.md", "mexc/coincise/2025-11-09_c836b496.md"),
    ("cryptocom/coincise/2025-11-08_f15b5277.md", "cryptocom/coincise/2025-11-08_bb93f841.md"),
    ("cryptocom/coincise/2025-11-08_bb93f841.md", "cryptocom/coincise/2025-11-09_c836b496.md"),
    ("bitfinex/coincise/2025-11-08_38ab56a8.md", "bitfinex/coincise/2025-11-09_c836b496.md"),
    ("bitfinex/coincise/2025-11-09_c836b496.md", "bitfinex/coincise/2025-11-19_aea2f22f.md"),
    ("bitfinex/coincise/2025-11-19_aea2f22f.md", "bitfinex/coincise/2025-11-19_7ebc6f53.md"),
    ("bitfinex/coincise/2025-11-19_7ebc6f53.md", "bitfinex/coincise/2025-11-24_030c215a.md"),
    ("bitmart/coincise/2025-11-08_71261a67.md", "bitmart/coincise/2025-11-09_c836b496.md"),
    (
        "binance/coincise-usdm/2025-11-08_42d53bd6.md",
        "binance/coincise-usdm/2025-11-09_c836b496.md",
    ),
    (
        "binance/coincise-coinm/2025-11-08_42d53bd6.md",
        "binance/coincise-coinm/2025-11-09_c836b496.md",
    ),
    (
        "binance/coincise-coinm/2025-11-09_c836b496.md",
        "binance/coincise-coinm/2025-11-24_2d858239.md",
    ),
    (
        "binance/coincise-coinm/2025-11-24_2d858239.md",
        "binance/coincise-coinm/2025-11-24_70e0c8c6.md",
    ),
    ("xt/coincise/2025-11-08_affb1cdd.md", "xt/coincise/2025-11-09_c836b496.md"),
    ("digifinex/coincise/2025-11-09_e309cc11.md", "digifinex/coincise/2025-11-09_c836b496.md"),
}

# Pairs the extractor does not diff right yet: {(older, newer): what is wrong}.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _pair_param(pair: tuple[str, str]):
    marks = []
    if pair in KNOWN_GAPS:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[pair]))
    return pytest.param(pair, id=f"{stem(pair[0])}->{Path(pair[1]).stem}", marks=marks)


def _expected(rel: str) -> dict:
    return json.loads((EXPECTED_DIR / f"{stem(rel)}.json").read_text("utf-8"))


def expected_codes(rel: str) -> set[str]:
    return set(_expected(rel)["codes"])


def optional_codes(rel: str) -> set[str]:
    """Codes only an optional listing (an HTTP-status table) has: a reader may take them or not."""
    return set((_expected(rel).get("optional") or {}).get("codes", []))


def lists_codes_in_several_sections(rel: str) -> bool:
    # More entries than codes: some code stands under more than one section (WhiteBIT's
    # endpoints, Bybit's products, Binance's "Messages for ..." tables).
    exp = _expected(rel)
    return exp["entries"] > exp["distinct_codes"]


def diff(old: str, new: str) -> CatalogDiff:
    return diff_catalogs(extracted(old), extracted(new), old_name=old, new_name=new)


def kinds(d: CatalogDiff) -> Counter:
    return Counter(c.kind for c in d.changes)


def test_pairs_cover_every_series():
    assert len(PAIRS) == 116 - 28  # 28 documents, 116 versions
    assert set(PAIRS) >= SAME_CONTENT | set(KNOWN_GAPS)


@pytest.mark.parametrize("pair", [_pair_param(p) for p in PAIRS])
def test_codes_added_and_removed_match_the_documents(pair):
    old, new = pair
    optional = optional_codes(old) | optional_codes(new)
    want_added = expected_codes(new) - expected_codes(old) - optional
    want_removed = expected_codes(old) - expected_codes(new) - optional
    d = diff(old, new)
    added = {c.code for c in d.changes if c.kind == CODE_ADDED} - optional
    removed = {c.code for c in d.changes if c.kind == CODE_REMOVED} - optional
    if lists_codes_in_several_sections(old) or lists_codes_in_several_sections(new):
        # A code can be added under one section while it stays under another (an endpoint
        # renamed, a product's table gaining a shared code): beyond the codes the document
        # gained or lost, only codes it documents in both versions may be reported.
        kept = expected_codes(old) & expected_codes(new)
        assert want_added <= added, f"not reported as added: {sorted(want_added - added)}"
        assert want_removed <= removed, f"not reported as removed: {sorted(want_removed - removed)}"
        assert added <= want_added | kept, sorted(added - want_added - kept)
        assert removed <= want_removed | kept, sorted(removed - want_removed - kept)
    else:
        assert (sorted(added), sorted(removed)) == (sorted(want_added), sorted(want_removed))


@pytest.mark.parametrize("pair", [_pair_param(p) for p in sorted(SAME_CONTENT)])
def test_same_content_gives_an_empty_diff(pair):
    d = diff(*pair)
    assert not d, [f"{c.code}: {c.describe()}" for c in d.changes[:10]]


def _hand_checked(old: str, new: str):
    return pytest.param((old, new), marks=_pair_param((old, new)).marks, id=stem(new))


@pytest.mark.parametrize(
    "pair",
    [_hand_checked("orderly/2025-12-24_a9bb32a5.md", "orderly/2025-12-24_877cfc71.md")],
)
def test_orderly_dropping_error_name_column_is_a_change_of_names(pair):
    # Read: same 32 rows, same codes, statuses and descriptions; only the Error Name column
    # (and the front-matter description line) went away.
    d = diff(*pair)
    assert kinds(d) == {FIELD_CHANGED: 19}
    assert {c.field for c in d.changes} == {"name"}
    assert all(c.new is None and c.old for c in d.changes)
    assert {c.code: c.old for c in d.changes}["-1003"] == "TOO_MANY_REQUEST"


@pytest.mark.parametrize(
    "pair",
    [
        _hand_checked("orderly/2023-09-01_7880ff0a.md", "orderly/2024-10-18_978fd332.md"),
        _hand_checked("orderly/2024-12-03_eb90cadd.md", "orderly/2025-12-24_a9bb32a5.md"),
    ],
)
def test_orderly_rewordings_touch_only_the_reworded_codes(pair):
    # 2023-09 -> 2024-10: "it may because" -> "it may be because" in -1002 and -1011 (the
    # -1101 link to client info renders to the same text). 2024-12 -> 2025-12: -1103's one
    # message became three and -1104's one became four.
    touched = {c.code for c in diff(*pair).changes}
    assert not {c.kind for c in diff(*pair).changes} & {CODE_ADDED, CODE_REMOVED, GROUP_CHANGED}
    if pair[0].startswith("orderly/2023"):
        assert touched == {"-1002", "-1011"}
    else:
        assert touched == {"-1103", "-1104"}


@pytest.mark.parametrize(
    "pair",
    [
        _hand_checked(
            "aster/futures-v3/2026-01-21_9ad46b38.md", "aster/futures-v3/2026-03-18_b211ffc6.md"
        ),
        _hand_checked(
            "aster/futures-api-v3-fulldoc/2025-09-16_5e19ba41.md",
            "aster/futures-api-v3-fulldoc/2026-03-17_29d2685d.md",
        ),
    ],
)
def test_aster_futures_removed_only_invalid_timestamp(pair):
    d = diff(*pair)
    assert [(c.kind, c.code) for c in d.changes] == [(CODE_REMOVED, "-1021")]
    assert d.changes[0].old.name == "INVALID_TIMESTAMP"


@pytest.mark.parametrize(
    "pair",
    [
        _hand_checked(
            "phemex/trading-error-code/2021-06-02_31e4a159.md",
            "phemex/trading-error-code/2022-11-03_67edd701.md",
        )
    ],
)
def test_phemex_new_headings_move_codes_instead_of_replacing_them(pair):
    # 2022-11 put the untitled table under '## BizError Field' and added '## CxlRejReason Field'
    # with four codes: 139 codes moved, 4 added, none removed.
    d = diff(*pair)
    assert kinds(d) == {GROUP_CHANGED: 139, CODE_ADDED: 4}
    assert {c.new for c in d.changes if c.kind == GROUP_CHANGED} == {"BizError Field"}
    assert {c.code for c in d.changes if c.kind == CODE_ADDED} == {"100", "101", "116", "117"}


@pytest.mark.parametrize(
    "pair",
    [_hand_checked("mexc/coincise/2025-11-09_c836b496.md", "mexc/coincise/2025-11-24_1ad3e466.md")],
)
def test_mexc_failed_scrape_then_real_page_adds_every_code(pair):
    d = diff(*pair)
    assert len(extracted(pair[0])) == 0
    assert kinds(d) == {CODE_ADDED: 91}


@pytest.mark.parametrize(
    "pair",
    [
        _hand_checked(
            "whitebit/http-trade-v4/2020-11-10_dd64db60.md",
            "whitebit/http-trade-v4/2022-09-14_36b50bde.md",
        )
    ],
)
def test_whitebit_renumbering_removes_old_codes_everywhere(pair):
    # 2022 renumbered the per-endpoint codes 1..6 to 30..36 and added endpoints.
    d = diff(*pair)
    removed = Counter(c.code for c in d.changes if c.kind == CODE_REMOVED)
    assert set(removed) == {"1", "2", "3", "4", "5", "6"}
    assert removed["1"] == 5 and removed["6"] == 4
    assert {c.code for c in d.changes if c.kind == CODE_ADDED} == {str(n) for n in range(30, 37)}


@pytest.mark.parametrize(
    "pair",
    [_hand_checked("blofin/2023-12-25_b634012c.md", "blofin/2024-02-02_f8fa09c2.md")],
)
def test_blofin_added_three_broker_codes_and_nothing_else(pair):
    d = diff(*pair)
    assert [(c.kind, c.code) for c in d.changes] == [
        (CODE_ADDED, "152011"),
        (CODE_ADDED, "152012"),
        (CODE_ADDED, "152013"),
    ]
