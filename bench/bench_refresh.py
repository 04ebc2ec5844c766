"""Benchmark ``errcat refresh``: 50 sources on loopback, 100 ms added latency per response.

    python bench/bench_refresh.py [--sources 50] [--latency 0.1] [--concurrency 1 4 8 16]

Measures (1) a full refresh (every page new) at several concurrency levels against the ideal
``latency × ceil(sources / concurrency)``, and (2) a no-change refresh (every answer a 304) end
to end through the command line, process start included. Figures go in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
from errcat.fetch import FetchOptions
from errcat.refresh import refresh
from errcat.sources import load_sources


def document(i: int, codes: int = 60) -> bytes:
    """A Slate-style error table (BloFin's shape), different for every source."""
    rows = [
        f"{100000 + i * 1000 + n} | 200 | Error {n} of source {i}: check the request."
        for n in range(codes)
    ]
    head = "# Errors\n\nError Code | HTTP Status Code | Error Message\n---------- | --- | ---\n"
    return (head + "\n".join(rows) + "\n").encode()


class Upstream(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 drops the SYNs of a burst of new connections, and
    # the client's SYN retry waits a whole second.
    request_queue_size = 128

    def __init__(self, pages: dict[str, bytes], latency: float) -> None:
        self.pages, self.latency = pages, latency
        self.requests = self.not_modified = 0
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are two writes: with Nagle on, each response would also wait out the
    # client's 40 ms delayed ACK, a cost of this toy server that real upstreams do not have.
    disable_nagle_algorithm = True
    server: Upstream

    def do_GET(self) -> None:
        time.sleep(self.server.latency)
        body = self.server.pages.get(self.path)
        with self.server.lock:
            self.server.requests += 1
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == tag:
            with self.server.lock:
                self.server.not_modified += 1
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("ETag", tag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def project(root: Path, port: int, n: int) -> None:
    (root / "sources").mkdir(parents=True)
    (root / "catalogs").mkdir()
    for i in range(n):
        (root / "sources" / f"src{i:02d}.toml").write_text(
            f'id = "src{i:02d}"\nexchange = "Exchange {i}"\n'
            f'url = "http://127.0.0.1:{port}/src{i:02d}.md"\nformat = "markdown"\n'
            "allow_private = true\n"  # a loopback upstream: the local-mirror opt-in
        )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, httpx {httpx.__version__}"
    )


def row(what: str, concurrency: int, wall: float, ideal: float) -> None:
    print(f"| {what} | {concurrency} | {wall:.2f} | {ideal:.2f} | {wall / ideal:.2f} |")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sources", type=int, default=50)
    p.add_argument("--latency", type=float, default=0.1, help="seconds added per response")
    p.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8, 16])
    args = p.parse_args()

    pages = {f"/src{i:02d}.md": document(i) for i in range(args.sources)}
    server = Upstream(pages, args.latency)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    print(f"machine: {machine()}")
    print(f"{args.sources} sources, {args.latency * 1000:.0f} ms added latency per response\n")
    print("| run | concurrency | wall (s) | ideal (s) | wall / ideal |")
    print("|---|--:|--:|--:|--:|")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for c in args.concurrency:
                root = Path(tmp) / f"c{c}"
                project(root, port, args.sources)
                sources = load_sources(root / "sources")
                started = time.perf_counter()
                run = refresh(sources, root / "catalogs", options=FetchOptions(concurrency=c))
                wall = time.perf_counter() - started
                assert all(r.status == "new" for r in run.results), run.problems
                ideal = args.latency * math.ceil(args.sources / c)
                row("full refresh, all pages new", c, wall, ideal)

            # No change: every page answers 304; through the CLI, interpreter start included.
            root = Path(tmp) / f"c{args.concurrency[-1]}"
            c = 8
            before = server.not_modified
            cli = [sys.executable, "-m", "errcat", "refresh", "--concurrency", str(c)]
            started = time.perf_counter()
            done = subprocess.run(cli, cwd=root, capture_output=True, text=True)
            wall = time.perf_counter() - started
            assert done.returncode == 0, done.stderr
            assert server.not_modified - before == args.sources, "expected only 304s"
            ideal = args.latency * math.ceil(args.sources / c)
            row("no change (all 304), `errcat refresh` end to end", c, wall, ideal)

            before = server.not_modified
            started = time.perf_counter()
            run = refresh(load_sources(root / "sources"), root / "catalogs")
            wall = time.perf_counter() - started
            assert server.not_modified - before == args.sources
            assert all(r.status == "not-modified" and not r.written for r in run.results)
            row("no change (all 304), library call", c, wall, ideal)

            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "errcat", "--version"], capture_output=True)
            print(f"\n(interpreter start and imports alone: {time.perf_counter() - started:.2f} s)")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
