"""The index's tables, the order rows are laid out in, and writing rows.

Tables
    ``fts``      the FTS5 table, one row per entry (columns: documents.COLUMNS)
    ``entries``  rowid -> id, kind, dates (ISO; "" when undated), and the name and
                 title fields again: ranking by field reads them row by row,
                 and a row of this table is about a fifth the size of a row
                 of ``fts``'s content
    ``meta``     schema version, library fingerprint, notes digest, layout

Layout
    Rowids are handed out so that filters become rowid ranges, which FTS5
    seeks cheaply: first the actors (by name), then every dated entry, newest
    first, whatever its kind, then undated entries; notes from ``NOTE_BASE``
    up, so a note can come and go without moving anything else.  A date
    filter is then one slice of the dated block, and the first matches of a
    word, in rowid order, are the actors and the most recent entries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefing.errors import BriefingError
from briefing.library import Library, LibraryEntity
from briefing.model.entities import Actor, Note
from briefing.model.vocabulary import EntityKind
from briefing.search.documents import COLUMNS, KIND_ORDER, Row, RowBuilder, date_of, linked_actors
from briefing.search.folding import fold

SCHEMA_VERSION = "5"  # 5: every default-ignorable character folded out of words
NOTE_BASE = 1 << 40
_CHUNK = 2000

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL,
                     start TEXT NOT NULL, last TEXT NOT NULL, name TEXT NOT NULL, title TEXT NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, tokenize="unicode61 remove_diacritics 2", prefix='2 3');
"""
INDEXES = ("CREATE UNIQUE INDEX entries_id ON entries(id)",)
TABLES = frozenset({"meta", "entries", "fts"})


class SearchCancelled(BriefingError):
    """A build was cancelled; the index is as it was before."""


def connect(target: Path | str) -> sqlite3.Connection:
    """A connection any thread may use (its users hold the index's lock); transactions are explicit."""
    return sqlite3.connect(str(target), check_same_thread=False, isolation_level=None)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each block of rows is, how many entries of each kind there are, the longest date range."""

    actors: Span = (1, 0)
    dated: Span = (1, 0)
    undated: Span = (1, 0)
    notes: Span = (NOTE_BASE, 2 * NOTE_BASE)
    counts: dict[str, int] = field(default_factory=dict)
    max_span: int = 0
    slices: dict[tuple[date | None, date | None], Span] = field(default_factory=dict, compare=False, repr=False)
    """Date ranges already cut out of the dated block (``plan``), which no longer moves once built."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_meta(self) -> dict[str, str]:
        meta = {f"block:{name}": f"{lo},{hi}" for name, (lo, hi) in self._blocks().items()}
        meta |= {f"count:{kind}": str(n) for kind, n in self.counts.items()}
        meta["max_span"] = str(self.max_span)
        return meta

    def _blocks(self) -> dict[str, Span]:
        return {"actors": self.actors, "dated": self.dated, "undated": self.undated}

    @classmethod
    def from_meta(cls, meta: dict[str, str]) -> Layout:
        def span(name: str) -> Span:
            lo, hi = meta[f"block:{name}"].split(",")
            return int(lo), int(hi)

        counts = {key.split(":", 1)[1]: int(value) for key, value in meta.items() if key.startswith("count:")}
        return cls(span("actors"), span("dated"), span("undated"), counts=counts, max_span=int(meta["max_span"]))


def ordered(library: Library) -> tuple[list[Actor], list[LibraryEntity], list[LibraryEntity]]:
    """The entries in rowid order: actors by name; dated entries newest first; undated ones."""
    actors = sorted(library.actors.values(), key=lambda a: (fold(a.name), a.id))
    rank = {kind: n for n, kind in enumerate(KIND_ORDER)}
    dated: list[tuple[str, LibraryEntity]] = []
    undated: list[LibraryEntity] = []
    for kind in KIND_ORDER:
        if kind is EntityKind.ACTOR:
            continue
        for entity in library.all(kind):
            when = date_of(entity)
            if when is None:
                undated.append(entity)
            else:
                dated.append((when.start.isoformat(), entity))
    dated.sort(key=lambda pair: (rank[pair[1].kind], pair[1].id))
    dated.sort(key=lambda pair: pair[0], reverse=True)
    undated.sort(key=lambda e: (rank[e.kind], e.id))
    return actors, [e for _, e in dated], undated


