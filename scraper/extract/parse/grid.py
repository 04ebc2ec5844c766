"""An HTML table's rows as a grid: merged cells (``rowspan``, ``colspan``) put where they show.

Doc sites merge the cells that repeat: one HTTP status beside the codes that share it, one
"module" cell down a group, a title row across the whole table. Read cell by cell, every row
under a ``rowspan`` is one cell short and its columns shift left (the message lands in the
status column), and a title row reads as a code. Laid out as a browser draws them, each row
has its cells in their columns: a row-spanning cell's text is repeated in the rows it covers,
a column-spanning cell takes its first column and leaves the others empty (so a title row stays
one filled cell, a title).

>>> lay_out([[("400", 2, 1), ("P1001", 1, 1)], [("P1002", 1, 1)]])
[('400', 'P1001'), ('400', 'P1002')]
>>> lay_out([[("Request errors", 1, 3)], [("1001", 1, 1), ("400", 1, 1), ("Bad", 1, 1)]])
[('Request errors', '', ''), ('1001', '400', 'Bad')]
"""

from __future__ import annotations

from collections.abc import Iterable

# Bounds on what a page may ask, so that a small hostile table makes no huge grid (rows are
# only ever the rows given): no listing has a hundred columns.
MAX_COLSPAN = 100
MAX_ROWSPAN = 65534  # the HTML standard's own limit
MAX_WIDTH = 100


def span(value: str | None, limit: int) -> int:
    """A ``rowspan``/``colspan`` attribute as a count: 1 unless a whole number from 1 up.

    >>> span("3", 10), span("0", 10), span("x", 10), span(None, 10), span("99", 10)
    (3, 1, 1, 1, 10)
    """
    try:
        n = int((value or "").strip())
    except ValueError:
        return 1
    return min(max(n, 1), limit)


# Characters a table's spans may repeat, beyond a few times its own text: one long cell over
# thousands of rows would make a small page into megabytes of messages.
MIN_COPIES = 100_000
COPIES_PER_CHARACTER = 4


def lay_out(rows: Iterable[list[tuple[str, int, int]]]) -> list[tuple[str, ...]]:
    """Rows of ``(text, rowspan, colspan)`` cells as rows of texts, column by column."""
    rows = list(rows)
    size = sum(len(text) for cells in rows for text, _, _ in cells)
    budget = [max(MIN_COPIES, COPIES_PER_CHARACTER * size)]  # left to repeat (then: "")
    # columns a colspan may add, beyond a few per cell: a page of cells that each span a
    # hundred columns would be a grid a hundred times its size
    spread = max(MIN_COPIES, COPIES_PER_CHARACTER * sum(len(cells) for cells in rows))
    out: list[tuple[str, ...]] = []
    # column -> (text, rows still covered) of the cells spanning down from rows above
    above: dict[int, tuple[str, int]] = {}
    for cells in rows:
        row: list[str] = []
        for text, rowspan, colspan in cells:
            _covered(row, above, budget)
            if colspan > 1:
                colspan = min(colspan, spread + 1)
                spread -= colspan - 1
            for k in range(colspan):
                if len(row) >= MAX_WIDTH:
                    break
                above.pop(len(row), None)  # a cell laid over a span from above ends it there
                if rowspan > 1:
                    above[len(row)] = (text if k == 0 else "", rowspan - 1)
                row.append(text if k == 0 else "")
        _covered(row, above, budget)
        # a cell from above further right than this row's own cells reach
        while above and max(above) >= len(row):
            if len(row) not in above:
                row.append("")
            _covered(row, above, budget)
        out.append(tuple(row))
    return out


def _covered(row: list[str], above: dict[int, tuple[str, int]], budget: list[int]) -> None:
    """The texts of the cells from above that take the columns where ``row`` has reached."""
    while len(row) in above:
        text, left = above[len(row)]
        if left > 1:
            above[len(row)] = (text, left - 1)
        else:
            del above[len(row)]
        if len(text) > budget[0]:
            text = ""  # the table has repeated enough
        budget[0] -= len(text)
        row.append(text)
