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

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from briefing.errors import CorruptFileError, StoreError

LOCK_TIMEOUT_S = 10.0
_TEMP_PREFIX = "."
_TEMP_SUFFIX = ".tmp"


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


_locks: dict[Path, FileLock] = {}


def _lock_for(path: Path) -> FileLock:
    """One FileLock object per file, so nested use in one process is re-entrant."""
    key = path.resolve()
    lock = _locks.get(key)
    if lock is None:
        lock = _locks[key] = FileLock(str(lock_path(key)), timeout=LOCK_TIMEOUT_S, thread_local=False)
    return lock


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the cross-process lock of ``path``; re-entrant within a process."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _lock_for(path):
            _remove_stale_temp_files(path)
            yield
    except Timeout:
        raise StoreError(path, f"another briefing process holds the lock for over {LOCK_TIMEOUT_S:.0f} s") from None
    except PermissionError as exc:
        raise StoreError(path, f"cannot lock: {exc.strerror or exc}") from None


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files left by a crashed writer; safe because writers hold the lock."""
    pattern = f"{_TEMP_PREFIX}{path.name}.*{_TEMP_SUFFIX}"
    for stale in path.parent.glob(pattern):
        with suppress(OSError):
            stale.unlink()


def read_json(path: Path, **json_kwargs: Any) -> Any:
    """Parse a JSON file; a missing or empty file is None, a broken one raises."""
    try:
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


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that no reader ever sees half of it."""
    path = Path(path)
    with locked(path):
        fd, tmp_name = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{path.name}.", suffix=_TEMP_SUFFIX, dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, path)
        except OSError as exc:
            with suppress(OSError):
                os.unlink(tmp_name)
            raise StoreError(path, f"cannot write: {exc.strerror or exc}") from None
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
    return (json.dumps(data, **options) + "\n").encode("utf-8")


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
        if data is not None and not isinstance(data, dict):
            raise CorruptFileError(self.path, f"expected a JSON object of tables, found {type(data).__name__}")
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
