"""Source definitions: the shipped ones load, malformed ones fail with file and key named."""

from __future__ import annotations

from pathlib import Path

import pytest
from errcat.cli import main
from errcat.errors import SourceError
from errcat.sources import load_source, load_sources

from tests.conftest import ROOT

GOOD = (
    'id = "demo"\n'
    'exchange = "Demo"\n'
    'url = "https://example.invalid/errors.md"\n'
    'format = "markdown"\n'
)


def write(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_shipped_sources_load_and_have_snapshots():
    sources = load_sources(ROOT / "sources")
    ids = [s.id for s in sources]
    assert {"blofin", "ltp", "aster-spot", "orderly", "okex-v1-spot"} <= set(ids)
    assert ids == sorted(ids)
    for source in sources:
        assert source.snapshot.is_file(), source.id
        assert source.url.startswith("https://")


def test_minimal_source_defaults(tmp_path: Path):
    source = load_source(write(tmp_path, GOOD))
    assert source.snapshot == tmp_path / "snapshots" / "demo.md"
    assert source.max_drop == 0.30
    assert source.options.sections == ()


def test_html_source_snapshot_extension(tmp_path: Path):
    source = load_source(write(tmp_path, GOOD.replace('"markdown"', '"html"')))
    assert source.snapshot.name == "demo.html"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id = ", r"demo\.toml: invalid TOML"),
        (GOOD + 'colour = "red"\n', r"demo\.toml: unknown key 'colour'"),
        (GOOD.replace('exchange = "Demo"\n', ""), r"demo\.toml: missing required key 'exchange'"),
        (GOOD.replace('"markdown"', '"pdf"'), r"demo\.toml: key 'format' must be one of"),
        (GOOD.replace("https://", "ftp://"), r"demo\.toml: key 'url' must be an http\(s\) URL"),
        (GOOD.replace('id = "demo"', 'id = "other"'), r"key 'id' is 'other' but the file is named"),
        (GOOD.replace('id = "demo"', 'id = "Demo X"'), r"demo\.toml: key 'id' must be lower-case"),
        (GOOD + "max_drop = 3\n", r"demo\.toml: key 'max_drop' must be a number from 0 to 1"),
        (GOOD + 'sections = "Errors"\n', r"demo\.toml: key 'sections' must be a list"),
        (GOOD + 'sections = ["(unclosed"]\n', r"demo\.toml: key 'sections' has an invalid regex"),
        (GOOD + 'websocket_pattern = "[x"\n', r"key 'websocket_pattern' is not a valid regex"),
        (GOOD + "exchange2 = 1\n", r"unknown key 'exchange2'"),
        (GOOD.replace('"Demo"', "42"), r"demo\.toml: key 'exchange' must be a non-empty string"),
    ],
)
def test_malformed_source_names_file_and_key(tmp_path: Path, text, message):
    with pytest.raises(SourceError, match=message):
        load_source(write(tmp_path, text))


def test_source_error_is_one_line(tmp_path: Path):
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, "id = = 1\n"))
    assert "\n" not in str(info.value)


def test_a_source_file_that_is_huge_or_a_device_is_refused_unread(tmp_path: Path, capsys):
    # sources/x.toml -> /dev/zero made 'errcat list' (and build, refresh) read until out of
    # memory, where a malformed file is listed as such and the others still are.
    (tmp_path / "huge.toml").write_text(GOOD.replace("demo", "huge") + "#" * 2_000_000 + "\n")
    with pytest.raises(SourceError, match=r"huge\.toml: cannot read: .*byte limit"):
        load_source(tmp_path / "huge.toml")
    (tmp_path / "zero.toml").symlink_to("/dev/zero")
    with pytest.raises(SourceError, match=r"zero\.toml: cannot read: not a regular file"):
        load_source(tmp_path / "zero.toml")
    write(tmp_path, GOOD)
    assert main(["list", "--sources", str(tmp_path), "--catalogs", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "zero.toml: cannot read" in out and "huge.toml: cannot read" in out and "demo" in out


def test_unknown_id_lists_known_ones(tmp_path: Path):
    write(tmp_path, GOOD)
    with pytest.raises(SourceError, match=r"unknown source 'nope' .*known: demo"):
        load_sources(tmp_path, ["nope"])


def test_missing_directory(tmp_path: Path):
    with pytest.raises(SourceError, match=r"no sources directory"):
        load_sources(tmp_path / "absent")


def test_selection_keeps_requested_order(tmp_path: Path):
    write(tmp_path, GOOD)
    write(tmp_path, GOOD.replace('"demo"', '"alpha"'), "alpha.toml")
    assert [s.id for s in load_sources(tmp_path)] == ["alpha", "demo"]
    assert [s.id for s in load_sources(tmp_path, ["demo", "alpha", "demo"])] == ["demo", "alpha"]


# --- issue 16: snapshot confined, new keys checked, unused overrides reported ----------------


@pytest.mark.parametrize(
    "snapshot",
    ["../.git/config", "/etc/passwd", ".git/config", "snapshots/../../x.md", "blofin.toml",
     "state.json", "snapshots/.hidden.md"],
)  # fmt: skip
def test_snapshot_key_stays_inside_the_sources_directory(tmp_path: Path, snapshot: str):
    with pytest.raises(SourceError, match="key 'snapshot'"):
        load_source(write(tmp_path, GOOD + f'snapshot = "{snapshot}"\n'))


def test_snapshot_key_inside_the_directory_is_fine(tmp_path: Path):
    source = load_source(write(tmp_path, GOOD + 'snapshot = "pages/demo.html"\n'))
    assert source.snapshot == tmp_path / "pages" / "demo.html"


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("max_drop = -0.1", "max_drop"),
        ("max_drop = 1.5", "max_drop"),
        ("max_entries = 0", "max_entries"),
        ("max_entries = 1.5", "max_entries"),
        ("max_catalog_bytes = true", "max_catalog_bytes"),
        ('allow_private = "yes"', "allow_private"),
    ],
)
def test_limits_and_allow_private_are_checked(tmp_path: Path, line: str, key: str):
    with pytest.raises(SourceError, match=f"key '{key}'"):
        load_source(write(tmp_path, GOOD + line + "\n"))


def test_defaults_of_the_new_keys(tmp_path: Path):
    source = load_source(write(tmp_path, GOOD))
    assert (source.max_entries, source.max_catalog_bytes, source.allow_private) == (
        20_000,
        10_000_000,
        False,
    )


def test_one_malformed_file_does_not_stop_loading_another(tmp_path: Path):
    write(tmp_path, GOOD)
    write(tmp_path, "id = ", "broken.toml")
    (source,) = load_sources(tmp_path, ["demo"])
    assert source.id == "demo"
    with pytest.raises(SourceError, match=r"broken\.toml"):
        load_sources(tmp_path)
    with pytest.raises(SourceError, match=r"unknown source '\.\./demo'"):
        load_sources(tmp_path, ["../demo"])


def test_an_override_for_a_code_the_page_lacks_is_reported(tmp_path: Path):
    from errcat.model import Catalog, Entry
    from errcat.sources import unused_overrides

    text = GOOD + '[overrides]\n"1" = "BadSymbol"\n"websocket:1" = "BadSymbol"\n"9" = "BadSymbol"\n'
    source = load_source(write(tmp_path, text))
    notes = unused_overrides(source, Catalog(entries=(Entry("1"),)))
    assert len(notes) == 2
    assert "key 'websocket:1' matches no code" in notes[0] and "demo.toml" in notes[0]
    assert "key '9' matches no code" in notes[1]
