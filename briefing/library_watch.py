"""Noticing that a library folder's briefing files changed, for a browser that stays open.

``briefing import`` in another terminal, a file copied into a folder, a
briefing edited by hand: a running browser should show them without a
restart.  :func:`library_changes` wraps watchfiles (the operating system's
file events, debounced) and yields once per burst of changes to briefing
files; hidden files (locks, temp files of an atomic write) do not count.

A library folder is flat (``briefing_files`` lists its own files only), so
each is watched without its subfolders.  One that does not exist yet (the
reader's own library before the first import) cannot be watched itself: its
nearest existing parent is watched until it appears, and then the folder,
with one change reported if it already holds briefings.  Folders made on
the way (the data dir, on the first note) are no change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from watchfiles import watch

from briefing.store.briefings import BRIEFING_SUFFIX

DEBOUNCE_MS = 400
"""Changes this close together are one: an import writes several files and renames them in place."""

LOOK_AGAIN_MS = 500
"""With no file event, the watch still wakes this often (to look into a folder that has just appeared)."""


class Stop(Protocol):
    """When to stop watching: a ``threading.Event``, or anything else that can say (a cancelled worker)."""

    def is_set(self) -> bool: ...


def library_changes(folders: Sequence[Path], stop: Stop) -> Iterator[None]:
    """Yield whenever a briefing file in ``folders`` was added, changed or removed; end soon after ``stop`` is set."""
    folders = [Path(folder).absolute() for folder in folders]
    watched = _watch_points(folders)
    appeared: list[Path] = []
    while watched and not stop.is_set():
        changes = watch(
            *watched,
            watch_filter=None,
            debounce=DEBOUNCE_MS,
            stop_event=stop,
            rust_timeout=LOOK_AGAIN_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
            recursive=False,
        )
        for batch in changes:
            # Folders that appeared are looked into once this watch is up, so no file slips between the two.
            if any(_is_briefing_file(Path(path), folders) for _, path in batch) or any(map(_holds_briefings, appeared)):
                yield
            appeared = []
            now = _watch_points(folders)
            if now != watched:
                appeared = [folder for folder in folders if folder in now and folder not in watched]
                watched = now
                break
        else:
            return


def _watch_points(folders: Sequence[Path]) -> list[Path]:
    """Each folder if it exists, else its nearest existing parent (once each, in order).

    A folder whose name is not UTF-8 is left out: watchfiles takes text paths only.
    """
    points: list[Path] = []
    for folder in folders:
        if not _utf8(folder):
            continue
        point = folder
        while not point.is_dir() and point != point.parent:
            point = point.parent
        if point.is_dir() and point not in points:
            points.append(point)
    return points


def _utf8(path: Path) -> bool:
    try:
        str(path).encode()
    except UnicodeEncodeError:
        return False
    return True


def _holds_briefings(folder: Path) -> bool:
    try:
        return any(_is_briefing_file(path, [folder]) for path in folder.iterdir())
    except OSError:
        return False


def _is_briefing_file(path: Path, folders: Sequence[Path]) -> bool:
    return path.parent in folders and path.name.endswith(BRIEFING_SUFFIX) and not path.name.startswith(".")
