"""Recall and precision of ``errcat.extract`` on every corpus document.

Compares the extracted code set of each document in ``tests/fixtures/corpus`` with the code set
read off it by hand (``tests/fixtures/corpus/expected/*.json``), prints a table, and refreshes the
section "Extraction accuracy (recall / precision per document)" of BENCHMARKS.md.

    python bench/corpus_accuracy.py            # print and update BENCHMARKS.md
    python bench/corpus_accuracy.py --no-write # print only

Codes listed as ``optional`` in an expected file (HTTP-status tables) count neither way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import errcat

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
BENCHMARKS = ROOT / "BENCHMARKS.md"
TITLE = "## Extraction accuracy (recall / precision per document)"


@dataclass(frozen=True)
class Score:
    file: str
    want_entries: int
    max_entries: int
    got_entries: int
    want_codes: int
    got_codes: int
    hits: int
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    seconds: float

    @property
    def recall(self) -> float:
        return self.hits / self.want_codes if self.want_codes else 1.0

    @property
    def precision(self) -> float | None:
        """``None`` when nothing was extracted from a document that has codes (undefined)."""
        if not self.got_codes:
            return None if self.want_codes else 1.0
        return self.hits / self.got_codes

    @property
    def entries_ok(self) -> bool:
        return self.want_entries <= self.got_entries <= self.max_entries


def score(expected: dict) -> Score:
    optional = expected.get("optional") or {"entries": 0, "codes": []}
    start = time.perf_counter()
    cat = errcat.extract((CORPUS / expected["file"]).read_bytes(), name=expected["file"])
    seconds = time.perf_counter() - start
    want = set(expected["codes"])
    got = {e.code for e in cat} - set(optional["codes"])
    return Score(
        file=expected["file"],
        want_entries=expected["entries"],
        max_entries=expected["entries"] + optional["entries"],
        got_entries=len(cat),
        want_codes=len(want),
        got_codes=len(got),
        hits=len(want & got),
        missing=tuple(sorted(want - got)),
        extra=tuple(sorted(got - want)),
        seconds=seconds,
    )


def table(scores: list[Score]) -> str:
    lines = [
        "| document | entries expected | entries extracted | codes expected | recall | precision |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        want = str(s.want_entries) + (
            f"..{s.max_entries}" if s.max_entries != s.want_entries else ""
        )
        got = f"{s.got_entries}" + ("" if s.entries_ok else " ✗")
        precision = "–" if s.precision is None else f"{s.precision:.3f}"
        lines.append(
            f"| `{s.file}` | {want} | {got} | {s.want_codes} | {s.recall:.3f} | {precision} |"
        )
    return "\n".join(lines)


def summary(scores: list[Score]) -> str:
    hits = sum(s.hits for s in scores)
    want = sum(s.want_codes for s in scores)
    got = sum(s.got_codes for s in scores)
    perfect = sum(s.recall == 1.0 and s.precision == 1.0 and s.entries_ok for s in scores)
    got = got or 1
    return (
        f"{len(scores)} documents; code-level recall {hits}/{want} = {hits / want:.3f}, "
        f"precision {hits}/{got} = {hits / got:.3f} (micro-averaged); "
        f"{perfect} documents exact (all codes, no extra code, entry count in range); "
        f"extraction time {sum(s.seconds for s in scores):.1f} s in total."
    )


def section(scores: list[Score]) -> str:
    misses = [s for s in scores if s.missing or s.extra or not s.entries_ok]
    notes = "\n".join(
        f"- `{s.file}`: missing {list(s.missing[:8])}{'…' if len(s.missing) > 8 else ''}, "
        f"extra {list(s.extra[:8])}{'…' if len(s.extra) > 8 else ''}"
        + ("" if s.entries_ok else f", {s.got_entries} entries")
        for s in misses
    )
    return (
        f"{TITLE}\n\n"
        "`python bench/corpus_accuracy.py` — every document of `tests/fixtures/corpus` through\n"
        "`errcat.extract`, its code set compared with the one read off the document by hand\n"
        "(`tests/fixtures/corpus/expected/`). Recall = expected codes found / expected codes;\n"
        "precision = expected codes found / codes extracted (HTTP-status tables marked optional\n"
        "count neither way; – = nothing extracted). ✗ = entry count outside the expected range.\n\n"
        f"{summary(scores)}\n\n{table(scores)}\n"
        + (f"\nDocuments not yet exact:\n\n{notes}\n" if notes else "")
    )


def update_benchmarks(text: str) -> None:
    """Replace our section (up to the next ``## `` heading) or append it; nothing else changes."""
    old = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(TITLE)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _: text + "\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + text
    BENCHMARKS.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only, leave BENCHMARKS.md")
    args = parser.parse_args(argv)
    expected = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((CORPUS / "expected").glob("*.json"))
    ]
    scores = []
    for i, exp in enumerate(expected, 1):
        print(f"[{i}/{len(expected)}] {exp['file']}", file=sys.stderr)
        scores.append(score(exp))
    print(table(scores))
    print()
    print(summary(scores))
    if not args.no_write:
        update_benchmarks(section(scores))
        print(f"updated {BENCHMARKS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
