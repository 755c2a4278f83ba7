"""What's new: the entries that arrived since the reader last looked (or that they marked unread).

One entry a row, the latest arrival first: when it arrived, its kind, its
name (an event with its date first, since titles repeat) and its briefing.
The cursor shows the entry below, as every list does; enter opens it, which
marks it read, and it leaves this list.  ``A`` marks them all read (the
browser asks first).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from briefing.library import Library
from briefing.model.dates import stamp_label
from briefing.model.ids import kind_of
from briefing.model.vocabulary import EntityKind
from briefing.text import shorten, text
from briefing.ui.listing import Column
from briefing.ui.messages import EntryHighlighted, OpenEntry
from briefing.ui.table_layout import content_widths
from briefing.ui.table_rows import header_cells
from briefing.ui.widgets.line_table import LineTable
from briefing.ui.widgets.note_table import entry_name

_KIND_ORDER = {
    kind: order
    for order, kind in enumerate(
        (EntityKind.BRIEFING, EntityKind.ACTOR, EntityKind.CLAIM, EntityKind.EVENT, EntityKind.SOURCE)
    )
}
"""The order of one lot of arrivals, as a briefing reads: itself, who, what they say, what happened, sources."""

MEASURED = 500
"""Rows measured for the columns' widths, latest first (a wider cell further down is cut)."""


class Arrival:
    """A row: an entry and when it arrived."""

    __slots__ = ("entity_id", "stamp")

    def __init__(self, entity_id: str, stamp: str) -> None:
        self.entity_id = entity_id
        self.stamp = stamp


def _cut(value: str, style: str = "") -> Text:
    cell = text(shorten(value, 200), style)
    cell.no_wrap, cell.overflow = True, "ellipsis"
    return cell


def _briefing(library: Library, arrival: Arrival) -> str:
    return ", ".join(library.label(b) for b in library.briefings_of(arrival.entity_id))


NEWS_COLUMNS: tuple[Column, ...] = (
    Column("arrived", "arrived", lambda lib, a: text(stamp_label(a.stamp), "dim"), lambda lib, a: a.stamp),
    Column("kind", "kind", lambda lib, a: text(kind_of(a.entity_id)), lambda lib, a: str(kind_of(a.entity_id))),
    Column("entry", "entry", lambda lib, a: _cut(entry_name(lib, a.entity_id)), lambda lib, a: a.entity_id, fill=True),
    Column("briefing", "briefing", lambda lib, a: _cut(_briefing(lib, a)), lambda lib, a: "", width=30, least=12),
)


class NewsList(LineTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "open", key_display="enter", tooltip="Open the entry (it is read then)"),
        Binding("A", "all_read", "all read", tooltip="Mark every entry read (asks first)", id="news.all_read"),
    ]

    class AllRead(Message):
        """The reader asked to mark every entry read."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = Library()
        self.rows: list[Arrival] = []

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def cursor_id(self) -> str | None:
        """The entry under the cursor (what ``a`` annotates and ``R`` marks)."""
        return self.rows[self.cursor_row].entity_id if 0 <= self.cursor_row < len(self.rows) else None

    def show(self, library: Library, unread: Mapping[str, str]) -> None:
        """List the unread entries the library has, latest first; the cursor kept on its entry, else its row."""
        kept, row = self.cursor_id, self.cursor_row
        self.library = library
        rows = [Arrival(i, stamp) for i, stamp in unread.items() if i in library]
        rows.sort(key=lambda a: _KIND_ORDER.get(kind_of(a.entity_id), len(_KIND_ORDER)))
        rows.sort(key=lambda a: a.stamp, reverse=True)  # the latest arrivals first, each lot briefing first
        self.rows = rows
        if kept is not None:
            row = next((index for index, a in enumerate(self.rows) if a.entity_id == kept), row)
        self._refill(NEWS_COLUMNS, content_widths(library, NEWS_COLUMNS, self.rows[:MEASURED]), row)

    def _header_cells(self) -> list[Text]:
        return header_cells(self._columns, "arrived", True)

    def _row_cells(self, row: int) -> list[Text]:
        return [column.cell(self.library, self.rows[row]) for column in self._columns]

    def _cursor_moved(self) -> None:
        super()._cursor_moved()
        if self.has_focus:
            self.call_later(self._post_highlight)

    def on_focus(self) -> None:
        self.call_later(self._post_highlight)

    def _post_highlight(self) -> None:
        if (entity_id := self.cursor_id) is not None:
            self.post_message(EntryHighlighted(entity_id))

    def action_select_cursor(self) -> None:
        super().action_select_cursor()
        if (entity_id := self.cursor_id) is not None:
            self.post_message(OpenEntry(entity_id))

    def action_all_read(self) -> None:
        self.post_message(self.AllRead())
