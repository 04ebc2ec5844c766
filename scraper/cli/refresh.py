"""``errcat refresh``: fetch every source's upstream page, update what changed, report it."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from errcat.catalog import write_atomic
from errcat.cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, add_dirs
from errcat.cli.table import render_table
from errcat.errors import ErrcatError
from errcat.fetch import MB, FetchOptions
from errcat.files import check_writable
from errcat.refresh import STATE_FILE, SUSPECT, SourceResult, refresh
from errcat.report import PR_CELL_LIMIT, noteworthy, pr_body, render_report, report_dict
from errcat.sources import load_sources
from errcat.terminal import one_line, raw


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "refresh",
        help="fetch upstream pages, update snapshots and catalogs, report the changes",
        description="For each source: fetch its upstream page (conditional request, so an "
        "unchanged page costs a 304), extract it, guard against bad scrapes, write the snapshot "
        "and catalog atomically, and diff against the catalog the current errcat builds from "
        "the stored snapshot. One source failing does not stop the others.",
        epilog="Exit status: 0 every source refreshed (changed, repaired or not); 1 at least one "
        "source failed, looks suspect (no codes, more than max_drop of them gone, or grown past "
        "max_entries / max_catalog_bytes) or has a stale catalog (run 'errcat build' and commit "
        "first); its previous files were kept; 2 bad usage, a malformed source or state file, "
        "a state file that cannot be written, another refresh running in the tree, or any "
        "unexpected error. Example: errcat refresh --report 'reports/{date}.md'",
    )
    add_dirs(p)
    p.add_argument(
        "--source", action="append", metavar="ID", dest="ids", help="only this source (repeatable)"
    )
    _output_options(p)
    _fetch_options(p)
    p.set_defaults(run=run)


def _output_options(p: argparse.ArgumentParser) -> None:
    """Where the report goes, its date, and --dry-run."""
    p.add_argument(
        "--report",
        metavar="PATH",
        help="write the markdown report here when anything changed or failed; '{date}' is "
        "replaced by the date (e.g. reports/{date}.md)",
    )
    p.add_argument(
        "--pr-body",
        metavar="PATH",
        help="write the report cut to GitHub's 65,536-character limit (a pull-request body)",
    )
    p.add_argument("--json", metavar="PATH", help="write the report as JSON here")
    p.add_argument(
        "--date",
        type=_date,
        default=datetime.now(UTC).strftime("%Y-%m-%d"),
        help="date shown in the report and used for '{date}' (default: today, UTC)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="fetch and compare, but write no snapshot, catalog, state, report, --pr-body or "
        "--json file (the report is printed instead)",
    )


def _fetch_options(p: argparse.ArgumentParser) -> None:
    """How pages are fetched: the conditional-request state, concurrency, timeouts, limits."""
    p.add_argument(
        "--state",
        metavar="PATH",
        help=f"conditional-request state file (default: SOURCES/{STATE_FILE})",
    )
    defaults = FetchOptions()
    p.add_argument(
        "--concurrency",
        type=_positive(int),
        default=defaults.concurrency,
        metavar="N",
        help="fetch at most N pages at once (default: %(default)s)",
    )
    p.add_argument(
        "--timeout",
        type=_positive(float),
        default=defaults.read_timeout,
        metavar="SECONDS",
        help="give up on a response silent this long (default: %(default)s; connecting: "
        f"{defaults.connect_timeout:g})",
    )
    p.add_argument(
        "--retries",
        type=_non_negative_int,
        default=defaults.retries,
        metavar="N",
        help="retries after a connect error, timeout, 429 or 5xx, with backoff and Retry-After "
        "(default: %(default)s)",
    )
    p.add_argument(
        "--deadline",
        type=_positive(float),
        default=defaults.deadline,
        metavar="SECONDS",
        help="give up on one page after this long in all, retries included (default: %(default)g)",
    )
    p.add_argument(
        "--max-size",
        type=_positive(float),
        default=defaults.max_bytes / MB,
        metavar="MB",
        help="refuse bodies larger than this (default: %(default)g MB)",
    )


def _positive(kind: type) -> object:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not math.isfinite(value):  # nan passes `<= 0`; inf means no limit at all
            raise argparse.ArgumentTypeError(f"must be a finite number: {text!r}")
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
        return value

    return parse


def _date(text: str) -> str:
    # '{date}' goes into --report's path: a free text could name another directory.
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text!r}")
    return value


class Progress:
    """A one-line bar on a terminal; plain lines elsewhere (pipes, CI logs, ``CI=true``)."""

    def __init__(self, total: int, stream: TextIO | None = None, live: bool | None = None):
        # The bar draws with control sequences of its own: it writes under the CLI's SafeStream
        # and passes the upstream text it shows through printable() itself.
        stream = raw(stream or sys.stderr)
        self.total, self.done, self.stream = total, 0, stream
        if live is None:
            ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
            live = stream.isatty() and not ci
        self.live = live

    def update(self, result: SourceResult) -> None:
        self.done += 1
        what = f"{result.source.id}: {result.status}"
        if result.problem and result.detail:
            what += f" ({result.detail})"
        what = one_line(what, 300)
        if self.live:
            width = 24
            filled = width * self.done // max(1, self.total)
            bar = "#" * filled + "." * (width - filled)
            line = f"\r[{bar}] {self.done}/{self.total} {what}"[:120]
            self.stream.write(line + "\x1b[K")
        else:
            self.stream.write(f"[{self.done}/{self.total}] {what}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _entries_cell(r: SourceResult) -> str:
    """Entries in the catalog after the run: a suspect page's count is not what was kept."""
    if r.entries is None:
        return "-"
    if r.status == SUSPECT and r.previous_entries is not None:
        return f"{r.previous_entries} kept (page: {r.entries})"
    return str(r.entries)


