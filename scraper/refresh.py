"""Keep catalogs current: per source fetch → extract → guard → write → diff.

>>> from errcat.sources import load_sources
>>> run = refresh(load_sources("sources"), Path("catalogs"))  # doctest: +SKIP
>>> [(r.source.id, r.status) for r in run.results]  # doctest: +SKIP
[('blofin', 'changed'), ('orderly', 'not-modified')]

What a source can end up as (:class:`SourceResult` ``status``):

``changed``       the page changed and so did its codes: snapshot and catalog written
``new``           first fetch of a source with neither snapshot nor catalog: both written
``page-changed``  the page changed but its codes did not: snapshot and catalog (its hash) written
``repaired``      snapshot and catalog were out of step (a killed run, a full disk, a hand edit,
                  a missing file): both rewritten as a pair from the fetched page
``unchanged``     the server sent the stored page again: nothing written
``not-modified``  the server answered 304 to the stored ETag / Last-Modified: nothing written
``failed``        network, HTTP, decoding, parse or write error: previous snapshot and catalog kept
``suspect``       the page yields no codes, loses more than ``max_drop`` of them, or grows past
                  ``max_entries`` / ``max_catalog_bytes``: kept
``stale``         the stored catalog is not what this errcat builds from the stored snapshot
                  (a parser upgrade, a hand edit): kept; run ``errcat build``, commit it, then
                  refresh. Checked for every verified pair, the unchanged ones too

Snapshot and catalog are a pair: the catalog records the sha256 of the snapshot bytes it was
built from. The snapshot is written first, the catalog second, so a run killed (or a disk
filled) between the two leaves a catalog whose hash names another snapshot; every run checks the
pair before anything else, sends no conditional request for a pair out of step (a 304 would
leave it so), and repairs it from the page it fetches, guarded against the committed catalog.

The diff is taken against the catalog the *current* parser builds from the *stored* snapshot,
so a parser change never shows up as an upstream change; a ``stale`` source is refused rather
than mixing the two in one commit.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from errcat.build import catalog_path, extract_source, snapshot_sha256
from errcat.catalog import dumps, load_catalog, parse_json, validate
from errcat.diff import CatalogDiff, diff_catalogs
from errcat.errors import ErrcatError, SourceError
from errcat.fetch import FetchOptions, FetchResult, Validators, client_for, fetch_one
from errcat.files import TreeError, clean_temps, locked, read_regular, write_atomic
from errcat.model import Catalog
from errcat.normalize import decode
from errcat.sources import Source, unused_overrides

STATE_FILE = "state.json"

CHANGED, NEW, PAGE_CHANGED, REPAIRED = "changed", "new", "page-changed", "repaired"
UNCHANGED, NOT_MODIFIED = "unchanged", "not-modified"
FAILED, SUSPECT, STALE = "failed", "suspect", "stale"
STATUSES = (
    CHANGED,
    NEW,
    PAGE_CHANGED,
    REPAIRED,
    UNCHANGED,
    NOT_MODIFIED,
    FAILED,
    SUSPECT,
    STALE,
)
PROBLEMS = (FAILED, SUSPECT, STALE)
UPDATED = (CHANGED, NEW, PAGE_CHANGED, REPAIRED)


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
    """The conditional-request state file; a missing file is an empty state.

    A file that is not a JSON object is an error (:class:`SourceError`); a malformed entry only
    costs its source the conditional request (it is dropped and rewritten after the run).
    """
    try:
        data = parse_json(read_regular(path), str(path))
    except FileNotFoundError:
        return {}
    except (OSError, ErrcatError) as err:
        why = err.strerror if isinstance(err, OSError) else str(err).removeprefix(f"{path}: ")
        raise SourceError(
            f"{path}: unreadable state file ({why}); delete it to start over"
        ) from None
    if not isinstance(data, dict):
        raise SourceError(f"{path}: state file must be a JSON object; delete it to start over")
    state = {}
    for source_id, value in data.items():
        if not isinstance(value, dict) or not isinstance(value.get("url"), str):
            continue
        etag, modified = value.get("etag"), value.get("last_modified")
        state[source_id] = SourceState(
            value["url"],
            etag if isinstance(etag, str) and _header_safe(etag) else None,
            modified if isinstance(modified, str) and _header_safe(modified) else None,
        )
    return state


def _header_safe(value: str) -> bool:
    # Sent back as a request header: printable ASCII only, so a hand-edited state file cannot
    # make httpx raise (or smuggle a header line).
    return value.isascii() and value.isprintable() and 0 < len(value) <= 1024


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
    """How refreshing one source went. ``detail`` is one line for failures, guards and repairs;
    ``kept`` says the previous snapshot and catalog are untouched; ``warnings`` are notes (an
    ``[overrides]`` key that matches nothing)."""

    source: Source
    status: str
    detail: str | None = None
    diff: CatalogDiff | None = None
    entries: int | None = None
    previous_entries: int | None = None
    written: tuple[Path, ...] = ()
    validators: Validators | None = None
    kept: bool = True
    warnings: tuple[str, ...] = ()

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
    state_error: str | None = None

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


@dataclass(frozen=True)
class Pair:
    """A source's stored snapshot and committed catalog, as found on disk before a refresh."""

    snapshot: bytes | None = None
    catalog: Catalog | None = None
    snapshot_error: str | None = None
    catalog_error: str | None = None

    @property
    def empty(self) -> bool:
        """Neither file exists: a new source."""
        return (
            self.snapshot is None
            and self.catalog is None
            and self.snapshot_error is None
            and self.catalog_error is None
        )

    @property
    def consistent(self) -> bool:
        """Both read, and the catalog records this snapshot's hash."""
        return (
            self.snapshot is not None
            and self.catalog is not None
            and self.catalog.snapshot_sha256 == snapshot_sha256(self.snapshot)
        )

    @property
    def problem(self) -> str | None:
        """Why the two are not a pair, in a few words; ``None`` for a pair or a new source."""
        if self.empty or self.consistent:
            return None
        if self.snapshot_error:
            return self.snapshot_error
        if self.catalog_error:
            return self.catalog_error
        if self.snapshot is None:
            return "snapshot missing"
        if self.catalog is None:
            return "catalog missing"
        if self.catalog.snapshot_sha256 is None:
            return "catalog records no snapshot hash"
        return "catalog was built from another snapshot (hash differs)"


