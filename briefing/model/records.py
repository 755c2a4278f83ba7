"""Briefing files' tables <-> model objects, with validation.

A briefing file holds five tables mapping ids to records (see
docs/format.md).  ``validate_tables`` reports every problem at once, each
located by file, entity id and field; ``document_from_tables`` builds the
model only from tables that validated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable
from urllib.parse import urlsplit

from briefing.errors import Problem, ValidationError
from briefing.model.dates import DateError, When, parse_iso
from briefing.model.entities import (
    Actor,
    Briefing,
    BriefingDocument,
    Claim,
    Event,
    Relation,
    Source,
)
from briefing.model.ids import ID_RE, kind_of
from briefing.model.preview import preview, shown_name
from briefing.model.vocabulary import (
    EVENT_KINDS,
    ActorKind,
    ClaimKind,
    ClaimStatus,
    EntityKind,
    Precision,
    RelationType,
)

TABLES: dict[str, EntityKind] = {
    "briefing": EntityKind.BRIEFING,
    "sources": EntityKind.SOURCE,
    "actors": EntityKind.ACTOR,
    "claims": EntityKind.CLAIM,
    "events": EntityKind.EVENT,
}

Check = Callable[[Any], str | None]
"""A field check: None when the value is fine, else what is wrong."""


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected text, got {type(value).__name__}"
    if not value.isascii() and _SURROGATE_RE.search(value):
        return "contains an invalid character (a lone UTF-16 surrogate)"
    return None


def _url(value: Any) -> str | None:
    """A source's address: none, or an absolute http(s) URL with a host.

    Exports make it a link (STIX ``external_references``, Markdown), and a
    ``javascript:``, ``data:`` or ``file:`` address there runs or opens
    something on the reader's machine when followed.
    """
    if problem := _text(value):
        return problem
    if not value:
        return None
    try:
        parts = urlsplit(value)
        fine = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # an unclosed [IPv6] host
        fine = False
    if fine:
        return None
    return f"not an http(s) address: {preview(value)}"


def _nonempty(value: Any) -> str | None:
    return _text(value) or (None if value.strip() else "must not be empty")


def _texts(value: Any) -> str | None:
    if not isinstance(value, list):
        return f"expected a list of text, got {type(value).__name__}"
    for item in value:
        if not isinstance(item, str):
            return f"expected a list of text, found {preview(item)}"
        problem = _text(item)
        if problem:
            return problem
    return None


def _one_of(words: Iterable[str]) -> Check:
    listed = sorted(words)
    allowed = frozenset(listed)

    def check(value: Any) -> str | None:
        if isinstance(value, str) and value in allowed:
            return None
        return f"unknown value {preview(value)} (expected one of: {', '.join(listed)})"

    return check


def _optional_int(value: Any) -> str | None:
    """A paragraph number: 1-based, or null when not known."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        return None
    return f"expected a paragraph number (1 or more) or null, got {preview(value)}"


