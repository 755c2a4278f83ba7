"""A table drawn line by line that looks and answers keys as Textual's ``DataTable`` does.

Only the rows on screen are ever built (and the last few screens' worth
kept): a DataTable builds and measures every cell of every row when it is
filled, which took 9 s for a list of 49,000 claims.  A subclass says how
many rows there are and what is in them; the columns' widths come measured
(``table_layout``), since measuring is slow work for a thread worker.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.ui.listing import Column
from briefing.ui.motions import motions, rows_of
from briefing.ui.table_layout import cell_widths, column_at, layout
from briefing.ui.table_rows import row_segments

_CACHED_ROWS = 1_000
"""Rows whose cells are kept once built (a few screens' worth); the cache starts again past it."""


class LineTable(ScrollView, can_focus=True):
    """Cells in columns under a header line, with a cursor row and a row under the mouse; a subclass fills it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Textual's DataTable keys (the help lists them under "moving"), without a description of their own.
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("right", "scroll_right", show=False),
        Binding("left", "scroll_left", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("ctrl+home", "move_to(0)", show=False),
        Binding("ctrl+end", "move_to(-1)", show=False),
        Binding("home", "scroll_home", show=False),
        Binding("end", "scroll_end", show=False),
        *motions(
            {
                "down": "cursor_down",
                "up": "cursor_up",
                "first": "move_to(0)",
                "last": "move_to(-1)",
                "half_down": "page(0.5)",
                "half_up": "page(-0.5)",
            }
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-table--cursor",
        "line-table--hover",
        "line-table--header",
        "line-table--header-cursor",
        "line-table--header-hover",
    }

    DEFAULT_CSS = """
    LineTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .line-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .line-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .line-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .line-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .line-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .line-table--header-cursor {
            background: $accent-darken-1;
            color: $foreground;
        }
        & > .line-table--header-hover {
            background: $accent 30%;
        }
        & > .line-table--hover {
            background: $block-hover-background;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, repaint=False, always_update=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._columns: tuple[Column, ...] = ()
        self._widths: list[int] = []
        """Each column's widest cell, as measured."""
        self._layout: list[int] = []
        """Each column's width as laid out in the table's width now (0: left out)."""
        self._cells: dict[int, list[Text]] = {}
        self._lines: dict[tuple[object, ...], Strip] = {}
        self._base_style: Style | None = None
        self._hover_row: int | None = None
        self._show_hover = False

    # -- what a subclass tells ------------------------------------------------

    @property
    def row_count(self) -> int:
        """Rows in the table (built or not), the header not counted."""
        raise NotImplementedError

    def _row_cells(self, row: int) -> list[Text]:
        """The cells of ``row``, one per column."""
        raise NotImplementedError

    def _header_cells(self) -> list[Text]:
        raise NotImplementedError

    def _header_clicked(self, column: Column) -> None:
        """The reader clicked ``column``'s header."""

    def _kept_column(self) -> str:
        """The key of a column shown however narrow the table (the one sorted by), or ""."""
        return ""

    def action_select_cursor(self) -> None:
        """Enter, or a click on the cursor's row: a subclass says what it opens."""
        self._keys_moved()

    # -- filling --------------------------------------------------------------

    def _refill(self, columns: tuple[Column, ...], widths: list[int] | None, cursor: int) -> None:
        """Draw the rows afresh under ``columns`` (``widths`` None: as wide as before), the cursor on row ``cursor``."""
        self._columns = columns
        if widths is not None:
            self._widths = widths
        self._cells.clear()
        self._layout = self._lay_out()
        self._relayout()
        self.move_cursor(row=cursor, force=True)
        # The new virtual size is laid out on the next refresh; scrolled before it, a row far down clamps to the top.
        self.call_after_refresh(self._scroll_to_cursor)

    def _lay_out(self) -> list[int]:
        return layout(self._columns, self._widths, self.size.width or 80, self._kept_column())

    def _render_widths(self) -> list[int]:
        return cell_widths(self._layout)

    def _relayout(self) -> None:
        self._lines.clear()
        size = Size(sum(self._render_widths()), self.row_count + 1)
        if self.virtual_size != size:
            self.virtual_size = size
        self.refresh()

    def on_resize(self) -> None:
        self._layout = self._lay_out()
        self._relayout()

    # -- the cursor -------------------------------------------------------------

    def move_cursor(self, *, row: int, force: bool = False) -> None:
        """Put the cursor on ``row`` (clamped) and in view."""
        if not self.row_count:
            self.set_reactive(LineTable.cursor_row, 0)
            self.refresh()
            return
        row = max(0, min(self.row_count - 1, row))
        if force:
            self.set_reactive(LineTable.cursor_row, row)
            self.refresh()
            self._cursor_moved()
        else:
            self.cursor_row = row

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh()
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        self._scroll_to_cursor()

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top, rows = round(self.scroll_y), self._page_rows()
        row = self.cursor_row
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + rows:
            self.scroll_to(y=row - rows + 1, animate=False, immediate=True)

    def _keys_moved(self) -> None:
        if self._show_hover:
            self._show_hover = False
            self._lines.clear()
            self.refresh()

    def action_cursor_up(self) -> None:
        self._keys_moved()
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self._keys_moved()
        self.move_cursor(row=self.cursor_row + 1)

    def action_page(self, pages: float) -> None:
        """Move by ``pages`` pages (a half: ctrl+d, ctrl+u), the rows scrolling with the cursor."""
        self._keys_moved()
        rows = rows_of(pages, self._page_rows())
        self.scroll_to(y=self.scroll_y + rows, animate=False, immediate=True)
        self.move_cursor(row=self.cursor_row + rows)

    def action_move_to(self, row: int) -> None:
        self._keys_moved()
        self.move_cursor(row=row % self.row_count if self.row_count else 0)

    def action_scroll_home(self) -> None:
        self._keys_moved()
        self.scroll_to(x=0, animate=False)

    def action_scroll_end(self) -> None:
        self._keys_moved()
        self.scroll_to(x=self.max_scroll_x, animate=False)

    # -- the mouse --------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int | None:
        """The row under the mouse: -1 for the header, None outside the rows."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        if offset.y == 0:
            return -1
        row = round(self.scroll_y) + offset.y - 1
        return row if row < self.row_count else None

    async def _on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is None:
            return
        event.stop()
        if row == -1:
            offset = event.get_content_offset(self)
            x = offset.x + round(self.scroll_x) if offset is not None else None
            column = column_at(self._columns, self._render_widths(), x) if x is not None else None
            if column is not None:
                self._header_clicked(column)
            return
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_at(event)
        if (row, True) != (self._hover_row, self._show_hover):
            self._hover_row, self._show_hover = row, row is not None
            self._lines.clear()
            self.refresh()

    def on_leave(self, _: events.Leave) -> None:
        if self._show_hover:
            self._show_hover = False
            self._lines.clear()
            self.refresh()

    # -- drawing --------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._lines.clear()

    def redraw_rows(self) -> None:
        """Build every row's cells again as they come on screen (what a subclass puts in them changed)."""
        self._cells.clear()
        self._lines.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if self._base_style is None:
            self._base_style = self.rich_style
        base = self._base_style
        width = self.size.width
        row = -1 if y == 0 else round(self.scroll_y) + y - 1
        if row >= self.row_count or not self._columns:
            return Strip.blank(width, base)
        scroll_x = round(self.scroll_x)
        hover = self._show_hover and row == self._hover_row
        key = (row, row == self.cursor_row, hover, width, scroll_x, self.has_focus)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) >= _CACHED_ROWS:
                self._lines.clear()
            segments = self._row_segments(row, base, cursor=row == self.cursor_row, hover=hover)
            line = Strip(segments).crop(scroll_x, scroll_x + width)
            strip = line.adjust_cell_length(width, base).simplify()
            self._lines[key] = strip
        return strip

    def _cells_of(self, row: int) -> list[Text]:
        if row == -1:
            return self._header_cells()
        cells = self._cells.get(row)
        if cells is None:
            if len(self._cells) >= _CACHED_ROWS:
                self._cells.clear()
            cells = self._row_cells(row)
            self._cells[row] = cells
        return cells

    def _component(self, *, header: bool, cursor: bool, hover: bool) -> Style:
        """The style the cursor and the mouse put on a cell, as a DataTable composes it."""
        style = Style()
        if hover:
            style += self.get_component_rich_style("line-table--hover")
            if header:
                style += self.get_component_rich_style("line-table--header-hover")
        if cursor:
            style += self.get_component_rich_style("line-table--cursor")
            if header:
                style += self.get_component_rich_style("line-table--header-cursor")
        return style

    def _row_segments(self, row: int, base: Style, *, cursor: bool, hover: bool) -> list[Segment]:
        header = row == -1
        return row_segments(
            self._cells_of(row),
            self._render_widths(),
            row=row,
            row_style=self.get_component_styles("line-table--header").rich_style if header else base,
            component=self._component(header=header, cursor=cursor, hover=hover),
            console=self.app.console,
            options=self.app.console_options,
            width=self.size.width,
        )
