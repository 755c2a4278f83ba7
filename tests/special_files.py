"""Special files for tests: FIFOs that a regression cannot hang on, a device node, a socket, a reader thread."""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

HANG_S = 20.0


@contextmanager
def fifo_that_cannot_hang(path: Path, seconds: float = HANG_S) -> Iterator[Callable[[], bool]]:
    """A FIFO at ``path``; whoever blocks on it is let go after ``seconds``.

    Yields a function that says whether it had to be: a test asserts it was
    not, so a regression that opens the FIFO fails instead of hanging.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    fired, done = threading.Event(), threading.Event()

    def release() -> None:
        if done.wait(seconds):
            return
        fired.set()
        while not done.wait(0.2):  # every blocked reader or writer, for as long as the test goes on
            for flags in (os.O_WRONLY | os.O_NONBLOCK, os.O_RDONLY | os.O_NONBLOCK):
                with suppress(OSError):
                    os.close(os.open(path, flags))

    watchdog = threading.Thread(target=release, daemon=True)
    watchdog.start()
    try:
        yield fired.is_set
    finally:
        done.set()


class FifoReader(threading.Thread):
    """Reads a FIFO to its end in the background, as ``cat fifo`` would."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.data = b""

    def run(self) -> None:
        with open(self.path, "rb") as fifo:
            self.data = fifo.read()

    def received(self, timeout: float = HANG_S) -> bytes:
        """What was written; a writer that never opened the FIFO fails the test after ``timeout``."""
        self.join(timeout)
        assert not self.is_alive(), f"nothing ever wrote to the FIFO {self.path}"
        return self.data


def null_device(path: Path) -> Path:
    """A character device that discards what is written: a private node where the tests may make one.

    Elsewhere a symlink to /dev/null, so that even a regression that replaces
    the output replaces the link, never the machine's /dev/null.
    """
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (OSError, AttributeError):
        path.symlink_to("/dev/null")
    return path


def kind_of(path: Path) -> str:
    """What is at ``path``, following links: regular, directory, fifo, char, socket; '' for nothing."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return ""
    for test, name in (
        (stat.S_ISREG, "regular"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISCHR, "char"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "other"


@contextmanager
def listening_socket(path: Path) -> Iterator[Path]:
    """A Unix socket bound at ``path`` (bound by a short relative name: socket paths are limited to ~100 bytes)."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    here = os.getcwd()
    try:
        os.chdir(path.parent)
        sock.bind(path.name)
    finally:
        os.chdir(here)
    try:
        yield path
    finally:
        sock.close()


def visible(folder: Path) -> list[str]:
    """The names a reader sees in ``folder`` (``ls``: no hidden files)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def temp_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.tmp"))
