"""Catalogs on disk: merge extracted rows, serialise canonically, write atomically, load, validate.

The JSON form is the contract other tools rely on (schema: ``scraper/schema/catalog.schema.json``).
Serialising the same catalog twice gives the same bytes: fixed key order, entries in document
order, UTF-8 without escapes, a final newline, nothing volatile.

>>> from errcat.model import Entry
>>> a, b = Entry("-1005", messages=("a",)), Entry("-1005", messages=("b",))
>>> [e.messages for e in merge_entries([a, b, a])]
[('a', 'b')]
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from errcat.errors import CatalogError
from errcat.model import Catalog, Entry


def merge_entries(rows: Iterable[Entry]) -> tuple[Entry, ...]:
    """One entry per (surface, group, code), in order of first appearance.

    Messages are concatenated in document order with exact duplicates dropped; the first name and
    HTTP status given win; distinct descriptions are kept one per line; an entry is deprecated
    only if every row documenting it is.
    """
    merged: dict[tuple[str, str | None, str], Entry] = {}
    for row in rows:
        key = (row.surface, row.group, row.code)  # Entry.key, without the property call
        seen = merged.get(key)
        if seen is None:
            # Most codes are documented once, by one message: keep the row as it is.
            merged[key] = row if _distinct(row.messages) else _merged(row, None)
        else:
            merged[key] = _merged(seen, row)
    return tuple(merged.values())


def _distinct(messages: tuple[str, ...]) -> bool:
    return len(messages) < 2 or len(set(messages)) == len(messages)


def _merged(seen: Entry, row: Entry | None) -> Entry:
    """``seen`` with ``row`` folded in (or just its repeated messages dropped, for ``None``)."""
    if row is None:
        return replace(seen, messages=tuple(dict.fromkeys(seen.messages)))
    return replace(
        seen,
        name=seen.name or row.name,
        http_status=seen.http_status if seen.http_status is not None else row.http_status,
        messages=tuple(dict.fromkeys(seen.messages + row.messages)),
        deprecated=seen.deprecated and row.deprecated,
        description=_joined(seen.description, row.description),
    )


def _joined(first: str | None, second: str | None) -> str | None:
    """The descriptions of a code documented on several rows, one line each, repeats dropped
    (a description is one cleaned line of text, so the lines stay apart)."""
    if not first or not second or second in first.split("\n"):
        return first or second
    return f"{first}\n{second}"


def dumps(catalog: Catalog) -> str:
    """The canonical JSON text of a catalog."""
    return json.dumps(catalog.to_dict(), ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` via a temporary file and rename; ``False`` if already identical.

    Readers never see a half-written file, and an unchanged file keeps its mtime.
    """
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def save_catalog(catalog: Catalog, path: Path) -> bool:
    """Validate and write a catalog atomically; ``True`` if the file changed."""
    data = catalog.to_dict()
    validate(data, name=str(path))
    return write_atomic(path, dumps(catalog))


@cache
def schema() -> dict[str, Any]:
    """The catalog JSON Schema shipped in the package."""
    text = resources.files("errcat").joinpath("schema/catalog.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(data: Any, *, name: str = "catalog") -> None:
    """Raise :class:`CatalogError` naming the first schema violation, if any."""
    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise CatalogError(f"{name}: not a valid catalog at {where}: {error.message}")


def load_catalog(path: str | os.PathLike[str]) -> Catalog:
    """Read and validate a catalog file, e.g. ``load_catalog("catalogs/blofin.json")``.

    Raises :class:`CatalogError` naming the file: missing, not UTF-8, not JSON (with line and
    column), or not matching the schema (with the JSON path of the first violation).
    """
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise CatalogError(f"{path}: no such catalog file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise CatalogError(f"{path}: cannot read catalog: {err}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise CatalogError(
            f"{path}: invalid JSON at line {err.lineno} column {err.colno}: {err.msg}"
        ) from None
    validate(data, name=str(path))
    return Catalog.from_dict(data)
