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
('152001', 'code+message', 'BadRequest')
>>> print(explain(cat, '{"code":"152002","msg":"Parameter instId cannot be empty."}').notes[0])
code 152002 and message disagree: the message is documented for code 152001 (rest)

The code decides when both are documented: exchanges send codes on purpose, while their message
texts drift. A message picks the surface when a code means different things on REST and
WebSocket. A documented name counts as the code's own text (``matched_by`` ``code+name``:
Crypto.com sends ``{"code":306,"message":"INSUFFICIENT_AVAILABLE_BALANCE"}``), and alone it
finds its entry (``name``: ``BAD_SYMBOL``, as a log has it).

A catalog's documented messages are compiled once (on its first explain) and indexed by one
word each, the rarest of the words any fitting message must contain (:attr:`Template.words`):
a live message is tried only against the templates of its own words, a few out of thousands.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import import_module

from errcat.bodies import BodyShape, read_body
from errcat.errors import ErrcatError
from errcat.model import Catalog, Entry
from errcat.record import Record
from errcat.taxonomy import FAMILY_MARK, taxonomy

# typing costs a few milliseconds to import, and the runtime needs it only for annotations.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import weakref
    from collections.abc import Iterable
    from typing import Any

    from errcat.templates import Live, Template


@cache
def _templates() -> Any:
    """errcat.templates, imported when a message is first matched: explaining a code needs
    none of it (and an import statement in a function costs more than this call)."""
    return import_module("errcat.templates")


class ErrorBodyError(ErrcatError):
    """The ERROR argument looks like JSON but does not parse."""


_CODE_LIKE = re.compile(r"^[+-]?\d+$")


class ErrorReport(Record):
    """What was read out of the ERROR argument; ``reason`` says why a JSON body gave neither a
    code nor a message (see :mod:`errcat.bodies`)."""

    raw: str
    code: str | None
    message: str | None
    reason: str | None

    def __init__(
        self,
        raw: str,
        code: str | None = None,
        message: str | None = None,
        reason: str | None = None,
    ) -> None:
        self.__dict__.update(raw=raw, code=code, message=message, reason=reason)


class MessageMatch(Record):
    """A documented message that a live message fits, and how (see :data:`templates.KINDS`)."""

    entry: Entry
    message: str
    kind: str

    def __init__(self, entry: Entry, message: str, kind: str) -> None:
        self.__dict__.update(entry=entry, message=message, kind=kind)


