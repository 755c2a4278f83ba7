"""The entries of one view (a briefing's actors, claims, events or sources) as a sortable table.

Moving the cursor previews an entry (``Previewed``); enter or a second
click opens it (``Opened``).  Click a column's header, or press ``s``, to
sort by it; the same again reverses the order.

It looks and answers keys as Textual's ``DataTable`` did, but draws line by
line: only the rows on screen are ever built.  A DataTable builds and
measures every cell of every row when it is filled, which took 9 s for a
list of 49,000 claims and again at each sort.  Here the list is put in
order, and the columns measured, in a thread worker (``table_order``); the
result comes back as a message (``Sorted``) and is applied on the event
loop, and keys pressed meanwhile act on the rows shown until then.  How wide
the columns are is ``table_layout``'s job, and how a row is drawn
``table_rows``'.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.library import Library, LibraryEntity
from briefing.model.vocabulary import EntityKind
from briefing.ui.listing import COLUMNS, Column
from briefing.ui.table_layout import cell_widths, column_at, fill_width
from briefing.ui.table_order import OrderedList, OrderRequest, SortChoices, put_in_order
from briefing.ui.table_rows import component_style, entry_cells, header_cells, row_segments

_CACHED_ROWS = 1_000
"""Rows whose cells are kept once built (a few screens' worth); the cache starts again past it."""


class EntryTable(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            "open",
            key_display="enter",
            tooltip="Open the entry and move to its links",
            id="list.open",
        ),
        Binding("s", "sort_next", "sort", show=False, tooltip="Sort by the next column", id="list.sort"),
        Binding("r", "reverse", "reverse", show=False, tooltip="Reverse the order", id="list.reverse"),
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
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entry-table--cursor",
        "entry-table--hover",
        "entry-table--header",
        "entry-table--header-cursor",
        "entry-table--header-hover",
    }

    DEFAULT_CSS = """
    EntryTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .entry-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .entry-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .entry-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .entry-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .entry-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .entry-table--header-cursor {
            background: $accent-darken-1;
            color: $foreground;
        }
        & > .entry-table--header-hover {
            background: $accent 30%;
        }
        & > .entry-table--hover {
            background: $block-hover-background;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, repaint=False, always_update=True)

    class Previewed(Message):
        """The cursor rests on an entry."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class Opened(Message):
        """The reader chose an entry (enter or a second click)."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class Sorted(Message):
        """The worker's answer to ``request``: a list in order."""

        def __init__(self, request: OrderRequest, ordered: OrderedList) -> None:
            super().__init__()
            self.request = request
            self.ordered = ordered

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.library: Library | None = None
        self.kind: EntityKind | None = None
        self.briefing_id: str | None = None
        self._entries: list[LibraryEntity] = []
        self._columns: tuple[Column, ...] = ()
        self._shown_sort: tuple[str, bool] = ("", False)
        self._rows: dict[str, int] = {}
        self._widths: list[int] = []
        self._fill_width = 0
        self._sort = SortChoices()
        self._serial = 0
        self._pending: OrderRequest | None = None
        self._keep: str | None = None
        self._cells: dict[int, list[Text]] = {}
        self._lines: dict[tuple[object, ...], Strip] = {}
        self._base_style: Style | None = None
        self._hover_row: int | None = None
        self._show_hover = False

    # -- what the browser reads -------------------------------------------------

    @property
    def columns_spec(self) -> tuple[Column, ...]:
        return COLUMNS[self.kind] if self.kind is not None else ()

    @property
    def entity_ids(self) -> list[str]:
        """The ids in the order shown."""
        return [e.id for e in self._entries]

    @property
    def row_count(self) -> int:
        """Rows in the list (built or not)."""
        return len(self._entries)

    @property
    def built_rows(self) -> int:
        """Rows whose cells have been built so far: those that were on screen."""
        return len(self._cells)

    @property
    def sorting(self) -> bool:
        """A list or an order was asked for and is not shown yet."""
        return self._pending is not None

    @property
    def current_id(self) -> str | None:
        if not self._entries or not 0 <= self.cursor_row < len(self._entries):
            return None
        return self._entries[self.cursor_row].id

    # -- filling --------------------------------------------------------------

    def show(self, library: Library, kind: EntityKind, briefing_id: str | None, select: str | None = None) -> None:
        """List ``kind`` entries of a briefing (or of the library), with the cursor on ``select``.

        The rows arrive from a worker: until then the previous list stays, and
        ``current_id`` is its row's.
        """
        if (library, kind, briefing_id) != (self.library, self.kind, self.briefing_id):
            self.library, self.kind, self.briefing_id = library, kind, briefing_id
            self._keep = select
            self._request(fresh=True)
        elif select is not None:
            self.select(select)
            if self._pending is not None:
                self._keep = select  # where the cursor goes when the list on its way arrives

    def select(self, entity_id: str) -> bool:
        """Put the cursor on ``entity_id``, if listed."""
        row = self._rows.get(entity_id)
        if row is None:
            return False
        if row != self.cursor_row:
            self.move_cursor(row=row)
        return True

    def _request(self, *, fresh: bool) -> None:
        assert self.library is not None and self.kind is not None
        key, reverse = self._sort.of(self.kind)
        if not fresh and self._pending is not None and self._pending.rows is None:
            fresh = True  # the list itself is still on its way: ask for it again, in the new order
        rows = None if fresh else self._entries
        self._serial += 1
        self._pending = OrderRequest(self._serial, self.library, self.kind, self.briefing_id, key, reverse, rows)
        self._sort_rows(self._pending)

    # A description of its own: by default Textual writes out the arguments, here 49,000 entries.
    @work(thread=True, exclusive=True, group="entry-table", description="sorting the list")
    def _sort_rows(self, request: OrderRequest) -> None:
        self.post_message(self.Sorted(request, put_in_order(request)))

    def on_entry_table_sorted(self, message: EntryTable.Sorted) -> None:
        message.stop()
        request = message.request
        if self._pending is None or request.serial != self._pending.serial:
            return  # a later list or order was asked for since
        self._pending = None
        keep = self._keep if self._keep is not None else self.current_id  # else the row under the cursor now
        self._keep = None
        ordered = message.ordered
        self._entries = ordered.rows
        self._columns = COLUMNS[request.kind]
        self._shown_sort = (request.key, request.reverse)
        if ordered.widths is not None:
            self._widths = ordered.widths
        self._rows = ordered.index
        self._cells.clear()
        self._fill_width = self._width_to_fill()
        self._relayout()
        row = self._rows.get(keep, 0) if keep is not None else 0
        self.move_cursor(row=row, force=True)
        # The new virtual size is laid out on the next refresh; scrolled before it, a row far down clamps to the top.
        self.call_after_refresh(self._scroll_to_cursor)

    def _width_to_fill(self) -> int:
        return fill_width(self._columns, self._widths, self.size.width or 80)

    def _render_widths(self) -> list[int]:
        return cell_widths(self._columns, self._widths, self._fill_width)

    def _relayout(self) -> None:
        self._lines.clear()
        size = Size(sum(self._render_widths()), len(self._entries) + 1)
        if self.virtual_size != size:
            self.virtual_size = size
        self.refresh()

    def on_resize(self) -> None:
        fill = self._width_to_fill()
        if fill != self._fill_width:
            self._fill_width = fill
            self._cells.clear()
        self._relayout()

    # -- sorting --------------------------------------------------------------

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        """Sort by column ``key``; with ``reverse`` None, sorting by the current column flips its order."""
        if self.kind is None:
            return
        self._sort.choose(self.kind, key, reverse)
        self._request(fresh=False)

    def action_sort_next(self) -> None:
        if self.kind is not None:
            self.sort_by(self._sort.next_column(self.kind), reverse=False)

    def action_reverse(self) -> None:
        if self.kind is not None:
            current, reversed_now = self._sort.of(self.kind)
            self.sort_by(current, not reversed_now)

    # -- the cursor -------------------------------------------------------------

    def move_cursor(self, *, row: int, force: bool = False) -> None:
        """Put the cursor on ``row`` (clamped) and in view; posts ``Previewed`` when it lands on another entry."""
        if not self._entries:
            self.set_reactive(EntryTable.cursor_row, 0)
            self.refresh()
            return
        row = max(0, min(len(self._entries) - 1, row))
        if force:
            self.set_reactive(EntryTable.cursor_row, row)
            self.refresh()
            self._cursor_moved()
        else:
            self.cursor_row = row

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh()
        self._cursor_moved()

    def _cursor_moved(self) -> None:
        self._scroll_to_cursor()
        if (entity_id := self.current_id) is not None:
            self.post_message(self.Previewed(entity_id))

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

    def action_page(self, direction: int) -> None:
        self._keys_moved()
        rows = self._page_rows()
        self.scroll_to(y=self.scroll_y + direction * rows, animate=False, immediate=True)
        self.move_cursor(row=self.cursor_row + direction * rows)

    def action_move_to(self, row: int) -> None:
        self._keys_moved()
        self.move_cursor(row=row % len(self._entries) if self._entries else 0)

    def action_scroll_home(self) -> None:
        self._keys_moved()
        self.scroll_to(x=0, animate=False)

    def action_scroll_end(self) -> None:
        self._keys_moved()
        self.scroll_to(x=self.max_scroll_x, animate=False)

    def action_select_cursor(self) -> None:
        self._keys_moved()
        if (entity_id := self.current_id) is not None:
            self.post_message(self.Opened(entity_id))

    # -- the mouse --------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int | None:
        """The row under the mouse: -1 for the header, None outside the rows."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        if offset.y == 0:
            return -1
        row = round(self.scroll_y) + offset.y - 1
        return row if row < len(self._entries) else None

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
                self.sort_by(column.key)
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

    def render_line(self, y: int) -> Strip:
        if self._base_style is None:
            self._base_style = self.rich_style
        base = self._base_style
        width = self.size.width
        row = -1 if y == 0 else round(self.scroll_y) + y - 1
        if row >= len(self._entries) or not self._columns:
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
            return header_cells(self._columns, *self._shown_sort)
        cells = self._cells.get(row)
        if cells is None:
            if len(self._cells) >= _CACHED_ROWS:
                self._cells.clear()
            assert self.library is not None
            cells = entry_cells(self.library, self._columns, self._entries[row])
            self._cells[row] = cells
        return cells

    def _row_segments(self, row: int, base: Style, *, cursor: bool, hover: bool) -> list[Segment]:
        header = row == -1
        return row_segments(
            self._cells_of(row),
            self._render_widths(),
            row=row,
            row_style=self.get_component_styles("entry-table--header").rich_style if header else base,
            component=component_style(self, header=header, cursor=cursor, hover=hover),
            console=self.app.console,
            options=self.app.console_options,
            width=self.size.width,
        )
