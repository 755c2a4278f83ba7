"""A TinyDB Storage that never tears a file, and the lock that guards it.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write
leaves half a file.  ``AtomicJSONStorage`` writes a temporary file in the
same folder, fsyncs it and ``os.replace``s it over the old one, so readers
only ever see the old file or the new one.  Every write takes a
cross-process lock on a sibling ``.lock`` file; callers that read, modify
and write hold :func:`locked` around the whole cycle and re-read inside it
(see ``transaction``), because another process may have written since.

A file that does not parse raises :class:`CorruptFileError` and is never
written over.
"""

from __future__ import annotations

import glob
import json
import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from briefing.errors import CorruptFileError, StoreError
from briefing.store.paths import resolved

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_S = 10.0
_TEMP_PREFIX = "."
_TEMP_SUFFIX = ".tmp"


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@dataclass
class _PathLock:
    """A thread lock (threads of one process exclude each other) over the file lock (processes do)."""

    threads: threading.RLock
    file: FileLock


_locks: dict[Path, _PathLock] = {}
_locks_guard = threading.Lock()


def _forget_locks_after_fork() -> None:
    """A forked child starts with no locks held: inherited FileLocks refuse to work there."""
    global _locks_guard
    _locks_guard = threading.Lock()
    _locks.clear()


os.register_at_fork(after_in_child=_forget_locks_after_fork)


def _lock_for(path: Path) -> _PathLock:
    """One lock object per file, so nested use in one thread is re-entrant."""
    from filelock import FileLock  # on first write: reading settings at start-up needs no lock

    key = resolved(path)
    with _locks_guard:
        lock = _locks.get(key)
        if lock is None:
            file_lock = FileLock(str(lock_path(key)), timeout=LOCK_TIMEOUT_S, thread_local=False)
            lock = _locks[key] = _PathLock(threading.RLock(), file_lock)
    return lock


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of ``path`` against other threads and processes; re-entrant within a thread."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(path.parent, f"cannot create folder: {exc.strerror or exc}") from None
    from filelock import Timeout

    lock = _lock_for(path)
    if not lock.threads.acquire(timeout=LOCK_TIMEOUT_S):
        raise StoreError(path, f"another thread holds the lock for over {LOCK_TIMEOUT_S:.0f} s")
    try:
        try:
            lock.file.acquire()
        except Timeout:
            raise StoreError(path, f"another briefing process holds the lock for over {LOCK_TIMEOUT_S:.0f} s") from None
        except OSError as exc:
            raise StoreError(path, f"cannot lock: {exc.strerror or exc}") from None
        try:
            _remove_stale_temp_files(path)
            yield
        finally:
            lock.file.release()
    finally:
        lock.threads.release()


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files left by a crashed writer; safe because writers hold the lock."""
    pattern = f"{glob.escape(_TEMP_PREFIX + path.name)}.*{_TEMP_SUFFIX}"
    for stale in path.parent.glob(pattern):
        with suppress(OSError):
            stale.unlink()


def read_json(path: Path, **json_kwargs: Any) -> Any:
    """Parse a JSON file; a missing or empty file is None, a broken one raises.

    Only a regular file is read: a FIFO would block for ever and a device
    such as /dev/zero would never end.
    """
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            raise StoreError(path, "not a regular file")
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(path, "is a directory, expected a file") from None
    except OSError as exc:
        raise StoreError(path, f"cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptFileError(path, f"not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text, **json_kwargs)
    except json.JSONDecodeError as exc:
        raise CorruptFileError(path, f"line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise CorruptFileError(path, "nested too deeply") from None
    except ValueError as exc:  # e.g. a number too long to convert
        raise CorruptFileError(path, f"unreadable JSON: {exc}") from None


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_current_umask()


def write_atomic(path: Path, data: bytes, *, lock: bool = True) -> None:
    """Replace ``path`` with ``data`` so that no reader ever sees half of it.

    The new file keeps the old one's permissions (a new one gets the usual
    ones, not the private mode of a temp file).  ``lock=False`` is for files
    that only this process writes, such as an export, where a lock file left
    beside the output would only be litter.
    """
    path = Path(path)
    if not lock:
        _replace(path, data)
        return
    with locked(path):
        _replace(path, data)


def _replace(path: Path, data: bytes) -> None:
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = _NEW_FILE_MODE
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{path.name}.", suffix=_TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise StoreError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise StoreError(path, f"cannot write: {exc.strerror or exc}") from None
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dump_json(data: Any, **json_kwargs: Any) -> bytes:
    options = {"indent": 2, "sort_keys": True, "ensure_ascii": False, **json_kwargs}
    try:
        return (json.dumps(data, **options) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only an escape writes it losslessly
        return (json.dumps(data, **{**options, "ensure_ascii": True}) + "\n").encode("utf-8")


class AtomicJSONStorage(Storage):
    """TinyDB storage: JSON, pretty-printed with sorted keys, written atomically under a lock.

    Extra keyword arguments go to ``json.dumps`` (TinyDB's convention).
    """

    def __init__(self, path: str | Path, create_dirs: bool = True, **json_kwargs: Any) -> None:
        super().__init__()
        self.path = Path(path)
        self.json_kwargs = json_kwargs
        if create_dirs:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(self.path.parent, f"cannot create folder: {exc.strerror or exc}") from None

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json(self.path)
        if data is None:
            return None
        if not isinstance(data, dict):
            raise CorruptFileError(self.path, f"expected a JSON object of tables, found {type(data).__name__}")
        for name, table in data.items():
            if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
                raise CorruptFileError(self.path, f"table {name!r} is not an object of documents")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, dump_json(data, **self.json_kwargs))

    def close(self) -> None:
        pass


class IdTable(Table):
    """A TinyDB table keyed by our own string ids (``note:01j…``), not integers.

    TinyDB's integer ids are counted per process and collide between
    processes; ours are made by the caller and never do.
    """

    document_id_class = str

    def _get_next_id(self) -> str:  # type: ignore[override]
        raise TypeError("insert Documents with an explicit id: this table has no automatic ids")


class IdTinyDB(TinyDB):
    table_class = IdTable


def open_db(path: Path, **json_kwargs: Any) -> IdTinyDB:
    """A TinyDB on ``path`` with atomic, locked writes and string ids."""
    return IdTinyDB(path, storage=AtomicJSONStorage, **json_kwargs)


@contextmanager
def transaction(path: Path) -> Iterator[IdTinyDB]:
    """A read-modify-write under the lock, on data re-read inside the lock."""
    with locked(path):
        db = open_db(path)
        try:
            yield db
        finally:
            db.close()
