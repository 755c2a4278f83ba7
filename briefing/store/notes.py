"""The reader's notes: one TinyDB file in the data dir that never loses a note.

The notes live in ``notes.json`` (see ``paths.notes_path``), table
``notes``, keyed by note id, each record ``target``, ``text``, ``tags``,
``flag``, ``created`` and ``updated`` (ISO 8601 UTC with milliseconds), and
``imported_from`` (the file) on a note an import kept beside the reader's
own.  It is apart from content, so it grows with notes only, never with the
library.

Imports never overwrite a note
    ``plan_merge`` decides what an import adds: a note whose content
    (target, text, tags, flag) is already among the reader's notes adds
    nothing; a new id is added as it is; an id the reader has with other
    content is kept beside it under a new id, tagged ``imported`` with
    ``imported_from`` set.  Times later than now (beyond a day's clock
    skew) become now, so no imported stamp sorts after every later edit.

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

Speed
    The file is written one note per line.  A store remembers the bytes it
    last read or wrote, each note's encoded line and its Note object; when
    the file under the lock still holds those bytes, nothing is parsed again
    and only the notes that changed are encoded again.  A note a process
    adds costs one lock, one read and compare of the file, one atomic write.

A file that does not parse
    ``NotesStore(path)`` is strict: reading or writing raises
    ``CorruptFileError`` and touches nothing.  ``NotesStore.open(path)`` is
    what the browser and the command line use: when the file does not parse
    (at opening or later),

    * its bytes are copied, untouched, beside it as
      ``notes.json.corrupt-<UTC time>`` (once: an identical copy already
      there is reused); the original is never written, moved or truncated;
    * the store is read-only: ``read_only`` is True and ``problem`` says what
      is wrong, where the copy is and what to do; reads return the notes last
      read from the file (none if it never parsed); every write raises
      ``NotesReadOnlyError`` with that message;
    * it becomes writable again by itself once the file parses (repaired,
      restored or removed by the reader): every read and write looks again.

    A file that parses but holds a damaged note record (a missing field, a
    bad id) is not read-only: that record is skipped by reads, counted in
    ``problem``, and kept in the file as it is, since writes only replace the
    notes they change.

A note's target is any well-formed entity id: it need not be in the
library, so a note outlives its entry (``orphans`` lists such notes).
"""

from __future__ import annotations

import glob
import json
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from operator import attrgetter
from pathlib import Path
from typing import Any

from tinydb.table import Document

from briefing.errors import BriefingError, CorruptFileError, NotFoundError, Problem, StoreError, ValidationError
from briefing.model.controls import control_problem, without_controls
from briefing.model.entities import Note
from briefing.model.ids import is_id, kind_of, new_note_id
from briefing.model.preview import preview, shown_name
from briefing.model.vocabulary import EntityKind, NoteFlag
from briefing.store.storage import (
    AtomicJSONStorage,
    IdTable,
    IdTinyDB,
    SpecialFileError,
    is_regular_file,
    locked,
    write_atomic,
)

TABLE = "notes"
MAX_TEXT_BYTES = 1_000_000
MAX_TAG_LENGTH = 64
RECORD_FIELDS = ("target", "text", "tags", "flag", "created", "updated", "imported_from")
IMPORTED_TAG = "imported"
CLOCK_SKEW = timedelta(days=1)


class NoteError(BriefingError):
    """A note that cannot be stored as given: empty text, a malformed target, a bad tag or flag."""


class NoteNotFoundError(NotFoundError):
    """A note id that names no note in the notes file."""


class NotesReadOnlyError(StoreError):
    """The notes file does not parse, so nothing is written to it until it does."""


# -- checking what a note is made of -------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")
_TAG_RE = re.compile(r"[^\W_][\w-]*")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def now_stamp() -> str:
    """Now, as stored in ``created`` and ``updated``: ``2024-05-01T12:34:56.789Z``."""
    return _format_stamp(datetime.now(UTC))