def fill(
    conn: sqlite3.Connection,
    library: Library,
    meta: dict[str, str],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Layout:
    """Create the tables and index every entry of ``library``, in one transaction."""
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-65536")
    conn.executescript(SCHEMA)
    actors, dated, undated = ordered(library)
    entities: list[LibraryEntity] = [*actors, *dated, *undated]
    rowids = {entity.id: number for number, entity in enumerate(entities, 1)}
    builder = RowBuilder(library, rowids)
    total = len(entities)
    max_span = 0
    counts: dict[str, int] = {}
    conn.execute("BEGIN")
    for first in range(0, total, _CHUNK):
        if cancelled is not None and cancelled():
            raise SearchCancelled("building the search index was cancelled")
        rows = [builder.row(entity) for entity in entities[first : first + _CHUNK]]
        insert_rows(conn, list(enumerate(rows, first + 1)))
        for row in rows:
            counts[row.kind] = counts.get(row.kind, 0) + 1
            if row.start and row.last != row.start:
                max_span = max(max_span, (date.fromisoformat(row.last) - date.fromisoformat(row.start)).days)
        if progress is not None:
            progress(first + len(rows), total)
    a, d = len(actors), len(actors) + len(dated)
    layout = Layout((1, a), (a + 1, d), (d + 1, total), counts=counts, max_span=max_span)
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", list((meta | layout.as_meta()).items()))
    for statement in INDEXES:
        conn.execute(statement)
    conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    conn.execute("COMMIT")
    if progress is not None:
        progress(total, total)
    return layout


def insert_rows(conn: sqlite3.Connection, numbered: list[tuple[int, Row]]) -> None:
    conn.executemany(
        "INSERT INTO entries(rowid, id, kind, start, last, name, title) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(n, r.id, str(r.kind), r.start, r.last, *r.columns[:2]) for n, r in numbered],
    )
    conn.executemany(
        f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(n, *r.fts_values()) for n, r in numbered],
    )


def rowids_of(conn: sqlite3.Connection, ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return dict(conn.execute(f"SELECT id, rowid FROM entries WHERE id IN ({marks})", ids).fetchall())


def write_note(conn: sqlite3.Connection, library: Library, note: Note) -> None:
    """Insert or replace one note's row (the caller holds a transaction)."""
    found = conn.execute("SELECT rowid FROM entries WHERE id = ?", (note.id,)).fetchone()
    if found is not None:
        number = found[0]
        delete_note(conn, note.id)
    else:
        highest = conn.execute("SELECT max(rowid) FROM entries WHERE rowid >= ?", (NOTE_BASE,)).fetchone()[0]
        number = (highest or NOTE_BASE) + 1
    related = [note.target, *linked_actors(note, library), *library.briefings_of(note.target)]
    row = RowBuilder(library, rowids_of(conn, related)).note_row(note)
    insert_rows(conn, [(number, row)])


def delete_note(conn: sqlite3.Connection, note_id: str) -> None:
    found = conn.execute("SELECT rowid FROM entries WHERE id = ? AND rowid >= ?", (note_id, NOTE_BASE)).fetchone()
    if found is None:
        return
    conn.execute("DELETE FROM fts WHERE rowid = ?", found)
    conn.execute("DELETE FROM entries WHERE rowid = ?", found)


def replace_notes(conn: sqlite3.Connection, library: Library, notes: list[Note]) -> None:
    conn.execute("DELETE FROM fts WHERE rowid >= ?", (NOTE_BASE,))
    conn.execute("DELETE FROM entries WHERE rowid >= ?", (NOTE_BASE,))
    for note in notes:
        write_note(conn, library, note)
