"""Source definitions: one ``sources/<id>.toml`` per upstream page, its snapshot stored beside it.

::

    id = "blofin"
    exchange = "BloFin"
    url = "https://raw.githubusercontent.com/blofin/blofin-api-docs/main/_includes/errors.md"
    format = "markdown"            # auto | markdown | html

Optional keys: ``page`` (the human-readable documentation URL), ``snapshot`` (path relative to
the sources directory; default ``snapshots/<id>.md`` or ``.html``), ``websocket_pattern`` and
``sections`` (see :class:`~errcat.extract.ExtractOptions`), ``max_drop`` (share of codes that may
vanish in one refresh before it is treated as a bad scrape), ``max_entries`` and
``max_catalog_bytes`` (growth a real page never reaches: beyond them a refresh is refused as a
bad scrape), ``allow_private`` (fetch from a private, link-local or loopback address, for a
local mirror; refused otherwise), ``notes``, an ``[overrides]``
table correcting categories the rules get wrong (see :func:`errcat.categorize.parse_overrides`),
and ``body``, where the source's JSON responses carry the code and the message when the common
keys do not say (``body = { code = ["mc", "rc"] }``; see :mod:`errcat.bodies`)::

    [overrides]
    "-1112" = "OrderNotFillable"                     # category; retryable follows it
    "websocket:10015" = { retryable = true }        # one surface; keep the category

Anything else is an error, so a typo never silently does nothing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from errcat.bodies import BodyShape, parse_shape
from errcat.categorize import parse_overrides
from errcat.errors import SourceError
from errcat.extract import FORMATS, ExtractOptions
from errcat.extract.read.section import DEFAULT_WEBSOCKET_PATTERN
from errcat.files import TreeError, read_regular
from errcat.model import Catalog

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
REQUIRED = ("id", "exchange", "url", "format")
OPTIONAL = (
    "page",
    "snapshot",
    "websocket_pattern",
    "sections",
    "max_drop",
    "max_entries",
    "max_catalog_bytes",
    "allow_private",
    "notes",
    "overrides",
    "body",
)
DEFAULT_MAX_DROP = 0.30
# A source file is a few hundred bytes; its [overrides] a few kilobytes.
SOURCE_FILE_LIMIT = 1024 * 1024
# Ten times the largest real page (Bitget, 834 entries, 0.3 MB) and far under GitHub's 100 MB
# file limit: beyond these a page is a bad scrape or an attack, not a documentation change.
DEFAULT_MAX_ENTRIES = 20_000
DEFAULT_MAX_CATALOG_BYTES = 10_000_000


@dataclass(frozen=True)
class Source:
    """One upstream error-code page and how to read it."""

    id: str
    exchange: str
    url: str
    format: str = "auto"
    path: Path = Path(".")
    page: str | None = None
    snapshot_name: str | None = None
    websocket_pattern: str = DEFAULT_WEBSOCKET_PATTERN
    sections: tuple[str, ...] = ()
    max_drop: float = DEFAULT_MAX_DROP
    max_entries: int = DEFAULT_MAX_ENTRIES
    max_catalog_bytes: int = DEFAULT_MAX_CATALOG_BYTES
    allow_private: bool = False
    notes: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    body: BodyShape | None = None  # where its JSON responses carry the code and the message

    @property
    def root(self) -> Path:
        """The sources directory this definition lives in."""
        return self.path.parent

    @property
    def snapshot(self) -> Path:
        """Where the last fetched upstream document is stored."""
        if self.snapshot_name:
            return self.root / self.snapshot_name
        ext = "html" if self.format == "html" else "md"
        return self.root / "snapshots" / f"{self.id}.{ext}"

    @property
    def options(self) -> ExtractOptions:
        return ExtractOptions(websocket_pattern=self.websocket_pattern, sections=self.sections)


def _fail(path: Path, message: str) -> SourceError:
    return SourceError(f"{path}: {message}")


def _string(path: Path, data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, f"key '{key}' must be a non-empty string")
    return value


def _positive_int(path: Path, data: dict[str, Any], key: str, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(path, f"key '{key}' must be a whole number of at least 1: {value!r}")
    return value


def _check_snapshot(path: Path, name: str) -> None:
    """A snapshot path stays inside the sources directory and is not one of its own files."""
    rel = Path(name)
    root = path.parent
    if rel.is_absolute() or ".." in rel.parts:
        raise _fail(path, f"key 'snapshot' must be a path inside {root}/: {name!r}")
    resolved = (root / rel).resolve()
    inside = resolved.is_relative_to(root.resolve())
    if not inside or resolved.suffix == ".toml" or resolved.name.startswith("state.json"):
        raise _fail(path, f"key 'snapshot' must name a snapshot file inside {root}/: {name!r}")
    if any(part.startswith(".") for part in rel.parts):
        raise _fail(path, f"key 'snapshot' must not name a hidden file or directory: {name!r}")


def unused_overrides(source: Source, catalog: Catalog) -> list[str]:
    """One line per ``[overrides]`` key that matches no entry of ``catalog`` (a typo, or a code
    the page no longer has): reported by ``errcat build`` and ``errcat refresh``.

    >>> from errcat.model import Entry
    >>> src = Source("x", "X", "https://x.example", path=Path("x.toml"),
    ...              overrides={"1": "BadSymbol", "9": "BadSymbol"})
    >>> unused_overrides(src, Catalog(entries=(Entry("1"),)))
    ["x.toml: [overrides] key '9' matches no code of the page"]
    """
    out = []
    for key, override in zip(source.overrides, parse_overrides(source.overrides), strict=True):
        if not any(override.applies(e) for e in catalog.entries):
            out.append(f"{source.path}: [overrides] key {key!r} matches no code of the page")
    return out


def load_source(path: str | Path) -> Source:
    """Read and check one source file; raise :class:`SourceError` naming the file and the key."""
    path = Path(path)
    data = _read_table(path)
    source_id, url, fmt = _identity(path, data)
    pattern, sections = _patterns(path, data)
    snapshot_name = _string(path, data, "snapshot")
    if snapshot_name is not None:
        _check_snapshot(path, snapshot_name)
    allow_private = data.get("allow_private", False)
    if not isinstance(allow_private, bool):
        raise _fail(path, f"key 'allow_private' must be true or false: {allow_private!r}")
    overrides = data.get("overrides", {})
    parse_overrides(overrides, str(path))  # checked now so a bad entry names the file at load
    return Source(
        id=source_id,
        exchange=_string(path, data, "exchange") or "",
        url=url,
        format=fmt,
        path=path,
        page=_string(path, data, "page"),
        snapshot_name=snapshot_name,
        websocket_pattern=pattern,
        sections=sections,
        max_drop=_share(path, data, "max_drop", DEFAULT_MAX_DROP),
        max_entries=_positive_int(path, data, "max_entries", DEFAULT_MAX_ENTRIES),
        max_catalog_bytes=_positive_int(path, data, "max_catalog_bytes", DEFAULT_MAX_CATALOG_BYTES),
        allow_private=allow_private,
        notes=_string(path, data, "notes"),
        overrides=overrides,
        body=parse_shape(data["body"], str(path)) if "body" in data else None,
    )


def _read_table(path: Path) -> dict[str, Any]:
    """The file's TOML table, with only known keys and every required one."""
    try:
        data = tomllib.loads(read_regular(path, SOURCE_FILE_LIMIT).decode("utf-8"))
    except FileNotFoundError:
        raise _fail(path, "no such source file") from None
    except TreeError as err:  # a FIFO, a device (/dev/zero) or a huge file: never read
        raise _fail(path, f"cannot read: {str(err).removeprefix(f'{path}: ')}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise _fail(path, f"cannot read: {err}") from None
    except tomllib.TOMLDecodeError as err:
        raise _fail(path, f"invalid TOML: {err}") from None
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise _fail(path, f"unknown key '{unknown[0]}' (allowed: {', '.join(REQUIRED + OPTIONAL)})")
    for key in REQUIRED:
        if key not in data:
            raise _fail(path, f"missing required key '{key}'")
    return data


def _identity(path: Path, data: dict[str, Any]) -> tuple[str, str, str]:
    """The id (which must be the file's name), the upstream URL and the page format."""
    source_id = _string(path, data, "id") or ""
    if not _ID.match(source_id):
        raise _fail(
            path, f"key 'id' must be lower-case letters, digits, '.', '_' or '-': {source_id!r}"
        )
    if path.stem != source_id:
        raise _fail(path, f"key 'id' is {source_id!r} but the file is named {path.name!r}")
    url = _string(path, data, "url") or ""
    if not re.match(r"^https?://", url):
        raise _fail(path, f"key 'url' must be an http(s) URL: {url!r}")
    fmt = _string(path, data, "format")
    if fmt not in FORMATS:
        raise _fail(path, f"key 'format' must be one of {', '.join(FORMATS)}: {fmt!r}")
    return source_id, url, fmt


def _patterns(path: Path, data: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The WebSocket heading pattern and the section patterns, each compiled once to check it."""
    pattern = _string(path, data, "websocket_pattern") or DEFAULT_WEBSOCKET_PATTERN
    try:
        re.compile(pattern)
    except re.error as err:
        raise _fail(path, f"key 'websocket_pattern' is not a valid regex: {err}") from None
    sections = data.get("sections", [])
    if not isinstance(sections, list) or not all(isinstance(s, str) and s for s in sections):
        raise _fail(path, "key 'sections' must be a list of non-empty strings (regexes)")
    for s in sections:
        try:
            re.compile(s)
        except re.error as err:
            raise _fail(path, f"key 'sections' has an invalid regex {s!r}: {err}") from None
    return pattern, tuple(sections)


def _share(path: Path, data: dict[str, Any], key: str, default: float) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise _fail(path, f"key '{key}' must be a number from 0 to 1: {value!r}")
    return float(value)


def load_sources(directory: str | Path, ids: Iterable[str] | None = None) -> list[Source]:
    """All sources in ``directory`` sorted by id, or just ``ids`` (unknown ids are an error)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SourceError(f"{directory}: no sources directory (pass --sources DIR)")
    if ids is not None:
        # Only the files asked for are read, so one malformed file elsewhere does not stop a
        # command about another source. The file name is the id, so no two can collide.
        wanted = list(dict.fromkeys(ids))
        for i in wanted:
            if not _ID.match(i) or not (directory / f"{i}.toml").is_file():
                known = ", ".join(sorted(p.stem for p in directory.glob("*.toml"))) or "none"
                raise SourceError(f"unknown source {i!r} in {directory} (known: {known})")
        return [load_source(directory / f"{i}.toml") for i in wanted]
    # Each id is its file's name (load_source checks it), so no two sources share one.
    return sorted((load_source(p) for p in directory.glob("*.toml")), key=lambda s: s.id)
