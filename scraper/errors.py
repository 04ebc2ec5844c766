"""The project's own exceptions: each carries one line a user can act on."""

from __future__ import annotations


class ErrcatError(Exception):
    """Base class; ``str(err)`` is one complete line naming the file or source at fault."""


class DocumentError(ErrcatError):
    """A document cannot be read as text (empty, binary, undecodable) or yields no error codes."""


class SourceError(ErrcatError):
    """A source definition (``sources/<id>.toml``) is missing, malformed or inconsistent."""


class CatalogError(ErrcatError):
    """A catalog file is unreadable, not JSON, or does not match the catalog schema."""
