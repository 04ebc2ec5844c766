"""``kill -9`` an ``errcat refresh`` at random moments, many times; count what each kill left.

    python bench/bench_kill.py [--rounds 200] [--sources 12] [--seed 1]

Every round serves each source a page that differs from its stored snapshot (versions
alternate), starts ``errcat refresh`` in a subprocess, and sends SIGKILL after a random delay.
An uninterrupted run is timed first, with the moment its first snapshot is written: a quarter of
the kills fall anywhere in the run, the rest within 0.3 s of that moment (the writing phase,
where a kill can split a pair).
After each kill it checks every source:

* the catalog parses and validates;
* its pair state: *pair* (the recorded hash is the snapshot's, and the catalog is exactly what
  the snapshot builds), *out of step* (the hash names another snapshot: seen by ``errcat
  list``), or *undetected* (hash matches, content does not: the failure this guards against);

then runs one refresh uninterrupted and checks that every source is a pair again, every pair
that was out of step was reported ``repaired``, and each snapshot is the page served (no silent
loss). Figures go in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from errcat.build import build_from_snapshot
from errcat.catalog import dumps, load_catalog
from errcat.errors import ErrcatError
from errcat.sources import load_sources


def page(source: int, version: int, codes: int = 80) -> bytes:
    """Version 1 adds ten codes and rewords every message of version 0 (never a guard trip)."""
    n = codes + 10 * version
    rows = "".join(
        f"| {10000 + source * 1000 + k} | {'Reworded' if version else 'Message'} {k} of {source}"
        " |\n"
        for k in range(n)
    )
    return f"# Error codes\n\n| Error Code | Error Message |\n|---|---|\n{rows}".encode()


class Upstream(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        super().__init__(("127.0.0.1", 0), Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client killed mid-request resets its connection: expected here


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Upstream

    def do_GET(self) -> None:
        body = self.server.pages.get(self.path, b"")
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("ETag", tag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def errcat(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "errcat", *args], cwd=root, capture_output=True, text=True
    )


def setup(root: Path, port: int, n: int) -> None:
    (root / "sources" / "snapshots").mkdir(parents=True)
    (root / "catalogs").mkdir()
    for i in range(n):
        (root / "sources" / f"s{i}.toml").write_text(
            f'id = "s{i}"\nexchange = "S{i}"\nurl = "http://127.0.0.1:{port}/s{i}.md"\n'
            'format = "markdown"\nallow_private = true\n',
            "utf-8",
        )
        (root / "sources" / "snapshots" / f"s{i}.md").write_bytes(page(i, 0))
    assert errcat(root, "build").returncode == 0


def pairs(root: Path) -> dict[str, str]:
    out = {}
    for source in load_sources(root / "sources"):
        try:
            catalog = load_catalog(root / "catalogs" / f"{source.id}.json")
        except ErrcatError:
            out[source.id] = "invalid catalog"
            continue
        data = source.snapshot.read_bytes()
        if catalog.snapshot_sha256 != hashlib.sha256(data).hexdigest():
            out[source.id] = "out of step"
        elif dumps(catalog) != dumps(build_from_snapshot(source, data)):
            out[source.id] = "undetected"
        else:
            out[source.id] = "pair"
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=200)
    p.add_argument("--sources", type=int, default=12)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    rnd = random.Random(args.seed)

    server = Upstream()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    counts = {"pair": 0, "out of step": 0, "undetected": 0, "invalid catalog": 0}
    kills = killed_mid_run = out_of_step_rounds = listed_ok = 0
    repaired_ok = recovered_ok = lost = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "tree"
        setup(root, port, args.sources)
        # How long an uninterrupted run takes, start-up included: the kill window.
        version = 1
        server.pages = {f"/s{i}.md": page(i, version) for i in range(args.sources)}
        first = root / "sources" / "snapshots" / "s0.md"
        before = first.stat().st_mtime_ns
        started = time.perf_counter()
        probe = subprocess.Popen(
            [sys.executable, "-m", "errcat", "refresh"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        writing = None
        while probe.poll() is None:
            if writing is None and first.stat().st_mtime_ns != before:
                writing = time.perf_counter() - started
            time.sleep(0.001)
        full = time.perf_counter() - started
        assert probe.returncode == 0 and writing is not None
        print(
            f"uninterrupted refresh of {args.sources} changed sources: {full:.2f} s, "
            f"first snapshot written at {writing:.2f} s"
        )
        for _ in range(args.rounds):
            version = 1 - version
            server.pages = {f"/s{i}.md": page(i, version) for i in range(args.sources)}
            proc = subprocess.Popen(
                [sys.executable, "-m", "errcat", "refresh"],
                cwd=root,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if rnd.random() < 0.25:
                time.sleep(rnd.uniform(0.0, full))
            else:
                # around the first write: runs vary in length on a shared machine
                time.sleep(rnd.uniform(max(0.0, writing - 0.3), writing + 0.3))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                killed_mid_run += 1
            proc.wait()
            kills += 1
            state = pairs(root)
            for value in state.values():
                counts[value] += 1
            stepped = {s for s, v in state.items() if v == "out of step"}
            out_of_step_rounds += bool(stepped)
            listed = errcat(root, "list")
            if listed.returncode == (1 if stepped else 0) and all(
                f"{s} " in listed.stdout for s in stepped
            ):
                listed_ok += 1
            again = errcat(root, "refresh", "--json", "r.json")
            report = json.loads((root / "r.json").read_text("utf-8"))
            repaired = {s["source"] for s in report["sources"] if s["status"] == "repaired"}
            repaired_ok += again.returncode == 0 and repaired == stepped
            recovered_ok += set(pairs(root).values()) == {"pair"}
            lost += sum(
                (root / "sources" / "snapshots" / f"s{i}.md").read_bytes() != page(i, version)
                for i in range(args.sources)
            )
        shutil.rmtree(root)
    server.shutdown()
    n = kills * args.sources
    print(f"{kills} rounds ({killed_mid_run} killed mid-run), {args.sources} sources each")
    print("| after a kill, per source | count | share |")
    print("|---|--:|--:|")
    for what, count in counts.items():
        print(f"| {what} | {count} | {count / n:.1%} |")
    print(f"rounds with a pair out of step: {out_of_step_rounds}")
    print(f"rounds where `errcat list` named exactly those: {listed_ok} of {kills}")
    print(
        f"rounds where the next refresh exited 0 reporting exactly those `repaired`: {repaired_ok}"
    )
    print(f"rounds where every source was a pair afterwards: {recovered_ok} of {kills}")
    print(f"snapshots not the served page after the next refresh (silent loss): {lost}")
    bad = counts["undetected"] + counts["invalid catalog"] + lost
    return 1 if bad or recovered_ok != kills or repaired_ok != kills or listed_ok != kills else 0


if __name__ == "__main__":
    sys.exit(main())
