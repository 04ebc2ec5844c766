"""What changed between two catalogs, in the words a user of the API cares about.

Entries are matched by (surface, group, code); a code whose section title changed is matched
by (surface, code) when that is unambiguous and reported as moved, and one that changed surface
likewise. Fields are compared generically with DeepDiff over the canonical entry fields, so a
field added to :class:`~errcat.model.Entry` later is compared too. Messages are compared as
sets, and a removed message that is a small edit of an added one is "reworded".

Every change has a level (``error`` > ``warning`` > ``info``, as in oasdiff) and is breaking or
not: a removed code, a changed HTTP status or name, a dropped message, a changed category are
breaking; an added code or message, a rewording, a move to another section are not.

>>> from errcat.model import Catalog, Entry
>>> old = Catalog(entries=(Entry("1", messages=("JSON syntax error",)), Entry("2")))
>>> new = Catalog(entries=(Entry("1", messages=("JSON syntax error, check the body.",)),
...                        Entry("3")))
>>> for change in diff_catalogs(old, new).changes:
...     print(change.level, change.code, change.describe())
info 1 message reworded: 'JSON syntax error' -> 'JSON syntax error, check the body.'
info 3 code added
error 2 code removed
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from errcat.build import extract_source
from errcat.catalog import parse_json, validate
from errcat.errors import DocumentError
from errcat.extract import extract
from errcat.files import TreeError, read_regular
from errcat.model import Catalog, Entry
from errcat.sources import Source

LEVELS = ("info", "warning", "error")
REWORD_THRESHOLD = 0.75

# Fields that identify an entry or get their own treatment; every other field is compared.
_IDENTITY = ("code", "surface", "group")
_LIST_FIELDS = ("messages",)

CODE_ADDED = "code-added"
CODE_REMOVED = "code-removed"
GROUP_CHANGED = "group-changed"
SURFACE_CHANGED = "surface-changed"
MESSAGE_ADDED = "message-added"
MESSAGE_REMOVED = "message-removed"
MESSAGE_REWORDED = "message-reworded"
FIELD_CHANGED = "field-changed"


def level_rank(level: str | None) -> int:
    """``-1`` for no level, then 0, 1, 2 for info, warning, error."""
    return LEVELS.index(level) if level in LEVELS else -1


def max_level(levels: Any) -> str | None:
    """The most severe of some levels, or ``None`` when there are none.

    >>> max_level(["info", "error", "warning"]), max_level([])
    ('error', None)
    """
    best = None
    for level in levels:
        if level_rank(level) > level_rank(best):
            best = level
    return best


@dataclass(frozen=True)
class Change:
    """One semantic change to one code. ``old``/``new`` hold the values that changed.

    For a code added or removed they hold the :class:`Entry`; for a message change the
    message(s); for a field change (``field`` set) the field's values.
    """

    kind: str
    code: str
    surface: str
    group: str | None
    level: str
    breaking: bool
    old: Any = None
    new: Any = None
    field: str | None = None

    @property
    def label(self) -> str:
        """Short name of the change, e.g. ``"message reworded"`` or ``"http_status changed"``."""
        if self.kind == FIELD_CHANGED:
            if self.old is None or self.old is False:
                return f"{self.field} added"
            if self.new is None:
                return f"{self.field} removed"
            return f"{self.field} changed"
        return self.kind.replace("-", " ")

    def describe(self) -> str:
        """One plain line (raw upstream text: escape it before putting it in markdown)."""
        if self.kind in (CODE_ADDED, CODE_REMOVED):
            return self.label
        if self.kind == MESSAGE_ADDED:
            return f"message added: {self.new!r}"
        if self.kind == MESSAGE_REMOVED:
            return f"message removed: {self.old!r}"
        if self.kind == FIELD_CHANGED and self.field == "deprecated":
            return "marked deprecated" if self.new else "no longer deprecated"
        if self.kind == FIELD_CHANGED and (self.old is None or self.old is False):
            return f"{self.label}: {self.new!r}"
        if self.kind == FIELD_CHANGED and self.new is None:
            return f"{self.label} (was {self.old!r})"
        return f"{self.label}: {self.old!r} -> {self.new!r}"

    def to_dict(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            return value.to_dict() if isinstance(value, Entry) else value

        out: dict[str, Any] = {
            "kind": self.kind,
            "code": self.code,
            "surface": self.surface,
            "group": self.group,
            "level": self.level,
            "breaking": self.breaking,
        }
        if self.field is not None:
            out["field"] = self.field
        out["old"] = plain(self.old)
        out["new"] = plain(self.new)
        return out


@dataclass(frozen=True)
class CatalogDiff:
    """All changes from one catalog to another, in the new catalog's document order."""

    changes: tuple[Change, ...] = ()
    old_name: str | None = None
    new_name: str | None = None
    catalog_changes: tuple[tuple[str, Any, Any], ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def added(self) -> list[Entry]:
        return [c.new for c in self.changes if c.kind == CODE_ADDED]

    @property
    def removed(self) -> list[Entry]:
        return [c.old for c in self.changes if c.kind == CODE_REMOVED]

    @property
    def changed(self) -> list[tuple[str, str]]:
        """Distinct (surface, code) of codes that are still there but changed."""
        keys = (c for c in self.changes if c.kind not in (CODE_ADDED, CODE_REMOVED))
        return list(dict.fromkeys((c.surface, c.code) for c in keys))

    @property
    def breaking(self) -> bool:
        return any(c.breaking for c in self.changes)

    @property
    def level(self) -> str | None:
        return max_level(c.level for c in self.changes)

    def at_least(self, level: str) -> list[Change]:
        """Changes at ``level`` or more severe."""
        return [c for c in self.changes if level_rank(c.level) >= level_rank(level)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old_name,
            "new": self.new_name,
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "breaking": self.breaking,
            "level": self.level,
            "catalog": [{"field": f, "old": o, "new": n} for f, o, n in self.catalog_changes],
            "changes": [c.to_dict() for c in self.changes],
        }


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def similarity(a: str, b: str) -> float:
    """How alike two messages are, 0..1; one containing the other counts as 0.9.

    >>> similarity("Affiliate do not exit.", "Affiliate does not exist.") > 0.75
    True
    >>> similarity("JSON syntax error", "JSON syntax error, Please check the body.")
    0.9
    >>> similarity("Order not found", "Rate limit exceeded") < 0.5
    True
    """
    x, y = _norm(a), _norm(b)
    if x == y:
        return 1.0
    ratio = SequenceMatcher(None, x, y, autojunk=False).ratio()
    short, long = sorted((x, y), key=len)
    # An elaboration ("JSON syntax error" -> "JSON syntax error, please check ...") keeps the
    # meaning; a short fragment ("error") inside a long message does not.
    if len(short) >= 12 and len(short.split()) >= 2 and short.rstrip(".") in long:
        ratio = max(ratio, 0.9)
    return ratio


def pair_rewordings(
    removed: list[str], added: list[str], threshold: float = REWORD_THRESHOLD
) -> list[tuple[str, str]]:
    """Pair removed with added messages that are small edits of each other, best pairs first."""
    scored = sorted(
        (
            (similarity(old, new), i, j)
            for i, old in enumerate(removed)
            for j, new in enumerate(added)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for score, i, j in scored:
        if score < threshold:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    return [(removed[i], added[j]) for i, j in sorted(pairs)]


def classify(field_name: str, old: Any, new: Any) -> tuple[str, bool]:
    """Level and breaking flag of a field change.

    >>> classify("http_status", 400, 500), classify("http_status", None, 400)
    (('error', True), ('info', False))
    >>> classify("name", "INVALID_PARAM", None), classify("category", "auth", "rate-limit")
    (('warning', True), ('warning', True))
    """
    if field_name in ("http_status", "name"):
        if old is None:
            return "info", False
        if new is None:
            return "warning", True
        return "error", True
    if field_name == "deprecated":
        return ("warning", True) if new else ("info", False)
    if field_name in ("category", "retryable"):
        return "warning", True
    return "info", False


def _fields(entry: Entry) -> dict[str, Any]:
    """Every comparable field of an entry, defaults included, messages left to their own rule."""
    out: dict[str, Any] = {}
    for name in entry.FIELDS:
        if name in _IDENTITY or name in _LIST_FIELDS:
            continue
        value = getattr(entry, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def _deepdiff(old: Any, new: Any) -> Any:
    # Imported on first use: DeepDiff pulls in numpy and pandas when they are installed, a
    # third of a second that every other errcat command would pay at start-up.
    from deepdiff import DeepDiff

    return DeepDiff(old, new, view="tree")


def _entry_changes(old: Entry, new: Entry) -> list[Change]:
    """Changes from one entry to its counterpart (same code), fields then messages."""
    out: list[Change] = []

    def add(kind: str, level: str, breaking: bool, o: Any, n: Any, fld: str | None = None):
        out.append(Change(kind, new.code, new.surface, new.group, level, breaking, o, n, fld))

    if old.surface != new.surface:
        add(SURFACE_CHANGED, "warning", True, old.surface, new.surface)
    if old.group != new.group:
        add(GROUP_CHANGED, "info", False, old.group, new.group)
    diff = _deepdiff(_fields(old), _fields(new))
    # Whatever DeepDiff reports (value, type, list or key changes), the first path element is
    # the field; report each changed field once, in the model's field order.
    changed = {level.path(output_format="list")[0] for levels in diff.values() for level in levels}
    for name in (n for n in Entry.FIELDS if n in changed):
        o, n = getattr(old, name), getattr(new, name)
        lvl, brk = classify(name, o, n)
        add(FIELD_CHANGED, lvl, brk, o, n, name)
    old_set, new_set = set(old.messages), set(new.messages)
    gone = [m for m in old.messages if m not in new_set]
    came = [m for m in new.messages if m not in old_set]
    reworded = pair_rewordings(gone, came)
    paired_old = {o for o, _ in reworded}
    paired_new = {n for _, n in reworded}
    for o, n in reworded:
        add(MESSAGE_REWORDED, "info", False, o, n)
    for m in gone:
        if m not in paired_old:
            add(MESSAGE_REMOVED, "warning", True, m, None)
    for m in came:
        if m not in paired_new:
            add(MESSAGE_ADDED, "info", False, None, m)
    return out


def _pair_unmatched(
    gone: list[Entry], came: list[Entry], by: Any
) -> tuple[list[tuple[Entry, Entry]], list[Entry], list[Entry]]:
    """Pair leftover entries whose ``by(entry)`` is unique on both sides."""
    old_groups: dict[Any, list[Entry]] = defaultdict(list)
    new_groups: dict[Any, list[Entry]] = defaultdict(list)
    for e in gone:
        old_groups[by(e)].append(e)
    for e in came:
        new_groups[by(e)].append(e)
    pairs = []
    for k, olds in old_groups.items():
        news = new_groups.get(k, [])
        if len(olds) == 1 and len(news) == 1:
            pairs.append((olds[0], news[0]))
    paired_old = {id(o) for o, _ in pairs}
    paired_new = {id(n) for _, n in pairs}
    return (
        pairs,
        [e for e in gone if id(e) not in paired_old],
        [e for e in came if id(e) not in paired_new],
    )


def diff_catalogs(
    old: Catalog, new: Catalog, *, old_name: str | None = None, new_name: str | None = None
) -> CatalogDiff:
    """The semantic changes from ``old`` to ``new`` (see the module docstring for the rules)."""
    old_by_key = {e.key: e for e in old.entries}
    new_by_key = {e.key: e for e in new.entries}
    common = [k for k in new_by_key if k in old_by_key]
    # DeepDiff over the canonical fields of the entries present on both sides: the first path
    # element of every reported difference is the key of an entry that changed. (Keys present
    # on one side only are plain set differences; fed to DeepDiff, a catalog whose every key
    # changed is reported as one root-level change.)
    tree = _deepdiff(
        {k: _fields(old_by_key[k]) for k in common},
        {k: _fields(new_by_key[k]) for k in common},
    )
    changed_keys = {
        level.path(output_format="list")[0] for levels in tree.values() for level in levels
    }
    # Messages are compared as sets: a reordering is not a change.
    changed_keys.update(
        k for k in common if set(old_by_key[k].messages) != set(new_by_key[k].messages)
    )
    gone_keys = old_by_key.keys() - new_by_key.keys()
    came_keys = new_by_key.keys() - old_by_key.keys()

    by_new_key: dict[tuple, list[Change]] = {}
    for key in changed_keys:
        by_new_key[key] = _entry_changes(old_by_key[key], new_by_key[key])

    gone = [e for e in old.entries if e.key in gone_keys]
    came = [e for e in new.entries if e.key in came_keys]
    moved, gone, came = _pair_unmatched(gone, came, lambda e: (e.surface, e.code))
    resurfaced, gone, came = _pair_unmatched(gone, came, lambda e: (e.code, e.group))
    for o, n in moved + resurfaced:
        by_new_key[n.key] = _entry_changes(o, n)
    came_set = {id(e) for e in came}

    changes: list[Change] = []
    for entry in new.entries:
        if id(entry) in came_set:
            changes.append(
                Change(CODE_ADDED, entry.code, entry.surface, entry.group, "info", False, new=entry)
            )
        changes.extend(by_new_key.get(entry.key, []))
    for entry in gone:
        changes.append(
            Change(CODE_REMOVED, entry.code, entry.surface, entry.group, "error", True, entry)
        )
    # A side without one says nothing of it (a document extracted without a source): a catalog
    # against its own page is no change of source, exchange or URL.
    catalog_changes = tuple(
        (name, getattr(old, name), getattr(new, name))
        for name in ("source", "exchange", "url")
        if getattr(old, name) != getattr(new, name)
        and getattr(old, name) is not None
        and getattr(new, name) is not None
    )
    return CatalogDiff(tuple(changes), old_name, new_name, catalog_changes)


def load_side(
    name: str, format: str = "auto", source: Source | None = None, *, data: bytes | None = None
) -> Catalog:
    """One side of ``errcat diff``: a catalog JSON file, or any document to extract.

    A ``.json`` file must be JSON: holding an object with ``entries`` it is a catalog and must
    validate; other JSON is a document, refused if it lists no codes. Anything else is a
    document, extracted as ``source``'s page when one is given. A corrupt ``.json`` file is a
    :class:`CatalogError`, never read as a document with no codes (which would diff as every
    code added or removed).
    """
    if data is None:
        path = Path(name)
        try:
            data = read_regular(path)
        except (UnicodeError, ValueError):  # a lone surrogate or a NUL in the name
            raise DocumentError(f"{name}: not a valid file name") from None
        except IsADirectoryError:
            raise DocumentError(f"{name}: is a directory, not a catalog or document") from None
        except FileNotFoundError:
            raise DocumentError(f"{name}: no such file") from None
        except OSError as err:
            raise DocumentError(f"{name}: cannot read: {err.strerror}") from None
        except TreeError as err:
            if path.is_dir():
                raise DocumentError(f"{name}: is a directory, not a catalog or document") from None
            raise DocumentError(str(err)) from None
    as_json = name.lower().endswith(".json")
    if as_json:
        obj = parse_json(data, name)
        if isinstance(obj, dict) and "entries" in obj:
            validate(obj, name=name)
            return Catalog.from_dict(obj)
    catalog = (
        extract_source(source, data) if source is not None else extract(data, format, name=name)
    )
    if as_json and not catalog.entries:
        # catalogs/index.json, a saved API response: no side to compare with
        raise DocumentError(
            f"{name}: JSON but not a catalog (no 'entries'), and no error codes in it"
        )
    return catalog
