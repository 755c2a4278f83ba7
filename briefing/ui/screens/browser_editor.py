"""Writing an entry's note in the reader's own editor (``$VISUAL``, ``$EDITOR``), the app suspended meanwhile.

A base of :class:`~briefing.ui.screens.browser.BrowserScreen`, beside the
dialog editor of :class:`~briefing.ui.screens.browser_notes.NoteKeeping`.
The note is edited in a private draft file that is removed only once
nothing in it can be lost: the note saved, or the text unchanged.  A save
that fails keeps the file and the notice names it.  The save runs in a
thread worker through the same ``Notebook`` as the dialog, and reports
with a message.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import on, work
from textual.app import SuspendNotSupported
from textual.message import Message

from briefing.errors import BriefingError
from briefing.external_editor import EditorError, draft_file, editor_command, outcome, read_back, run_editor
from briefing.model.entities import Note
from briefing.text import path
from briefing.ui.messages import DeleteNote
from briefing.ui.screens.browser_notes import NoteKeeping

NO_EDITOR = "To write notes in your own editor, set $VISUAL or $EDITOR (a writes one here)"
NO_SUSPEND = "This terminal cannot hand the terminal to an editor (a web browser?): a writes the note here"


class ExternalNotes(NoteKeeping):
    class DraftSaved(Message):
        def __init__(self, note: Note, draft: Path) -> None:
            super().__init__()
            self.note = note
            self.draft = draft

    class DraftNotSaved(Message):
        def __init__(self, problem: str, draft: Path) -> None:
            super().__init__()
            self.problem = problem
            self.draft = draft

    def action_edit_elsewhere(self) -> None:
        target = self.entry_here("Open an entry first: a note is always on an entry")
        if target is None:
            return
        try:
            command = editor_command(os.environ)
        except EditorError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if command is None:
            self.notify(NO_EDITOR, severity="warning", markup=False)
            return
        note = self._note_to_edit(target)
        before = note.text if note is not None else ""
        draft = draft_file(before)
        try:
            with self.app.suspend():
                status = run_editor(command, draft)
            after = read_back(draft)
        except SuspendNotSupported:
            draft.unlink(missing_ok=True)
            self.notify(NO_SUSPEND, severity="warning", markup=False)
            return
        except EditorError as exc:
            self._keep_or_drop(draft, before)
            self.notify(str(exc), severity="error", markup=False)
            return
        self._came_back(target, note, draft, before, after, status)

    def _note_to_edit(self, target: str) -> Note | None:
        """The note under the cursor (in the Notes list), else the entry's latest, else None: a new one."""
        reach = self.entry_in_reach()
        if reach is not None and reach.startswith("note:") and (note := self.note(reach)) is not None:
            return note
        notes = self.notes_on(target)
        return notes[-1] if notes else None

    def _came_back(self, target: str, note: Note | None, draft: Path, before: str, after: str, status: int) -> None:
        came = outcome(before, after, status)
        if came == "failed":
            kept = self._keep_or_drop(draft, before)
            where = f" (your text is kept in {path(draft)})" if kept else ""
            self.notify(
                f"The editor exited with status {status}: nothing saved{where}", severity="warning", markup=False
            )
        elif came == "unchanged":
            draft.unlink(missing_ok=True)
            self.notify("Note unchanged: nothing saved", markup=False)
        elif came == "emptied":
            draft.unlink(missing_ok=True)
            if note is None:
                self.notify("Empty note: nothing saved", markup=False)
            else:
                self.post_message(DeleteNote(note.id))  # asks first, and u brings it back
        else:
            self._save_draft(target, note, after.rstrip("\r\n"), draft)

    @staticmethod
    def _keep_or_drop(draft: Path, before: str) -> bool:
        """Keep the draft if the reader wrote something in it; whether it was kept."""
        try:
            written = read_back(draft).rstrip("\n") != before.rstrip("\n")
        except EditorError:
            return False
        if not written:
            draft.unlink(missing_ok=True)
        return written

    @work(thread=True, group="notes")
    def _save_draft(self, target: str, note: Note | None, body: str, draft: Path) -> None:
        try:
            if note is None:
                saved = self.notebook.add(target, body)
            else:
                saved = self.notebook.update(note.id, text=body, tags=note.tags, flag=note.flag)
        except BriefingError as exc:
            self.post_message(self.DraftNotSaved(str(exc), draft))
            return
        self.post_message(self.DraftSaved(saved, draft))

    @on(DraftSaved)
    def _draft_saved(self, message: DraftSaved) -> None:
        message.draft.unlink(missing_ok=True)
        self.notify("Note saved", markup=False)
        self.notes_changed(message.note.target)

    @on(DraftNotSaved)
    def _draft_not_saved(self, message: DraftNotSaved) -> None:
        self.notify(
            f"Note not saved ({message.problem}): your text is kept in {path(message.draft)}",
            severity="error",
            timeout=60,
            markup=False,
        )
