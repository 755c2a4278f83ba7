"""The reader's notes: one TinyDB file in the data dir that never loses a note.

The notes live in ``notes.json`` (see ``paths.notes_path``), table
``notes``, keyed by note id (the record: ``note_records``).  It is apart
from content, so it grows with notes only, never with the library.  Where
each part lives:

* ``note_records``: what a note is made of, checked; record <-> Note;
* ``notes_storage``: the file as TinyDB sees it, one note per line, and the
  cache that spares parsing and encoding what did not change;
* ``note_merge``: what an import adds, never overwriting a note;
* ``notes_read_only``: a file that does not parse, and the read-only mode;
* here: ``NotesStore``, reading and writing notes under these guarantees.

Never losing a note
    Every write is one read-modify-write under the file's lock, on data
    re-read inside the lock, through a fresh TinyDB, and ends in one atomic
    replace of the file (temp file, fsync, ``os.replace``, fsync of the
    folder: ``AtomicJSONStorage``).  ``add`` returns only after that, so an
    acknowledged note is on disk; a killed process leaves the old file or
    the new one, never half of one; two processes (two terminals, the browser
    and the command line) each change only the notes they mean to, by id, so
    neither loses the other's.  Note ids are time-sortable and unique across
    processes (``new_note_id``).

A file that does not parse
    ``NotesStore(path)`` is strict: reading or writing raises
    ``CorruptFileError`` and touches nothing.  ``NotesStore.open(path)`` is
    what the browser and the command line use: the store goes read-only and
    keeps a copy of the file (``notes_read_only``).  A file that parses but
    holds a damaged note record (a missing field, a bad id) is not
    read-only: that record is skipped by reads, counted in ``problem``, and
    kept in the file as it is, since writes only replace the notes they
    change.

A note's target is any well-formed entity id: it need not be in the
library, so a note outlives its entry (``orphans`` lists such notes).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Container, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from briefing.errors import CorruptFileError, NotFoundError, StoreError
from briefing.model.controls import without_controls
from briefing.model.entities import Note
from briefing.model.ids import new_note_id
from briefing.model.preview import shown_name
from briefing.model.vocabulary import NoteFlag
from briefing.store.files import SpecialFileError, read_regular_bytes
from briefing.store.locks import locked
from briefing.store.note_merge import Incoming, MergePlan, plan_merge
from briefing.store.note_records import (
    check_flag,
    check_target,
    check_text,
    checked,
    normalise_tags,
    note_of_record,
    now_stamp,
    record_of_note,
)
from briefing.store.notes_read_only import ReadOnlyMode
from briefing.store.notes_storage import FileCache, NotesDB, NotesStorage, NotesTable, load_tables
from briefing.store.storage import id_document

TABLE = "notes"


class NoteNotFoundError(NotFoundError):
    """A note id that names no note in the notes file."""


class NotesReadOnlyError(StoreError):
    """The notes file does not parse, so nothing is written to it until it does."""


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()
"""``update``'s default: leave this field as it is (``flag=None`` clears the flag)."""


