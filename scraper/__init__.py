"""errcat: canonical, machine-readable catalogs of cryptocurrency-exchange API error codes.

Every built catalog ships in the package. Explaining an error needs nothing but Python (no
third-party import) and takes microseconds:

>>> import errcat
>>> ex = errcat.explain("blofin", "Parameter instId cannot be empty.")
>>> ex.entry.code, ex.entry.category, ex.matched_by
('152001', 'BadRequest', 'message')
>>> errcat.explain("aster-spot", '{"code":-1121,"msg":"Invalid symbol."}').entry.name
'BAD_SYMBOL'
>>> [e.category for e in errcat.lookup("aster-spot", -1121)]
['BadSymbol']
>>> errcat.catalog("blofin").get("152001").messages
('Parameter {} cannot be empty.',)
>>> info = {s.id: s for s in errcat.sources()}["bitget"]
>>> info.exchange, info.entries > 800
('Bitget', True)

Scraping a page into a catalog needs the ``scrape`` extra (``pip install "errcat[scrape]"``):

>>> cat = errcat.extract("### -1121 BAD_SYMBOL\\n* Invalid symbol.")
>>> cat.get("-1121").name
'BAD_SYMBOL'
>>> cat.get("-1121").category
'BadSymbol'

``errcat.catalog``, ``errcat.explain`` and ``errcat.sources`` are these functions; the modules of
the same names are imported by name (``from errcat.explain import parse_error``).
"""

from __future__ import annotations

import sys
import types
from functools import cache
from importlib import import_module

from errcat.errors import CatalogError, DocumentError, ErrcatError, SourceError

# typing costs a few milliseconds to import, and the runtime needs it only for annotations.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from errcat.catalog import CatalogInfo, load_catalog, read_catalog, save_catalog
    from errcat.explain import Explanation
    from errcat.extract import ExtractOptions
    from errcat.model import Catalog, Entry

# The rest of the public names load on first use: `errcat --help` (errcat.cli is inside this
# package) needs none of them, and the scraping side imports its third-party libraries.
_LAZY = {
    "Catalog": "errcat.model",
    "Entry": "errcat.model",
    "CatalogInfo": "errcat.catalog",
    "load_catalog": "errcat.catalog",
    "read_catalog": "errcat.catalog",
    "save_catalog": "errcat.catalog",
    "Explanation": "errcat.explain",
    "ExtractOptions": "errcat.extract",
}

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "CatalogError",
    "CatalogInfo",
    "DocumentError",
    "Entry",
    "ErrcatError",
    "Explanation",
    "ExtractOptions",
    "SourceError",
    "__version__",
    "catalog",
    "explain",
    "extract",
    "load_catalog",
    "lookup",
    "read_catalog",
    "save_catalog",
    "sources",
]


def sources() -> tuple[CatalogInfo, ...]:
    """The shipped catalogs, sorted by source id: exchange, URL, documentation page, number of
    entries, schema and errcat version (read from their index, not from the catalogs)."""
    from errcat.catalog import shipped

    return tuple(info for _, info in sorted(shipped().index().items()))


@cache
def catalog(source_id: str) -> Catalog:
    """The shipped catalog of ``source_id`` (read once, then cached; catalogs are immutable).

    Raises :class:`CatalogError` naming the known ids for an unknown one.
    """
    from errcat.catalog import shipped

    return shipped().load(source_id)


def lookup(source_id: str, code: str | int, surface: str | None = None) -> list[Entry]:
    """Every entry of ``source_id`` documenting ``code`` (on ``surface``, when given)."""
    return catalog(source_id).lookup(code, surface)


def extract(
    document: str | bytes, format: str = "auto", *, meaning: bool = True, **options: Any
) -> Catalog:
    """The catalog of one document, every entry categorized as ``errcat build`` does (without
    a source's ``[overrides]``); ``meaning=False`` gives the bare extraction.

    ``options`` go to the extractor unchanged (``options``, ``charset``, ``name``, ``fast``).

    >>> extract("### -1121 BAD_SYMBOL", meaning=False).get("-1121").category is None
    True
    """
    from errcat.categorize import categorize_catalog

    catalog = import_module("errcat.extract").extract(document, format, **options)
    return categorize_catalog(catalog) if meaning else catalog


@cache
def _info(source_id: str) -> CatalogInfo | None:
    from errcat.catalog import shipped

    return shipped().info(source_id)


def explain(
    source: str | Catalog,
    error: str | int | dict[str, Any] | list[Any],
    surface: str | None = None,
) -> Explanation:
    """What ``error`` (a code, a message or the JSON body the exchange sent, as text or already
    parsed) means in a catalog: ``source`` is a shipped source's id or a :class:`Catalog` (one
    from :func:`extract` or :func:`load_catalog`); see :mod:`errcat.explain`. ``.url`` is the
    documentation page.

    >>> explain("aster-spot", -1121).entry.name, explain("aster-spot", {"code": -1121}).entry.name
    ('BAD_SYMBOL', 'BAD_SYMBOL')
    >>> import errcat
    >>> cat = errcat.Catalog(entries=(errcat.Entry("-1121", name="BAD_SYMBOL"),))
    >>> errcat.explain(cat, '{"code":-1121,"msg":"Invalid symbol."}').entry.category
    'BadSymbol'
    """
    if not isinstance(source, str):
        return _explain()(source, error, surface=surface)
    cat = catalog(source)
    info = _info(source)
    url, shape = (info.page, info.body) if info is not None else (None, None)
    return _explain()(cat, error, surface=surface, url=url or cat.url, shape=shape)


@cache
def _explain() -> Any:
    # errcat.explain.explain, bound once: an import statement here would cost each call more
    return import_module("errcat.explain").explain


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'errcat' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


_FUNCTIONS = frozenset({"catalog", "explain", "extract", "sources"})


class _Package(types.ModuleType):
    """The package module, keeping its functions ``catalog``, ``explain``, ``extract`` and
    ``sources`` bound when the same-named submodules are first imported (the import system
    would set the package attribute to the submodule; ``from errcat.catalog import …`` still
    finds the module)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FUNCTIONS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
