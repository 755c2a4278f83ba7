"""All the reader's notes in one table, filterable by words, ``tag:`` and ``flag:``.

Orphaned notes (whose entry has left the library) are listed and marked,
never hidden.  The cursor shows a note's entry below (``NoteTable``); enter
opens it; ``e`` edits, ``d`` deletes (after asking), ``u`` brings back the
last note deleted in this session.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from briefing.library import Library
from briefing.model.entities import Note
from briefing.ui.messages import DeleteNote
from briefing.ui.widgets.note_table import NoteTable, entry_name
from briefing.ui.widgets.text_entry import LineInput


def matches(note: Note, library: Library, query: str) -> bool:
    """Every word of ``query`` holds: ``tag:x``, ``flag:y``, or a word of the note or its entry."""
    haystack = f"{note.text} {entry_name(library, note.target)} {note.target}".casefold()
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


class NotesList(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "edit", tooltip="Edit the selected note", id="edit_note"),
        Binding("d", "delete", "delete", tooltip="Delete the selected note (asks first)", id="delete_note"),
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
        yield LineInput(placeholder="filter: words, tag:verify, flag:important", id="notes-filter")
        yield NoteTable(id="notes-table")

    @property
    def table(self) -> NoteTable:
        return self.query_one("#notes-table", NoteTable)

    @property
    def cursor_id(self) -> str | None:
        """The note under the cursor, standing for its entry (what ``a`` annotates)."""
        return self.table.cursor_id

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
        shown = [n for n in self.notes if matches(n, self.library, query)] if query.strip() else self.notes
        self.table.show(self.library, shown)

    @property
    def selected(self) -> Note | None:
        return self.table.cursor_note

    def action_edit(self) -> None:
        if (note := self.selected) is not None:
            self.post_message(self.Edit(note))

    def action_delete(self) -> None:
        if (note := self.selected) is not None:
            self.post_message(DeleteNote(note.id))
