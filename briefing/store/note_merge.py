"""What an import of notes adds to the reader's notes: never overwriting one of them.

A note whose content (target, text, tags, flag) is already among the
reader's notes adds nothing; a new id is added as it is; an id the reader
has with other content is kept beside it under a new id, tagged
``imported`` with ``imported_from`` set.  Times later than now (beyond a
day's clock skew) become now, so no imported stamp sorts after every later
edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from briefing.model.entities import Note
from briefing.model.ids import new_note_id
from briefing.store.note_records import checked, format_stamp, now_stamp

IMPORTED_TAG = "imported"
CLOCK_SKEW = timedelta(days=1)


@dataclass
class MergePlan:
    """What an import of notes adds: ``added`` as they came, ``beside`` under new ids, ``already`` there."""

    added: list[Note] = field(default_factory=list)
    beside: list[Note] = field(default_factory=list)
    already: int = 0

    @property
    def new(self) -> list[Note]:
        return [*self.added, *self.beside]


def _content(note: Note | Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two notes the same note, whatever their ids, times and the ``imported`` mark."""
    target: object
    text: object
    tags: object
    flag: object
    if isinstance(note, Note):
        target, text, tags, flag = note.target, note.text, note.tags, str(note.flag) if note.flag else None
    else:
        target, text, tags, flag = note.get("target"), note.get("text"), note.get("tags"), note.get("flag")
    marks = tuple(t for t in tags if t != IMPORTED_TAG) if isinstance(tags, list | tuple) else ()
    return (target, text, marks, flag)


Incoming = tuple[Note, str | None]
"""A note an import brings, and the file it comes from."""


def plan_merge(stored: Mapping[str, Mapping[str, Any]], incoming: Iterable[Incoming]) -> MergePlan:
    """The notes an import adds to ``stored`` (the notes table); see this module's docstring."""
    plan = MergePlan()
    ids = set(stored)
    contents = {_content(record) for record in stored.values()}
    latest = format_stamp(datetime.now(UTC) + CLOCK_SKEW)
    now = now_stamp()
    for note, origin in incoming:
        note = checked(note)
        created = now if note.created > latest else note.created
        updated = max(now if note.updated > latest else note.updated, created)
        note = replace(note, created=created, updated=updated)
        if _content(note) in contents:
            plan.already += 1
            continue
        contents.add(_content(note))
        if note.id not in ids:
            plan.added.append(note)
        else:
            tags = note.tags if IMPORTED_TAG in note.tags else (*note.tags, IMPORTED_TAG)
            note = replace(note, id=new_note_id(), tags=tags, imported_from=origin or note.imported_from)
            plan.beside.append(note)
        ids.add(note.id)
    return plan