def _summary(results: list[SourceResult]) -> str:
    rows = []
    for r in results:
        d = r.diff
        rows.append(
            [
                r.source.id,
                r.status,
                _entries_cell(r),
                f"+{len(d.added)}" if d else "",
                f"-{len(d.removed)}" if d else "",
                f"~{len(d.changed)}" if d else "",
                (d.level or "") if d else "",
            ]
        )
    header = ["source", "status", "entries", "added", "removed", "changed", "level"]
    return render_table(header, rows)


def run(args: argparse.Namespace) -> int:
    sources = load_sources(args.sources, args.ids)
    options = FetchOptions(
        concurrency=args.concurrency,
        read_timeout=args.timeout,
        connect_timeout=min(FetchOptions().connect_timeout, args.timeout),
        retries=args.retries,
        max_bytes=int(args.max_size * MB),
        deadline=args.deadline,
    )
    state = Path(args.state) if args.state else Path(args.sources) / STATE_FILE
    report_path = args.report.replace("{date}", args.date) if args.report else None
    if not args.dry_run:
        # A report that cannot be written after the catalogs moved on is lost for good: the
        # next run sees the page unchanged.
        for out in (report_path, args.pr_body, args.json):
            if out:
                check_writable(out)
    progress = Progress(len(sources))
    try:
        result = refresh(
            sources,
            Path(args.catalogs),
            state_path=state,
            options=options,
            dry_run=args.dry_run,
            on_result=progress.update,
        )
    finally:
        progress.close()

    print(_summary(list(result.results)))
    text = render_report(result, date=args.date)
    unwritten: list[str] = []
    news = any(noteworthy(r) for r in result.results) or bool(result.state_error)
    if args.dry_run:
        if args.report:
            print()
            sys.stdout.write(text)
        if args.pr_body or args.json:
            print("dry run: --pr-body and --json not written")
    else:
        outputs: list[tuple[str, str]] = []
        if report_path and news:
            outputs.append((report_path, text))
        elif report_path:
            print("nothing changed upstream; no report written")
        if args.pr_body:
            capped = render_report(result, date=args.date, cell_limit=PR_CELL_LIMIT)
            outputs.append((args.pr_body, pr_body(capped, report_path or "(no report file)")))
        if args.json:
            data = report_dict(result, date=args.date, report_path=report_path if news else None)
            outputs.append((args.json, json.dumps(data, ensure_ascii=False, indent=2) + "\n"))
        # each is written even if another fails (a disk filled up since the check above)
        for out, content in outputs:
            try:
                write_atomic(Path(out), content)
            except ErrcatError as err:
                unwritten.append(str(err))
            except OSError as err:
                unwritten.append(f"{out}: {err.strerror or err}")
            else:
                if out == report_path:
                    print(f"report written to {report_path}")
    for r in result.results:
        for warning in r.warnings:
            print(f"errcat: warning: {one_line(warning)}", file=sys.stderr)
    for r in result.problems:
        print(f"errcat: {r.source.id}: {r.status}: {one_line(r.detail)}", file=sys.stderr)
    for problem in unwritten:
        print(f"errcat: error: not written: {one_line(problem)}", file=sys.stderr)
    if result.state_error:
        print(f"errcat: error: {one_line(result.state_error)}", file=sys.stderr)
        return EXIT_USAGE
    if unwritten:
        return EXIT_USAGE
    return EXIT_PROBLEM if result.problems else EXIT_OK
