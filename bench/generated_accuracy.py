"""Exactness on generated, unseen listings (tests/generators.py), per shape, language and style.

Draws listings deterministically (Hypothesis, derandomized) as small markdown pages, inside
40 kB whole-API pages and as built HTML pages; a listing is exact when the extracted codes are
exactly the listed ones and every listed message is under its code, by the fast path, and the
full path gives the same catalog.

    python bench/generated_accuracy.py            # print and update BENCHMARKS.md
    python bench/generated_accuracy.py --no-write # print only
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import errcat
from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.generators import Listing, listings  # noqa: E402

BENCHMARKS = ROOT / "BENCHMARKS.md"
TITLE = "## Generated unseen listings (issue 14)"
PAGES = {"markdown": {"big": False, "html": False}, "whole-API page": {"big": True, "html": False},
         "built HTML": {"html": True}}  # fmt: skip


def exact(doc: Listing) -> bool:
    cat = errcat.extract(doc.text)
    if cat != errcat.extract(doc.text, fast=False):
        return False
    if sorted(e.code for e in cat) != sorted(doc.codes):
        return False
    return all(m in cat.lookup(c)[0].messages for c, m in doc.entries)


def _tally(count: int, kwargs: dict) -> Counter:
    tally: Counter = Counter()

    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(doc=listings(**kwargs))
    def run(doc: Listing) -> None:
        ok = exact(doc)
        for key in ("all", f"shape {doc.shape}", f"language {doc.language}", f"style {doc.style}"):
            tally[key, "n"] += 1
            tally[key, "ok"] += ok

    run()
    return tally


def measure(count: int) -> dict[str, Counter]:
    return {page: _tally(count, kwargs) for page, kwargs in PAGES.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only, leave BENCHMARKS.md")
    parser.add_argument("--count", type=int, default=300, help="listings per kind of page")
    args = parser.parse_args(argv)
    tallies = measure(args.count)
    keys = sorted({k for t in tallies.values() for k, _ in t if k != "all"})
    lines = ["| kind | " + " | ".join(PAGES) + " |", "|---|" + "---:|" * len(PAGES)]
    for key in ["all", *keys]:
        cells = [f"{t[key, 'ok']}/{t[key, 'n']}" if t[key, "n"] else "–" for t in tallies.values()]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        text = (
            f"{TITLE}\n\n`python bench/generated_accuracy.py --count {args.count}` — listings "
            "written by `tests/generators.py` (shapes × 11 languages × 7 code styles × noise: "
            "parameter, enum and rate-limit tables, example JSON), drawn deterministically; "
            "exact = the extracted codes are the listed ones, every listed message is under its "
            "code, and the fast and full paths agree. The property tests "
            "(`tests/test_generated.py`) assert the same on fresh draws.\n\n" + table + "\n"
        )
        old = BENCHMARKS.read_text(encoding="utf-8")
        pattern = re.compile(rf"^{re.escape(TITLE)}\n.*?(?=^## |\Z)", re.S | re.M)
        new = (
            pattern.sub(lambda _: text + "\n", old, count=1)
            if pattern.search(old)
            else old.rstrip("\n") + "\n\n" + text
        )
        BENCHMARKS.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
        print(f"updated {BENCHMARKS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
