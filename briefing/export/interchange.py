"""The interchange format ``briefing/1`` (``briefing export --format json``).

One JSON object with a list per kind of entity; each entity is its id plus
the fields of docs/format.md.  Sources, claims and events carry the
``briefing`` they belong to; actors carry ``briefings`` and, where the
briefings describe an actor differently, each briefing's own view under
``views``, so that export -> import -> export is lossless.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any

from briefing.errors import Problem, ValidationError
from briefing.library import Library, LibraryEntity
from briefing.model.entities import Actor, Briefing, BriefingDocument, Note
from briefing.model.preview import preview, shown_name
from briefing.model.records import document_from_tables, record_of
from briefing.model.validation import Either
from briefing.store.note_records import record_of_note

FORMAT = "briefing/1"
LISTS = ("briefings", "sources", "actors", "claims", "events", "notes")
_TABLE_OF_LIST = {
    "briefings": "briefing",
    "sources": "sources",
    "actors": "actors",
    "claims": "claims",
    "events": "events",
}


def note_record(note: Note) -> dict[str, Any]:
    """A note as the interchange carries it: the stored record with its id."""
    return {"id": note.id, **record_of_note(note)}


def entity_record(entity: LibraryEntity | Note, library: Library | None = None) -> dict[str, Any]:
    """An entity as an interchange object: its id, then its fields."""
    if isinstance(entity, Note):
        return note_record(entity)
    record: dict[str, Any] = {"id": entity.id, **record_of(entity)}
    if isinstance(entity, Actor):
        record["briefings"] = list(entity.briefings)
        if library is not None:
            views = library.actor_views.get(entity.id, {})
            own = {bid: record_of(view) for bid, view in views.items()}
            if len({_key(r) for r in own.values()}) > 1:
                record["views"] = own
    elif not isinstance(entity, Briefing):
        record["briefing"] = entity.briefing
    return record


def _key(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True)


def export_library(library: Library, notes: Iterable[Note] = (), briefing_id: str | None = None) -> dict[str, Any]:
    """The whole library (or one briefing, with the actors it names) as a ``briefing/1`` object."""
    wanted = [briefing_id] if briefing_id else sorted(library.briefings)
    out: dict[str, Any] = {"format": FORMAT, **{name: [] for name in LISTS}}
    actor_ids: dict[str, None] = {}
    for bid in wanted:
        doc = library.document(bid)
        out["briefings"].append(entity_record(doc.briefing))
        out["sources"] += [entity_record(s) for s in doc.sources]
        out["claims"] += [entity_record(c) for c in doc.claims]
        out["events"] += [entity_record(e) for e in doc.events]
        actor_ids.update(dict.fromkeys(a.id for a in doc.actors))
    for aid in sorted(actor_ids):
        record = entity_record(library.actors[aid], library)
        if briefing_id:
            record["briefings"] = [briefing_id]
            record.pop("views", None)
            record.update(record_of(library.actor_views[aid][briefing_id]))
        out["actors"].append(record)
    for name in ("sources", "claims", "events"):
        out[name].sort(key=lambda r: r["id"])
    ids = {r["id"] for name in LISTS[:-1] for r in out[name]}
    out["notes"] = sorted(
        (note_record(n) for n in notes if briefing_id is None or n.target in ids),
        key=lambda r: r["id"],
    )
    return out


def interchange_ids(data: Any) -> set[str]:
    """The ids an interchange object defines, as far as its shape allows reading them."""
    ids: set[str] = set()
    for name in LISTS[:-1]:
        records = data.get(name) if isinstance(data, dict) else None
        if isinstance(records, list):
            ids.update(r["id"] for r in records if isinstance(r, dict) and isinstance(r.get("id"), str))
    return ids


def is_interchange(data: Any) -> bool:
    return isinstance(data, dict) and "format" in data


def documents_from_interchange(
    data: Any, file: str, external_ids: Container[str] = frozenset()
) -> list[BriefingDocument]:
    """The briefings in an interchange object, validated; raises ValidationError with every problem."""
    _check_lists(data, file)
    split = _Split(file)
    split.add_briefings(data.get("briefings", []))
    for name in ("sources", "claims", "events"):
        split.add_entities(name, data.get(name, []))
    split.add_actors(data.get("actors", []))
    if split.problems:
        raise ValidationError(split.problems)
    return _documents(split.per_briefing, file, external_ids)


def _check_lists(data: Any, file: str) -> None:
    """The object's shape: its format, and only known lists, each a list."""
    if not isinstance(data, dict):
        raise ValidationError([Problem(file, "", "", f"expected a JSON object, got {type(data).__name__}")])
    if data.get("format") != FORMAT:
        raise ValidationError([Problem(file, "", "format", f"expected {FORMAT!r}, got {preview(data.get('format'))}")])
    problems: list[Problem] = []
    for name in data:
        if name not in ("format", *LISTS):
            problems.append(Problem(file, "", shown_name(name), f"unknown list (expected: {', '.join(LISTS)})"))
    for name in LISTS:
        if not isinstance(data.get(name, []), list):
            problems.append(Problem(file, "", name, "expected a list"))
    if problems:
        raise ValidationError(problems)


