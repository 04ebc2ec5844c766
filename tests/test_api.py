"""The library API over the shipped catalogs: errcat.sources(), catalog(), lookup(), explain()."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import errcat
import pytest
from errcat.build import update_index
from errcat.catalog import (
    SCHEMA_VERSION,
    CatalogDir,
    catalog_ids,
    catalogs_for,
    index_text,
    load_catalog,
    read_index,
    shipped_dir,
)
from errcat.cli import main
from errcat.errors import CatalogError
from errcat.explain import Explanation
from errcat.sources import load_source

from tests.conftest import ROOT

SHIPPED = sorted(p.stem for p in (ROOT / "catalogs").glob("*.json") if p.name != "index.json")


def test_the_shipped_catalogs_are_the_checkouts_one_copy():
    # an editable install maps errcat.catalogs onto the checkout's catalogs/ folder itself
    assert Path(shipped_dir()).resolve() == (ROOT / "catalogs").resolve()
    assert catalog_ids(shipped_dir()) == SHIPPED


def test_sources_lists_every_shipped_catalog_with_its_index_line():
    infos = errcat.sources()
    assert [i.id for i in infos] == SHIPPED
    for info in infos:
        data = json.loads((ROOT / "catalogs" / f"{info.id}.json").read_text("utf-8"))
        source = load_source(ROOT / "sources" / f"{info.id}.toml")
        assert (info.exchange, info.url) == (data["exchange"], data["url"])
        assert info.entries == len(data["entries"])
        assert info.page == source.page
        assert info.schema_version == SCHEMA_VERSION == 2
        assert info.errcat_version == errcat.__version__


@pytest.mark.parametrize("source_id", SHIPPED)
def test_catalog_is_the_validated_file(source_id: str):
    # the fast path (no schema) gives exactly what the validating loader gives
    assert errcat.catalog(source_id) == load_catalog(ROOT / "catalogs" / f"{source_id}.json")


def test_catalog_is_read_once():
    assert errcat.catalog("bitget") is errcat.catalog("bitget")


def test_unknown_source_names_the_known_ones():
    with pytest.raises(CatalogError, match=r"unknown source 'nope'.*known: aster-futures, "):
        errcat.catalog("nope")
    for bad in ("index", "../catalogs/blofin", ""):
        with pytest.raises(CatalogError, match="unknown source"):
            errcat.catalog(bad)


def test_lookup():
    (entry,) = errcat.lookup("aster-spot", -1121)
    assert (entry.code, entry.name, entry.category) == ("-1121", "BAD_SYMBOL", "BadSymbol")
    assert errcat.lookup("aster-spot", "-9999") == []
    # okex-v1-spot documents 10002 for REST and for WebSocket
    assert [e.surface for e in errcat.lookup("okex-v1-spot", "10002")] == ["rest", "websocket"]
    assert [e.surface for e in errcat.lookup("okex-v1-spot", "10002", "websocket")] == ["websocket"]


def test_explain_the_issues_examples():
    ex = errcat.explain("blofin", "Parameter instId cannot be empty.")
    assert isinstance(ex, Explanation)
    assert (ex.entry.code, ex.matched_by) == ("152001", "message")
    # aster-spot documents -1121 BAD_SYMBOL as "Invalid trading pair.": the code decides
    ex = errcat.explain("aster-spot", '{"code":-1121,"msg":"Invalid symbol."}')
    assert (ex.entry.code, ex.entry.category, ex.matched_by) == ("-1121", "BadSymbol", "code")
    assert ex.notes == ("the message is not documented for code -1121",)


def test_explain_cites_the_documentation_page():
    # blofin's source file names a human-readable page beside the raw markdown URL
    source = load_source(ROOT / "sources" / "blofin.toml")
    assert source.page and source.page != source.url
    assert errcat.explain("blofin", "152001").url == source.page


def test_explain_on_a_surface():
    ex = errcat.explain("okex-v1-spot", "10002", surface="websocket")
    assert [e.surface for e in ex.entries] == ["websocket"]


def test_functions_stay_functions_when_their_modules_are_imported():
    script = (
        "import errcat, errcat.catalog, errcat.explain, errcat.sources, errcat.extract, "
        "errcat.build\n"
        "from errcat.catalog import read_catalog\n"
        "print(errcat.explain('blofin', '152001').entry.code, errcat.catalog('blofin').source,"
        " len(errcat.sources()) > 0,"
        " errcat.extract('### -1121 BAD_SYMBOL\\n* Invalid symbol.').get('-1121').name)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["152001", "blofin", "True", "BAD_SYMBOL"]


def test_index_is_written_by_build_and_deterministic(tmp_path: Path):
    ids = ["orderly", "blofin", "aster-spot"]
    sources = [load_source(ROOT / "sources" / f"{i}.toml") for i in ids]
    texts = []
    for order in (sources, sources[::-1]):
        directory = tmp_path / str(len(texts))
        directory.mkdir()
        for source in order:
            (directory / f"{source.id}.json").write_bytes(
                (ROOT / "catalogs" / f"{source.id}.json").read_bytes()
            )
            update_index(directory, source, errcat.catalog(source.id))
        texts.append((directory / "index.json").read_text("utf-8"))
    assert texts[0] == texts[1]
    data = json.loads(texts[0])
    assert list(data["sources"]) == sorted(ids)
    assert data["schema_version"] == SCHEMA_VERSION
    # a catalog that is gone loses its line at the next update
    (directory / "blofin.json").unlink()
    update_index(directory, sources[0], errcat.catalog("orderly"))
    assert sorted(read_index(directory)) == ["aster-spot", "orderly"]


def test_the_committed_index_is_what_build_writes():
    infos = read_index(ROOT / "catalogs")
    assert index_text(infos.values()) == (ROOT / "catalogs" / "index.json").read_text("utf-8")
    assert sorted(infos) == SHIPPED


def test_a_broken_index_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "index.json").write_text('{"sources": {"x": {"exchange": "X"}}}')
    with pytest.raises(CatalogError, match=r"index.json: not a catalogs index"):
        read_index(tmp_path)


def test_where_commands_read_catalogs(tmp_path: Path, monkeypatch):
    given = catalogs_for(tmp_path)
    assert (given.path, given.trusted) == (str(tmp_path), False)
    monkeypatch.chdir(ROOT)  # a checkout: catalogs/ beside sources/
    assert (catalogs_for().path, catalogs_for().trusted) == ("catalogs", True)
    monkeypatch.chdir(tmp_path)  # anywhere else: the package's
    assert catalogs_for().path == shipped_dir()
    (tmp_path / "catalogs").mkdir()  # a catalogs/ folder alone is not a checkout
    assert catalogs_for().path == shipped_dir()
    # nor are catalogs/ and sources/ of another project: explain there read an empty catalogs/
    (tmp_path / "sources").mkdir()
    assert catalogs_for().path == shipped_dir()
    assert main(["explain", "blofin", "152001"]) == 0
    (tmp_path / "catalogs" / "index.json").write_text("{}")  # errcat built this tree
    assert (catalogs_for().path, catalogs_for().trusted) == ("catalogs", True)


def test_an_untrusted_directory_is_validated(tmp_path: Path):
    data = json.loads((ROOT / "catalogs" / "blofin.json").read_text("utf-8"))
    data["entries"][0]["surface"] = "fix"
    (tmp_path / "blofin.json").write_text(json.dumps(data))
    with pytest.raises(
        CatalogError, match=r"blofin.json: not a valid catalog at entries/0/surface"
    ):
        CatalogDir(tmp_path, trusted=False).load("blofin")
    # errcat's own catalogs are read on trust (the shape is still checked)
    assert CatalogDir(tmp_path).load("blofin").entries[0].surface == "fix"


def test_pyproject_declares_a_dependency_free_runtime():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["dependencies"] == []
    scrape = project["optional-dependencies"]["scrape"]
    names = {re.split(r"[<>=~!; \[]", d)[0] for d in scrape}
    assert names == {
        "beautifulsoup4",
        "lxml",
        "markdown-it-py",
        "ftfy",
        "httpx",
        "deepdiff",
        "jsonschema",
    }
    # an upper bound: "<N" or a compatible release "~=X.Y"
    bounded = {re.split(r"[<>=~!; \[]", d)[0] for d in scrape if "<" in d or "~=" in d}
    assert bounded == {"markdown-it-py", "ftfy"}
    assert "errcat[scrape]" in project["optional-dependencies"]["dev"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License")
