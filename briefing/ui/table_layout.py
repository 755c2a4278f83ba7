"""How wide the entry table's columns are: each as its job wants, the main text given what is left.

A date, a kind or a count is as wide as its widest cell; a name is, up to
a moderate width (``Column.width``), cut with an ellipsis beyond; the main
text (``Column.fill``: a claim, a title) takes the rest.  When the rest would
be less than ``FILL_SHARE`` of the table, the names give up cells (down to
``Column.least``), and then the columns that say least (``Column.drop``: a
claim's status, its kind) are left out, the one sorted by never; the
detail pane shows them all.

The table measures its columns once, when a list is listed afresh (in the
sorting worker, ``table_order``); a resize or a new sort only lays them out
again (``layout``), which is cheap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from briefing.library import Library
from briefing.ui.listing import Column

FILL_MIN = 12
"""The free-text column (a claim, a title) is never narrower than this; the table scrolls instead."""

FILL_SHARE = 0.4
"""The share of the table's width the main text should have before the other columns give up theirs."""

SCROLLBAR = 2

CELL_PADDING = 1


def content_widths(library: Library, columns: tuple[Column, ...], rows: Sequence[Any]) -> list[int]:
    """Each column's widest cell (its label and sort marker included), as a DataTable measures it."""
    widths = [len(c.label) + 2 for c in columns]
    for entity in rows:
        for index, column in enumerate(columns):
            widths[index] = max(widths[index], column.cell(library, entity).cell_len)
    return widths


def layout(columns: tuple[Column, ...], content: list[int], available: int, keep: str = "") -> list[int]:
    """Each column's width in ``available`` cells, padding not counted; 0 for a column left out.

    ``content`` is each column's widest cell; ``keep`` the key of a column
    that stays whatever the room (the one sorted by).
    """
    fill = next((i for i, c in enumerate(columns) if c.fill), None)
    if len(content) != len(columns):
        return list(content)  # not measured yet
    capped = [w if c.fill or not c.width else min(w, c.width) for c, w in zip(columns, content, strict=False)]
    if fill is None:
        return capped
    wanted = min(content[fill], max(FILL_MIN, math.ceil(available * FILL_SHARE)))
    droppable = sorted(
        (i for i, c in enumerate(columns) if c.drop and c.key != keep), key=lambda i: (-columns[i].drop, i)
    )
    widths = capped
    for left_out in range(len(droppable) + 1):
        widths = [0 if i in droppable[:left_out] else w for i, w in enumerate(capped)]
        _squeeze(columns, widths, fill, available, wanted)
        if _free(widths, fill, available) >= wanted:
            break
    widths[fill] = max(FILL_MIN, min(content[fill], _free(widths, fill, available)))
    return widths


def _free(widths: list[int], fill: int, available: int) -> int:
    """The cells the main text would have beside the other columns as ``widths`` has them."""
    shown = sum(1 for i, w in enumerate(widths) if w or i == fill)
    others = sum(w for i, w in enumerate(widths) if i != fill)
    return available - SCROLLBAR - 2 * CELL_PADDING * shown - others


def _squeeze(columns: tuple[Column, ...], widths: list[int], fill: int, available: int, wanted: int) -> None:
    """Take cells from the names, the widest first and down to each one's least, until the main text has ``wanted``."""
    short = wanted - _free(widths, fill, available)
    while short > 0:
        give = [i for i, c in enumerate(columns) if c.least and widths[i] > c.least and i != fill]
        if not give:
            return
        widest = max(give, key=lambda i: (widths[i] - columns[i].least, -i))
        widths[widest] -= 1
        short -= 1


def cell_widths(widths: list[int]) -> list[int]:
    """Each column's width on screen, padding included; 0 for a column left out."""
    return [2 * CELL_PADDING + width if width else 0 for width in widths]


def column_at(columns: tuple[Column, ...], cell_widths: list[int], x: int) -> Column | None:
    """The column at ``x`` across the whole table (scrolled or not)."""
    left = 0
    for column, width in zip(columns, cell_widths, strict=False):
        if left <= x < left + width:
            return column
        left += width
    return None
