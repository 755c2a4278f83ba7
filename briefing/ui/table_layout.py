"""How wide the entry table's columns are: each as wide as its widest cell, the free-text one given what is left.

The table measures its columns once, when a list is listed afresh (in the
sorting worker, ``table_order``); a resize only changes the free-text
column.
"""

from __future__ import annotations

from briefing.library import Library, LibraryEntity
from briefing.ui.listing import Column

FILL_MIN = 12
"""The free-text column (a claim, a title) is never narrower than this; the table scrolls instead."""

SCROLLBAR = 2

CELL_PADDING = 1


def content_widths(library: Library, columns: tuple[Column, ...], rows: list[LibraryEntity]) -> list[int]:
    """Each column's widest cell (its label and sort marker included), as a DataTable measures it."""
    widths = [len(c.label) + 2 for c in columns]
    for entity in rows:
        for index, column in enumerate(columns):
            widths[index] = max(widths[index], column.cell(library, entity).cell_len)
    return widths


def fill_width(columns: tuple[Column, ...], widths: list[int], available: int) -> int:
    """What the free-text column gets of ``available`` cells: the width the other columns leave, within reason."""
    fill = [i for i, c in enumerate(columns) if c.fill]
    if not fill or not widths:
        return 0
    padding = 2 * CELL_PADDING * len(widths) + SCROLLBAR
    others = sum(w for i, w in enumerate(widths) if i not in fill)
    free = available - padding - others
    return max(FILL_MIN, min(free, widths[fill[0]]))


def cell_widths(columns: tuple[Column, ...], widths: list[int], fill: int) -> list[int]:
    """Each column's width on screen, padding included, with ``fill`` cells for the free-text column."""
    return [2 * CELL_PADDING + (fill if column.fill else width) for column, width in zip(columns, widths, strict=False)]


def column_at(columns: tuple[Column, ...], cell_widths: list[int], x: int) -> Column | None:
    """The column at ``x`` across the whole table (scrolled or not)."""
    left = 0
    for column, width in zip(columns, cell_widths, strict=False):
        if left <= x < left + width:
            return column
        left += width
    return None
