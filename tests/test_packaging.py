"""The package list in pyproject.toml names every folder of the source tree."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_source_folder_with_modules_is_a_listed_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    source = ROOT / config["package-dir"]["errcat"]
    folders = {
        "errcat" + "".join("." + part for part in d.relative_to(source).parts)
        for d in [source, *source.rglob("*")]
        if d.is_dir() and (d / "__init__.py").exists()
    }
    assert folders == set(config["packages"])