def inspect_pair(source: Source, catalogs_dir: Path) -> Pair:
    """Read a source's snapshot and catalog; never raises (unreadable files are described)."""
    snapshot = catalog = None
    snapshot_error = catalog_error = None
    try:
        snapshot = read_regular(source.snapshot)
    except FileNotFoundError:
        pass
    except (OSError, TreeError) as err:
        snapshot_error = f"snapshot unreadable: {getattr(err, 'strerror', None) or err}"
    path = catalog_path(catalogs_dir, source)
    if path.exists() or path.is_symlink():
        try:
            catalog = load_catalog(path)
        except ErrcatError as err:
            catalog_error = f"catalog unreadable: {err}"
    return Pair(snapshot, catalog, snapshot_error, catalog_error)


def process_source(
    source: Source,
    fetched: FetchResult,
    catalogs_dir: Path,
    *,
    dry_run: bool = False,
    pair: Pair | None = None,
) -> SourceResult:
    """Everything after the fetch for one source. Never raises: every error is this source's."""
    catalogs_dir = Path(catalogs_dir)
    if pair is None:
        pair = inspect_pair(source, catalogs_dir)
    out_of_step = pair.problem
    if not fetched.ok:
        detail = fetched.error or "fetch failed"
        if source.url not in detail:  # "HTTP 404 Not Found": of which page
            detail += f" ({source.url})"
        if out_of_step:
            detail += f" (and snapshot and catalog are out of step: {out_of_step})"
        return SourceResult(source, FAILED, detail=detail)
    if fetched.not_modified and not pair.consistent:  # only a verified pair sends validators
        return SourceResult(source, FAILED, detail="HTTP 304 for a page not stored")
    try:
        if fetched.not_modified:
            stale = _stale(source, pair, _rebuild(source, pair), catalogs_dir)
            return stale or SourceResult(source, NOT_MODIFIED, validators=fetched.validators)
        return _process_page(source, fetched, catalogs_dir, pair, dry_run)
    except _WriteFailed as err:
        return SourceResult(source, FAILED, detail=str(err), kept=err.kept)
    except ErrcatError as err:
        return SourceResult(source, FAILED, detail=str(err))
    except OSError as err:
        return SourceResult(source, FAILED, detail=f"cannot write: {err}")
    except Exception as err:  # a parser bug on a hostile page stays this source's failure
        return _failed(source, err)