def _count(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return None
    return f"expected a whole number, got {preview(value)}"


def _ids(value: Any) -> str | None:
    return _texts(value)


def _some_ids(value: Any) -> str | None:
    return _texts(value) or (None if value else "must name at least one actor (or the source)")


def _relations(value: Any) -> str | None:
    if not isinstance(value, list):
        return f"expected a list of relations, got {type(value).__name__}"
    return None


@dataclass(frozen=True)
class FieldSpec:
    check: Check
    required: bool = True
    default: Any = None


_PRECISION = _one_of(p.value for p in Precision)
_RELATION_TYPE = _one_of(r.value for r in RelationType)
_DATE = FieldSpec(_text, required=False)
_NULLABLE_DATE = FieldSpec(lambda v: None if v is None else _text(v), required=False)

SPECS: dict[EntityKind, dict[str, FieldSpec]] = {
    EntityKind.BRIEFING: {
        "title": FieldSpec(_nonempty),
        "summary": FieldSpec(_text, False, ""),
        "date": _NULLABLE_DATE,
        "tags": FieldSpec(_texts, False, []),
    },
    EntityKind.SOURCE: {
        "title": FieldSpec(_nonempty),
        "publisher": FieldSpec(_text, False, ""),
        "author": FieldSpec(_text, False, ""),
        "date": _NULLABLE_DATE,
        "url": FieldSpec(_url, False, ""),
        "paragraphs": FieldSpec(_count, False, 0),
    },
    EntityKind.ACTOR: {
        "name": FieldSpec(_nonempty),
        "kind": FieldSpec(_one_of(k.value for k in ActorKind)),
        "aliases": FieldSpec(_texts, False, []),
        "role": FieldSpec(_text, False, ""),
        "description": FieldSpec(_text, False, ""),
        "relations": FieldSpec(_relations, False, []),
    },
    EntityKind.CLAIM: {
        "text": FieldSpec(_nonempty),
        "attributed_to": FieldSpec(_some_ids),
        "about": FieldSpec(_ids, False, []),
        "kind": FieldSpec(_one_of(k.value for k in ClaimKind)),
        "status": FieldSpec(_one_of(s.value for s in ClaimStatus)),
        "date": _NULLABLE_DATE,
        "precision": FieldSpec(_PRECISION, False, "day"),
        "source": FieldSpec(_text),
        "paragraph": FieldSpec(_optional_int, False, None),
    },
    EntityKind.EVENT: {
        "title": FieldSpec(_nonempty),
        "description": FieldSpec(_text, False, ""),
        "kind": FieldSpec(_one_of(EVENT_KINDS)),
        "date": FieldSpec(_text),
        "end": _NULLABLE_DATE,
        "precision": FieldSpec(_PRECISION, False, "day"),
        "location": FieldSpec(_text, False, ""),
        "actors": FieldSpec(_ids, False, []),
        "source": FieldSpec(_text),
        "paragraph": FieldSpec(_optional_int, False, None),
    },
}

# Which kinds of entity each reference field may point at.
REFERENCES: dict[EntityKind, dict[str, frozenset[EntityKind]]] = {
    EntityKind.CLAIM: {
        "attributed_to": frozenset({EntityKind.ACTOR, EntityKind.SOURCE}),
        "about": frozenset({EntityKind.ACTOR}),
        "source": frozenset({EntityKind.SOURCE}),
    },
    EntityKind.EVENT: {
        "actors": frozenset({EntityKind.ACTOR}),
        "source": frozenset({EntityKind.SOURCE}),
    },
}


class _Collector:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, entity: str, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, shown_name(entity), shown_name(field), message))


_Record = tuple[EntityKind, str, dict[str, Any]]
"""A record as validation reads it: its kind, its id, its fields."""


def validate_tables(tables: Any, file: str, external_ids: Container[str] = frozenset()) -> list[Problem]:
    """Every problem in one briefing file's tables.

    ``external_ids`` are ids defined elsewhere in the library, which
    references may point at (an actor defined in another briefing).
    """
    out = _Collector(file)
    if not isinstance(tables, dict):
        out.add("", "", f"expected an object of tables, got {type(tables).__name__}")
        return out.problems
    for name in tables:
        if name not in TABLES:
            out.add("", name, f"unknown table (expected: {', '.join(TABLES)})")
    briefing_table = tables.get("briefing")
    if not isinstance(briefing_table, dict) or len(briefing_table) != 1:
        count = len(briefing_table) if isinstance(briefing_table, dict) else 0
        out.add("", "briefing", f"a briefing file holds exactly one briefing, found {count}")

    defined, records = _entity_records(out, tables)
    resolvable = Either(defined, external_ids)
    sources = tables.get("sources")
    paragraphs = {
        sid: rec.get("paragraphs", 0)
        for sid, rec in (sources.items() if isinstance(sources, dict) else ())
        if isinstance(rec, dict)
    }
    for kind, entity_id, record in records:
        _check_references(out, kind, entity_id, record, resolvable)
        _check_dates(out, kind, entity_id, record)
        _check_paragraph(out, entity_id, record, paragraphs)
    return out.problems


