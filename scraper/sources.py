"""Source definitions: one ``sources/<id>.toml`` per upstream page, its snapshot stored beside it.

::

    id = "blofin"
    exchange = "BloFin"
    url = "https://raw.githubusercontent.com/blofin/blofin-api-docs/main/_includes/errors.md"
    format = "markdown"            # auto | markdown | html

Optional keys: ``page`` (the human-readable documentation URL), ``snapshot`` (path relative to
the sources directory; default ``snapshots/<id>.md`` or ``.html``), ``websocket_pattern`` and
``sections`` (see :class:`~errcat.extract.ExtractOptions`), ``max_drop`` (share of codes that may
vanish in one refresh before it is treated as a bad scrape), ``notes``, and an ``[overrides]``
table correcting categories the rules get wrong (see :func:`errcat.categorize.parse_overrides`)::

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

from errcat.categorize import parse_overrides
from errcat.errors import SourceError
from errcat.extract import FORMATS, ExtractOptions
from errcat.extract.read.section import DEFAULT_WEBSOCKET_PATTERN

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
REQUIRED = ("id", "exchange", "url", "format")
OPTIONAL = ("page", "snapshot", "websocket_pattern", "sections", "max_drop", "notes", "overrides")
DEFAULT_MAX_DROP = 0.30


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
    notes: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

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


def load_source(path: str | Path) -> Source:
    """Read and check one source file; raise :class:`SourceError` naming the file and the key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise _fail(path, "no such source file") from None
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
    max_drop = data.get("max_drop", DEFAULT_MAX_DROP)
    if (
        isinstance(max_drop, bool)
        or not isinstance(max_drop, int | float)
        or not 0 <= max_drop <= 1
    ):
        raise _fail(path, f"key 'max_drop' must be a number from 0 to 1: {max_drop!r}")
    overrides = data.get("overrides", {})
    parse_overrides(overrides, str(path))  # checked now so a bad entry names the file at load
    return Source(
        id=source_id,
        exchange=_string(path, data, "exchange") or "",
        url=url,
        format=fmt,
        path=path,
        page=_string(path, data, "page"),
        snapshot_name=_string(path, data, "snapshot"),
        websocket_pattern=pattern,
        sections=tuple(sections),
        max_drop=float(max_drop),
        notes=_string(path, data, "notes"),
        overrides=overrides,
    )


def load_sources(directory: str | Path, ids: Iterable[str] | None = None) -> list[Source]:
    """All sources in ``directory`` sorted by id, or just ``ids`` (unknown ids are an error)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SourceError(f"{directory}: no sources directory (pass --sources DIR)")
    sources = sorted((load_source(p) for p in directory.glob("*.toml")), key=lambda s: s.id)
    by_id: dict[str, Source] = {}
    for source in sources:
        if source.id in by_id:
            other = by_id[source.id].path
            raise SourceError(f"{source.path}: duplicate source id {source.id!r} (also in {other})")
        by_id[source.id] = source
    if ids is None:
        return sources
    wanted = list(dict.fromkeys(ids))
    missing = [i for i in wanted if i not in by_id]
    if missing:
        known = ", ".join(sorted(by_id)) or "none"
        raise SourceError(f"unknown source {missing[0]!r} in {directory} (known: {known})")
    return [by_id[i] for i in wanted]
