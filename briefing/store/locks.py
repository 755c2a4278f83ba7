"""The cross-process lock that guards each data file.

Every write takes a lock on a hidden sibling ``.NAME.lock`` file; callers
that read, modify and write hold :func:`locked` around the whole cycle and
re-read inside it (see ``storage.transaction``), because another process
may have written since.  Holding it, a writer also clears the temp files a
crashed writer left (``files.write_atomic`` names them).
"""

from __future__ import annotations

import glob
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import StoreError
from briefing.store.paths import resolved

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_S = 10.0
TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
LOCK_SUFFIX = ".lock"


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: hidden, so that it is no clutter beside briefing files and exports.

    filelock leaves it in place on POSIX by design: removing a lock file
    that another process may be waiting on would let two processes hold
    "the" lock at once.
    """
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


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

    key = _lock_key(path)
    with _locks_guard:
        lock = _locks.get(key)
        if lock is None:
            file_lock = FileLock(str(lock_path(key)), timeout=LOCK_TIMEOUT_S, thread_local=False)
            lock = _locks[key] = _PathLock(threading.RLock(), file_lock)
    return lock


def _lock_key(path: Path) -> Path:
    """The file a lock is about: the final target of a symlink (a loop locks the link itself)."""
    return resolved(path)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of ``path`` against other threads and processes; re-entrant within a thread.

    The lock is beside the symlink's target when ``path`` is one, so that two
    data dirs sharing a file through a link exclude each other.
    """
    path = Path(path)
    target = _lock_key(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(target.parent, f"cannot create folder: {exc.strerror or exc}") from None
    from filelock import Timeout

    lock = _lock_for(path)
    if not lock.threads.acquire(timeout=LOCK_TIMEOUT_S):
        raise StoreError(path, f"another thread holds the lock for over {LOCK_TIMEOUT_S:.0f} s")
    try:
        try:
            lock.file.acquire()
        except Timeout:
            raise StoreError(path, f"another briefing process holds the lock for over {LOCK_TIMEOUT_S:.0f} s") from None
        except OSError as exc:  # e.g. a read-only folder: the lock file is the first thing a write creates
            raise StoreError(path, f"cannot write: {exc.strerror or exc}") from None
        try:
            _remove_stale_temp_files(target)
            yield
        finally:
            lock.file.release()
    finally:
        lock.threads.release()


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files left by a crashed writer; safe because writers hold the lock."""
    pattern = f"{glob.escape(TEMP_PREFIX + path.name)}.*{TEMP_SUFFIX}"
    for stale in path.parent.glob(pattern):
        with suppress(OSError):
            stale.unlink()