def _entity_records(out: _Collector, tables: dict[str, Any]) -> tuple[set[str], list[_Record]]:
    """The ids each table defines, and the records with a well-formed id of the table's kind, fields checked."""
    defined: set[str] = set()
    records: list[_Record] = []
    for name, kind in TABLES.items():
        table = tables.get(name, {})
        if not isinstance(table, dict):
            out.add("", name, f"expected an object mapping ids to records, got {type(table).__name__}")
            continue
        for entity_id, record in table.items():
            if not ID_RE.fullmatch(entity_id):
                out.add(entity_id, "id", "malformed id (expected KIND:slug, slug of a-z 0-9 -)")
                continue
            if kind_of(entity_id) is not kind:
                out.add(entity_id, "id", f"a {kind_of(entity_id)} id in the {name} table")
                continue
            if entity_id in defined:
                out.add(entity_id, "id", "duplicate id")
                continue
            defined.add(entity_id)
            if not isinstance(record, dict):
                out.add(entity_id, "", f"expected an object, got {type(record).__name__}")
                continue
            _check_fields(out, kind, entity_id, record)
            records.append((kind, entity_id, record))
    return defined, records


def _check_fields(out: _Collector, kind: EntityKind, entity_id: str, record: dict[str, Any]) -> None:
    spec = SPECS[kind]
    if not spec.keys() >= record.keys():
        for name in record:
            if name not in spec:
                out.add(entity_id, name, f"unknown field (expected: {', '.join(spec)})")
    for name, field_spec in spec.items():
        if name not in record:
            if field_spec.required:
                out.add(entity_id, name, "missing")
            continue
        message = field_spec.check(record[name])
        if message:
            out.add(entity_id, name, message)
    if kind is EntityKind.ACTOR and isinstance(record.get("relations"), list):
        for index, relation in enumerate(record["relations"]):
            _check_relation(out, entity_id, index, relation)


def _check_relation(out: _Collector, entity_id: str, index: int, relation: Any) -> None:
    where = f"relations[{index}]"
    if not isinstance(relation, dict):
        out.add(entity_id, where, f"expected an object, got {type(relation).__name__}")
        return
    for name in relation:
        if name not in ("type", "target", "note"):
            out.add(entity_id, f"{where}.{name}", "unknown field (expected: type, target, note)")
    message = _RELATION_TYPE(relation.get("type"))
    if message:
        out.add(entity_id, f"{where}.type", message)
    if not isinstance(relation.get("target"), str):
        out.add(entity_id, f"{where}.target", "missing or not an actor id")
    if "note" in relation and (message := _text(relation["note"])):
        out.add(entity_id, f"{where}.note", message)


