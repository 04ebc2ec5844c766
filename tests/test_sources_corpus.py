"""Every corpus document has a source: its upstream URL, its newest version as the snapshot."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from errcat.build import build_source
from errcat.sources import load_source

from tests.conftest import FIXTURES, ROOT

CORPUS = FIXTURES / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text("utf-8"))
LATEST = {(e["exchange"], e["doc"]): e for e in MANIFEST if e["role"] == "latest"}

# source id → (exchange, doc) in the corpus manifest
SOURCES = {
    "aster-futures": ("aster", "futures-v3"),
    "aster-futures-fulldoc": ("aster", "futures-api-v3-fulldoc"),
    "okex-v1-futures": ("okex-v1", "futures"),
    "orderly": ("orderly", None),
    "phemex": ("phemex", "trading-error-code"),
    "bybit-spot-v1": ("bybit", "legacy-spot-v1-html"),
    "whitebit": ("whitebit", "http-trade-v4"),
    "bitget": ("bitget", "coincise"),
    "gateio": ("gateio", "coincise"),
    "mexc": ("mexc", "coincise"),
    "cryptocom": ("cryptocom", "coincise"),
    "bitfinex": ("bitfinex", "coincise"),
    "bitmart": ("bitmart", "coincise"),
    "xt": ("xt", "coincise"),
    "digifinex": ("digifinex", "coincise"),
    "binance-usdm": ("binance", "coincise-usdm"),
    "binance-coinm": ("binance", "coincise-coinm"),
    "binance-spot": ("binance", "spot"),
    "coins-ph": ("coins-ph", None),
    "deribit": ("deribit", "coincise"),
    "kucoin": ("kucoin", None),
    "bybit-v5": ("bybit", "v5"),
    "okx": ("okx", "coincise"),
    "phemex-html": ("phemex", "slate-html"),
}
# Corpus documents with no source of their own, and why.
NO_SOURCE = {
    ("bybit", "coincise"): "the rendered scrape of the page bybit-v5 reads from its MDX source",
}
# The five sources the project started from, under their seed ids.
SEEDED = {
    "blofin": ("blofin", None),
    "aster-spot": ("aster", "spot"),
    "okex-v1-spot": ("okex-v1", "spot"),
}


def test_every_corpus_document_has_a_source():
    covered = set(SOURCES.values()) | set(SEEDED.values()) | set(NO_SOURCE)
    assert set(LATEST) == covered
    assert {p.stem for p in (ROOT / "sources").glob("*.toml")} >= set(SOURCES)


def upstream_refs(latest: dict) -> tuple[str, ...]:
    """The refs a source's URL may name for this corpus document. A history read from every branch
    (``git log --all``: the file is not, or not only, on the default branch, as in the OKEx archive
    where it lives on side branches) is pinned by the full commit of its newest version; a history
    of HEAD follows the default branch; any other ref is that branch."""
    if latest["ref"] == "--all":
        return (latest["commit"],)
    if latest["ref"] == "HEAD":
        return ("main", "master")
    return (latest["ref"],)


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_source_points_upstream_and_stores_the_newest_version(source_id):
    latest = LATEST[SOURCES[source_id]]
    source = load_source(ROOT / "sources" / f"{source_id}.toml")
    prefix = f"https://raw.githubusercontent.com/{latest['repo']}/"
    assert source.url.startswith(prefix)
    ref, _, path = source.url[len(prefix) :].partition("/")
    assert ref in upstream_refs(latest)
    assert path == quote(latest["path"])
    assert source.snapshot.read_bytes() == (CORPUS / latest["file"]).read_bytes()


@pytest.mark.parametrize("source_id", sorted(SEEDED))
def test_seeded_source_points_at_its_upstream_file(source_id):
    # The seeds' snapshots are the seed documents (not always the corpus bytes), but their URL
    # names the corpus document's file, by the same rule (a full commit: a short one may become
    # ambiguous).
    latest = LATEST[SEEDED[source_id]]
    source = load_source(ROOT / "sources" / f"{source_id}.toml")
    prefix = f"https://raw.githubusercontent.com/{latest['repo']}/"
    assert source.url.startswith(prefix)
    ref, _, path = source.url[len(prefix) :].partition("/")
    assert ref in upstream_refs(latest)
    assert path == quote(latest["path"])


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_source_builds_a_catalog(source_id, tmp_path):
    source = load_source(ROOT / "sources" / f"{source_id}.toml")
    result = build_source(source, tmp_path)
    assert result.ok, result.error
    assert result.catalog is not None and len(result.catalog) > 0
    assert (tmp_path / f"{source_id}.json").exists()
