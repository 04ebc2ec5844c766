"""Bad source files, a missing snapshot, a hand-broken catalog: one clear line naming the file,
a non-zero exit, and no other catalog touched.

Runs the real command line (``errcat.cli.main`` in-process, and once ``python -m errcat`` in a
subprocess) on a scratch copy of the project tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from errcat.cli import main

from tests.conftest import make_project

BUILT = ("blofin", "orderly", "ltp")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """sources/ (definitions and snapshots of three sources) and their freshly built catalogs."""
    make_project(tmp_path, BUILT)
    assert cli(tmp_path, "build")[0] == 0
    return tmp_path


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(
            [*args, "--sources", str(root / "sources"), "--catalogs", str(root / "catalogs")]
        )
    return code, out.getvalue(), err.getvalue()


def catalogs(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every catalog's bytes and modification time: 'touched' means either changed."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (root / "catalogs").glob("*.json")
    }


def one_error_line(stderr: str, *needles: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("errcat: error: ")
    assert "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def test_malformed_toml(tree: Path):
    before = catalogs(tree)
    bad = tree / "sources" / "broken.toml"
    bad.write_text('id = "broken"\nexchange = [\n', encoding="utf-8")
    code, out, err = cli(tree, "build")
    assert code == 2
    one_error_line(err, str(bad), "invalid TOML")
    assert out == ""
    assert catalogs(tree) == before


def test_unknown_key(tree: Path):
    before = catalogs(tree)
    path = tree / "sources" / "orderly.toml"
    path.write_text(path.read_text(encoding="utf-8") + 'colour = "red"\n', encoding="utf-8")
    code, _, err = cli(tree, "build")
    assert code == 2
    one_error_line(err, str(path), "unknown key 'colour'")
    assert catalogs(tree) == before


def test_missing_snapshot_keeps_that_catalog_and_builds_the_others(tree: Path):
    before = catalogs(tree)
    snapshot = tree / "sources" / "snapshots" / "orderly.md"
    snapshot.unlink()
    code, out, err = cli(tree, "build")
    assert code == 1
    one_error_line(err, str(snapshot), "snapshot missing", "'orderly'")
    assert "orderly" in out and "NO SNAPSHOT" in out  # the summary still shows every source
    # and says how to get one, with the sources directory given
    assert f"errcat refresh --sources {tree / 'sources'} --source orderly" in err
    assert "2 of 3 sources built" in out
    assert catalogs(tree) == before  # orderly's kept as it was, the others rebuilt identical


def test_duplicate_source_id(tree: Path):
    before = catalogs(tree)
    copy = tree / "sources" / "blofin-copy.toml"
    shutil.copy(tree / "sources" / "blofin.toml", copy)  # copied, id not changed
    code, _, err = cli(tree, "build")
    assert code == 2
    one_error_line(err, str(copy), "'blofin'")
    assert catalogs(tree) == before


def test_catalog_edited_into_invalid_json(tree: Path):
    broken = tree / "catalogs" / "blofin.json"
    broken.write_text('{"source": "blofin", "entries": [', encoding="utf-8")
    before = catalogs(tree)
    code, out, err = cli(tree, "show", "blofin")
    assert code == 2
    one_error_line(err, str(broken), "invalid JSON")
    assert out == ""
    # The other catalogs still read, and reading touched nothing.
    code, out, _ = cli(tree, "show", "orderly", "-1005")
    assert code == 0 and "Some parameters are in wrong format." in out
    assert catalogs(tree) == before


def test_catalog_edited_into_valid_json_that_is_not_a_catalog(tree: Path):
    broken = tree / "catalogs" / "ltp.json"
    broken.write_text('{"source": "ltp", "entries": "none"}', encoding="utf-8")
    code, _, err = cli(tree, "show", "ltp")
    assert code == 2
    one_error_line(err, str(broken), "not a valid catalog")


def test_build_repairs_a_broken_catalog_from_its_snapshot_only(tree: Path):
    broken = tree / "catalogs" / "blofin.json"
    broken.write_text("{oops", encoding="utf-8")
    before = catalogs(tree)
    code, _, err = cli(tree, "build", "--source", "blofin")
    assert code == 0, err
    assert cli(tree, "show", "blofin", "429")[0] == 0
    after = catalogs(tree)
    assert {k: v for k, v in after.items() if k != "blofin.json"} == {
        k: v for k, v in before.items() if k != "blofin.json"
    }


def test_real_entry_point_prints_one_line_and_exits_2(tree: Path):
    bad = tree / "sources" / "broken.toml"
    bad.write_text("id = \n", encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "errcat",
            "build",
            "--sources",
            "sources",
            "--catalogs",
            "catalogs",
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    one_error_line(run.stderr, "broken.toml", "invalid TOML")


# --- issue 16 ---------------------------------------------------------------------------------


def test_one_malformed_source_does_not_break_show_explain_export_of_the_others(tree: Path):
    (tree / "sources" / "ltp.toml").write_text("id = ", "utf-8")
    code, out, _ = cli(tree, "show", "blofin", "152014")
    assert code == 0 and "152014" in out
    code, out, _ = cli(tree, "explain", "blofin", "152014")
    assert code == 0 and "152014" in out
    code, out, _ = cli(tree, "export", "--source", "blofin", "--format", "csv")
    assert code == 0 and "blofin" in out
    # show reads the built catalog, never the source file (issue 12): ltp's own is still shown
    code, out, _ = cli(tree, "show", "ltp")
    assert code == 0 and "400001" in out
    code, _, err = cli(tree, "build", "--source", "ltp")
    assert code == 2
    one_error_line(err, "ltp.toml", "invalid TOML")


@pytest.mark.parametrize("kind", ["fifo", "dev-full", "dev-zero"])
def test_a_catalog_that_is_a_fifo_or_a_device_is_refused_at_once(tree: Path, kind: str):
    import os

    path = tree / "catalogs" / "blofin.json"
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/full" if kind == "dev-full" else "/dev/zero")
    code, _, err = cli(tree, "show", "blofin")
    assert code == 2
    one_error_line(err, "blofin.json", "not a regular file")


def test_build_warns_about_an_override_the_page_does_not_have(tree: Path):
    toml = tree / "sources" / "blofin.toml"
    toml.write_text(toml.read_text("utf-8") + '\n[overrides]\n"999999" = "BadSymbol"\n', "utf-8")
    code, _, err = cli(tree, "build", "--source", "blofin")
    assert code == 0
    assert "errcat: warning: " in err and "key '999999' matches no code of the page" in err
