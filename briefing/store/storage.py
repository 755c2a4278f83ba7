"""A TinyDB Storage that never tears a file, and the lock that guards it.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write
leaves half a file.  ``AtomicJSONStorage`` writes a temporary file in the
same folder, fsyncs it and ``os.replace``s it over the old one, so readers
only ever see the old file or the new one.  Every write takes a
cross-process lock on a hidden sibling ``.NAME.lock`` file; callers that
read, modify and write hold :func:`locked` around the whole cycle and
re-read inside it (see ``transaction``), because another process may have
written since.

A path that is a symlink is written through: the link's final target is
found once, and the lock, the temp file and the replace are all beside and
onto that target, so the link stays a link and everyone sharing the target
sees the write.  Only regular files are read or replaced: a FIFO, a device,
a socket or a directory where a data file belongs raises
:class:`SpecialFileError` (a FIFO would block a reader for ever).  Outputs
may also be a FIFO or a character device, written as a stream
(``outputs.write_output``).

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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from briefing.errors import CorruptFileError, StoreError
from briefing.store.paths import resolved

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_S = 10.0
_TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
LOCK_SUFFIX = ".lock"


class SpecialFileError(StoreError):
    """A FIFO, a device, a socket or a directory where a regular file belongs."""


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: hidden, so that it is no clutter beside briefing files and exports.

    filelock leaves it in place on POSIX by design: removing a lock file
    that another process may be waiting on would let two processes hold
    "the" lock at once.
    """
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


def final_path(path: Path) -> Path:
    """Where a write to ``path`` lands: absolute, every symlink followed to its last target (which may not exist)."""
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # realpath stops where links loop
        raise StoreError(path, "cannot write: a loop of symbolic links")
    return target


MAX_LINKS = 40
"""As many symbolic links as the kernel follows in one path before it says ELOOP."""


def check_links_followed(path: Path) -> None:
    """Refuse a path that follows a symlink the kernel's ``fs.protected_symlinks`` rule would not.

    In a sticky folder anyone can write to (/tmp), another user can plant a
    link named as our output, pointing at a file of ours.  ``final_path``
    reads links (``readlink`` is not a follow, so the kernel's own check
    never runs) and the write then lands on the file itself.  So, as the
    kernel does: a link in such a folder is followed only if it is ours, or
    the folder's owner's.  Every link on the way counts, not only the last.
    """
    for link, folder, owner in _links_on_the_way(Path(path)):
        mode = folder.st_mode
        if mode & stat.S_ISVTX and mode & stat.S_IWOTH and owner not in (os.geteuid(), folder.st_uid):
            raise StoreError(
                path,
                f"cannot write through {link}: a symbolic link in a folder anyone can write to, "
                f"owned by neither you nor the folder's owner (uid {owner})",
            )


def _links_on_the_way(path: Path) -> Iterator[tuple[Path, os.stat_result, int]]:
    """Each symlink a walk of ``path`` follows, with the stat of the folder it is in and its owner."""
    parts = list(reversed(path.absolute().parts))
    current = Path(parts.pop())  # the root
    hops = 0
    while parts:
        name = parts.pop()
        if name in ("", "."):
            continue
        if name == "..":
            current = current.parent
            continue
        candidate = current / name
        try:
            info = os.lstat(candidate)
        except OSError:  # not there (yet): nothing more to follow
            current = candidate
            continue
        if not stat.S_ISLNK(info.st_mode):
            current = candidate
            continue
        hops += 1
        if hops > MAX_LINKS:
            return  # a loop: final_path says so
        try:
            folder, target = os.stat(current), os.readlink(candidate)
        except OSError:
            return
        yield candidate, folder, info.st_uid
        target_parts = Path(target).parts
        if Path(target).is_absolute():
            current = Path(target_parts[0])
            target_parts = target_parts[1:]
        parts.extend(reversed(target_parts))


