"""errcat: canonical, machine-readable catalogs of cryptocurrency-exchange API error codes.

>>> import errcat
>>> cat = errcat.extract("### -1121 BAD_SYMBOL\\n* Invalid symbol.")
>>> cat.get("-1121").name
'BAD_SYMBOL'
"""

from errcat.catalog import load_catalog, save_catalog
from errcat.errors import CatalogError, DocumentError, ErrcatError, SourceError
from errcat.extract import ExtractOptions, extract
from errcat.model import Catalog, Entry

__version__ = "0.1.0"

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
