"""Leave one exchange out: how the extractor reads an exchange whose own words it never saw.

errcat's readers are rules, not a trained model, but their vocabulary (the header words of
:mod:`errcat.extract.read.tables` and the multilingual words of ``scraper/data/words.json``) is
where fitting to the corpus would hide: a word that only one exchange's pages use may have been
added for that exchange. For each exchange E, this script removes every vocabulary word that
E's documents use (in a table header, a heading or a title line) and no other exchange's
documents use, then scores E's documents as ``bench/corpus_accuracy.py`` does. An exchange
that stays exact is read by what the others taught, as an unseen exchange would be.

    python bench/leave_one_out.py            # print and update BENCHMARKS.md
    python bench/leave_one_out.py --no-write # print only
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from errcat.extract.parse import to_blocks
from errcat.extract.read import tables, words
from errcat.normalize import decode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_accuracy import BENCHMARKS, CORPUS, ROOT, Score, score

TITLE = "## Leave one exchange out (issue 14)"
# The vocabulary of the table reader: module-level word tuples, read at call time.
TABLE_VOCABULARY = ("MESSAGE_WORDS", "NAME_WORDS", "CODE_WORDS", "CODE_EXACT",
                    "DESCRIPTION_WORDS")  # fmt: skip


def exchange_of(file: str) -> str:
    return file.split("/", 1)[0]


def texts_of(path: Path) -> list[str]:
    """The header cells, headings and short paragraph lines of a document, casefolded."""
    raw = path.read_bytes()
    out: list[str] = []
    for block in to_blocks(decode(raw, None, name=path.name)):
        if block.kind == "table" and block.rows:
            out.extend(cell.casefold() for cell in block.rows[0])
        elif block.kind == "heading" or (block.kind == "paragraph" and len(block.text) < 200):
            out.append(block.text.casefold())
        elif block.kind == "list" and len(block.items) == 1:
            out.append(block.items[0].casefold())
    return out


def vocabulary() -> set[str]:
    found = {w for name in TABLE_VOCABULARY for w in getattr(tables, name)}
    for concepts in words.table().values():
        for ws in concepts.values():
            found.update(ws)
    return found


@contextmanager
def without(removed: set[str]):
    """The readers with ``removed`` words taken out of every vocabulary list."""
    saved = {name: getattr(tables, name) for name in TABLE_VOCABULARY}
    shipped = words.table()
    try:
        for name, value in saved.items():
            setattr(tables, name, tuple(w for w in value if w not in removed))
        reduced = {
            lang: {
                c: tuple(w for w in ws if w not in removed) or ("\ue000",) for c, ws in cs.items()
            }
            for lang, cs in shipped.items()
        }
        words.table = lambda: reduced  # type: ignore[assignment]
        words.forget()
        yield
    finally:
        for name, value in saved.items():
            setattr(tables, name, value)
        words.table = _shipped_table
        words.forget()


_shipped_table = words.table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only, leave BENCHMARKS.md")
    args = parser.parse_args(argv)
    expected = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((CORPUS / "expected").glob("*.json"))
    ]
    by_exchange: dict[str, list[dict]] = defaultdict(list)
    for exp in expected:
        by_exchange[exchange_of(exp["file"])].append(exp)
    vocab = vocabulary()
    users: dict[str, set[str]] = defaultdict(set)  # word -> exchanges whose documents use it
    for exchange, exps in by_exchange.items():
        seen = [t for exp in exps for t in texts_of(CORPUS / exp["file"])]
        for word in vocab:
            pattern = re.compile(
                r"(?<![^\W_])" + re.escape(word) if word.isascii() else re.escape(word)
            )
            if any(pattern.search(t) for t in seen):
                users[word].add(exchange)
    rows = []
    totals = {"hits": 0, "want": 0, "got": 0, "exact": 0, "docs": 0}
    for exchange in sorted(by_exchange):
        own = {w for w, who in users.items() if who == {exchange}}
        with without(own):
            scores: list[Score] = [score(exp) for exp in by_exchange[exchange]]
        hits = sum(s.hits for s in scores)
        want = sum(s.want_codes for s in scores)
        got = sum(s.got_codes for s in scores)
        exact = sum(s.recall == 1.0 and s.precision == 1.0 and s.entries_ok for s in scores)
        worst = min(scores, key=lambda s: (s.recall, s.precision or 0.0))
        totals["hits"] += hits
        totals["want"] += want
        totals["got"] += got
        totals["exact"] += exact
        totals["docs"] += len(scores)
        rows.append(
            f"| {exchange} | {len(scores)} | {', '.join(f'`{w}`' for w in sorted(own)) or '–'} "
            f"| {hits / want if want else 1:.3f} | {hits / got if got else 1:.3f} "
            f"| {exact}/{len(scores)} | {worst.recall:.3f} / "
            f"{'–' if worst.precision is None else f'{worst.precision:.3f}'} |"
        )
        print(rows[-1])
    t = totals
    line = (
        f"{t['docs']} documents of {len(by_exchange)} exchanges, each exchange read without the "
        f"words only its own documents use: code recall {t['hits']}/{t['want']} = "
        f"{t['hits'] / t['want']:.3f}, precision {t['hits']}/{t['got']} = "
        f"{t['hits'] / max(t['got'], 1):.3f}; {t['exact']} documents exact."
    )
    print(line)
    if not args.no_write:
        text = (
            f"{TITLE}\n\n`python bench/leave_one_out.py` — for each exchange, every vocabulary "
            "word (table header words of `errcat.extract.read.tables`, the words of "
            "`scraper/data/words.json`) that its documents use and no other exchange's do is "
            "removed, and its documents are scored as by `bench/corpus_accuracy.py` (codes; "
            "entry counts in range for *exact*). The per-document figures with the full "
            "vocabulary are in the section above.\n\n"
            f"{line}\n\n| exchange | documents | words only it uses (removed) | recall | "
            "precision | exact | worst document recall / precision |\n"
            "|---|---:|---|---:|---:|---:|---:|\n" + "\n".join(rows) + "\n"
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
