"""Keep catalogs current: per source fetch → extract → guard → write → diff.

>>> from errcat.sources import load_sources
>>> run = refresh(load_sources("sources"), Path("catalogs"))  # doctest: +SKIP
>>> [(r.source.id, r.status) for r in run.results]  # doctest: +SKIP
[('blofin', 'changed'), ('orderly', 'not-modified')]

What a source can end up as (:class:`SourceResult` ``status``):

``changed``       the page changed and so did its codes: snapshot and catalog written
``new``           first fetch of a source without a stored snapshot: snapshot and catalog written
``page-changed``  the page changed but its codes did not: snapshot written, catalog unchanged
``unchanged``     the server sent the stored page again: nothing written, nothing parsed
``not-modified``  the server answered 304 to the stored ETag / Last-Modified: nothing parsed
``failed``        network, HTTP or parse error: previous snapshot and catalog kept
``suspect``       the page yields no codes, or loses more than ``max_drop`` of them: kept
``stale``         the stored catalog is not what this errcat builds from the stored snapshot
                  (a parser upgrade): kept; run ``errcat build``, commit it, then refresh

The diff is always taken against the catalog the *current* parser builds from the *stored*
snapshot, so a parser change never shows up as an upstream change; a ``stale`` source is
refused rather than mixing the two in one commit.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from errcat.build import catalog_path, extract_source
from errcat.catalog import dumps, load_catalog, validate, write_atomic
from errcat.diff import CatalogDiff, diff_catalogs
from errcat.errors import ErrcatError, SourceError
from errcat.fetch import FetchOptions, FetchResult, Validators, client_for, fetch_one
from errcat.model import Catalog
from errcat.normalize import decode
from errcat.sources import Source

STATE_FILE = "state.json"

CHANGED, NEW, PAGE_CHANGED = "changed", "new", "page-changed"
UNCHANGED, NOT_MODIFIED = "unchanged", "not-modified"
FAILED, SUSPECT, STALE = "failed", "suspect", "stale"
STATUSES = (CHANGED, NEW, PAGE_CHANGED, UNCHANGED, NOT_MODIFIED, FAILED, SUSPECT, STALE)
PROBLEMS = (FAILED, SUSPECT, STALE)
UPDATED = (CHANGED, NEW, PAGE_CHANGED)


@dataclass(frozen=True)
class SourceState:
    """What the server said about a source's page last time (kept in ``sources/state.json``)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None

    def to_dict(self) -> dict[str, str]:
        out = {"url": self.url}
        if self.etag:
            out["etag"] = self.etag
        if self.last_modified:
            out["last_modified"] = self.last_modified
        return out


def load_state(path: Path) -> dict[str, SourceState]:
    """The conditional-request state file; a missing file is an empty state."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise SourceError(
            f"{path}: unreadable state file ({err}); delete it to start over"
        ) from None
    if not isinstance(data, dict):
        raise SourceError(f"{path}: state file must be a JSON object; delete it to start over")
    state = {}
    for source_id, value in data.items():
        if not isinstance(value, dict) or not isinstance(value.get("url"), str):
            raise SourceError(f"{path}: entry {source_id!r} has no 'url'; delete it to start over")
        state[source_id] = SourceState(value["url"], value.get("etag"), value.get("last_modified"))
    return state


def dump_state(state: dict[str, SourceState]) -> str:
    """Canonical text of the state file: sorted keys, so unchanged state means unchanged bytes.

    >>> print(dump_state({"b": SourceState("https://b", etag='"1"'), "a": SourceState("https://a")}))
    {
      "a": {
        "url": "https://a"
      },
      "b": {
        "etag": "\\"1\\"",
        "url": "https://b"
      }
    }
    <BLANKLINE>
    """
    data = {k: state[k].to_dict() for k in sorted(state)}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@dataclass(frozen=True)
class SourceResult:
    """How refreshing one source went. ``detail`` is one line for failures and guards."""

    source: Source
    status: str
    detail: str | None = None
    diff: CatalogDiff | None = None
    entries: int | None = None
    previous_entries: int | None = None
    written: tuple[Path, ...] = ()
    validators: Validators | None = None

    @property
    def problem(self) -> bool:
        return self.status in PROBLEMS

    @property
    def updated(self) -> bool:
        return self.status in UPDATED


@dataclass(frozen=True)
class RefreshRun:
    """All sources' results, in the order the sources were given."""

    results: tuple[SourceResult, ...]
    state_path: Path | None = None
    state_written: bool = False
    dry_run: bool = False

    @property
    def problems(self) -> list[SourceResult]:
        return [r for r in self.results if r.problem]

    @property
    def changed(self) -> list[SourceResult]:
        """Sources whose catalog changed (new codes, removed codes, changed codes)."""
        return [r for r in self.results if r.diff]

    @property
    def written(self) -> list[Path]:
        return [p for r in self.results for p in r.written]