def _format_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_stamp(value: object) -> str:
    """An ISO 8601 time with a zone, normalised to UTC with milliseconds."""
    if not isinstance(value, str):
        raise NoteError(f"expected an ISO 8601 time such as 2024-05-01T12:34:56.789Z, got {preview(value)}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise NoteError(f"{preview(value)} is not an ISO 8601 time such as 2024-05-01T12:34:56.789Z") from None
    if moment.tzinfo is None:
        raise NoteError(f"{preview(value)} has no time zone (add Z for UTC)")
    return _format_stamp(moment)


def check_target(target: object) -> str:
    if not is_id(target):
        raise NoteError(f"{preview(target)} is not an entry id (expected KIND:slug, e.g. actor:qais-khazali)")
    assert isinstance(target, str)
    if kind_of(target) is EntityKind.NOTE:
        raise NoteError(f"{shown_name(target)}: a note annotates an entry, not another note")
    return target


def check_text(text: object, *, typed: bool = False) -> str:
    """The text as stored: line ends made ``\\n``, blank lines around it dropped; never empty.

    A control character (``model.controls``) is refused, located, in text
    from a file; in text a person ``typed`` (the editor, ``annotate``) it is
    taken out.
    """
    if not isinstance(text, str):
        raise NoteError(f"note text must be text, got {type(text).__name__}")
    if _SURROGATES.search(text):
        raise NoteError("note text is not valid Unicode (it holds a lone surrogate)")
    if typed:
        text = without_controls(text)
    elif problem := control_problem(text):
        raise NoteError(problem)
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip().lstrip("\n")
    if not text.strip():
        raise NoteError("note text is empty")
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        raise NoteError(f"note text is {size:,} bytes; the most a note holds is {MAX_TEXT_BYTES:,}")
    return text


def normalise_tag(tag: object) -> str:
    """``'#Verify'`` -> ``'verify'``; a tag is one word of letters, digits, ``-`` and ``_``."""
    if not isinstance(tag, str):
        raise NoteError(f"a tag must be text, got {type(tag).__name__}")
    if _CONTROL_RE.search(tag) or _SURROGATES.search(tag):
        raise NoteError(f"tag {preview(tag)} holds control characters")
    word = unicodedata.normalize("NFC", tag.strip()).removeprefix("#").casefold()
    if not word:
        raise NoteError("a tag is empty")
    if any(ch.isspace() for ch in word):
        raise NoteError(f"tag {preview(tag)} has spaces; use hyphens: {preview('-'.join(word.split()))}")
    if not _TAG_RE.fullmatch(word):
        raise NoteError(f"tag {preview(tag)}: use letters, digits, '-' and '_' only, starting with a letter or digit")
    if len(word) > MAX_TAG_LENGTH:
        raise NoteError(f"tag {preview(tag)} is longer than {MAX_TAG_LENGTH} characters")
    return word


def normalise_tags(tags: Iterable[object]) -> tuple[str, ...]:
    if isinstance(tags, str):
        raise NoteError(f"tags must be a list of words, got the text {preview(tags)}")
    if not isinstance(tags, list | tuple):
        raise NoteError(f"tags must be a list of words, got {preview(tags)}")
    return tuple(dict.fromkeys(normalise_tag(tag) for tag in tags))


def check_flag(flag: object) -> NoteFlag | None:
    if flag is None or flag == "":
        return None
    try:
        return NoteFlag(flag)
    except ValueError:
        allowed = ", ".join(f.value for f in NoteFlag)
        raise NoteError(f"unknown flag {preview(flag)} (expected one of: {allowed})") from None


def checked(note: Note) -> Note:
    """A Note with every field checked and normalised."""
    if not is_id(note.id) or kind_of(note.id) is not EntityKind.NOTE:
        raise NoteError(f"{preview(note.id)} is not a note id (expected note:…)")
    created = parse_stamp(note.created)
    updated = parse_stamp(note.updated)
    if updated < created:
        raise NoteError(f"{note.id}: updated ({updated}) is before created ({created})")
    return Note(
        id=note.id,
        target=check_target(note.target),
        text=check_text(note.text),
        created=created,
        updated=updated,
        tags=normalise_tags(note.tags),
        flag=check_flag(note.flag),
        imported_from=check_origin(note.imported_from),
    )


def check_origin(value: object) -> str | None:
    """``imported_from``: the name of a file, one line of text, or nothing."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or _CONTROL_RE.search(value) or _SURROGATES.search(value):
        raise NoteError(f"imported_from must be a file name, got {preview(value)}")
    return value


def record_of_note(note: Note) -> dict[str, Any]:
    """A note as stored in the notes table (its id is the key); ``imported_from`` only when set."""
    record = {
        "target": note.target,
        "text": note.text,
        "tags": list(note.tags),
        "flag": str(note.flag) if note.flag else None,
        "created": note.created,
        "updated": note.updated,
    }
    if note.imported_from is not None:
        record["imported_from"] = note.imported_from
    return record


def note_of_record(note_id: str, record: Mapping[str, Any]) -> Note:
    """A stored record as a Note; raises NoteError when the record is damaged."""
    if not is_id(note_id) or kind_of(note_id) is not EntityKind.NOTE:
        raise NoteError(f"{preview(note_id)} is not a note id")
    tags = record.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise NoteError(f"{note_id}: tags must be a list of words")
    for name in ("text", "created", "updated"):
        if not isinstance(record.get(name), str):
            raise NoteError(f"{note_id}: {name} is missing or not text")
    if not record["text"].strip():
        raise NoteError(f"{note_id}: text is empty")
    return Note(
        id=note_id,
        target=check_target(record.get("target")),
        text=record["text"],
        created=record["created"],
        updated=record["updated"],
        tags=tuple(tags),
        flag=check_flag(record.get("flag")),
        imported_from=check_origin(record.get("imported_from")),
    )


# -- the file, encoded one note per line, with what this process already knows of it ----


@dataclass
class _KnownTable:
    """What this process knows of one table: its documents as objects, their lines in the file, their Notes.

    Documents are replaced whole and never changed in place (``NotesTable``
    refuses in-place updates), so a document that is the very object seen
    before is unchanged; one that is not is compared by value, and only what
    differs is encoded or converted again.
    """

    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: dict[str, bytes] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    damaged: set[str] = field(default_factory=set)

    def sync(self, table: dict[str, dict[str, Any]]) -> None:
        """Forget what is known of documents that are gone or differ from before."""
        # self.docs keeps the old documents alive, so no new document can be mistaken for one of them.
        before = self.docs
        kept = 0
        for doc_id, doc in table.items():
            old = before.get(doc_id)
            if old is doc:
                kept += 1
            elif old is None or old != doc:
                self._drop(doc_id)
            else:
                kept += 1
        if kept != len(before):
            for doc_id in before.keys() - table.keys():
                self._drop(doc_id)
        self.docs = dict(table)

    def _drop(self, doc_id: str) -> None:
        self.lines.pop(doc_id, None)
        self.notes.pop(doc_id, None)
        self.damaged.discard(doc_id)

    def encode(self, table: dict[str, dict[str, Any]]) -> bytes:
        """The table's documents as lines of the file, sorted by id."""
        self.sync(table)
        for doc_id in table.keys() - self.lines.keys():
            self.lines[doc_id] = _encode_line(doc_id, table[doc_id])
        return b",\n".join(map(self.lines.__getitem__, sorted(table)))

    def notes_of(self, table: dict[str, dict[str, Any]]) -> dict[str, Note]:
        """The Notes of the table's valid records (``damaged`` holds the ids of the others)."""
        self.sync(table)
        for doc_id in table.keys() - self.notes.keys() - self.damaged:
            try:
                self.notes[doc_id] = note_of_record(doc_id, table[doc_id])
            except NoteError:
                self.damaged.add(doc_id)
        return self.notes


@dataclass
class _FileCache:
    """The notes file as this process last read or wrote it; trusted only while its bytes match."""

    raw: bytes | None = None
    tables: dict[str, dict[str, Any]] | None = None
    known: dict[str, _KnownTable] = field(default_factory=dict)

    def forget(self) -> None:
        self.raw = None
        self.tables = None

    def table(self, name: str) -> _KnownTable:
        return self.known.setdefault(name, _KnownTable())


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_ASCII_ENCODER = json.JSONEncoder(ensure_ascii=True, sort_keys=True)


def _encode_line(doc_id: str, doc: dict[str, Any]) -> bytes:
    try:
        return f"{json.dumps(doc_id, ensure_ascii=False)}: {_ENCODER.encode(doc)}".encode()
    except UnicodeEncodeError:  # a lone surrogate read from a \\ud800 escape: keep it escaped
        return f"{json.dumps(doc_id)}: {_ASCII_ENCODER.encode(doc)}".encode()


def _parse(path: Path, raw: bytes) -> dict[str, dict[str, Any]] | None:
    """The tables in ``raw``, the bytes of ``path``; mirrors ``AtomicJSONStorage.read``.

    The store parses the very bytes it compares and caches, so it cannot go
    through ``read_json``, which opens the file again.
    """
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CorruptFileError(path, f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise CorruptFileError(path, f"line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise CorruptFileError(path, "nested too deeply") from None
    except ValueError as exc:
        raise CorruptFileError(path, f"unreadable JSON: {exc}") from None
    if not isinstance(data, dict):
        raise CorruptFileError(path, f"expected a JSON object of tables, found {type(data).__name__}")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
            raise CorruptFileError(path, f"table {name!r} is not an object of documents")
    return data


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes; a FIFO, a device or a folder raises ``SpecialFileError`` rather than blocking for ever."""
    try:
        if not is_regular_file(path):
            return None
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(path, "is a directory, expected a file") from None
    except OSError as exc:
        raise StoreError(path, f"cannot read: {exc.strerror or exc}") from None


def _load(path: Path, cache: _FileCache) -> dict[str, dict[str, Any]]:
    """The file's tables, parsed only when its bytes differ from the cached ones."""
    raw = _read_bytes(path)
    if raw is None:
        cache.forget()
        return {}
    if cache.raw is None or raw != cache.raw:
        tables = _parse(path, raw) or {}  # raises before the cache changes: it keeps the last good tables
        cache.raw, cache.tables = raw, tables
    assert cache.tables is not None
    return cache.tables


class NotesStorage(AtomicJSONStorage):
    """AtomicJSONStorage that writes one document per line and reuses what its cache knows.

    TinyDB reads the storage at every table operation; within one instance
    (one transaction, under the lock) the file is read once.
    """

    def __init__(self, path: str | Path, cache: _FileCache | None = None, **json_kwargs: Any) -> None:
        super().__init__(path, **json_kwargs)
        self.cache = cache if cache is not None else _FileCache()
        self._read_once = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self._read_once:
            _load(self.path, self.cache)
            self._read_once = True
        if self.cache.tables is None:
            return None
        # TinyDB rebinds whole tables and may change documents in place: hand it its own tables.
        return {name: dict(table) for name, table in self.cache.tables.items()}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        chunks = [b"{"]
        for index, (name, table) in enumerate(data.items()):
            head = ("," if index else "") + f"\n{json.dumps(name, ensure_ascii=False)}: {{"
            chunks.append(head.encode())
            if table:
                chunks += [b"\n", self.cache.table(name).encode(table), b"\n"]
            chunks.append(b"}")
        chunks.append(b"\n}\n")
        raw = b"".join(chunks)
        self.cache.forget()
        write_atomic(self.path, raw)
        self.cache.raw = raw
        self.cache.tables = {name: dict(table) for name, table in data.items()}
        self._read_once = True


class NotesTable(IdTable):
    """The notes table: documents are inserted, replaced whole (``put_many``) or removed, never edited in place."""

    def records(self) -> dict[str, Mapping[str, Any]]:
        """Every stored record by id, as read (not to be changed in place)."""
        return self._read_table()

    def documents(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Copies of the stored records of those ``ids`` that are present (one read)."""
        stored = self._read_table()
        return {doc_id: dict(stored[doc_id]) for doc_id in ids if doc_id in stored}

    def update(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("notes are replaced whole with put_many, never changed in place")

    update_multiple = upsert = update

    def put_many(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        """Insert or replace whole documents by id, in one write."""

        def updater(table: dict[str, Mapping[str, Any]]) -> None:
            for doc_id, doc in documents.items():
                table[doc_id] = dict(doc)

        self._update_table(updater)  # type: ignore[arg-type]


class NotesDB(IdTinyDB):
    table_class = NotesTable


# -- the store --------------------------------------------------------------------------


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
        self.read_only = False
        self.problem: str | None = None
        self.corrupt_copy: Path | None = None
        self._cache = _FileCache()
        self._good: dict[str, Note] = {}
        self._sorted: list[Note] = []
        self._good_raw: bytes | None = None
        self._corrupt_raw: bytes | None = None
        self._read_only_reason = ""
        self._damaged = 0
        self._mutex = threading.RLock()

    @classmethod
    def open(cls, path: Path) -> NotesStore:
        """The store as the browser and commands use it: read-only, not failing, if the file is corrupt."""
        store = cls(path, tolerant=True)
        store.reload()
        return store

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
            return _read_bytes(self.path) != self._cache.raw

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
                tables: dict[str, dict[str, Any]] | None = _load(self.path, self._cache)
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
                self._enter_read_only(corrupt)
            else:
                self._leave_read_only()
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
            table.insert(Document(record_of_note(note), doc_id=note.id))
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
            table.remove(doc_ids=[note_id])
        return old

    def restore(self, note: Note) -> Note:
        """Undo a delete: the same note, same id, back in the file (a note still there is left as it is).

        Control characters a note kept from before they were refused are taken out, so it can come back.
        """
        note = checked(replace(note, text=without_controls(note.text)))
        with self._writing() as table:
            present = table.get(doc_id=note.id)
            if present is not None:
                return note_of_record(note.id, present)
            table.insert(Document(record_of_note(note), doc_id=note.id))
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
        doc = table.get(doc_id=note_id)
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
                self._enter_read_only(exc)
                raise NotesReadOnlyError(self.path, self._read_only_reason) from None
            except BaseException:
                self._cache.forget()
                raise
            finally:
                db.close()
            self._leave_read_only()

    # -- a file that does not parse -------------------------------------------

    def _enter_read_only(self, exc: CorruptFileError | SpecialFileError) -> None:
        if isinstance(exc, SpecialFileError):  # nothing to copy: the reader replaces it with a file, or removes it
            self.corrupt_copy, self._corrupt_raw = None, None
            kept = "it is left as it is"
        else:
            self._keep_copy()
            kept = f"a copy is kept at {self.corrupt_copy}" if self.corrupt_copy else "the file has since gone"
        self.read_only = True
        self._read_only_reason = (
            f"your notes file cannot be read ({exc.reason}); notes are read-only and nothing will be written "
            f"to it; {kept}. Repair or remove the file to take notes again"
        )
        self.problem = f"{self.path}: {self._read_only_reason}"

    def _keep_copy(self) -> None:
        """Copy the unparsable file aside, once for the same bytes."""
        try:
            raw = _read_bytes(self.path)
        except SpecialFileError:  # replaced by a FIFO or a folder since it failed to parse
            raw = None
        if raw is not None and not (self.read_only and self.corrupt_copy and raw == self._corrupt_raw):
            self.corrupt_copy = keep_corrupt_copy(self.path, raw)
            self._corrupt_raw = raw

    def _leave_read_only(self) -> None:
        self.read_only = False
        self.corrupt_copy = None
        self.problem = (
            f"{self.path}: {self._damaged} damaged note record(s) skipped (kept in the file as they are)"
            if self._damaged
            else None
        )


@dataclass
class MergePlan:
    """What an import of notes adds: ``added`` as they came, ``beside`` under new ids, ``already`` there."""

    added: list[Note] = field(default_factory=list)
    beside: list[Note] = field(default_factory=list)
    already: int = 0

    @property
    def new(self) -> list[Note]:
        return [*self.added, *self.beside]


def _content(note: Note | Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two notes the same note, whatever their ids, times and the ``imported`` mark."""
    if isinstance(note, Note):
        target, text, tags, flag = note.target, note.text, note.tags, str(note.flag) if note.flag else None
    else:
        target, text, tags, flag = note.get("target"), note.get("text"), note.get("tags"), note.get("flag")
    marks = tuple(t for t in tags if t != IMPORTED_TAG) if isinstance(tags, list | tuple) else ()
    return (target, text, marks, flag)


Incoming = tuple[Note, str | None]
"""A note an import brings, and the file it comes from."""


def plan_merge(stored: Mapping[str, Mapping[str, Any]], incoming: Iterable[Incoming]) -> MergePlan:
    """The notes an import adds to ``stored`` (the notes table); see the module docstring."""
    plan = MergePlan()
    ids = set(stored)
    contents = {_content(record) for record in stored.values()}
    latest = _format_stamp(datetime.now(UTC) + CLOCK_SKEW)
    now = now_stamp()
    for note, origin in incoming:
        note = checked(note)
        created = now if note.created > latest else note.created
        updated = max(now if note.updated > latest else note.updated, created)
        note = replace(note, created=created, updated=updated)
        if _content(note) in contents:
            plan.already += 1
            continue
        contents.add(_content(note))
        if note.id not in ids:
            plan.added.append(note)
        else:
            tags = note.tags if IMPORTED_TAG in note.tags else (*note.tags, IMPORTED_TAG)
            note = replace(note, id=new_note_id(), tags=tags, imported_from=origin or note.imported_from)
            plan.beside.append(note)
        ids.add(note.id)
    return plan


def keep_corrupt_copy(path: Path, raw: bytes) -> Path:
    """Copy a file that does not parse beside it (``NAME.corrupt-<UTC time>``); reuse an identical copy."""
    for existing in sorted(path.parent.glob(f"{glob.escape(path.name)}.corrupt-*")):
        try:
            if existing.stat().st_size == len(raw) and existing.read_bytes() == raw:
                return existing
        except OSError:
            continue
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        copy_path = path.with_name(f"{path.name}.corrupt-{stamp}{suffix}")
        try:
            with open(copy_path, "xb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            return copy_path
        except FileExistsError:
            continue
        except OSError as exc:
            reason = exc.strerror or exc
            raise StoreError(copy_path, f"cannot keep a copy of the damaged notes file: {reason}") from None
    raise StoreError(path, "cannot find a free name for a copy of the damaged notes file")


# -- notes and the library, notes in interchange documents ----------------------------


def orphans(notes: Iterable[Note], known: Container[str]) -> list[Note]:
    """Notes whose entry is not (or no longer) in ``known``, e.g. the Library; they are kept, never dropped."""
    return [note for note in notes if note.target not in known]


_INTERCHANGE_FIELDS = ("id", *RECORD_FIELDS)


def notes_from_records(records: Any, file: str) -> list[Note]:
    """Notes from the ``notes`` list of a ``briefing/1`` document, checked.

    Raises ValidationError listing every problem, located by file, note id
    (or its position) and field.  Times are normalised to UTC; ``tags`` and
    ``flag`` may be left out; ``updated`` defaults to ``created``.
    """
    if not isinstance(records, list):
        raise ValidationError([Problem(file, "", "notes", "expected a list of notes")])
    problems: list[Problem] = []
    notes: list[Note] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        where = f"notes[{index}]"
        if not isinstance(record, dict):
            problems.append(Problem(file, where, "", f"expected an object, got {type(record).__name__}"))
            continue
        note_id = record.get("id")
        if is_id(note_id) and kind_of(note_id) is EntityKind.NOTE:
            where = note_id
            if note_id in seen:
                problems.append(Problem(file, where, "id", "duplicate note id"))
            seen.add(note_id)
        else:
            problems.append(
                Problem(file, where, "id", f"expected a note id such as note:01hz…, got {preview(note_id)}")
            )
        found = _record_problems(record)
        problems += [Problem(file, where, name, message) for name, message in found]
        if not found and where == note_id:
            notes.append(_note_from_checked_record(record))
    if problems:
        raise ValidationError(problems)
    return notes


def _record_problems(record: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in record:
        if name not in _INTERCHANGE_FIELDS:
            found.append((name, f"unknown field (expected: {', '.join(_INTERCHANGE_FIELDS)})"))
    checks: dict[str, Callable[[Any], object]] = {
        "target": check_target,
        "text": check_text,
        "tags": normalise_tags,
        "flag": check_flag,
        "created": parse_stamp,
        "updated": parse_stamp,
        "imported_from": check_origin,
    }
    for name, check in checks.items():
        if name not in record:
            if name in ("target", "text", "created"):
                found.append((name, "missing"))
            continue
        try:
            check(record[name])
        except NoteError as exc:
            found.append((name, str(exc)))
    if not found and "updated" in record and parse_stamp(record["updated"]) < parse_stamp(record["created"]):
        found.append(("updated", "is before created"))
    return found


def _note_from_checked_record(record: dict[str, Any]) -> Note:
    created = parse_stamp(record["created"])
    return Note(
        id=record["id"],
        target=record["target"],
        text=check_text(record["text"]),
        created=created,
        updated=parse_stamp(record.get("updated", created)),
        tags=normalise_tags(record.get("tags", [])),
        flag=check_flag(record.get("flag")),
        imported_from=check_origin(record.get("imported_from")),
    )
