"""Writing and reading the project tree: atomic, the mode of a plain write, regular files only,
temporary files of a killed write cleaned, one writer at a time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from errcat.files import TreeError, clean_temps, locked, read_regular, write_atomic


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_files_get_the_mode_a_plain_write_gives(tmp_path: Path, umask_022):
    plain = tmp_path / "plain.json"
    plain.write_text("x")
    assert write_atomic(tmp_path / "atomic.json", "x")
    assert (tmp_path / "atomic.json").stat().st_mode == plain.stat().st_mode
    assert oct((tmp_path / "atomic.json").stat().st_mode & 0o777) == "0o644"


def test_an_existing_files_mode_is_kept(tmp_path: Path):
    path = tmp_path / "catalog.json"
    path.write_text("old")
    path.chmod(0o664)
    assert write_atomic(path, "new")
    assert path.read_text() == "new" and oct(path.stat().st_mode & 0o777) == "0o664"


def test_identical_content_is_not_rewritten(tmp_path: Path):
    path = tmp_path / "a.json"
    assert write_atomic(path, "same")
    before = path.stat().st_mtime_ns, path.stat().st_ino
    assert not write_atomic(path, "same")
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before
    assert write_atomic(path, "other") and path.stat().st_ino != before[1]


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_special_files_are_refused_both_ways(tmp_path: Path, kind: str):
    path = tmp_path / "catalog.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    with pytest.raises(TreeError, match="not a regular file"):
        read_regular(path)  # neither blocks on the FIFO nor reads /dev/zero forever
    with pytest.raises(TreeError, match="not a regular file"):
        write_atomic(path, "x")
    assert not path.is_file()


def test_reading_has_a_limit(tmp_path: Path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, limit=100) == b"x" * 100
    with pytest.raises(TreeError, match="over the 99 byte limit"):
        read_regular(path, limit=99)


def test_temporary_files_of_a_killed_write_are_cleaned(tmp_path: Path):
    leftovers = [tmp_path / ".blofin.json.4242.tmp", tmp_path / ".state.json.7.tmp"]
    for path in leftovers:
        path.write_text("half")
    keep = [tmp_path / "blofin.json", tmp_path / "notes.tmp"]
    for path in keep:
        path.write_text("keep")
    assert sorted(clean_temps(tmp_path)) == sorted(leftovers)
    assert all(p.exists() for p in keep) and not any(p.exists() for p in leftovers)
    # A kill in the middle of a write leaves only such a file, never a half target.
    script = (
        "import os, sys\nfrom pathlib import Path\nfrom errcat.files import write_atomic\n"
        "os.replace = lambda *a: os._exit(9)\nwrite_atomic(Path(sys.argv[1]), 'new')\n"
    )
    target = tmp_path / "blofin.json"
    done = subprocess.run([sys.executable, "-c", script, str(target)])
    assert done.returncode == 9
    assert target.read_text() == "keep"
    (left,) = tmp_path.glob(".blofin.json.*.tmp")
    assert left.read_text() == "new"
    assert clean_temps(tmp_path) == [left] and not left.exists()


def test_one_lock_per_tree(tmp_path: Path):
    with locked(tmp_path):
        with pytest.raises(TreeError, match="another errcat is running"), locked(tmp_path):
            pass
        other = subprocess.run(
            [
                sys.executable,
                "-c",
                f"from errcat.files import locked\nwith locked({str(tmp_path)!r}): pass",
            ],
            capture_output=True,
            text=True,
        )
        assert other.returncode != 0 and "another errcat is running" in other.stderr
    with locked(tmp_path):  # released when the first one ended
        pass
    assert list(tmp_path.iterdir()) == []  # no lock file left behind
