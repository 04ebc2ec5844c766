"""Blockquote definitions: ``> -1000 UNKNOWN`` followed by bullet messages."""

from __future__ import annotations

import errcat

DOC = """## **Overview**

> Here is the error JSON payload:

```javascript
{"code": -1121, "msg": "Invalid symbol."}
```

## **10xx - General Server or Network issues**

> -1000 UNKNOWN

* An unknown error occured while processing the request.

> -1003 TOO_MANY_REQUESTS

* Too many requests queued.
* Way too many requests; IP banned until %s.

## **40xx - Filters and other Issues**

> -4164 MIN_NOTIONAL

* Order's notional must be no smaller than %s (unless you choose reduce only)
"""


def test_quote_definitions_with_bullets_and_bold_groups():
    cat = errcat.extract(DOC)
    assert [(e.code, e.name, e.group) for e in cat] == [
        ("-1000", "UNKNOWN", "10xx - General Server or Network issues"),
        ("-1003", "TOO_MANY_REQUESTS", "10xx - General Server or Network issues"),
        ("-4164", "MIN_NOTIONAL", "40xx - Filters and other Issues"),
    ]
    assert cat.get("-1003").messages == (
        "Too many requests queued.",
        "Way too many requests; IP banned until %s.",
    )


def test_payload_quote_and_example_json_are_not_entries():
    assert not errcat.extract(DOC).lookup("-1121")


def test_unnamed_quote_outside_error_sections_is_prose():
    assert list(errcat.extract("## Notes\n\n> 2048 bytes at most\n")) == []


def test_struck_quote_is_deprecated():
    cat = errcat.extract("## Errors\n\n> ~~-2010 NEW_ORDER_REJECTED~~\n\n* Rejected.\n")
    assert cat.get("-2010").deprecated is True
