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
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Input

from briefing.library import Library
from briefing.model.entities import Note
from briefing.ui.messages import DeleteNote
from briefing.ui.widgets.filter_line import FilterLine
from briefing.ui.widgets.note_table import NoteTable, entry_name


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
        # Not in the footer: the filter line is always on show above the notes, and the footer is full.
        Binding(
            "f", "to_filter", "filter", show=False, tooltip="Filter the notes (words, tag:, flag:)", id="list.filter"
        ),
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
        yield FilterLine(placeholder="filter: words, tag:verify, flag:important", id="notes-filter")
        yield NoteTable(id="notes-table")

    @property
    def table(self) -> NoteTable:
        return self.query_one("#notes-table", NoteTable)

    @property
    def cursor_id(self) -> str | None:
        """The note under the cursor, standing for its entry (what ``a`` annotates)."""
        return self.table.cursor_id

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
        in_filter = isinstance(focused, FilterLine) and focused.parent is self
        if action == "to_list":
            return in_filter
        if action in ("edit", "delete", "to_filter"):
            return not in_filter
        return True

    def action_to_filter(self) -> None:
        self.screen.set_focus(self.query_one("#notes-filter", FilterLine))

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

    @on(Input.Submitted, "#notes-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_to_list()

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
