"""The runtime imports no third-party module; the CLI imports only the command it runs; a
command that needs the scrape extra says so in one line when it is missing.

Each check runs in a fresh interpreter: the test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import import_module

import pytest
from errcat.cli import COMMANDS, SCRAPE_MODULES, SUMMARIES, module_name

from tests.conftest import ROOT

# The import names of the scrape extra, as the issue lists them.
SCRAPE = {"bs4", "lxml", "markdown_it", "ftfy", "httpx", "deepdiff", "jsonschema"}

REPORT = (
    "import json, sys\n"
    "tops = sorted({m.partition('.')[0] for m in sys.modules})\n"
    "print(json.dumps({'tops': tops, 'errcat': sorted(m for m in sys.modules"
    " if m.startswith('errcat')), 'all': sorted(sys.modules)}))\n"
)

# Standard-library modules the runtime path (import errcat, catalog, lookup, explain; the CLI's
# show and explain) does without: each costs `errcat explain SOURCE CODE`, a process a trading
# system may start per error, a share of a millisecond or more (dataclasses imports inspect,
# which imports ast, dis and tokenize; typing, pathlib, shutil and contextlib a few more).
HEAVY = {
    *("dataclasses", "inspect", "ast", "dis", "tokenize", "typing", "pathlib", "shutil"),
    *("contextlib", "copy", "fnmatch", "urllib", "fcntl", "importlib.util", "textwrap"),
}


def modules_after(code: str, cwd=ROOT) -> dict[str, list[str]]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\n" + REPORT],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def test_the_scrape_set_is_the_clis():
    assert SCRAPE == SCRAPE_MODULES


def test_import_catalog_lookup_explain_import_nothing_third_party():
    seen = modules_after(
        "import errcat\n"
        "errcat.sources()\n"
        "errcat.lookup('bitget', '40034')\n"
        "assert errcat.explain('blofin', 'Parameter instId cannot be empty.').entry.code == "
        "'152001'\n"
        'assert errcat.explain(\'aster-spot\', \'{"code":-1121,"msg":"Invalid symbol."}\')'
        ".entry.category == 'BadSymbol'\n"
        "errcat.explain('bitget', 'nothing documented says this')\n"
        'errcat.explain(\'bitget\', \'{"code":"40034","msg":"Parameter does not exist"}\')\n'
        "errcat.explain(errcat.catalog('blofin'), '152001').to_dict()\n"
    )
    assert not SCRAPE & set(seen["tops"])
    # nor the scraping side of errcat itself
    assert not {"errcat.extract", "errcat.categorize", "errcat.build"} & set(seen["errcat"])


def added_by(code: str, cwd=ROOT) -> set[str]:
    """The modules ``code`` imports beyond what the interpreter starts with (an editable
    install's import hook brings pathlib and importlib.util at start-up: not errcat's doing)."""
    return set(modules_after(code, cwd)["all"]) - set(modules_after("pass", cwd)["all"])


def test_the_runtime_library_imports_no_heavy_standard_module():
    added = added_by(
        "import errcat\n"
        "errcat.sources()\n"
        "errcat.lookup('bitget', '40034')\n"
        "errcat.explain('bitget', '43012')\n"
        "errcat.explain('blofin', 'Parameter instId cannot be empty.')\n"
        'errcat.explain(\'bitget\', \'{"code":"40034","msg":"Parameter does not exist"}\')\n'
        "errcat.explain('bitget', 'nothing documented says this').to_dict()\n"
    )
    assert {"errcat.catalog", "errcat.explain", "errcat.templates"} <= added  # it did run
    assert not HEAVY & added


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", "bitget", "43012"],
        ["explain", "aster-spot", '{"code":-1121,"msg":"Invalid symbol."}', "--json"],
        ["explain", "blofin", "Parameter instId cannot be empty."],
        ["show", "blofin", "152001"],
        ["show", "blofin"],
    ],
)
def test_show_and_explain_import_no_heavy_standard_module(argv: list[str], tmp_path):
    run = (
        "import io, sys\n"
        "from errcat.cli import main\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        f"code = main({argv!r})\n"
        "sys.stdout = out\n"
        "assert code == 0, code\n"
    )
    added = added_by(run, cwd=tmp_path)  # outside a checkout: the shipped catalogs
    assert {"errcat.catalog", f"errcat.cli.{argv[0]}"} <= added
    assert not HEAVY & added


def test_a_deliberate_heavy_import_is_seen():
    # the check above would catch a runtime module importing one of them
    seen = modules_after("import errcat\nerrcat.extract('### -1 X')")
    assert {"bs4", "markdown_it", "ftfy"} <= set(seen["tops"])


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--version"],
        ["explain", "aster-spot", "-1121"],
        ["explain", "bitget", '{"code":"40034","msg":"Parameter does not exist"}', "--json"],
        ["show", "blofin", "152001"],
        ["show", "blofin"],
        ["export", "--format", "python", "--source", "blofin"],
        ["export", "--format", "ccxt"],
    ],
)
def test_runtime_commands_import_nothing_third_party(argv: list[str], tmp_path):
    # outside a checkout, on the shipped catalogs
    seen = modules_after(
        "import contextlib, io\n"
        "from errcat.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        code = main({argv!r})\n"
        "    except SystemExit as exit:\n"
        "        code = exit.code\n"
        "assert code in (0, None), code\n",
        cwd=tmp_path,
    )
    assert not SCRAPE & set(seen["tops"])
    commands = {m.rpartition(".")[2] for m in seen["errcat"] if m.startswith("errcat.cli.")}
    # explain and export reuse show's loader; arguments holds the parser's classes
    assert commands <= {argv[0], "show", "table", "arguments"}


def test_help_lists_every_command_with_its_own_summary():
    # the summaries --help shows without importing the commands are the commands' own
    import argparse

    assert set(SUMMARIES) == set(COMMANDS)
    for name in COMMANDS:
        sub = argparse.ArgumentParser().add_subparsers()
        import_module(module_name(name)).register(sub)
        (action,) = sub._choices_actions
        assert action.help == SUMMARIES[name], name
    out = subprocess.run(
        [sys.executable, "-m", "errcat", "--help"], capture_output=True, text=True, timeout=60
    )
    for name, summary in SUMMARIES.items():
        assert name in out.stdout and summary in " ".join(out.stdout.split())


# Run a command with the scrape extra "not installed": a meta-path finder refuses its modules.
BLOCK = (
    "import sys\n"
    "class Block:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    f"        if name.partition('.')[0] in {sorted(SCRAPE)!r}:\n"
    "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
    "sys.meta_path.insert(0, Block())\n"
    "from errcat.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "--source", "blofin", "--catalogs", "{tmp}"],
        ["extract", "README.md"],
        ["diff", "catalogs/blofin.json", "catalogs/blofin.json"],
        ["refresh", "--dry-run", "--source", "blofin"],
    ],
)
def test_scraping_commands_say_the_extra_is_missing(argv: list[str], tmp_path):
    args = [a.format(tmp=tmp_path) for a in argv]
    out = subprocess.run(
        [sys.executable, "-c", BLOCK, *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 2
    assert out.stderr.startswith(f"errcat: error: 'errcat {argv[0]}' needs the scrape extra (")
    assert out.stderr.rstrip().endswith("pip install 'errcat[scrape]'")
    assert out.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["build", "extract", "diff", "list", "refresh"])
def test_help_of_a_scraping_command_says_what_it_does_without_the_extra(command: str):
    out = subprocess.run(
        [sys.executable, "-c", BLOCK, command, "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and out.stderr == ""
    assert out.stdout.startswith(f"usage: errcat {command} ")
    assert SUMMARIES[command] in out.stdout
    assert "pip install 'errcat[scrape]'" in out.stdout


def test_runtime_commands_work_without_the_scrape_extra(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", BLOCK, "explain", "aster-spot", "-1121"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "BAD_SYMBOL" in out.stdout and "BadSymbol" in out.stdout
