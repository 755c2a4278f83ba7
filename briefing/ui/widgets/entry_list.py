"""An entry list with its filter line: ``f`` narrows the list to the rows that hold what you type.

The filter line shows only while it is in use: ``f`` opens it, the list
narrows as you type, ``enter`` or ``↓`` goes back to the rows with the
filter kept (the line says how many of the list's rows it shows), and
``escape``, in the line or in the list, clears it (the line says so).  ``/`` in the empty line
starts the search of the whole library instead, as it does anywhere.
Another list (or another briefing's) starts unfiltered.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from briefing.library import Library
from briefing.model.vocabulary import EntityKind
from briefing.ui.row_filter import filter_words
from briefing.ui.widgets.entry_table import EntryTable
from briefing.ui.widgets.filter_line import FilterLine


class EntryList(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "open_filter", "filter", tooltip="Filter the list by words (escape clears)", id="list.filter"),
        # The filter line says "esc clears" while a filter is held: the footer keeps its room for the list's keys.
        Binding(
            "escape", "clear_filter", "clear filter", show=False, tooltip="Show the whole list", id="list.unfilter"
        ),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="list-filter-bar"):
            yield FilterLine(placeholder="filter: words in a row", id="list-filter")
            yield Static(id="list-count")
        yield EntryTable(id="entry-table")

    @property
    def table(self) -> EntryTable:
        return self.query_one(EntryTable)

    @property
    def filter_line(self) -> FilterLine:
        return self.query_one("#list-filter", FilterLine)

    def focus(self, scroll_visible: bool = True) -> EntryList:
        """The rows take the keys (the filter line is one ``f`` away)."""
        self.table.focus(scroll_visible)
        return self

    def show(self, library: Library, kind: EntityKind, briefing_id: str | None, select: str | None = None) -> None:
        """List ``kind`` entries of a briefing (see ``EntryTable.show``); another list starts unfiltered."""
        table = self.table
        if (library, kind, briefing_id) != (table.library, table.kind, table.briefing_id) and self.filter_line.value:
            with self.prevent(Input.Changed):
                self.filter_line.value = ""
            self._filtering(False)
        table.show(library, kind, briefing_id, select)

    # -- keys ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_line = self.screen.focused is self.filter_line
        if action == "open_filter":
            return not in_line
        if action == "clear_filter":
            return in_line or bool(self.filter_line.value)
        return True

    def action_open_filter(self) -> None:
        self.table.prepare_filter()
        self._filtering(True)
        self.filter_line.focus()

    def action_clear_filter(self) -> None:
        self.filter_line.value = ""
        self._filtering(False)
        self.table.filter(())
        self.table.focus()

    def _to_rows(self) -> None:
        if not self.filter_line.value:
            self._filtering(False)
        self.table.focus()

    def _filtering(self, shown: bool) -> None:
        self.set_class(shown, "-filtering")
        self.screen.refresh_bindings()

    # -- what the parts tell ------------------------------------------------------

    @on(Input.Changed, "#list-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if bool(event.value) != bool(self.table.words):
            self.screen.refresh_bindings()  # "/ search" comes and goes with an empty line
        self.table.filter(filter_words(event.value))

    @on(Input.Submitted, "#list-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._to_rows()

    @on(EntryTable.Narrowed)
    def _narrowed(self, message: EntryTable.Narrowed) -> None:
        """The count beside the line; the browser hears of it too (an emptied list has no entry to show)."""
        count = f"{message.shown:,} of {message.total:,} · esc clears" if self.table.words else ""
        self.query_one("#list-count", Static).update(Text(count))
