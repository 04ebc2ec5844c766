"""``errcat refresh`` end to end: real upstream histories served on 127.0.0.1, real files, git.

Expected codes come from reading consecutive versions of each document (see
tests/fixtures/history/PROVENANCE.md for what changed between them).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import errcat.refresh
import pytest
from errcat.build import build_source
from errcat.cli import main
from errcat.cli.refresh import Progress
from errcat.diff import FIELD_CHANGED, GROUP_CHANGED, MESSAGE_ADDED, MESSAGE_REMOVED
from errcat.fetch import FetchOptions
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


def _forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(*args, **kwargs):
        raise AssertionError("an unchanged page must not be parsed")

    monkeypatch.setattr(errcat.refresh, "extract_source", parse)


def test_304_rewrites_nothing_and_parses_nothing(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch
):
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

    _forbid_parsing(monkeypatch)
    time.sleep(0.01)  # let a rewrite, if any, show in the mtime
    second = run(tmp_path)["blofin"]
    assert second.status == "not-modified"
    assert second.written == ()
    assert upstream.conditional == ["blofin.md"]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files} == before


def test_same_page_without_304_writes_and_parses_nothing(
    tmp_path: Path, upstream: Upstream, monkeypatch: pytest.MonkeyPatch
):
    add_source(tmp_path, "blofin", upstream.url("blofin.md"))
    seed(tmp_path, "blofin", doc("blofin/2024-02-16_2bac3b99.md"))
    upstream.serve("blofin.md", doc("blofin/2024-02-16_2bac3b99.md"))
    _forbid_parsing(monkeypatch)
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
    assert results["missing"].detail.startswith("HTTP 404")
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
