"""Kill writers at random moments: the notes file always parses and keeps every acknowledged note.

Each round forks two processes that add notes as fast as they can and
write each note's id to a pipe once ``add`` has returned (the moment the
command line prints it).  Both are killed with SIGKILL at random moments,
often in the middle of a write or while holding the lock.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from briefing.store.notes import NotesStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")


def _writer(path: str, fd: int, name: str) -> None:
    store = NotesStore(Path(path))
    count = 0
    while True:
        note = store.add("actor:ghaani", f"{name} {count}", tags=["crash"])
        os.write(fd, (note.id + "\n").encode())
        count += 1


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def _stored_ids(path: Path) -> set[str]:
    """The note ids in the file, read by plain json: it must parse."""
    return set(json.loads(path.read_bytes())["notes"])


def _crash_rounds(path: Path, rounds: int, seed: int) -> int:
    rng = random.Random(seed)
    context = multiprocessing.get_context("fork")
    acknowledged: set[str] = set()
    NotesStore(path).merge([])  # nothing yet: the first round starts on no file at all
    for round_ in range(rounds):
        read_fd, write_fd = os.pipe()
        writers = [context.Process(target=_writer, args=(str(path), write_fd, f"r{round_}w{k}")) for k in range(2)]
        for writer in writers:
            writer.start()
        os.close(write_fd)
        for writer in writers:
            time.sleep(rng.uniform(0.0, 0.06))
            os.kill(writer.pid, signal.SIGKILL)  # type: ignore[arg-type]
        for writer in writers:
            writer.join(10)
            assert writer.exitcode == -signal.SIGKILL
        lines = _read_all(read_fd).split(b"\n")
        acknowledged |= {line.decode() for line in lines[:-1]}  # a line cut short was not acknowledged
        if path.exists():
            missing = acknowledged - _stored_ids(path)
            assert not missing, f"round {round_}: acknowledged notes lost: {sorted(missing)[:3]}"
        else:
            assert not acknowledged
    return len(acknowledged)


def _check_after(path: Path) -> None:
    store = NotesStore(path)
    before = len(store.all())
    store.add("actor:ghaani", "after the crashes")
    assert len(store.all()) == before + 1
    assert not list(path.parent.glob(".notes.json.*.tmp")), "temp files of killed writers are cleaned up"


def test_killed_writers_never_tear_the_file_or_lose_an_acknowledged_note(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    acknowledged = _crash_rounds(path, rounds=15, seed=1)
    assert acknowledged > 0
    _check_after(path)


@pytest.mark.slow
def test_killed_writers_many_times(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    acknowledged = _crash_rounds(path, rounds=300, seed=2)
    assert acknowledged > 300
    _check_after(path)
