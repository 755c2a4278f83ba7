"""The search index's cache file: where it lives, whether it is current, and building it without a torn file.

The file is keyed to the library's fingerprint and to
``schema.SCHEMA_VERSION``; ``SearchIndex`` (``briefing.search.index``)
decides when to open, build or leave it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import threading
from collections.abc import Sequence
from pathlib import Path

from briefing.library import Library
from briefing.model.vocabulary import EntityKind
from briefing.search import schema
from briefing.search.schema import Cancelled, Layout, Progress
from briefing.store import paths


def cache_path(data_dir: Path, library_dirs: Sequence[Path]) -> Path:
    """Where the index of a library lives: one file per set of library folders."""
    # fsencode: a folder's name need not be UTF-8 (its bytes reach Python as surrogate escapes, which .encode() refuses)
    key = hashlib.sha256(b"\0".join(os.fsencode(paths.resolved(p)) for p in library_dirs)).hexdigest()[:12]
    return paths.cache_dir(data_dir) / f"search-{key}.sqlite"


def cache_holds(path: Path, fingerprint: str, entity_id: str) -> bool:
    """Whether the cache at ``path`` is current for a library of ``fingerprint`` and indexes that entry.

    False when it does not, and when there is no cache, or a stale, foreign or
    unreadable one: the caller then asks the library itself.  The file is
    opened read-only, and nothing is built.
    """
    if not fingerprint or not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{paths.resolved(path).as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('schema', 'fingerprint')").fetchall())
        if meta != {"schema": schema.SCHEMA_VERSION, "fingerprint": fingerprint}:
            return False
        row = conn.execute("SELECT kind FROM entries WHERE id = ?", (entity_id,)).fetchone()
        return row is not None and row[0] != EntityKind.NOTE
    except sqlite3.Error:
        return False
    finally:
        conn.close()


FileIdentity = tuple[int, int]
_NOT_A_FILE = {stat.S_IFDIR: "a folder, not a file", stat.S_IFIFO: "a FIFO (named pipe), not a file"}


def file_identity(path: Path) -> FileIdentity | None:
    """The (device, inode) of the file at ``path``: a file replaced by another is another identity."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def path_problem(path: Path) -> str | None:
    """What keeps ``path`` from holding the cache; None when it is a regular file or nothing.

    A directory there cannot be opened, and a FIFO would block the first read.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None  # absent: building it will tell whether it can be written
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISREG(mode):
        return None
    return _NOT_A_FILE.get(stat.S_IFMT(mode), "not a regular file")


def open_current(path: Path, fingerprint: str) -> tuple[sqlite3.Connection, Layout, FileIdentity] | str:
    """The cache file at ``path`` opened, when it is current for a library of ``fingerprint``; else why not.

    The reason is "missing", "corrupt", "schema" (another schema or no cache) or "stale".
    """
    identity = file_identity(path)
    if identity is None:
        return "missing"
    try:
        conn = schema.connect(path)
    except sqlite3.Error:
        return "corrupt"
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
        if meta.get("schema") != schema.SCHEMA_VERSION or not tables >= schema.TABLES:
            reason = "schema"
        elif meta.get("fingerprint") != fingerprint:
            reason = "stale"
        else:
            conn.execute("SELECT max(rowid) FROM entries").fetchone()
            conn.execute("SELECT rowid FROM fts WHERE fts MATCH 'facets : all' LIMIT 1").fetchall()
            return conn, Layout.from_meta(meta), identity
    except (sqlite3.DatabaseError, KeyError, ValueError):
        reason = "corrupt"
    conn.close()
    return reason


def build_file(
    path: Path, library: Library, meta: dict[str, str], progress: Progress | None, cancelled: Cancelled | None
) -> tuple[sqlite3.Connection, Layout, FileIdentity | None]:
    """Build into a temporary file beside the cache, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    temp.unlink(missing_ok=True)
    conn = schema.connect(temp)
    try:
        layout = schema.fill(conn, library, meta, progress, cancelled)
        conn.close()
        os.replace(temp, path)
    except BaseException:
        conn.close()
        temp.unlink(missing_ok=True)
        raise
    conn = schema.connect(path)
    return conn, layout, file_identity(path)
