"""``errcat refresh`` end to end: real upstream histories served on 127.0.0.1, real files, git.

Expected codes come from reading consecutive versions of each document (see
tests/fixtures/history/PROVENANCE.md for what changed between them).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import errcat.cli.refresh
import errcat.refresh
import pytest
from errcat.build import build_source
from errcat.cli import main
from errcat.cli.refresh import Progress
from errcat.diff import FIELD_CHANGED, GROUP_CHANGED, MESSAGE_ADDED, MESSAGE_REMOVED
from errcat.fetch import FetchOptions, FetchResult
from errcat.refresh import RefreshRun, SourceResult, load_state, refresh
from errcat.report import render_report
from errcat.sources import Source, load_sources
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

HISTORY = Path(__file__).resolve().parent / "fixtures" / "history"
FAST = FetchOptions(connect_timeout=1.0, read_timeout=0.3, retries=1, backoff=0.01, max_wait=1.0)


def doc(name: str) -> bytes:
    return (HISTORY / name).read_bytes()


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    s = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    s.start()
    yield s
    s.clear()
    s.stop()


class Upstream:
    """Pages served like raw.githubusercontent.com: content-hash ETag, 304 when it matches."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.pages: dict[str, bytes] = {}
        self.conditional: list[str] = []

    def url(self, name: str) -> str:
        return self.server.url_for(f"/{name}")

    def serve(self, name: str, body: bytes) -> None:
        if name not in self.pages:
            self.server.expect_request(f"/{name}").respond_with_handler(
                lambda request: self._respond(name, request)
            )
        self.pages[name] = body

    def _respond(self, name: str, request: Request) -> Response:
        body = self.pages[name]
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match"):
            self.conditional.append(name)
        if request.headers.get("If-None-Match") == tag:
            return Response(status=304, headers={"ETag": tag})
        return Response(body, headers={"ETag": tag, "Content-Type": "text/plain; charset=utf-8"})


@pytest.fixture
def upstream(server: HTTPServer) -> Iterator[Upstream]:
    server.clear()
    yield Upstream(server)
    server.clear()


def add_source(root: Path, source_id: str, url: str, extra: str = "") -> None:
    (root / "sources").mkdir(exist_ok=True)
    (root / "catalogs").mkdir(exist_ok=True)
    (root / "sources" / f"{source_id}.toml").write_text(
        f'id = "{source_id}"\nexchange = "{source_id.title()}"\nurl = "{url}"\n'
        f'format = "markdown"\nallow_private = true\n{extra}',
        "utf-8",
    )


def seed(root: Path, source_id: str, body: bytes) -> Source:
    """Store ``body`` as the source's snapshot and build its catalog, as a repository would."""
    (source,) = load_sources(root / "sources", [source_id])
    source.snapshot.parent.mkdir(parents=True, exist_ok=True)
    source.snapshot.write_bytes(body)
    assert build_source(source, root / "catalogs").ok
    return source


def run(root: Path, ids: list[str] | None = None, **kw) -> dict[str, SourceResult]:
    kw.setdefault("options", FAST)
    result = refresh(load_sources(root / "sources", ids), root / "catalogs", **kw)
    return {r.source.id: r for r in result.results}


def codes(entries) -> set[str]:
    return {e.code for e in entries}


def catalog(root: Path, source_id: str) -> dict:
    return json.loads((root / "catalogs" / f"{source_id}.json").read_text("utf-8"))


def snapshot(root: Path, source_id: str) -> bytes:
    return (root / "sources" / "snapshots" / f"{source_id}.md").read_bytes()


# --- histories --------------------------------------------------------------------------------


