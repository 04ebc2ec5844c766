"""Benchmark the runtime a trading system calls: import, catalog(), lookup, explain.

    python bench/bench_runtime.py [--source bitget] [--repeat 2000] [--runs 15] [--wheel]

One process, one run, on the largest shipped catalog (bitget, 834 entries): ``import errcat``
(first thing, before anything else of errcat is loaded), ``errcat.catalog()`` cold and a
catalog file read, ``lookup``, and ``explain`` by code, by message, by JSON body and by an
unknown message; beside them, on the same inputs, a ccxt-style handler (an exact code/message
dict and a broad substring scan built from the same catalog by ``errcat export --format ccxt``)
and a bare ``json.loads`` plus dict lookup; the Python module that ``errcat export --format
python`` generates from every catalog, imported and looked up in a fresh process. Then, side by
side in alternation, ``python -c pass``, ``errcat --help``, ``--version``, ``errcat explain
SOURCE CODE`` and ``errcat show SOURCE CODE`` as processes.

With ``--wheel`` it first builds the wheel of this checkout, installs it (no dependencies: the
runtime has none) into a fresh virtualenv in a temporary directory, and runs there: what
``pip install errcat`` gives, without the editable install's import hook.

In-process figures are CPU time. Per-call figures are the best of ``--runs`` batches of
``--repeat`` calls (microseconds per call), every function timed once per round so that they
are measured side by side; process figures are the best CPU time (user + system) and the best
and median wall time of ``--runs`` starts, each command in turn. Figures go in BENCHMARKS.md
("Runtime").
"""

from __future__ import annotations

import time

# CPU time of this process throughout (time.process_time): on a machine shared with other
# work, wall time measures the neighbours as much as the code.
_t0 = time.process_time()
import errcat  # noqa: E402  (timed: the first import of errcat in this process)

IMPORT_MS = (time.process_time() - _t0) * 1000

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
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
    """Best of ``runs`` batches, in CPU microseconds per call."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        for _ in range(repeat):
            fn()
        best = min(best, (time.process_time() - start) / repeat)
    return best * 1e6


class CcxtStyle:
    """What a ccxt exchange class does with an error: ``exact`` on the code and on the message,
    then the first ``broad`` key found inside the message (a scan of every key)."""

    def __init__(self, mapping: dict[str, dict[str, str]]) -> None:
        self.exact = mapping["exact"]
        self.broad = mapping["broad"]

    @staticmethod
    def _read(raw: str) -> tuple[str | None, str | None]:
        if raw[:1] == "{":
            body = json.loads(raw)
            return str(body.get("code")), body.get("msg") or ""
        if raw.lstrip("-").isdigit():
            return raw, None
        return None, raw

    def handle(self, raw: str) -> str | None:
        """As ccxt does: the first exact hit, else the first broad key in the message."""
        code, message = self._read(raw)
        if code is not None and code in self.exact:
            return self.exact[code]
        if message:
            if message in self.exact:
                return self.exact[message]
            for key, category in self.broad.items():
                if key in message:
                    return category
        return None

    def scan(self, raw: str) -> list[str]:
        """Exact dict plus a broad scan of every key: what ccxt does for a message nothing
        matches, and the figure the issue compared explain with."""
        code, message = self._read(raw)
        found = [self.exact[k] for k in (code, message) if k is not None and k in self.exact]
        if message:
            found += [category for key, category in self.broad.items() if key in message]
        return found


def processes(source: str, code: str, runs: int) -> dict[str, tuple[float, float, float]]:
    """Each command as a process, run in alternation: best CPU time (user + system, the
    figure a loaded machine disturbs least), best and median wall time, in ms."""
    bin_dir = Path(sys.executable).parent
    errcat_cmd = shutil.which("errcat", path=str(bin_dir)) or shutil.which("errcat")
    assert errcat_cmd, "errcat is not installed in this environment"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        # what explain cannot do without, the standard library's: the CLI's argparse, json
        "python -c 'import re, argparse, json'": [
            sys.executable,
            "-c",
            "import re, argparse, json",
        ],
        "errcat --help": [errcat_cmd, "--help"],
        "errcat --version": [errcat_cmd, "--version"],
        f"errcat explain {source} {code}": [errcat_cmd, "explain", source, code],
        f"errcat show {source} {code}": [errcat_cmd, "show", source, code],
        "errcat explain aster-spot -1121": [errcat_cmd, "explain", "aster-spot", "-1121"],
    }
    # As installed code runs: with its bytecode cached (a first round writes it where the
    # environment forbade it), not compiled at every start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as elsewhere:  # not a checkout: the shipped catalogs
        for round_ in range(runs + 1):
            for name, argv in commands.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(argv, cwd=elsewhere, env=env, stdout=subprocess.DEVNULL, check=True)
                elapsed = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if round_:
                    wall[name].append(elapsed * 1000)
                    used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                    cpu[name].append(used * 1000)
    return {n: (min(cpu[n]), min(wall[n]), statistics.median(wall[n])) for n in commands}


GENERATED_PROBE = """
import sys, time
t = time.process_time()
import exchange_errors as m
loaded = time.process_time() - t
assert m.lookup(sys.argv[1], sys.argv[2])
best = float("inf")
for _ in range(15):
    t = time.process_time()
    for _ in range(2000):
        m.lookup(sys.argv[1], sys.argv[2])
    best = min(best, (time.process_time() - t) / 2000)