def _process_page(
    source: Source, fetched: FetchResult, catalogs_dir: Path, pair: Pair, dry_run: bool
) -> SourceResult:
    assert fetched.content is not None
    text = snapshot_text(fetched.content, fetched.charset, source.url)
    data = text.encode("utf-8")
    out_of_step = pair.problem
    rebuilt = _rebuild(source, pair)
    stale = _stale(source, pair, rebuilt, catalogs_dir)
    if stale is not None:
        return stale
    if pair.consistent and pair.snapshot == data:
        return SourceResult(source, UNCHANGED, validators=fetched.validators)

    new = extract_source(source, data).replace(snapshot_sha256=snapshot_sha256(data))
    committed = pair.catalog
    path = catalog_path(catalogs_dir, source)

    # The diff's old side: the rebuild of a verified pair (so parser changes stay out), else
    # what was published (the committed catalog), else whatever snapshot there is.
    if pair.consistent:
        old = rebuilt if rebuilt is not None else committed
    else:
        old = committed if committed is not None else rebuilt
    previous = len(old) if old is not None else None
    baselines = [c for c in (rebuilt, committed) if c is not None and c.entries]
    text_out = dumps(new)
    guard = _guard(source, baselines, new, len(text_out.encode("utf-8")))
    if guard is not None:
        if out_of_step:
            guard += f" (and snapshot and catalog are out of step: {out_of_step})"
        return SourceResult(
            source, SUSPECT, detail=guard, entries=len(new), previous_entries=previous
        )

    diff = diff_catalogs(
        _without_hash(old) if old is not None else Catalog(),
        _without_hash(new),
        old_name=str(source.snapshot),
        new_name=source.url,
    )
    # Validate before writing anything, so a bad catalog leaves no half-updated source.
    validate(new.to_dict(), name=str(path))
    status, detail = _status(pair, bool(diff))
    written: tuple[Path, ...] = ()
    if not dry_run:
        written = _write_pair(source, path, text, text_out, pair)
    return SourceResult(
        source,
        status,
        detail=detail,
        diff=diff,
        entries=len(new),
        previous_entries=previous,
        written=written,
        validators=fetched.validators,
        kept=dry_run,
        warnings=tuple(unused_overrides(source, new)),
    )


def _rebuild(source: Source, pair: Pair) -> Catalog | None:
    """What this errcat builds from the stored snapshot; ``None`` without one, or when it no
    longer reads (the committed catalog is then the baseline)."""
    if pair.snapshot is None:
        return None
    try:
        return extract_source(source, pair.snapshot)
    except ErrcatError:
        return None


def _stale(
    source: Source, pair: Pair, rebuilt: Catalog | None, catalogs_dir: Path
) -> SourceResult | None:
    """``stale`` when a verified pair's catalog is not what this errcat builds from its snapshot
    (built by another errcat version, or edited by hand): kept, and nothing else is done."""
    if not pair.consistent or rebuilt is None or pair.catalog is None:
        return None
    if _without_hash(pair.catalog) == rebuilt:
        return None
    return SourceResult(
        source,
        STALE,
        detail=f"{catalog_path(catalogs_dir, source)} differs from what this errcat version "
        f"builds from {source.snapshot} (another errcat version, the source file edited, or a "
        f"hand edit); run 'errcat build --source {source.id}' and commit that separately, then "
        "refresh again",
        previous_entries=len(rebuilt),
    )