def _reference_fields(kind: EntityKind, record: dict[str, Any]) -> Iterable[tuple[str, Any, frozenset[EntityKind]]]:
    for name, allowed in REFERENCES.get(kind, {}).items():
        value = record.get(name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield f"{name}[{index}]", item, allowed
        elif value is not None:
            yield name, value, allowed
    if kind is EntityKind.ACTOR and isinstance(record.get("relations"), list):
        for index, relation in enumerate(record["relations"]):
            if isinstance(relation, dict) and isinstance(relation.get("target"), str):
                yield f"relations[{index}].target", relation["target"], frozenset({EntityKind.ACTOR})


@runtime_checkable
class ExplainsMissing(Protocol):
    """An id collection that can say why an id is not in it (``library.settle``'s view of the accepted files)."""

    def missing_reason(self, item: str) -> str: ...


class Either:
    """Membership in either of two id collections, without copying a library-sized set per file."""

    def __init__(self, first: Container[str], second: Container[str]) -> None:
        self.first, self.second = first, second

    def __contains__(self, item: object) -> bool:
        return item in self.first or item in self.second

    def missing_reason(self, item: str) -> str:
        """Why ``item`` is not there: a collection may know better than "is not defined" (see ``settle``)."""
        for ids in (self.first, self.second):
            if isinstance(ids, ExplainsMissing) and (reason := ids.missing_reason(item)) != NOT_DEFINED:
                return reason
        return NOT_DEFINED


NOT_DEFINED = "is not defined"


def _check_references(
    out: _Collector, kind: EntityKind, entity_id: str, record: dict[str, Any], resolvable: Either
) -> None:
    for where, value, allowed in _reference_fields(kind, record):
        if not isinstance(value, str):
            continue  # already reported as mistyped
        if not ID_RE.fullmatch(value):
            out.add(entity_id, where, f"malformed reference {preview(value)}")
        elif kind_of(value) not in allowed:
            expected = " or ".join(sorted(allowed))
            out.add(entity_id, where, f"{value} is a {kind_of(value)}, expected a {expected}")
        elif value not in resolvable:
            out.add(entity_id, where, f"dangling reference: {value} {resolvable.missing_reason(value)}")
        elif value == entity_id:
            out.add(entity_id, where, "refers to itself")


def _check_dates(out: _Collector, kind: EntityKind, entity_id: str, record: dict[str, Any]) -> None:
    days = {}
    for name in ("date", "end") if kind is EntityKind.EVENT else ("date",):
        value = record.get(name)
        if isinstance(value, str):
            try:
                days[name] = parse_iso(value)
            except DateError as exc:
                out.add(entity_id, name, str(exc))
    if "date" in days and "end" in days and days["end"] < days["date"]:
        out.add(entity_id, "end", f"range ends ({record['end']}) before it starts ({record['date']})")


def _check_paragraph(out: _Collector, entity_id: str, record: dict[str, Any], paragraphs: dict[str, Any]) -> None:
    paragraph, source = record.get("paragraph"), record.get("source")
    if not isinstance(paragraph, int) or isinstance(paragraph, bool) or not isinstance(source, str):
        return
    count = paragraphs.get(source)
    if isinstance(count, int) and count and not 1 <= paragraph <= count:
        out.add(entity_id, "paragraph", f"{paragraph} is outside {source}, which has {count} paragraphs")


# -- building model objects -------------------------------------------------


def _when(record: dict[str, Any], with_end: bool = False) -> When | None:
    if record.get("date") is None:
        return None
    end = record.get("end") if with_end else None
    return When.from_fields(record["date"], record.get("precision", "day"), end)


def document_from_tables(tables: Any, file: str, external_ids: Container[str] = frozenset()) -> BriefingDocument:
    """The model of one briefing file; raises ValidationError listing every problem."""
    problems = validate_tables(tables, file, external_ids)
    if problems:
        raise ValidationError(problems)
    ((briefing_id, b),) = tables["briefing"].items()
    doc = BriefingDocument(_briefing_of(briefing_id, b))
    doc.sources.extend(_source_of(sid, r, briefing_id) for sid, r in tables.get("sources", {}).items())
    doc.actors.extend(_actor_of(aid, r, briefing_id) for aid, r in tables.get("actors", {}).items())
    doc.claims.extend(_claim_of(cid, r, briefing_id) for cid, r in tables.get("claims", {}).items())
    doc.events.extend(_event_of(eid, r, briefing_id) for eid, r in tables.get("events", {}).items())
    return doc


# Each of these reads a record validate_tables has passed.


def _briefing_of(briefing_id: str, r: dict[str, Any]) -> Briefing:
    return Briefing(
        id=briefing_id,
        title=r["title"],
        summary=r.get("summary", ""),
        date=_when(r),
        tags=tuple(r.get("tags", [])),
    )


def _source_of(sid: str, r: dict[str, Any], briefing_id: str) -> Source:
    return Source(
        id=sid,
        title=r["title"],
        briefing=briefing_id,
        publisher=r.get("publisher", ""),
        author=r.get("author", ""),
        date=_when(r),
        url=r.get("url", ""),
        paragraphs=r.get("paragraphs", 0),
    )


def _actor_of(aid: str, r: dict[str, Any], briefing_id: str) -> Actor:
    return Actor(
        id=aid,
        name=r["name"],
        actor_kind=ActorKind(r["kind"]),
        briefings=(briefing_id,),
        aliases=tuple(r.get("aliases", [])),
        role=r.get("role", ""),
        description=r.get("description", ""),
        relations=tuple(
            Relation(RelationType(rel["type"]), rel["target"], rel.get("note", "")) for rel in r.get("relations", [])
        ),
    )


def _claim_of(cid: str, r: dict[str, Any], briefing_id: str) -> Claim:
    return Claim(
        id=cid,
        text=r["text"],
        briefing=briefing_id,
        source=r["source"],
        attributed_to=tuple(r["attributed_to"]),
        about=tuple(r.get("about", [])),
        claim_kind=ClaimKind(r["kind"]),
        status=ClaimStatus(r["status"]),
        date=_when(r),
        paragraph=r.get("paragraph"),
    )


def _event_of(eid: str, r: dict[str, Any], briefing_id: str) -> Event:
    when = _when(r, with_end=True)
    assert when is not None  # validated: events always have a date
    return Event(
        id=eid,
        title=r["title"],
        briefing=briefing_id,
        source=r["source"],
        event_kind=r["kind"],
        when=when,
        description=r.get("description", ""),
        location=r.get("location", ""),
        actors=tuple(r.get("actors", [])),
        paragraph=r.get("paragraph"),
    )


def _date_fields(when: When | None, with_end: bool = False) -> dict[str, Any]:
    if when is None:
        return {"date": None}
    fields = when.fields()
    if not with_end:
        fields.pop("end")
    return fields


def record_of(entity: Briefing | Source | Actor | Claim | Event) -> dict[str, Any]:
    """The stored fields of an entity (without its id), as in a briefing file."""
    match entity:
        case Briefing():
            return {
                "title": entity.title,
                "summary": entity.summary,
                "tags": list(entity.tags),
                "date": entity.date.start.isoformat() if entity.date else None,
            }
        case Source():
            return {
                "title": entity.title,
                "publisher": entity.publisher,
                "author": entity.author,
                "url": entity.url,
                "paragraphs": entity.paragraphs,
                "date": entity.date.start.isoformat() if entity.date else None,
            }
        case Actor():
            return {
                "name": entity.name,
                "kind": str(entity.actor_kind),
                "aliases": list(entity.aliases),
                "role": entity.role,
                "description": entity.description,
                "relations": [{"type": str(r.type), "target": r.target, "note": r.note} for r in entity.relations],
            }
        case Claim():
            return _claim_record(entity)
        case Event():
            return {
                "title": entity.title,
                "description": entity.description,
                "kind": entity.event_kind,
                "location": entity.location,
                "actors": list(entity.actors),
                "source": entity.source,
                "paragraph": entity.paragraph,
                **_date_fields(entity.when, with_end=True),
            }
    raise TypeError(f"not a briefing entity: {entity!r}")


def _claim_record(claim: Claim) -> dict[str, Any]:
    record = {
        "text": claim.text,
        "attributed_to": list(claim.attributed_to),
        "about": list(claim.about),
        "kind": str(claim.claim_kind),
        "status": str(claim.status),
        "source": claim.source,
        "paragraph": claim.paragraph,
        **_date_fields(claim.date),
    }
    if claim.date is None:
        record["precision"] = "day"
    return record


def tables_of(doc: BriefingDocument) -> dict[str, dict[str, dict[str, Any]]]:
    """A briefing file's tables for a document (the inverse of document_from_tables)."""
    return {
        "briefing": {doc.briefing.id: record_of(doc.briefing)},
        "sources": {s.id: record_of(s) for s in doc.sources},
        "actors": {a.id: record_of(a) for a in doc.actors},
        "claims": {c.id: record_of(c) for c in doc.claims},
        "events": {e.id: record_of(e) for e in doc.events},
    }
