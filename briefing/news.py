"""What is new to the reader: the entries that arrived since they last looked, kept as unread marks.

Entries arrive three ways, and each marks them unread (``store/unread.py``):
``briefing import`` marks the entries it adds; a browser that sees a library
folder change marks what the new library has and the old one had not; and
at a start, a briefing the last look did not see (a file copied in while no
browser ran) has all its entries marked.  Opening an entry marks it read;
the reader can mark any entry unread again, or everything read.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from pathlib import Path

from briefing.library import Library
from briefing.model.entities import BriefingDocument
from briefing.store.unread import UnreadMarks, change_unread, load_unread


def arrivals(before: Container[str], after: Library) -> list[str]:
    """The entries ``after`` has and ``before`` had not."""
    return [entity.id for entity in after.entities() if entity.id not in before]


def imported(before: Container[str], docs: Iterable[BriefingDocument]) -> list[str]:
    """The entries of imported briefings the library had not."""
    return [entity.id for doc in docs for entity in doc.entities() if entity.id not in before]


def look(path: Path, library: Library) -> UnreadMarks:
    """The marks as a browser starts: the first look sets the baseline (nothing is new); a later one marks
    the entries of briefings it has not seen before."""
    marks = load_unread(path)
    briefings = list(library.briefings)
    if marks.briefings is None:
        return change_unread(path, briefings=briefings)
    unseen = [b for b in briefings if b not in marks.briefings]
    if not unseen and set(briefings) == marks.briefings:
        return marks
    seen = marks.briefings
    arrived = [
        entity.id
        for b in unseen
        for entity in library.document(b).entities()
        if not any(other in seen for other in library.briefings_of(entity.id))  # an actor seen elsewhere is not new
    ]
    return change_unread(path, arrived=arrived, briefings=briefings)