def snapshot_text(content: bytes, charset: str | None, name: str) -> str:
    """The page as it is stored: decoded with the server's charset, kept as UTF-8 text.

    When the stored UTF-8 would read differently without the header (an HTML page declaring
    another charset in ``<meta>``), a BOM is prepended: it outranks every other hint, so
    ``errcat build`` reads the snapshot exactly as the refresh did.
    """
    text = decode(content, charset, name=name)
    if decode(text.encode("utf-8"), None, name=name) != text:
        text = "\ufeff" + text
    return text


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def process_source(
    source: Source, fetched: FetchResult, catalogs_dir: Path, *, dry_run: bool = False
) -> SourceResult:
    """Everything after the fetch for one source. Never raises for a bad page or file."""
    if not fetched.ok:
        return SourceResult(source, FAILED, detail=fetched.error)
    if fetched.not_modified:
        return SourceResult(source, NOT_MODIFIED, validators=fetched.validators)
    try:
        return _process_page(source, fetched, Path(catalogs_dir), dry_run)
    except ErrcatError as err:
        return SourceResult(source, FAILED, detail=str(err))
    except OSError as err:
        return SourceResult(source, FAILED, detail=f"cannot write: {err}")


def _process_page(source: Source, fetched: FetchResult, catalogs_dir: Path, dry_run: bool):
    assert fetched.content is not None
    text = snapshot_text(fetched.content, fetched.charset, source.url)
    data = text.encode("utf-8")
    old_data = _read(source.snapshot)
    if old_data == data:
        return SourceResult(source, UNCHANGED, validators=fetched.validators)

    new = extract_source(source, data)
    baseline: Catalog | None = None
    if old_data is not None:
        try:
            baseline = extract_source(source, old_data)
        except ErrcatError:
            baseline = None  # a stored snapshot that no longer reads is no baseline
    path = catalog_path(catalogs_dir, source)
    previous = len(baseline) if baseline is not None else None

    if baseline is not None and path.exists():
        try:
            committed = load_catalog(path)
        except ErrcatError as err:
            committed = None
            why = str(err)
        else:
            why = f"{path} differs from what this errcat version builds from {source.snapshot}"
        if committed != baseline:
            return SourceResult(
                source,
                STALE,
                detail=f"{why}; run 'errcat build --source {source.id}' and commit that "
                "separately, then refresh again",
                previous_entries=previous,
            )

    guard = _guard(source, baseline, new)
    if guard is not None:
        return SourceResult(
            source, SUSPECT, detail=guard, entries=len(new), previous_entries=previous
        )

    diff = diff_catalogs(
        baseline or Catalog(),
        new,
        old_name=str(source.snapshot),
        new_name=source.url,
    )
    # Validate before writing anything, so a bad catalog leaves no half-updated source.
    validate(new.to_dict(), name=str(path))
    written: list[Path] = []
    if not dry_run:
        # Snapshot first: if we die before the catalog, 'errcat build' restores consistency.
        if write_atomic(source.snapshot, text):
            written.append(source.snapshot)
        if write_atomic(path, dumps(new)):
            written.append(path)
    status = NEW if baseline is None else CHANGED if diff else PAGE_CHANGED
    return SourceResult(
        source,
        status,
        diff=diff,
        entries=len(new),
        previous_entries=previous,
        written=tuple(written),
        validators=fetched.validators,
    )


