"""The real wheel, installed into a fresh virtualenv outside any checkout, as a user would.

The wheel and the sdist are built offline with the setuptools of the test environment, from a
copy of the files they are made of (so nothing stale in the checkout's build/ can slip in);
the wheel is installed with pip and no dependencies: the runtime has none.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from tests.conftest import ROOT

SHIPPED = sorted(p.name for p in (ROOT / "catalogs").glob("*.json"))
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "MANIFEST.in")


def _run(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess[str]:
    # a clean environment: nothing on PYTHONPATH may point back at the checkout
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300, env=env, **kw)


def _build(kind: str, source: Path, out: Path) -> Path:
    done = _run(
        [
            sys.executable,
            "-c",
            f"import sys; from setuptools import build_meta; "
            f"print(build_meta.build_{kind}(sys.argv[1]))",
            str(out),
        ],
        cwd=source,
    )
    assert done.returncode == 0, done.stderr
    return out / done.stdout.split()[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("scraper", "catalogs"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, source / name)
    dist = tmp / "dist"
    wheel = _build("wheel", source, dist)
    sdist = _build("sdist", source, dist)
    venv = tmp / "venv"
    done = _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp)
    assert done.returncode == 0, done.stderr
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    done = _run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel],
        cwd=tmp,
    )
    assert done.returncode == 0, done.stderr
    elsewhere = tmp / "elsewhere"  # not a checkout: no catalogs/, no sources/
    elsewhere.mkdir()
    return {"wheel": wheel, "sdist": sdist, "bin": bin_dir, "cwd": elsewhere, "tmp": tmp}


def errcat(built, *args: str) -> subprocess.CompletedProcess[str]:
    return _run([str(built["bin"] / "errcat"), *args], cwd=built["cwd"])


def python(built, code: str) -> subprocess.CompletedProcess[str]:
    return _run([str(built["bin"] / "python"), "-c", code], cwd=built["cwd"])


def test_explain_a_json_body_from_the_shipped_catalog(built):
    out = errcat(built, "explain", "aster-spot", '{"code":-1121,"msg":"Invalid symbol."}')
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("-1121  BAD_SYMBOL\n")
    assert "category:    BadSymbol < " in out.stdout


def test_the_library_explains_a_message(built):
    out = python(
        built,
        "import errcat; print(errcat.explain('blofin', "
        "'Parameter instId cannot be empty.').entry.code)",
    )
    assert (out.returncode, out.stdout) == (0, "152001\n"), out.stderr


def test_no_scraper_module_is_installed(built):
    out = python(built, "import scraper")
    assert out.returncode == 1
    assert "ModuleNotFoundError: No module named 'scraper'" in out.stderr


def test_show_export_and_version_outside_a_checkout(built):
    out = errcat(built, "show", "blofin")
    assert out.returncode == 0, out.stderr
    assert "51 entries in blofin" in out.stdout
    out = errcat(built, "export", "--format", "ccxt", "--source", "aster-spot")
    assert json.loads(out.stdout)["aster-spot"]["exact"]["-1121"] == "BadSymbol"
    assert errcat(built, "--version").stdout == "errcat 0.1.0\n"
    out = errcat(built, "show", "nope")
    assert out.returncode == 2 and "unknown source 'nope'" in out.stderr


def test_the_scraping_commands_ask_for_the_extra(built):
    out = errcat(built, "build")
    assert out.returncode == 2
    assert "'errcat build' needs the scrape extra" in out.stderr
    assert out.stderr.count("\n") == 1


def test_no_third_party_module_at_run_time(built):
    out = python(
        built,
        "import sys, errcat\n"
        'errcat.explain(\'bitget\', \'{"code":"40034","msg":"Parameter does not exist"}\')\n'
        "print(sorted({m.partition('.')[0] for m in sys.modules} & {'bs4', 'lxml', "
        "'markdown_it', 'ftfy', 'httpx', 'deepdiff', 'jsonschema'}))",
    )
    assert (out.returncode, out.stdout) == (0, "[]\n"), out.stderr


def test_explain_imports_no_heavy_standard_module_from_the_wheel(built):
    # As installed (no editable-install hook bringing pathlib at start-up): what the console
    # script's `errcat explain SOURCE CODE` and `errcat show` import, beyond a bare interpreter.
    from tests.test_runtime_imports import HEAVY

    report = "import json, sys; print(json.dumps(sorted(sys.modules)))"
    bare = set(json.loads(python(built, report).stdout))
    assert not HEAVY & bare
    for argv in (["explain", "bitget", "43012"], ["show", "blofin", "152001"]):
        out = python(
            built,
            "import io, sys\n"
            "from errcat.cli import main\n"
            "out, sys.stdout = sys.stdout, io.StringIO()\n"
            f"assert main({argv!r}) == 0\n"
            f"sys.stdout = out\n{report}",
        )
        assert out.returncode == 0, out.stderr
        added = set(json.loads(out.stdout)) - bare
        assert f"errcat.cli.{argv[0]}" in added
        assert not HEAVY & added, argv


def test_the_wheel_carries_every_catalog_and_nothing_else(built):
    names = zipfile.ZipFile(built["wheel"]).namelist()
    catalogs = sorted(
        n.removeprefix("errcat/catalogs/")
        for n in names
        if n.startswith("errcat/catalogs/") and n.endswith(".json")
    )
    assert catalogs == SHIPPED and "index.json" in catalogs
    assert "errcat/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    # one package, errcat: no top-level scraper/, tests/ or catalogs/
    tops = {n.split("/")[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"errcat"}


def test_the_wheel_metadata(built):
    with zipfile.ZipFile(built["wheel"]) as wheel:
        (meta,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        data = Parser().parsestr(wheel.read(meta).decode("utf-8"))
    assert data["License-Expression"] == "MIT"
    # every requirement belongs to an extra: the runtime depends on nothing
    assert all("extra ==" in r for r in data.get_all("Requires-Dist"))
    assert "scrape" in data.get_all("Provides-Extra")
    assert "Typing :: Typed" in data.get_all("Classifier")
    assert data.get_all("Project-URL")


def test_the_sdist_leaves_the_tests_out_and_builds_the_same_wheel(built, tmp_path):
    with tarfile.open(built["sdist"]) as sdist:
        names = [n.split("/", 1)[1] for n in sdist.getnames() if "/" in n]
        sdist.extractall(tmp_path, filter="data")
    assert not [n for n in names if n.startswith(("tests/", "sources/", "bench/"))]
    assert {"LICENSE", "CHANGELOG.md", "catalogs/index.json"} <= set(names)
    (unpacked,) = tmp_path.iterdir()
    again = _build("wheel", unpacked, tmp_path / "dist")
    assert sorted(zipfile.ZipFile(again).namelist()) == sorted(
        zipfile.ZipFile(built["wheel"]).namelist()
    )
