"""Catalogs on disk: merge extracted rows, serialise canonically, write atomically, load, validate.

The JSON form is the contract other tools rely on (schema: ``scraper/schema/catalog.schema.json``).
Serialising the same catalog twice gives the same bytes: fixed key order, entries in document
order, UTF-8 without escapes, a final newline, nothing volatile.

Loading is two-speed. Data that comes in (a build, a refresh, a catalog file of unknown origin)
is validated against the JSON Schema, which needs ``jsonschema`` (the ``scrape`` extra, imported
only then). The catalogs shipped in the package were validated when they were built, so
:func:`read_catalog` checks only their shape, with the standard library, in a few milliseconds.

>>> from errcat.model import Entry
>>> a, b = Entry("-1005", messages=("a",)), Entry("-1005", messages=("b",))
>>> [e.messages for e in merge_entries([a, b, a])]
[('a', 'b')]
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import import_module

from errcat.bodies import BodyShape, parse_shape
from errcat.errors import CatalogError, SourceError
from errcat.files import TreeError, read_regular, write_atomic
from errcat.model import Catalog, Entry
from errcat.record import Record

# typing costs a few milliseconds to import, and the runtime needs it only for annotations.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from typing import Any

# Paths are strings (os.path) on the reading side: pathlib costs the runtime's import more than
# a catalog load. Writing (build, refresh) uses pathlib.

# What bumps it, and what each version added: CHANGELOG.md ("Version policy").
SCHEMA_VERSION = 2
INDEX_FILE = "index.json"


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
        return seen.replace(messages=tuple(dict.fromkeys(seen.messages)))
    return seen.replace(
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


def save_catalog(catalog: Catalog, path: Path) -> bool:
    """Validate and write a catalog atomically; ``True`` if the file changed."""
    data = catalog.to_dict()
    validate(data, name=str(path))
    return write_atomic(path, dumps(catalog))


def parse_json(text: str | bytes, name: str) -> Any:
    """JSON text to data; :class:`CatalogError` naming ``name`` for anything that is not JSON,
    nested too deeply to read, or holding an integer too long to convert."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise CatalogError(
            f"{name}: invalid JSON at line {err.lineno} column {err.colno}: {err.msg}"
        ) from None
    except RecursionError:
        raise CatalogError(f"{name}: invalid catalog: JSON nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as err:
        # int() refuses integers of more than 4300 digits; undecodable bytes
        raise CatalogError(f"{name}: invalid JSON: {err}") from None


@cache
def schema() -> dict[str, Any]:
    """The catalog JSON Schema shipped in the package."""
    from importlib import resources

    text = resources.files("errcat").joinpath("schema/catalog.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(data: Any, *, name: str = "catalog") -> None:
    """Raise :class:`CatalogError` naming the first schema violation, if any.

    Needs ``jsonschema`` (``pip install "errcat[scrape]"``); :class:`CatalogError` says so when it
    is missing.
    """
    try:
        import jsonschema  # the scrape extra: validation is where data comes in, not the runtime
    except ImportError:
        raise CatalogError(
            f"{name}: validating a catalog needs jsonschema: pip install 'errcat[scrape]'"
        ) from None
    validator = jsonschema.Draft202012Validator(schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise CatalogError(f"{name}: not a valid catalog at {where}: {error.message}")


def _read_json(path: str) -> Any:
    try:
        text = read_regular(path).decode("utf-8")
    except FileNotFoundError:
        raise CatalogError(f"{path}: no such catalog file") from None
    except (OSError, UnicodeDecodeError, TreeError) as err:
        raise CatalogError(f"{path}: cannot read catalog: {err}") from None
    return parse_json(text, path)


def load_catalog(path: str | os.PathLike[str]) -> Catalog:
    """Read and validate a catalog file, e.g. ``load_catalog("catalogs/blofin.json")``.

    Raises :class:`CatalogError` naming the file: missing, not UTF-8, not JSON (with line and
    column), or not matching the schema (with the JSON path of the first violation). For a file
    errcat built itself, :func:`read_catalog` is the same without the schema (and ``jsonschema``).
    """
    path = os.fspath(path)
    data = _read_json(path)
    validate(data, name=path)
    return from_data(data, name=path)


def read_catalog(path: str | os.PathLike[str]) -> Catalog:
    """Read a catalog errcat built (shipped or in a checkout), checking its shape but not the
    schema: no third-party import, a few milliseconds for the largest one.

    >>> cat = read_catalog(os.path.join(shipped_dir(), "blofin.json"))
    >>> cat.source, cat.get("152001").category
    ('blofin', 'BadRequest')
    """
    path = os.fspath(path)
    return from_data(_read_json(path), name=path)


# The fields Entry takes (other fields in a file are left out, as Entry.from_dict does).
_ENTRY_FIELDS = frozenset(Entry.FIELDS)


def from_data(data: Any, *, name: str = "catalog") -> Catalog:
    """A :class:`Catalog` from parsed JSON, with a one-line :class:`CatalogError` naming ``name``
    when the shape is wrong (not an object, no ``entries`` list, an entry without a string
    ``code`` or a ``messages`` list).

    ``data`` is used up: its entry objects become the entries' own (:meth:`Record.adopt
    <errcat.record.Record.adopt>`), their ``messages`` made tuples. Parse it afresh, or pass a
    copy, to use it again.
    """
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise CatalogError(f"{name}: not a catalog (an object with an 'entries' list)")
    entries = []
    adopt = Entry.adopt  # the parsed entries become the entries' own: no copy each
    for i, item in enumerate(data["entries"]):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("code"), str)
            or not isinstance(item.get("messages", []), list)
        ):
            raise CatalogError(
                f"{name}: not a valid catalog at entries/{i}: an entry needs a string 'code' "
                "and a 'messages' list"
            )
        item["messages"] = tuple(item.get("messages") or ())
        try:
            entries.append(adopt(item))
        except TypeError:  # a field Entry does not have: left out, as Entry.from_dict does
            entries.append(adopt({k: v for k, v in item.items() if k in _ENTRY_FIELDS}))
    return Catalog(
        source=data.get("source"),
        exchange=data.get("exchange"),
        url=data.get("url"),
        entries=tuple(entries),
        snapshot_sha256=data.get("snapshot_sha256"),
    )


def _nullable(kind: type) -> tuple[type, ...]:
    return (kind, type(None))


def check_types(data: Any, *, name: str = "catalog") -> None:
    """The schema's types and enums checked with the standard library, for a catalog of unknown
    origin read without ``jsonschema``: every value the runtime reads has the type it expects, so
    a bad file is a one-line :class:`CatalogError` naming it, never a ``TypeError`` later.

    >>> check_types({"source": 5, "entries": []}, name="x.json")
    Traceback (most recent call last):
    ...
    errcat.errors.CatalogError: x.json: not a valid catalog at source: 5 is not a string or null
    """
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise CatalogError(f"{name}: not a catalog (an object with an 'entries' list)")
    defs = schema()["$defs"]["entry"]["properties"]
    surfaces, categories = set(defs["surface"]["enum"]), set(defs["category"]["enum"])

    def fail(where: str, value: Any, what: str) -> None:
        raise CatalogError(f"{name}: not a valid catalog at {where}: {value!r:.60} is not {what}")

    for key in ("source", "exchange", "url"):
        if not isinstance(data.get(key), _nullable(str)):
            fail(key, data.get(key), "a string or null")
    for i, item in enumerate(data["entries"]):
        at = f"entries/{i}"
        if not isinstance(item, dict):
            fail(at, item, "an object")
        code, messages = item.get("code"), item.get("messages", [])
        if not isinstance(code, str) or not code:
            fail(f"{at}/code", code, "a non-empty string")
        if item.get("surface", "rest") not in surfaces:
            fail(f"{at}/surface", item.get("surface"), f"one of {sorted(surfaces)}")
        for key in ("group", "name", "category_reason"):
            if not isinstance(item.get(key), _nullable(str)):
                fail(f"{at}/{key}", item.get(key), "a string or null")
        status = item.get("http_status")
        if status is not None and (type(status) is not int or not 100 <= status <= 599):
            fail(f"{at}/http_status", status, "an HTTP status (100-599) or null")
        if not isinstance(messages, list):
            fail(f"{at}/messages", messages, "a list")
        for j, message in enumerate(messages):
            if not isinstance(message, str) or not message:
                fail(f"{at}/messages/{j}", message, "a non-empty string")
        for key in ("deprecated", "retryable", "success"):
            if key in item and not isinstance(item[key], bool):
                fail(f"{at}/{key}", item[key], "true or false")
        if "category" in item and item["category"] not in categories:
            fail(f"{at}/category", item["category"], "a category of the taxonomy")


# --- the index of a catalogs directory ----------------------------------------------------------


class CatalogInfo(Record):
    """One line of a catalogs directory's ``index.json``: what a catalog is, without reading it.

    ``page`` is the human-readable documentation page (the source's ``page``, else ``None``);
    ``entries`` the number of entries; ``schema_version`` the catalog format version
    (:data:`SCHEMA_VERSION`); ``errcat_version`` the errcat that built it; ``body`` where the
    source's JSON responses carry code and message, when its file says.
    """

    id: str
    exchange: str | None
    url: str | None
    page: str | None
    entries: int
    schema_version: int
    errcat_version: str
    body: BodyShape | None

    def __init__(
        self,
        id: str,
        exchange: str | None,
        url: str | None,
        page: str | None,
        entries: int,
        schema_version: int,
        errcat_version: str,
        body: BodyShape | None = None,
    ) -> None:
        self.__dict__.update(
            id=id,
            exchange=exchange,
            url=url,
            page=page,
            entries=entries,
            schema_version=schema_version,
            errcat_version=errcat_version,
            body=body,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "exchange": self.exchange,
            "url": self.url,
            "page": self.page,
            "entries": self.entries,
            "schema_version": self.schema_version,
            "errcat_version": self.errcat_version,
        }
        if self.body is not None:
            out["body"] = {"code": list(self.body.code), "message": list(self.body.message)}
        return out


def read_index(catalogs_dir: str | os.PathLike[str]) -> dict[str, CatalogInfo]:
    """Source id → :class:`CatalogInfo` from ``catalogs_dir/index.json`` (empty if none)."""
    path = os.path.join(catalogs_dir, INDEX_FILE)
    if not os.path.exists(path):
        return {}
    data = _read_json(path)
    try:
        return {
            sid: CatalogInfo(
                id=sid,
                exchange=rec["exchange"],
                url=rec["url"],
                page=rec["page"],
                entries=int(rec["entries"]),
                schema_version=int(rec["schema_version"]),
                errcat_version=str(rec["errcat_version"]),
                body=parse_shape(rec["body"], path) if "body" in rec else None,
            )
            for sid, rec in data["sources"].items()
        }
    except (KeyError, TypeError, ValueError, AttributeError, SourceError) as err:
        raise CatalogError(f"{path}: not a catalogs index ({type(err).__name__}: {err})") from None


def index_text(infos: Iterable[CatalogInfo]) -> str:
    """The canonical JSON text of an index: sources sorted by id, fixed key order."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "sources": {i.id: i.to_dict() for i in sorted(infos, key=lambda i: i.id)},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- where catalogs are --------------------------------------------------------------------------


def shipped_dir() -> str:
    """The folder of catalogs shipped in the package (``errcat/catalogs`` in the wheel; the
    checkout's ``catalogs/`` in an editable install)."""
    # Installed, errcat.catalogs is the folder beside this module; else (an editable install
    # maps it onto the checkout's catalogs/) the import system says where it is. Neither
    # importlib.resources nor the import of the data package: each costs more than a lookup.
    beside = os.path.join(os.path.dirname(__file__), "catalogs")
    if os.path.isfile(os.path.join(beside, "__init__.py")):
        return beside
    return os.path.dirname(import_module("errcat.catalogs").__file__)


def catalog_ids(catalogs_dir: str | os.PathLike[str]) -> list[str]:
    """The source ids with a catalog file in ``catalogs_dir``, sorted."""
    try:
        names = os.listdir(catalogs_dir)
    except OSError:
        return []
    return sorted(n[:-5] for n in names if n.endswith(".json") and n != INDEX_FILE)


class CatalogDir:
    """A directory of built catalogs: the package's, a checkout's, or one given by the user.

    ``trusted`` catalogs (built and validated by errcat: shipped or a checkout's) are read with
    :func:`read_catalog`; the others are validated against the schema when ``jsonschema`` is
    installed, and shape-checked otherwise.
    """

    __slots__ = ("path", "trusted")

    def __init__(self, path: str | os.PathLike[str], trusted: bool = True) -> None:
        self.path = os.fspath(path)
        self.trusted = trusted

    def __repr__(self) -> str:
        return f"CatalogDir({self.path!r}, trusted={self.trusted})"

    def ids(self) -> list[str]:
        return catalog_ids(self.path)

    def index(self) -> dict[str, CatalogInfo]:
        return read_index(self.path)

    def file(self, source_id: str) -> str:
        """The catalog file of ``source_id``; :class:`CatalogError` naming the known ids if
        there is none."""
        name = f"{source_id}.json"
        path = os.path.join(self.path, name)
        if name == INDEX_FILE or "/" in source_id or "\\" in source_id or not os.path.lexists(path):
            known = ", ".join(self.ids()) or "none"
            raise CatalogError(
                f"unknown source {source_id!r}: no catalog in {self.path} (known: {known})"
            )
        return path

    def load(self, source_id: str) -> Catalog:
        path = self.file(source_id)
        if self.trusted:
            return read_catalog(path)
        try:
            import jsonschema  # noqa: F401  (present with the scrape extra)
        except ImportError:
            data = _read_json(path)
            check_types(data, name=path)
            return from_data(data, name=path)
        return load_catalog(path)

    def info(self, source_id: str) -> CatalogInfo | None:
        """What the index says of ``source_id`` (``None`` if it is not in the index)."""
        return self.index().get(source_id)

    def page(self, source_id: str) -> str | None:
        """The human-readable documentation page of ``source_id``, if the index names one."""
        info = self.info(source_id)
        return info.page if info is not None else None

    def body(self, source_id: str) -> BodyShape | None:
        """Where ``source_id``'s responses carry code and message, if the index says."""
        info = self.info(source_id)
        return info.body if info is not None else None


def shipped() -> CatalogDir:
    """The catalogs shipped in the package."""
    return CatalogDir(shipped_dir())


def catalogs_for(directory: str | os.PathLike[str] | None = None) -> CatalogDir:
    """Where commands read catalogs: ``directory`` when given (of unknown origin: validated);
    else the ``catalogs/`` of the checkout in the current directory (one with errcat's
    ``catalogs/index.json`` and ``sources/`` beside it); else the shipped ones."""
    if directory is not None:
        if not os.path.isdir(directory):  # a typo must not read as "no catalogs": export gave {}
            raise CatalogError(f"{os.fspath(directory)}: no such catalogs directory")
        return CatalogDir(directory, trusted=False)
    # Folders named catalogs/ and sources/ alone are common in other projects: errcat's index
    # marks a tree errcat built, so explain run in such a project still answers.
    if os.path.isfile(os.path.join("catalogs", INDEX_FILE)) and os.path.isdir("sources"):
        return CatalogDir("catalogs")
    return shipped()
