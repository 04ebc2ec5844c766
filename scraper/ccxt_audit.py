"""A catalog against ccxt's hand-kept exception map of the same exchange: what each lacks.

Three lists: codes the documentation has and the map lacks (with errcat's category), map keys
the documentation does not list (dead or undocumented codes), and codes where the map's class
and the documented wording disagree (neither class is the other's ancestor). Plus a snippet in
the shape of ccxt's ``exceptions`` map with the missing codes, to paste.

The comparison is pure (a map is ``{code: class name}``, the class tree ``{name: parent}``):

>>> from errcat.model import Catalog, Entry
>>> cat = Catalog(source="demo", entries=(
...     Entry("1", messages=("Invalid symbol",), category="BadSymbol", retryable=False,
...           category_reason="message:'invalid symbol'"),
...     Entry("2", messages=("Order does not exist",), category="OrderNotFound",
...           retryable=False, category_reason="message:'order does not exist'"),
...     Entry("0", messages=("Success",), success=True),
... ))
>>> a = audit(cat, {"2": "AuthenticationError", "9": "BadRequest"}, exchange="demo")
>>> [e.code for e in a.missing], a.undocumented, [c.code for c in a.conflicts]
(['1'], (('9', 'BadRequest'),), ['2'])

:func:`load_ccxt` reads the map from ccxt itself (an optional dependency: ``pip install
'errcat[ccxt]'``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from errcat.categorize import FALLBACK, taxonomy
from errcat.errors import ErrcatError
from errcat.model import Catalog, Entry


class CcxtError(ErrcatError):
    """ccxt is missing, or does not know the exchange or market."""


@dataclass(frozen=True)
class CcxtMap:
    """One exchange's ``exact`` map (code → class name) and ccxt's class tree."""

    exchange: str
    market: str | None
    exact: dict[str, str]
    parents: dict[str, str | None]
    version: str = ""


@dataclass(frozen=True)
class Conflict:
    """A code whose ccxt class and documented wording disagree."""

    code: str
    errcat: str
    ccxt: str
    reason: str
    messages: tuple[str, ...]
    wording: str = ""  # what a maintainer reads to judge it: see wording()


@dataclass(frozen=True)
class Audit:
    source: str | None
    exchange: str
    market: str | None
    documented: int
    mapped: int
    agree: int
    missing: tuple[Entry, ...]
    undocumented: tuple[tuple[str, str], ...]
    conflicts: tuple[Conflict, ...]
    success_in_map: tuple[tuple[str, str], ...]


def _parents_from_taxonomy() -> dict[str, str | None]:
    return {c.name: c.parent for c in taxonomy().classes}


def _lineage(name: str, parents: Mapping[str, str | None]) -> list[str]:
    out = [name]
    seen = {name}
    while (parent := parents.get(out[-1])) is not None and parent not in seen:
        out.append(parent)
        seen.add(parent)
    return out


def related(a: str, b: str, parents: Mapping[str, str | None] | None = None) -> bool:
    """Same class, or one an ancestor of the other.

    >>> related("OrderNotFound", "InvalidOrder"), related("BadSymbol", "InvalidOrder")
    (True, False)
    """
    parents = parents if parents is not None else _parents_from_taxonomy()
    return a in _lineage(b, parents) or b in _lineage(a, parents)


def _number(code: str) -> str:
    code = code.strip()
    return str(int(code)) if re.fullmatch(r"[+-]?\d+", code) else code


def audit(
    catalog: Catalog,
    exact: Mapping[str, str],
    *,
    exchange: str,
    market: str | None = None,
    parents: Mapping[str, str | None] | None = None,
) -> Audit:
    """Compare ``catalog`` (categorized) with one ccxt ``exact`` map; see the module docs.

    Where a code has several entries, the REST one speaks for it (as in the ccxt export).
    """
    parents = dict(parents) if parents is not None else _parents_from_taxonomy()
    by_code: dict[str, Entry] = {}
    for entry in sorted(catalog.entries, key=lambda e: e.surface != "rest"):
        by_code.setdefault(_number(entry.code), entry)
    mapped = {_number(k): v for k, v in exact.items()}
    missing = [e for c, e in by_code.items() if c not in mapped and not e.success and e.category]
    # keys with spaces are whole messages ccxt matches exactly, not codes
    undocumented = tuple(
        (c, v) for c, v in mapped.items() if c not in by_code and not re.search(r"\s", c)
    )
    conflicts: list[Conflict] = []
    success_in_map: list[tuple[str, str]] = []
    agree = 0
    for code, entry in by_code.items():
        if code not in mapped:
            continue
        if entry.success:
            success_in_map.append((entry.code, mapped[code]))
            continue
        category = entry.category or FALLBACK
        if FALLBACK in (category, mapped[code]) or related(category, mapped[code], parents):
            agree += 1
            continue
        conflicts.append(
            Conflict(
                entry.code,
                category,
                mapped[code],
                entry.category_reason or "",
                entry.messages,
                wording(entry),
            )
        )
    order = {e.code: i for i, e in enumerate(catalog.entries)}
    missing.sort(key=lambda e: order[e.code])
    conflicts.sort(key=lambda c: order[c.code])
    return Audit(
        source=catalog.source,
        exchange=exchange,
        market=market,
        documented=len(by_code),
        mapped=len(mapped),
        agree=agree,
        missing=tuple(missing),
        undocumented=undocumented,
        conflicts=tuple(conflicts),
        success_in_map=tuple(success_in_map),
    )


def load_ccxt(exchange: str, market: str | None = None) -> CcxtMap:
    """ccxt's ``exact`` map for ``exchange`` (and ``market``, where ccxt keeps one per market).

    Raises :class:`CcxtError` in one line when ccxt is missing or does not know them.
    """
    try:
        import ccxt  # optional: errcat[ccxt]
    except ImportError:
        raise CcxtError(
            "ccxt is not installed: pip install 'errcat[ccxt]' (or pip install ccxt)"
        ) from None
    if exchange not in getattr(ccxt, "exchanges", []):
        raise CcxtError(f"ccxt {ccxt.__version__} has no exchange {exchange!r}")
    exceptions: dict[str, Any] = getattr(ccxt, exchange)().describe().get("exceptions") or {}
    markets = sorted(k for k, v in exceptions.items() if isinstance(v, dict) and "exact" in v)
    if market is not None and market not in markets:
        known = ", ".join(markets) or "none: one map for the whole exchange"
        raise CcxtError(f"ccxt's {exchange} has no market {market!r} (markets: {known})")
    maps = [exceptions.get("exact")]
    if market is not None:
        maps.insert(0, exceptions[market].get("exact"))
    if not any(maps):  # Deribit: the codes are the map itself
        maps = [{k: v for k, v in exceptions.items() if not isinstance(v, dict)}]
    exact: dict[str, str] = {}
    for m in maps:
        for code, cls in (m or {}).items():
            if isinstance(cls, list | tuple):  # [class, message]
                cls = cls[0] if cls else None
            name = cls if isinstance(cls, str) else getattr(cls, "__name__", None)
            if name:
                exact.setdefault(str(code).strip(), name)
    parents: dict[str, str | None] = {}
    for name in dir(ccxt):
        cls = getattr(ccxt, name)
        if isinstance(cls, type) and issubclass(cls, ccxt.BaseError):
            base = cls.__mro__[1]
            parents[name] = base.__name__ if issubclass(base, ccxt.BaseError) else None
    return CcxtMap(exchange, market, exact, parents, ccxt.__version__)


def wording(entry: Entry) -> str:
    """The documented words that say what a code means: its first message, unless that only
    repeats the name (Phemex's message column holds ``CE_NO_ENOUGH_QTY``, its details column
    "qty is not enough"), then the first line of the description.

    >>> wording(Entry("100", name="CE_NO_ENOUGH_QTY", messages=("CE_NO_ENOUGH_QTY",),
    ...               description="Details: qty is not enough"))
    'Details: qty is not enough'
    >>> wording(Entry("1", messages=("Invalid symbol",), description="See the symbol list."))
    'Invalid symbol'
    """
    for message in entry.messages:
        if message.strip() and message.strip() != (entry.name or "").strip():
            return message
    for line in (entry.description or "").splitlines():
        if line.strip():
            return line
    return entry.messages[0] if entry.messages else (entry.name or "")


_COMMENT_BAD = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|\*/|\\")


def _comment(text: str, limit: int = 90) -> str:
    text = _COMMENT_BAD.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key(code: str) -> str:
    return "'" + code.replace("\\", "\\\\").replace("'", "\\'") + "'"


def snippet(result: Audit) -> str:
    """The missing codes as a ccxt ``exceptions`` map (TypeScript, as in ccxt's sources).

    Plain ``ExchangeError`` entries are left out (ccxt's default says as much); each line
    carries the documented message as a comment.
    """
    head = f"{result.exchange}: codes documented by errcat source {result.source}, not in the map"
    lines = [f"// {_comment(head, 200)}", "'exceptions': {"]
    indent = "    "
    if result.market:
        lines.append(f"{indent}'{result.market}': {{")
        indent += "    "
    lines.append(f"{indent}'exact': {{")
    for e in result.missing:
        if e.category in (None, FALLBACK):
            continue
        message = _comment(wording(e))
        lines.append(f"{indent}    {_key(e.code)}: {e.category}, // {message}".rstrip(" /"))
    lines.append(f"{indent}}},")
    if result.market:
        lines.append("    },")
    lines.append("},")
    return "\n".join(lines) + "\n"
