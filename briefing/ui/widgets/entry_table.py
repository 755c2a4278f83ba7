"""The entries of one view (a briefing's actors, claims, events or sources) as a sortable table.

Moving the cursor previews an entry (``Highlighted``); enter or a second
click opens it (``Opened``).  Click a column's header, or press ``s``, to
sort by it; the same again reverses the order.

The table draws line by line (``LineTable``), so only the rows on screen
are built.  The list is put in order, and the columns measured, in a thread
worker (``table_order``); the result comes back as a message (``Sorted``)
and is applied on the event loop, and keys pressed meanwhile act on the
rows shown until then.
"""

from __future__ import annotations

from collections.abc import Container
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message

from briefing.library import Library, LibraryEntity
from briefing.model.vocabulary import EntityKind
from briefing.ui.listing import COLUMNS, Column
from briefing.ui.row_filter import RowWords
from briefing.ui.table_order import OrderedList, OrderRequest, SortChoices, put_in_order
from briefing.ui.table_rows import entry_cells, header_cells
from briefing.ui.widgets.line_table import LineTable

UNREAD_MARK = "● "
"""Before the main text of a row the reader has not opened since it arrived."""

PIN_MARK = "★ "
"""Before the main text of a pinned row."""


class EntryTable(LineTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            "open",
            key_display="enter",
            tooltip="Open the entry and move to its links",
            id="list.open",
        ),
        Binding("s", "sort_next", "sort", tooltip="Sort by the next column (r reverses)", id="list.sort"),
        Binding("r", "reverse", "reverse", show=False, tooltip="Reverse the order", id="list.reverse"),
    ]

    class Highlighted(Message):
        """The cursor rests on an entry."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class Opened(Message):
        """The reader chose an entry (enter or a second click)."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    class Narrowed(Message):
        """A filtered list arrived: ``shown`` of ``total`` rows hold the filter's words."""

        def __init__(self, shown: int, total: int) -> None:
            super().__init__()
            self.shown = shown
            self.total = total

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
        self._shown_sort: tuple[str, bool] = ("", False)
        self._rows: dict[str, int] = {}
        self._sort = SortChoices()
        self._serial = 0
        self._pending: OrderRequest | None = None
        self._keep: str | None = None
        self._words: tuple[str, ...] = ()
        self._row_words: RowWords | None = None
        self._total = 0
        self._measured = False
        self._whole: list[LibraryEntity] | None = None
        """The whole list in the order shown, when known: a filter narrows it without sorting again."""
        self._last_id: str | None = None
        self._unread: Container[str] = ()
        self._pinned: Container[str] = ()
        """The cursor's entry when the list last had rows: it goes back there when an emptying filter is cleared."""

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
    def total(self) -> int:
        """Rows in the list before its filter."""
        return self._total

    @property
    def words(self) -> tuple[str, ...]:
        """The filter's words (none: every row is shown)."""
        return self._words

    @property
    def cursor_id(self) -> str | None:
        if not self._entries or not 0 <= self.cursor_row < len(self._entries):
            return None
        return self._entries[self.cursor_row].id

    # -- filling --------------------------------------------------------------

    def show(self, library: Library, kind: EntityKind, briefing_id: str | None, select: str | None = None) -> None:
        """List ``kind`` entries of a briefing (or of the library), with the cursor on ``select``.

        The rows arrive from a worker: until then the previous list stays, and
        ``cursor_id`` is its row's.
        """
        if (library, kind, briefing_id) != (self.library, self.kind, self.briefing_id):
            self.library, self.kind, self.briefing_id = library, kind, briefing_id
            self._keep = select
            self._words, self._row_words, self._measured, self._whole = (), None, False, None
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

    def mark_rows(self, unread: Container[str], pinned: Container[str]) -> None:
        """Mark the rows of these entries unread, or pinned, before their main text (drawn as they come on screen)."""
        self._unread, self._pinned = unread, pinned
        self.redraw_rows()

    def filter(self, words: tuple[str, ...]) -> None:
        """Show only the rows that hold each of ``words`` (none: all); the cursor stays on its entry if shown."""
        if self.library is None or self.kind is None or words == self._words:
            return
        self._words = words
        self._words_ready()
        self._request(fresh=True, whole=self._whole)

    def prepare_filter(self) -> None:
        """Gather what each row says while the reader starts typing (for 49,000 claims about a second)."""
        if self.library is not None and self.kind is not None:
            self._gather_words(self._words_ready(), list(self._whole or self._entries))

    def _words_ready(self) -> RowWords:
        if self._row_words is None:
            assert self.library is not None and self.kind is not None
            self._row_words = RowWords(self.library, COLUMNS[self.kind])
        return self._row_words

    @work(thread=True, exclusive=True, group="row-words", description="gathering the rows' words")
    def _gather_words(self, words: RowWords, rows: list[LibraryEntity]) -> None:
        words.gather(rows)

    def _request(self, *, fresh: bool, whole: list[LibraryEntity] | None = None) -> None:
        assert self.library is not None and self.kind is not None
        key, reverse = self._sort.of(self.kind)
        if not fresh and self._pending is not None and self._pending.rows is None:
            fresh = True  # the list itself is still on its way: ask for it again, in the new order
        rows = whole if whole is not None else None if fresh else self._entries
        self._serial += 1
        self._pending = OrderRequest(
            self._serial,
            self.library,
            self.kind,
            self.briefing_id,
            key,
            reverse,
            rows,
            in_order=whole is not None,
            measure=not self._measured,
            words=self._words,
            row_words=self._row_words,
        )
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
        keep = self._keep or self.cursor_id or self._last_id  # else the row under the cursor now
        self._keep = None
        ordered = message.ordered
        self._entries = ordered.rows
        self._shown_sort = (request.key, request.reverse)
        self._rows = ordered.index
        self._measured = self._measured or ordered.widths is not None
        if not request.words:
            self._whole = ordered.rows
        self._refill(COLUMNS[request.kind], ordered.widths, self._rows.get(keep, 0) if keep is not None else 0)
        if ordered.total is not None:
            self._total = ordered.total
            self.post_message(self.Narrowed(len(self._entries), self._total))

    # -- sorting --------------------------------------------------------------

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        """Sort by column ``key``; with ``reverse`` None, sorting by the current column flips its order."""
        if self.kind is None:
            return
        self._sort.choose(self.kind, key, reverse)
        self._whole = None  # in the old order; the new one comes with the answer when there is no filter
        self._request(fresh=False)

    def action_sort_next(self) -> None:
        if self.kind is not None:
            self.sort_by(self._sort.next_column(self.kind), reverse=False)

    def action_reverse(self) -> None:
        if self.kind is not None:
            current, reversed_now = self._sort.of(self.kind)
            self.sort_by(current, not reversed_now)

    def _header_clicked(self, column: Column) -> None:
        self.sort_by(column.key)

    def _kept_column(self) -> str:
        return self._shown_sort[0]

    # -- what the rows show -------------------------------------------------------

    def _header_cells(self) -> list[Text]:
        return header_cells(self._columns, *self._shown_sort)

    def _row_cells(self, row: int) -> list[Text]:
        assert self.library is not None
        entity = self._entries[row]
        cells = entry_cells(self.library, self._columns, entity)
        marks = (UNREAD_MARK if entity.id in self._unread else "") + (PIN_MARK if entity.id in self._pinned else "")
        if marks:
            main = next((i for i, c in enumerate(self._columns) if c.names), len(cells) - 1)
            cell = cells[main]
            marked = Text(marks, "bold cyan", no_wrap=cell.no_wrap, overflow=cell.overflow, end="")
            marked.append_text(cell)
            cells[main] = marked
        return cells

    def _cursor_moved(self) -> None:
        super()._cursor_moved()
        if (entity_id := self.cursor_id) is not None:
            self._last_id = entity_id
            self.post_message(self.Highlighted(entity_id))

    def action_select_cursor(self) -> None:
        super().action_select_cursor()
        if (entity_id := self.cursor_id) is not None:
            self.post_message(self.Opened(entity_id))
