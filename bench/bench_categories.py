"""How far errcat's categories agree with ccxt's hand-kept exception maps, leave-one-exchange-out.

Labels: ccxt (from the package index, ``pip install ccxt``), ``describe()["exceptions"]`` of each
exchange that matches a document, the market's own map where ccxt splits them (Binance spot,
linear, inverse). A code counts when the document and ccxt's ``exact`` map both know it and
ccxt's class is not the catch-all ``ExchangeError``; success codes are counted apart.

Documents: every shipped source's snapshot (``sources/``) and the benchmark documents of
exchanges without a source (``tests/fixtures/categories/``), categorized by the rules alone (no
``[overrides]``: they are fitted to one source).

Scores per exchange: ``same`` (same class), ``related`` (same, or one a subclass of the other in
ccxt's own class tree), ``retry`` (errcat's ``retryable`` equals "ccxt's class is a
NetworkError", the branch ccxt's manual says to retry; its parent OperationFailed also holds
BadResponse and CancelPending, which a blind retry does not cure), ``plain`` (the share errcat
leaves as plain ExchangeError, "related" to every class below it: read ``related`` beside it).
Two runs:

* ``rules``: the rules as shipped;
* ``loeo`` (leave one exchange out): for each exchange, the exchanges whose documents copy each
  other (at least 5 identical code and message pairs: Aster's and Coins.ph's lists copy
  Binance's) are left out together; every rule alternative is first scored on the exchanges left
  in; an alternative that fired at least ``--min-fired`` times there and was related to ccxt's
  class less than ``--min-related`` of the time is switched off, and the exchange is categorized
  again. A rule that only helps the exchange it was written for (or a copy of it) gains
  nothing here.

``related - plain`` (printed overall) is the agreement earned by naming a class.

``upheld`` (printed overall, beside the targets, not instead of them): ``related``, or the
document's words uphold errcat's class by an independent reading of the disagreements
(``tests/fixtures/categories/adjudication.jsonl``: a reader who had not seen the rules judged
each leave-one-exchange-out disagreement of 2026-12-02 from the page's words alone: errcat's
class the better one, both defensible, ccxt's, or neither and which). A case counts as upheld
when the reader found errcat's class (the one it still has) better or as good, or errcat's
class now is related to the one the reader gave where both were wrong; a disagreement the
reading did not see counts as it does for ``related``. ``retry upheld`` is the same for the
retry advice (``tests/fixtures/categories/retry-adjudication.jsonl``: the 49 codes whose
``retryable`` differed from ccxt's, read the same way).

    python bench/bench_categories.py                    # print the tables
    python bench/bench_categories.py --findings F.md   # also write every disagreement left
    python bench/bench_categories.py --write           # and refresh BENCHMARKS.md's section
    python bench/bench_categories.py --before main     # also score main's rules in the same run
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import errcat
from errcat.categorize import RULES, categorize, words
from errcat.model import Entry
from errcat.sources import load_sources

try:
    import ccxt
except ImportError:  # pragma: no cover - the bench needs it
    sys.exit("bench_categories: ccxt is not installed: pip install ccxt")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "categories"
ADJUDICATION = FIXTURES / "adjudication.jsonl"
RETRY_ADJUDICATION = FIXTURES / "retry-adjudication.jsonl"
BENCHMARKS = ROOT / "BENCHMARKS.md"
TITLE = "## Categories against ccxt's exception maps"

# document -> (ccxt exchange id, market map or None). Sources whose exchange ccxt does not know
# (ltp, bitmart in ccxt 4.5.90's Python build) are left out, and so are OKEx v1 (its codes
# mean other things in OKX v5's map) and aster-futures-fulldoc (the same codes as
# aster-futures: counted once).
SOURCES: dict[str, tuple[str, str | None]] = {
    "aster-spot": ("aster", None),
    "aster-futures": ("aster", None),
    "binance-usdm": ("binance", "linear"),
    "binance-coinm": ("binance", "inverse"),
    "bitfinex": ("bitfinex", None),
    "bitget": ("bitget", None),
    "blofin": ("blofin", None),
    "bybit-spot-v1": ("bybit", None),
    "cryptocom": ("cryptocom", None),
    "digifinex": ("digifinex", None),
    "gateio": ("gate", None),
    "mexc": ("mexc", None),
    "orderly": ("woo", None),
    "phemex": ("phemex", None),
    "whitebit": ("whitebit", None),
    "xt": ("xt", None),
}
DOCUMENTS: dict[str, tuple[str, str | None]] = {
    "binance-spot.md": ("binance", "spot"),
    "bybit-v5.md": ("bybit", None),
    "okx.md": ("okx", None),
    "kucoin.md": ("kucoin", None),
    "deribit.md": ("deribit", None),
    "coinsph.md": ("coinsph", None),
}


def readings(path: Path) -> dict[tuple[str, str, str], dict[str, Any]]:
    """An independent reading of the disagreements, by (exchange, document, code)."""
    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        found[(row["exchange"], row["document"], row["code"])] = row
    return found


READINGS = readings(ADJUDICATION)
RETRY_READINGS = readings(RETRY_ADJUDICATION)


def retry_upheld(case: Case, retryable: bool) -> bool:
    """``retryable`` as ccxt's class says, or as the independent reading of the retry
    disagreements upholds (errcat's advice, the one it still gives, better or as good)."""
    if retryable == ccxt_retryable(case.ccxt_class):
        return True
    reading = RETRY_READINGS.get((case.exchange, case.document, case.entry.code))
    if reading is None or reading["ccxt"] != case.ccxt_class:
        return False
    return reading["verdict"] in ("errcat", "both") and retryable == reading["errcat_retryable"]


def upheld(case: Case, category: str) -> bool:
    """``related`` to ccxt's class, or upheld by the independent reading (see the docstring)."""
    if related(category, case.ccxt_class):
        return True
    reading = READINGS.get((case.exchange, case.document, case.entry.code))
    if reading is None or reading["ccxt"] != case.ccxt_class:
        return False
    if reading["verdict"] in ("errcat", "both"):
        return category == reading["errcat"]
    return reading["verdict"] == "neither" and related(category, reading["best"])


@dataclass(frozen=True)
class Case:
    exchange: str
    document: str
    entry: Entry
    ccxt_class: str


def ccxt_exact(exchange: str, market: str | None) -> dict[str, str]:
    """ccxt's exact map for one exchange (and market): code -> class name."""
    exceptions = getattr(ccxt, exchange)().describe()["exceptions"]
    maps = [exceptions.get("exact")]
    if market is not None:
        maps.insert(0, (exceptions.get(market) or {}).get("exact"))
    if not any(maps):  # Deribit: the codes are the map itself
        maps = [{k: v for k, v in exceptions.items() if not isinstance(v, dict)}]
    out: dict[str, str] = {}
    for m in maps:
        for code, cls in (m or {}).items():
            if isinstance(cls, list | tuple):  # DigiFinex: [class, message]
                cls = cls[0] if cls else None
            name = cls if isinstance(cls, str) else getattr(cls, "__name__", str(cls))
            out.setdefault(str(code).strip(), name)
    return out


def _bare(entry: Entry) -> Entry:
    """The entry as extracted, without what categorizing adds (the rules read the rest,
    description included, as ``errcat build`` does)."""
    return Entry(
        entry.code,
        entry.surface,
        entry.group,
        entry.name,
        entry.http_status,
        entry.messages,
        description=entry.description,
    )


def _number(code: str) -> str:
    return str(int(code)) if re.fullmatch(r"[+-]?\d+", code) else code


def speed() -> tuple[int, float]:
    """Entries of every benchmark document, and the best of 3 times to categorize them all."""
    entries: list[Entry] = []
    for source in load_sources(ROOT / "sources", list(SOURCES)):
        doc = source.snapshot.read_bytes()
        cat = errcat.extract(doc, source.format, options=source.options, meaning=False)
        entries.extend(cat.entries)
    for name in DOCUMENTS:
        entries.extend(errcat.extract((FIXTURES / name).read_bytes(), meaning=False).entries)
    best = float("inf")
    for _ in range(3):
        words.cache_clear()  # every run reads each text afresh, as one build does
        started = time.perf_counter()
        for entry in entries:
            categorize(entry)
        best = min(best, time.perf_counter() - started)
    return len(entries), best


def cases() -> tuple[list[Case], int]:
    """Every code a document and its ccxt map both know (class not ExchangeError)."""
    docs: list[tuple[str, str, str | None, list[Entry]]] = []
    for source in load_sources(ROOT / "sources", list(SOURCES)):
        cat = errcat.extract(
            source.snapshot.read_bytes(), source.format, options=source.options, meaning=False
        )
        docs.append((source.id, *SOURCES[source.id], list(cat.entries)))
    for name, (exchange, market) in DOCUMENTS.items():
        cat = errcat.extract((FIXTURES / name).read_bytes(), name=name, meaning=False)
        docs.append((name.removesuffix(".md"), exchange, market, list(cat.entries)))
    out: list[Case] = []
    successes = 0
    for doc, exchange, market, entries in docs:
        exact = {_number(k): v for k, v in ccxt_exact(exchange, market).items()}
        seen: set[str] = set()
        for entry in sorted(entries, key=lambda e: e.surface != "rest"):  # REST decides
            code = _number(entry.code.strip())
            if code in seen or code not in exact:
                continue
            seen.add(code)
            if categorize(_bare(entry)).success:
                successes += 1
                continue
            if exact[code] == "ExchangeError":
                continue
            out.append(Case(exchange, doc, _bare(entry), exact[code]))
    return out, successes


def related(a: str, b: str) -> bool:
    ca, cb = getattr(ccxt, a, None), getattr(ccxt, b, None)
    if ca is None or cb is None:
        return a == b
    return issubclass(ca, cb) or issubclass(cb, ca)


def ccxt_retryable(name: str) -> bool:
    cls = getattr(ccxt, name, None)
    return cls is not None and issubclass(cls, ccxt.NetworkError)


def ccxt_retry_advice(name: str) -> bool:
    """:func:`ccxt_retryable`, or ccxt's bare ``OperationFailed``: its Binance map gives that
    class to "Server is busy, please wait and try again", "System busy.", "Please try again in
    5 minutes." (the comments beside the codes), the transient failures its subclasses
    ``BadResponse`` and ``CancelPending`` are not. Reported beside ``retry``, not instead."""
    return ccxt_retryable(name) or name == "OperationFailed"


@dataclass
class Tally:
    n: int = 0
    same: int = 0
    related: int = 0
    retry: int = 0
    plain: int = 0
    retry_advice: int = 0
    upheld: int = 0
    retry_upheld: int = 0

    def add(self, case: Case, category: str, retryable: bool) -> None:
        self.n += 1
        self.plain += category == "ExchangeError"
        self.same += category == case.ccxt_class
        self.related += related(category, case.ccxt_class)
        self.retry += retryable == ccxt_retryable(case.ccxt_class)
        self.retry_advice += retryable == ccxt_retry_advice(case.ccxt_class)
        self.upheld += upheld(case, category)
        self.retry_upheld += retry_upheld(case, retryable)

    def row(self) -> list[str]:
        if not self.n:
            return ["0", "-", "-", "-", "-"]
        return [
            str(self.n),
            f"{self.same / self.n:.2f}",
            f"{self.related / self.n:.2f}",
            f"{self.retry / self.n:.3f}",
            f"{self.plain / self.n:.2f}",
        ]


def groups(all_cases: list[Case], min_shared: int = 5) -> dict[str, frozenset[str]]:
    """Exchange -> the exchanges left out with it: those whose documents share at least
    ``min_shared`` identical (code, message) pairs with it, transitively (a rule scored on a
    copy of the held-out list would be scored on its answers)."""
    by_text: dict[tuple[str, str], set[str]] = defaultdict(set)
    for case in all_cases:
        for message in case.entry.messages:
            by_text[(_number(case.entry.code), message.strip().casefold())].add(case.exchange)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for exchanges in by_text.values():
        ordered = sorted(exchanges)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[(a, b)] += 1
    group = {c.exchange: {c.exchange} for c in all_cases}
    for (a, b), n in sorted(shared.items()):
        if n >= min_shared and group[a] is not group[b]:
            merged = group[a] | group[b]
            for x in merged:
                group[x] = merged
    return {x: frozenset(g) for x, g in group.items()}


def loeo_disabled(
    by_exchange: dict[str, list[tuple[Case, str, bool, str | None]]],
    held_out: frozenset[str],
    min_fired: int,
    min_related: float,
) -> frozenset[str]:
    """Rule alternatives that did badly on the exchanges outside ``held_out``."""
    fired: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for exchange, rows in by_exchange.items():
        if exchange in held_out:
            continue
        for case, category, _, rule in rows:
            if rule is None:
                continue
            fired[rule][0] += 1
            fired[rule][1] += related(category, case.ccxt_class)
    return frozenset(
        rule for rule, (n, k) in fired.items() if n >= min_fired and k / n < min_related
    )


def ccxt_self_agreement(all_cases: list[Case]) -> tuple[int, int]:
    """Codes documented with the same code and message by two exchanges (Aster copies
    Binance's list): how many pairs, and in how many ccxt's two maps give unrelated classes.
    The ceiling any classifier can reach against ccxt is below that agreement."""
    by_text: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for case in all_cases:
        if case.entry.messages:
            key = (case.entry.code, case.entry.messages[0].strip().casefold())
            by_text[key].setdefault(case.exchange, case.ccxt_class)
    pairs = unrelated = 0
    for classes in by_text.values():
        names = sorted(classes.values())
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                pairs += 1
                unrelated += not related(a, b)
    return pairs, unrelated


def verdicts(found: dict[tuple[str, str, str], dict[str, Any]]) -> str:
    """How an independent reading judged the disagreements, as text."""
    counts: dict[str, int] = defaultdict(int)
    for reading in found.values():
        counts[reading["verdict"]] += 1
    names = {"errcat": "errcat's better", "ccxt": "ccxt's", "both": "both defensible",
             "neither": "neither"}  # fmt: skip
    return ", ".join(f"{names[v]} {counts[v]}" for v in names if v in counts)


def together(group_of: dict[str, frozenset[str]]) -> str:
    """The groups of more than one exchange, as text."""
    found = sorted({tuple(sorted(g)) for g in group_of.values() if len(g) > 1})
    return "; ".join(", ".join(g) for g in found) or "none"


def earned(t: Tally) -> float:
    """``related`` less ``plain``: the agreement earned by naming a class."""
    return (t.related - t.plain) / t.n if t.n else 0.0


def met(t: Tally) -> bool:
    return t.n > 0 and t.related / t.n >= 0.80 and t.retry / t.n >= 0.98


def specific(rule: str | None) -> bool:
    """The verdict came from a specific rule: the document's words name the class."""
    if rule is None or ":" not in rule or rule.startswith("http"):
        return False
    index = int(rule.rpartition(":")[2].split(".")[0])
    return not RULES[index].generic


def findings(left: list[tuple[Case, str, str, bool]], top: int = 12) -> str:
    """Disagreements left where errcat's class comes from words that name it, by pair."""
    pairs: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case, category, _, named in left:
        if named:
            pairs[(category, case.ccxt_class)].append(case)
    rows = []
    for (category, ccxt_class), found in sorted(pairs.items(), key=lambda kv: -len(kv[1]))[:top]:
        example = found[0].entry
        text = (example.messages[0] if example.messages else example.name or "")[:70]
        rows.append(
            [
                category,
                ccxt_class,
                str(len(found)),
                f"{found[0].exchange} {example.code}: {text.replace('|', '/')}",
            ]
        )
    return table(["errcat (by its words)", "ccxt", "codes", "example"], rows)


def decided_by(loeo_left: list[tuple[Case, str, str | None]]) -> str:
    """Disagreements by what decided: a specific rule (the words name errcat's class), the
    generic order words against ccxt's ``BadRequest``, another generic rule, the HTTP status."""
    kinds: dict[str, list[Case]] = defaultdict(list)
    for case, category, rule in loeo_left:
        if rule is not None and rule.startswith("http"):
            kind = "HTTP status"
        elif specific(rule):
            kind = "specific rule: the words name errcat's class"
        elif category == "InvalidOrder" and case.ccxt_class == "BadRequest":
            kind = "order words, ccxt BadRequest"
        else:
            kind = "other generic rule"
        kinds[kind].append(case)
    rows = []
    for kind, found in sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        by: dict[str, int] = defaultdict(int)
        for case in found:
            by[case.exchange] += 1
        top = ", ".join(f"{x} {n}" for x, n in sorted(by.items(), key=lambda kv: -kv[1])[:4])
        rows.append([kind, str(len(found)), top])
    return table(["decided by", "codes", "most from"], rows)


def retry_pairs(retry_left: list[tuple[Case, str, bool]], top: int = 12) -> str:
    """Retry disagreements by (errcat class and retryable, ccxt class), most frequent first."""
    pairs: dict[tuple[str, bool, str], list[Case]] = defaultdict(list)
    for case, category, retryable in retry_left:
        pairs[(category, retryable, case.ccxt_class)].append(case)
    rows = []
    for (category, retryable, ccxt_class), found in sorted(
        pairs.items(), key=lambda kv: (-len(kv[1]), kv[0])
    )[:top]:
        example = found[0].entry
        text = (example.messages[0] if example.messages else example.name or "")[:70]
        rows.append(
            [
                f"{category} ({'retry' if retryable else 'no retry'})",
                ccxt_class,
                str(len(found)),
                f"{found[0].exchange} {example.code}: {text.replace('|', '/')}",
            ]
        )
    return table(["errcat", "ccxt", "codes", "example"], rows)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def rules_at(ref: str) -> Callable[..., Any]:
    """``categorize`` as it is at git revision ``ref`` (for a before/after in one run)."""
    text = subprocess.run(
        ["git", "show", f"{ref}:scraper/categorize.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    spec = importlib.util.spec_from_loader(f"categorize_at_{ref}", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    exec(compile(text, f"{ref}:scraper/categorize.py", "exec"), module.__dict__)
    return module.categorize


def totals(
    cat: Callable[..., Any],
    all_cases: list[Case],
    min_fired: int,
    min_related: float,
    group_of: dict[str, frozenset[str]],
) -> tuple[Tally, Tally]:
    """Overall rules and leave-one-exchange-out tallies of one ``categorize``."""
    by_exchange: dict[str, list[tuple[Case, str, bool, str | None]]] = defaultdict(list)
    for case in all_cases:
        v = cat(case.entry)
        by_exchange[case.exchange].append((case, v.category or "", v.retryable, v.rule))
    rules, loeo = Tally(), Tally()
    for exchange, rows in by_exchange.items():
        disabled = loeo_disabled(by_exchange, group_of[exchange], min_fired, min_related)
        for case, category, retryable, _ in rows:
            rules.add(case, category, retryable)
            v = cat(case.entry, disabled=disabled)
            loeo.add(case, v.category or "", v.retryable)
    return rules, loeo


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-fired", type=int, default=3)
    ap.add_argument("--min-related", type=float, default=0.5)
    ap.add_argument("--findings", type=Path, help="write the disagreements left to this file")
    ap.add_argument("--write", action="store_true", help="refresh the section in BENCHMARKS.md")
    ap.add_argument("--before", metavar="REF", help="also score the rules of this git revision")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    all_cases, successes = cases()
    group_of = groups(all_cases)
    by_exchange: dict[str, list[tuple[Case, str, bool, str | None]]] = defaultdict(list)
    for case in all_cases:
        v = categorize(case.entry)
        by_exchange[case.exchange].append((case, v.category or "", v.retryable, v.rule))
    rows: list[list[str]] = []
    total_rules, total_loeo = Tally(), Tally()
    left: list[tuple[Case, str, str, bool]] = []
    loeo_left: list[tuple[Case, str, str | None]] = []
    switched: dict[str, int] = {}
    for exchange in sorted(by_exchange):
        rules, loeo = Tally(), Tally()
        disabled = loeo_disabled(by_exchange, group_of[exchange], args.min_fired, args.min_related)
        for case, category, retryable, rule in by_exchange[exchange]:
            rules.add(case, category, retryable)
            total_rules.add(case, category, retryable)
            v = categorize(case.entry, disabled=disabled)
            loeo.add(case, v.category or "", v.retryable)
            total_loeo.add(case, v.category or "", v.retryable)
            if not related(v.category or "", case.ccxt_class):
                loeo_left.append((case, v.category or "", v.rule))
            # findings are the shipped rules' verdicts: what a user of the catalogs gets
            if not related(category, case.ccxt_class):
                reason = categorize(case.entry).reason
                left.append((case, category, reason, specific(rule)))
        switched[exchange] = len(disabled)
        docs = sorted({c.document for c, *_ in by_exchange[exchange]})
        rows.append([exchange, ", ".join(docs), *rules.row(), *loeo.row()[1:], str(len(disabled))])
    rows.append(["**all**", "", *total_rules.row(), *total_loeo.row()[1:], ""])
    if args.before:
        before = totals(
            rules_at(args.before), all_cases, args.min_fired, args.min_related, group_of
        )
        label = f"**all, rules of {args.before}**"
        rows.append([label, "", *before[0].row(), *before[1].row()[1:], ""])
    header = [
        "exchange",
        "documents",
        "codes",
        "same",
        "related",
        "retry",
        "plain",
        "LOEO same",
        "LOEO related",
        "LOEO retry",
        "LOEO plain",
        "rules off",
    ]
    out = table(header, rows)
    retry_left = [
        (case, category, retryable)
        for exchange in sorted(by_exchange)
        for case, category, retryable, _ in by_exchange[exchange]
        if retryable != ccxt_retryable(case.ccxt_class)
    ]
    pairs, unrelated = ccxt_self_agreement(all_cases)
    n_entries, categorize_s = speed()
    seconds = time.perf_counter() - started
    print(out)
    print(
        f"\n{total_rules.n} codes known to both (ccxt {ccxt.__version__}), {successes} success "
        f"codes left out; {seconds:.1f} s; ccxt's own maps disagree on {unrelated} of {pairs} "
        f"codes two exchanges document alike; categorize: {n_entries} entries in "
        f"{categorize_s * 1000:.0f} ms; related - plain {earned(total_rules):.2f} "
        f"(LOEO {earned(total_loeo):.2f}); left out together: {together(group_of)}"
    )
    print(
        f"\nupheld (related, or the words uphold errcat's class by the independent reading of "
        f"{len(READINGS)} disagreements, {ADJUDICATION.relative_to(ROOT)}): rules "
        f"{total_rules.upheld / total_rules.n:.2f}, LOEO {total_loeo.upheld / total_loeo.n:.2f}; "
        f"the reading's verdicts: {verdicts(READINGS)}; retry upheld by the reading of "
        f"{len(RETRY_READINGS)} retry disagreements: rules "
        f"{total_rules.retry_upheld / total_rules.n:.3f}, LOEO "
        f"{total_loeo.retry_upheld / total_loeo.n:.3f} ({verdicts(RETRY_READINGS)})"
    )
    print(f"\nLOEO disagreements by what decided:\n\n{decided_by(loeo_left)}")
    if args.findings:
        lines = [
            "# Disagreements with ccxt's exception maps",
            "",
            f"Written by `python bench/bench_categories.py --findings {args.findings}` "
            f"(ccxt {ccxt.__version__}, the shipped rules without source overrides). Each row is "
            "a code whose errcat class is neither "
            "ccxt's nor one of its ancestors or descendants: findings to read, not errors of "
            'either side (docs/taxonomy.md, "Measured against ccxt").',
            "",
            "`named`: errcat's class comes from a specific rule, words that name it; otherwise",
            "from generic wording (parameter, refusal, order vocabulary).",
            "",
            "`reading`: the independent reading of the words (tests/fixtures/categories/"
            "adjudication.jsonl): which class it found better, and why.",
            "",
            "| exchange | code | errcat | ccxt | named | decided by | reading | messages |",
            "|---|---|---|---|---|---|---|---|",
        ]
        ordered = sorted(left, key=lambda t: (t[0].exchange, t[0].document, t[0].entry.code))
        for case, category, reason, named in ordered:
            text = " / ".join(case.entry.messages)[:140].replace("|", "\\|")
            name = case.entry.name or ""
            reading = READINGS.get((case.exchange, case.document, case.entry.code))
            said = f"{reading['verdict']}: {reading['why']}" if reading else ""
            lines.append(
                f"| {case.exchange} | {case.entry.code} {name} | {category} | {case.ccxt_class} "
                f"| {'yes' if named else ''} | {reason.replace('|', '/')} "
                f"| {said.replace('|', '/')} | {text} |"
            )
        lines += [
            "",
            "## Retry advice that differs",
            "",
            'Every code whose errcat `retryable` differs from "ccxt\'s class is a NetworkError", '
            "related classes or not. `retryable` is errcat's; the reason ends with `retry:'…'` "
            "where the document's own words ask for a retry.",
            "",
            "| exchange | code | errcat | retryable | ccxt | decided by | messages |",
            "|---|---|---|---|---|---|---|",
        ]
        for case, category, retryable in retry_left:
            text = " / ".join(case.entry.messages)[:140].replace("|", "\\|")
            reason = categorize(case.entry).reason.replace("|", "/")
            lines.append(
                f"| {case.exchange} | {case.entry.code} {case.entry.name or ''} | {category} "
                f"| {'yes' if retryable else 'no'} | {case.ccxt_class} | {reason} | {text} |"
            )
        args.findings.write_text("\n".join(lines) + "\n", "utf-8")
    if args.write:
        flags = list(argv if argv is not None else sys.argv[1:])
        command = " ".join(["python bench/bench_categories.py", *flags])
        section = (
            f"{TITLE}\n\nMeasured by `{command}` (ccxt "
            f"{ccxt.__version__}, rules without source overrides; {total_rules.n} codes, "
            f"{successes} success codes left out; LOEO: the exchange left out together with "
            f"those whose documents copy it ({together(group_of)}), alternatives firing "
            f">= {args.min_fired} times on the exchanges left in and related < "
            f"{args.min_related:.2f} there switched off).\n\n{out}\n\n"
            f"`related - plain`, the agreement earned by naming a class: "
            f"{earned(total_rules):.2f}, LOEO {earned(total_loeo):.2f}"
            + (
                f" (rules of {args.before}: {earned(before[0]):.2f}, LOEO {earned(before[1]):.2f})"
                if args.before
                else ""
            )
            + ". Leave-one-exchange-out disagreements (not related to ccxt's class), by what "
            f"decided:\n\n{decided_by(loeo_left)}\n\n"
            f"Targets: related >= 0.80, retry >= 0.98. Overall, rules: related "
            f"{total_rules.related / total_rules.n:.2f}, retry "
            f"{total_rules.retry / total_rules.n:.3f}"
            f"; leave-one-exchange-out: related {total_loeo.related / total_loeo.n:.2f}, retry "
            f"{total_loeo.retry / total_loeo.n:.3f}: "
            f"{'met' if met(total_loeo) else 'not met'}. Counting ccxt's bare `OperationFailed` "
            f'as retry advice too (its Binance map gives it to "Server is busy, please wait and '
            f'try again" and "Please try again in 5 minutes."), retry is '
            f"{total_rules.retry_advice / total_rules.n:.3f} (LOEO "
            f"{total_loeo.retry_advice / total_loeo.n:.3f}"
            + (
                f"; rules of {args.before}: {before[0].retry_advice / before[0].n:.3f}"
                if args.before
                else ""
            )
            + f"). `plain` is read beside `related`: a plain "
            f"ExchangeError counts as related to every class under it, so the LOEO gain is partly "
            f"alternatives switched off falling back to it. What keeps the targets out of reach "
            f"without forcing ccxt's reading on the documents' words (Binance's order-parameter "
            f"codes as `BadRequest`, clock errors as `BadRequest`, caps on resting orders as "
            f'`RateLimitExceeded`, …) is in docs/taxonomy.md, "Measured against ccxt".\n\n'
            f"**Upheld by the words.** An independent reader, who had not seen the rules, judged "
            f"the {len(READINGS)} leave-one-exchange-out disagreements of 2026-12-02 from each "
            f"page's words alone ({ADJUDICATION.relative_to(ROOT)}; {verdicts(READINGS)}). "
            f"Counting a disagreement as agreement where that reading upholds errcat's class "
            f"(see the script's docstring): rules {total_rules.upheld / total_rules.n:.2f}, "
            f"leave-one-exchange-out {total_loeo.upheld / total_loeo.n:.2f}. The same for the "
            f"{len(RETRY_READINGS)} retry disagreements ({RETRY_ADJUDICATION.relative_to(ROOT)}; "
            f"{verdicts(RETRY_READINGS)}): retry upheld, rules "
            f"{total_rules.retry_upheld / total_rules.n:.3f}, leave-one-exchange-out "
            f"{total_loeo.retry_upheld / total_loeo.n:.3f}. The targets are checked on `related` "
            f"and `retry` alone.\n\n"
            f"ccxt against itself: {pairs} codes are documented with the same code and message "
            f"by two exchanges that ccxt maps separately (Aster's lists copy Binance's); ccxt's "
            f"two maps give unrelated classes for {unrelated} of them "
            f"({unrelated / max(pairs, 1):.2f}). Agreement with ccxt is bounded by its own "
            f"consistency.\n\n"
            f"Speed: categorizing all {n_entries} entries of these documents takes "
            f"{categorize_s * 1000:.0f} ms ({categorize_s / n_entries * 1e6:.0f} µs per entry, "
            f"best "
            f"of 3), the cost `errcat.extract` and `errcat build` add to extraction.\n\n"
            f"Disagreements left where errcat's class comes from words that name it (a specific "
            f"rule), by pair; the full list with the generic ones is written by `--findings`:\n\n"
            f"{findings(left)}\n\n"
            f"Retry advice that differs ({len(retry_left)} codes), by errcat's class and "
            f"ccxt's; every code is listed by `--findings`:\n\n{retry_pairs(retry_left)}\n"
        )
        text = BENCHMARKS.read_text("utf-8")
        if TITLE in text:
            start = text.index(TITLE)
            nxt = text.find("\n## ", start + len(TITLE))
            text = text[:start] + section + (text[nxt + 1 :] if nxt != -1 else "")
        else:
            text = text.rstrip("\n") + "\n\n" + section
        BENCHMARKS.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
