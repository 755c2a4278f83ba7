"""What the entry list shows for each kind of entry: its columns, their cells and how they sort.

Cells are Rich ``Text`` made from content by ``briefing.text``, never
strings (a DataTable would read a string as markup).  Each column also gives
a sort key, so sorting compares dates as dates and counts as numbers.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from rich.text import Text

from briefing.library import Library, LibraryEntity
from briefing.model.dates import When
from briefing.model.entities import Claim
from briefing.model.vocabulary import EntityKind, Precision, event_kind_label
from briefing.text import shorten, text


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    cell: Callable[[Library, Any], Text]
    sort: Callable[[Library, Any], Any]
    fill: bool = False
    """Free text that takes the width the other columns leave (and is cut to it)."""
    numeric: bool = False
    width: int = 0
    """The most cells it takes, its cells cut with an ellipsis beyond (0: as wide as its widest cell)."""
    least: int = 0
    """The fewest it gives up cells to, when the main text needs room (0: it keeps its width)."""
    drop: int = 0
    """Left out when even then the main text has too little room, the highest first (0: always shown)."""
    names: bool = False
    """The cell that names the row (an actor's name, a claim's text): the reader's marks go before it."""


def _when(value: When | None) -> Text:
    return text(_date_label(value) if value else "", "dim" if value is None else "")


def _date_label(value: When) -> str:
    """A date as a list shows it: months of one year as "Jan–Sep 2020" (the detail pane spells the range out)."""
    end = value.end
    if end is not None and value.precision is Precision.MONTH and value.start.year == end.year:
        return f"{value.start:%b}–{end:%b %Y}"
    return value.label


def _when_key(value: When | None) -> tuple[int, date | None, date | None]:
    return (0, value.start, value.last) if value else (1, None, None)  # undated entries last


def _plain(value: str, width: int = 60) -> Text:
    """One line of content, cut with an ellipsis where the column ends."""
    cell = text(shorten(value, width))
    cell.no_wrap = True
    cell.overflow = "ellipsis"
    return cell


def _count(value: int) -> Text:
    return Text(str(value), justify="right")


def _lower(value: str) -> str:
    return value.casefold()


def _briefing_count(kind: EntityKind) -> Column:
    return Column(
        kind.value + "s",
        kind.value + "s",
        lambda lib, b: _count(len(lib.in_briefing(b.id, kind))),
        lambda lib, b: len(lib.in_briefing(b.id, kind)),
        numeric=True,
    )


def _attributed(library: Library, claim: Claim) -> str:
    names = [library.label(a) for a in claim.attributed_to]
    return names[0] + (f" +{len(names) - 1}" if len(names) > 1 else "") if names else ""


COLUMNS: dict[EntityKind, tuple[Column, ...]] = {
    EntityKind.BRIEFING: (
        Column("date", "date", lambda lib, b: _when(b.date), lambda lib, b: _when_key(b.date)),
        Column(
            "title", "title", lambda lib, b: _plain(b.title, 200), lambda lib, b: _lower(b.title), fill=True, names=True
        ),
        _briefing_count(EntityKind.ACTOR),
        _briefing_count(EntityKind.CLAIM),
        _briefing_count(EntityKind.EVENT),
    ),
    EntityKind.ACTOR: (
        Column(
            "name",
            "name",
            lambda lib, a: _plain(a.name, 40),
            lambda lib, a: _lower(a.name),
            width=24,
            least=14,
            names=True,
        ),
        Column("kind", "kind", lambda lib, a: text(a.actor_kind), lambda lib, a: str(a.actor_kind), drop=1),
        Column(
            "mentions",
            "mentions",
            lambda lib, a: _count(len(lib.backlinks(a.id))),
            lambda lib, a: len(lib.backlinks(a.id)),
            numeric=True,
        ),
        Column("role", "role", lambda lib, a: _plain(a.role, 200), lambda lib, a: _lower(a.role), fill=True),
    ),
    EntityKind.CLAIM: (
        Column("date", "date", lambda lib, c: _when(c.date), lambda lib, c: _when_key(c.date)),
        Column("kind", "kind", lambda lib, c: text(c.claim_kind), lambda lib, c: str(c.claim_kind), drop=1),
        Column("status", "status", lambda lib, c: text(c.status), lambda lib, c: str(c.status), drop=2),
        Column(
            "by",
            "by",
            lambda lib, c: _plain(_attributed(lib, c), 40),
            lambda lib, c: _lower(_attributed(lib, c)),
            width=18,
            least=10,
        ),
        Column(
            "text", "claim", lambda lib, c: _plain(c.text, 200), lambda lib, c: _lower(c.text), fill=True, names=True
        ),
    ),
    EntityKind.EVENT: (
        Column("date", "date", lambda lib, e: _when(e.when), lambda lib, e: _when_key(e.when)),
        Column(
            "kind",
            "kind",
            lambda lib, e: _plain(event_kind_label(e.event_kind), 40),
            lambda lib, e: e.event_kind,
            width=16,
            least=10,
        ),
        Column(
            "title", "title", lambda lib, e: _plain(e.title, 200), lambda lib, e: _lower(e.title), fill=True, names=True
        ),
        Column(
            "location",
            "location",
            lambda lib, e: _plain(e.location, 40),
            lambda lib, e: _lower(e.location),
            width=18,
            least=10,
        ),
    ),
    EntityKind.SOURCE: (
        Column("date", "date", lambda lib, s: _when(s.date), lambda lib, s: _when_key(s.date)),
        Column(
            "publisher",
            "publisher",
            lambda lib, s: _plain(s.publisher, 40),
            lambda lib, s: _lower(s.publisher),
            width=20,
            least=12,
        ),
        Column(
            "title", "title", lambda lib, s: _plain(s.title, 200), lambda lib, s: _lower(s.title), fill=True, names=True
        ),
    ),
}

DEFAULT_SORT: dict[EntityKind, str] = {
    EntityKind.BRIEFING: "date",
    EntityKind.ACTOR: "name",
    EntityKind.CLAIM: "date",
    EntityKind.EVENT: "date",
    EntityKind.SOURCE: "date",
}


def entries(library: Library, kind: EntityKind, briefing_id: str | None) -> list[LibraryEntity]:
    if briefing_id is None:
        return library.all(kind)
    return library.in_briefing(briefing_id, kind)


SORT_SLICE = 2_048
"""Entries sorted in one go; a longer list is sorted a slice at a time and the slices merged."""


def sorted_entries(
    library: Library, entities: list[LibraryEntity], column: Column, reverse: bool = False
) -> list[LibraryEntity]:
    """Entries in a column's order; ties keep a stable order by id.

    One ``sorted`` of 49,000 rows compares them for 50 ms and more without
    letting another thread run: the browser sorts in a worker thread, and
    the event loop would wait all that time.  Slices of a few thousand and a
    merge (each step of which lets the loop in) give the same order, since
    no two entries have the same id.
    """
    keyed = [((column.sort(library, e), e.id), e) for e in entities]
    if len(keyed) <= SORT_SLICE:
        return [e for _, e in sorted(keyed, key=itemgetter(0), reverse=reverse)]
    slices = [
        sorted(keyed[start : start + SORT_SLICE], key=itemgetter(0), reverse=reverse)
        for start in range(0, len(keyed), SORT_SLICE)
    ]
    return [e for _, e in heapq.merge(*slices, key=itemgetter(0), reverse=reverse)]
