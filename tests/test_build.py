"""errcat build: snapshots → catalogs, deterministic, failures contained."""

from __future__ import annotations

from pathlib import Path

from errcat.build import build_source
from errcat.catalog import load_catalog
from errcat.sources import load_source, load_sources

from tests.conftest import ROOT


def build_all(project: Path):
    return [build_source(s, project / "catalogs") for s in load_sources(project / "sources")]


def test_every_shipped_source_builds(tmp_path: Path):
    results = [build_source(s, tmp_path) for s in load_sources(ROOT / "sources")]
    assert [r.source.id for r in results if not r.ok] == []
    assert all(len(r.catalog) > 0 for r in results)


def test_build_writes_one_valid_catalog_per_source(project: Path):
    results = build_all(project)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    for r in results:
        cat = load_catalog(project / "catalogs" / f"{r.source.id}.json")
        assert cat.source == r.source.id
        assert cat.url == r.source.url
        assert len(cat) > 0
    seeds = {r.source.id: len(r.catalog) for r in results}
    assert {k: seeds[k] for k in ("blofin", "ltp", "aster-spot", "orderly", "okex-v1-spot")} == {
        "blofin": 51,
        "ltp": 252,
        "aster-spot": 110,
        "orderly": 19,
        "okex-v1-spot": 203,
    }


def test_rebuild_changes_no_byte(project: Path):
    build_all(project)
    before = {p.name: p.read_bytes() for p in (project / "catalogs").iterdir()}
    second = build_all(project)
    assert not any(r.changed for r in second)
    assert {p.name: p.read_bytes() for p in (project / "catalogs").iterdir()} == before


def test_empty_snapshot_fails_and_keeps_the_catalog(project: Path):
    build_all(project)
    catalog = project / "catalogs" / "blofin.json"
    before = catalog.read_bytes()
    (project / "sources" / "snapshots" / "blofin.md").write_text("# Errors\n\nNothing here yet.\n")
    (source,) = load_sources(project / "sources", ["blofin"])
    result = build_source(source, project / "catalogs")
    assert not result.ok
    assert "no error codes found for source 'blofin'" in result.error
    assert catalog.read_bytes() == before


def test_missing_snapshot_is_reported(project: Path):
    (project / "sources" / "snapshots" / "orderly.md").unlink()
    (source,) = load_sources(project / "sources", ["orderly"])
    result = build_source(source, project / "catalogs")
    assert "snapshot missing for source 'orderly'" in result.error
    assert not (project / "catalogs" / "orderly.json").exists()


def test_a_missing_snapshot_s_hint_names_a_sources_directory_not_the_default(tmp_path: Path):
    # "run 'errcat refresh --source acme'" failed where the sources are not in ./sources
    src = tmp_path / "src"
    src.mkdir()
    (src / "acme.toml").write_text(
        'id = "acme"\nexchange = "Acme"\nurl = "https://example.invalid/e.md"\n'
        'format = "markdown"\n',
        "utf-8",
    )
    result = build_source(load_source(src / "acme.toml"), tmp_path / "catalogs")
    assert f"run 'errcat refresh --sources {src} --source acme'" in (result.error or "")
