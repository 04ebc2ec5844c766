"""The errcat command line: output, exit codes, one-line errors (no tracebacks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from errcat.cli import main

from tests.conftest import ROOT, SEED_FILES


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None):
    """Run errcat in a real subprocess, as a user would."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "errcat", *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
    )


def test_help_lists_commands():
    out = run("--help")
    assert out.returncode == 0
    for command in ("build", "extract", "show"):
        assert command.encode() in out.stdout


@pytest.mark.parametrize("value", [None, "50", "133", "0", "-3", "wide"])
def test_help_is_as_wide_as_argparse_makes_it(value, monkeypatch: pytest.MonkeyPatch, capsys):
    # errcat.cli.arguments.columns() stands in for shutil.get_terminal_size() (not imported)
    import shutil

    import errcat.cli.arguments

    if value is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", value)
    assert errcat.cli.arguments.columns() == shutil.get_terminal_size().columns
    helps = []
    for width in (errcat.cli.arguments.columns, lambda: shutil.get_terminal_size().columns):
        monkeypatch.setattr(errcat.cli.arguments, "columns", width)
        for argv in (["--help"], ["explain", "--help"], ["build", "--help"], ["explain"]):
            with pytest.raises(SystemExit):
                main(argv)
        helps.append(capsys.readouterr())
    assert helps[0] == helps[1]
    assert "SOURCE ERROR" in helps[0].out and "required: SOURCE, ERROR" in helps[0].err


def test_runtime_commands_collect_no_garbage_and_give_the_collector_back(capsys):
    import gc

    import errcat.cli

    seen = []
    gc.callbacks.append(lambda phase, info: seen.append(phase))
    try:
        assert gc.isenabled()
        assert main(["explain", "bitget", "43012"]) == 0  # reads 834 entries: >700 objects
        assert seen == [] and gc.isenabled()  # none collected in it; back on after it
        assert main(["list"]) == 0  # not one of them (nor build, refresh, ...)
        assert "list" not in errcat.cli.WITHOUT_GC
    finally:
        gc.callbacks.pop()
    capsys.readouterr()


