"""errcat: canonical, machine-readable catalogs of cryptocurrency-exchange API error codes.

>>> import errcat
>>> cat = errcat.extract("### -1121 BAD_SYMBOL\\n* Invalid symbol.")
>>> cat.get("-1121").name
'BAD_SYMBOL'
>>> cat.get("-1121").category
'BadSymbol'
"""

from typing import Any

from errcat import extract as _extraction
from errcat.catalog import load_catalog, save_catalog
from errcat.categorize import categorize_catalog
from errcat.errors import CatalogError, DocumentError, ErrcatError, SourceError
from errcat.extract import ExtractOptions
from errcat.model import Catalog, Entry

__version__ = "0.1.0"


def extract(
    document: str | bytes, format: str = "auto", *, meaning: bool = True, **options: Any
) -> Catalog:
    """The catalog of one document, every entry categorized as ``errcat build`` does (without
    a source's ``[overrides]``); ``meaning=False`` gives the bare extraction.

    ``options`` go to the extractor unchanged (``options``, ``charset``, ``name``, ``fast``).

    >>> extract("### -1121 BAD_SYMBOL", meaning=False).get("-1121").category is None
    True
    """
    catalog = _extraction.extract(document, format, **options)
    return categorize_catalog(catalog) if meaning else catalog


__all__ = [
    "Catalog",
    "CatalogError",
    "DocumentError",
    "Entry",
    "ErrcatError",
    "ExtractOptions",
    "SourceError",
    "__version__",
    "extract",
    "load_catalog",
    "save_catalog",
]
