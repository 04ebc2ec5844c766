# ruff: noqa: E501  (the mutant table: one line per replacement reads best)
"""Hand-made mutation run over refresh, fetch, catalog (and files), diff and report.

    python bench/mutants.py [--only NAME ...] [--timeout 300]

Each mutant is a small deliberate bug: one or more exact text replacements in one module,
among them every deliberate bug that issue 16 reports surviving the suite. The tree is copied
to a temporary directory (an ``errcat`` link to its ``scraper/`` first on ``PYTHONPATH``, so
the checkout is never edited); for each mutant the module is changed there and the tests that
mirror it run with ``-x``. A mutant is *killed* when they fail, *survived* when they pass.
The kill rate goes in BENCHMARKS.md. A mutant whose replacement text is not found is an error
(the list must follow the code).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFRESH = ["tests/test_refresh.py", "tests/test_kill.py"]
FETCH = ["tests/test_fetch.py"]
FILES = ["tests/test_catalog.py", "tests/test_refresh.py", "tests/test_bad_sources.py"]
DIFF = ["tests/test_diff.py", "tests/test_terminal.py"]
REPORT = ["tests/test_report.py", "tests/test_refresh.py"]

# (name, module, [(old, new), ...], tests)
MUTANTS: list[tuple[str, str, list[tuple[str, str]], list[str]]] = [
    # --- the deliberate bugs issue 16 lists as surviving ---
    (
        "guard > made >=",
        "refresh.py",
        [("if share > source.max_drop:", "if share >= source.max_drop:")],
        REFRESH,
    ),
    (
        "guard counts how many, not which",
        "refresh.py",
        [("lost = len(before - after)", "lost = max(0, len(before) - len(after))")],
        REFRESH,
    ),
    (
        "catalog written with write_text",
        "refresh.py",
        [("if write_atomic(path, catalog):", "if path.write_text(catalog) or True:")],
        REFRESH,
    ),
    (
        "conditional request without a verified pair",
        "refresh.py",
        [
            (
                "if known is None or known.url != source.url or not pair.consistent:",
                "if known is None or known.url != source.url:",
            )
        ],
        REFRESH,
    ),
    (
        "validators kept after a URL change",
        "refresh.py",
        [
            (
                "if known is None or known.url != source.url or not pair.consistent:",
                "if known is None or not pair.consistent:",
            )
        ],
        REFRESH,
    ),
    (
        "snapshot that no longer parses fails the source",
        "refresh.py",
        [("rebuilt = None  # a stored snapshot", "raise  # a stored snapshot")],
        REFRESH,
    ),
    (
        "OSError not caught per source",
        "refresh.py",
        [
            (
                '    except OSError as err:\n        return SourceResult(source, FAILED, detail=f"cannot write: {err}")\n',
                "",
            )
        ],
        REFRESH,
    ),
    (
        "page-changed reported as unchanged",
        "report.py",
        [('PAGE_CHANGED: "page changed, codes unchanged",', 'PAGE_CHANGED: "unchanged",')],
        REPORT,
    ),
    (
        "code cell unescaped",
        "report.py",
        [("                cell(e.code),\n", "                str(e.code),\n")],
        REPORT,
    ),
    (
        "section cell unescaped",
        "report.py",
        [("                cell(e.group),\n", "                str(e.group or '–'),\n")],
        REPORT,
    ),
    (
        "exchange unescaped",
        "report.py",
        [("{escape(_capped(r.source.exchange, cell_limit))}", "{r.source.exchange}")],
        REPORT,
    ),
    (
        "Retry-After honoured as 0",
        "fetch.py",
        [("        return float(value)\n", "        return 0.0\n")],
        FETCH,
    ),
    (
        "negative max_drop accepted",
        "sources.py",
        [("or not 0 <= max_drop <= 1", "or not max_drop <= 1")],
        ["tests/test_sources.py"],
    ),
    (
        "entry keys ordered by hash()",
        "model.py",
        [
            (
                '            out["category_reason"] = self.category_reason\n        return out',
                '            out["category_reason"] = self.category_reason\n        return dict(sorted(out.items(), key=lambda kv: hash(kv[0])))',
            )
        ],
        ["tests/test_determinism.py"],
    ),
    # --- refresh ---
    (
        "unchanged page trusted without a verified pair",
        "refresh.py",
        [("if pair.consistent and pair.snapshot == data:", "if pair.snapshot == data:")],
        REFRESH,
    ),
    (
        "out-of-step pair diffed against the snapshot only",
        "refresh.py",
        [("old = committed if committed is not None else rebuilt", "old = rebuilt")],
        REFRESH,
    ),
    (
        "guard baseline: rebuilt snapshot only",
        "refresh.py",
        [("for c in (rebuilt, committed)", "for c in (rebuilt,)")],
        REFRESH,
    ),
    (
        "growth guard on entries off",
        "refresh.py",
        [
            (
                "if len(new.entries) > source.max_entries:",
                "if len(new.entries) > source.max_entries * 10:",
            )
        ],
        REFRESH,
    ),
    (
        "growth guard on bytes off",
        "refresh.py",
        [("if size > source.max_catalog_bytes:", "if size > source.max_catalog_bytes * 10:")],
        REFRESH,
    ),
    (
        "empty page not suspect",
        "refresh.py",
        [
            (
                '    if not new.entries:\n        return f"the page now yields',
                '    if False:\n        return f"the page now yields',
            )
        ],
        REFRESH,
    ),
    (
        "snapshot not put back after a failed catalog write",
        "refresh.py",
        [
            (
                "                write_atomic(source.snapshot, pair.snapshot)\n",
                "                pass\n",
            )
        ],
        REFRESH,
    ),
    (
        "stale check off",
        "refresh.py",
        [("if verifiable and _without_hash(committed) != rebuilt:", "if False:")],
        REFRESH,
    ),
    (
        "state keeps validators of an old URL",
        "refresh.py",
        [("out.pop(sid)  # validators of the old URL", "pass  # validators of the old URL")],
        REFRESH,
    ),
    (
        "repaired reported as changed",
        "refresh.py",
        [
            (
                "    elif out_of_step:\n        status = REPAIRED",
                "    elif False:\n        status = REPAIRED",
            )
        ],
        REFRESH,
    ),
    (
        "no lock",
        "refresh.py",
        [('stack.enter_context(locked(root, "errcat refresh or build"))', "pass")],
        REFRESH,
    ),
    (
        "stale temps kept",
        "refresh.py",
        [("                clean_temps(directory)\n", "                pass\n")],
        REFRESH,
    ),
    (
        "state values not checked",
        "refresh.py",
        [("etag if isinstance(etag, str) and _header_safe(etag) else None", "etag")],
        REFRESH,
    ),
    (
        "dry run writes",
        "refresh.py",
        [
            (
                "    if not dry_run:\n        written = _write_pair(",
                "    if True:\n        written = _write_pair(",
            )
        ],
        REFRESH,
    ),
    (
        "catalog hash not recorded",
        "refresh.py",
        [("snapshot_sha256=snapshot_sha256(data))", "snapshot_sha256=None)")],
        REFRESH,
    ),
    (
        "failed validators recorded",
        "refresh.py",
        [
            (
                "        v = result.validators\n        if v is None:\n            continue",
                "        v = result.validators or Validators('\"x\"')",
            )
        ],
        REFRESH,
    ),
    # --- fetch ---
    (
        "private addresses public",
        "fetch.py",
        [("return ip.is_global and not ip.is_multicast", "return True")],
        FETCH,
    ),
    (
        "redirect hops trusted",
        "fetch.py",
        [
            (
                "check_url(str(nxt.url), allow_private=options.allow_private)",
                "check_url(str(nxt.url), allow_private=True)",
            )
        ],
        FETCH,
    ),
    (
        "resolved address not checked",
        "fetch.py",
        [("        if not is_public(address):\n", "        if False:\n")],
        FETCH,
    ),
    (
        "no total deadline",
        "fetch.py",
        [("async with asyncio.timeout(options.deadline):", "async with asyncio.timeout(None):")],
        FETCH,
    ),
    ("redirect loop not seen", "fetch.py", [("if str(nxt.url) in seen:", "if False:")], FETCH),
    (
        "size cap off",
        "fetch.py",
        [("        if total > limit:\n", "        if total > limit * 100:\n")],
        FETCH,
    ),
    (
        "304 to an unconditional request accepted",
        "fetch.py",
        [('if not headers.keys() & {"If-None-Match", "If-Modified-Since"}:', "if False:")],
        FETCH,
    ),
    (
        "one retry too many",
        "fetch.py",
        [("if attempts > options.retries:", "if attempts > options.retries + 1:")],
        FETCH,
    ),
    (
        "max_wait ignored",
        "fetch.py",
        [("if asked is not None and asked > options.max_wait:", "if False:")],
        FETCH,
    ),
    (
        "4xx retried",
        "fetch.py",
        [("if status == 429 or status >= 500:", "if status == 429 or status >= 400:")],
        FETCH,
    ),
    (
        "http to public hosts",
        "fetch.py",
        [
            (
                'if parsed.scheme == "http" and (public or not allow_private):',
                'if parsed.scheme == "http" and not allow_private:',
            )
        ],
        FETCH,
    ),
    # --- catalog and files ---
    (
        "files written 0600",
        "files.py",
        [
            (
                "mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()",
                "mode = 0o600",
            )
        ],
        FILES,
    ),
    (
        "FIFO written into",
        "files.py",
        [
            (
                "    if not stat.S_ISREG(info.st_mode):\n        raise TreeError",
                "    if False:\n        raise TreeError",
            )
        ],
        FILES,
    ),
    (
        "FIFO read from",
        "files.py",
        [
            (
                "        info = os.fstat(fd)\n        if not stat.S_ISREG(info.st_mode):",
                "        info = os.fstat(fd)\n        if False:",
            )
        ],
        FILES,
    ),
    (
        "identical file rewritten",
        "files.py",
        [
            (
                "    if info is not None and info.st_size == len(data) and read_regular(path) == data:",
                "    if False:",
            )
        ],
        FILES,
    ),
    (
        "temp files not cleaned",
        "files.py",
        [
            (
                "                tmp.unlink()\n                removed.append(tmp)",
                "                removed.append(tmp)",
            )
        ],
        FILES,
    ),
    (
        "catalog not validated on load",
        "catalog.py",
        [
            (
                "    validate(data, name=str(path))\n    return Catalog.from_dict(data)",
                "    return Catalog.from_dict(data)",
            )
        ],
        FILES,
    ),
    (
        "deep JSON not caught",
        "catalog.py",
        [("    except RecursionError:", "    except ZeroDivisionError:")],
        DIFF,
    ),
    (
        "merge drops later messages",
        "catalog.py",
        [
            (
                "messages=tuple(dict.fromkeys(seen.messages + row.messages)),",
                "messages=seen.messages,",
            )
        ],
        FILES,
    ),
    # --- diff ---
    (
        "corrupt .json read as a document",
        "diff.py",
        [("        obj = parse_json(data, name)", "        obj = None")],
        DIFF,
    ),
    (
        "rewording threshold 0.95",
        "diff.py",
        [("REWORD_THRESHOLD = 0.75", "REWORD_THRESHOLD = 0.95")],
        DIFF,
    ),
    (
        "removed code only a warning",
        "diff.py",
        [
            (
                'Change(CODE_REMOVED, entry.code, entry.surface, entry.group, "error", True, entry)',
                'Change(CODE_REMOVED, entry.code, entry.surface, entry.group, "warning", True, entry)',
            )
        ],
        DIFF,
    ),
    # (a first run had "messages compared as lists": equivalent, _entry_changes compares sets)
    (
        "removed message not breaking",
        "diff.py",
        [
            (
                'add(MESSAGE_REMOVED, "warning", True, m, None)',
                'add(MESSAGE_REMOVED, "info", False, m, None)',
            )
        ],
        DIFF,
    ),
    (
        "a message change alone not seen",
        "diff.py",
        [
            (
                "k for k in common if set(old_by_key[k].messages) != set(new_by_key[k].messages)",
                "k for k in common if len(old_by_key[k].messages) != len(new_by_key[k].messages)",
            )
        ],
        DIFF,
    ),
    (
        "moved codes not paired",
        "diff.py",
        [
            (
                "moved, gone, came = _pair_unmatched(gone, came, lambda e: (e.surface, e.code))",
                "moved = []",
            )
        ],
        DIFF,
    ),
    (
        "catalog url change not reported",
        "diff.py",
        [('for name in ("source", "exchange", "url")', 'for name in ("source", "exchange")')],
        DIFF,
    ),
    # --- report ---
    (
        "mentions not neutralised",
        "report.py",
        [('    out = _MENTION_OR_REF.sub(lambda m: m.group(0) + "&#8203;", out)\n', "")],
        REPORT,
    ),
    (
        "bare URLs and GH-n not neutralised",
        "report.py",
        [('    return _AUTOLINK.sub(lambda m: m.group(0) + "&#8203;", out)', "    return out")],
        REPORT,
    ),
    (
        "hidden characters not flagged",
        "report.py",
        [('    out = _HIDDEN.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", out)\n', "")],
        REPORT,
    ),
    (
        "pr body stops at the first source too big",
        "report.py",
        [
            (
                "        else:\n            left_out.append(name)",
                "        else:\n            left_out.append(name)\n            break",
            )
        ],
        REPORT,
    ),
    (
        "pr body not cut",
        "report.py",
        [("        if used + size <= budget:", "        if True:")],
        REPORT,
    ),
    (
        "cells not capped",
        "report.py",
        [("    return escape(_capped(str(value), limit))", "    return escape(str(value))")],
        REPORT,
    ),
    (
        "GitHub length as len()",
        "report.py",
        [('    return len(text.encode("utf-16-le")) // 2', "    return len(text)")],
        REPORT,
    ),
    (
        "files-not-kept not said",
        "report.py",
        [("        if all(r.kept for r in problems):", "        if True:")],
        REPORT,
    ),
    (
        "table pipes not escaped",
        "report.py",
        [
            (
                '_MD_SPECIAL = re.compile(r"([\\\\`*_\\[\\]|~])")',
                '_MD_SPECIAL = re.compile(r"([\\\\`*_\\[\\]~])")',
            )
        ],
        REPORT,
    ),
]


def copy_tree(dest: Path) -> None:
    for name in ("scraper", "tests", "sources", "catalogs", "pyproject.toml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    (dest / "errcat").symlink_to("scraper")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", nargs="*", help="run only mutants whose name contains one of these")
    p.add_argument("--timeout", type=float, default=300)
    args = p.parse_args()
    chosen = [m for m in MUTANTS if not args.only or any(o in m[0] for o in args.only)]
    killed = 0
    survivors = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        copy_tree(root)
        env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
        print("| module | mutant | result | seconds |")
        print("|---|---|---|--:|")
        for name, module, edits, tests in chosen:
            path = root / "scraper" / module
            original = path.read_text("utf-8")
            text = original
            for old, new in edits:
                if text.count(old) != 1:
                    print(f"error: {name}: replacement found {text.count(old)} times in {module}")
                    return 2
                text = text.replace(old, new)
            path.write_text(text, "utf-8")
            t0 = time.perf_counter()
            try:
                done = subprocess.run(
                    [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                    cwd=root,
                    env=env,
                    capture_output=True,
                    timeout=args.timeout,
                )
                result = "killed" if done.returncode != 0 else "survived"
            except subprocess.TimeoutExpired:
                result = "killed (timeout)"
            finally:
                path.write_text(original, "utf-8")
            took = time.perf_counter() - t0
            if result.startswith("killed"):
                killed += 1
            else:
                survivors.append(name)
            print(f"| {module} | {name} | {result} | {took:.0f} |", flush=True)
    total = len(chosen)
    print(
        f"\n{killed} of {total} mutants killed ({killed / total:.0%}) in "
        f"{time.perf_counter() - started:.0f} s"
    )
    if survivors:
        print("survived: " + "; ".join(survivors))
    return 0 if not survivors else 1


if __name__ == "__main__":
    sys.exit(main())
