"""Writing or editing a note: Markdown text, tags and a flag.

The editor does not write anything itself: it hands the reader's input to
``save`` (run in a thread worker) and closes only once the note is durable
on disk; an error keeps the dialog open with the text intact.  The worker
reports with a message (``Saved`` or ``SaveFailed``) handled on the event
loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from briefing.errors import BriefingError
from briefing.model.entities import Note
from briefing.model.vocabulary import NoteFlag
from briefing.text import clean, one_line, text
from briefing.ui.widgets.text_entry import LineInput, TextEditor


@dataclass(frozen=True)
class Draft:
    text: str
    tags: tuple[str, ...]
    flag: NoteFlag | None


Save = Callable[[Draft], Note]
"""Writes the draft (add or update); raises BriefingError with a message for the reader."""


def parse_tags(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.replace(",", " ").split() if part)


class NoteEditor(ModalScreen[Note | None]):
    """The dialog.  Its text fields take a burst of keys in order (``text_entry``): text typed
    right after a tab goes to the field the tab moved to, and a backspace deletes what was typed
    before it."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "save", tooltip="Save the note (closes once it is on disk)", id="save_note"),
        Binding("escape", "cancel", "cancel", tooltip="Close without saving", id="cancel_note"),
    ]

    class Saved(Message, bubble=False):
        """The note is on disk (to the editor itself, from its worker)."""

        def __init__(self, note: Note) -> None:
            super().__init__()
            self.note = note

    class SaveFailed(Message, bubble=False):
        """The note could not be written, for the reason in ``problem``."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, about: str, save: Save, note: Note | None = None) -> None:
        super().__init__()
        self.about = about
        self.save = save
        self.note = note
        self._armed_cancel = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor"):
            title = Text("Edit note on " if self.note else "Note on ", style="bold")
            title.append_text(text(self.about, single_line=True))
            yield Static(title, id="note-title")
            loaded = clean(self.note.text) if self.note else ""
            yield TextEditor(loaded, id="note-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(id="note-fields"):
                yield Label("tags")
                tags = one_line(" ".join(self.note.tags)) if self.note else ""
                yield LineInput(tags, placeholder="verify, sources", id="note-tags")
                yield Label("flag")
                yield Select(
                    [(str(flag), flag) for flag in NoteFlag],
                    value=self.note.flag if self.note and self.note.flag else Select.NULL,
                    prompt="none",
                    id="note-flag",
                )
            yield Static("", id="note-problem")
            with Horizontal(id="note-buttons"):
                yield Button("Save  ctrl+s", variant="primary", id="note-save")
                yield Button("Cancel  esc", id="note-cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _draft(self) -> Draft:
        flag = self.query_one("#note-flag", Select).value
        return Draft(
            text=self.query_one(TextArea).text,
            tags=parse_tags(self.query_one("#note-tags", Input).value),
            flag=flag if isinstance(flag, NoteFlag) else None,
        )

    def _problem(self, message: str) -> None:
        self.query_one("#note-problem", Static).update(text(message, "bold red", single_line=True))

    @on(Button.Pressed, "#note-save")
    def action_save(self) -> None:
        draft = self._draft()
        if not draft.text.strip():
            self._problem("write something first (or escape to close)")
            return
        self._problem("saving…")
        self._write(draft)

    @work(thread=True, exclusive=True, group="note-save")
    def _write(self, draft: Draft) -> None:
        try:
            note = self.save(draft)
        except BriefingError as exc:
            self.post_message(self.SaveFailed(str(exc)))
            return
        self.post_message(self.Saved(note))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        if self.is_active:  # not if escape closed the editor while the save was on its way
            self.dismiss(message.note)

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        self._problem(message.problem)

    @on(Button.Pressed, "#note-cancel")
    def action_cancel(self) -> None:
        # Against the text as the editor loaded it (cleaned), so an untouched note closes at once.
        typed = self._draft().text.strip() != (clean(self.note.text).strip() if self.note else "")
        if typed and not self._armed_cancel:
            self._armed_cancel = True
            self._problem("unsaved text: press escape again to discard it, ctrl+s to save")
            return
        self.dismiss(None)
