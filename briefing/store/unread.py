"""The reader's unread marks: entries that arrived since they last looked, and those they marked unread.

One JSON file in the data dir beside the notes and pins::

    {"unread": {"claim:x": "2026-12-05T14:30:00.000Z", ...},
     "briefings": ["briefing:iraq-convoy-attacks-2020", ...]}

``unread`` maps each unread entry to when it arrived (or was marked);
``briefings`` are the briefings the reader's library held when it was last
looked at, so that a briefing that turns up while no browser runs (copied
into a library folder by hand) has its entries marked new at the next start.
With no file yet, nothing is new: the first look sets the baseline.

Read and written under the file's lock, replaced atomically; each change
reads the file again, so a second browser's marks are kept.  A file that
cannot be read raises :class:`CorruptFileError` and is never written over.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError, CorruptFileError
from briefing.model.ids import ID_RE
from briefing.store.files import dump_json, read_json, write_atomic
from briefing.store.locks import TEMP_PREFIX, TEMP_SUFFIX, locked
from briefing.store.note_records import now_stamp


@dataclass(frozen=True, slots=True)
class UnreadMarks:
    unread: Mapping[str, str] = field(default_factory=dict)
    """Each unread entry's id and when it arrived (an ISO UTC time), oldest first."""
    briefings: frozenset[str] | None = None
    """The briefings of the library last looked at; None before the first look."""


def load_unread(path: Path) -> UnreadMarks:
    """The marks as the file has them; none (and no baseline) when there is no file."""
    data = read_json(path)
    if data is None:
        return UnreadMarks()
    if not isinstance(data, dict) or not isinstance(data.get("unread", {}), dict):
        raise CorruptFileError(path, 'expected {"unread": {id: time}, "briefings": [ids]}')
    unread = {
        key: value
        for key, value in sorted(data.get("unread", {}).items(), key=lambda item: str(item[1]))
        if isinstance(key, str) and ID_RE.fullmatch(key) and isinstance(value, str)
    }
    listed = data.get("briefings")
    briefings = frozenset(b for b in listed if isinstance(b, str)) if isinstance(listed, list) else None
    return UnreadMarks(unread, briefings)


def sweep_unread(path: Path) -> None:
    """Remove what a writer killed mid-write left beside the file (taking its lock, as a writer does)."""
    if any(path.parent.glob(f"{glob.escape(TEMP_PREFIX + path.name)}.*{TEMP_SUFFIX}")):
        with suppress(BriefingError), locked(path):
            pass


def change_unread(
    path: Path,
    *,
    arrived: Iterable[str] = (),
    read: Iterable[str] = (),
    all_read: bool = False,
    briefings: Iterable[str] | None = None,
    seen_briefings: Iterable[str] = (),
) -> UnreadMarks:
    """Mark ``arrived`` unread (as of now; one already unread keeps its time), ``read`` (or all) read, and
    record the library's ``briefings`` when given, or add ``seen_briefings`` to those recorded (an import's,
    whose entries it marks itself); the marks as they now are."""
    with locked(path):
        current = load_unread(path)
        unread = {} if all_read else dict(current.unread)
        for entity_id in read:
            unread.pop(entity_id, None)
        stamp = now_stamp()
        for entity_id in arrived:
            unread.setdefault(entity_id, stamp)
        known = frozenset(briefings) if briefings is not None else current.briefings
        if known is not None:
            known = known | frozenset(seen_briefings)
        marks = UnreadMarks(unread, known)
        if marks != current:
            write_atomic(path, dump_json({"unread": unread, "briefings": sorted(known or ())}))
    return marks
