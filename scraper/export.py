"""Catalogs in the forms their users already consume: a ccxt-style map, CSV, JSON lines, Python.

>>> from errcat.model import Catalog, Entry
>>> cat = Catalog(source="demo", entries=(
...     Entry("-2013", name="NO_SUCH_ORDER", messages=("Order does not exist.",)),
...     Entry("-1121", name="BAD_SYMBOL", messages=("Invalid symbol.",)),
... ))
>>> m = ccxt_map(cat)
>>> m["exact"]
{'-2013': 'OrderNotFound', '-1121': 'BadSymbol'}
>>> m["broad"]
{'Order does not exist': 'OrderNotFound'}

"Invalid symbol." stays out of ``broad``: two words are too few to be safe as a substring match
(it would also catch "Invalid symbol status"). The rules for ``broad`` keys are in
:func:`broad_messages` and in the README.
"""

from __future__ import annotations

import csv
import io
import json
import keyword
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from errcat.categorize import FALLBACK, categorize_catalog, message_meaning
from errcat.model import Catalog, Entry
from errcat.templates import PLACEHOLDER, normalize_message

MIN_BROAD_WORDS = 3
MIN_BROAD_CHARS = 12
# Placeholders and example numbers both vary in live messages: neither can be part of a key.
# Brackets usually hold such details too ("(Minimum: 310.40)"), so a key stops at them.
_VARIABLE = re.compile(rf"(?:{PLACEHOLDER.pattern})|\d+(?:[.,:]\d+)*|[()\[\]]")
_EDGE = " \t.,;:!?'\"()[]{}<>-—–=|"


def _categorized(catalog: Catalog) -> Catalog:
    if all(e.category or e.success for e in catalog.entries):
        return catalog
    return categorize_catalog(catalog)


def exact_codes(catalog: Catalog) -> dict[str, str]:
    """Code → category; where a code has several entries, the first REST entry decides.

    A success code is left out: a handler raising for every code in the map would raise on
    every successful response.
    """
    catalog = _categorized(catalog)
    out: dict[str, str] = {}
    for entry in sorted(catalog.entries, key=lambda e: e.surface != "rest"):
        out.setdefault(entry.code, "" if entry.success else (entry.category or FALLBACK))
    out = {code: category for code, category in out.items() if category}
    order = {e.code: i for i, e in reversed(list(enumerate(catalog.entries)))}
    return dict(sorted(out.items(), key=lambda kv: order[kv[0]]))


def broad_key(message: str) -> str | None:
    """The part of a documented message safe to look for inside a live message, or ``None``.

    The longest stretch without placeholders, numbers or brackets, trimmed of punctuation, with
    at least :data:`MIN_BROAD_WORDS` words and :data:`MIN_BROAD_CHARS` characters.

    >>> broad_key("Too many requests; current limit is %s requests per minute.")
    'Too many requests; current limit is'
    >>> broad_key("Parameter {} error.") is None
    True
    """
    pieces = [p.strip(_EDGE) for p in _VARIABLE.split(message)]
    pieces = [p for p in pieces if p]
    if not pieces:
        return None
    best = max(pieces, key=len)
    if len(best) < MIN_BROAD_CHARS or len(best.split()) < MIN_BROAD_WORDS:
        return None
    return best


def broad_messages(catalog: Catalog) -> dict[str, str]:
    """Message fragment → category, only where a substring match is safe.

    A documented message gives a key (:func:`broad_key`) unless its entry is a plain
    ``ExchangeError`` (nothing to gain), or the key is not unique in the source: the same text,
    or a text containing it, is documented for an entry of another category.
    """
    catalog = _categorized(catalog)
    # a family's messages each have their own meaning (errcat.categorize.FAMILY_MARK)
    meanings = [(message_meaning(e, m), m) for e in catalog.entries for m in e.messages]
    documented = [(normalize_message(m), e.category) for e, m in meanings]
    out: dict[str, str] = {}
    dropped: set[str] = set()
    for entry, message in meanings:
        if entry.category in (None, FALLBACK) or entry.success:
            continue
        key = broad_key(message)
        if key is None or key in dropped:
            continue
        needle = normalize_message(key)
        clash = any(needle in text and cat != entry.category for text, cat in documented)
        if clash or out.get(key, entry.category) != entry.category:
            out.pop(key, None)
            dropped.add(key)
            continue
        out.setdefault(key, entry.category or FALLBACK)
    return out


def ccxt_map(catalog: Catalog) -> dict[str, dict[str, str]]:
    """``{"exact": {code: Class}, "broad": {message: Class}}`` for one source."""
    return {"exact": exact_codes(catalog), "broad": broad_messages(catalog)}


def to_ccxt(catalogs: Sequence[Catalog]) -> str:
    """JSON: ``{source_id: {"exact": …, "broad": …}}``, sources in the order given."""
    data = {(c.source or "catalog"): ccxt_map(c) for c in catalogs}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "source",
    "code",
    "surface",
    "group",
    "name",
    "http_status",
    "category",
    "retryable",
    "category_reason",
    "deprecated",
    "messages",
    "description",
)


