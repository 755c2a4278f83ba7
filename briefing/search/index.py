"""The search index: open it, build it, keep notes in it, and search it.

::

    index = SearchIndex.open(path, library, notes)   # reads a current cache, builds nothing
    index.ensure_built(progress, cancelled)          # builds only when there is no current cache
    results = index.search("actor:khazali kind:claim", limit=20)

The cache
    The index is a file in the user's data dir (``cache.cache_path``), keyed to the
    library's fingerprint and to ``schema.SCHEMA_VERSION``.  With unchanged
    content, opening it reads a few rows of metadata and builds nothing; a
    stale, foreign or corrupt file (garbage bytes, another schema) is rebuilt
    without a word.  A build writes a temporary file and moves it into place,
    so a crash or a cancelled build never leaves a torn cache.  A library with
    no fingerprint (made in memory), or a data dir that cannot be written, is
    indexed in memory.  ``search`` on an index not built yet builds it first.

Threads
    The browser builds in a thread worker while the reader may already be
    typing.  One SQLite connection (``check_same_thread=False``) serves every
    thread, each use under a lock; a build works on a connection of its own
    and swaps it in at the end.  ``progress(done, total)`` is called as rows go
    in; ``cancelled()`` is polled between batches, and a build it stops raises
    ``SearchCancelled`` and leaves the index as it was.

Speed
    See ``plan`` (filters become rowid ranges and FTS5 tokens) and ``ranking``
    (what bm25 ranks by, and how much of it).

Notes
    The notes feature keeps the index up to date with ``index_notes`` (all of
    them), ``update_note`` and ``remove_note``.  Notes are stored in the cache
    too, with a digest, so an unchanged set is not written again at start.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from briefing.errors import BriefingError
from briefing.library import Library
from briefing.model.entities import Note
from briefing.search import cache, schema
from briefing.search.execute import execute
from briefing.search.hits import hits_of
from briefing.search.names import ActorNames, suggest
from briefing.search.plan import RANK_WINDOW
from briefing.search.query import Query, parse
from briefing.search.ranking import Ranker
from briefing.search.results import SearchResults
from briefing.search.schema import Cancelled, Layout, Progress, SearchCancelled
from briefing.text import path as shown_path

__all__ = ["SearchCancelled", "SearchIndex", "SearchUnavailable", "fts5_available"]

SUGGEST_BELOW = 3
"""With fewer hits than this, look for a misspelt actor name ("did you mean")."""


class SearchUnavailable(BriefingError):
    """This Python's SQLite has no FTS5."""


@lru_cache(maxsize=1)
def fts5_available() -> bool:
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