def _special_kind(mode: int) -> str | None:
    """What a file that is not a regular one is, in words; None for a regular file."""
    for test, name in (
        (stat.S_ISREG, None),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "something other than a file"


def is_regular_file(path: Path) -> bool:
    """Whether there is a regular file at ``path`` (False: nothing there); anything else raises.

    Checked before every read, because opening a FIFO blocks until someone
    writes to it and a device such as /dev/zero never ends.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(path, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise SpecialFileError(path, "is a directory, expected a file")
    if not stat.S_ISREG(mode):
        raise SpecialFileError(path, "not a regular file")
    return True


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
    pattern = f"{glob.escape(_TEMP_PREFIX + path.name)}.*{TEMP_SUFFIX}"
    for stale in path.parent.glob(pattern):
        with suppress(OSError):
            stale.unlink()


def read_regular_bytes(path: Path) -> bytes | None:
    """The bytes of the regular file at ``path``, None when there is none; anything else is a ``StoreError``.

    A FIFO, a device or a folder raises ``SpecialFileError`` rather than
    blocking for ever or never ending (``is_regular_file``).
    """
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


def read_json(path: Path, **json_kwargs: Any) -> Any:
    """Parse a JSON file; a missing or empty file is None, a broken one raises.

    Only a regular file is read (``is_regular_file``).
    """
    raw = read_regular_bytes(path)
    if raw is None or not raw.strip():
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

    Through a symlink, the link's final target is replaced and the link
    stays.  Only a regular file (or nothing) is replaced: anything else at
    the target raises :class:`SpecialFileError` and is left as it is.  The
    new file keeps the old one's permissions (a new one gets the usual ones,
    not the private mode of a temp file).  ``lock=False`` is for files that
    no other process writes.
    """
    path = Path(path)
    target = final_path(path)
    if not lock:
        _replace(target, data, path)
        return
    with locked(target):
        _replace(target, data, path)


def replaces_a_file(path: Path) -> bool:
    """Whether ``write_atomic(path)`` would replace an existing file (False: there is none yet).

    Anything but a regular file at the final target raises
    :class:`SpecialFileError`, as the write itself would.
    """
    return _existing_mode(final_path(Path(path)), Path(path)) is not None


def _existing_mode(target: Path, shown: Path) -> int | None:
    """The permissions of the regular file at ``target``; None when there is none."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(shown, f"cannot write: {exc.strerror or exc}") from None
    kind = _special_kind(mode)
    if kind is not None:
        raise SpecialFileError(shown, f"cannot write: is {kind}, not a regular file")
    return mode & 0o7777


def _replace(target: Path, data: bytes, shown: Path) -> None:
    """Replace the regular file ``target`` (a final path: no symlink); errors name ``shown``, as the caller gave it."""
    mode = _existing_mode(target, shown)
    if mode is None:
        mode = _NEW_FILE_MODE
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise StoreError(shown, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise StoreError(shown, f"cannot write: {exc.strerror or exc}") from None
        raise
    fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
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

    # TinyDB's stubs type ids as int throughout, but its code only ever calls document_id_class on them.
    document_id_class = str  # type: ignore[assignment]  # str ids are the point of this table

    def insert(self, document: Mapping[str, Any]) -> int:
        _require_id(document)
        return super().insert(document)

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> list[int]:
        documents = list(documents)
        for document in documents:
            _require_id(document)
        return super().insert_multiple(documents)

    def get_by_id(self, doc_id: str) -> Document | None:
        """The document stored under ``doc_id``, if any: ``get(doc_id=...)`` for a str id."""
        found: Document | None = self.get(doc_id=doc_id)  # type: ignore[call-overload]  # stubs: ids are int
        return found

    def remove_ids(self, doc_ids: list[str]) -> None:
        """Remove these documents: ``remove(doc_ids=...)`` for str ids."""
        self.remove(doc_ids=doc_ids)  # type: ignore[arg-type]  # stubs: ids are int


def id_document(record: Mapping[str, Any], doc_id: str) -> Document:
    """A record to insert into an IdTable under ``doc_id``."""
    return Document(record, doc_id=doc_id)  # type: ignore[arg-type]  # stubs: ids are int


def _require_id(document: Mapping[str, Any]) -> None:
    """Refuse a document without an id, which TinyDB would number itself."""
    if not isinstance(document, Document):
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