class NotesStore:
    """The reader's notes; see the module docstring for what is guaranteed."""

    def __init__(self, path: Path, *, tolerant: bool = False) -> None:
        self.path = Path(path)
        self.tolerant = tolerant
        self._mode = ReadOnlyMode(self.path)
        self._cache = FileCache()
        self._good: dict[str, Note] = {}
        self._sorted: list[Note] = []
        self._good_raw: bytes | None = None
        self._damaged = 0
        self._mutex = threading.RLock()

    @classmethod
    def open(cls, path: Path) -> NotesStore:
        """The store as the browser and commands use it: read-only, not failing, if the file is corrupt."""
        store = cls(path, tolerant=True)
        store.reload()
        return store

    @property
    def read_only(self) -> bool:
        """True while the file does not parse: reads show what was last read, writes raise NotesReadOnlyError."""
        return self._mode.read_only

    @property
    def problem(self) -> str | None:
        """What is wrong with the file, for the reader: unparsable, or damaged records skipped; None when nothing is."""
        return self._mode.problem

    @property
    def corrupt_copy(self) -> Path | None:
        """Where the copy of a file that does not parse is kept."""
        return self._mode.corrupt_copy

    # -- reading ------------------------------------------------------------

    def version(self) -> tuple[int, int, int, int] | None:
        """A stat of the file that changes whenever any process writes it (None while there is no file).

        Cheap enough to poll every second: when it differs from the last one
        seen, call ``all()`` to pick up notes another process wrote.
        """
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)

    def changed(self) -> bool:
        """Whether the file differs from what this store last read or wrote."""
        with self._mutex:
            return read_regular_bytes(self.path) != self._cache.raw

    def reload(self) -> list[Note]:
        """Every note, oldest first, re-read from the file if it changed (by this or another process)."""
        with self._mutex:
            self._notes()
            return list(self._sorted)

    def all(self) -> list[Note]:
        """Every note, oldest first."""
        return self.reload()

    def get(self, note_id: str) -> Note | None:
        return self._notes().get(note_id)

    def require(self, note_id: str) -> Note:
        note = self.get(note_id)
        if note is None:
            raise NoteNotFoundError(f"{shown_name(note_id)}: no such note")
        return note

    def for_target(self, entity_id: str) -> list[Note]:
        """The notes on one entry, oldest first."""
        return [n for n in self.reload() if n.target == entity_id]

    def orphans(self, known: Container[str]) -> list[Note]:
        return orphans(self.reload(), known)

    def _notes(self) -> dict[str, Note]:
        with self._mutex:
            corrupt: CorruptFileError | SpecialFileError | None = None
            try:
                tables: dict[str, dict[str, Any]] | None = load_tables(self.path, self._cache)
            except (CorruptFileError, SpecialFileError) as exc:
                if not self.tolerant:
                    raise
                corrupt, tables = exc, self._cache.tables  # what this store last read or wrote, if anything
            if tables is not None and (self._cache.raw is None or self._cache.raw is not self._good_raw):
                known = self._cache.table(TABLE)
                self._good = dict(known.notes_of(tables.get(TABLE, {})))
                self._sorted = sorted(self._good.values(), key=attrgetter("id"))
                self._damaged = len(known.damaged)
                self._good_raw = self._cache.raw
            if corrupt is not None:
                self._mode.enter(corrupt)
            else:
                self._mode.leave(self._damaged)
            return self._good

    # -- writing ------------------------------------------------------------

    def add(self, target: str, text: str, tags: Iterable[str] = (), flag: NoteFlag | str | None = None) -> Note:
        """A new note on ``target``; returns once the note is on disk."""
        stamp = now_stamp()
        note = Note(
            id=new_note_id(),
            target=check_target(target),
            text=check_text(text, typed=True),
            created=stamp,
            updated=stamp,
            tags=normalise_tags(tags),
            flag=check_flag(flag),
        )
        with self._writing() as table:
            table.insert(id_document(record_of_note(note), note.id))
        return note

    def update(
        self,
        note_id: str,
        *,
        text: str = UNCHANGED,
        tags: Iterable[str] = UNCHANGED,
        flag: NoteFlag | str | None = UNCHANGED,
    ) -> Note:
        """Change a note's text, tags or flag; ``updated`` becomes now."""
        changes: dict[str, Any] = {}
        if text is not UNCHANGED:
            changes["text"] = check_text(text, typed=True)
        if tags is not UNCHANGED:
            changes["tags"] = normalise_tags(tags)
        if flag is not UNCHANGED:
            changes["flag"] = check_flag(flag)
        with self._writing() as table:
            old = self._stored(table, note_id)
            new = replace(old, **changes, updated=max(now_stamp(), old.updated))
            table.put_many({note_id: record_of_note(new)})
        return new

    def delete(self, note_id: str) -> Note:
        """Remove a note; returns it, so that ``restore`` can undo."""
        with self._writing() as table:
            old = self._stored(table, note_id)
            table.remove_ids([note_id])
        return old

    def restore(self, note: Note) -> Note:
        """Undo a delete: the same note, same id, back in the file (a note still there is left as it is).

        Control characters a note kept from before they were refused are taken out, so it can come back.
        """
        note = checked(replace(note, text=without_controls(note.text)))
        with self._writing() as table:
            present = table.get_by_id(note.id)
            if present is not None:
                return note_of_record(note.id, present)
            table.insert(id_document(record_of_note(note), note.id))
        return note

    def merge(self, notes: Iterable[Note], origin: str | None = None) -> MergePlan:
        """Import notes (from the file ``origin``) in one write, never overwriting one of the reader's.

        See "Imports never overwrite a note" in the module docstring.
        """
        with self._writing() as table:
            plan = plan_merge(table.records(), [(note, origin) for note in notes])
            if plan.new:
                table.put_many({note.id: record_of_note(note) for note in plan.new})
        return plan

    def plan_merge(self, incoming: Iterable[Incoming]) -> MergePlan:
        """What importing these (note, file) pairs would add now; writes nothing.

        Hold ``locked(store.path)`` from here until ``put_new`` to keep the plan true.
        """
        with self._writing() as table:
            return plan_merge(table.records(), incoming)

    def put_new(self, notes: Iterable[Note]) -> int:
        """Add these notes in one write, leaving any id already there as it is; how many were added.

        Doing it twice adds them once: what finishing an interrupted import relies on.
        """
        wanted = {note.id: note for note in map(checked, notes)}
        if not wanted:
            return 0
        with self._writing() as table:
            present = table.documents(wanted)
            new = {nid: record_of_note(note) for nid, note in wanted.items() if nid not in present}
            if new:
                table.put_many(new)
        return len(new)

    def _stored(self, table: NotesTable, note_id: str) -> Note:
        doc = table.get_by_id(note_id)
        if doc is None:
            raise NoteNotFoundError(f"{shown_name(note_id)}: no such note")
        return note_of_record(note_id, doc)

    @contextmanager
    def _writing(self) -> Iterator[NotesTable]:
        """One transaction: the lock, a fresh TinyDB on the file re-read inside it, one write."""
        with self._mutex, locked(self.path):
            db = NotesDB(self.path, storage=NotesStorage, cache=self._cache)
            try:
                yield db.table(TABLE)  # type: ignore[misc]
            except (CorruptFileError, SpecialFileError) as exc:
                if not self.tolerant:
                    raise
                self._mode.enter(exc)
                raise NotesReadOnlyError(self.path, self._mode.reason) from None
            except BaseException:
                self._cache.forget()
                raise
            finally:
                db.close()
            self._mode.leave(self._damaged)


def orphans(notes: Iterable[Note], known: Container[str]) -> list[Note]:
    """Notes whose entry is not (or no longer) in ``known``, e.g. the Library; they are kept, never dropped."""
    return [note for note in notes if note.target not in known]
