"""Tables as documentation sites render them where GFM does not (errcat.extract.read.rendered)."""

from __future__ import annotations

import errcat
import pytest
from errcat.extract.read.rendered import table_of

# A header row with an empty extra cell over a two-cell delimiter row: GFM makes it a paragraph,
# a Docusaurus site shows a table (the shape of Bybit v5's error page, written afresh).
SITE_TABLE = """# Error codes

## Wallet

|Code |Description |        |
|:-----|:------------|
|620001 | wallet frozen.  |
|620002 | address not whitelisted.|
|620003|
| 620004 | withdrawal amount below the minimum | ignored extra cell |

## Lending

| Code | Description |
|:-----|:------------|
| 630001 | loan not found |
"""


@pytest.mark.parametrize("fast", [True, False])
def test_a_header_with_an_empty_extra_cell_is_a_table(fast):
    cat = errcat.extract(SITE_TABLE, fast=fast)
    assert [(e.code, e.group, e.messages) for e in cat] == [
        ("620001", "Wallet", ("wallet frozen.",)),
        ("620002", "Wallet", ("address not whitelisted.",)),
        ("620003", "Wallet", ()),  # a row short of a cell
        ("620004", "Wallet", ("withdrawal amount below the minimum",)),
        ("630001", "Lending", ("loan not found",)),
    ]


def test_only_the_shape_sites_accept_becomes_a_table():
    assert table_of("|Code |Msg | |\n|--|--|\n|1 | a |").rows == (("Code", "Msg"), ("1", "a"))
    # the extra header cell names a column: not the rendering quirk, left a paragraph
    assert table_of("|Code |Msg |Note|\n|--|--|\n|1 | a |") is None
    assert table_of("|Code |Msg |\n|1 | a |\n|2 | b |") is None  # no delimiter row
    assert table_of("|Code |Msg | |\n|--|--|") is None  # no body


def test_a_rendered_table_of_parameters_stays_out():
    doc = "# Errors\n\n|Parameter |Type | |\n|--|--|\n|symbol | string |\n|qty | 10 |\n"
    assert len(errcat.extract(doc)) == 0
