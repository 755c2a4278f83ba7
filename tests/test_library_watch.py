"""Which file events count as a library change: briefing files in the library folders, and a folder appearing."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.library_watch import library_changes

SEEN_WITHIN_S = 10.0


@contextmanager
def watching(folders: list[Path]) -> Iterator[list[float]]:
    stop = threading.Event()
    seen: list[float] = []

    def run() -> None:
        for _ in library_changes(folders, stop):
            seen.append(time.monotonic())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(0.3)  # the watch is set up
    try:
        yield seen
    finally:
        stop.set()
        thread.join(5)
        assert not thread.is_alive(), "the watch ends once told to stop"


def wait_for(seen: list[float], count: int) -> bool:
    deadline = time.monotonic() + SEEN_WITHIN_S
    while len(seen) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(seen) >= count


def test_a_briefing_file_added_changed_or_removed_is_a_change(tmp_path: Path) -> None:
    with watching([tmp_path]) as seen:
        (tmp_path / "a.json").write_text("{}")
        assert wait_for(seen, 1)
        (tmp_path / "a.json").write_text('{"x": {}}')
        assert wait_for(seen, 2)
        (tmp_path / "a.json").unlink()
        assert wait_for(seen, 3)


def test_hidden_files_and_other_files_are_not(tmp_path: Path) -> None:
    with watching([tmp_path]) as seen:
        (tmp_path / ".a.json.lock").write_text("")
        (tmp_path / ".a.json.1234.tmp").write_text("")
        (tmp_path / "notes.txt").write_text("")
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "b.json").write_text("{}")  # a library folder is flat
        time.sleep(1.5)
        assert seen == []
        (tmp_path / "c.json").write_text("{}")
        assert wait_for(seen, 1)


def test_a_folder_that_is_not_there_yet_is_watched_once_it_appears(tmp_path: Path) -> None:
    library = tmp_path / "data" / "library"
    with watching([library]) as seen:
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "notes.json").write_text("{}")
        library.mkdir()
        time.sleep(1.5)
        assert seen == [], "the data dir and an empty library folder appearing change nothing"
        (library / "a.json").write_text("{}")
        assert wait_for(seen, 1)


def test_a_folder_that_appears_with_briefings_in_it_is_a_change(tmp_path: Path) -> None:
    library = tmp_path / "library"
    staged = tmp_path / "staged"
    staged.mkdir()
    (staged / "a.json").write_text("{}")
    with watching([library]) as seen:
        staged.rename(library)
        assert wait_for(seen, 1)


def test_a_folder_whose_name_is_not_utf8_leaves_the_others_watched(tmp_path: Path) -> None:
    odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/odd\xff"))
    odd.mkdir()
    plain = tmp_path / "plain"
    plain.mkdir()
    with watching([odd, plain]) as seen:
        (plain / "a.json").write_text("{}")
        assert wait_for(seen, 1)
