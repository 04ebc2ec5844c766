"""Shared fixtures: paths to copied documents and a scratch project tree."""

from __future__ import annotations

import shutil
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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the repository's sources/ (definitions and snapshots) with an empty catalogs/."""
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    (tmp_path / "catalogs").mkdir()
    return tmp_path
