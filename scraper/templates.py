"""Documented messages as matchers: placeholders become wildcards, so live messages find them.

Exchanges document messages with placeholders (``{}``, ``{0}``, ``%s``, ``%d``, ``%b``,
`` `%s` ``, ``X%``, ``xxxx``) and example numbers; the messages they send fill those in:

>>> t = compile_template("Too many requests; current limit is %s requests per minute.")
>>> t.match("Too many requests; current limit is 1200 requests per minute.")
'template'
>>> compile_template("Parameter {} cannot be empty.").match("Parameter instId cannot be empty")
'template'
>>> compile_template("Notional must be at least 5.0").match("Notional must be at least 20")
'numbers'

Match kinds, best first (:data:`KINDS`): ``exact`` (same text up to case, spacing, quotes and
final punctuation), ``template`` (placeholders filled in), ``numbers`` (documented example
numbers differ too), ``contains`` (the live message contains the documented one, whose fixed
text has at least :data:`MIN_CONTAINED` characters: the exchange added detail). The first three
are :data:`STRONG`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

KINDS: tuple[str, ...] = ("exact", "template", "numbers", "contains")
STRONG: tuple[str, ...] = KINDS[:3]
MIN_CONTAINED = 12

# Order matters: the back-quoted form before the bare one, X% before a stray %.
PLACEHOLDER = re.compile(
    r"`%[sdbfi]`|%[sdbfi]|\{[A-Za-z0-9_]*\}|(?<![A-Za-z0-9])X%|(?<![A-Za-z0-9])[xX]{3,}(?![A-Za-z0-9])"
)
_WILD = {
    "%d": r"[-+]?\d[\d,]*",
    "%i": r"[-+]?\d[\d,]*",
    "%f": r"[-+]?\d[\d,]*(?:\.\d+)?",
    "%b": r"(?:true|false|\S+)",
    "X%": r"[-+]?\d[\d,.]*\s?%",
}
_ANY = r".+?"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_TRAIL = " \t.;:!'\"。"


def normalize_message(text: str) -> str:
    """Case-folded, quotes straightened, spacing collapsed, final punctuation dropped.

    >>> normalize_message("  The client’s  ID is EMPTY. ")
    "the client's id is empty"
    """
    text = " ".join(text.translate(_QUOTES).split()).casefold()
    return text.strip(_TRAIL)


def placeholders(text: str) -> list[str]:
    """The placeholders of a documented message, in order.

    >>> placeholders("Either parameter {} or {} is required.")
    ['{}', '{}']
    """
    return PLACEHOLDER.findall(text)


def has_placeholders(text: str) -> bool:
    return PLACEHOLDER.search(text) is not None


def literal_fragments(text: str) -> list[str]:
    """The fixed text between placeholders, stripped, empty pieces left out.

    >>> literal_fragments("Illegal characters found in parameter %s; legal range is %s.")
    ['Illegal characters found in parameter', '; legal range is', '.']
    """
    return [p.strip() for p in PLACEHOLDER.split(text) if p.strip()]


def _pattern(text: str, loose_numbers: bool) -> re.Pattern[str]:
    pieces = PLACEHOLDER.split(text.translate(_QUOTES))
    tokens = PLACEHOLDER.findall(text)
    pieces[0] = pieces[0].lstrip()
    pieces[-1] = pieces[-1].rstrip(_TRAIL)
    out = [_literal(pieces[0], loose_numbers)]
    for token, piece in zip(tokens, pieces[1:], strict=True):
        if token.startswith("`"):
            out.append("`?" + _WILD.get(token[1:-1], _ANY) + "`?")
        elif token.upper() == "X%":
            out.append(_WILD["X%"])
        else:
            out.append(_WILD.get(token, _ANY))
        out.append(_literal(piece, loose_numbers))
    return re.compile("".join(out), re.IGNORECASE | re.DOTALL)


def _literal(piece: str, loose_numbers: bool) -> str:
    out: list[str] = []
    pos = 0
    for found in _NUMBER.finditer(piece) if loose_numbers else ():
        out.append(_spaced(piece[pos : found.start()]))
        out.append(r"[-+]?\d[\d,.]*")
        pos = found.end()
    out.append(_spaced(piece[pos:]))
    return "".join(out)


def _spaced(piece: str) -> str:
    return r"\s*".join(re.escape(w) for w in re.split(r"\s+", piece))


@dataclass(frozen=True)
class Template:
    """One documented message compiled for matching (see the module docs)."""

    text: str
    normalized: str
    pattern: re.Pattern[str]
    loose: re.Pattern[str]
    literal: str

    def match(self, message: str) -> str | None:
        """The best :data:`KINDS` entry describing how ``message`` fits, or ``None``."""
        live = normalize_message(message)
        if not live:
            return None
        if live == self.normalized:
            return "exact"
        if self.pattern.fullmatch(live):
            return "template"
        if self.loose.fullmatch(live):
            return "numbers"
        if len(self.literal) >= MIN_CONTAINED and self.loose.search(live):
            return "contains"
        return None


@lru_cache(maxsize=8192)
def compile_template(text: str) -> Template:
    """A documented message as a :class:`Template` (cached: catalogs repeat messages)."""
    normalized = normalize_message(text)
    literal = " ".join(normalize_message(f) for f in literal_fragments(text) if f.strip(_TRAIL))
    return Template(
        text=text,
        normalized=normalized,
        pattern=_pattern(text, loose_numbers=False),
        loose=_pattern(text, loose_numbers=True),
        literal=literal.strip(),
    )


def rank(kind: str | None) -> int:
    """Sort key: lower is better; no match ranks last."""
    return KINDS.index(kind) if kind in KINDS else len(KINDS)
