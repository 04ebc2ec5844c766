"""Finding the error codes inside a whole API document, and nothing else."""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser

import errcat
import pytest
from errcat.errors import ErrcatError
from errcat.extract.read.detect import (
    ERROR_CONTEXT,
    ERROR_HINTS,
    is_code,
    is_identifier,
    is_numeric_code,
    json_error,
    mentions_errors,
    mostly,
    name_of,
    share,
)
from errcat.extract.read.words import mentions
from hypothesis import given
from hypothesis import strategies as st

WHOLE_API = """# Exchange API

## Changelog

### 2022-09-16

* Added the order endpoint. Error -2021 is now returned when the price is out of range.

## General Info

### HTTP Return Codes

* HTTP `4XX` return codes are used for malformed requests.
* HTTP `429` return code is used when breaking a request rate limit.

### Error Codes and Messages

> ***The error payload is as follows:***

```javascript
{"code": -1121, "msg": "Invalid symbol."}
```

## New Order (TRADE)

**Parameters:**

| Name | Type | Mandatory | Description |
| --- | --- | --- | --- |
| symbol | STRING | YES | |
| code | INT | NO | 1 or 2 |

**Response:**

| Status | Meaning | Description |
| --- | --- | --- |
| 200 | OK | Order accepted |

## Enums

### Order status (status)

* `1` - New
* `2` - Filled

| Value | Meaning |
| --- | --- |
| 10 | Ten |

### Rate limits

| Interval | Limit |
| --- | --- |
| 60 | 1200 |

# Error Codes

## 10xx - General Server or Network issues

> -1000 UNKNOWN

* An unknown error occured while processing the request.

> -1003 TOO_MANY_REQUESTS

* Too many requests queued.

## 20xx - Processing Issues

### -2010 NEW_ORDER_REJECTED

* NEW_ORDER_REJECTED

## Websocket Errors

| Error Message | Description |
| --- | --- |
| {"code": 2, "msg": "Invalid request: too many parameters"} | Unnecessary parameters |
"""


def test_whole_document_gives_only_the_error_listings():
    cat = errcat.extract(WHOLE_API)
    assert [(e.code, e.surface, e.group) for e in cat] == [
        ("-1000", "rest", "10xx - General Server or Network issues"),
        ("-1003", "rest", "10xx - General Server or Network issues"),
        ("-2010", "rest", "20xx - Processing Issues"),
        ("2", "websocket", "Websocket Errors"),
    ]


def test_whole_document_renders_to_the_same_html_catalog():
    from tests.test_extract_html import rendered

    assert errcat.extract(rendered(WHOLE_API)).entries == errcat.extract(WHOLE_API).entries


def test_code_predicates():
    assert is_code("-1121") and is_code("00001") and is_code("AUTH_001")
    assert is_code("HTTP ERROR CODE 403")
    assert not is_code("Invalid symbol") and not is_code("OK")
    assert is_identifier("TE_ROUTE_ERROR = 11025;") and name_of("TE_ROUTE_ERROR = 11025;") == (
        "TE_ROUTE_ERROR"
    )
    assert json_error('{"code":3,"msg":"Invalid JSON: expected value at line %s column %s"}') == (
        "3",
        "Invalid JSON: expected value at line %s column %s",
    )
    assert json_error('{"symbol": "BTCUSDT"}') is None
    assert mentions_errors("BizError Field") and mentions_errors("Return Code (rc)")
    assert not mentions_errors("Rate limits")


ODD = {
    "binary": b"\x00\x01\x02\x03",
    "empty": b"   \n",
    "deep html": "<div>" * 20000 + "</div>" * 20000,
    "unclosed cells": "<table><tr><td>" * 3000,
    "json-ish garbage": '# Errors\n\n| Error Message | Description |\n|--|--|\n| {"code": | x |\n',
    "front matter only": "---\ntitle: Errors\n---\n",
    "component garbage": "### Errors\n\n<ErrorList\n" + "{ code: 1, " * 2000 + "\n",
}


@pytest.mark.parametrize("doc", ODD.values(), ids=ODD.keys())
def test_odd_input_gives_a_catalog_or_an_errcat_error(doc):
    try:
        errcat.extract(doc, name="odd.html")
    except ErrcatError as err:
        assert str(err).startswith("odd.html: ") and "\n" not in str(err)


def literal_runs(pattern: re.Pattern[str]) -> list[list[str]]:
    """For each top-level alternative of ``pattern``, the runs of literal text it must match."""
    ((branch, (_, alternatives)),) = _parser.parse(pattern.pattern, pattern.flags)
    assert branch is sre.BRANCH
    found = []
    for alternative in alternatives:
        runs, run = [], ""
        for op, arg in alternative:
            if op is sre.LITERAL:
                run += chr(arg).lower()
            else:
                runs.append(run)
                run = ""
        found.append([r for r in [*runs, run] if r])
    return found


def test_every_error_context_alternative_holds_a_hint():
    """mentions_errors skips the regex for text without a hint: each alternative needs one."""
    for runs in literal_runs(ERROR_CONTEXT):
        assert any(hint in run for hint in ERROR_HINTS for run in runs), runs


# Titles made of the letters the error words use, in both cases, with the characters re.I folds
# specially (long s, Kelvin sign) and the Chinese words.
TITLE_TEXT = st.text(
    alphabet=st.sampled_from(list("eErRoOsSnNcCdDtTuUjJmMk _-:\t1ſK错误码")), max_size=16
)


@given(TITLE_TEXT)
def test_mentions_errors_agrees_with_its_regex(title):
    if ERROR_CONTEXT.search(title):
        assert mentions_errors(title)
    elif title.isascii() and "_" not in title:
        # (other languages and upper-case names go by the shipped words: test_extract_words;
        # "Errores", "Hatalar" are ASCII)
        foreign = mentions(title, "error", foreign=True) or mentions(
            title, "error_code", foreign=True
        )
        assert mentions_errors(title) is foreign


@pytest.mark.parametrize("title", ["SYSTEM_ERROR", "エラーコード一覧", "Коды ошибок", "Mã lỗi"])
def test_titles_in_other_languages_and_names_mention_errors(title):
    assert mentions_errors(title)


@pytest.mark.parametrize("title", ["ORDER_STATUS", "Статус ордера", "注文の種類"])
def test_other_titles_in_other_languages_do_not(title):
    assert not mentions_errors(title)


@pytest.mark.parametrize(
    "title", ["ERRORS", "Return  Code", "RC", "Rejected orders", "错误码", "MC", "errno 5"]
)
def test_mentions_errors_in_any_case(title):
    assert mentions_errors(title)


CELLS = st.lists(st.sampled_from(["", "1", "-1121", "x", "Bad symbol"]), max_size=12)


@given(CELLS, st.sampled_from([0.5, 0.8, 1.0]))
def test_mostly_is_share_at_least(cells, at_least):
    assert mostly(cells, is_numeric_code, at_least) == (share(cells, is_numeric_code) >= at_least)
