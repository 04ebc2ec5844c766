"""Telling error-code listings from everything else in a whole API document.

A page that documents a whole API is full of things that look like codes: parameter tables with a
``code`` row, enum lists (``1 - Completed``), HTTP response tables (``200 | OK``), JSON examples,
changelog dates. A listing counts as error codes only on positive evidence, from two places:

* **the cells themselves**: a code column is one whose cells are, almost all, codes
  (``-1121``, ``30001``, ``INVALID_PARAM_VALUE``, ``AUTH_001``) or JSON error bodies
  (``{"code": 2, "msg": …}``);
* **the words around them**: the column header (``Error code``, ``label``, ``rc``) or the section
  title (``Error Codes``, ``BizError Field``), see :data:`ERROR_CONTEXT`.

>>> is_code("-1121"), is_code("AUTH_001"), is_code("Invalid symbol")
(True, True, False)
>>> json_error('{"code": 2, "msg": "Invalid request: too many parameters"}')
('2', 'Invalid request: too many parameters')
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from errcat.extract.read.words import mentions

# Section titles (and lead-in lines) that announce error codes.
ERROR_CONTEXT = re.compile(
    r"err(?:or)?s?\b|errno|\bcodes?\b|return\s*code|reject|\brc\b|\bmc\b|错误|错误码", re.I
)
# Every match of ERROR_CONTEXT holds one of these, lower-cased (keep the two in step): a text
# without any of them cannot match. re.I matches these letters only as str.lower() does.
ERROR_HINTS = ("err", "code", "reject", "rc", "mc", "错误")
NUMERIC_CODE = re.compile(r"^[-+]?\d{1,10}$")
# INVALID_PARAM_VALUE, AUTH_001, ORDER_F0101, FORBIDDEN: upper-case words, digits, underscores.
IDENTIFIER = re.compile(r"^[A-Z][A-Z0-9]*(?:[_.][A-Z0-9]+)*$")
# Phemex writes the name as a constant declaration: "TE_ROUTE_ERROR = 11025;", at times with
# the source's line comment after it ("...; // Grpc command cannot be negative number").
ASSIGNMENT = re.compile(r"^([A-Z][A-Z0-9_]*)\s*=\s*[-+]?\d+\s*;?(?:\s*//.*)?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}\b")
_JSON_CODE = re.compile(r'^\{.*"code"\s*:\s*-?\d+')
_PSEUDO = re.compile(r"^HTTP\b.*\b[1-5]\d\d\b", re.I)
_HTTP = re.compile(r"^[1-5]\d\d$")
# Codes that are neither numbers nor UPPER_SNAKE: kebab-case (base-symbol-error), dotted
# (order.price.invalid), letters with digits (B1000-CW, E_1001). Each needs a hyphen, dot or digit
# so that a plain word is never one.
_KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")  # insufficient_funds, invalid_request
_DOTTED = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$", re.I)
# B1000-CW, E401-01, ERR-5001, AUTH-01: capitals and digits, a hyphen between them or not
_ALNUM = re.compile(r"^(?=[A-Za-z0-9-]*\d)[A-Z][A-Za-z]*-?\d+(?:-[A-Z0-9]+)*$")
_HEX = re.compile(r"^0x[0-9a-f]+$", re.I)  # 0x3001
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_FILE_LIKE = re.compile(r"\.(?:com|org|io|net|html?|md|json|js|py|php)$", re.I)


# What parts a key from its text, beside a space ("1001: …", "1001 - …", "90001 · …"), and the
# regex class of one of them
KEY_SEPARATORS = ("-", "–", "—", ":", "：", "·", "|")
SEPARATOR = "[" + re.escape("".join(KEY_SEPARATORS)) + "]"
# "Error code 1001", "Code #1001", "Error 20003 -": a word that labels the number after it,
# apart from it (ERR-5001 is a code); after a bare "Error", a separator, the end of the line or
# a NAME follows the number ("Error 429 is returned when …" is a sentence).
_NUMBER_LABEL = re.compile(
    r"^(?:err(?:or)?\s+code|code)(?:\s*(?:#|no\.)\s*|\s+)(?=\d)"
    rf"|^err(?:or)?(?:\s*(?:#|no\.)\s*|\s+)(?=\d+(?:\s*{SEPARATOR}|\s*$|\s+[A-Z][A-Z0-9]*_))",
    re.I,
)


# A key and its text, in a list item or a heading: "0101: Unknown error", "base-symbol-error –
# text", "90001 · text", "B1000-CW Text" (a space alone may part them).
KEYED_TEXT = re.compile(
    rf"^(?P<key>[^\s:：]+?)(?:[:：]\s*|\s+{SEPARATOR}\s+|\s+)(?P<text>\S.*)$", re.S
)


def without_label(text: str) -> str:
    """A code line without the word that labels its number (``Error code 1001: …`` → ``1001:
    …``); other lines as they are.

    >>> without_label("Error code 1001: Invalid key"), without_label("Error 20003 - Price band")
    ('1001: Invalid key', '20003 - Price band')
    >>> without_label("Errors are returned as JSON"), without_label("ERR-5001: Vault not found")
    ('Errors are returned as JSON', 'ERR-5001: Vault not found')
    >>> without_label("Error 429 is returned when"), without_label("ERR5001 Bad")
    ('Error 429 is returned when', 'ERR5001 Bad')
    >>> without_label("Error code 1001 Invalid key"), without_label("Error 1001 INVALID_KEY")
    ('1001 Invalid key', '1001 INVALID_KEY')
    """
    if text[:1] not in "EeCc":
        return text
    label = _NUMBER_LABEL.match(text)
    return text[label.end() :] if label else text


def is_numeric_code(text: str) -> bool:
    return bool(NUMERIC_CODE.match(text))


def is_identifier(text: str) -> bool:
    """An upper-case symbolic code or name (``TOO_MANY_REQUESTS``), not a plain short word."""
    if ASSIGNMENT.match(text):
        return True
    if not IDENTIFIER.match(text):
        return False
    return "_" in text or any(c.isdigit() for c in text) or len(text) >= 4


def is_code(text: str) -> bool:
    """Whether a cell reads as an error code by itself (number, identifier, ``HTTP … 403``)."""
    return is_numeric_code(text) or is_identifier(text) or bool(_PSEUDO.match(text))


def is_snake_code(text: str) -> bool:
    """Whether a cell or a field's value is a code in lower-case snake_case
    (``insufficient_funds``, OAuth's ``invalid_request``). Only where a column or a label says
    it holds codes: alone on a heading or in a list, ``request_id`` is a field's name.

    >>> is_snake_code("insufficient_funds"), is_snake_code("Invalid symbol")
    (True, False)
    """
    return bool(_SNAKE.match(text))


def is_code_key(text: str) -> bool:
    """Whether a key reads as an error code in any style an exchange uses: a number (sign and
    leading zeros kept), ``UPPER_SNAKE``, kebab-case, dotted, letters with digits.

    >>> [is_code_key(t) for t in ("0101", "base-symbol-error", "order.qty.invalid", "B1000-CW")]
    [True, True, True, True]
    >>> [is_code_key(t) for t in ("ERR-5001", "AUTH-01", "0x3001", "insufficient_funds")]
    [True, True, True, False]
    >>> [is_code_key(t) for t in ("Invalid", "rate limits", "api.example.com", "v2")]
    [False, False, False, False]
    """
    if is_code(text):
        return True
    if _KEBAB.match(text):
        return True
    if _DOTTED.match(text):
        # not a host or file name, a version ("v1.2") or an abbreviation ("e.g")
        first, *rest = text.split(".")
        return (
            not _FILE_LIKE.search(text)
            and first[:2].isalpha()
            and any(_TWO_LETTERS.search(part) for part in rest)
        )
    return bool(_ALNUM.match(text) or _HEX.match(text))


# Words of failure in symbolic codes (INVALID_PARAM_VALUE, ORDER_NOT_FOUND, IP_FORBIDDEN): a
# column of names that mostly hold one reads as errors, not as an enum (REALIZED_PNL, TRANSFER).
FAILURE_WORDS = frozenset({
    "INVALID", "ILLEGAL", "BAD", "WRONG", "MISSING", "NOT", "NO", "FAILED", "FAIL", "FAILURE",
    "ERROR", "ERR", "UNKNOWN", "FORBIDDEN", "DENIED", "UNAUTHORIZED", "UNAUTHENTICATED",
    "INSUFFICIENT", "EXCEEDED", "EXCEEDS", "EXCEED", "TOO", "LIMIT", "LIMITED", "DUPLICATE",
    "DUPLICATED", "EXPIRED", "LOCKED", "DISABLED", "SUSPENDED", "BLOCKED", "REJECTED",
    "UNSUPPORTED", "UNAVAILABLE", "TIMEOUT", "CONFLICT", "MISMATCH", "EMPTY", "OVERFLOW",
    "UNDERFLOW",
})  # fmt: skip


def reads_as_failure(name: str) -> bool:
    """Whether an upper-case name says something went wrong.

    >>> reads_as_failure("INVALID_PARAM_VALUE"), reads_as_failure("REALIZED_PNL")
    (True, False)
    """
    return any(part in FAILURE_WORDS for part in name.split("_"))


_WORDS = re.compile(r"[A-Za-z]+")
# Beside those of the names, words a message says a failure with (limits it is out of).
_FAILING = FAILURE_WORDS | {"CANNOT", "UNABLE", "MUST", "REFUSED", "DECLINED", "MINIMUM",
                            "MAXIMUM", "RANGE", "ALREADY", "UNKNOWN"}  # fmt: skip


def says_failure(text: str) -> bool:
    """Whether a message says something went wrong: a word of :data:`FAILURE_WORDS` or a
    few more (in any case: ``Signature invalid``, ``Heartbeat timeout``, ``below the minimum``),
    or *error* in a shipped language.

    >>> says_failure("Connection not authenticated"), says_failure("Partially filled")
    (True, False)
    """
    if any(word.upper() in _FAILING for word in _WORDS.findall(text)):
        return True
    return says_error(text)


def is_http_status(text: str) -> bool:
    return bool(_HTTP.match(text))


def name_of(text: str) -> str:
    """The symbolic name in a name cell: ``TE_ROUTE_ERROR = 11025;`` → ``TE_ROUTE_ERROR``.

    >>> name_of("TE_ROUTE_ERROR = 11025;"), name_of("TE_BONUS = 11021; // cannot be negative")
    ('TE_ROUTE_ERROR', 'TE_BONUS')
    """
    match = ASSIGNMENT.match(text)
    return match.group(1) if match else text


def json_error(text: str) -> tuple[str, str | None] | None:
    """``(code, msg)`` of a cell holding a JSON error body, or ``None``.

    Documents write these loosely (unescaped backticks, ``%s``), so a failed JSON parse falls
    back to reading the two fields with a regex.
    """
    text = text.strip()
    if not _JSON_CODE.match(text) or not text.endswith("}"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("code"), int):
        msg = data.get("msg", data.get("message"))
        return str(data["code"]), msg if isinstance(msg, str) else None
    code = re.search(r'"code"\s*:\s*(-?\d+)', text)
    msg = re.search(r'"(?:msg|message)"\s*:\s*"([^"]*)"', text)
    if code is None:
        return None
    return code.group(1), msg.group(1) if msg else None


def share(cells: list[str], test: object) -> float:
    """Share of the non-empty ``cells`` that pass ``test`` (0 when there are none)."""
    filled = [c for c in cells if c]
    if not filled:
        return 0.0
    return sum(1 for c in filled if test(c)) / len(filled)  # type: ignore[operator]


def mostly(cells: list[str], test: Callable[[str], object], at_least: float = 0.8) -> bool:
    """``share(cells, test) >= at_least``, giving up once too many cells have failed.

    A column of sentences is then rejected as codes after a few cells, not tested row by row.

    >>> mostly(["1", "2", "3", "4", "", "x"], is_numeric_code), mostly(["1", "x"], is_numeric_code)
    (True, False)
    """
    filled = [c for c in cells if c]
    total = len(filled)
    if not total:
        return False
    failed = 0
    for cell in filled:
        if not test(cell):
            failed += 1
            if (total - failed) / total < at_least:
                return False
    return (total - failed) / total >= at_least


def mentions_errors(text: str | None) -> bool:
    """Whether a title or lead-in line announces error codes.

    >>> mentions_errors("Error codes:"), mentions_errors("Order status (status)")
    (True, False)
    >>> mentions_errors("Errores de operaciones"), mentions_errors("Hatalar")
    (True, True)
    """
    if not text:
        return False
    lowered = text.lower()
    # ERROR_CONTEXT tries every alternative at every position; most titles lack all the words.
    if any(hint in lowered for hint in ERROR_HINTS) and ERROR_CONTEXT.search(text):
        return True
    if not text.isascii() or "_" in text:
        return says_error(text)
    # English titles go by ERROR_CONTEXT; the other languages' words are ASCII too at times
    # ("Errores", "Erros", "Hatalar")
    return mentions(text, "error", foreign=True) or mentions(text, "error_code", foreign=True)


def says_error(text: str | None) -> bool:
    """Whether a text says *error* (or *error code*) in one of the shipped languages; an
    upper-case name's parts count as words (``SYSTEM_ERROR``).

    >>> says_error("## SYSTEM_ERROR"), says_error("エラーコード一覧"), says_error("Order types")
    (True, True, False)
    """
    if not text:
        return False
    if "_" in text:
        text = text.replace("_", " ")
    return mentions(text, "error") or mentions(text, "error_code")
