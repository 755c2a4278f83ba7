"""The Notes list's table: one note a row, newest first, drawn and laid out as the entry lists are.

Moving the cursor shows the note's entry, with the note, in the detail pane
(``EntryHighlighted``, as every list does); enter or a second click opens
the entry (``OpenEntry``).  The entry column names the entry so that a note
on one of 21 "Rocket attack on US targets" says which: an event by its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import ClassVar

from markdown_it import MarkdownIt
from rich.text import Text
from textual.binding import Binding, BindingType

from briefing.library import Library
from briefing.model.dates import stamp_label
from briefing.model.entities import Event, Note
from briefing.text import shorten, text
from briefing.ui.listing import Column
from briefing.ui.messages import EntryHighlighted, OpenEntry
from briefing.ui.table_layout import content_widths
from briefing.ui.table_rows import header_cells
from briefing.ui.widgets.detail_view import note_markdown
from briefing.ui.widgets.line_table import LineTable

MEASURED = 500
"""Notes measured for the columns' widths, newest first: so 100,000 notes list at once (a wider cell is cut)."""


def entry_name(library: Library, target: str) -> str:
    """The entry a note is on, as the list names it: an event with its date first, since titles repeat."""
    entry = library.get(target)
    if isinstance(entry, Event):
        return f"{entry.when.label} · {entry.title}"
    return library.label(target)


@cache
def _parser() -> MarkdownIt:
    return note_markdown()


def excerpt(note: Note, width: int = 200) -> str:
    """The start of a note as one line of plain words, its Markdown read rather than shown (``**AAH**`` is "AAH")."""
    words: list[str] = []
    for token in _parser().parse(note.text[: 4 * width]):
        for child in token.children or ():
            words.append(" " if child.type in ("softbreak", "hardbreak") else child.content)
        if token.type.endswith("_close") and token.block:
            words.append(" ")
    return shorten("".join(words) or note.label, width)


def _entry_cell(library: Library, note: Note) -> Text:
    if note.target not in library:
        return Text("orphaned ", style="bold red") + text(shorten(note.target, 60))
    return _cut(entry_name(library, note.target))


def _marks(note: Note) -> Text:
    marks = Text(no_wrap=True, overflow="ellipsis", end="")
    if note.flag:
        marks.append_text(text(f"⚑ {note.flag} ", "bold yellow"))
    marks.append_text(text(" ".join(f"#{tag}" for tag in note.tags), "cyan", single_line=True))
    return marks


def _cut(value: str, style: str = "") -> Text:
    cell = text(shorten(value, 200), style)
    cell.no_wrap, cell.overflow = True, "ellipsis"
    return cell


NOTE_COLUMNS: tuple[Column, ...] = (
    Column("updated", "updated", lambda lib, n: text(stamp_label(n.updated), "dim"), lambda lib, n: n.updated),
    Column("entry", "entry", _entry_cell, lambda lib, n: entry_name(lib, n.target), width=40, least=20),
    Column("marks", "flag · tags", lambda lib, n: _marks(n), lambda lib, n: n.tags, width=20, least=13),
    Column("note", "note", lambda lib, n: _cut(excerpt(n)), lambda lib, n: n.text, fill=True),
)


class NoteTable(LineTable):
    """Notes in rows under the columns of ``NOTE_COLUMNS``; the notes list says which."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "select_cursor", "open", key_display="enter", tooltip="Open the note's entry", id="notes.open"
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = Library()
        self.notes: list[Note] = []

    @property
    def row_count(self) -> int:
        return len(self.notes)

    @property
    def cursor_note(self) -> Note | None:
        return self.notes[self.cursor_row] if 0 <= self.cursor_row < len(self.notes) else None

    @property
    def cursor_id(self) -> str | None:
        """The note under the cursor: ``a`` annotates its entry."""
        note = self.cursor_note
        return note.id if note is not None else None

    def show(self, library: Library, notes: Sequence[Note]) -> None:
        """List ``notes`` (in their order), the cursor kept on the note it was on, else on the same row."""
        kept = self.cursor_id
        row = self.cursor_row
        self.library, self.notes = library, list(notes)
        if kept is not None:
            row = next((index for index, note in enumerate(self.notes) if note.id == kept), row)
        self._refill(NOTE_COLUMNS, content_widths(library, NOTE_COLUMNS, self.notes[:MEASURED]), row)

    def _header_cells(self) -> list[Text]:
        return header_cells(self._columns, "updated", True)

    def _row_cells(self, row: int) -> list[Text]:
        return [column.cell(self.library, self.notes[row]) for column in self._columns]

    def _cursor_moved(self) -> None:
        super()._cursor_moved()
        if self.has_focus:
            self._highlight()

    def on_focus(self) -> None:
        self._highlight()  # before Textual's own handler has set has_focus

    def _highlight(self) -> None:
        # From the table's own queue: a message made while the notes list fills the table would have the
        # list as its sender, and Textual ends the bubbling of a parent's message at that parent.
        self.call_later(self._post_highlight)

    def _post_highlight(self) -> None:
        if (note_id := self.cursor_id) is not None:
            self.post_message(EntryHighlighted(note_id))

    def action_select_cursor(self) -> None:
        super().action_select_cursor()
        if (note := self.cursor_note) is not None:
            self.post_message(OpenEntry(note.target))