def test_blofin_history(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-02_f8fa09c2.md"))
    first = run(tmp_path)["blofin"]
    assert first.status == "new"
    assert len(catalog(tmp_path, "blofin")["entries"]) == 44 == first.entries
    assert snapshot(tmp_path, "blofin") == doc("blofin/2024-02-02_f8fa09c2.md")

    upstream.serve("blofin.md", doc("blofin/2024-02-11_e3197489.md"))
    second = run(tmp_path)["blofin"]
    assert second.status == "changed"
    assert codes(second.diff.added) == {"1", "2", "80001", "80006", "103003"}
    assert second.diff.removed == [] and second.diff.changed == []
    assert not second.diff.breaking
    assert snapshot(tmp_path, "blofin") == doc("blofin/2024-02-11_e3197489.md")
    assert {"1", "80006", "103003"} <= {e["code"] for e in catalog(tmp_path, "blofin")["entries"]}

    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    third = run(tmp_path)["blofin"]
    assert codes(third.diff.added) == {"152014", "152015"}

    upstream.serve("blofin.md", doc("blofin/2024-04-17_ed184f4a.md"))
    fourth = run(tmp_path)["blofin"]
    assert codes(fourth.diff.added) == {"152404", "102089", "110006", "110019"}
    assert fourth.diff.removed == []
    (reworded,) = [c for c in fourth.diff.changes if c.kind == "message-reworded"]
    assert (reworded.code, reworded.old) == ("152004", "JSON syntax error")
    assert reworded.new.startswith("JSON syntax error, Please check if the parameter")
    assert fourth.previous_entries == 51 and fourth.entries == 55
    entry = next(e for e in catalog(tmp_path, "blofin")["entries"] if e["code"] == "152004")
    assert entry["messages"] == [reworded.new]


def test_orderly_history_messages_then_names_dropped(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "orderly", upstream.url("orderly.md"))
    seed(tmp_path, "orderly", doc("orderly/2024-12-03_eb90cadd.md"))

    upstream.serve("orderly.md", doc("orderly/2025-12-24_a9bb32a5.md"))
    result = run(tmp_path)["orderly"]
    diff = result.diff
    assert result.status == "changed"
    assert diff.added == [] and diff.removed == []
    assert diff.changed == [("rest", "-1103"), ("rest", "-1104")]
    removed = {(c.code, c.old) for c in diff.changes if c.kind == MESSAGE_REMOVED}
    assert removed == {
        ("-1103", "The order price is not following the scope or range rules"),
        ("-1104", "The order quantity is not following the step size rule for the symbol."),
    }
    added = [(c.code, c.new) for c in diff.changes if c.kind == MESSAGE_ADDED]
    assert [m for code, m in added if code == "-1103"] == [
        "Order price is below the minimum allowed price {quote_min}.",
        "Order price exceeds the maximum allowed price {quote_max}.",
        "Order price does not match the tick size.",
    ]
    assert len([m for code, m in added if code == "-1104"]) == 4
    assert diff.breaking and diff.level == "warning"

    # The next version drops the Error Name column: names changed, no code removed or added.
    upstream.serve("orderly.md", doc("orderly/2025-12-24_877cfc71.md"))
    diff = run(tmp_path)["orderly"].diff
    assert diff.added == [] and diff.removed == []
    names = [c for c in diff.changes if c.kind == FIELD_CHANGED and c.field == "name"]
    assert len(names) == 19 == len(diff.changed)
    assert all(c.new is None and c.old for c in names)
    assert {(c.code, c.old) for c in names} >= {
        ("-1000", "UNKNOWN"),
        ("-1105", "PERCENTAGE_FILTER"),
    }
    assert {c.kind for c in diff.changes} <= {FIELD_CHANGED, GROUP_CHANGED}
    assert all(e["name"] is None for e in catalog(tmp_path, "orderly")["entries"])


def test_phemex_history_codes_added_then_sections(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "phemex", upstream.url("phemex.md"))
    seed(tmp_path, "phemex", doc("phemex/2021-03-08_ec66d2d4.md"))

    upstream.serve("phemex.md", doc("phemex/2021-05-05_40501bf3.md"))
    diff = run(tmp_path)["phemex"].diff
    bracket = {str(c) for c in [*range(11116, 11127), *range(11128, 11135)]}
    assert codes(diff.added) == bracket and len(bracket) == 18
    assert diff.removed == []

    # The table moves under "## BizError Field" and a CxlRejReason table appears: every old
    # code is reported as moved to the new section, not as removed and added again.
    upstream.serve("phemex.md", doc("phemex/2022-11-03_67edd701.md"))
    result = run(tmp_path)["phemex"]
    diff = result.diff
    assert codes(diff.added) == {"100", "101", "116", "117"}
    assert diff.removed == []
    moved = [c for c in diff.changes if c.kind == GROUP_CHANGED]
    assert len(moved) == 139
    assert {(c.old, c.new) for c in moved} == {(None, "BizError Field")}
    assert {e.group for e in diff.added} == {"CxlRejReason Field"}
    assert not diff.breaking and result.entries == 143


# --- no change ----------------------------------------------------------------------------------


def test_304_rewrites_nothing(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    assert run(tmp_path)["blofin"].status == "new"
    files = [
        tmp_path / "sources" / "snapshots" / "blofin.md",
        tmp_path / "catalogs" / "blofin.json",
        tmp_path / "sources" / "state.json",
    ]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files}
    assert load_state(files[2])["blofin"].etag

    time.sleep(0.01)  # let a rewrite, if any, show in the mtime
    second = run(tmp_path)["blofin"]
    assert second.status == "not-modified"
    assert second.written == ()
    assert upstream.conditional == ["blofin.md"]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files} == before


