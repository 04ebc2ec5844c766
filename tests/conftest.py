"""Shared fixtures: paths to copied documents and a scratch project tree."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"

SEED_FILES = {
    "blofin": SEEDS / "000_676fefb0a4795679.txt",
    "ltp": SEEDS / "001_e418ded35248e8bc.txt",
    "aster-spot": SEEDS / "002_6ddee15539cf7e58.txt",
    "orderly": SEEDS / "003_811c13913c8c7a6d.txt",
    "okex-v1-spot": SEEDS / "004_acb5702ecb0107ae.txt",
}


def make_project(root: Path, source_ids: Iterable[str]) -> Path:
    """Copy these shipped sources (definitions and markdown snapshots) under ``root``, with an
    empty ``catalogs/``; return ``root``."""
    (root / "sources" / "snapshots").mkdir(parents=True)
    for source_id in source_ids:
        shutil.copy(ROOT / "sources" / f"{source_id}.toml", root / "sources")
        shutil.copy(
            ROOT / "sources" / "snapshots" / f"{source_id}.md", root / "sources" / "snapshots"
        )
    (root / "catalogs").mkdir()
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch tree with the five seed sources (definitions and snapshots), empty catalogs/."""
    return make_project(tmp_path, SEED_FILES)
