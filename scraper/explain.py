"""Explain a raw error from an exchange: which documented entry it is, what it means, what to do.

The error can be a code (``-1121``), a message (``Invalid symbol.``) or the JSON body the
exchange sent, flat or nested (``{"code":-1121,"msg":"Invalid symbol."}``,
``{"error":{"code":"152001","message":"…"}}``, ``{"data":[{"sCode":…,"sMsg":…}]}``):

>>> from errcat.model import Catalog, Entry
>>> cat = Catalog(source="demo", entries=(
...     Entry("152001", messages=("Parameter {} cannot be empty.",)),
...     Entry("152002", messages=("Parameter {} error.",)),
... ))
>>> ex = explain(cat, '{"code":"152001","msg":"Parameter instId cannot be empty."}')
>>> ex.entry.code, ex.matched_by, ex.entry.category
('152001', 'code+message', 'ArgumentsRequired')
>>> print(explain(cat, '{"code":"152002","msg":"Parameter instId cannot be empty."}').notes[0])
code 152002 and message disagree: the message is documented for code 152001 (rest)

The code decides when both are documented: exchanges send codes on purpose, while their message
texts drift. A message picks the surface when a code means different things on REST and
WebSocket.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from errcat.bodies import BodyShape, read_body
from errcat.categorize import categorize_entry, taxonomy
from errcat.errors import ErrcatError
from errcat.model import Catalog, Entry
from errcat.templates import STRONG, compile_template, rank


class ErrorBodyError(ErrcatError):
    """The ERROR argument looks like JSON but does not parse."""


_CODE_LIKE = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class ErrorReport:
    """What was read out of the ERROR argument."""

    raw: str
    code: str | None = None
    message: str | None = None
    reason: str | None = None  # why a JSON body gave neither (see errcat.bodies)


@dataclass(frozen=True)
class MessageMatch:
    """A documented message that a live message fits, and how (see :data:`templates.KINDS`)."""

    entry: Entry
    message: str
    kind: str


@dataclass(frozen=True)
class Explanation:
    """The entries that explain one error, with notes on anything doubtful."""

    source: str | None
    exchange: str | None
    url: str | None
    error: ErrorReport
    entries: tuple[Entry, ...] = ()
    matched_by: str = "none"
    message_match: MessageMatch | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    ambiguous: bool = False

    @property
    def found(self) -> bool:
        return bool(self.entries)

    @property
    def entry(self) -> Entry | None:
        """The best entry; ``None`` when nothing documented fits, or when the code means
        different things on REST and WebSocket and nothing picked one (``ambiguous``: the
        candidates are in ``entries``)."""
        return self.entries[0] if self.entries and not self.ambiguous else None

    @property
    def success(self) -> bool:
        """The error is the code the document gives for success: not an error at all."""
        return bool(self.entries) and all(e.success for e in self.entries)

    def to_dict(self) -> dict[str, Any]:
        tax = taxonomy()
        entries = []
        for e in self.entries:
            data = e.to_dict()
            if e.category:
                data["ancestors"] = tax.ancestors(e.category)
                data["advice"] = tax[e.category].advice
            entries.append(data)
        match = None
        if self.message_match is not None:
            m = self.message_match
            match = {
                "code": m.entry.code,
                "surface": m.entry.surface,
                "message": m.message,
                "kind": m.kind,
            }
        return {
            "source": self.source,
            "exchange": self.exchange,
            "url": self.url,
            "error": {"code": self.error.code, "message": self.error.message},
            "found": self.found,
            "success": self.success,
            "ambiguous": self.ambiguous,
            "matched_by": self.matched_by,
            "entries": entries,
            "message_match": match,
            "notes": list(self.notes),
        }


def parse_error(
    text: str, catalog: Catalog | None = None, shape: BodyShape | None = None
) -> ErrorReport:
    """Read a code and/or message out of ERROR (a code, a message, or a JSON error body).

    A body is read by :func:`errcat.bodies.read_body` (``shape``: the source's own keys); with
    a catalog, a code it documents wins over another candidate in the same body.

    >>> parse_error('{"code":-1121,"msg":"Invalid symbol."}')
    ErrorReport(raw='{"code":-1121,"msg":"Invalid symbol."}', code='-1121', \
message='Invalid symbol.', reason=None)
    >>> parse_error('{"error":{"code":"152001","message":"Parameter {} empty."}}').code
    '152001'
    >>> parse_error("Too many requests").message
    'Too many requests'
    """
    raw = text
    text = text.strip()
    if not text:
        raise ErrorBodyError("ERROR is empty: give a code, a message or a JSON error body")
    if text[0] in "{[":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ErrorBodyError(
                f"ERROR looks like JSON but does not parse (line {err.lineno} column "
                f"{err.colno}: {err.msg})"
            ) from None
        known = (lambda code: bool(_lookup(catalog, code, None))) if catalog else None
        body = read_body(data, shape, known)
        return ErrorReport(raw, body.code, body.message, body.reason)
    if catalog is not None and catalog.lookup(text):
        return ErrorReport(raw, code=text)
    if _CODE_LIKE.match(text):
        return ErrorReport(raw, code=text)
    return ErrorReport(raw, message=text)


def _lookup(catalog: Catalog, code: str, surface: str | None) -> list[Entry]:
    found = catalog.lookup(code, surface)
    if found or not _CODE_LIKE.match(code):
        return found
    # 152001 and "0152001", -1121 and "-01121": the same number.
    number = int(code)
    return [
        e
        for e in catalog.entries
        if _CODE_LIKE.match(e.code) and int(e.code) == number and surface in (None, e.surface)
    ]


def match_message(catalog: Catalog, message: str, surface: str | None = None) -> list[MessageMatch]:
    """Every entry with a documented message that ``message`` fits, best fit first.

    Ties keep document order; a longer fixed text wins among equally good fits.
    """
    found: list[tuple[int, int, int, MessageMatch]] = []
    for index, entry in enumerate(catalog.entries):
        if surface is not None and entry.surface != surface:
            continue
        best: tuple[int, int, MessageMatch] | None = None
        for documented in entry.messages:
            template = compile_template(documented)
            kind = template.match(message)
            if kind is None:
                continue
            key = (rank(kind), -len(template.literal))
            if best is None or key < best[:2]:
                best = (*key, MessageMatch(entry, documented, kind))
        if best is not None:
            found.append((best[0], best[1], index, best[2]))
    found.sort(key=lambda t: t[:3])
    return [t[3] for t in found]


def _best(matches: list[MessageMatch]) -> list[MessageMatch]:
    if not matches:
        return []
    top = rank(matches[0].kind)
    literal = len(compile_template(matches[0].message).literal)
    return [
        m
        for m in matches
        if rank(m.kind) == top and len(compile_template(m.message).literal) == literal
    ]


def _where(entry: Entry) -> str:
    return (
        f"code {entry.code} ({entry.name}, {entry.surface})"
        if entry.name
        else (f"code {entry.code} ({entry.surface})")
    )


def explain(
    catalog: Catalog,
    error: str | ErrorReport,
    surface: str | None = None,
    url: str | None = None,
    shape: BodyShape | None = None,
) -> Explanation:
    """Which entries of ``catalog`` explain ``error``; see the module docs for the rules.

    ``url`` is the documentation page to cite (default: the catalog's URL); ``shape`` where the
    source's bodies carry the code and message (its ``body`` key). Entries without a category
    (a catalog built by ``errcat.extract(..., meaning=False)``) are categorized on the fly.
    """
    report = error if isinstance(error, ErrorReport) else parse_error(error, catalog, shape)
    notes: list[str] = []
    by_code = _lookup(catalog, report.code, surface) if report.code else []
    by_message = match_message(catalog, report.message, surface) if report.message else []
    entries: list[Entry] = []
    matched_by = "none"
    message_match: MessageMatch | None = None
    if by_code:
        entries, matched_by = by_code, "code"
        if report.message:
            own = [m for m in by_message if m.entry in by_code]
            if own:
                best = _best(own)
                entries = [m.entry for m in best]
                message_match, matched_by = best[0], "code+message"
            elif by_message and by_message[0].kind in STRONG:
                message_match = by_message[0]
                notes.append(
                    f"code {report.code} and message disagree: the message is documented for "
                    f"{_where(message_match.entry)}"
                )
            else:
                notes.append(f"the message is not documented for code {report.code}")
    elif by_message:
        best = _best(by_message)
        entries, matched_by, message_match = [m.entry for m in best], "message", best[0]
        if report.code:
            notes.append(f"code {report.code} is not documented; identified by its message")
    elif report.code:
        where = f" on {surface}" if surface else ""
        notes.append(
            f"code {report.code} is not documented by {catalog.source or 'this catalog'}{where}"
        )
    elif report.message:
        notes.append("the message matches no documented message")
    elif report.reason:
        notes.append(report.reason)
    entries = [e if (e.category or e.success) else categorize_entry(e) for e in entries]
    surfaces = {e.surface for e in entries}
    meanings = {(e.messages, e.category, e.success) for e in entries}
    ambiguous = len(surfaces) > 1 and len(meanings) > 1 and surface is None
    if ambiguous:
        notes.append(
            f"ambiguous: code {entries[0].code} is documented for {' and '.join(sorted(surfaces))}"
            " with different meanings and nothing picks one; pass --surface to choose"
        )
    if entries and all(e.success for e in entries):
        notes.append(
            f"code {entries[0].code} is success, not an error (the document lists it with the "
            "error codes)"
        )
    return Explanation(
        source=catalog.source,
        exchange=catalog.exchange,
        url=url or catalog.url,
        error=report,
        entries=tuple(entries),
        matched_by=matched_by,
        message_match=message_match,
        notes=tuple(notes),
        ambiguous=ambiguous,
    )
