"""A refresh killed at every write boundary never leaves a pair errcat cannot see, nor loses data.

Each round runs ``errcat refresh`` in a subprocess that dies (``os._exit``, no cleanup, as a
``kill -9`` would) just before or just after its N-th ``os.replace``, the step that publishes
a file; N runs over every write of the run. After each death: every catalog still parses and
validates; every pair either is consistent (hash and content) or is seen as out of step by
``errcat list``; then one uninterrupted refresh repairs everything, reports each repair, and
leaves catalogs byte-identical to a fresh ``errcat build`` of the pages served. The random
``kill -9`` version with many more rounds is ``bench/bench_kill.py`` (figures in BENCHMARKS.md).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from errcat.build import build_from_snapshot
from errcat.catalog import dumps, load_catalog
from errcat.cli import main
from errcat.sources import load_sources
from pytest_httpserver import HTTPServer

HISTORY = Path(__file__).resolve().parent / "fixtures" / "history"
VERSIONS = {
    "blofin": ("blofin/2024-02-11_e3197489.md", "blofin/2024-02-16_2bac3b99.md"),
    "orderly": ("orderly/2025-12-24_a9bb32a5.md", "orderly/2025-12-24_877cfc71.md"),
}
# Dies before or after the N-th os.replace: the moment a file is published.
DYING = """
import os, sys, threading
N, WHEN = int(sys.argv[1]), sys.argv[2]
real = os.replace
calls = [0]
lock = threading.Lock()  # sources are written from worker threads
def replace(src, dst):
    with lock:
        calls[0] += 1
        if calls[0] == N and WHEN == "before":
            os._exit(137)
        real(src, dst)
        if calls[0] == N and WHEN == "after":
            os._exit(137)
os.replace = replace
from errcat.cli import main
sys.exit(main(["refresh", "--timeout", "5", "--retries", "0"]))
"""


@pytest.fixture(scope="module")
def server():
    s = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    s.start()
    yield s
    s.stop()


def tree(root: Path, server: HTTPServer, version: int) -> None:
    (root / "sources" / "snapshots").mkdir(parents=True)
    (root / "catalogs").mkdir()
    for sid, names in VERSIONS.items():
        url = server.url_for(f"/{root.name}/{sid}.md")
        (root / "sources" / f"{sid}.toml").write_text(
            f'id = "{sid}"\nexchange = "{sid}"\nurl = "{url}"\nformat = "markdown"\n'
            "allow_private = true\nmax_drop = 1.0\n",
            "utf-8",
        )
        (root / "sources" / "snapshots" / f"{sid}.md").write_bytes(
            (HISTORY / names[version]).read_bytes()
        )
    assert cli(root, "build")[0] == 0


def cli(root: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        code = main(
            [*args, "--sources", str(root / "sources"), "--catalogs", str(root / "catalogs")]
        )
    return code, out.getvalue()


def serve(server: HTTPServer, prefix: str, version: int) -> None:
    for sid, names in VERSIONS.items():
        server.expect_request(f"/{prefix}/{sid}.md").respond_with_data(
            (HISTORY / names[version]).read_bytes(), headers={"ETag": f'"{sid}-{version}"'}
        )


def check_pairs(root: Path) -> dict[str, str]:
    """Per source: 'pair' (hash and content agree) or 'out of step' (hash disagrees)."""
    out = {}
    for source in load_sources(root / "sources"):
        catalog = load_catalog(root / "catalogs" / f"{source.id}.json")  # parses and validates
        data = source.snapshot.read_bytes()
        if catalog.snapshot_sha256 == hashlib.sha256(data).hexdigest():
            # A hash that matches must mean the catalog is this snapshot's: nothing hidden.
            assert dumps(catalog) == dumps(build_from_snapshot(source, data)), source.id
            out[source.id] = "pair"
        else:
            out[source.id] = "out of step"
    return out


def count_replaces(root: Path) -> int:
    script = DYING.replace("os._exit(137)", "pass")
    script = script.replace("sys.exit(main(", "code = main(").replace(
        '"5", "--retries", "0"]))', '"5", "--retries", "0"])\nprint(calls[0]); sys.exit(code)'
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "0", "never"], cwd=root, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip().splitlines()[-1])


def test_killed_at_every_write_boundary(tmp_path: Path, server: HTTPServer):
    probe = tmp_path / "probe"
    tree(probe, server, 0)
    serve(server, "probe", 1)
    writes = count_replaces(probe)
    assert writes == 5  # 2 snapshots, 2 catalogs, the state file
    seen_out_of_step = 0
    for n in range(1, writes + 1):
        for when in ("before", "after"):
            root = tmp_path / f"k{n}{when}"
            tree(root, server, 0)
            serve(server, root.name, 1)
            died = subprocess.run(
                [sys.executable, "-c", DYING, str(n), when], cwd=root, capture_output=True
            )
            assert died.returncode == 137, died.stderr
            pairs = check_pairs(root)
            code, listed = cli(root, "list")
            out_of_step = {s for s, state in pairs.items() if state != "pair"}
            seen_out_of_step += len(out_of_step)
            # errcat sees every pair out of step (and only those).
            assert code == (1 if out_of_step else 0), listed
            for sid in out_of_step:
                assert re.search(rf"^{sid} .* out of step", listed, re.M), listed

            assert cli(root, "refresh", "--json", str(root / "r.json"))[0] == 0
            report = json.loads((root / "r.json").read_text("utf-8"))
            statuses = {s["source"]: s["status"] for s in report["sources"]}
            assert {s for s, st in statuses.items() if st == "repaired"} == out_of_step
            assert set(check_pairs(root).values()) == {"pair"}
            # No silent loss: every catalog is what the page now served builds.
            for sid, names in VERSIONS.items():
                want = (HISTORY / names[1]).read_bytes()
                assert (root / "sources" / "snapshots" / f"{sid}.md").read_bytes() == want
            assert not list(root.rglob("*.tmp"))
            shutil.rmtree(root)
    assert seen_out_of_step > 0  # the kills did land between a snapshot and its catalog