class SearchIndex:
    """Ranked full-text search over one library and the reader's notes, cached on disk."""

    def __init__(self, path: Path | None, library: Library, notes: Iterable[Note] = ()) -> None:
        if not fts5_available():
            raise SearchUnavailable(
                f"search needs SQLite's FTS5 full-text extension, which this Python's SQLite "
                f"({sqlite3.sqlite_version}) lacks; use a Python built with FTS5 (python.org's builds are)"
            )
        self.path = path
        self.library = library
        self.names = ActorNames(library)
        self.builds = 0
        """How many times this object has built the index (0 when it reused the cache)."""
        self.rebuild_reason: str | None = None
        """Why the cache could not be used: missing, stale, schema, corrupt, in memory; None if it was."""
        self.notice: str | None = None
        """One line for the reader when the cache path is unusable (a folder, a FIFO) and search runs without it."""
        self._notes: dict[str, Note] = {note.id: note for note in notes}
        self._lock = threading.RLock()
        self._build_lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._identity: cache.FileIdentity | None = None
        """The (device, inode) of the cache file ``_conn`` reads; None in memory."""
        self._layout = Layout()
        self._ranker = Ranker()

    # -- opening and building -------------------------------------------------

    @classmethod
    def open(cls, path: Path | None, library: Library, notes: Iterable[Note] = ()) -> SearchIndex:
        """The index of ``library`` cached at ``path`` (None: in memory); a current cache is reused as it is."""
        index = cls(path, library, notes)
        index._open_cache()
        return index

    @property
    def is_ready(self) -> bool:
        return self._conn is not None

    @property
    def _cached(self) -> bool:
        return self.path is not None and bool(self.library.fingerprint)

    def _open_cache(self) -> None:
        if self._open_file():
            self._sync_notes()

    def _open_file(self) -> bool:
        """Adopt the cache file when it is current for this library; else say in ``rebuild_reason`` why not."""
        if not self._cached:
            self.rebuild_reason = "in memory"
            return False
        assert self.path is not None
        if not self._usable_path():
            return False
        opened = cache.open_current(self.path, self.library.fingerprint)
        if isinstance(opened, str):
            self.rebuild_reason = opened
            return False
        self._adopt(*opened)
        self.rebuild_reason = None
        return True

    def _usable_path(self) -> bool:
        """Whether the cache path can hold the cache; else the index lives in memory, and says so (``notice``)."""
        assert self.path is not None
        problem = cache.path_problem(self.path)
        if problem is None:
            return True
        self.rebuild_reason = "not a file"
        self.notice = (
            f"search cache {shown_path(self.path)}: {problem}; searching without it (the index is built in memory)"
        )
        return False

    def _adopt(self, conn: sqlite3.Connection, layout: Layout, identity: cache.FileIdentity | None = None) -> None:
        with self._lock:
            old, self._conn, self._layout, self._identity = self._conn, conn, layout, identity
        if old is not None:
            old.close()

    def _drop(self) -> None:
        with self._lock:
            old, self._conn, self._identity = self._conn, None, None
        if old is not None:
            old.close()

    def ensure_built(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> bool:
        """Build the index unless a current one is open; True when it built.

        Either way the lookups of actor names are made ready here, so that the
        first search (typed while this runs in a worker) does not pay for them.
        """
        built = False
        if self._conn is None:
            with self._build_lock:
                if self._conn is None:
                    self._build(progress, cancelled)
                    built = True
        self.names.warm()
        return built

    def rebuild(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> None:
        with self._build_lock:
            self.rebuild_reason = "asked"
            self._build(progress, cancelled)

    def _build(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        conn: sqlite3.Connection | None = None
        identity: cache.FileIdentity | None = None
        if self._cached and self._usable_path():
            assert self.path is not None
            try:
                conn, layout, identity = cache.build_file(self.path, self.library, self._meta(), progress, cancelled)
            except (OSError, sqlite3.Error) as exc:
                # A data dir that cannot be written (read-only, full) costs the cache, not the search.
                self.rebuild_reason = f"cache not writable ({exc})"
        if conn is None:
            conn = schema.connect(":memory:")
            try:
                layout = schema.fill(conn, self.library, self._meta(), progress, cancelled)
            except BaseException:
                conn.close()
                raise
        self._adopt(conn, layout, identity)
        self._ranker.forget()
        self.builds += 1
        self._sync_notes()

    def _meta(self) -> dict[str, str]:
        return {"schema": schema.SCHEMA_VERSION, "fingerprint": self.library.fingerprint, "notes": ""}

    def close(self) -> None:
        self._drop()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- notes -------------------------------------------------------------------

    def index_notes(self, notes: Iterable[Note]) -> None:
        """Make the indexed notes exactly ``notes``."""
        with self._lock:
            self._notes = {note.id: note for note in notes}
            self._sync_notes()

    def update_note(self, note: Note) -> None:
        """Index a new or changed note."""
        with self._lock:
            self._notes[note.id] = note
            self._change_notes(lambda conn: schema.write_note(conn, self.library, note))

    def remove_note(self, note_id: str) -> None:
        with self._lock:
            self._notes.pop(note_id, None)
            self._change_notes(lambda conn: schema.delete_note(conn, note_id))

    def _digest(self) -> str:
        digest = hashlib.sha256()
        for note in sorted(self._notes.values(), key=lambda n: n.id):
            digest.update(repr((note.id, note.target, note.text, note.tags, note.flag, note.updated)).encode())
        return digest.hexdigest()[:16]

    def _sync_notes(self) -> None:
        """Bring the notes in the index in line with ``self._notes``, if they differ."""
        with self._lock:
            self._change_notes(None)

    def _change_notes(self, change: Callable[[sqlite3.Connection], None] | None) -> None:
        """Write one change of the notes (None: all of them, if they differ) and their digest into the index.

        Another process may have replaced the cache file since it was opened
        (``briefing search`` after ``briefing import`` rebuilds it), and SQLite
        refuses to write to a file that was moved away under it.  The index is
        then reopened (see ``_reopen``) and the notes written there; should that
        fail too, it is dropped, to be built again by the next search.  No
        SQLite error leaves here: the notes themselves are safe in notes.json.
        """
        with self._lock:
            if self._conn is not None and self._replaced():
                self._reopen()
                change = None
            for attempt in (1, 2):
                conn = self._conn
                if conn is None:
                    return
                try:
                    self._write_notes(conn, change)
                    return
                except sqlite3.DatabaseError:
                    if attempt == 2:
                        self.rebuild_reason = "notes not writable"
                        self._drop()
                        return
                    self._reopen()
                    change = None

    def _write_notes(self, conn: sqlite3.Connection, change: Callable[[sqlite3.Connection], None] | None) -> None:
        digest = self._digest()
        if change is None:
            stored = conn.execute("SELECT value FROM meta WHERE key = 'notes'").fetchone()
            if stored is not None and stored[0] == digest:
                return
        with schema.transaction(conn):
            if change is None:
                schema.replace_notes(conn, self.library, list(self._notes.values()))
            else:
                change(conn)
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('notes', ?)", (digest,))

    def _replaced(self) -> bool:
        """Whether the cache file open is no longer the one at ``path`` (another process replaced or removed it)."""
        if self._identity is None or self.path is None:
            return False
        return cache.file_identity(self.path) != self._identity

    def _reopen(self) -> None:
        """Leave a cache file that was replaced, or that refuses writes, for one that takes them.

        The file now at ``path`` is taken when it is current for this library
        (another process with the same library rebuilt it).  Otherwise (it
        indexes a library changed since this one was loaded, or is no cache)
        the index open is copied into memory, so that this process keeps
        searching what it shows without building anything and without
        overwriting the other's newer cache.
        """
        with self._lock:
            old = self._conn
            if old is None:
                return
            self._ranker.forget()
            replaced = self._replaced()
            if replaced and self._open_file():
                return
            memory = schema.connect(":memory:")
            try:
                old.backup(memory)
            except sqlite3.Error:
                memory.close()
                self._drop()
                return
            self._adopt(memory, self._layout)
            self.rebuild_reason = "in memory: the cache file was " + ("replaced" if replaced else "not writable")

    # -- searching ------------------------------------------------------------------

    def count(self, query: str) -> tuple[int, bool]:
        """How many entries ``query`` finds, and whether there are at least that many (it counts up to the window
        a search ranks, 300): a saved search's count in the navigation.  A malformed query raises ``QueryError``."""
        results = self.search(query, limit=RANK_WINDOW)  # filters alone count only as far as the limit
        return results.matched, results.more

    def search(
        self, query: str | Query, limit: int = 20, *, partial: bool = False, whole: bool = False
    ) -> SearchResults:
        """The best ``limit`` entries for ``query``; a malformed query raises ``QueryError``.

        ``partial`` is for a query still being typed (its last word counts as
        the start of a word); ``whole`` gives titles and snippets uncut.  An
        index not built yet is built first, here.
        """
        started = time.perf_counter()
        parsed = query if isinstance(query, Query) else parse(query, partial=partial)
        if parsed.is_empty:
            return SearchResults(parsed.source, warnings=parsed.warnings)
        limit = max(1, limit)
        for attempt in (1, 2):
            self.ensure_built()
            try:
                with self._lock:
                    conn = self._conn
                    assert conn is not None
                    plan, ranked, matched, more = execute(
                        conn, parsed, limit, self.library, self.names, self._layout, self._ranker
                    )
                    hits = hits_of(conn, self.library, self._notes, parsed, ranked, whole=whole)
                break
            except sqlite3.DatabaseError as exc:
                if attempt == 2 or (isinstance(exc, sqlite3.OperationalError) and "fts5" in str(exc)):
                    raise BriefingError(f"search failed: {exc}") from None
                self.rebuild_reason = "corrupt"
                self._drop()
        suggestions = suggest(parsed, self.names) if len(hits) < SUGGEST_BELOW else ()
        return SearchResults(
            parsed.source,
            hits,
            matched=matched,
            more=more,
            warnings=(*parsed.warnings, *plan.warnings),
            suggestions=suggestions,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
