"""``--format csv``: one row per entry, for spreadsheets and scripts.

The columns are fixed (``COLUMNS``) whatever the kinds exported, so a script
can rely on them; a field that does not apply to a kind is empty.  Lists are
joined with ``"; "``.  Per kind: ``type`` is the actor, claim or event kind
(a note's flag); ``title`` the briefing, source or event title, the actor's
name; ``text`` the summary, description or claim, a source's publisher,
author and address; ``about`` a claim's subjects or a note's entry;
``tags`` a briefing's or a note's tags (the last column, added after the others).

A cell that a spreadsheet would run as a formula (starting ``=``, ``+``,
``-``, ``@``, tab or carriage return) gets a leading ``'``; control
characters are dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from briefing.export.base import Exporter
from briefing.library import Library
from briefing.model.dates import When
from briefing.model.entities import Actor, Briefing, Claim, Event, Note, Source
from briefing.model.vocabulary import EntityKind
from briefing.text import clean

COLUMNS = (
    "id",
    "kind",
    "briefing",
    "date",
    "end",
    "precision",
    "type",
    "title",
    "text",
    "attributed_to",
    "about",
    "actors",
    "source",
    "paragraph",
    "aliases",
    "role",
    "location",
    "status",
    "tags",
)
LIST_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, str]


def safe_cell(value: object) -> str:
    """A cell's text, defused: a spreadsheet shows it and never evaluates it."""
    cell = clean(value if isinstance(value, str) else str(value))
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _dates(when: When | None) -> Row:
    if when is None:
        return {}
    return {
        "date": when.start.isoformat(),
        "end": when.end.isoformat() if when.end else "",
        "precision": str(when.precision),
    }


def row_of(entity: Briefing | Source | Actor | Claim | Event, briefing_id: str) -> Row:
    """One entry as a row; ``briefing_id`` names the briefing it is exported under."""
    row: Row = {"id": entity.id, "kind": str(entity.kind), "briefing": briefing_id}
    match entity:
        case Briefing():
            row |= {"title": entity.title, "text": entity.summary, "tags": _joined(entity.tags), **_dates(entity.date)}
        case Source():
            about = [p for p in (entity.publisher, entity.author, entity.url) if p]
            row |= {"title": entity.title, "text": LIST_SEPARATOR.join(about), **_dates(entity.date)}
        case Actor():
            row |= {
                "type": str(entity.actor_kind),
                "title": entity.name,
                "text": entity.description,
                "aliases": _joined(entity.aliases),
                "role": entity.role,
            }
        case Claim():
            row |= {
                "type": str(entity.claim_kind),
                "text": entity.text,
                "attributed_to": _joined(entity.attributed_to),
                "about": _joined(entity.about),
                "source": entity.source,
                "paragraph": str(entity.paragraph or ""),
                "status": str(entity.status),
                **_dates(entity.date),
            }
        case Event():
            row |= {
                "type": entity.event_kind,
                "title": entity.title,
                "text": entity.description,
                "actors": _joined(entity.actors),
                "source": entity.source,
                "paragraph": str(entity.paragraph or ""),
                "location": entity.location,
                **_dates(entity.when),
            }
    return row


def note_row(note: Note, briefing_id: str) -> Row:
    return {
        "id": note.id,
        "kind": str(note.kind),
        "briefing": briefing_id,
        "date": note.created[:10],
        "type": str(note.flag or ""),
        "text": note.text,
        "about": note.target,
        "tags": _joined(note.tags),
    }


def _actor_row(library: Library, actor: Actor, bid: str, only: str | None) -> Row:
    """An actor once: as its one exported briefing describes it, else merged across all of them."""
    if only:
        return row_of(library.actor_views[actor.id][only], only)
    return row_of(actor, _joined(actor.briefings))


class CsvExporter(Exporter):
    name = "csv"
    suffix = ".csv"
    description = "CSV: one row per briefing, source, actor, claim, event and note, with fixed columns"

    def render(self, library: Library, notes: Sequence[Note], briefing_id: str | None = None) -> str:
        wanted = [briefing_id] if briefing_id else sorted(library.briefings)
        rows: list[Row] = []
        actors_done: set[str] = set()
        for bid in wanted:
            rows.append(row_of(library.briefings[bid], bid))
            for kind in (EntityKind.SOURCE, EntityKind.ACTOR, EntityKind.CLAIM, EntityKind.EVENT):
                for entity in sorted(library.in_briefing(bid, kind), key=lambda e: e.id):
                    if isinstance(entity, Actor):
                        if entity.id in actors_done:
                            continue
                        actors_done.add(entity.id)
                        rows.append(_actor_row(library, entity, bid, briefing_id))
                    else:
                        rows.append(row_of(entity, bid))
        for note in sorted(notes, key=lambda n: n.id):
            homes = [b for b in library.briefings_of(note.target) if b in wanted]
            if homes or briefing_id is None:
                rows.append(note_row(note, homes[0] if homes else ""))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([safe_cell(row.get(column, "")) for column in COLUMNS])
        return out.getvalue()
