"""Where an exchange's JSON response carries the error code and the message.

Exchanges put them in many shapes: flat ``{"code":-1121,"msg":"…"}``, Gate.io's
``{"label":"INVALID_PARAM_VALUE","message":"…"}``, XT's ``{"rc":1,"mc":"AUTH_001"}``, a nested
``{"error":{"code":…,"message":…}}``, per-order results ``{"data":[{"sCode":…,"sMsg":…}]}``, or
an array ``["error", 10020, "symbol: invalid"]``. :func:`read_body` finds them by the common key
names (compared without case, ``_`` or ``-``), or by a source's own :class:`BodyShape` (the
``body`` key of its source file), and says in one line why when it finds nothing:

>>> read_body({"data": [{"sCode": "51000", "sMsg": "Parameter ordType error"}]}).code
'51000'
>>> read_body({"label": "INVALID_PARAM_VALUE", "message": "Invalid value"}).code
'INVALID_PARAM_VALUE'
>>> print(read_body({}).reason)  # doctest: +ELLIPSIS
no code or message in the body: looked for keys code, ... and msg, ...; found an empty object
>>> read_body({"rc": 1, "mc": "AUTH_001"}, BodyShape(code=("mc", "rc"))).code
'AUTH_001'

This module reads only; which entry a code means is :mod:`errcat.explain`'s business. It has no
third-party imports (it runs inside ``explain``).
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Mapping

from errcat.errors import SourceError
from errcat.record import Record

# typing costs a few milliseconds to import, and the runtime needs it only for annotations.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Key names exchanges use, compared by :func:`key`; earlier is preferred at the same depth.
CODE_KEYS = (
    "code",
    "errcode",
    "errorcode",
    "retcode",
    "scode",
    "errno",
    "errorno",
    "statuscode",
    "label",  # Gate.io: the error's name is its code
    "mc",  # XT: message code beside the rc success/failure flag
)
MESSAGE_KEYS = (
    "msg",
    "message",
    "errmsg",
    "errormsg",
    "errormessage",
    "retmsg",
    "smsg",
    "description",
    "errordescription",
    "detail",
    "error",
)
_CODE_LIKE = re.compile(r"^[+-]?\d+$")
# A code written as words joined (invalid_request, insufficient-funds, ORDER_NOT_FOUND)
_STRING_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)+$")
_SHOWN_KEYS = 3  # keys named in a reason before "..."


def key(name: str) -> str:
    """A key as compared: ``errorCode``, ``error_code`` and ``Error-Code`` are one.

    >>> key("error_Code")
    'errorcode'
    """
    return name.casefold().replace("_", "").replace("-", "")


class BodyShape(Record):
    """Where one source's responses carry the code and the message: key paths, best first.

    A path is dotted (``error.code``); a list on the way is searched item by item, so
    ``data.sCode`` reaches ``{"data":[{"sCode":…}]}``. Empty: the generic keys.
    """

    code: tuple[str, ...]
    message: tuple[str, ...]

    def __init__(self, code: tuple[str, ...] = (), message: tuple[str, ...] = ()) -> None:
        self.__dict__.update(code=code, message=message)


class Body(Record):
    """What :func:`read_body` found: the code, the message, the keys they came from.

    ``reason`` says, when neither was found, which keys were looked for and what the body held.
    """

    code: str | None
    message: str | None
    code_key: str | None
    message_key: str | None
    reason: str | None

    def __init__(
        self,
        code: str | None = None,
        message: str | None = None,
        code_key: str | None = None,
        message_key: str | None = None,
        reason: str | None = None,
    ) -> None:
        self.__dict__.update(
            code=code, message=message, code_key=code_key, message_key=message_key, reason=reason
        )

    @property
    def found(self) -> bool:
        return self.code is not None or self.message is not None


def parse_shape(value: Any, where: str) -> BodyShape:
    """Read a source's ``body`` table: ``{ code = ["mc", "rc"], message = "message" }``.

    >>> parse_shape({"code": "label", "message": ["message"]}, "gateio.toml")
    BodyShape(code=('label',), message=('message',))
    """
    if not isinstance(value, Mapping):
        raise SourceError(f"{where}: key 'body' must be a table with 'code' and/or 'message'")
    extra = sorted(set(value) - {"code", "message"})
    if extra:
        raise SourceError(f"{where}: unknown field 'body.{extra[0]}' (allowed: code, message)")
    out: dict[str, tuple[str, ...]] = {}
    for name in ("code", "message"):
        paths = value.get(name, [])
        if isinstance(paths, str):
            paths = [paths]
        if not isinstance(paths, list) or not all(
            isinstance(p, str) and p.strip(".") and ".." not in p for p in paths
        ):
            raise SourceError(
                f"{where}: key 'body.{name}' must be a key path or a list of them ('error.code')"
            )
        out[name] = tuple(paths)
    if not out["code"] and not out["message"]:
        raise SourceError(f"{where}: key 'body' needs 'code' or 'message'")
    return BodyShape(code=out["code"], message=out["message"])


def scalar_code(value: Any) -> str | None:
    """A code as a string (``-1121`` → ``'-1121'``, ``10001.0`` → ``'10001'``); ``None`` for
    booleans, nulls, objects and a number no code is (``1e400`` reads as infinity).

    >>> scalar_code(-1121), scalar_code(10001.0), scalar_code(1e400), scalar_code(10**500)[:3]
    ('-1121', '10001', None, '100')
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)  # (as float it may not fit: a 500-digit "code")
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def text(value: Any) -> str | None:
    """A message: a non-empty string, or the first of a list of them (Kraken's ``error``)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, list):
        texts = [v.strip() for v in value if isinstance(v, str) and v.strip()]
        return texts[0] if texts else None
    return None


def _at(node: Any, path: list[str]) -> list[Any]:
    """Every value at ``path`` below ``node``, lists searched item by item, document order."""
    if isinstance(node, list):
        return [v for item in node for v in _at(item, path)]
    if not path:
        return [node]
    if not isinstance(node, dict):
        return []
    wanted = key(path[0])
    return [v for k, child in node.items() if key(str(k)) == wanted for v in _at(child, path[1:])]


def _by_shape(data: Any, shape: BodyShape, known: Callable[[str], bool] | None) -> Body:
    codes = [
        (path, c)
        for path in shape.code
        for v in _at(data, path.split("."))
        if (c := scalar_code(v)) is not None
    ]
    messages = [
        (path, t) for path in shape.message for v in _at(data, path.split(".")) if (t := text(v))
    ]
    if known is not None and codes:
        codes = [c for c in codes if known(c[1])] or codes
    code = codes[0] if codes else None
    message = messages[0] if messages else None
    if code is None and message is None:
        return Body(reason=_reason(data, shape.code, shape.message))
    return Body(
        code=code[1] if code else None,
        message=message[1] if message else None,
        code_key=code[0] if code else None,
        message_key=message[0] if message else None,
    )


def _array(data: list[Any]) -> Body:
    # ["error", 10020, "symbol: invalid"]: a number is the code, the last other text the message
    codes = [scalar_code(v) for v in data if isinstance(v, int) and not isinstance(v, bool)]
    texts = [v for v in data if isinstance(v, str) and v.strip() and v.casefold() != "error"]
    if not codes and not texts:
        return Body(reason=_reason(data, CODE_KEYS, MESSAGE_KEYS))
    return Body(
        code=codes[0] if codes else None,
        message=texts[-1].strip() if texts else None,
        code_key="[number]" if codes else None,
        message_key="[text]" if texts else None,
    )


def _generic(data: Any, known: Callable[[str], bool] | None) -> Body:
    """Breadth first: every code under a code key, with the message beside it.

    The deepest code wins (a per-order ``sCode`` says more than the envelope's ``code``);
    with ``known``, a code the catalog documents wins over one it does not.
    """
    candidates: list[tuple[int, int, str, str, tuple[str, str] | None]] = []
    best_message: tuple[int, str, str] | None = None
    queue: deque[tuple[int, Any]] = deque([(0, data)])  # (pop(0) of a list: quadratic)
    while queue:
        depth, node = queue.popleft()
        if isinstance(node, list):
            queue.extend((depth + 1, v) for v in node if isinstance(v, dict | list))
            continue
        keyed: dict[str, tuple[str, Any]] = {}
        for k, v in node.items():
            if isinstance(k, str):
                keyed.setdefault(key(k), (k, v))
        beside = next(
            ((keyed[k][0], t) for k in MESSAGE_KEYS if k in keyed and (t := text(keyed[k][1]))),
            None,
        )
        for rank, k in enumerate(CODE_KEYS):
            if k in keyed and (c := scalar_code(keyed[k][1])) is not None:
                candidates.append((-depth, rank, keyed[k][0], c, beside))
        named = keyed.get("error")
        if named is not None and isinstance(named[1], str) and _STRING_CODE.match(named[1]):
            # OAuth's shape: {"error": "invalid_request", "error_description": "…"}
            other = next(
                (
                    (keyed[k][0], t)
                    for k in MESSAGE_KEYS
                    if k != "error" and k in keyed and (t := text(keyed[k][1]))
                ),
                None,
            )
            if other is not None:
                candidates.append((-depth, len(CODE_KEYS), named[0], named[1], other))
        if beside is not None and (best_message is None or depth > best_message[0]):
            best_message = (depth, *beside)
        queue.extend((depth + 1, v) for v in node.values() if isinstance(v, dict | list))
    candidates.sort(key=lambda c: c[:2])
    if known is not None:
        candidates = [c for c in candidates if known(c[3])] or candidates
    if candidates:
        _, _, code_key, code, beside = candidates[0]
        if beside is None and best_message is not None:
            beside = best_message[1:]
        return Body(
            code=code,
            message=beside[1] if beside else None,
            code_key=code_key,
            message_key=beside[0] if beside else None,
        )
    if best_message is not None:
        return Body(message=best_message[2], message_key=best_message[1])
    return Body(reason=_reason(data, CODE_KEYS, MESSAGE_KEYS))


def _keys(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:_SHOWN_KEYS])
    return f"{shown}, ..." if len(names) > _SHOWN_KEYS else shown


def _reason(data: Any, code_keys: tuple[str, ...], message_keys: tuple[str, ...]) -> str:
    if isinstance(data, dict):
        names = sorted(_safe(str(k)) for k in data)
        more = ", ..." if len(names) > 8 else ""
        found = f"keys {', '.join(names[:8])}{more}" if names else "an empty object"
        # a key looked for, holding what is no code or text ({"code": true})
        held = [
            f"{_safe(str(k))} is {_held(v)}"
            for k, v in data.items()
            if isinstance(k, str) and key(k) in (*code_keys, *message_keys)
        ][:3]
        if held:
            found += f" ({'; '.join(held)})"
    elif isinstance(data, list):
        found = f"an array of {len(data)} items" if data else "an empty array"
    else:
        found = f"a bare {type(data).__name__}"
    looked = " and ".join(_keys(names) for names in (code_keys, message_keys) if names)
    return f"no code or message in the body: looked for keys {looked}; found {found}"


def _held(value: Any) -> str:
    """What a key looked for holds instead of a code or a text, in a word or two."""
    if value is None or isinstance(value, bool):
        return _json_word(value)
    if isinstance(value, dict | list):
        return "an object" if isinstance(value, dict) else "an array"
    if isinstance(value, str):
        return "an empty string"
    return "not a finite number"  # (a float code that is infinite or NaN)


def _json_word(value: bool | None) -> str:
    return "null" if value is None else ("true" if value else "false")


def _safe(name: str) -> str:
    # Key names are upstream text: printable, short.
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in name)
    return cleaned[:40]


def read_body(
    data: Any, shape: BodyShape | None = None, known: Callable[[str], bool] | None = None
) -> Body:
    """The code and the message of a parsed JSON body (see the module docs).

    ``shape`` is a source's own paths, tried first; ``known(code)`` tells a documented code, so
    that where a body holds several candidates (XT's ``rc`` and ``mc``) the documented one wins.

    >>> read_body(["error", 10020, "symbol: invalid"])
    Body(code='10020', message='symbol: invalid', code_key='[number]', message_key='[text]', \
reason=None)
    >>> read_body({"error": {"code": 11, "message": "bad"}, "code": 1}).code
    '11'
    """
    if shape is not None and (shape.code or shape.message):
        found = _by_shape(data, shape, known)
        if found.found and found.message is None and not shape.message:
            # the source names only its code keys: the message is where the common keys say
            generic = _generic(data, None) if isinstance(data, dict | list) else Body()
            if generic.message is not None:
                found = found.replace(message=generic.message, message_key=generic.message_key)
        if found.found:
            return found
        generic = _generic(data, known) if isinstance(data, dict | list) else Body()
        return generic if generic.found else found
    if isinstance(data, list) and data and all(not isinstance(v, dict | list) for v in data):
        return _array(data)
    if not isinstance(data, dict | list):
        value = scalar_code(data)
        if value is None:
            return Body(reason=_reason(data, CODE_KEYS, MESSAGE_KEYS))
        if _CODE_LIKE.match(value):
            return Body(code=value, code_key="[value]")
        return Body(message=value, message_key="[value]")
    return _generic(data, known)
