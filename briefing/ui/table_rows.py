"""The entry table's rows as cells and segments, styled as Textual's ``DataTable`` styles them.

The table builds a row only when it comes into view (and keeps the last
few screens' worth); these functions build one.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.renderables.styled import Styled

from briefing.library import Library, LibraryEntity
from briefing.ui.listing import Column
from briefing.ui.table_layout import CELL_PADDING

_UP, _DOWN = " ▲", " ▼"

_EMPTY = Text(no_wrap=True, end="")


def header_cells(columns: tuple[Column, ...], key: str, reverse: bool) -> list[Text]:
    """The column labels, the one sorted by marked with its direction."""
    return [Text.assemble((c.label, "bold"), (_DOWN if reverse else _UP) if c.key == key else "  ") for c in columns]


def entry_cells(library: Library, columns: tuple[Column, ...], entity: LibraryEntity) -> list[Text]:
    return [column.cell(library, entity) or _EMPTY for column in columns]


def row_segments(
    cells: list[Text],
    widths: list[int],
    *,
    row: int,
    row_style: Style,
    component: Style,
    console: Console,
    options: ConsoleOptions,
    width: int,
) -> list[Segment]:
    """One line of the table ``width`` cells wide: each cell padded and styled, then the row's style to the edge.

    Each cell's style carries its ``row`` and column as meta, as a DataTable's does.
    """
    post = Style.from_color(component.color, component.bgcolor)
    segments: list[Segment] = []
    for index, (cell, cell_width) in enumerate(zip(cells, widths, strict=False)):
        if not cell_width:
            continue  # a column left out of a narrow table
        pre = row_style + Style.from_meta({"row": row, "column": index}) + component
        cell_options = options.update_dimensions(cell_width, 1).update(no_wrap=True, overflow="ellipsis")
        padded = Styled(Padding(cell, (0, CELL_PADDING)), pre_style=pre, post_style=post)
        segments.extend(console.render_lines(padded, cell_options)[0])
    remaining = max(0, width - sum(widths))
    extend = row_style + component + Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})
    segments.append(Segment(" " * remaining, extend))
    return segments
