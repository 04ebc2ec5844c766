"""The committed catalogs are exactly what ``errcat build`` makes of the committed snapshots.

A hand edit of ``catalogs/<id>.json``, or a parser change committed without its rebuilt catalogs,
would otherwise pass every other test (and make every later refresh report the source ``stale``).
The build runs as a separate process into a copy of ``catalogs/``, so the tree is never written and
the bytes compared are those another process writes (ordering by ``hash()`` would show here).
CI runs the same check as its own step (``errcat build`` then ``git diff --exit-code``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "catalogs"
SOURCES = ROOT / "sources"


def build_into(catalogs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from errcat.cli import main; sys.exit(main(sys.argv[1:]))",
            "build",
            "--sources",
            str(SOURCES),
            "--catalogs",
            str(catalogs),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


def differing(built: Path, committed_dir: Path = CATALOGS) -> list[str]:
    """Names of the catalogs whose bytes differ, or that exist on one side only."""
    committed = {p.name: p.read_bytes() for p in committed_dir.glob("*.json")}
    rebuilt = {p.name: p.read_bytes() for p in built.glob("*.json")}
    names = sorted(committed.keys() | rebuilt.keys())
    return [n for n in names if committed.get(n) != rebuilt.get(n)]


def test_errcat_build_leaves_every_committed_catalog_unchanged(tmp_path: Path):
    copy = tmp_path / "catalogs"
    shutil.copytree(CATALOGS, copy)
    result = build_into(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert differing(copy) == [], "run 'errcat build' and commit the catalogs it changes"


def test_one_source_per_committed_catalog():
    # A catalog without a source file (or the reverse) would escape the comparison above.
    # (index.json is the catalogs' index, not a catalog.)
    catalogs = {p.stem for p in CATALOGS.glob("*.json") if p.name != "index.json"}
    assert catalogs == {p.stem for p in SOURCES.glob("*.toml")}


def test_a_hand_edited_catalog_is_caught(tmp_path: Path):
    # The comparison must see a one-byte change in a catalog that the build then restores.
    copy = tmp_path / "catalogs"
    shutil.copytree(CATALOGS, copy)
    built = tmp_path / "built"
    shutil.copytree(CATALOGS, built)
    assert build_into(built).returncode == 0
    victim = copy / "blofin.json"
    victim.write_bytes(victim.read_bytes().replace(b'"code": "', b'"code": "9', 1))
    assert differing(built, committed_dir=copy) == ["blofin.json"]
    (copy / "extra.json").write_bytes(b"{}")
    assert differing(built, committed_dir=copy) == ["blofin.json", "extra.json"]
