"""Reading the store's regular files, and replacing them so that no reader ever sees half of one.

``write_atomic`` writes a temporary file in the same folder, fsyncs it and
``os.replace``s it over the old one, so readers only ever see the old file
or the new one.  Only regular files are read or replaced: a FIFO, a device,
a socket or a directory where a data file belongs raises
:class:`SpecialFileError` (a FIFO would block a reader for ever).  Outputs
may also be a FIFO or a character device, written as a stream
(``outputs.write_output``).  A file that does not parse raises
:class:`CorruptFileError` and is never written over.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from briefing.errors import CorruptFileError, StoreError
from briefing.store.links import final_path
from briefing.store.locks import TEMP_PREFIX, TEMP_SUFFIX, locked


class SpecialFileError(StoreError):
    """A FIFO, a device, a socket or a directory where a regular file belongs."""


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
        fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
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
