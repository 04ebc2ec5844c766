"""Benchmark the runtime a trading system calls: import, catalog(), lookup, explain.

    python bench/bench_runtime.py [--source bitget] [--repeat 2000] [--runs 15]

One process, one run, on the largest shipped catalog (bitget, 834 entries): ``import errcat``
(first thing, before anything else of errcat is loaded), ``errcat.catalog()`` cold and a
catalog file read, ``lookup``, and ``explain`` by code, by message, by JSON body and by an
unknown message; beside them, on the same inputs, a ccxt-style handler (an exact code/message
dict and a broad substring scan built from the same catalog by ``errcat export --format ccxt``)
and a bare ``json.loads`` plus dict lookup. Then, side by side in alternation, the wall time of
``python -c pass``, ``errcat --help`` and ``errcat explain SOURCE CODE`` as processes.

Per-call figures are the best of ``--runs`` batches of ``--repeat`` calls (microseconds per
call); process figures are the best and the median of ``--runs`` starts. Figures go in
BENCHMARKS.md ("Runtime").
"""

from __future__ import annotations

import time

_t0 = time.perf_counter()
import errcat  # noqa: E402  (timed: the first import of errcat in this process)

IMPORT_MS = (time.perf_counter() - _t0) * 1000

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from errcat.catalog import read_catalog, shipped_dir  # noqa: E402

# Inputs on bitget, read off its documentation page (catalogs/bitget.json has them too):
# 43012 "Insufficient balance"; 43114 "Withdrawal is less than the minimum withdrawal count
# {0}"; 40057 "Parameter {0} {1} does not meet specification".
CODE = "43012"
MESSAGE = "Withdrawal is less than the minimum withdrawal count 10"
BODY = (
    '{"code":"40057","msg":"Parameter symbol BTCUSDT does not meet specification",'
    '"requestTime":1695806875837,"data":null}'
)
UNKNOWN = "Service temporarily unavailable due to an internal gateway fault"


def per_call(fn: Callable[[], object], repeat: int, runs: int) -> float:
    """Best of ``runs`` batches, in microseconds per call."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best * 1e6


class CcxtStyle:
    """What a ccxt exchange class does with an error: ``exact`` on the code and on the message,
    then the first ``broad`` key found inside the message (a scan of every key)."""

    def __init__(self, mapping: dict[str, dict[str, str]]) -> None:
        self.exact = mapping["exact"]
        self.broad = mapping["broad"]

    def handle(self, raw: str) -> str | None:
        code = message = None
        if raw[:1] == "{":
            body = json.loads(raw)
            code, message = str(body.get("code")), body.get("msg") or ""
        elif raw.lstrip("-").isdigit():
            code = raw
        else:
            message = raw
        if code is not None and code in self.exact:
            return self.exact[code]
        if message:
            if message in self.exact:
                return self.exact[message]
            for key, category in self.broad.items():
                if key in message:
                    return category
        return None


def processes(source: str, code: str, runs: int) -> dict[str, tuple[float, float]]:
    """Wall time of each command as a process, best and median (ms), run in alternation."""
    bin_dir = Path(sys.executable).parent
    errcat_cmd = shutil.which("errcat", path=str(bin_dir)) or shutil.which("errcat")
    assert errcat_cmd, "errcat is not installed in this environment"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "errcat --help": [errcat_cmd, "--help"],
        "errcat --version": [errcat_cmd, "--version"],
        f"errcat explain {source} {code}": [errcat_cmd, "explain", source, code],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as elsewhere:  # not a checkout: the shipped catalogs
        for _ in range(runs):
            for name, argv in commands.items():
                start = time.perf_counter()
                subprocess.run(argv, cwd=elsewhere, stdout=subprocess.DEVNULL, check=True)
                times[name].append((time.perf_counter() - start) * 1000)
    return {name: (min(t), statistics.median(t)) for name, t in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", default="bitget")
    ap.add_argument("--repeat", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    repeat, runs = args.repeat, args.runs

    t = time.perf_counter()
    catalog = errcat.catalog(args.source)
    cold_catalog_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    first = errcat.explain(args.source, MESSAGE)
    first_explain_ms = (time.perf_counter() - t) * 1000  # compiles and indexes the templates
    path = shipped_dir() / f"{args.source}.json"
    read_ms = min(per_call(lambda: read_catalog(path), 1, 1) for _ in range(runs)) / 1000

    answers = {
        "code": errcat.explain(args.source, CODE),
        "message": first,
        "body": errcat.explain(args.source, BODY),
        "unknown": errcat.explain(args.source, UNKNOWN),
    }
    from errcat.export import ccxt_map  # the scraping side: only the comparison needs it

    ccxt = CcxtStyle(ccxt_map(catalog))
    exact = ccxt.exact
    body_code = "40057"

    rows: list[tuple[str, float, float | None, str]] = []

    def row(name: str, ours: Callable[[], object], theirs: Callable[[], object] | None, got: str):
        rows.append(
            (
                name,
                per_call(ours, repeat, runs),
                per_call(theirs, repeat, runs) if theirs else None,
                got,
            )
        )

    row("lookup(code)", lambda: errcat.lookup(args.source, CODE), None, CODE)
    row(
        "Catalog.get(code)",
        lambda: catalog.get(CODE),
        lambda: exact.get(CODE),
        f"{catalog.get(CODE).category} / {exact.get(CODE)}",
    )
    for kind, raw in (("code", CODE), ("message", MESSAGE), ("body", BODY), ("unknown", UNKNOWN)):
        ex = answers[kind]
        got = f"{ex.entry.code} {ex.entry.category} ({ex.matched_by})" if ex.found else "none"
        row(
            f"explain by {kind}",
            lambda raw=raw: errcat.explain(args.source, raw),
            lambda raw=raw: ccxt.handle(raw),
            f"{got} / ccxt: {ccxt.handle(raw)}",
        )
    row(
        "json.loads + dict lookup",
        lambda: exact.get(json.loads(BODY)["code"]),
        None,
        str(exact.get(body_code)),
    )

    procs = processes(args.source, CODE, runs)
    base = procs["python -c pass"][0]

    print(f"# bench_runtime on {platform.python_implementation()} {platform.python_version()}")
    print(f"# {platform.machine()}, {os.cpu_count()} CPUs; source {args.source}: ")
    print(
        f"#   {len(catalog)} entries, {catalog.message_count} messages, {path.stat().st_size:,} B"
    )
    print()
    print("| step | ms |")
    print("|---|---|")
    print(f"| `import errcat` | {IMPORT_MS:.1f} |")
    print(
        f"| `errcat.catalog('{args.source}')`, first call (read + build) | {cold_catalog_ms:.1f} |"
    )
    print(f"| `read_catalog()` of the file, best of {runs} | {read_ms:.1f} |")
    print(
        f"| first `explain` by message (compiles and indexes the templates) | {first_explain_ms:.1f} |"
    )
    print()
    print(f"| call (µs per call, best of {runs} × {repeat}) | errcat | ccxt-style | result |")
    print("|---|---|---|---|")
    for name, ours, theirs, got in rows:
        print(f"| {name} | {ours:.2f} | {'' if theirs is None else f'{theirs:.2f}'} | {got} |")
    print()
    print(
        f"| process (ms, best / median of {runs}, alternating) | best | median | × `python -c pass` |"
    )
    print("|---|---|---|---|")
    for name, (best, median) in procs.items():
        print(f"| `{name}` | {best:.1f} | {median:.1f} | {best / base:.2f} |")


if __name__ == "__main__":
    main()
