"""The entries of one view (a briefing's actors, claims, events or sources) as a sortable table.

Moving the cursor previews an entry (``Previewed``); enter or a second
click opens it (``Opened``).  Click a column's header, or press ``s``, to
sort by it; the same again reverses the order.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from briefing.library import Library, LibraryEntity
from briefing.model.vocabulary import EntityKind
from briefing.ui.listing import COLUMNS, DEFAULT_SORT, Column, entries, sorted_entries

_UP, _DOWN = " ▲", " ▼"

FILL_MIN = 12
"""The free-text column (a claim, a title) is never narrower than this; the table scrolls instead."""

SCROLLBAR = 2


class EntryTable(DataTable[Text]):
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
    ]

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

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self.library: Library | None = None
        self.kind: EntityKind | None = None
        self.briefing_id: str | None = None
        self._entries: list[LibraryEntity] = []
        self._rows: dict[str, int] = {}
        self._fill_width = 0
        self._sort: dict[EntityKind, tuple[str, bool]] = {}

    @property
    def columns_spec(self) -> tuple[Column, ...]:
        return COLUMNS[self.kind] if self.kind is not None else ()

    @property
    def entity_ids(self) -> list[str]:
        """The ids in the order shown."""
        return [e.id for e in self._entries]

    @property
    def current_id(self) -> str | None:
        if not self._entries or not 0 <= self.cursor_row < len(self._entries):
            return None
        return self._entries[self.cursor_row].id

    def show(self, library: Library, kind: EntityKind, briefing_id: str | None, select: str | None = None) -> None:
        """List ``kind`` entries of a briefing (or of the library), with the cursor on ``select``."""
        if (library, kind, briefing_id) != (self.library, self.kind, self.briefing_id):
            self.library, self.kind, self.briefing_id = library, kind, briefing_id
            self._entries = entries(library, kind, briefing_id)
            self._fill(select)
        elif select is not None:
            self.select(select)

    def select(self, entity_id: str) -> bool:
        """Put the cursor on ``entity_id``, if listed."""
        row = self._rows.get(entity_id)
        if row is None:
            return False
        if row != self.cursor_row:
            self.move_cursor(row=row, animate=False)
        return True

    def _sort_state(self) -> tuple[str, bool]:
        assert self.kind is not None
        return self._sort.get(self.kind, (DEFAULT_SORT[self.kind], False))

    def _fill(self, select: str | None) -> None:
        assert self.library is not None and self.kind is not None
        keep = select or self.current_id
        key, reverse = self._sort_state()
        spec = {c.key: c for c in self.columns_spec}
        self._entries = sorted_entries(self.library, self._entries, spec[key], reverse)
        library = self.library
        rows = [[column.cell(library, entity) for column in self.columns_spec] for entity in self._entries]
        self._fill_width = self._width_to_fill(rows)
        self.clear(columns=True)
        for column in self.columns_spec:
            marker = (_DOWN if reverse else _UP) if column.key == key else "  "
            label = Text.assemble((column.label, "bold"), marker)
            self.add_column(label, key=column.key, width=self._fill_width if column.fill else None)
        self.add_rows(rows)
        self._rows = {entity.id: index for index, entity in enumerate(self._entries)}
        if keep is None or not self.select(keep):
            self.move_cursor(row=0, animate=False)

    def _width_to_fill(self, rows: list[list[Text]]) -> int:
        """What the free-text column gets: the width the other columns leave, within reason."""
        widths = [len(c.label) + 2 for c in self.columns_spec]
        for row in rows:
            for index, cell in enumerate(row):
                widths[index] = max(widths[index], cell.cell_len)
        fill = [i for i, c in enumerate(self.columns_spec) if c.fill]
        if not fill:
            return 0
        padding = 2 * self.cell_padding * len(widths) + SCROLLBAR
        others = sum(w for i, w in enumerate(widths) if i not in fill)
        free = (self.size.width or 80) - padding - others
        return max(FILL_MIN, min(free, widths[fill[0]]))

    def on_resize(self) -> None:
        if self.library is not None and self.kind is not None and any(c.fill for c in self.columns_spec):
            rows = [[c.cell(self.library, e) for c in self.columns_spec] for e in self._entries]
            if self._width_to_fill(rows) != self._fill_width:
                self._fill(self.current_id)

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        """Sort by column ``key``; with ``reverse`` None, sorting by the current column flips its order."""
        if self.kind is None:
            return
        current, was_reversed = self._sort_state()
        if reverse is None:
            reverse = not was_reversed if key == current else False
        self._sort[self.kind] = (key, reverse)
        self._fill(self.current_id)

    def action_sort_next(self) -> None:
        keys = [c.key for c in self.columns_spec]
        if not keys:
            return
        current, _ = self._sort_state()
        self.sort_by(keys[(keys.index(current) + 1) % len(keys)], reverse=False)

    def action_reverse(self) -> None:
        current, reversed_now = self._sort_state() if self.kind is not None else ("", False)
        if current:
            self.sort_by(current, not reversed_now)

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_key.value is not None:
            self.sort_by(event.column_key.value)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        # Stale when the table was refilled since: only the row under the cursor now counts.
        if event.cursor_row == self.cursor_row and (entity_id := self.current_id) is not None:
            self.post_message(self.Previewed(entity_id))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if (entity_id := self.current_id) is not None:
            self.post_message(self.Opened(entity_id))
