"""The data every stage shares: an :class:`Entry` per documented error, a :class:`Catalog` each.

Extractors emit one ``Entry`` per documented row (one message each); :func:`errcat.catalog.build`
merges rows that document the same code in the same section into one entry.

>>> from errcat.model import Entry
>>> Entry(code="-1121", name="BAD_SYMBOL", messages=("Invalid symbol.",)).key
('rest', None, '-1121')
"""

from __future__ import annotations

from functools import cached_property

from errcat.record import Record

# typing costs a few milliseconds to import, and the runtime needs it only for annotations.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

SURFACES = ("rest", "websocket")


class Entry(Record):
    """One error code as documented: where it applies and what it says.

    ``code`` is a string exactly as written (sign kept, ``"-1121"``; pseudo-codes such as
    ``"HTTP ERROR CODE 403"`` too). ``surface`` is ``"rest"`` or ``"websocket"``; ``group`` is the
    section title the code is listed under, or ``None``. ``messages`` are the texts the API
    returns; ``description`` is the document's explanation where it gives one beside them
    (Deribit's Description column next to its short message; ``None`` where a listing gives one
    text only).

    Immutable (:class:`errcat.record.Record`): ``entry.replace(category=...)`` is a changed copy.
    """

    code: str
    surface: str
    group: str | None
    name: str | None
    http_status: int | None
    messages: tuple[str, ...]
    deprecated: bool
    category: str | None
    retryable: bool | None
    category_reason: str | None
    description: str | None
    success: bool

    def __init__(
        self,
        code: str,
        surface: str = "rest",
        group: str | None = None,
        name: str | None = None,
        http_status: int | None = None,
        messages: tuple[str, ...] = (),
        deprecated: bool = False,
        category: str | None = None,
        retryable: bool | None = None,
        category_reason: str | None = None,
        description: str | None = None,
        success: bool = False,
    ) -> None:
        # The fields, their order and defaults (Entry.FIELDS). One update of the instance dict:
        # extraction builds an Entry per documented row.
        self.__dict__.update(
            code=code,
            surface=surface,
            group=group,
            name=name,
            http_status=http_status,
            messages=messages,
            deprecated=deprecated,
            category=category,
            retryable=retryable,
            category_reason=category_reason,
            description=description,
            success=success,
        )

    @property
    def key(self) -> tuple[str, str | None, str]:
        """Identity in a catalog: the same code in another surface or section is another entry."""
        return (self.surface, self.group, self.code)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: fixed key order, optional fields left out while unset."""
        out: dict[str, Any] = {
            "code": self.code,
            "surface": self.surface,
            "group": self.group,
            "name": self.name,
            "http_status": self.http_status,
            "messages": list(self.messages),
        }
        if self.description is not None:
            out["description"] = self.description
        if self.deprecated:
            out["deprecated"] = True
        if self.category is not None:
            out["category"] = self.category
            out["retryable"] = bool(self.retryable)
            out["category_reason"] = self.category_reason
        if self.success:
            # a success code listed with the errors: no error class, only why it is success
            out["success"] = True
            if self.category is None and self.category_reason is not None:
                out["category_reason"] = self.category_reason
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        values = {k: v for k, v in data.items() if k in cls.FIELDS}
        values["messages"] = tuple(values.get("messages") or ())
        return cls.adopt(values)


class Catalog(Record):
    """The canonical catalog of one source (or of one document run through ``extract``).

    ``snapshot_sha256`` is the sha256 of the stored snapshot the catalog was built from: it lets
    every refresh check that snapshot and catalog are still a pair (``None`` for a bare document
    run through extract). Immutable, as :class:`Entry` is.
    """

    source: str | None
    exchange: str | None
    url: str | None
    entries: tuple[Entry, ...]
    snapshot_sha256: str | None

    def __init__(
        self,
        source: str | None = None,
        exchange: str | None = None,
        url: str | None = None,
        entries: tuple[Entry, ...] = (),
        snapshot_sha256: str | None = None,
    ) -> None:
        self.__dict__.update(
            source=source,
            exchange=exchange,
            url=url,
            entries=entries,
            snapshot_sha256=snapshot_sha256,
        )

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, code: str | int, surface: str | None = None) -> list[Entry]:
        """Every entry documenting ``code`` (``-1121``, ``"-1121"`` and ``" -1121 "`` all match).

        A dictionary lookup: the entries are indexed by code on first use.

        >>> cat = Catalog(entries=(Entry(code="-1121", name="BAD_SYMBOL"),))
        >>> [e.name for e in cat.lookup(-1121)]
        ['BAD_SYMBOL']
        """
        found = self._by_code.get(str(code).strip().casefold(), ())
        if surface is None:
            return list(found)
        return [e for e in found if e.surface == surface]

    @cached_property
    def _by_code(self) -> dict[str, tuple[Entry, ...]]:
        # (code, surface) identifies an entry but for its section: a code has one entry per
        # surface and section it is listed in, rarely more than two, so the surface is a filter
        # over the few entries of one code. Built once per catalog (cached_property writes the
        # instance dict, which a Record allows), in document order.
        index: dict[str, tuple[Entry, ...]] = {}
        get = index.get
        for e in self.entries:
            key = e.code.casefold()
            index[key] = (*get(key, ()), e)  # a new tuple per repeat: there are few
        return index

    def get(self, code: str | int, surface: str | None = None) -> Entry | None:
        """The first entry for ``code``, or ``None``."""
        found = self.lookup(code, surface)
        return found[0] if found else None

    @property
    def message_count(self) -> int:
        return sum(len(e.messages) for e in self.entries)

    @property
    def groups(self) -> list[str]:
        """Distinct section titles, in document order."""
        return list(dict.fromkeys(e.group for e in self.entries if e.group is not None))

    @property
    def surfaces(self) -> list[str]:
        return list(dict.fromkeys(e.surface for e in self.entries))

    def with_source(self, source: str, exchange: str, url: str) -> Catalog:
        return self.replace(source=source, exchange=exchange, url=url)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, "exchange": self.exchange, "url": self.url}
        if self.snapshot_sha256 is not None:
            out["snapshot_sha256"] = self.snapshot_sha256
        out["entries"] = [e.to_dict() for e in self.entries]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Catalog:
        return cls(
            source=data.get("source"),
            exchange=data.get("exchange"),
            url=data.get("url"),
            entries=tuple(Entry.from_dict(e) for e in data.get("entries", [])),
            snapshot_sha256=data.get("snapshot_sha256"),
        )