def test_the_console_command_freezes_what_is_left_for_the_exit(monkeypatch, capsys):
    import gc

    import errcat.cli

    monkeypatch.setattr(sys, "argv", ["errcat", "show", "blofin", "152001"])
    try:
        assert errcat.cli.console() == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert "152001" in capsys.readouterr().out
    out = subprocess.run([sys.executable, "-m", "errcat", "explain", "blofin", "152001"],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert out.returncode == 0 and "category:    BadRequest" in out.stdout, out.stderr


def test_the_cli_imports_argparse_only_to_parse(capsys):
    # (main() turns the collector off before it, for the runtime commands)
    import argparse

    import errcat.cli

    assert "argparse" not in vars(errcat.cli)
    # and the hidden option stays hidden (argparse tells SUPPRESS by identity)
    for command in ("explain", "show"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        shown = capsys.readouterr().out
        assert "SOURCE" in shown and "--catalogs DIR" in shown
        assert "--sources" not in shown and argparse.SUPPRESS not in shown
    assert errcat.cli.parser("explain").parse_args(["explain", "x", "1"]).sources == "sources"


def test_build_summary_then_unchanged(project: Path, capsys):
    args = ["build", "--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert "ltp" in first and "252" in first and "written" in first
    assert main(args) == 0
    second = capsys.readouterr().out
    assert "written" not in second and "unchanged" in second


def test_build_one_source(project: Path, capsys):
    args = ["build", "--source", "orderly", "--sources", str(project / "sources")]
    assert main([*args, "--catalogs", str(project / "catalogs")]) == 0
    assert sorted(p.name for p in (project / "catalogs").iterdir()) == [
        "index.json",
        "orderly.json",
    ]
    assert "1 of 1 sources built" in capsys.readouterr().out


def test_build_exit_1_when_a_snapshot_has_no_codes(project: Path):
    (project / "sources" / "snapshots" / "blofin.md").write_text("# Errors\n\nTBD\n")
    out = run("build", "--source", "blofin", "--source", "orderly", cwd=project)
    assert out.returncode == 1
    assert b"no error codes found for source 'blofin'" in out.stderr
    assert (project / "catalogs" / "orderly.json").exists()
    assert not (project / "catalogs" / "blofin.json").exists()


@pytest.mark.parametrize("source_id", sorted(SEED_FILES))
def test_extract_prints_the_same_entries_as_the_library(source_id):
    import errcat

    out = run("extract", str(SEED_FILES[source_id]))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    expected = errcat.extract(SEED_FILES[source_id].read_bytes())
    assert data["entries"] == [e.to_dict() for e in expected.entries]
    assert data["source"] is None


def test_extract_from_stdin_and_forced_html():
    html = b"<table><tr><th>Code</th><th>Message</th></tr><tr><td>7</td><td>Bad</td></tr></table>"
    out = run("extract", "-", "--format", "html", stdin=html)
    assert out.returncode == 0
    assert json.loads(out.stdout)["entries"][0]["messages"] == ["Bad"]


def test_extract_reads_at_most_the_limit(monkeypatch: pytest.MonkeyPatch, capsys):
    # 'errcat extract /dev/zero' (or an endless pipe on stdin) read until the kernel killed it.
    import io

    from errcat import files

    monkeypatch.setattr(files, "READ_LIMIT", 1000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"| 1 | x |\n" * 200)))
    assert main(["extract", "-"]) == 2
    assert "<stdin>: over the 1000 byte limit" in capsys.readouterr().err
    assert main(["extract", "/dev/zero"]) == 2
    assert "/dev/zero: over the 1000 byte limit" in capsys.readouterr().err


def test_extract_document_without_codes_exits_1(tmp_path: Path):
    doc = tmp_path / "faq.md"
    doc.write_text("# FAQ\n\nHow do I reset my password? Contact support.\n")
    out = run("extract", str(doc))
    assert out.returncode == 1
    assert b"faq.md: no error codes found" in out.stderr
    assert json.loads(out.stdout)["entries"] == []


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["extract", "{tmp}/missing.md"], "missing.md: no such file"),
        ("empty", ["extract", "{tmp}/empty.md"], "empty.md: document is empty"),
        ("binary", ["extract", "{tmp}/image.png"], "image.png: looks like a binary file"),
        (None, ["extract", "{tmp}"], "is a directory"),
        (None, ["show", "nope"], "unknown source 'nope'"),
        (None, ["build", "--sources", "{tmp}/absent"], "no sources directory"),
    ],
)
def test_errors_are_one_line_with_exit_2(tmp_path: Path, setup, args, message):
    if setup == "empty":
        (tmp_path / "empty.md").write_text("")
    if setup == "binary":
        (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" * 4)
    out = run(*[a.format(tmp=tmp_path) for a in args])
    assert out.returncode == 2
    err = out.stderr.decode()
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_bad_usage_exit_2():
    out = run("extract", "x.md", "--format", "pdf")
    assert out.returncode == 2
    assert b"invalid choice" in out.stderr


def test_an_option_before_its_command_says_where_it_goes(capsys):
    # argparse called the source and code unrecognized arguments
    assert main(["--json", "explain", "binance-spot", "-1121"]) == 2
    assert capsys.readouterr().err == (
        "errcat: error: --json is an option of the command: errcat explain --json …\n"
    )


def test_show_lists_and_looks_up(project: Path, capsys):
    dirs = ["--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    assert main(["build", *dirs]) == 0
    capsys.readouterr()
    assert main(["show", "okex-v1-spot", "10000", *dirs]) == 0
    out = capsys.readouterr().out
    assert "Required field, can not be null" in out and "Required parameter is empty" in out
    assert main(["show", "okex-v1-spot", "10000", "--surface", "websocket", "--json", *dirs]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["messages"] for e in entries] == [["Required parameter is empty"]]
    assert main(["show", "orderly", *dirs]) == 0
    assert "19 entries in orderly" in capsys.readouterr().out


def test_show_a_catalog_extract_wrote_prints_no_none(tmp_path: Path, capsys):
    # errcat extract's catalog has no source and no URL: "source: None" was printed
    (tmp_path / "blofin.json").write_text(
        '{"source": null, "exchange": null, "url": null, "entries": '
        '[{"code": "152001", "surface": "rest", "group": null, "name": null, '
        '"http_status": null, "messages": ["Parameter {} cannot be empty."]}]}',
        "utf-8",
    )
    for argv in (["show", "blofin"], ["show", "blofin", "152001"]):
        capsys.readouterr()
        assert main([*argv, "--catalogs", str(tmp_path)]) == 0
        out = capsys.readouterr().out
        assert "None" not in out and "152001" in out


def test_show_unknown_code_exit_1(project: Path, capsys):
    dirs = ["--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    main(["build", "--source", "blofin", *dirs])
    assert main(["show", "blofin", "999999", *dirs]) == 1
    assert "no entry for code '999999'" in capsys.readouterr().err


def test_show_before_build_says_what_to_do(project: Path, capsys):
    dirs = ["--sources", str(project / "sources"), "--catalogs", str(project / "catalogs")]
    assert main(["show", "blofin", *dirs]) == 2
    assert "run 'errcat build' first" in capsys.readouterr().err