def _guard(source: Source, baseline: Catalog | None, new: Catalog) -> str | None:
    """Why the new page looks like a bad scrape rather than a real change, if it does."""
    if not new.entries:
        return "the page now yields no error codes; kept the previous snapshot and catalog"
    if baseline is None or not baseline.entries:
        return None
    before = {(e.surface, e.code) for e in baseline.entries}
    after = {(e.surface, e.code) for e in new.entries}
    lost = len(before - after)
    share = lost / len(before)
    if share > source.max_drop:
        return (
            f"{lost} of {len(before)} codes ({share:.0%}) would vanish at once, more than "
            f"max_drop {source.max_drop:.0%}; kept the previous snapshot and catalog "
            "(raise max_drop in the source file if the removal is real)"
        )
    return None


def _validators(source: Source, state: dict[str, SourceState]) -> Validators | None:
    known = state.get(source.id)
    # Without the stored page a 304 would leave nothing to build from; after a URL change the
    # old validators describe another resource.
    if known is None or known.url != source.url or not source.snapshot.exists():
        return None
    if not (known.etag or known.last_modified):
        return None
    return Validators(known.etag, known.last_modified)


def next_state(
    state: dict[str, SourceState], results: Sequence[SourceResult], known_ids: set[str]
) -> dict[str, SourceState]:
    """The state after a run: validators of pages now stored; sources no longer defined dropped.

    A failed or suspect page's validators are not kept, so the next run fetches it in full.
    """
    out = {k: v for k, v in state.items() if k in known_ids}
    for result in results:
        v = result.validators
        if v is None:
            continue
        sid, url = result.source.id, result.source.url
        if result.status == NOT_MODIFIED:
            # A 304 may carry a fresher ETag; otherwise keep what we had.
            old = out.get(sid) or SourceState(url)
            out[sid] = SourceState(url, v.etag or old.etag, v.last_modified or old.last_modified)
        elif v.etag or v.last_modified:
            out[sid] = SourceState(url, v.etag, v.last_modified)
        else:
            out.pop(sid, None)
    return out


async def refresh_async(
    sources: Sequence[Source],
    catalogs_dir: Path,
    *,
    state_path: Path | None = None,
    options: FetchOptions | None = None,
    dry_run: bool = False,
    on_result: Callable[[SourceResult], None] | None = None,
) -> RefreshRun:
    """:func:`refresh`, for callers already inside an event loop."""
    options = options or FetchOptions()
    if state_path is None:
        state_path = (sources[0].root if sources else Path("sources")) / STATE_FILE
    state = load_state(state_path)
    gate = asyncio.Semaphore(max(1, options.concurrency))

    async with client_for(options) as client:

        async def one(source: Source) -> SourceResult:
            async with gate:
                fetched = await fetch_one(client, source.url, _validators(source, state), options)
            # Parsing is CPU work: off the event loop, so other fetches keep flowing.
            result = await asyncio.to_thread(
                process_source, source, fetched, catalogs_dir, dry_run=dry_run
            )
            if on_result is not None:
                on_result(result)
            return result

        results = tuple(await asyncio.gather(*(one(s) for s in sources)))

    written = False
    if not dry_run:
        roots = {s.root for s in sources} or {state_path.parent}
        known = {p.stem for root in roots for p in root.glob("*.toml")} | {s.id for s in sources}
        new_state = next_state(state, results, known)
        if new_state or state_path.exists():
            written = write_atomic(state_path, dump_state(new_state))
    return RefreshRun(results, state_path, written, dry_run)


def refresh(
    sources: Sequence[Source],
    catalogs_dir: Path,
    *,
    state_path: Path | None = None,
    options: FetchOptions | None = None,
    dry_run: bool = False,
    on_result: Callable[[SourceResult], None] | None = None,
) -> RefreshRun:
    """Refresh every source concurrently; one source failing never stops the others.

    ``state_path`` defaults to ``state.json`` beside the source files. With ``dry_run`` nothing
    is written (snapshots, catalogs, state). ``on_result`` is called as each source finishes.
    """
    return asyncio.run(
        refresh_async(
            sources,
            catalogs_dir,
            state_path=state_path,
            options=options,
            dry_run=dry_run,
            on_result=on_result,
        )
    )


__all__ = [
    "PROBLEMS",
    "STATUSES",
    "RefreshRun",
    "SourceResult",
    "SourceState",
    "dump_state",
    "load_state",
    "next_state",
    "process_source",
    "refresh",
    "refresh_async",
    "snapshot_text",
]
