"""Time and peak memory of ``errcat.extract`` on hostile documents, each in a fresh process.

The cases are the ones the robustness tests use (tests/test_robustness.py), at sizes that show
how cost grows: pathological markup, documents that are all candidate and cannot be cut, and
encodings. Every case runs the fast path; ``--full`` adds ``fast=False`` beside it.

    python bench/bench_adversarial.py            # fast path
    python bench/bench_adversarial.py --full     # and the full parse (slow: minutes)

Figures go in BENCHMARKS.md, section "Extraction speed and memory".
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
from pathlib import Path

from bench_extract import PROBE_PRELUDE  # this folder: run as python bench/<script>.py

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000

# name -> Python expression building the document (str or bytes), about ``size`` long.
CASES: dict[str, str] = {
    "100k pipes on one line": '"|" * 100_000',
    "50k nested list markers": '"- " * 50_000 + "x"',
    "50k nested quotes": '"> " * 50_000 + "-1000 X"',
    "10 MB without a newline": '"-1000 BAD " * 1_000_000',
    "100k '[' and '*a'": '"[" * 100_000 + "*a" * 100_000',
    "NUL bytes": 'b"# Errors\\n\\n| Code | Message |\\n|---|---|\\n| 1 | a\\x00b |\\n" * 20_000',
    "invalid UTF-8": 'b"| Code | Message |\\n|---|---|\\n" + b"| 1 | \\xff\\xfe bad |\\n" * 50_000',
    "UTF-16 with BOM": '("| Code | Message |\\n|---|---|\\n" + "| 1 | Bad |\\n" * 50_000)'
    '.encode("utf-16")',
    "2 MB '-1000 ...' on one line": '"-1000 Invalid parameter. " * 80_000',
    "2 MB of '### -1000 X' headings": '"### -1000 TOO_MANY_REQUESTS\\n\\n" * 65_000',
    "one 2 MB list": '"".join(f"* -{i} Invalid parameter value\\n" for i in range(70_000))',
    "2 MB table": '"| Code | Message |\\n|---|---|\\n"'
    '+ "".join(f"| -{i} | Invalid parameter value |\\n" for i in range(60_000))',
    "2 MB code-like HTML paragraphs": '"<p>-1000 Invalid parameter value</p>" * 55_000',
    "50k nested <div>": '"<div>" * 50_000 + "-1000" + "</div>" * 50_000',
    "50k '<!--' in a list item": '"# Errors\\n\\n- 1000 " + "<!--" * 50_000 + "-->\\n"',
    "100k '[' in a list item": '"# Errors\\n\\n- 1000 " + "[" * 100_000 + "](\\n"',
    "2 MB fence of fence lines": '"```\\n" + "```js\\n" * 350_000',
    "backtick runs 1..1400 in an item": '"# Errors\\n\\n- 1000 "'
    '+ " ".join("`" * k for k in range(1, 1400))',
    # Session 8's shapes, as an attacker built them (/work/wt/attack in that session's note)
    "ARIA tables nested 120 deep, 1 MB": '"<h1>Errors</h1>" + ('
    '"<div role=\\"table\\"><div role=\\"row\\"><div role=\\"cell\\">1001</div>'
    '<div role=\\"cell\\">" * 120) + "x" * 1_000_000 + "</div></div></div>" * 120',
    "tab sets nested 240 deep, 1 MB": '"<h1>Errors</h1>" + ('
    '"<div><ul role=\\"tablist\\"><li role=\\"tab\\">REST</li></ul>'
    '<div role=\\"tabpanel\\">" * 240) + "x" * 1_000_000 + "</div></div>" * 240',
    "a 10 kB rowspan over 4000 rows": '"<h1>Errors</h1><table><tr><th>Code</th><th>Message</th>'
    '</tr><tr><td>1</td><td rowspan=\\"65534\\">" + "y" * 10_000 + "</td></tr>"'
    ' + "".join(f"<tr><td>{i}</td></tr>" for i in range(2, 4000)) + "</table>"',
    "100k colspan=100 cells": '"<h1>Errors</h1><table><tr><th>Code</th><th>Message</th></tr>"'
    ' + "<tr><td colspan=\\"100\\">x</td></tr>" * 100_000 + "</table>"',
    "240k field lines under one code": '"# Errors\\n\\nError code: 1001\\n\\n"'
    ' + "Message: failed\\n\\n" * 240_000',
    # session 9's readers: paragraph runs, outlines of nested lists, MkDocs marks
    "40k paragraphs of one code": '"# Errors\\n\\n" + "**1001**: Invalid key.\\n\\n" * 40_000',
    "a list nested 200 deep, 1 MB": '"# Errors\\n\\n" + "".join("  " * (i % 200)'
    ' + "- Account\\n" for i in range(5_000))',
    "MkDocs tabs nested 40 deep, 1 MB": '"# Errors\\n\\n" + "".join(" " * 4 * (i % 40)'
    ' + "=== \\"T\\"\\n" for i in range(12_000))',
}

_PROBE = (
    PROBE_PRELUDE
    + r"""
import time
from errcat.errors import ErrcatError

document = eval(sys.argv[1])
base = status("VmRSS")
start = time.perf_counter()
try:
    outcome = f"{len(errcat.extract(document, fast=sys.argv[2] == 'fast'))} entries"
except ErrcatError as err:
    outcome = f"error: {err}"[:60]
seconds = time.perf_counter() - start
print(len(document), seconds, status("VmHWM") - base, outcome, sep="\t")
"""
)


def run(expr: str, mode: str) -> tuple[int, float, int, str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, expr, mode],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.strip()
    size, seconds, extra, outcome = out.split("\t")
    return int(size), float(seconds), int(extra), outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also time fast=False")
    args = parser.parse_args()
    modes = ("fast", "full") if args.full else ("fast",)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}")  # fmt: skip
    print(f"{'case':<34}{'mode':<6}{'MB':>7}{'seconds':>9}{'+MB RSS':>9}  outcome")
    for name, expr in CASES.items():
        for mode in modes:
            size, seconds, extra, outcome = run(expr, mode)
            print(
                f"{name:<34}{mode:<6}{size / MB:>7.2f}{seconds:>9.2f}{extra / MB:>9.1f}  {outcome}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