print(loaded * 1000, best * 1e6, len(m.ALL))
"""


def generated_module(source: str, code: str) -> list[tuple[str, float, float, int]]:
    """``errcat export --format python`` of every shipped catalog, imported in a fresh process
    twice (compiling it, then from its bytecode): import ms and lookup µs, CPU."""
    from errcat.catalog import catalog_ids
    from errcat.export import to_python

    catalogs = [errcat.catalog(i) for i in catalog_ids(shipped_dir())]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "exchange_errors.py").write_text(to_python(catalogs), "utf-8")
        for label in ("first import (compiles the module)", "import from its bytecode"):
            done = subprocess.run(
                [sys.executable, "-c", GENERATED_PROBE, source, code],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            loaded, lookup, count = done.stdout.split()
            out.append((label, float(loaded), float(lookup), int(count)))
    return out


def in_wheel_venv(argv: list[str]) -> int:
    """Build the wheel, install it into a fresh virtualenv, run this script there."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        dist = Path(tmp) / "dist"
        build = (
            "import sys; from setuptools import build_meta; "
            "print(build_meta.build_wheel(sys.argv[1]))"
        )
        out = subprocess.run(
            [sys.executable, "-c", build, str(dist)],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        wheel = dist / out.stdout.split()[-1]
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run(
            [python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], check=True
        )
        script = Path(tmp) / "bench_runtime.py"  # a copy: nothing of the checkout on sys.path
        script.write_bytes(Path(__file__).read_bytes())
        print(f"# wheel {wheel.name} in a fresh venv", flush=True)
        return subprocess.run([python, script, *argv], cwd=tmp).returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", default="bitget")
    ap.add_argument("--repeat", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--wheel", action="store_true", help="run in a fresh venv from the wheel")
    args = ap.parse_args()
    if args.wheel:
        raise SystemExit(in_wheel_venv([a for a in sys.argv[1:] if a != "--wheel"]))
    repeat, runs = args.repeat, args.runs

    t = time.process_time()
    catalog = errcat.catalog(args.source)
    cold_catalog_ms = (time.process_time() - t) * 1000
    t = time.process_time()
    first = errcat.explain(args.source, MESSAGE)
    first_explain_ms = (time.process_time() - t) * 1000  # compiles and indexes the templates
    path = Path(shipped_dir()) / f"{args.source}.json"
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

    # (name, result, [errcat, ccxt first hit, ccxt full scan]); timed below, interleaved
    table: list[tuple[str, str, list[Callable[[], object]]]] = []

    def row(name: str, ours: Callable[[], object], got: str, *theirs: Callable[[], object]):
        table.append((name, got, [ours, *theirs]))

    row("lookup(code)", lambda: errcat.lookup(args.source, CODE), CODE)
    row(
        "Catalog.get(code) / exact dict",
        lambda: catalog.get(CODE),
        f"{catalog.get(CODE).category} / {exact.get(CODE)}",
        lambda: exact.get(CODE),
    )
    for kind, raw in (("code", CODE), ("message", MESSAGE), ("body", BODY), ("unknown", UNKNOWN)):
        ex = answers[kind]
        got = f"{ex.entry.code} {ex.entry.category} ({ex.matched_by})" if ex.found else "none"
        row(
            f"explain by {kind}",
            lambda raw=raw: errcat.explain(args.source, raw),
            f"{got} / ccxt: {ccxt.handle(raw)}",
            lambda raw=raw: ccxt.handle(raw),
            lambda raw=raw: ccxt.scan(raw),
        )
    row(
        "bare json.loads + dict lookup",
        lambda: exact.get(json.loads(BODY)["code"]),
        str(exact.get(body_code)),
    )

    # Every function once per round, rounds repeated: a load that comes and goes on the machine
    # touches all of them alike, and each keeps its best round.
    best = [[float("inf")] * len(fns) for _, _, fns in table]
    for _ in range(runs):
        for r, (_, _, fns) in enumerate(table):
            for f, fn in enumerate(fns):
                best[r][f] = min(best[r][f], per_call(fn, repeat, 1))
    rows = []
    for (name, got, _), figures in zip(table, best, strict=True):
        shown = [f"{x:.2f}" for x in figures[1:]] + ["", ""]
        rows.append((name, figures[0], shown[0], shown[1], got))

    generated = generated_module(args.source, CODE)
    procs = processes(args.source, CODE, runs)
    base_cpu, base_wall, _ = procs["python -c pass"]

    print(f"# bench_runtime on {platform.python_implementation()} {platform.python_version()}")
    print(f"# {platform.machine()}, {os.cpu_count()} CPUs; source {args.source}: ")
    print(
        f"#   {len(catalog)} entries, {catalog.message_count} messages, {path.stat().st_size:,} B"
    )
    print()
    print("| step | ms (CPU) |")
    print("|---|---|")
    print(f"| `import errcat` | {IMPORT_MS:.1f} |")
    print(
        f"| `errcat.catalog('{args.source}')`, first call (read + build) | {cold_catalog_ms:.1f} |"
    )
    print(f"| `read_catalog()` of the file, best of {runs} | {read_ms:.1f} |")
    print(f"| first `explain` by message (compiles, indexes) | {first_explain_ms:.1f} |")
    print()
    print(
        f"| call (CPU µs per call, best of {runs} × {repeat}) | errcat | ccxt first hit "
        "| ccxt exact + full broad scan | result |"
    )
    print("|---|---|---|---|---|")
    for name, ours, first_hit, full_scan, got in rows:
        print(f"| {name} | {ours:.2f} | {first_hit} | {full_scan} | {got} |")
    print()
    count = generated[0][3]
    print(f"| generated module, {count} entries (CPU) | import ms | `lookup()` µs |")
    print("|---|---|---|")
    for label, loaded, lookup, _ in generated:
        print(f"| {label} | {loaded:.1f} | {lookup:.2f} |")
    print()
    print(
        f"| process ({runs} runs, alternating; ms) | CPU best | × `python -c pass` "
        "| wall best | × `python -c pass` | wall median |"
    )
    print("|---|---|---|---|---|---|")
    for name, (cpu, best, median) in procs.items():
        print(
            f"| `{name}` | {cpu:.1f} | {cpu / base_cpu:.2f} | {best:.1f} | "
            f"{best / base_wall:.2f} | {median:.1f} |"
        )


if __name__ == "__main__":
    main()
