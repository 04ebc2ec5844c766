"""Hostile upstream text at the terminal, and exit codes that mean one thing (issue 16, 8 and 10).

Runs the real command line on a scratch tree whose snapshot carries escape sequences, bidi
overrides and zero-width characters, as an exchange page could.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import errcat.cli.show
import pytest
from errcat.chars import HIDING
from errcat.cli import main
from errcat.terminal import SafeStream, one_line, printable, raw

HOSTILE_PAGE = (
    "# Error codes\n\n| Error Code | Error Message |\n|---|---|\n"
    "| 99\u200b0010 | Order \u202erebmun\u202c is invalid |\n"
    "| 990011 | Red \x1b[31malert\x1b[0m and title \x1b]0;pwned\x07 and CSI \x9b2J |\n"
    "| 990012 | Line one\rOverwritten by line two |\n"
)
UNSAFE = ("\x1b", "\x07", "\x9b", "\r", "\u202e", "\u202c", "\u200b")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "sources" / "snapshots").mkdir(parents=True)
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "sources" / "evil.toml").write_text(
        'id = "evil"\nexchange = "Evil \x1b[2J"\nurl = "https://example.invalid/e.md"\n'
        'format = "markdown"\n'.replace("\x1b", "\\u001b"),
        "utf-8",
    )
    (tmp_path / "sources" / "snapshots" / "evil.md").write_text(HOSTILE_PAGE, "utf-8")
    assert cli(tmp_path, "build")[0] == 0
    return tmp_path


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(
            [*args, "--sources", str(root / "sources"), "--catalogs", str(root / "catalogs")]
        )
    return code, out.getvalue(), err.getvalue()


def test_printable_escapes_what_acts_on_a_terminal():
    assert printable("a\x1b[31mb") == "a\\u001b[31mb"
    assert printable("\x9b2J\x07\x7f\r\u2028") == "\\u009b2J\\u0007\\u007f\\u000d\\u2028"
    assert printable("\u202e\u2066\u200b\ufeff") == "\\u202e\\u2066\\u200b\\ufeff"
    assert printable("\ud800") == "\\ud800"
    assert printable("tab\tnewline\n, ±5%, 日本語, emoji 😀") == (
        "tab\tnewline\n, ±5%, 日本語, emoji 😀"
    )
    assert one_line("two\nlines\x1b") == "two lines\\u001b"


def test_every_unsafe_character_is_escaped_even_in_printable_looking_text():
    # printable() skips its regex for text that str.isprintable() passes once tabs and newlines
    # are left out: sound only while no character the regex escapes is printable to Python
    # the module's definition: C0 controls but tab and newline, DEL, C1 controls, line and
    # paragraph separators, the hiding characters, lone surrogates
    spec = [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
    spec += [ord(c) for c in re.findall(f"[{HIDING}]", "".join(map(chr, range(0x10000))))]
    unsafe = [chr(c) for c in sorted({*spec, *range(0xD800, 0xE000)})]
    assert [c for c in map(chr, range(0x110000)) if printable(c) != c] == unsafe
    assert not [c for c in unsafe if c.isprintable()]
    for c in unsafe:
        assert printable(f"line one\n\tsafe text {c} and more\n") == (
            f"line one\n\tsafe text \\u{ord(c):04x} and more\n"
        )
    assert printable("a\tb\nc — 日本語\n") == "a\tb\nc — 日本語\n"
    assert printable("\u00a0non-breaking\u3000spaces stay") == "\u00a0non-breaking\u3000spaces stay"


def test_safe_stream_keeps_json_valid_and_equal():
    data = {"m": "a\x1b]0;x\x07 \u202e b \x9b \ud800"}
    buffer = io.StringIO()
    SafeStream(buffer).write(json.dumps(data, ensure_ascii=False))
    text = buffer.getvalue()
    assert not any(c in text for c in UNSAFE)
    assert json.loads(text) == data
    assert raw(SafeStream(SafeStream(buffer))) is buffer


def test_codes_lose_hiding_characters_so_what_you_read_is_what_you_look_up(tree: Path):
    data = json.loads((tree / "catalogs" / "evil.json").read_text("utf-8"))
    assert [e["code"] for e in data["entries"]] == ["990010", "990011", "990012"]
    # In prose they are flagged where they were, not silently dropped.
    assert data["entries"][0]["messages"] == ["Order [U+202E]rebmun[U+202C] is invalid"]
    code, out, _ = cli(tree, "show", "evil", "990010")
    assert code == 0 and "990010" in out


@pytest.mark.parametrize(
    "args",
    [
        ("show", "evil"),
        ("show", "evil", "990011"),
        ("show", "evil", "990012", "--json"),
        ("explain", "evil", "990011"),
        ("explain", "evil", '{"code": 990011}', "--json"),
        ("export", "--format", "csv"),
        ("export", "--format", "jsonl"),
        ("list",),
    ],
)
def test_no_command_prints_a_control_sequence(tree: Path, args: tuple[str, ...]):
    code, out, err = cli(tree, *args)
    assert code == 0, err
    assert not any(c in out + err for c in UNSAFE), (out + err)[:500]
    if "--json" in args:
        json.loads(out)  # still valid JSON, the escapes being JSON's own
    if "990011" in args:
        assert "\\u001b[31malert" in out


def test_diff_of_hostile_documents_prints_nothing_raw(tree: Path, tmp_path: Path):
    old = tmp_path / "old.md"
    old.write_text(HOSTILE_PAGE.split("| 990011")[0], "utf-8")
    new = tmp_path / "new.md"
    new.write_text(HOSTILE_PAGE, "utf-8")
    for extra in ((), ("--json",)):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            assert main(["diff", str(old), str(new), *extra]) == 0
        assert not any(c in out.getvalue() for c in UNSAFE)


# --- exit codes (defect 10) ---------------------------------------------------------------------


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def one_line_error(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("errcat: error: "), err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[" * 3000 + "]" * 3000, "nested too deeply"),
        ('{"entries": [], "n": ' + "9" * 5000 + "}", "invalid JSON"),
        ('{"source": "x", "entries": [', "invalid JSON at line 1"),
        ("\ud800", "invalid JSON"),
    ],
)
def test_diff_refuses_a_corrupt_catalog_with_exit_2(tmp_path: Path, content: str, needle: str):
    good = tmp_path / "good.json"
    entry = {"code": "1", "surface": "rest", "group": None, "name": None, "http_status": None,
             "messages": []}  # fmt: skip
    catalog = {"source": None, "exchange": None, "url": None, "entries": [entry]}
    good.write_text(json.dumps(catalog))
    bad = tmp_path / "bad.json"
    bad.write_bytes(content.encode("utf-8", "surrogatepass"))
    for fail_on in ((), ("--fail-on", "info")):
        code, out, err = run_cli("diff", str(good), str(bad), *fail_on)
        assert code == 2 and out == ""
        one_line_error(err, "bad.json", needle)


def test_a_surrogate_in_an_argument_is_no_crash(tmp_path: Path, tree: Path):
    code, _, err = run_cli("diff", "\ud800.md", str(tmp_path / "x.md"))
    assert code == 2
    one_line_error(err, "\\ud800.md: not a valid file name")
    code, out, err = cli(tree, "explain", "evil", "\ud800")
    assert code == 1 and "Traceback" not in err  # 1: nothing documented fits, as the help says
    assert "matches no documented message" in out


def test_any_unexpected_error_is_exit_2_and_one_line(tree: Path, monkeypatch: pytest.MonkeyPatch):
    def boom(args):
        raise ValueError("Exceeds the limit (4300 digits) for integer string conversion\nmore")

    monkeypatch.setattr(errcat.cli.show, "run", boom)
    code, _, err = cli(tree, "show", "evil")
    assert code == 2
    one_line_error(err, "unexpected ValueError: Exceeds the limit")


def test_the_real_entry_point_exits_2_on_a_deep_document(tmp_path: Path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}")
    done = subprocess.run(
        [sys.executable, "-m", "errcat", "diff", str(deep), str(deep)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


# --- hiding characters at extraction (errcat.normalize) -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("99\u200b0010", "990010"),
        ("`-1\u200d121`", "`-1121`"),
        ("BAD\u2060_SYMBOL", "BAD_SYMBOL"),
        ("Order \u202erebmun\u202c is invalid", "Order [U+202E]rebmun[U+202C] is invalid"),
        ("isolate \u2066x\u2069 here", "isolate [U+2066]x[U+2069] here"),
        ("zero\u200bwidth inside prose", "zero[U+200B]width inside prose"),
        # beside a space or at a word's end it hides nothing (GitBook leaves them there)
        ("the allowed\u200b decimals", "the allowed decimals"),
        ("word\u2060 joiner \ufeffand BOM", "word joiner and BOM"),
        ("a \u202e override beside a space", "a [U+202E] override beside a space"),
        ("\ufeffleading and trailing\u200b", "leading and trailing"),
        ("\u202e rtl \u202c", "rtl"),  # no space left at the ends
        (
            "emoji 👨\u200d👩 and ZWNJ می\u200cخواهم kept",
            "emoji 👨\u200d👩 and ZWNJ می\u200cخواهم kept",
        ),
    ],
)
def test_reveal_hidden(text: str, expected: str):
    from errcat.normalize import clean_text

    assert clean_text(text) == expected


@pytest.mark.parametrize("charset", ["undefined", "punycode", "idna", "rot13", "no-such-codec"])
def test_a_charset_that_is_no_charset_is_ignored(charset: str):
    from errcat.normalize import decode

    assert decode("±5% off".encode(), charset) == "±5% off"
    html = f'<meta charset="{charset}"><p>±5%</p>'.encode()
    assert "±5%" in decode(html)


def test_extract_build_and_diff_survive_a_bad_declared_charset(tmp_path: Path):
    page = tmp_path / "p.html"
    page.write_bytes(
        b'<meta charset="undefined"><h2>Error codes</h2><table><tr><th>Error Code</th>'
        b"<th>Error Message</th></tr><tr><td>1</td><td>Bad</td></tr></table>"
    )
    code, out, err = run_cli("extract", str(page))
    assert code == 0 and '"code": "1"' in out, err
    code, out, err = run_cli("diff", str(page), str(page))
    assert code == 0 and "No changes." in out, err
