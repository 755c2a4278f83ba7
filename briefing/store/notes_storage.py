"""The notes file as TinyDB sees it: one note per line, written atomically, re-read only when it changed.

``NotesStorage`` is an ``AtomicJSONStorage`` (temp file, fsync,
``os.replace``, under the file's lock) that writes one document per line.
A ``FileCache`` remembers the bytes the store last read or wrote, each
note's encoded line and its Note object; when the file under the lock still
holds those bytes, nothing is parsed again and only the notes that changed
are encoded again.  A note a process adds costs one lock, one read and
compare of the file, one atomic write.

Everything here goes through TinyDB's public API: ``Table.insert``,
``get``, ``remove``, ``Table.storage`` with ``Storage.read``/``write``, and
the ``document_id_class`` and ``table_class`` hooks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import CorruptFileError
from briefing.model.entities import Note
from briefing.store.briefings import duplicate_key_position
from briefing.store.files import read_regular_bytes, write_atomic
from briefing.store.note_records import NoteError, note_of_record
from briefing.store.storage import AtomicJSONStorage, IdTable, IdTinyDB


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
class FileCache:
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


class _Repeated(Exception):
    """A key twice in one object; not a ValueError, so json lets it through."""


def _counted(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object as json builds it, refusing a key it holds twice (json would keep the last silently)."""
    built = dict(pairs)
    if len(built) != len(pairs):
        raise _Repeated
    return built


def _parse(path: Path, raw: bytes) -> dict[str, dict[str, Any]] | None:
    """The tables in ``raw``, the bytes of ``path``; mirrors ``AtomicJSONStorage.read``.

    The store parses the very bytes it compares and caches, so it cannot go
    through ``read_json``, which opens the file again.
    """
    if not raw.strip():
        return None
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, object_pairs_hook=_counted)
    except _Repeated:
        # Two copies of one note (a sync conflict, a hand merge): reading either would lose the other at the next write.
        found = duplicate_key_position(text)
        where = f"duplicate key {found[0]!r} at line {found[1]} column {found[2]}" if found else "a duplicate key"
        raise CorruptFileError(path, f"{where}: two entries under one id") from None
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


def load_tables(path: Path, cache: FileCache) -> dict[str, dict[str, Any]]:
    """The file's tables, parsed only when its bytes differ from the cached ones."""
    raw = read_regular_bytes(path)
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

    def __init__(self, path: str | Path, cache: FileCache | None = None, **json_kwargs: Any) -> None:
        super().__init__(path, **json_kwargs)
        self.cache = cache if cache is not None else FileCache()
        self._read_once = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self._read_once:
            load_tables(self.path, self.cache)
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
    """The notes table: documents are inserted, replaced whole (``put_many``) or removed, never edited in place.

    TinyDB's ``update`` and ``upsert`` change a stored document in place,
    which ``FileCache`` would take for the unchanged document it saw before
    (it compares by identity first); so they are refused, and ``put_many``
    replaces whole documents through the table's storage in one write.
    """

    def records(self) -> dict[str, Mapping[str, Any]]:
        """Every stored record by id, as read (not to be changed in place)."""
        tables = self.storage.read() or {}
        return tables.get(self.name, {})

    def documents(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Copies of the stored records of those ``ids`` that are present (one read)."""
        stored = self.records()
        return {doc_id: dict(stored[doc_id]) for doc_id in ids if doc_id in stored}

    def update(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("notes are replaced whole with put_many, never changed in place")

    update_multiple = upsert = update

    def put_many(self, documents: Mapping[str, Mapping[str, Any]]) -> None:
        """Insert or replace whole documents by id, in one write."""
        tables = self.storage.read() or {}
        table = dict(tables.get(self.name, {}))
        table.update((doc_id, dict(doc)) for doc_id, doc in documents.items())
        tables[self.name] = table
        self.storage.write(tables)
        self.clear_cache()


class NotesDB(IdTinyDB):
    table_class = NotesTable
