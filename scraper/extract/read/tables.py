"""Error-code tables: find the columns by header words and cell content, one entry per row.

A table is an error table when one column holds codes (numbers, ``UPPER_SNAKE`` labels or JSON
error bodies) and either its header says so (``Error Code``, ``label``, ``rc``) or the section
is announced as error codes (see :mod:`errcat.extract.read.detect`). Parameter and schema tables,
tables of figures and unannounced numbered tables (enums, HTTP responses) are not.

Rows that are not codes are understood, not dropped blindly: a delimiter row (``|---|---|``) or a
repeated header row is skipped, and a row with a single non-code cell (``Trading (4010xx)``) starts
a new group.

>>> from errcat.extract.blocks import Block
>>> from errcat.extract.read.section import Section
>>> rows = (("Code", "Message"), ("Trading", ""), ("401018", "Order not found"))
>>> table = Block("table", rows=rows)
>>> [(e.code, e.group, e.messages) for e in read_table(table, Section())]
[('401018', 'Trading', ('Order not found',))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from errcat.extract.blocks import Block
from errcat.extract.read.detect import (
    is_code,
    is_code_key,
    is_http_status,
    is_identifier,
    is_numeric_code,
    is_snake_code,
    json_error,
    mostly,
    name_of,
    reads_as_failure,
    says_error,
    says_failure,
    share,
)
from errcat.extract.read.section import CODE_RE, Section
from errcat.extract.read.words import header_role
from errcat.model import Entry
from errcat.normalize import clean_text

_DELIMITER = re.compile(r"^:?-{1,}:?$")
_ERRORISH = re.compile(r"\berr(?:or)?s?\b|errno|\breject", re.I)  # (not "Referral")
# The header words that give a column its role (public: bench/leave_one_out.py takes each
# exchange's own words out of them).
STATUS_WORDS = ("http", "status")
# What a column of advice is headed: beside a message, the description; alone, the text.
ADVICE_WORDS = ("solution", "resolution", "suggestion", "remedy", "troubleshooting", "advice",
                "note")  # fmt: skip
MESSAGE_WORDS = (
    "message", "msg", "description", "desc", "meaning", "detail", "reason", "explanation",
    "remark", "comment", "cause", "info", "text", "说明", "描述", "信息", *ADVICE_WORDS,
)  # fmt: skip
NAME_WORDS = ("name", "enum", "identifier", "event")
CODE_WORDS = ("code", "errno", "error id", "错误码", "代码")
# "code" as a word, or after a word it is compounded with ("errcode", "retcode"), not inside
# another word: an "Opcode" column holds a protocol's constants, not error codes
_CODE_IN_WORD = re.compile(
    r"(?:^|[^a-z]|err|error|ret|res|result|return|status|resp|response|biz|sub|reason|reject"
    r"|msg)code"
)


def _says_code(word: str) -> bool:
    """
    >>> _says_code("error code"), _says_code("retcode"), _says_code("opcode")
    (True, True, False)
    """
    if "code" in word and _CODE_IN_WORD.search(word):
        return True
    return any(w in word for w in CODE_WORDS[1:])


CODE_EXACT = ("error", "err", "id", "label", "rc", "mc", "retcode", "ret_code")
# Header words of parameter, field and response-schema tables: never an error listing.
NOT_ERROR_WORDS = frozenset({"type", "required", "mandatory", "parameter", "param", "field",
                             "schema", "property", "default", "in", "restriction", "restrictions",
                             "value"})  # fmt: skip
_HTTP_IN_TEXT = re.compile(r"\b([1-5]\d\d)\b")
_PSEUDO_HTTP_CODE = re.compile(r"^HTTP\b.*?\b([1-5]\d\d)\b", re.I)
# Of the message-like headers, those that explain rather than quote what the API returns:
# beside a "Message" column, such a column is the entry's description (Deribit's
# "Short message | Description").
DESCRIPTION_WORDS = ("description", "desc", "meaning", "explanation", "detail", "remark",
                      "comment", "cause", "说明", "描述", *ADVICE_WORDS)  # fmt: skip
_MOSTLY = 0.8
# "0 or absent": a code cell that also names what stands for it (Deribit's success row).
_CODE_OR_WORDS = re.compile(r"^([-+]?\d{1,10})\s+or\s+[a-z][a-z ]*$", re.I)
# "~~110075~~ 182021" rendered: an old code struck through and its replacement after it (the
# strikethrough is gone from the cell's text; the code in force is the last one).
_CORRECTED = re.compile(r"^[-+]?\d{1,10}\s+([-+]?\d{1,10})$")
# "~10018~": GFM's single-tilde strikethrough, which markdown-it leaves as text.
_TILDE_STRUCK = re.compile(r"^~([^~]+)~$")
# A code and a badge or permalink glyph after it (its <sup>, its [🔗](#…) link)
_BADGED = re.compile(
    r"^(\S+)\s+([(\[]?(?:new|beta|updated|changed|added|removed|deprecated|experimental|legacy)"
    r"[)\]]?|[^\w\s]{1,3})$",
    re.I,
)
# "2005*", "2005†", "2005¹", "2005[1]": a footnote's mark on the code, not part of it
_MARK_ENDS = frozenset("*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]")
_MARKED = re.compile(
    r"^([-+]?\d{1,10}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"
    r"(?:\*{1,3}|[†‡§]{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}|\[\^?\w{1,8}\])$"
)
# "`30101`<br>`ORDER_QTY_ZERO`": a code and its name stacked in one cell.
_CODE_AND_NAME = re.compile(r"^([-+]?\d{1,10})\s+([A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9])$")
# What separates the codes of a cell that lists several (a <br> is a line break in a cell).
_LIST_SEPARATORS = ",/;\n"
_LIST_SPLIT = re.compile(rf"\s*[{re.escape(_LIST_SEPARATORS)}]\s*")
# A cell whose first part, before a separator, is one word (a message's is not)
_LIST_START = re.compile(rf"^\S+?\s*[{re.escape(_LIST_SEPARATORS)}]")
_THOUSANDS = re.compile(r"^\d{1,2}(?:,\d{3})+$")  # (501,502,503 lists three codes)
# '"authorization_required"': a message written as the JSON string the API sends.
_QUOTED = re.compile(r'^"([^"]+)"$')
_QUOTED_LIST = re.compile(r'^"[^"]+"(?:\s*[/,;]\s*"[^"]+")+$')
_QUOTED_ITEM = re.compile(r'"([^"]+)"')
_MEASURE = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*%?$")
# A sentence's last mark (a closing quote or bracket may follow): a group title has none.
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]]?$")


def _role(word: str) -> str | None:
    if not word:
        return None
    if any(w in word for w in STATUS_WORDS):
        return "http_status"
    if any(w in word for w in MESSAGE_WORDS):
        return "message"
    if any(w in word for w in NAME_WORDS):
        return "name"
    if _says_code(word) or word in CODE_EXACT:
        return "code"
    # A header in the exchange's own language (エラーコード, 错误信息, Hata kodu).
    role = header_role(word)
    if role == "description":
        return "message"
    return role if role in ("code", "message", "name", "http_status") else None


def _header_word(raw: str) -> str:
    return clean_text(raw).strip("`*_ ").casefold()


def may_give_code_role(header: str) -> bool:
    """Whether a table's header row, as markdown source (``| Code | Message |``), may give a
    column the "code" role once rendered: a superset of what :func:`_role` finds, for telling
    cheaply that a table can list codes only in a section announced as error codes.

    >>> may_give_code_role("| Limit | Weight |"), may_give_code_role("| **Err**no | Text |")
    (False, True)
    """
    for cell in header.split("|"):
        word = cell.casefold()
        if not word.isascii() or any(c in word for c in "&<[\\"):
            return True  # an entity, tag, link or escape may hide a letter; mojibake, a word
        word = word.translate(_UNMARKED).strip()
        if any(w in word for w in CODE_WORDS) or word in CODE_EXACT:
            return True
    return False


_UNMARKED = str.maketrans("", "", "*_`~")


def is_schema_header(words: list[str]) -> bool:
    """Whether header words (see :func:`_header_word`) head a parameter or schema table.

    >>> is_schema_header(["parameter", "type", "description"]), is_schema_header(["code", "msg"])
    (True, False)
    >>> is_schema_header(["参数", "类型", "说明"]), is_schema_header(["错误码", "错误信息"])
    (True, False)
    """
    # English by exact words (as before); other languages by the shipped header words.
    return any(
        w in NOT_ERROR_WORDS or (not w.isascii() and header_role(w) == "schema") for w in words
    )


def _header_roles(header: tuple[str, ...], error_context: bool) -> list[str | None] | None:
    """The role each header word gives its column, or ``None`` when the header alone rules the
    table out: a parameter table, or no "code" column outside an error section (see
    :func:`_pick_code`)."""
    return _Head.of(header).roles_in(error_context)


def _status_code_header(roles: list[str | None], words: tuple[str, ...]) -> bool:
    return any(r == "http_status" and "code" in w for r, w in zip(roles, words, strict=True))


_SUPERSEDED = re.compile(r"\b(?:old|previous|former|deprecated|legacy|before)\b")


@dataclass(frozen=True, slots=True)
class _Head:
    """What a table's header row says by itself (a page repeats its headers: a reader asks
    once per document, see :meth:`Section.remembered`)."""

    words: tuple[str, ...]  # the header words (see _header_word)
    roles: tuple[str | None, ...] | None  # per column; None for a parameter or schema table
    # A "code" or "message" column, or a status code: a listing even outside an error section
    # ("Status Code" may head the close codes of a WebSocket: see _close_codes; names of
    # failures beside messages: see _failure_names).
    names_codes: bool

    @classmethod
    def of(cls, header: tuple[str, ...]) -> _Head:
        words = tuple(_header_word(c) for c in header)
        if is_schema_header(list(words)):
            return cls(words, None, False)
        roles = [_role(w) for w in words]
        names = "code" in roles or "message" in roles or _status_code_header(roles, words)
        return cls(words, tuple(roles), names)

    def roles_in(self, error_context: bool) -> list[str | None] | None:
        """The roles, or ``None`` where the header rules the table out: a parameter table, or
        (outside an error section) no column the header names as codes or messages."""
        if self.roles is None or not (error_context or self.names_codes):
            return None
        return list(self.roles)

    def is_blank(self) -> bool:
        """Whether no header word has a letter or digit (``|   |   |``, ``| 🔢 | 💬 |``): the
        table has only its cells to go by, as one without a header row."""
        return not any(ch.isalnum() for word in self.words for ch in word)

    def says_error(self) -> bool:
        """Whether a header word says *error* (keys then count as codes without context)."""
        return any(_says_error(w) for w in self.words)

    def explains(self, index: int) -> bool:
        """Whether the header names column ``index`` as an explanation (``Description``)."""
        word = self.words[index] if index < len(self.words) else ""
        if any(w in word for w in DESCRIPTION_WORDS):
            return True
        # in the exchange's own language too (Описание, 説明, Açıklama: words.json); English's
        # "Reason" there is the message here (Phemex's "code | Reason | Description")
        return not word.isascii() and header_role(word) == "description"

    def supersedes(self, index: int) -> bool:
        """Whether the header names column ``index`` as text no longer in force (``Old
        message``, ``Previous message`` beside ``New message`` in a changelog)."""
        word = self.words[index] if index < len(self.words) else ""
        return _SUPERSEDED.search(word) is not None

    def names_messages(self, index: int | None) -> bool:
        """Whether the header names column ``index`` as what the API returns (``Message``,
        ``Msg``, ``メッセージ``), not as an explanation (``Description``, ``Meaning``)."""
        if index is None or index >= len(self.words):
            return False
        return _role(self.words[index]) == "message" and not self.explains(index)

    def names_other(self, index: int) -> bool:
        """Whether the header of column ``index`` is a word that gives it no role (``Country``,
        ``Interval``): it names what the column holds, and that is no message."""
        word = self.words[index] if index < len(self.words) else ""
        return bool(word) and _role(word) is None

    def names(self, index: int) -> bool:
        """Whether the header of column ``index`` says *code* (``Message Code``)."""
        word = self.words[index] if index < len(self.words) else ""
        return _says_code(word)


@dataclass(frozen=True)
class Columns:
    """Which cell of a row holds what (``None``: the table has no such column).

    ``json`` marks a code column whose cells are JSON error bodies (``{"code": 2, "msg": …}``);
    ``status_codes`` a table of HTTP status codes, whose code is also the HTTP status;
    ``description`` a column that explains the message beside it.
    """

    code: int
    message: int | None = None
    description: int | None = None
    name: int | None = None
    http_status: int | None = None
    json: bool = False
    status_codes: bool = False
    surface: int | None = None  # a column that says REST or WebSocket row by row

    @classmethod
    def detect(
        cls, header: tuple[str, ...], body: list[list[str]], error_context: bool = False
    ) -> Columns | None:
        """Recognise an error table from its header words and the content of its columns.

        The cells win over the header when they disagree (a column headed "Error code" that
        holds sentences beside one that holds numbers), and a column without a code-like
        header only counts as codes when the section is announced as error codes.
        """
        return _detect(_Head.of(header), body, error_context)


def _detect(
    head: _Head, body: list[list[str]], error_context: bool, loose: bool = False
) -> Columns | None:
    """:meth:`Columns.detect`, from the header as read: the code column, then the others.
    ``loose``: a heading above announces error codes (``# Error codes`` over ``##
    Authentication``), so a code-headed column of ``E1001`` or ``0x1001``, or a bare
    ``Status`` column of numbers that are no HTTP statuses, holds codes (see
    :func:`read_table` for the check their messages then pass)."""
    roles = head.roles_in(error_context)
    if roles is None:
        return None
    width = max([len(roles)] + [len(r) for r in body])
    padded = [r if len(r) == width else [*r, *[""] * (width - len(r))] for r in body]
    columns = [
        [_first_code(c) for c in cells]
        for cells in (zip(*padded, strict=True) if padded else [()] * width)
    ]
    roles += [None] * (width - len(roles))
    kinds = [_column_kind(cells) for cells in columns]
    if not (error_context or loose) and not head.says_error():
        kinds = ["text" if k == "key" else k for k in kinds]
    code = _code_column(head, roles, kinds, columns, error_context, loose)
    if code is None or _figures(code, roles, columns):
        return None
    return _around_code(head, roles, kinds, code, error_context)


# A cell that names the API a row's code comes from
_SURFACE_CELL = re.compile(
    r"^(?:rest(?:ful)?(?: api)?|https?(?: api)?|web ?-?sockets?(?: api)?|wss?|stream(?:s|ing)?)$",
    re.I,
)
_WEBSOCKET_CELL = re.compile(r"^(?:web|ws|stream)", re.I)


def _column_kind(cells: list[str]) -> str:
    """What a column's cells mostly are: ``number``, ``json``, ``surface``, ``identifier``,
    ``code``, ``key`` (kebab-case, dotted, B1000-CW: codes only where errors are said),
    ``text`` or ``empty``."""
    if mostly(cells, is_numeric_code, _MOSTLY):
        return "number"
    if mostly(cells, lambda c: json_error(c) is not None, _MOSTLY):
        return "json"
    if any(cells) and all(_SURFACE_CELL.match(c) for c in cells if c):
        return "surface"  # ("REST", "WebSocket": which API each row's code comes from)
    if mostly(cells, is_identifier, _MOSTLY):
        return "identifier"
    if mostly(cells, is_code, _MOSTLY):
        return "code"
    if mostly(cells, lambda c: is_code_key(c) or is_snake_code(c), _MOSTLY):
        return "key"  # (snake_case too: a column of them is a column of codes)
    return "text" if any(cells) else "empty"


def _code_column(
    head: _Head,
    roles: list[str | None],
    kinds: list[str],
    columns: list[list[str]],
    error_context: bool,
    loose: bool,
) -> int | None:
    """The code column (its role set to "code"), or ``None`` when the table lists no codes."""
    code = _pick_code(roles, kinds, error_context)
    if code is None:
        code = _close_codes(head, roles, columns, error_context or loose)
        if code is None:
            code = _failure_names(roles, kinds, columns)
        if code is None:
            return None
        roles[code] = "code"
    elif (
        kinds[code] == "identifier"
        and not (error_context or loose)
        and not _names_of_failures(columns[code])
        and not head.says_error()
    ):
        # Upper-case names under a bare "Code" header, nothing saying error around them,
        # and none saying failure: an enum (LIMIT, MARKET, STOP_LOSS).
        return None
    return code


def _figures(code: int, roles: list[str | None], columns: list[list[str]]) -> bool:
    """Whether the table is one of figures (counts, limits, ratios), not of codes: two columns
    beside the code column (other than an HTTP status) hold mostly measures."""
    measures = [
        i
        for i, cells in enumerate(columns)
        if i != code and roles[i] != "http_status" and mostly(cells, _MEASURE.match, _MOSTLY)
    ]
    return len(measures) >= 2


def _around_code(
    head: _Head, roles: list[str | None], kinds: list[str], code: int, error_context: bool
) -> Columns | None:
    """The columns around the code column: name, HTTP status, message, description (or
    ``None`` where nothing beside the codes tells what they mean)."""
    width = len(roles)
    taken = {code}
    name = next((i for i in range(width) if i not in taken and kinds[i] == "identifier"), None)
    if name is None:
        name = next((i for i in range(width) if roles[i] == "name" and i not in taken), None)
    if name is not None:
        taken.add(name)
    status = next((i for i in range(width) if roles[i] == "http_status" and i not in taken), None)
    if status is not None:
        taken.add(status)
    messages = [i for i in range(width) if roles[i] == "message" and i not in taken]
    # the message in force, where a changelog puts the old one beside it
    message = next(
        (i for i in messages if not head.supersedes(i)), messages[0] if messages else None
    )
    if message is None:
        message = next((i for i in range(width) if kinds[i] == "text" and i not in taken), None)
    if message is None and name is None and kinds[code] != "json":
        return None
    if message is None and not error_context and kinds[code] == "number":
        # Numbers beside upper-case names and no text: an enum ("1 | REALIZED_PNL" under
        # "Funds Biz Type"), unless the section says these are error codes.
        return None
    description = None
    told = _told_and_explained(head, roles, {code, status})
    if told is not None:
        # "Message | Description" by the header: the first is what the API returns, even
        # when its cells are UPPER_SNAKE (Phemex's REQUEST_IS_DUPLICATED, also the name),
        # the second explains it.
        message, description = told
    elif message is not None and not head.explains(message):
        description = next(
            (
                i
                for i in range(width)
                if roles[i] == "message" and i not in taken and i != message
                and head.explains(i)
            ),
            None,
        )  # fmt: skip
    return Columns(
        code=code,
        message=message,
        description=description,
        name=name,
        http_status=status,
        json=kinds[code] == "json",
        status_codes=roles[code] == "http_status",
        surface=next((i for i in range(width) if kinds[i] == "surface" and i != code), None),
    )


def _told_and_explained(
    head: _Head, roles: list[str | None], taken: set[int | None]
) -> tuple[int, int] | None:
    """The columns a header names as the message and as its explanation (``Message |
    Description``, ``Short message | Description``, ``Reason | Description``), or ``None``
    unless it names both.

    >>> roles = ["code", "message", "message"]
    >>> _told_and_explained(_Head.of(("Code", "Message", "Description")), roles, {0})
    (1, 2)
    >>> _told_and_explained(_Head.of(("Code", "Description", "Message")), roles, {0})
    (2, 1)
    >>> _told_and_explained(_Head.of(("Code", "Message", "Text")), roles, {0}) is None
    True
    >>> _told_and_explained(_Head.of(("Code", "Message Code", "Description")), roles, {0}) is None
    True
    """
    candidates = [i for i, role in enumerate(roles) if role == "message" and i not in taken]
    # "Message Code" (Crypto.com: NO_POSITION beside "Description") names the message: a name.
    told = next((i for i in candidates if not head.explains(i) and not head.names(i)), None)
    explained = next((i for i in candidates if head.explains(i)), None)
    if told is None or explained is None:
        return None
    return told, explained


def _says_error(word: str) -> bool:
    return "err" in word or says_error(word)


def _close_codes(
    head: _Head, roles: list[str | None], columns: list[list[str]], announced: bool = False
) -> int | None:
    """A "Status Code" column of numbers that are not HTTP statuses: the close codes of a
    WebSocket (1009, 4001) under a header that the HTTP rule would otherwise take; where a
    heading announces error codes, a bare "Status" column of such numbers too."""
    for i, role in enumerate(roles):
        word = head.words[i] if i < len(head.words) else ""
        if role != "http_status" or ("code" not in word and not announced) or "http" in word:
            continue
        cells = columns[i]
        if mostly(cells, is_numeric_code, _MOSTLY) and not mostly(cells, is_http_status, 0.5):
            return i
    return None


def _failure_names(
    roles: list[str | None], kinds: list[str], columns: list[list[str]]
) -> int | None:
    """A column of distinct upper-case names that mostly say something failed, beside a
    message column: symbolic error codes under a header no word announces (``label |
    Meaning``: INVALID_PARAM_VALUE, ORDER_NOT_FOUND), not an enum (REALIZED_PNL, TRANSFER)."""
    if "message" not in roles:
        return None
    for i, kind in enumerate(kinds):
        if kind != "identifier" or roles[i] == "message":
            continue
        if len([c for c in columns[i] if c]) >= 3 and _names_of_failures(columns[i]):
            return i
    return None


def _names_of_failures(cells: list[str]) -> bool:
    """Whether distinct upper-case names mostly say something failed (INVALID_KEY, …)."""
    names = [c for c in cells if c]
    return len(set(names)) == len(names) and share(names, reads_as_failure) >= 0.6


def _pick_code(roles: list[str | None], kinds: list[str], error_context: bool) -> int | None:
    """The code column: a code-headed column of codes, else codes announced by the section."""
    codeish = ("number", "identifier", "code", "json", "key")
    for i, role in enumerate(roles):
        if role == "code" and kinds[i] in codeish:
            return i
    if not error_context:
        # Unannounced, only an explicit "code" header over mostly numbers is enough.
        return None
    # An HTTP status column is the code only where no other column holds codes
    # ("メッセージコード | HTTPステータス | 内容" of ERR-5001, 401: the first is the code).
    for statuses in (False, True):
        for wanted in ("number", "json", "identifier", "code", "key"):
            for i, k in enumerate(kinds):
                if k == wanted and (roles[i] == "http_status") is statuses:
                    return i
    return None


def _small_numbers(codes: list[str]) -> bool:
    """Whether every code is a number of one or two digits (0, 1, 2, 6 of a "Deposit status"):
    an enum's values where no title on the path announces codes (exchanges number errors with
    more digits, a sign or letters; a short code is read below a title that says errors or
    return codes, "## Market streams" under "# Error messages" too).

    >>> _small_numbers(["0", "1", "2", "6"]), _small_numbers(["0", "1", "1001"])
    (True, False)
    """
    return len(codes) >= 2 and all(c.isdigit() and len(c) <= 2 for c in codes)


def _counts_up(codes: list[str]) -> bool:
    """Whether codes count up from the start, evenly (three at least): 0, 1, 2, …; 1, 2, 3, …;
    10, 20, 30, …: the values of an enum, which a page lists where nothing says error (error
    codes are not numbered so).

    >>> _counts_up(["0", "1", "2", "3"]), _counts_up(["10", "20", "30"]), _counts_up(["1", "2"])
    (True, True, False)
    >>> _counts_up(["10001", "10002", "10003"]), _counts_up(["0", "1", "5"])
    (False, False)
    """
    if len(codes) < 3 or not all(c.isdigit() and len(c) < 6 for c in codes):
        return False
    values = [int(c) for c in codes]
    start, step = values[0], values[1] - values[0]
    if step <= 0 or start not in (0, 1, step):
        return False
    return values == list(range(start, start + step * len(values), step))


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def http_status_of(text: str) -> int | None:
    match = _HTTP_IN_TEXT.search(text)
    return int(match.group(1)) if match else None


def _body(block: Block) -> list[tuple[int, list[str], str]]:
    """The rows below the header: index in the block, cleaned cells, and what the row is:
    ``data``, a group ``title`` or a ``note`` (see :func:`_is_note`).

    Delimiter rows and repeated header rows are left out.
    """
    header = [clean_text(c).casefold() for c in block.rows[0]]
    rows: list[tuple[int, list[str], str]] = []
    for index, row in enumerate(block.rows[1:], start=1):
        line = "|".join(row)
        if (
            line.isascii()
            and "\\" not in line
            and "  " not in line
            and "[^" not in line
            and line.isprintable()
        ):
            # What clean_text does to each cell of such a row, asked once for the row.
            cells = [c.strip(" ") for c in row]
        else:
            cells = [_cleaned(c) for c in row]
        filled = [c for c in cells if c]
        if not filled or _is_delimiter(filled) or _repeats(cells, header):
            continue
        if len(filled) > 1:
            rows.append((index, cells, "data"))
        else:
            kind = (
                "title" if _is_title_row(cells, filled) else "note" if _is_note(cells) else "data"
            )
            rows.append((index, cells, kind))
    return rows


# What a line of its own opens with when it is another message
_OPENS = re.compile(r"^[\"'`(\[]?[A-Z\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]")
# A line that advises ("Check it", "Please retry") goes on the message before it
_ADVISES = re.compile(
    r"^(?:please|check|see|try|retry|contact|make sure|ensure|use|refer|verify|wait|reduce"
    r"|increase|adjust|set|visit|note|for example|e\.g\.|i\.e\.)\b",
    re.I,
)


def _cleaned(cell: str) -> str:
    """A cell's text cleaned, its lines kept apart (``\\n``) when each is a message of its own:
    every line but the last ends a sentence and every line but the first opens a new one
    ("Too many new orders.<br>Too many new orders; current limit is %s."), or each is one
    word in small letters (``bad_pair<br>pair_not_listed``). A line broken inside a sentence
    ("has suspended<br>the fund transfer-out function"), a line of advice ("Invalid
    key.<br>Check it") and a code over its name (``30101<br>ORDER_QTY_ZERO``) are one text.

    >>> _cleaned("Too many orders.\\nOrder rate is %s."), _cleaned("has suspended\\nthe fund")
    ('Too many orders.\\nOrder rate is %s.', 'has suspended the fund')
    """
    cell = _lines_listed(cell)
    if "\n" in cell:
        lines = [text for line in cell.split("\n") if (text := clean_text(line))]
        if len(lines) > 1 and (
            all(" " not in line and line.lower() == line != line.upper() for line in lines)
            or (
                all(_SENTENCE_END.search(line) for line in lines[:-1])
                and all(_OPENS.match(line) and not _ADVISES.match(line) for line in lines[1:])
            )
        ):
            return "\n".join(lines)
    return clean_text(cell)


def _lines_listed(cell: str) -> str:
    """A cell of codes one per line (``2001<br>2002``) written as a list (``2001, 2002``):
    cleaning the cell's white space would make it ``2001 2002``, which reads as an old code
    struck through before its replacement (see :func:`_code_text`)."""
    if "\n" in cell and _LIST_START.match(cell.lstrip()) and (listed := _listed(cell)):
        return ", ".join(listed)
    return cell


def _is_delimiter(filled: list[str]) -> bool:
    # Every delimiter cell starts with "-" or ":"; most rows fail that on their first cell.
    return filled[0][0] in "-:" and all(_DELIMITER.match(c) for c in filled)


def _repeats(cells: list[str], header: list[str]) -> bool:
    """Whether a row repeats the header (between sections); its first cell settles most rows."""
    return (
        len(cells) == len(header)
        and cells[0].casefold() == header[0]
        and [c.casefold() for c in cells] == header
    )


def _is_title_row(cells: list[str], filled: list[str]) -> bool:
    """Whether a row with one cell filled titles the rows below ("Trading (4010xx)"). A
    sentence alone on its row is a message whose other cells are empty, not a title
    ("| OPO orders are not supported for this symbol. |  |" in a table of messages).

    >>> _is_title_row(["Trading (4010xx)", ""], ["Trading (4010xx)"])
    True
    >>> _is_title_row(["Order amend is not supported.", ""], ["Order amend is not supported."])
    False
    """
    return (
        len(filled) == 1
        and len(cells) > 1
        and not CODE_RE.match(filled[0])
        and not _SENTENCE_END.search(filled[0])
    )


def _half_say_failure(messages: list[str]) -> bool:
    """Whether half the messages at least say something went wrong (``Signature invalid``,
    ``Heartbeat timeout``, or *error* in one of the shipped languages).

    >>> _half_say_failure(["Signature invalid", "Token expired"])
    True
    >>> _half_say_failure(["Ethereum", "Tron"])
    False
    """
    filled = [m for m in messages if m]
    failing = [m for m in filled if says_failure(m)]
    return bool(filled) and len(failing) * 2 >= len(filled)


def _lists_things(head: _Head, columns: Columns, data: list[list[str]], section: Section) -> bool:
    """Whether the text column beside the codes holds things, not messages: its header names
    what it holds and gives it no role (``Code | Country``, ``Code | Interval``), and the
    texts do not say something failed (as a ``Summary`` column of error texts does), unless
    the section's own title says *error*; the title may say what the codes stand for all the
    same (see :func:`_codes_of_things`)."""
    message = columns.message
    if message is None or columns.name is not None or not head.names_other(message):
        return False
    if _codes_of_things(head, message, section):
        return True
    return not _errors_named(section) and not _half_say_failure([_cell(c, message) for c in data])


def _errors_named(section: Section) -> bool:
    """Whether the section's own title or heading says *error* (``## Error codes``), not only
    *codes* ("Status codes of a subscription" over ``Code | State``), nor only a heading
    above it ("Rate limits" below "# Error codes")."""
    return any(
        text and (_ERRORISH.search(text) is not None or says_error(text))
        for text in (section.title, section.heading)
    )


def _codes_of_things(head: _Head, message: int, section: Section) -> bool:
    """Whether the title says what the codes stand for and the text column is headed so:
    "### Country codes" over "Code | Country" lists countries, not errors (the title's
    "codes" alone announces error codes)."""
    word = head.words[message] if message < len(head.words) else ""
    if not word or _role(word) is not None:
        return False
    return any(
        f"{word} code" in title.casefold() for title in (section.title, section.heading) if title
    )


def _is_note(cells: list[str]) -> bool:
    """Whether a row holds one text that is no code, alone: a note across the table (a
    ``<tfoot>``, a last ``colspan`` row: "See the wallet guide.") or a message without its
    code. It tells nothing of what the columns hold, and titles nothing (a sentence).

    >>> _is_note(["See the wallet guide.", "", ""]), _is_note(["1001", "", ""])
    (True, False)
    """
    filled = [c for c in cells if c]
    return len(cells) > 1 and len(filled) == 1 and not is_code_key(filled[0])


def read_table(block: Block, section: Section) -> list[Entry]:
    """Entries of one table block (empty if it is not an error-code table)."""
    if not block.rows:
        return []
    if len(block.rows) > 2 and not any(block.rows[0]) and any(block.rows[1]):
        # an empty header row over the header (GitBook's data-header-hidden tables)
        block = Block("table", rows=block.rows[1:], struck=block.struck[1:])
    headerless, head = _first_row(block.rows[0], section)
    if headerless:
        struck = (False, *block.struck) if block.struck else ()
        block = Block("table", rows=(("",) * len(block.rows[0]), *block.rows), struck=struck)
    # A table like the last error listing, in the same section, continues it; one without a
    # header has only the codes in it and the headings above to go by.
    context = (
        section.error_context
        or section.listing == (section.heading, head.words)
        or ((headerless or head.is_blank()) and section.within_errors)
    )
    if head.roles_in(context) is None:
        # decided by the header alone: whole-API pages are full of such tables
        return _shared_messages(block, head, section)
    rows = _body(block)
    data = [cells for _, cells, kind in rows if kind == "data"]
    columns = _detect(head, data, context)
    if columns is None and section.within_errors and not context:
        # Only a heading above announces errors: codes of other styles count there beside a
        # column of messages, by its header or by texts that say something failed (not
        # "ERC20 | Ethereum" or "1001 | New" under "Description").
        columns = _detect(head, data, context, loose=True)
        if columns is not None and not (
            head.names_messages(columns.message)
            or _half_say_failure([_cell(c, columns.message) for c in data])
        ):
            columns = None
    if columns is None:
        return _shared_messages(block, head, section)
    if _lists_things(head, columns, data, section):
        return []
    codes = [_cell(cells, columns.code) for cells in data]
    if (
        not head.says_error()
        and (_counts_up(codes) or (_small_numbers(codes) and not section.within_errors))
        and not _errors_named(section)
    ):
        # "Code | Status | Description" of 0 NEW, 1 PARTIALLY_FILLED: an enum, also under a
        # title that says codes but not errors ("Status codes for the health endpoint")
        return []
    section.listing = (section.heading, head.words)
    entries: list[Entry] = []
    # The position changes only at a title row: ask the section once per group, not per row.
    surface, group = section.surface, section.group
    last = rows[-1][0] if rows else -1
    for index, cells, kind in rows:
        if kind == "title" and index != last:  # (under the last row, a note: it titles nothing)
            section.set_title(next(c for c in cells if c))
            surface, group = section.surface, section.group
        elif kind == "data":
            entries += _row_entries(cells, columns, surface, group, block.is_struck(index))
    return entries


def _first_row(first: tuple[str, ...], section: Section) -> tuple[bool, _Head]:
    """Whether a table's first row is a data row (see :func:`_holds_code`), and its header as
    read (the empty one above the first row if so); asked once per distinct first row of a
    document, as whole-API pages repeat their parameter tables' headers."""
    memo = section.remembered("tables: first row")
    found = memo.get(first)
    if found is None:
        headerless = _holds_code(first)
        found = memo[first] = (headerless, _Head.of(("",) * len(first) if headerless else first))
    return found


def _not_a_word(key: str) -> bool:
    # ERROR_CODE may head a column; 10001, AUTH_001, base-symbol-error never do
    return any(ch.isdigit() for ch in key) or not is_identifier(key)


def _holds_code(row: tuple[str, ...]) -> bool:
    """Whether a table's first row holds a code, which a header never does (``| 10001 |
    Invalid parameter |`` on top, an HTML table without ``<th>``): the table has no header.

    >>> _holds_code(("10001", "Invalid parameter")), _holds_code(("ERROR_CODE", "ERROR_MSG"))
    (True, False)
    """
    first = [clean_text(c) for c in row]
    keys = [c for c in first if c and is_code_key(c)]
    if not keys:
        return False
    # "ERROR_CODE | ERROR_MSG": upper-case header words
    return any(_not_a_word(c) for c in keys) or not any(_role(_header_word(c)) for c in first)


# "-2010 NEW_ORDER_REJECTED" named in a heading: a code and its upper-case name.
_NAMED_CODE = re.compile(r"(?<![\w-])([-+]?\d{1,10})\s+([A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9])\b")


def named_codes(title: str | None) -> list[tuple[str, str]]:
    """The ``(code, NAME)`` pairs a heading names, in its order.

    >>> named_codes("Messages for -1010 ERROR_MSG_RECEIVED and -2010 NEW_ORDER_REJECTED")
    [('-1010', 'ERROR_MSG_RECEIVED'), ('-2010', 'NEW_ORDER_REJECTED')]
    """
    if not title or "_" not in title:
        return []
    return [(m.group(1), m.group(2)) for m in _NAMED_CODE.finditer(title)]


def _shared_messages(block: Block, head: _Head, section: Section) -> list[Entry]:
    """A table of messages without codes under a heading that names the codes they belong to::

        ## Messages for -1010 ERROR_MSG_RECEIVED, -2010 NEW_ORDER_REJECTED
        Error message            | Description
        "Unknown order sent."    | The order could not be found.

    Each named code carries every message of the table (with its description); a table of
    messages under any other heading is not a listing of codes.
    """
    named = named_codes(section.heading)
    if not named:
        return []
    if head.roles is None:
        return []  # a parameter table
    roles = head.roles
    messages = [i for i, r in enumerate(roles) if r == "message"]
    if not messages or any(r in ("code", "http_status") for r in roles):
        return []
    message = next((i for i in messages if not head.explains(i)), messages[0])
    explained = [i for i in messages if i != message and head.explains(i)]
    description = explained[0] if explained else None
    surface, group = section.surface, section.group
    entries = []
    for code, name in named:
        for _, cells, kind in _body(block):
            texts = _messages(_cell(cells, message))
            if kind == "title" or not texts:
                continue
            told = _unwrapped(_cell(cells, description)) or None
            entries.append(Entry(code, surface, group, name, None, texts, description=told))
    return entries


def _row_entries(
    cells: list[str], columns: Columns, surface: str, group: str | None, deprecated: bool
) -> list[Entry]:
    """The entries of one data row: one per code its code cell lists, none without a code."""
    cell = _cell(cells, columns.code)
    if not cell:
        return []
    if _as_written(cell):
        entry = _row_entry(cell, cells, columns, surface, group, deprecated)  # (most rows)
        return [entry] if entry is not None else []
    codes, struck, named = _decoded(cell, listing=not columns.json)
    found = (_row_entry(c, cells, columns, surface, group, deprecated or struck) for c in codes)
    return [
        entry if named is None or entry.name else entry.replace(name=named)
        for entry in found
        if entry is not None
    ]


def _row_entry(
    code: str,
    cells: list[str],
    columns: Columns,
    surface: str,
    group: str | None,
    deprecated: bool,
) -> Entry | None:
    """The entry of a row for the code its code cell gives (``None`` if a JSON body has none)."""
    messages = _messages(_cell(cells, columns.message))
    description = _unwrapped(_cell(cells, columns.description)) or None
    if columns.json:
        parsed = json_error(code)
        if parsed is None:
            return None
        code, msg = parsed
        if msg:
            messages = (msg, *messages)
    status = None
    if columns.http_status is not None:
        status = http_status_of(_cell(cells, columns.http_status))
    if status is None and (pseudo := _PSEUDO_HTTP_CODE.match(code)):
        status = int(pseudo.group(1))
    if status is None and columns.status_codes and is_http_status(code):
        status = int(code)
    name = None
    if columns.name is not None:
        name = name_of(_cell(cells, columns.name)) or None
        if name and columns.name == columns.message:
            messages = (name,)  # "TE_ROUTE_ERROR = 11025;": the API returns the name
    if columns.surface is not None and (said := _cell(cells, columns.surface)):
        surface = "websocket" if _WEBSOCKET_CELL.match(said) else "rest"
    return Entry(code, surface, group, name, status, messages, deprecated, description=description)


def _as_written(cell: str) -> bool:
    """Whether a code cell is its code as written (most are): nothing struck, listed, stacked
    or marked in it for :func:`_decoded` to take apart."""
    return not (cell[0] == "~" or " " in cell or cell[-1] in _MARK_ENDS or _LIST_START.match(cell))


def _first_code(cell: str) -> str:
    """The code a cell stands for as its column's kind is judged: the first it lists."""
    if cell and not _as_written(cell):
        return _decoded(cell)[0][0]
    return cell  # (most cells: as they are)


def _decoded(cell: str, listing: bool = True) -> tuple[tuple[str, ...], bool, str | None]:
    """The codes a code cell stands for, whether it strikes them through, and a name stacked
    with the code (``30101 ORDER_QTY_ZERO``); ``listing``: a cell may list several codes.

    >>> _decoded("~5001~"), _decoded("1001, 1002")
    ((('5001',), True, None), (('1001', '1002'), False, None))
    >>> _decoded("30101 ORDER_QTY_ZERO")
    (('30101',), False, 'ORDER_QTY_ZERO')
    """
    code, struck = _code_text(cell)
    if " " in code and (stacked := _CODE_AND_NAME.match(code)):
        return (stacked.group(1),), struck, stacked.group(2)
    if listing and _LIST_START.match(code) and (listed := _listed(code)):
        return listed, struck, None
    return (code,), struck, None


def _listed(cell: str) -> tuple[str, ...] | None:
    """The codes of a cell that lists several sharing its row's meaning (``1001, 1002``,
    ``1003 / 1004``, ``2001<br>2002``), or ``None``: every part a code of one kind, each once.

    >>> _listed("1001, 1002"), _listed("2001\\n2002"), _listed("AUTH_001 / AUTH_002")
    (('1001', '1002'), ('2001', '2002'), ('AUTH_001', 'AUTH_002'))
    >>> _listed("1001"), _listed("-1000, UNKNOWN"), _listed("1001, 1001"), _listed("a/b")
    (None, None, None, None)
    >>> _listed("10,001"), _listed("400 / 10001"), _listed("501,502,503")
    (None, None, ('501', '502', '503'))
    """
    parts = tuple(_LIST_SPLIT.split(cell.strip()))
    if len(parts) < 2 or len(set(parts)) < len(parts):
        return None
    if is_numeric_code(parts[0]):
        # "1,001" is a thousand and one; "400 / 10001" an HTTP status and a code
        if _THOUSANDS.match(cell) or not all(is_numeric_code(p) for p in parts):
            return None
        status = is_http_status(parts[0]) and all(len(p) > 3 for p in parts[1:])
        return None if status else parts
    for kind in (is_identifier, is_code_key):
        if kind(parts[0]):
            return parts if all(kind(p) for p in parts) else None
    return None


def _code_text(cell: str) -> tuple[str, bool]:
    """The code a code cell stands for, and whether the cell strikes it through: ``~5001~``
    (GFM's single tilde), ``0 or absent``, ``110075 182021`` (a struck old code before its
    replacement, the strikethrough gone from the text).

    >>> _code_text("~5001~"), _code_text("0 or absent"), _code_text("110075 182021")
    (('5001', True), ('0', False), ('182021', False))

    A badge or a permalink beside the code is not part of it (``20104 <sup>new</sup>``,
    ``20106 🔗``); a "deprecated" one strikes it:

    >>> _code_text("20104 new"), _code_text("20106 🔗"), _code_text("20107 (deprecated)")
    (('20104', False), ('20106', False), ('20107', True))

    A footnote's mark on it is not either: ``2005*``, ``2005†``, ``2005[1]``.

    >>> _code_text("2005*"), _code_text("ORDER_FAIL†"), _code_text("2005[1]")
    (('2005', False), ('ORDER_FAIL', False), ('2005', False))
    """
    if not cell:
        return cell, False
    if cell[-1] in _MARK_ENDS and (marked := _MARKED.match(cell)):
        return marked.group(1), False
    first = cell[0]
    if first == "~":
        struck = _TILDE_STRUCK.match(cell)
        return (struck.group(1).strip(), True) if struck else (cell, False)
    # The other two start with a sign or a digit (\d: any of str.isdigit's) and hold a space.
    if (
        " " in cell
        and (first in "+-" or first.isdigit())
        and (either := _CODE_OR_WORDS.match(cell) or _CORRECTED.match(cell))
    ):
        return either.group(1), False
    if " " in cell and (badged := _BADGED.match(cell)) and is_code_key(badged.group(1)):
        return badged.group(1), badged.group(2).strip("()[] ").casefold() == "deprecated"
    return cell, False


def _messages(text: str) -> tuple[str, ...]:
    """The messages of a message cell: one, or each quoted string of a cell that lists several
    (``"Rest API trading is not enabled." / "WebSocket API trading is not enabled."``).

    >>> _messages('"A is off." / "B is off."'), _messages('"Unclosed quote'), _messages("")
    (('A is off.', 'B is off.'), ('Unclosed quote',), ())
    """
    if not text:
        return ()
    if text[0] == '"' and (strings := _QUOTED_LIST.match(text)):
        return tuple(s.strip() for s in _QUOTED_ITEM.findall(strings.group(0)) if s.strip())
    if text[0] == '"' and text.count('"') == 1 and len(text) > 1:
        return (text[1:].strip(),)  # a string missing its closing quote
    if "\n" in text:  # one message a line (see _cleaned)
        return tuple(_unwrapped(line) for line in text.split("\n"))
    return (_unwrapped(text),)


def _unwrapped(text: str) -> str:
    """A message cell without the marks around the whole of it: the tildes of a struck-through
    cell (the row is deprecated), the quotes of a JSON string."""
    if text and text[0] in '~"' and (match := _TILDE_STRUCK.match(text) or _QUOTED.match(text)):
        return match.group(1).strip()
    return text
