"""What an export carries, counted, for the line that says what was written where.

The notes an export concerns are the same for every format: all of them for
the whole library (orphans too), else those on the entries of the one
briefing.  They go in only when the reader asks (``--notes``): they are the
reader's own, and a brief is often sent on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.library import Library
from briefing.model.entities import Note
from briefing.model.vocabulary import EntityKind

_ENTRY_KINDS = (EntityKind.SOURCE, EntityKind.ACTOR, EntityKind.CLAIM, EntityKind.EVENT)


def notes_of_export(library: Library, notes: Sequence[Note], briefing_id: str | None) -> list[Note]:
    """The notes an export of ``briefing_id`` (None: the whole library) concerns."""
    if briefing_id is None:
        return list(notes)
    return [note for note in notes if briefing_id in library.briefings_of(note.target)]


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """How much one export holds, and how many of the reader's notes it left out."""

    format: str
    briefings: int
    entries: int
    notes: int
    notes_left_out: int

    @classmethod
    def of(
        cls, name: str, library: Library, briefing_id: str | None, notes: int, notes_left_out: int = 0
    ) -> ExportSummary:
        wanted = [briefing_id] if briefing_id else list(library.briefings)
        ids = {entity.id for bid in wanted for kind in _ENTRY_KINDS for entity in library.in_briefing(bid, kind)}
        return cls(name, len(wanted), len(ids), notes, notes_left_out)

    def written(self, where: str) -> str:
        """``exported 1 briefing (130 entries) and 2 notes as md to brief.md``."""
        what = f"{counted(self.briefings, 'briefing')} ({counted(self.entries, 'entry', 'entries')})"
        if self.notes:
            what += f" and {counted(self.notes, 'note')}"
        return f"exported {what} as {self.format} to {where}"

    def left_out(self) -> str:
        """What to say about the notes left out, or nothing."""
        if not self.notes_left_out:
            return ""
        return f"{counted(self.notes_left_out, 'note')} left out; --notes includes them"


def counted(number: int, one: str, many: str = "") -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"
