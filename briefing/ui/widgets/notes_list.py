"""All the reader's notes in one table, filterable by words, ``tag:`` and ``flag:``.

Orphaned notes (whose entry has left the library) are listed and marked,
never hidden.  Enter opens the note's entry; ``e`` edits, ``d`` deletes
(after asking), ``u`` brings back the last note deleted in this session.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import DataTable, Input

from briefing.library import Library
from briefing.model.entities import Note
from briefing.text import shorten, text
from briefing.ui.messages import DeleteNote, OpenEntry
from briefing.ui.widgets.text_entry import LineInput


def local_time(stamp: str) -> str:
    """An ISO UTC timestamp as the reader's local date and time."""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16]


def matches(note: Note, library: Library, query: str) -> bool:
    """Every word of ``query`` holds: ``tag:x``, ``flag:y``, or a word of the note or its entry."""
    haystack = f"{note.text} {library.label(note.target)} {note.target}".casefold()
    for word in query.casefold().split():
        if word.startswith("tag:"):
            if word[4:].lstrip("#") not in note.tags:
                return False
        elif word.startswith("flag:"):
            if str(note.flag or "") != word[5:]:
                return False
        elif word not in haystack:
            return False
    return True


class NotesFilter(LineInput):
    """The filter line.  ``/`` typed while it is empty starts the search of the whole library, as it does
    anywhere else; once the filter holds words a slash is one of their letters (``tag:a/b``, a URL)."""

    def types(self, event: events.Key) -> bool:
        if event.character == "/" and not self.value:
            return False
        return super().types(event)


class NotesList(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "edit", tooltip="Edit the selected note", id="edit_note"),
        Binding("d", "delete", "delete", tooltip="Delete the selected note (asks first)", id="delete_note"),
        Binding("escape", "to_list", "to the notes", tooltip="From the filter back to the notes"),
    ]

    class Edit(Message):
        def __init__(self, note: Note) -> None:
            super().__init__()
            self.note = note

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes: list[Note] = []
        self.library = Library()

    def compose(self) -> ComposeResult:
        yield NotesFilter(placeholder="filter: words, tag:verify, flag:important", id="notes-filter")
        table: DataTable[Text] = DataTable(cursor_type="row", id="notes-table")
        table.add_columns("entry", "flag", "tags", "note", "updated")
        yield table

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#notes-table", DataTable)

    def focus(self, scroll_visible: bool = True) -> NotesList:
        """Focus the list, where the reader starts: enter, e and d act at once; the filter is above it."""
        try:
            self.table.focus(scroll_visible)
        except NoMatches:  # just mounted: the list is there once composed
            self.call_after_refresh(self.focus, scroll_visible)
        return self

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the filter, e and d are letters (not shown as keys) and escape leads back to the list."""
        focused = self.screen.focused
        in_filter = isinstance(focused, NotesFilter) and focused.parent is self
        if action == "to_list":
            return in_filter
        if action in ("edit", "delete"):
            return not in_filter
        return True

    def action_to_list(self) -> None:
        self.screen.set_focus(self.table)

    def show(self, notes: Sequence[Note], library: Library) -> None:
        self.notes = sorted(notes, key=lambda n: n.updated, reverse=True)
        self.library = library
        if self.is_mounted:
            self._fill()

    def on_mount(self) -> None:
        self._fill()

    @on(Input.Changed, "#notes-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def _fill(self) -> None:
        query = self.query_one("#notes-filter", Input).value
        table = self.table
        row = table.cursor_row
        table.clear()
        for note in self.notes:
            if query.strip() and not matches(note, self.library, query):
                continue
            entry = text(shorten(self.library.label(note.target), 36))
            if note.target not in self.library:
                entry = Text("orphaned ", style="bold red") + text(shorten(note.target, 28))
            table.add_row(
                entry,
                text(str(note.flag or ""), "bold yellow"),
                text(" ".join(f"#{t}" for t in note.tags), "cyan"),
                text(shorten(note.label, 60)),
                text(local_time(note.updated), "dim"),
                key=note.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    @property
    def selected(self) -> Note | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((n for n in self.notes if n.id == key), None)

    @on(DataTable.RowSelected, "#notes-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        note = self.selected
        if note is not None:
            self.post_message(OpenEntry(note.target))

    def action_edit(self) -> None:
        if (note := self.selected) is not None:
            self.post_message(self.Edit(note))

    def action_delete(self) -> None:
        if (note := self.selected) is not None:
            self.post_message(DeleteNote(note.id))