def test_same_page_without_304_writes_nothing(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-16_2bac3b99.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    result = run(tmp_path)["blofin"]
    assert result.status == "unchanged" and result.written == ()
    # The validators are recorded so that the next run costs a 304.
    assert load_state(tmp_path / "sources" / "state.json")["blofin"].etag


# --- failures -----------------------------------------------------------------------------------


def test_failures_keep_previous_files_and_others_still_update(
    tmp_path: Path, upstream: Upstream, server: HTTPServer
):
    good, flaky = "blofin", "orderly"
    add_source(tmp_path, good, upstream.url("good.md"))
    add_source(tmp_path, flaky, server.url_for("/flaky.md"))
    broken = {
        "slow": server.url_for("/slow.md"),
        "missing": server.url_for("/missing.md"),
        "huge": server.url_for("/huge.md"),
        "loop": server.url_for("/loop-a.md"),
        "empty": upstream.url("empty.md"),
    }
    for source_id, url in broken.items():
        add_source(tmp_path, source_id, url)
    seed(tmp_path, good, doc("blofin/2024-02-11_e3197489.md"))
    seed(tmp_path, flaky, doc("orderly/2025-12-24_a9bb32a5.md"))
    for source_id in broken:
        seed(tmp_path, source_id, doc("mexc/2025-11-24_1ad3e466.md"))
    kept = {i: (snapshot(tmp_path, i), catalog(tmp_path, i)) for i in broken}

    upstream.serve("good.md", doc("blofin/2024-02-16_2bac3b99.md"))
    # A one-shot handler answers first, then the permanent one.
    server.expect_oneshot_request("/flaky.md").respond_with_data("oops", status=500)
    server.expect_request("/flaky.md").respond_with_data(doc("orderly/2025-12-24_877cfc71.md"))

    def slow(request: Request) -> Response:
        time.sleep(0.8)
        return Response(doc("mexc/2025-11-24_1ad3e466.md"))

    server.expect_request("/slow.md").respond_with_handler(slow)
    server.expect_request("/missing.md").respond_with_data("not here", status=404)
    server.expect_request("/huge.md").respond_with_data(b"| 1 | x |\n" * 30_000)
    server.expect_request("/loop-a.md").respond_with_data(
        "", status=302, headers={"Location": "/loop-b.md"}
    )
    server.expect_request("/loop-b.md").respond_with_data(
        "", status=302, headers={"Location": "/loop-a.md"}
    )
    upstream.serve("empty.md", doc("mexc/2025-11-09_a6ddd5da.md"))

    options = FetchOptions(read_timeout=0.3, retries=1, backoff=0.01, max_bytes=200_000)
    run_ = refresh(load_sources(tmp_path / "sources"), tmp_path / "catalogs", options=options)
    results = {r.source.id: r for r in run_.results}

    assert results[good].status == "changed"
    assert codes(results[good].diff.added) == {"152014", "152015"}
    assert results[flaky].status == "changed"  # after one retry
    assert all(e["name"] is None for e in catalog(tmp_path, flaky)["entries"])

    assert {i: results[i].status for i in broken} == {
        "slow": "failed",
        "missing": "failed",
        "huge": "failed",
        "loop": "failed",
        "empty": "suspect",
    }
    assert "timed out" in results["slow"].detail
    assert results["missing"].detail == f"HTTP 404 Not Found ({broken['missing']})"
    assert "cap" in results["huge"].detail
    assert "redirect loop" in results["loop"].detail
    assert "no error codes" in results["empty"].detail
    for source_id, (snap, cat) in kept.items():
        assert snapshot(tmp_path, source_id) == snap, source_id
        assert catalog(tmp_path, source_id) == cat, source_id

    report = render_report(run_, date="2026-01-02")
    problems = report.split("## Problems", 1)[1].split("\n## ", 1)[0]
    for source_id in broken:
        assert f"**{source_id}**" in problems
    assert "152014" in report
    # A failed or suspect page's validators are not stored: the next run fetches it in full.
    assert "empty" not in load_state(tmp_path / "sources" / "state.json")


def test_a_new_source_whose_page_lists_nothing_says_nothing_was_written(
    tmp_path: Path, upstream: Upstream
):
    # "kept the previous snapshot and catalog" of a source that had none
    add_source(tmp_path, "fresh", upstream.url("fresh.md"))
    upstream.serve("fresh.md", b"# Welcome\n\nNo codes here.\n")
    (result,) = run(tmp_path).values()
    assert result.status == "suspect"
    assert result.detail == "the page now yields no error codes; wrote nothing"
    assert list((tmp_path / "catalogs").iterdir()) == []


def test_guard_keeps_catalog_when_too_many_codes_vanish(tmp_path: Path, upstream: Upstream):
    # Served in reverse, phemex goes from 139 codes to 79: 60 (43 %) vanish at once.
    add_source(tmp_path, "phemex", upstream.url("phemex.md"))
    seed(tmp_path, "phemex", doc("phemex/2021-05-05_40501bf3.md"))
    before = catalog(tmp_path, "phemex")
    upstream.serve("phemex.md", doc("phemex/2020-02-11_3be11706.md"))
    result = run(tmp_path)["phemex"]
    assert result.status == "suspect"
    assert "60 of 139 codes (43%)" in result.detail and "max_drop 30%" in result.detail
    assert catalog(tmp_path, "phemex") == before
    assert snapshot(tmp_path, "phemex") == doc("phemex/2021-05-05_40501bf3.md")

    # The maintainer confirms the removal by raising the source's limit.
    toml = tmp_path / "sources" / "phemex.toml"
    toml.write_text(toml.read_text("utf-8") + "max_drop = 0.5\n", "utf-8")
    result = run(tmp_path)["phemex"]
    assert result.status == "changed"
    assert len(result.diff.removed) == 60 and result.diff.added == []
    assert {"11015", "11086", "11116", "11134"} <= codes(result.diff.removed)
    assert "11085" not in codes(result.diff.removed)  # documented since 2020-02-11
    assert len(catalog(tmp_path, "phemex")["entries"]) == 79


def test_a_real_removal_of_a_few_codes_goes_through(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-04-17_ed184f4a.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    result = run(tmp_path)["blofin"]
    assert result.status == "changed"
    assert codes(result.diff.removed) == {"152404", "102089", "110006", "110019"}
    assert result.diff.breaking and result.diff.level == "error"
    assert len(catalog(tmp_path, "blofin")["entries"]) == 51


def test_stale_catalog_is_refused_so_parser_changes_are_committed_apart(
    tmp_path: Path, upstream: Upstream
):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    source = seed(tmp_path, "blofin", doc("blofin/2024-02-11_e3197489.md"))
    # A catalog written by another errcat version: here, one that read a message differently.
    path = tmp_path / "catalogs" / "blofin.json"
    data = json.loads(path.read_text("utf-8"))
    data["entries"][0]["messages"] = ["Bad Request (as an older parser read it)"]
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    stale_bytes = path.read_bytes()

    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    result = run(tmp_path)["blofin"]
    assert result.status == "stale"
    assert "errcat build --source blofin" in result.detail
    assert path.read_bytes() == stale_bytes
    assert snapshot(tmp_path, "blofin") == doc("blofin/2024-02-11_e3197489.md")

    # After 'errcat build' (its own commit), the refresh reports only the upstream change.
    assert build_source(source, tmp_path / "catalogs").changed
    result = run(tmp_path)["blofin"]
    assert result.status == "changed"
    assert [c.kind for c in result.diff.changes] == ["code-added", "code-added"]


def test_dry_run_writes_nothing(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-11_e3197489.md"))
    before = sorted((p, p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file())
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    result = run(tmp_path, dry_run=True)["blofin"]
    assert result.status == "changed" and codes(result.diff.added) == {"152014", "152015"}
    assert result.written == ()
    assert sorted((p, p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file()) == before


def test_plain_http_upstream_is_refused(tmp_path: Path):
    add_source(tmp_path, "plain", "http://example.invalid/errors.md")
    result = run(tmp_path)["plain"]
    assert result.status == "failed"
    assert "only https://" in result.detail


def test_state_file_is_canonical_and_forgets_removed_sources(tmp_path: Path, upstream: Upstream):
    for source_id in ("blofin", "orderly"):
        add_source(tmp_path, source_id, upstream.url(f"{source_id}.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    upstream.serve("orderly.md", doc("orderly/2024-12-03_eb90cadd.md"))
    run(tmp_path)
    state_path = tmp_path / "sources" / "state.json"
    data = json.loads(state_path.read_text("utf-8"))
    assert list(data) == ["blofin", "orderly"]
    assert data["blofin"]["url"] == upstream.url("blofin.md")
    assert data["blofin"]["etag"].startswith('"')
    # Nothing volatile and no state inside catalogs.
    assert "etag" not in (tmp_path / "catalogs" / "blofin.json").read_text("utf-8")

    (tmp_path / "sources" / "orderly.toml").unlink()
    run(tmp_path)
    assert list(json.loads(state_path.read_text("utf-8"))) == ["blofin"]


# --- command line -------------------------------------------------------------------------------


def test_cli_refresh_writes_report_json_and_pr_body(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    add_source(tmp_path, "missing", upstream.url("missing.md"))
    upstream.server.expect_request("/missing.md").respond_with_data("no", status=404)
    seed(tmp_path, "blofin", doc("blofin/2024-02-11_e3197489.md"))
    seed(tmp_path, "missing", doc("blofin/2024-02-11_e3197489.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    argv = ["refresh", "--report", "reports/{date}.md", "--date", "2026-01-02"]
    argv += ["--json", "out/refresh.json", "--pr-body", "out/body.md", "--retries", "0"]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert "report written to reports/2026-01-02.md" in out
    assert "[2/2]" in err and "\x1b[K" not in err
    assert "errcat: missing: failed: HTTP 404 Not Found" in err
    report = (tmp_path / "reports" / "2026-01-02.md").read_text("utf-8")
    assert report.startswith("# Error-code catalog refresh, 2026-01-02")
    assert (tmp_path / "out" / "body.md").read_text("utf-8") == report
    data = json.loads((tmp_path / "out" / "refresh.json").read_text("utf-8"))
    assert data["changed"] is True and data["problems"] == 1
    assert data["report"] == "reports/2026-01-02.md"
    assert data["labels"] == ["catalog-refresh", "severity:info"]
    blofin = next(s for s in data["sources"] if s["source"] == "blofin")
    assert (blofin["status"], blofin["added"], blofin["removed"]) == ("changed", 2, 0)

    # Everything is current now: exit 0, a 304, and no new report.
    (tmp_path / "sources" / "missing.toml").unlink()
    (tmp_path / "reports" / "2026-01-02.md").unlink()
    assert main(["refresh", "--report", "reports/{date}.md", "--date", "2026-01-02"]) == 0
    out, _ = capsys.readouterr()
    assert "not-modified" in out and "no report written" in out
    assert not (tmp_path / "reports" / "2026-01-02.md").exists()


def test_cli_refresh_usage_errors(tmp_path: Path, capsys):
    assert main(["refresh", "--sources", str(tmp_path / "nowhere")]) == 2
    assert "no sources directory" in capsys.readouterr().err
    add_source(tmp_path, "blofin", "https://example.invalid/x.md")
    (tmp_path / "sources" / "state.json").write_text("{not json", "utf-8")
    args = ["refresh", "--sources", str(tmp_path / "sources"), "--catalogs", str(tmp_path)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "state.json: unreadable state file" in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit):
        main(["refresh", "--concurrency", "0"])
    assert "must be more than 0" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--timeout", "--deadline", "--max-size"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_cli_refresh_refuses_non_finite_limits(option: str, value: str, tmp_path: Path, capsys):
    # nan compares false with everything: it passed the "more than 0" check and reached the
    # fetcher (a "nan s deadline" that fires at once, a ValueError in the size cap).
    with pytest.raises(SystemExit) as exit_:
        main(["refresh", "--sources", str(tmp_path / "nowhere"), f"{option}={value}"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}: " in err and value in err


@pytest.mark.parametrize("value", ["2026-13-45", "../../elsewhere", "today"])
def test_cli_refresh_date_must_be_a_date(value: str, tmp_path: Path, capsys):
    # --date fills '{date}' in --report's path: '../../elsewhere' wrote the report outside it.
    with pytest.raises(SystemExit) as exit_:
        main(["refresh", "--sources", str(tmp_path / "nowhere"), f"--date={value}"])
    assert exit_.value.code == 2
    assert f"argument --date: not a date (YYYY-MM-DD): {value!r}" in capsys.readouterr().err


def test_progress_bar_on_a_terminal_plain_lines_elsewhere(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CI", raising=False)
    source = Source(id="blofin", exchange="BloFin", url="https://example.invalid/x")
    master, replica = os.openpty()
    with os.fdopen(replica, "w") as tty:
        bar = Progress(2, tty)
        assert bar.live
        bar.update(SourceResult(source, "changed"))
        bar.close()
    written = os.read(master, 4096).decode()
    os.close(master)
    assert "[############............] 1/2 blofin: changed" in written
    assert "\x1b[K" in written

    monkeypatch.setenv("CI", "true")
    master, replica = os.openpty()
    with os.fdopen(replica, "w") as tty:
        assert not Progress(2, tty).live
    os.close(master)


# --- a real repository --------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_status_shows_only_the_changed_source(tmp_path: Path, upstream: Upstream):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    versions = {
        "blofin": "blofin/2024-02-11_e3197489.md",
        "orderly": "orderly/2025-12-24_a9bb32a5.md",
        "phemex": "phemex/2021-05-05_40501bf3.md",
    }
    for source_id, name in versions.items():
        add_source(repo, source_id, upstream.url(f"{source_id}.md"))
        seed(repo, source_id, doc(name))
        upstream.serve(f"{source_id}.md", doc(name))
    cli = [sys.executable, "-m", "errcat", "refresh", "--report", "reports/{date}.md"]
    cli += ["--date", "2026-01-02", "--timeout", "5"]
    # First run: every page is the stored one; only the validators get recorded.
    first = subprocess.run(cli, cwd=repo, capture_output=True, text=True, env={**os.environ})
    assert first.returncode == 0, first.stderr
    assert git(repo, "status", "--porcelain") == "?? catalogs/\n?? sources/\n"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "catalogs")

    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    second = subprocess.run(cli, cwd=repo, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    status = sorted(git(repo, "status", "--porcelain", "--untracked-files=all").splitlines())
    assert status == [
        " M catalogs/blofin.json",
        " M sources/snapshots/blofin.md",
        " M sources/state.json",
        "?? reports/2026-01-02.md",
    ]
    # The state file changed only in the changed source's validators.
    before = json.loads(git(repo, "show", "HEAD:sources/state.json"))
    after = json.loads((repo / "sources" / "state.json").read_text("utf-8"))
    assert after.keys() == before.keys() == set(versions)
    assert {k for k in after if after[k] != before[k]} == {"blofin"}
    assert after["blofin"]["etag"] != before["blofin"]["etag"]
    report = (repo / "reports" / "2026-01-02.md").read_text("utf-8")
    assert "152014" in report and "152015" in report
    assert "Unchanged: `orderly`, `phemex`." in report


def test_run_properties(tmp_path: Path):
    source = Source(id="x", exchange="X", url="https://example.invalid/x")
    run_ = RefreshRun(
        (SourceResult(source, "failed", detail="HTTP 500"), SourceResult(source, "unchanged"))
    )
    assert [r.status for r in run_.problems] == ["failed"]
    assert run_.changed == [] and run_.written == []


# --- snapshot and catalog as a pair (issue 16, defect 1) ---------------------------------------


def table(codes, message: str = "Message {}") -> bytes:
    """A minimal error page: one table, one row per code."""
    rows = "".join(f"| {c} | {message.format(c)} |\n" for c in codes)
    return f"# Error codes\n\n| Error Code | Error Message |\n|---|---|\n{rows}".encode()


def pair_ok(root: Path, source_id: str) -> bool:
    data = catalog(root, source_id)
    return data["snapshot_sha256"] == hashlib.sha256(snapshot(root, source_id)).hexdigest()


def test_catalog_records_the_hash_of_its_snapshot(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    assert run(tmp_path)["blofin"].status == "new"
    assert pair_ok(tmp_path, "blofin")
    assert list(catalog(tmp_path, "blofin"))[:5] == [
        "source",
        "exchange",
        "url",
        "snapshot_sha256",
        "entries",
    ]


def test_a_run_killed_between_snapshot_and_catalog_is_noticed_and_repaired(
    tmp_path: Path, upstream: Upstream
):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-11_e3197489.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    assert run(tmp_path, dry_run=True)["blofin"].status == "changed"
    # What a kill after the snapshot's rename leaves: the new page beside the old catalog,
    # and (from an earlier run) validators that match the page now served.
    snap = tmp_path / "sources" / "snapshots" / "blofin.md"
    snap.write_bytes(doc("blofin/2024-02-16_2bac3b99.md"))
    tag = '"' + hashlib.sha256(doc("blofin/2024-02-16_2bac3b99.md")).hexdigest()[:16] + '"'
    state = {"blofin": {"url": upstream.url("blofin.md"), "etag": tag}}
    (tmp_path / "sources" / "state.json").write_text(json.dumps(state), "utf-8")
    assert not pair_ok(tmp_path, "blofin")

    result = run(tmp_path)["blofin"]
    assert upstream.conditional == []  # no If-None-Match for a pair out of step: no 304
    assert result.status == "repaired" and "hash differs" in result.detail
    # Diffed against the committed catalog: the two codes the old catalog lacked are reported.
    assert codes(result.diff.added) == {"152014", "152015"}
    assert pair_ok(tmp_path, "blofin")
    assert {"152014", "152015"} <= {e["code"] for e in catalog(tmp_path, "blofin")["entries"]}
    # Now a pair again: the next run may ask for a 304.
    assert run(tmp_path)["blofin"].status == "not-modified"


@pytest.mark.parametrize("answer", ["unchanged", "not-modified"])
def test_a_hand_edited_catalog_of_an_unchanged_page_is_stale(
    tmp_path: Path, upstream: Upstream, answer: str
):
    # The edit keeps the snapshot's hash, so the pair looks in step; the content is not what
    # the snapshot builds.
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    assert run(tmp_path)["blofin"].status == "new"
    if answer == "unchanged":
        (tmp_path / "sources" / "state.json").unlink()  # no validators: the page is sent again
    path = tmp_path / "catalogs" / "blofin.json"
    data = json.loads(path.read_text("utf-8"))
    data["entries"][0]["category"] = "OnMaintenance"
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    edited = path.read_bytes()
    result = run(tmp_path)["blofin"]
    assert upstream.conditional == (["blofin.md"] if answer == "not-modified" else [])
    assert result.status == "stale" and "a hand edit" in result.detail
    assert path.read_bytes() == edited and result.written == ()


@pytest.mark.parametrize("status", [200, 304])
def test_a_parser_crash_on_the_stored_snapshot_is_this_source_s_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: int
):
    # process_source never raises: the stale check's rebuild included
    add_source(tmp_path, "blofin", "https://docs.example.com/errors.md")
    source = seed(tmp_path, "blofin", doc("blofin/2024-02-16_2bac3b99.md"))

    def crash(*args, **kwargs):
        raise ValueError("a parser bug")

    monkeypatch.setattr(errcat.refresh, "extract_source", crash)
    body = doc("blofin/2024-02-16_2bac3b99.md") if status == 200 else None
    fetched = FetchResult(url=source.url, status=status, content=body, charset="utf-8")
    result = errcat.refresh.process_source(source, fetched, tmp_path / "catalogs")
    assert result.status == "failed" and "ValueError" in result.detail


def test_a_missing_snapshot_sends_no_conditional_request(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    run(tmp_path)
    assert load_state(tmp_path / "sources" / "state.json")["blofin"].etag
    (tmp_path / "sources" / "snapshots" / "blofin.md").unlink()
    result = run(tmp_path)["blofin"]
    assert upstream.conditional == []
    assert result.status == "repaired" and "snapshot missing" in result.detail
    assert snapshot(tmp_path, "blofin") == doc("blofin/2024-02-16_2bac3b99.md")
    assert pair_ok(tmp_path, "blofin") and not result.diff


def test_a_same_page_beside_a_catalog_of_another_is_not_called_unchanged(
    tmp_path: Path, upstream: Upstream
):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-16_2bac3b99.md"))
    path = tmp_path / "catalogs" / "blofin.json"
    data = json.loads(path.read_text("utf-8"))
    data["snapshot_sha256"] = "0" * 64
    path.write_text(json.dumps(data, indent=2), "utf-8")
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    result = run(tmp_path)["blofin"]
    assert result.status == "repaired"
    assert pair_ok(tmp_path, "blofin")


def test_old_validators_are_not_sent_after_the_url_changes(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("old.md"))
    upstream.serve("old.md", doc("blofin/2024-02-16_2bac3b99.md"))
    upstream.serve("new.md", doc("blofin/2024-02-16_2bac3b99.md"))  # same body, same ETag
    run(tmp_path)
    add_source(tmp_path, "blofin", upstream.url("new.md"))
    (source,) = load_sources(tmp_path / "sources", ["blofin"])
    result = run(tmp_path)["blofin"]
    assert upstream.conditional == []
    # the catalog records the old URL: what the source now builds differs, so it is built first
    assert result.status == "stale" and "errcat build --source blofin" in result.detail
    assert build_source(source, tmp_path / "catalogs").changed
    result = run(tmp_path)["blofin"]
    assert result.status == "unchanged"
    assert load_state(tmp_path / "sources" / "state.json")["blofin"].url == upstream.url("new.md")


def test_a_catalog_that_cannot_be_written_puts_the_snapshot_back(
    tmp_path: Path, upstream: Upstream
):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    add_source(tmp_path, "orderly", upstream.url("orderly.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-11_e3197489.md"))
    seed(tmp_path, "orderly", doc("orderly/2025-12-24_a9bb32a5.md"))
    # The catalog's place is taken by a FIFO: a write would block or be lost, so it is refused.
    path = tmp_path / "catalogs" / "blofin.json"
    path.unlink()
    os.mkfifo(path)
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    upstream.serve("orderly.md", doc("orderly/2025-12-24_877cfc71.md"))
    results = run(tmp_path)
    blofin = results["blofin"]
    assert blofin.status == "failed" and blofin.kept
    assert "cannot write catalog" in blofin.detail and "put back" in blofin.detail
    assert snapshot(tmp_path, "blofin") == doc("blofin/2024-02-11_e3197489.md")
    assert results["orderly"].status == "changed"  # the other source still updates


def test_a_write_error_of_one_source_does_not_stop_the_others(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch
):
    for sid, name in (("blofin", "blofin/2024-02-11_e3197489.md"), ("orderly", None)):
        add_source(tmp_path, sid, upstream.url(f"{sid}.md"))
        if name:
            seed(tmp_path, sid, doc(name))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    upstream.serve("orderly.md", doc("orderly/2025-12-24_877cfc71.md"))
    real = errcat.refresh.write_atomic

    def full_disk(path, text):
        if "blofin" in Path(path).name:
            raise OSError(28, "No space left on device", str(path))
        return real(path, text)

    monkeypatch.setattr(errcat.refresh, "write_atomic", full_disk)
    results = run(tmp_path)
    assert results["blofin"].status == "failed"
    where = tmp_path / "sources" / "snapshots" / "blofin.md"
    assert (
        results["blofin"].detail == f"cannot write: [Errno 28] No space left on device: '{where}'"
    )
    assert results["orderly"].status == "new"
    assert snapshot(tmp_path, "blofin") == doc("blofin/2024-02-11_e3197489.md")


def test_an_unexpected_error_of_one_source_is_that_sources_failure(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch
):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    add_source(tmp_path, "orderly", upstream.url("orderly.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    upstream.serve("orderly.md", doc("orderly/2025-12-24_877cfc71.md"))
    real = errcat.refresh.extract_source

    def parser_bug(source, document, *args):
        if source.id == "blofin":
            raise RecursionError("maximum recursion depth exceeded")
        return real(source, document, *args)

    monkeypatch.setattr(errcat.refresh, "extract_source", parser_bug)
    results = run(tmp_path)
    assert results["blofin"].status == "failed"
    assert results["blofin"].detail.startswith("internal error: RecursionError")
    assert results["orderly"].status == "new"


# --- the guard's baselines (defect 2) and growth (defect 6) -------------------------------------


def test_a_missing_snapshot_does_not_lift_the_guard(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-16_2bac3b99.md"))
    before = catalog(tmp_path, "blofin")
    (tmp_path / "sources" / "snapshots" / "blofin.md").unlink()
    upstream.serve("blofin.md", table([1]))
    result = run(tmp_path)["blofin"]
    assert result.status == "suspect"
    assert "51 codes" in result.detail and "snapshot missing" in result.detail
    assert catalog(tmp_path, "blofin") == before


@pytest.mark.parametrize("how", ["unreadable", "moved", "format"])
def test_an_unreadable_or_moved_snapshot_does_not_lift_the_guard(
    tmp_path: Path, upstream: Upstream, how: str
):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-16_2bac3b99.md"))
    before = catalog(tmp_path, "blofin")
    snap = tmp_path / "sources" / "snapshots" / "blofin.md"
    if how == "unreadable":
        snap.unlink()
        snap.mkdir()  # root reads any file mode: a directory is what no one can read as one
    elif how == "moved":
        add_source(tmp_path, "blofin", upstream.url("blofin.md"), 'snapshot = "elsewhere.md"\n')
    else:
        toml = tmp_path / "sources" / "blofin.toml"
        toml.write_text(toml.read_text("utf-8").replace('"markdown"', '"html"'), "utf-8")
    upstream.serve("blofin.md", table([1]))
    result = run(tmp_path)["blofin"]
    assert result.status == "suspect", result.detail
    assert catalog(tmp_path, "blofin") == before


def test_the_guard_counts_which_codes_vanish_not_how_many(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "t", upstream.url("t.md"))
    seed(tmp_path, "t", table(range(100, 110)))
    # Same number of codes, four of the ten replaced by others: 40 % gone.
    upstream.serve("t.md", table([*range(100, 106), *range(200, 204)]))
    result = run(tmp_path)["t"]
    assert result.status == "suspect" and "4 of 10 codes (40%)" in result.detail


def test_cli_summary_shows_the_entries_kept_for_a_suspect_page(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(tmp_path)
    add_source(tmp_path, "t", upstream.url("t.md"))
    seed(tmp_path, "t", table(range(100, 110)))
    upstream.serve("t.md", table(range(100, 102)))  # 8 of 10 codes gone: suspect, kept
    assert main(["refresh", "--retries", "0"]) == 1
    out, _ = capsys.readouterr()
    row = next(line for line in out.splitlines() if line.startswith("t "))
    assert "suspect" in row and "10 kept (page: 2)" in row
    assert len(catalog(tmp_path, "t")["entries"]) == 10


def test_the_guard_allows_exactly_max_drop(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "t", upstream.url("t.md"))
    seed(tmp_path, "t", table(range(100, 110)))
    upstream.serve("t.md", table(range(100, 107)))  # 3 of 10 gone: 30 %, the default limit
    result = run(tmp_path)["t"]
    assert result.status == "changed" and len(result.diff.removed) == 3
    upstream.serve("t.md", table(range(100, 104)))  # 3 of 7 gone: 43 %
    assert run(tmp_path)["t"].status == "suspect"


def test_a_snapshot_that_no_longer_parses_does_not_fail_the_source(
    tmp_path: Path, upstream: Upstream
):
    add_source(tmp_path, "t", upstream.url("t.md"))
    seed(tmp_path, "t", table(range(100, 110)))
    # As if a parser upgrade could not read the stored page any more (the pair itself is fine).
    snap = tmp_path / "sources" / "snapshots" / "t.md"
    snap.write_bytes(b"\x00\x01 binary now")
    path = tmp_path / "catalogs" / "t.json"
    data = json.loads(path.read_text("utf-8"))
    data["snapshot_sha256"] = hashlib.sha256(snap.read_bytes()).hexdigest()
    path.write_text(json.dumps(data, indent=2), "utf-8")
    upstream.serve("t.md", table(range(100, 111)))
    result = run(tmp_path)["t"]
    assert result.status == "changed"
    assert codes(result.diff.added) == {"110"} and not result.diff.removed
    # ... and the committed catalog still guards it.
    upstream.serve("t.md", table([100]))
    assert run(tmp_path)["t"].status == "suspect"


def test_growth_past_max_entries_or_max_catalog_bytes_is_suspect(
    tmp_path: Path, upstream: Upstream
):
    add_source(tmp_path, "e", upstream.url("e.md"), "max_entries = 50\n")
    add_source(tmp_path, "b", upstream.url("b.md"), "max_catalog_bytes = 5000\n")
    for sid in ("e", "b"):
        seed(tmp_path, sid, table(range(100, 110)))
    upstream.serve("e.md", table(range(100, 151)))
    upstream.serve("b.md", table(range(100, 110), "Message {} " + "long " * 200))
    results = run(tmp_path)
    assert results["e"].status == "suspect" and "51 entries, more than max_entries 50" in (
        results["e"].detail
    )
    assert results["b"].status == "suspect" and "more than max_catalog_bytes 5000" in (
        results["b"].detail
    )
    assert len(catalog(tmp_path, "e")["entries"]) == 10


# --- charsets, private addresses, lock, state (defects 3, 5, 7, 10, 11) -------------------------


@pytest.mark.parametrize(
    "content_type",
    ["text/plain; charset=undefined", "text/plain; charset=punycode", "text/plain; charset=x-nope"],
)
def test_a_bad_charset_is_one_sources_problem_at_most(
    tmp_path: Path, server: HTTPServer, upstream: Upstream, content_type: str
):
    add_source(tmp_path, "odd", server.url_for("/odd.md"))
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    server.expect_request("/odd.md").respond_with_data(
        table(range(1, 6)), headers={"Content-Type": content_type}
    )
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    results = run(tmp_path)
    assert results["odd"].status == "new" and results["odd"].entries == 5
    assert results["blofin"].status == "new"


def test_meta_charset_undefined_in_html(tmp_path: Path, server: HTTPServer):
    add_source(tmp_path, "odd", server.url_for("/odd.html"))
    page = b'<html><head><meta charset="undefined"></head><body><h2>Error codes</h2><table>'
    page += b"<tr><th>Error Code</th><th>Error Message</th></tr>"
    page += b"".join(b"<tr><td>%d</td><td>Bad thing %d</td></tr>" % (i, i) for i in range(1, 4))
    page += b"</table></body></html>"
    server.expect_request("/odd.html").respond_with_data(page, content_type="text/html")
    assert run(tmp_path)["odd"].status == "new"
    assert main(["build", "--sources", str(tmp_path / "sources"), "--catalogs",
                 str(tmp_path / "catalogs")]) == 0  # fmt: skip


def test_a_local_mirror_needs_allow_private(tmp_path: Path, upstream: Upstream):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "m.toml").write_text(
        f'id = "m"\nexchange = "M"\nurl = "{upstream.url("m.md")}"\nformat = "markdown"\n', "utf-8"
    )
    upstream.serve("m.md", table([1, 2]))
    result = run(tmp_path)["m"]
    assert result.status == "failed" and "allow_private" in result.detail
    assert upstream.server.log == []


def test_a_second_writer_is_refused_while_the_tree_is_locked(tmp_path: Path, upstream: Upstream):
    from errcat.files import TreeError, locked

    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    with locked(tmp_path / "sources"):
        with pytest.raises(TreeError, match="another errcat refresh or build is running"):
            run(tmp_path)
        args = ["--sources", str(tmp_path / "sources"), "--catalogs", str(tmp_path / "catalogs")]
        assert main(["refresh", *args]) == 2
        assert main(["build", *args]) == 2
        assert run(tmp_path, dry_run=True)["blofin"].status == "new"  # reading needs no lock
    assert run(tmp_path)["blofin"].status == "new"


def test_two_refresh_processes_in_one_tree(tmp_path: Path, upstream: Upstream, server: HTTPServer):
    add_source(tmp_path, "blofin", server.url_for("/slow-blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-11_e3197489.md"))

    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(doc("blofin/2024-02-16_2bac3b99.md"))

    server.expect_request("/slow-blofin.md").respond_with_handler(slow)
    cli = [sys.executable, "-m", "errcat", "refresh", "--timeout", "5"]
    procs = [
        subprocess.Popen(cli, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outcomes = sorted((p.wait(30), p.stderr.read().decode()) for p in procs)
    assert [code for code, _ in outcomes] == [0, 2]
    assert "another errcat refresh or build is running" in outcomes[1][1]
    assert len(outcomes[1][1].strip().splitlines()) == 1
    assert pair_ok(tmp_path, "blofin")


def test_a_malformed_state_entry_costs_only_its_conditional_request(
    tmp_path: Path, upstream: Upstream
):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-16_2bac3b99.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    state = {"blofin": {"url": upstream.url("blofin.md"), "etag": 5}, "x": "nonsense"}
    (tmp_path / "sources" / "state.json").write_text(json.dumps(state), "utf-8")
    assert run(tmp_path)["blofin"].status == "unchanged"
    assert upstream.conditional == []
    assert list(json.loads((tmp_path / "sources" / "state.json").read_text("utf-8"))) == ["blofin"]


def test_a_state_file_that_cannot_be_written_is_exit_2_after_the_report(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(tmp_path)
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    real = errcat.refresh.write_atomic

    def full_disk(path, text):
        if Path(path).name == "full.json":
            raise OSError(28, "No space left on device", str(path))
        return real(path, text)

    monkeypatch.setattr(errcat.refresh, "write_atomic", full_disk)
    argv = ["refresh", "--state", "full.json", "--report", "r.md"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("errcat:")]
    assert errors == ["errcat: error: full.json: cannot write state: No space left on device"]
    assert "State file not written" in (tmp_path / "r.md").read_text("utf-8")
    assert pair_ok(tmp_path, "blofin")


@pytest.mark.parametrize("option", ["--report", "--pr-body", "--json"])
def test_an_output_that_cannot_be_written_stops_the_run_before_it_fetches(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch, capsys, option: str
):
    # else the catalogs move on and the report of the change is lost: the next run sees a 304
    monkeypatch.chdir(tmp_path)
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    (tmp_path / "adir").mkdir()
    assert main(["refresh", option, "adir"]) == 2
    err = capsys.readouterr().err
    assert err == "errcat: error: adir: not a regular file (a FIFO, device or directory); refused\n"
    assert upstream.server.log == []
    assert list((tmp_path / "catalogs").iterdir()) == []
    (tmp_path / "afile").write_text("x", "utf-8")
    assert main(["refresh", option, "afile/r.md"]) == 2
    assert capsys.readouterr().err == "errcat: error: afile/r.md: afile is not a directory\n"


def test_an_output_that_fails_while_written_does_not_stop_the_others(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(tmp_path)
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    real = errcat.cli.refresh.write_atomic

    def full_disk(path, text):
        if Path(path).name == "r.md":
            raise OSError(28, "No space left on device", str(path))
        return real(path, text)

    monkeypatch.setattr(errcat.cli.refresh, "write_atomic", full_disk)
    assert main(["refresh", "--report", "r.md", "--pr-body", "b.md", "--json", "r.json"]) == 2
    captured = capsys.readouterr()
    assert "errcat: error: not written: r.md: No space left on device" in captured.err
    assert "report written" not in captured.out
    assert (tmp_path / "b.md").is_file() and (tmp_path / "r.json").is_file()


def test_dry_run_writes_no_pr_body_or_json(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(tmp_path)
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    argv = ["refresh", "--dry-run", "--pr-body", "body.md", "--json", "r.json", "--report", "x"]
    assert main(argv) == 0
    assert "--pr-body and --json not written" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogs", "sources"]
    assert list((tmp_path / "catalogs").iterdir()) == []


def test_written_files_get_the_mode_of_a_plain_write_and_stale_temps_go(
    tmp_path: Path, upstream: Upstream
):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    leftover = tmp_path / "catalogs" / ".blofin.json.12345.tmp"
    leftover.write_text("half a catalog", "utf-8")
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    old = os.umask(0o022)
    try:
        assert run(tmp_path)["blofin"].status == "new"
    finally:
        os.umask(old)
    for path in (
        tmp_path / "catalogs" / "blofin.json",
        tmp_path / "sources" / "snapshots" / "blofin.md",
        tmp_path / "sources" / "state.json",
    ):
        assert oct(path.stat().st_mode & 0o777) == "0o644", path
    assert not leftover.exists()


def test_a_catalog_is_replaced_never_rewritten_in_place(tmp_path: Path, upstream: Upstream):
    # A reader holding the old file (here: a hard link) keeps a whole, valid old catalog.
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-11_e3197489.md"))
    path = tmp_path / "catalogs" / "blofin.json"
    held = tmp_path / "held.json"
    os.link(path, held)
    old_bytes = held.read_bytes()
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    assert run(tmp_path)["blofin"].status == "changed"
    assert held.read_bytes() == old_bytes and path.read_bytes() != old_bytes
    assert path.stat().st_ino != held.stat().st_ino


# --- a new source (item 7) -----------------------------------------------------------------------


def test_a_new_source_gets_its_first_snapshot_and_catalog(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(tmp_path)
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    add_source(tmp_path, "fresh", upstream.url("fresh.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-16_2bac3b99.md"))
    upstream.serve("fresh.md", doc("orderly/2025-12-24_877cfc71.md"))
    assert main(["list"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^blofin .* ok ", out, re.M)
    assert re.search(r"^fresh .* no snapshot \(new source\)", out, re.M)
    assert main(["build"]) == 1
    assert "run 'errcat refresh --source fresh'" in capsys.readouterr().err
    assert main(["refresh", "--source", "fresh"]) == 0
    assert "fresh" in capsys.readouterr().out
    assert pair_ok(tmp_path, "fresh")
    assert main(["list"]) == 0
    assert main(["build"]) == 0
    assert "written" not in capsys.readouterr().out  # refresh and build agree byte for byte


def test_list_sorts_sources_by_id_as_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    # by file name "aster-futures-fulldoc.toml" came before "aster-futures.toml"
    monkeypatch.chdir(tmp_path)
    for source_id in ("aster-futures-fulldoc", "aster-futures"):
        add_source(tmp_path, source_id, "https://example.invalid/x.md")
    main(["list"])
    rows = capsys.readouterr().out.splitlines()[2:4]
    assert [r.split()[0] for r in rows] == ["aster-futures", "aster-futures-fulldoc"]


def test_the_state_forgets_validators_of_a_url_no_longer_used(tmp_path: Path, upstream: Upstream):
    add_source(tmp_path, "blofin", upstream.url("old.md"))
    upstream.serve("old.md", doc("blofin/2024-02-16_2bac3b99.md"))
    run(tmp_path)
    state_path = tmp_path / "sources" / "state.json"
    assert load_state(state_path)["blofin"].url == upstream.url("old.md")
    # The new URL fails: nothing is learnt about it, and the old URL's validators are dropped.
    add_source(tmp_path, "blofin", upstream.url("gone.md"))
    upstream.server.expect_request("/gone.md").respond_with_data("no", status=404)
    assert run(tmp_path)["blofin"].status == "failed"
    assert "blofin" not in load_state(state_path)
