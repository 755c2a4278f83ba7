"""What the browser does with the reader's notes: edit one, delete one after asking, undo a delete.

The base of :class:`~briefing.ui.screens.browser.BrowserScreen`, kept apart
because it is a job of its own.  The notes come from the
:class:`~briefing.notebook.Notebook` the app hands the screen (which keeps
the search index in step); writes run in thread workers, which report with
messages handled on the event loop; and whatever shows notes is drawn again
when they change (``notes_changed``, also called when another process wrote
them).  The browser says where the reader is: which entry is open
(``entry_notes_changed``).
"""

from __future__ import annotations

from contextlib import suppress

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.screen import Screen
from textual.widgets.tree import TreeNode

from briefing.errors import BriefingError
from briefing.library import Library
from briefing.model.entities import Note
from briefing.notebook import Notebook
from briefing.text import clean, shorten, text
from briefing.ui import textual_compat
from briefing.ui.messages import DeleteNote
from briefing.ui.screens.confirm import Confirm
from briefing.ui.screens.note_editor import Draft, NoteEditor
from briefing.ui.widgets.navigation import Item
from briefing.ui.widgets.notes_list import NotesList


class NoteKeeping(Screen[None]):
    class NoteDeleted(Message):
        def __init__(self, note: Note) -> None:
            super().__init__()
            self.note = note

    class NoteRestored(Message):
        def __init__(self, note: Note) -> None:
            super().__init__()
            self.note = note

    def __init__(self, library: Library, notebook: Notebook) -> None:
        super().__init__()
        self.library = library
        self.notebook = notebook
        self.notes_node: TreeNode[Item] | None = None
        """The navigation's "Notes" entry, which counts them."""
        self._deleted_notices: dict[str, Notification] = {}
        """The "Note deleted" notice of each note deleted, which goes once undo brings the note back."""

    def marks_changed(self) -> None:
        """The reader's pins or unread marks changed: the browser shows them in its lists and the open entry."""

    def entry_in_reach(self) -> str | None:
        """What ``a`` annotates: the entry (or note, standing for its entry) the reader is on."""
        return None

    def entry_notes_changed(self, target: str | None) -> None:
        """The notes on ``target`` (on any entry, if None) changed: draw the open entry again if it is that one."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo_delete":
            return self.notebook.can_undo
        return True

    # -- writing --------------------------------------------------------------

    def action_annotate(self) -> None:
        target = self.entry_here("Open an entry first: a note is always on an entry")
        if target is not None:
            self.edit_note(target, None)

    def entry_here(self, otherwise: str) -> str | None:
        """The entry the reader is on (a note stands for its entry); None, saying ``otherwise``, if none."""
        reach = self.entry_in_reach()
        target = self.entry_of(reach) if reach is not None else None
        if target is None or target not in self.library:
            self.notify(otherwise, markup=False)
            return None
        return target

    def edit_note(self, target: str, note: Note | None) -> None:
        """The editor, for a new note on ``target`` or for ``note``."""
        label = self.library.label(target)
        notebook = self.notebook

        def save(draft: Draft) -> Note:
            """In the editor's worker: returns once the note is on disk."""
            if note is None:
                return notebook.add(target, draft.text, draft.tags, draft.flag)
            return notebook.update(note.id, text=draft.text, tags=draft.tags, flag=draft.flag)

        def saved(result: Note | None) -> None:
            if result is not None:
                self.notify("Note saved", markup=False)
                self.notes_changed(target)

        self.app.push_screen(NoteEditor(label, save, note), saved)

    @on(NotesList.Edit)
    def _edit_from_list(self, message: NotesList.Edit) -> None:
        message.stop()
        self.edit_note(message.note.target, message.note)

    @on(DeleteNote)
    def _delete_note(self, message: DeleteNote) -> None:
        message.stop()
        note = self.note(message.note_id)
        if note is None:
            return
        question = Text("Delete this note on ")
        question.append_text(text(self.library.label(note.target), single_line=True))
        question.append("?\n")
        question.append_text(text(shorten(note.label, 60), "dim"))

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(note)

        self.app.push_screen(Confirm(question), answered)

    @work(thread=True, group="notes")
    def _delete(self, note: Note) -> None:
        try:
            self.notebook.delete(note.id)
        except BriefingError as exc:
            self.notify(f"Note not deleted: {exc}", severity="error", markup=False)
            return
        self.post_message(self.NoteDeleted(note))

    @on(NoteDeleted)
    def _note_deleted(self, message: NoteDeleted) -> None:
        self.notes_changed(message.note.target)
        self._deleted_notices[message.note.id] = self._notify_kept("Note deleted: u brings it back")

    @work(thread=True, group="notes")
    def action_undo_delete(self) -> None:
        try:
            note = self.notebook.undo_delete()
        except BriefingError as exc:
            self.notify(f"Note not restored: {exc}", severity="error", markup=False)
            return
        if note is None:
            self.notify("No deleted note to bring back", markup=False)
            return
        self.post_message(self.NoteRestored(note))

    @on(NoteRestored)
    def _note_restored(self, message: NoteRestored) -> None:
        self.notes_changed(message.note.target)
        deleted = self._deleted_notices.pop(message.note.id, None)
        if deleted is not None:
            textual_compat.dismiss(self.app, deleted)
        self.notify("Note restored", markup=False)

    def _notify_kept(self, message: str) -> Notification:
        """``notify``, keeping hold of the notice so that it can be dismissed (``App.notify`` returns nothing)."""
        notice = Notification(clean(message), "", "information", self.app.NOTIFICATION_TIMEOUT, markup=False)
        self.app.post_message(Notify(notice))
        return notice

    # -- showing ----------------------------------------------------------------

    def notes_changed(self, target: str | None) -> None:
        """Draw what shows notes again: the open entry (if they are on it), the notes list, the count."""
        self.entry_notes_changed(target)
        notes = self.all_notes()
        for shown in self.query(NotesList):
            shown.show(notes, self.library)
        self.update_notes_count(len(notes))
        self.refresh_bindings()  # "u undo delete" shows while there is a deleted note to bring back

    def update_notes_count(self, count: int | None = None) -> None:
        """The count on the navigation's "Notes" entry (read from the notebook if not given)."""
        if self.notes_node is not None:
            count = len(self.all_notes()) if count is None else count
            self.notes_node.set_label(Text.assemble("Notes ", (str(count), "dim")))

    # Reads for the screen: a notes file that cannot be read shows no notes (the app said why when it loaded).

    def all_notes(self) -> list[Note]:
        with suppress(BriefingError):
            return self.notebook.all()
        return []

    def notes_on(self, entity_id: str) -> list[Note]:
        with suppress(BriefingError):
            return self.notebook.for_target(entity_id)
        return []

    def entry_of(self, entity_id: str) -> str | None:
        """The entry an id stands for: a note stands for the entry it is on."""
        if not entity_id.startswith("note:"):
            return entity_id
        note = self.note(entity_id)
        return note.target if note is not None else None

    def note(self, note_id: str) -> Note | None:
        with suppress(BriefingError):
            return self.notebook.get(note_id)
        return None
