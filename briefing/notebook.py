"""The reader's notes as the browser and the command line both keep them.

Writing a note is more than a store call: the search index has to learn of
it, a deletion made in the browser can be undone for the rest of the session,
and notes another process writes (a second browser, ``briefing annotate``)
have to be noticed.  The store (``briefing.store.notes``) owns the file and
its guarantees; a :class:`Notebook` owns the rest, once, for every caller.

The browser calls the writing methods from thread workers, so the undo list
and the version last seen are kept under a lock here rather than as the
app's attributes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import TYPE_CHECKING

from briefing.errors import BriefingError
from briefing.model.entities import Note
from briefing.model.vocabulary import NoteFlag

if TYPE_CHECKING:
    from briefing.search.index import SearchIndex
    from briefing.store.notes import NotesStore


class Notebook:
    """The reader's notes; ``open_store`` is asked for the store on every use.

    Opening the store can fail (a data dir that cannot be read): each use
    then raises ``BriefingError`` and tries again, so notes come back once
    the reader fixes the folder, and a command says why it cannot go on.
    """

    def __init__(self, open_store: Callable[[], NotesStore]) -> None:
        self._open_store = open_store
        self._index: SearchIndex | None = None
        self._deleted: list[Note] = []
        self._lock = threading.Lock()
        self._version: object = None

    @property
    def store(self) -> NotesStore:
        return self._open_store()

    def open(self) -> None:
        """Read the notes now and watch for other writers from here on (``changed_elsewhere``)."""
        store = self.store
        with self._lock:
            self._version = store.version()

    @property
    def problem(self) -> str | None:
        """Why the notes are read-only, or which records were skipped; None when all is well."""
        return self.store.problem

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def attach_index(self, index: SearchIndex) -> None:
        """From now on, every write is reflected in ``index`` as it happens."""
        self._index = index

    # -- reading --------------------------------------------------------------

    def all(self) -> list[Note]:
        """Every note, oldest first."""
        return self.store.all()

    def get(self, note_id: str) -> Note | None:
        return self.store.get(note_id)

    def for_target(self, entity_id: str) -> list[Note]:
        """The notes on one entry, oldest first."""
        return self.store.for_target(entity_id)

    def require(self, note_id: str) -> Note:
        """The note, or ``NoteNotFoundError`` naming the id."""
        return self.store.require(note_id)

    # -- writing --------------------------------------------------------------

    def add(self, target: str, text: str, tags: Iterable[str] = (), flag: NoteFlag | str | None = None) -> Note:
        """A new note on ``target``; returns once it is on disk."""
        note = self.store.add(target, text, tags=tags, flag=flag)
        self._written(note.id)
        return note

    def update(self, note_id: str, *, text: str, tags: Iterable[str], flag: NoteFlag | str | None) -> Note:
        note = self.store.update(note_id, text=text, tags=tags, flag=flag)
        self._written(note_id)
        return note

    def delete(self, note_id: str) -> Note:
        """Remove a note; ``undo_delete`` brings it back, with the same id, for as long as this notebook lives."""
        note = self.store.delete(note_id)
        with self._lock:
            self._deleted.append(note)
        self._written(note_id)
        return note

    @property
    def can_undo(self) -> bool:
        with self._lock:
            return bool(self._deleted)

    def undo_delete(self) -> Note | None:
        """Bring back the last note deleted here; None if there is none.  A failed restore keeps it for another try."""
        with self._lock:
            if not self._deleted:
                return None
            note = self._deleted.pop()
        try:
            restored = self.store.restore(note)
        except BriefingError:
            with self._lock:
                self._deleted.append(note)
            raise
        self._written(note.id)
        return restored

    # -- other writers ----------------------------------------------------------

    def changed_elsewhere(self) -> bool:
        """Whether another process wrote the notes since this notebook last read or wrote them.

        A stat of the file, cheap enough to poll every second.
        """
        version = self.store.version()
        with self._lock:
            changed, self._version = version != self._version, version
        return changed

    def reload(self) -> list[Note]:
        """Every note, re-read, with the search index brought in line."""
        notes = self.store.all()
        index = self._index
        if index is not None:
            with suppress(BriefingError):
                index.index_notes(notes)
        return notes

    def _written(self, note_id: str) -> None:
        with self._lock:
            self._version = self.store.version()
        index = self._index
        if index is None:
            return
        # The note is safe on disk; a search cache that cannot be written is not worth failing the save for.
        with suppress(BriefingError):
            note = self.store.get(note_id)
            if note is None:
                index.remove_note(note_id)
            else:
                index.update_note(note)