def _status(pair: Pair, changed: bool) -> tuple[str, str | None]:
    """A written page's status and detail: new, repaired (the pair was out of step), changed
    or page-changed."""
    if pair.empty:
        return NEW, None
    if pair.problem:
        return REPAIRED, f"snapshot and catalog were out of step ({pair.problem}); both rewritten"
    return (CHANGED if changed else PAGE_CHANGED), None


def _without_hash(catalog: Catalog) -> Catalog:
    return catalog.replace(snapshot_sha256=None) if catalog.snapshot_sha256 else catalog


class _WriteFailed(ErrcatError):
    """The catalog could not be written; ``kept`` says whether the old pair is back in place."""

    def __init__(self, message: str, kept: bool) -> None:
        super().__init__(message)
        self.kept = kept


def _write_pair(
    source: Source, path: Path, snapshot: str, catalog: str, pair: Pair
) -> tuple[Path, ...]:
    """Snapshot, then the catalog naming its hash. A failed catalog write puts the previous
    snapshot back, so the pair on disk is the old one; if even that fails, the next run sees a
    hash that names another snapshot and repairs it (the error says which files are where)."""
    written = []
    if write_atomic(source.snapshot, snapshot):
        written.append(source.snapshot)
    try:
        if write_atomic(path, catalog):
            written.append(path)
    except (OSError, TreeError) as err:
        if source.snapshot not in written:
            raise
        why = getattr(err, "strerror", None) or err
        try:
            if pair.snapshot is not None:
                write_atomic(source.snapshot, pair.snapshot)
            else:
                source.snapshot.unlink()
        except (OSError, TreeError) as again:
            raise _WriteFailed(
                f"{path}: cannot write catalog ({why}) nor put the previous snapshot back "
                f"({getattr(again, 'strerror', None) or again}): snapshot and catalog are out "
                "of step until the next refresh repairs them",
                kept=False,
            ) from None
        raise _WriteFailed(
            f"{path}: cannot write catalog ({why}); the previous snapshot was put back",
            kept=True,
        ) from None
    return tuple(written)


def _guard(source: Source, baselines: list[Catalog], new: Catalog, size: int) -> str | None:
    """Why the new page looks like a bad scrape rather than a real change, if it does.

    Which codes vanish counts, not how many: a page that swaps 40 % of its codes for others is
    as suspect as one that loses them. Every baseline (the rebuilt snapshot, the committed
    catalog) is checked, so a missing or unreadable snapshot does not lift the guard.
    """
    # (a source new to the tree has nothing to keep: nothing is written)
    kept = "kept the previous snapshot and catalog" if baselines else "wrote nothing"
    if not new.entries:
        return f"the page now yields no error codes; {kept}"
    if len(new.entries) > source.max_entries:
        return (
            f"the page now yields {len(new.entries)} entries, more than max_entries "
            f"{source.max_entries}; {kept} (raise max_entries in the source file if it is real)"
        )
    if size > source.max_catalog_bytes:
        return (
            f"the catalog would be {size} bytes, more than max_catalog_bytes "
            f"{source.max_catalog_bytes}; {kept} (raise max_catalog_bytes if it is real)"
        )
    after = {(e.surface, e.code) for e in new.entries}
    for baseline in baselines:
        before = {(e.surface, e.code) for e in baseline.entries}
        lost = len(before - after)
        share = lost / len(before)
        if share > source.max_drop:
            return (
                f"{lost} of {len(before)} codes ({share:.0%}) would vanish at once, more than "
                f"max_drop {source.max_drop:.0%}; {kept} "
                "(raise max_drop in the source file if the removal is real)"
            )
    return None