def _rows(catalogs: Iterable[Catalog]) -> Iterable[tuple[Catalog, Entry]]:
    for catalog in catalogs:
        catalog = _categorized(catalog)
        for entry in catalog.entries:
            yield catalog, entry


def to_csv(catalogs: Sequence[Catalog]) -> str:
    """One row per entry; messages joined with ``" | "``; empty cells for unset values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for catalog, e in _rows(catalogs):
        writer.writerow(
            [
                catalog.source or "",
                e.code,
                e.surface,
                e.group or "",
                e.name or "",
                "" if e.http_status is None else e.http_status,
                e.category or "",
                "true" if e.retryable else "false",
                e.category_reason or "",
                "true" if e.deprecated else "false",
                " | ".join(e.messages),
                e.description or "",
            ]
        )
    return buffer.getvalue()


def to_jsonl(catalogs: Sequence[Catalog]) -> str:
    """One JSON object per line: ``source``, ``exchange``, then the entry's catalog fields."""
    lines = []
    for catalog, e in _rows(catalogs):
        record: dict[str, Any] = {"source": catalog.source, "exchange": catalog.exchange}
        record.update(e.to_dict())
        lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


def constant_name(source: str, entry: Entry) -> str:
    """A Python identifier for an entry: source, code (``NEG_`` for a minus), name, surface.

    >>> constant_name("aster-spot", Entry("-1121", name="BAD_SYMBOL"))
    'ASTER_SPOT_NEG_1121_BAD_SYMBOL'
    >>> constant_name("okex-v1-spot", Entry("10000", surface="websocket"))
    'OKEX_V1_SPOT_10000_WS'
    """
    code = entry.code.strip()
    code = ("NEG_" + code[1:]) if code.startswith("-") else code
    parts = [source, code]
    if entry.name:
        parts.append(entry.name)
    if entry.surface == "websocket":
        parts.append("WS")
    text = "_".join(re.sub(r"[^0-9A-Za-z]+", "_", p).strip("_") for p in parts if p)
    text = re.sub(r"_+", "_", text).upper() or "ENTRY"
    if text[0].isdigit() or keyword.iskeyword(text):
        text = "E_" + text
    return text


_MODULE_HEAD = '''"""Exchange API error codes: generated by errcat from {sources}. Do not edit.

Each constant is an :class:`ErrorCode`; ``ALL`` lists them in catalog order and
:func:`lookup` finds them by source and code. ``category`` is a ccxt exception class name.
"""

from __future__ import annotations

from typing import NamedTuple


class ErrorCode(NamedTuple):
    source: str
    code: str
    surface: str
    group: str | None
    name: str | None
    http_status: int | None
    category: str | None  # None: a success code the page lists with its errors
    retryable: bool
    messages: tuple[str, ...]

'''

_MODULE_TAIL = '''
# (source, code) -> its constants, in catalog order: lookup() is one dictionary access.
_BY_CODE: dict[tuple[str, str], tuple[ErrorCode, ...]] = {}
for _e in ALL:
    _BY_CODE[_e.source, _e.code] = (*_BY_CODE.get((_e.source, _e.code), ()), _e)
del _e


def lookup(source: str, code: str | int, surface: str | None = None) -> list[ErrorCode]:
    """Every constant of ``source`` documenting ``code`` (optionally on one surface)."""
    found = _BY_CODE.get((source, str(code).strip()), ())
    return [e for e in found if surface in (None, e.surface)]
'''


def to_python(catalogs: Sequence[Catalog]) -> str:
    """A self-contained Python module of constants (no import of errcat needed)."""
    sources = ", ".join(c.source or "catalog" for c in catalogs) or "no catalogs"
    lines = [_MODULE_HEAD.format(sources=sources)]
    names: list[str] = []
    seen: set[str] = set()
    for catalog, e in _rows(catalogs):
        name = base = constant_name(catalog.source or "catalog", e)
        n = 2
        while name in seen:
            name, n = f"{base}_{n}", n + 1
        seen.add(name)
        names.append(name)
        fields = [
            repr(catalog.source or "catalog"),
            repr(e.code),
            repr(e.surface),
            repr(e.group),
            repr(e.name),
            repr(e.http_status),
            repr(None if e.success else (e.category or FALLBACK)),
            repr(bool(e.retryable)),
            repr(tuple(e.messages)),
        ]
        lines.append(f"{name} = ErrorCode({', '.join(fields)})")
    lines.append("")
    lines.append("ALL: tuple[ErrorCode, ...] = (")
    lines.extend(f"    {n}," for n in names)
    lines.append(")")
    return "\n".join(lines) + "\n" + _MODULE_TAIL


FORMATS: dict[str, Callable[[Sequence[Catalog]], str]] = {
    "ccxt": to_ccxt,
    "csv": to_csv,
    "jsonl": to_jsonl,
    "python": to_python,
}


def export(catalogs: Sequence[Catalog], format: str) -> str:
    """The text of ``catalogs`` in one of :data:`FORMATS`."""
    try:
        render = FORMATS[format]
    except KeyError:
        raise ValueError(
            f"unknown export format {format!r} (known: {', '.join(FORMATS)})"
        ) from None
    return render(catalogs)
