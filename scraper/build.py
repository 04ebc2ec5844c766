"""Snapshots → catalogs, offline: what ``errcat build`` does for every source."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from errcat import __version__
from errcat.catalog import (
    INDEX_FILE,
    SCHEMA_VERSION,
    CatalogInfo,
    index_text,
    read_index,
    save_catalog,
    write_atomic,
)
from errcat.categorize import categorize_catalog, parse_overrides
from errcat.errors import DocumentError, ErrcatError
from errcat.extract import extract
from errcat.files import TreeError, read_regular
from errcat.model import Catalog
from errcat.sources import Source, unused_overrides


@dataclass(frozen=True)
class BuildResult:
    """What building one source gave: the catalog and whether its file changed, or an error."""

    source: Source
    catalog: Catalog | None = None
    path: Path | None = None
    changed: bool = False
    error: str | None = None
    warnings: tuple[str, ...] = ()
    missing_snapshot: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def catalog_path(catalogs_dir: Path, source: Source) -> Path:
    return Path(catalogs_dir) / f"{source.id}.json"


def snapshot_sha256(data: bytes) -> str:
    """The hash a catalog records of the snapshot bytes it was built from.

    >>> snapshot_sha256(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def build_from_snapshot(source: Source, document: bytes) -> Catalog:
    """The catalog of a stored snapshot, recording its hash (see :func:`extract_source`)."""
    return extract_source(source, document).replace(snapshot_sha256=snapshot_sha256(document))


def extract_source(source: Source, document: bytes | str, charset: str | None = None) -> Catalog:
    """Extract a document as this source's page: its hints applied, its metadata attached,
    every entry categorized (the source's ``[overrides]`` applied)."""
    catalog = extract(
        document, source.format, options=source.options, charset=charset, name=str(source.snapshot)
    )
    overrides = parse_overrides(source.overrides, str(source.path))
    return categorize_catalog(catalog, overrides).with_source(
        source.id, source.exchange, source.url
    )


def build_source(source: Source, catalogs_dir: Path) -> BuildResult:
    """Rebuild one catalog from its stored snapshot; an empty result is an error, not a write."""
    try:
        try:
            document = read_regular(source.snapshot)
        except FileNotFoundError:
            # (the command as it must be typed: with the sources directory unless the default)
            where = "" if source.root == Path("sources") else f" --sources {source.root}"
            return BuildResult(
                source,
                error=f"{source.snapshot}: snapshot missing for source {source.id!r} (a new "
                f"source?); run 'errcat refresh{where} --source {source.id}' to fetch its first "
                "one",
                missing_snapshot=True,
            )
        except (OSError, TreeError) as err:
            raise DocumentError(f"{source.snapshot}: cannot read snapshot: {err}") from None
        catalog = build_from_snapshot(source, document)
        if not catalog.entries:
            raise DocumentError(f"{source.snapshot}: no error codes found for source {source.id!r}")
        path = catalog_path(catalogs_dir, source)
        changed = save_catalog(catalog, path)
        update_index(catalogs_dir, source, catalog)
    except (ErrcatError, OSError) as err:
        return BuildResult(source, error=str(err))
    return BuildResult(
        source,
        catalog=catalog,
        path=path,
        changed=changed,
        warnings=tuple(unused_overrides(source, catalog)),
    )


def build_all(sources: list[Source], catalogs_dir: Path) -> list[BuildResult]:
    return [build_source(source, catalogs_dir) for source in sources]


def catalog_info(source: Source, catalog: Catalog) -> CatalogInfo:
    """The index line of a source's catalog."""
    return CatalogInfo(
        id=source.id,
        exchange=catalog.exchange,
        url=catalog.url,
        page=source.page,
        entries=len(catalog),
        schema_version=SCHEMA_VERSION,
        errcat_version=__version__,
        body=source.body,
    )


def update_index(catalogs_dir: Path, source: Source, catalog: Catalog) -> bool:
    """Put ``source``'s line into ``catalogs_dir/index.json`` (lines of catalogs no longer
    there are dropped); ``True`` if the file changed. The text depends only on the lines, so
    building the same catalogs in any order gives the same bytes."""
    infos = read_index(catalogs_dir)
    infos[source.id] = catalog_info(source, catalog)
    kept = [i for i in infos.values() if (Path(catalogs_dir) / f"{i.id}.json").exists()]
    return write_atomic(Path(catalogs_dir) / INDEX_FILE, index_text(kept))