Tables = dict[str, dict[str, Any]]
"""A briefing file's tables: table name -> entity id -> fields."""


@dataclass
class _Split:
    """The interchange lists sorted into each briefing's tables, with the problems met on the way."""

    file: str
    per_briefing: dict[str, Tables] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add_briefings(self, records: list[Any]) -> None:
        for record in records:
            if not _has_id(record):
                self.problems.append(Problem(self.file, "", "briefings", "an entry without an id"))
                continue
            if record["id"] in self.per_briefing:
                self.problems.append(Problem(self.file, shown_name(record["id"]), "id", "duplicate id"))
                continue
            fields = {k: v for k, v in record.items() if k != "id"}
            tables: Tables = {
                "briefing": {record["id"]: fields},
                "sources": {},
                "actors": {},
                "claims": {},
                "events": {},
            }
            self.per_briefing[record["id"]] = tables

    def add_entities(self, name: str, records: list[Any]) -> None:
        """Sources, claims or events, each into the briefing it names."""
        for record in records:
            if not _has_id(record):
                self.problems.append(Problem(self.file, "", name, "an entry without an id"))
                continue
            fields = {k: v for k, v in record.items() if k not in ("id", "briefing")}
            self._place(_TABLE_OF_LIST[name], record.get("briefing"), record["id"], fields)

    def add_actors(self, records: list[Any]) -> None:
        """Actors, into each briefing they list, with that briefing's own view where there is one."""
        for record in records:
            if not _has_id(record):
                self.problems.append(Problem(self.file, "", "actors", "an entry without an id"))
                continue
            where = shown_name(record["id"])
            briefings = record.get("briefings")
            if not isinstance(briefings, list) or not briefings:
                self.problems.append(
                    Problem(self.file, where, "briefings", "expected a non-empty list of briefing ids")
                )
                continue
            views = record.get("views", {})
            if not isinstance(views, dict):
                message = "expected an object of briefing id -> actor fields"
                self.problems.append(Problem(self.file, where, "views", message))
                continue
            fields = {k: v for k, v in record.items() if k not in ("id", "briefings", "views")}
            for bid in briefings:
                self._place("actors", bid, record["id"], views.get(bid, fields) if isinstance(bid, str) else fields)

    def _place(self, table: str, bid: Any, eid: str, fields: dict[str, Any]) -> None:
        if not isinstance(bid, str) or bid not in self.per_briefing:
            message = f"{preview(bid)} is not a briefing in this file"
            self.problems.append(Problem(self.file, shown_name(eid), "briefing", message))
        elif eid in self.per_briefing[bid][table]:
            self.problems.append(Problem(self.file, shown_name(eid), "id", "duplicate id"))
        else:
            self.per_briefing[bid][table][eid] = fields


def _has_id(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("id"), str)


def _documents(per_briefing: dict[str, Tables], file: str, external_ids: Container[str]) -> list[BriefingDocument]:
    """Each briefing's tables as a document, its links checked against every id in the file and ``external_ids``."""
    own: set[str] = set()
    for tables in per_briefing.values():
        for table in tables.values():
            own.update(table)
    all_ids = Either(own, external_ids)
    docs = []
    problems: list[Problem] = []
    for tables in per_briefing.values():
        try:
            docs.append(document_from_tables(tables, file, all_ids))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return docs
