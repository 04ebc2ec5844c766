"""The examples in the package's docstrings run (the package is imported as ``errcat``, so
pytest's ``--doctest-modules``, which would import the ``scraper/`` folder under its own name,
is not used)."""

import doctest
import importlib
import pkgutil

import errcat
import pytest

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(errcat.__path__, prefix="errcat.")
    if m.name != "errcat.__main__"
)


@pytest.mark.parametrize("name", ["errcat", *MODULES])
def test_docstring_examples_run(name: str):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"