class Explanation(Record):
    """The entries that explain one error, with notes on anything doubtful."""

    source: str | None
    exchange: str | None
    url: str | None
    error: ErrorReport
    entries: tuple[Entry, ...]
    matched_by: str
    message_match: MessageMatch | None
    notes: tuple[str, ...]
    ambiguous: bool

    def __init__(
        self,
        source: str | None,
        exchange: str | None,
        url: str | None,
        error: ErrorReport,
        entries: tuple[Entry, ...] = (),
        matched_by: str = "none",
        message_match: MessageMatch | None = None,
        notes: tuple[str, ...] = (),
        ambiguous: bool = False,
    ) -> None:
        self.__dict__.update(
            source=source,
            exchange=exchange,
            url=url,
            error=error,
            entries=entries,
            matched_by=matched_by,
            message_match=message_match,
            notes=notes,
            ambiguous=ambiguous,
        )

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
    text: str | int | dict[str, Any] | list[Any],
    catalog: Catalog | None = None,
    shape: BodyShape | None = None,
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

    A code as an integer and a body already parsed (``response.json()``) are read the same way:

    >>> parse_error(-1121).code, parse_error({"code": -1121, "msg": "Invalid symbol."}).message
    ('-1121', 'Invalid symbol.')
    """
    known = (lambda code: bool(_lookup(catalog, code, None))) if catalog else None
    if isinstance(text, int) and not isinstance(text, bool):
        return ErrorReport(str(text), code=str(text))
    if isinstance(text, dict | list):
        body = read_body(text, shape, known)
        return ErrorReport(_raw(text), body.code, body.message, body.reason)
    if not isinstance(text, str):
        raise TypeError(
            "ERROR is a code, a message or a JSON error body (str, int, dict or list), not "
            f"{type(text).__name__}"
        )
    raw = text
    text = text.strip()
    if not text:
        raise ErrorBodyError("ERROR is empty: give a code, a message or a JSON error body")
    if text[0] in "{[":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            # a documented message may itself start so ("{} must be a combination of numbers,
            # letters, or underscores…", "[param] is invalid"): then it is that message; a
            # broken body that only contains a message ('{"code":-2010,"msg":"Invalid symbol."')
            # stays an error, its code is not to be dropped
            if catalog is not None and _is_documented_json_like(catalog, text):
                return ErrorReport(raw, message=text)
            raise ErrorBodyError(
                f"ERROR looks like JSON but does not parse (line {err.lineno} column "
                f"{err.colno}: {err.msg})"
            ) from None
        except ValueError as err:  # e.g. an integer over Python's digit limit
            raise ErrorBodyError(f"ERROR is JSON Python cannot read: {err}") from None
        except RecursionError:
            raise ErrorBodyError("ERROR is JSON nested too deeply to read") from None
        body = read_body(data, shape, known)
        return ErrorReport(raw, body.code, body.message, body.reason)
    if catalog is not None and catalog.lookup(text):
        return ErrorReport(raw, code=text)
    if _CODE_LIKE.match(text):
        return ErrorReport(raw, code=text)
    return ErrorReport(raw, message=text)


def _is_documented_json_like(catalog: Catalog, text: str) -> bool:
    """``text`` fits, exactly or as a template, a documented message that starts with ``{`` or
    ``[`` itself."""
    return any(
        m.kind in ("exact", "template") and m.message.lstrip()[:1] in ("{", "[")
        for m in match_message(catalog, text)
    )


def _raw(body: dict[str, Any] | list[Any]) -> str:
    """A parsed body as the JSON text it came as (what ``Explanation.error.raw`` shows)."""
    try:
        return json.dumps(body, ensure_ascii=False, default=str)
    except (ValueError, RecursionError):  # a circular or too deep structure
        return repr(body)[:1000]


class _Index:
    """A catalog's documented messages compiled, and indexed by word; its numeric codes by
    value. Built once per catalog object (see :func:`_index`)."""

    def __init__(self, catalog: Catalog) -> None:
        # (entry index, entry, documented message, template), in document order
        compile_template = _templates().compile_template
        self.templates: list[tuple[int, Entry, str, Template]] = [
            (i, e, m, compile_template(m))
            for i, e in enumerate(catalog.entries)
            for m in e.messages
        ]
        seen = Counter(w for *_, t in self.templates for w in t.words)
        self.by_word: dict[str, list[int]] = {}
        self.by_text: dict[str, list[int]] = {}  # placeholder-only messages fit only themselves
        self.always: list[int] = []  # text, but no word a fitting message must contain
        for n, (*_, t) in enumerate(self.templates):
            if t.words:
                word = min(t.words, key=lambda w: (seen[w], -len(w), w))
                self.by_word.setdefault(word, []).append(n)
            elif t.literal:
                self.always.append(n)
            else:
                self.by_text.setdefault(t.normalized, []).append(n)
        self.by_number: dict[int, list[Entry]] = {}
        for e in catalog.entries:
            number = _number(e.code)
            if number is not None:
                self.by_number.setdefault(number, []).append(e)

    def candidates(self, live: Live) -> list[int]:
        found = set(self.always)
        found.update(self.by_text.get(live.text, ()))
        for word in live.words():
            found.update(self.by_word.get(word, ()))
        return sorted(found)


# One index per live catalog object, dropped with it (a Catalog compares by value, so a
# WeakKeyDictionary would hash every entry on each call).
_INDEXES: dict[int, tuple[weakref.ref[Catalog], _Index]] = {}


def _index(catalog: Catalog) -> _Index:
    held = _INDEXES.get(id(catalog))
    if held is not None and held[0]() is catalog:
        return held[1]
    import weakref  # only here: explaining by code needs no index

    index = _Index(catalog)
    key = id(catalog)
    _INDEXES[key] = (weakref.ref(catalog, lambda _: _INDEXES.pop(key, None)), index)
    return index


def _lookup(catalog: Catalog, code: str, surface: str | None) -> list[Entry]:
    found = catalog.lookup(code, surface)
    number = None if found else _number(code)
    if number is None:
        return found
    # 152001 and "0152001", -1121 and "-01121": the same number.
    return [e for e in _index(catalog).by_number.get(number, ()) if surface in (None, e.surface)]


# Far beyond any real code; int() refuses more than 4300 digits (a ValueError in the caller's
# error handler, from a page's code or a live one).
_MAX_DIGITS = 100


def _number(code: str) -> int | None:
    """A numeric code's value (``"-01121"`` → -1121); ``None`` for others and absurdly long ones."""
    if len(code) > _MAX_DIGITS or not _CODE_LIKE.match(code):
        return None
    return int(code)


def match_message(catalog: Catalog, message: str, surface: str | None = None) -> list[MessageMatch]:
    """Every entry with a documented message that ``message`` fits, best fit first.

    Ties keep document order; a longer fixed text wins among equally good fits.
    """
    index = _index(catalog)
    live = _templates().Live(message)
    if not live.text:
        return []
    return _fits((index.templates[n] for n in index.candidates(live)), live, surface)


def _fits(
    tried: Iterable[tuple[int, Entry, str, Template]], live: Live, surface: str | None
) -> list[MessageMatch]:
    """The best fit of each entry among ``tried`` (entry index, entry, message, template), best
    entry first."""
    rank = _templates().rank
    words = live.words()
    best: dict[int, tuple[int, int, int, MessageMatch]] = {}
    for i, entry, documented, template in tried:
        if surface is not None and entry.surface != surface:
            continue
        if not template.words <= words:
            continue  # a fitting message has every one of them: no need to try
        kind = template.match(live)
        if kind is None:
            continue
        key = (rank(kind), -len(template.literal), i)
        if i not in best or key < best[i][:3]:
            best[i] = (*key, MessageMatch(entry, documented, kind))
    return [t[3] for t in sorted(best.values(), key=lambda t: t[:3])]


def _match_own(entries: list[Entry], message: str, surface: str | None) -> list[MessageMatch]:
    """:func:`match_message` over ``entries`` only (a code's few entries, in document order)."""
    templates = _templates()
    live = templates.Live(message)
    if not live.text:
        return []
    compile_template = templates.compile_template
    tried = ((i, e, m, compile_template(m)) for i, e in enumerate(entries) for m in e.messages)
    return _fits(tried, live, surface)


def _best(matches: list[MessageMatch]) -> list[MessageMatch]:
    if not matches:
        return []
    rank, compile_template = _templates().rank, _templates().compile_template
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
    error: str | int | dict[str, Any] | list[Any] | ErrorReport,
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
    text = (report.message or "").strip()
    if not report.code and text and _lookup(catalog, text, surface):
        # a string code sent where a message goes ({"error": "insufficient_funds"}, OAuth's
        # shape) is the code
        report = ErrorReport(report.raw, code=text, reason=report.reason)
    notes: list[str] = []
    entries, matched_by, message_match, fits = _match(catalog, report, surface, notes)
    entries = _meanings(entries, fits, notes)
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


def _match(
    catalog: Catalog, report: ErrorReport, surface: str | None, notes: list[str]
) -> tuple[list[Entry], str, MessageMatch | None, list[MessageMatch]]:
    """The entries that explain ``report``, how they were found, the documented message that
    matched, and each entry's own fit when the message picked the entries; what went unmatched
    goes to ``notes``."""
    by_code = _lookup(catalog, report.code, surface) if report.code else []
    # The code's own entries first: when the message fits one of them, the rest of the catalog
    # cannot change the answer (the code decides), so it is not searched.
    own = _match_own(by_code, report.message, surface) if by_code and report.message else []
    by_message = (
        match_message(catalog, report.message, surface) if report.message and not own else []
    )
    if by_code:
        if not report.message:
            return by_code, "code", None, []
        if own:
            best = _best(own)
            return [m.entry for m in best], "code+message", best[0], best
        if named := _named(by_code, report.message):
            # Crypto.com's bodies carry the name as the message: {"code":306,"message":
            # "INSUFFICIENT_AVAILABLE_BALANCE"}
            return named, "code+name", None, []
        if by_message and by_message[0].kind in _templates().STRONG:
            notes.append(
                f"code {_shown(report.code)} and message disagree: the message is documented for "
                f"{_where(by_message[0].entry)}"
            )
            return by_code, "code", by_message[0], []
        notes.append(f"the message is not documented for code {_shown(report.code)}")
        return by_code, "code", None, []
    if by_message:
        best = _best(by_message)
        if report.code:
            notes.append(f"code {_shown(report.code)} is not documented; identified by its message")
        return [m.entry for m in best], "message", best[0], best
    if not report.code and (named := _named(_on(catalog, surface), report.message)):
        return named, "name", None, []  # "BAD_SYMBOL", as a log has it
    if report.code:
        where = f" on {surface}" if surface else ""
        notes.append(
            f"code {_shown(report.code)} is not documented by "
            f"{catalog.source or 'this catalog'}{where}"
        )
    elif report.message:
        notes.append("the message matches no documented message")
    elif report.reason:
        notes.append(report.reason)
    return [], "none", None, []


def _shown(code: str | None, limit: int = 40) -> str:
    """A live code as a note names it: a code past any real one's length is cut (a body may
    carry a 100,000-digit number).

    >>> _shown("-1121"), _shown("9" * 100)
    ('-1121', '99999999999999999999… (100 characters)')
    """
    code = code or ""
    return code if len(code) <= limit else f"{code[: limit // 2]}… ({len(code)} characters)"


def _named(entries: list[Entry] | tuple[Entry, ...], text: str | None) -> list[Entry]:
    """The entries whose documented name ``text`` is (``-1121 BAD_SYMBOL``: ``BAD_SYMBOL``)."""
    text = (text or "").strip()
    return [e for e in entries if e.name and e.name == text] if text else []


def _on(catalog: Catalog, surface: str | None) -> list[Entry]:
    return [e for e in catalog.entries if surface in (None, e.surface)]


def _meanings(entries: list[Entry], fits: list[MessageMatch], notes: list[str]) -> list[Entry]:
    """``entries`` with their meaning: categorized on the fly when built without one, and a
    family's (:data:`errcat.taxonomy.FAMILY_MARK`) as its own matched message's (``fits``, one
    per entry when the message picked them)."""
    if not all(e.category or e.success for e in entries):
        from errcat.categorize import categorize_entry  # only for a catalog built on the fly

        entries = [e if (e.category or e.success) else categorize_entry(e) for e in entries]
    if fits and any(FAMILY_MARK in (e.category_reason or "") for e in entries):
        from errcat.categorize import message_meaning  # the rules, only for such a code

        read = [message_meaning(e, fit.message) for e, fit in zip(entries, fits, strict=True)]
        changed = [b for e, b in zip(read, entries, strict=True) if e is not b]
        if changed:
            codes = list(dict.fromkeys(f"{b.code} ({len(b.messages)} messages)" for b in changed))
            what = "code {} is a family" if len(codes) == 1 else "codes {} are families"
            notes.append(
                f"{what.format(', '.join(codes))} of errors, messages of several meanings: shown "
                "is the matched message, with its own category"
            )
        entries = read
    return entries