def _validators(source: Source, state: dict[str, SourceState], pair: Pair) -> Validators | None:
    known = state.get(source.id)
    # Only a verified pair may be answered with a 304: without the stored page (or with a
    # catalog of another page) a 304 would leave nothing, or the wrong thing, to build from.
    # After a URL change the old validators describe another resource.
    if known is None or known.url != source.url or not pair.consistent:
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
        sid, url = result.source.id, result.source.url
        if sid in out and out[sid].url != url:
            out.pop(sid)  # validators of the old URL say nothing about the new one
        v = result.validators
        if v is None:
            continue
        if result.status == NOT_MODIFIED:
            # A 304 may carry a fresher ETag; otherwise keep what we had.
            old = out.get(sid) or SourceState(url)
            out[sid] = SourceState(url, v.etag or old.etag, v.last_modified or old.last_modified)
        elif v.etag or v.last_modified:
            out[sid] = SourceState(url, v.etag, v.last_modified)
        else:
            out.pop(sid, None)
    return out


def _failed(source: Source, err: BaseException) -> SourceResult:
    return SourceResult(source, FAILED, detail=f"internal error: {type(err).__name__}: {err}")


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
    catalogs_dir = Path(catalogs_dir)
    if state_path is None:
        state_path = (sources[0].root if sources else Path("sources")) / STATE_FILE
    roots = sorted({s.root for s in sources} or {state_path.parent})
    with ExitStack() as stack:
        if not dry_run:
            # One writer per tree: two runs would interleave snapshots and catalogs.
            for root in roots:
                stack.enter_context(locked(root, "errcat refresh or build"))
            for directory in {catalogs_dir, state_path.parent} | {
                s.snapshot.parent for s in sources
            }:
                clean_temps(directory)
        return await _run(sources, catalogs_dir, state_path, options, dry_run, on_result, roots)


async def _run(
    sources: Sequence[Source],
    catalogs_dir: Path,
    state_path: Path,
    options: FetchOptions,
    dry_run: bool,
    on_result: Callable[[SourceResult], None] | None,
    roots: list[Path],
) -> RefreshRun:
    state = load_state(state_path)
    gate = asyncio.Semaphore(max(1, options.concurrency))

    async with client_for(options) as client:

        async def one(source: Source) -> SourceResult:
            try:
                pair = await asyncio.to_thread(inspect_pair, source, catalogs_dir)
                mine = replace(options, allow_private=options.allow_private or source.allow_private)
                async with gate:
                    fetched = await fetch_one(
                        client, source.url, _validators(source, state, pair), mine
                    )
                # Parsing is CPU work: off the event loop, so other fetches keep flowing.
                result = await asyncio.to_thread(
                    process_source, source, fetched, catalogs_dir, dry_run=dry_run, pair=pair
                )
            except Exception as err:  # whatever it is, it is this source's failure
                result = _failed(source, err)
            if on_result is not None:
                on_result(result)
            return result

        results = tuple(await asyncio.gather(*(one(s) for s in sources)))

    written = False
    state_error = None
    if not dry_run:
        known = {p.stem for root in roots for p in root.glob("*.toml")} | {s.id for s in sources}
        new_state = next_state(state, results, known)
        if new_state or state_path.exists():
            try:
                written = write_atomic(state_path, dump_state(new_state))
            except (OSError, TreeError) as err:
                why = getattr(err, "strerror", None) or err
                state_error = f"{state_path}: cannot write state: {why}"
    return RefreshRun(results, state_path, written, dry_run, state_error)


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
    The sources directory is locked for the run (:class:`~errcat.files.TreeError` if another
    refresh or build holds it).
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
    "Pair",
    "RefreshRun",
    "SourceResult",
    "SourceState",
    "dump_state",
    "inspect_pair",
    "load_state",
    "next_state",
    "process_source",
    "refresh",
    "refresh_async",
    "snapshot_text",
]
