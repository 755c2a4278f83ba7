"""Writing an export or a draft where the reader asked: a file atomically, a FIFO or a device as a stream."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefing.errors import StoreError
from briefing.store.files import write_atomic
from briefing.store.links import check_links_followed, final_path

STREAMED = (stat.S_ISFIFO, stat.S_ISCHR)
"""Outputs written as a stream: a FIFO, or a character device such as /dev/null, /dev/stdout or a terminal."""


def write_output(path: Path, data: bytes) -> None:
    """Write an export or a draft to ``path``, which the reader chose.

    A regular file (new, or through a symlink) is replaced atomically, as
    ``write_atomic`` does, but with no lock file: an output is not one of
    briefing's data files (``check_output`` refuses those), the rename alone
    lets a reader see the old file or the new one, and a ``.NAME.lock`` would
    be litter in the reader's folder (or beside a link's target anywhere,
    such as /etc).  A symlink on the way is followed only as the kernel's
    ``fs.protected_symlinks`` rule allows (``check_links_followed``).  A FIFO
    or a character device is written as a stream, with no temp file and no
    rename, so that it is still there afterwards and receives the data.  Any
    other special file (a block device, a socket, a directory) is refused.
    """
    path = Path(path)
    check_links_followed(path)
    if is_stream(path):
        _write_stream(path, data)
        return
    if not final_path(path).parent.is_dir():  # as a shell's ``>``: an output makes no folders
        raise StoreError(path, f"cannot write: {os.strerror(errno.ENOENT)}")
    write_atomic(path, data, lock=False)


DESCRIPTORS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")
"""Paths naming a descriptor already open: ``-o /dev/stdout > file`` writes into what the shell opened."""


def is_stream(path: Path) -> bool:
    """Whether ``write_output`` writes ``path`` as a stream (a FIFO or a character device, through any links).

    The kernel follows the links here (``stat``), since some, such as
    /dev/stdout on a pipe, lead to no path a program could spell.
    """
    if str(Path(path).absolute()).startswith(DESCRIPTORS):
        return True
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    return any(test(mode) for test in STREAMED)


def _write_stream(path: Path, data: bytes) -> None:
    """Write to a FIFO or a device as a shell's ``>`` would (opening a FIFO waits for its reader).

    The path is opened as given, not as ``final_path`` spells it: /dev/stdout
    on a pipe links to ``/proc/PID/fd/pipe:[N]``, which only the kernel can
    follow.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY | os.O_CLOEXEC)  # append: ``>>`` stays so
    except OSError as exc:
        raise StoreError(path, f"cannot write: {exc.strerror or exc}") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise StoreError(path, f"cannot write: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
