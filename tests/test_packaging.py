"""The package list in pyproject.toml names every folder of the source tree."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_source_folder_with_modules_is_a_listed_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    folders = set()
    for package, folder in config["package-dir"].items():
        source = ROOT / folder
        folders |= {
            package + "".join("." + part for part in d.relative_to(source).parts)
            for d in [source, *source.rglob("*")]
            if d.is_dir() and (d / "__init__.py").exists() and "__pycache__" not in d.parts
        }
    assert folders == set(config["packages"])


def test_catalogs_ship_as_the_data_package_from_the_one_catalogs_folder():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert config["package-dir"]["errcat.catalogs"] == "catalogs"
    assert config["package-data"]["errcat.catalogs"] == ["*.json"]
    # one copy: no catalog file inside the source folder
    assert not list((ROOT / "scraper").rglob("blofin.json"))
