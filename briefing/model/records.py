"""Briefing files' tables <-> model objects.

A briefing file holds five tables mapping ids to records (see
docs/format.md).  ``document_from_tables`` builds the model only from
tables that validated (``briefing.model.validation``); ``tables_of`` is
its inverse.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from briefing.errors import ValidationError
from briefing.model.dates import When
from briefing.model.entities import (
    Actor,
    Briefing,
    BriefingDocument,
    Claim,
    Event,
    Relation,
    Source,
)
from briefing.model.validation import validate_tables
from briefing.model.vocabulary import ActorKind, ClaimKind, ClaimStatus, RelationType


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
