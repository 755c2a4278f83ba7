"""``--format stix``: the library (or one briefing) as a STIX 2.1 bundle.

The mapping, chosen to use standard STIX objects wherever one fits:

==================  ==========================================================
ours                STIX 2.1
==================  ==========================================================
briefing            ``report`` (report_types ``threat-report``, published = the
                    briefing's date, object_refs = everything in it, labels =
                    its tags, external_references = its sources)
actor, armed-group  ``threat-actor`` (aliases kept)
actor, other kinds  ``identity``: person -> ``individual``; organization,
                    agency, media, state -> ``organization`` (sectors
                    ``government`` for agencies, ``government-national`` for
                    states, ``communications`` for media); coalition ->
                    ``group``; other -> ``unknown``.  STIX identities have no
                    aliases: they go in ``x_briefing_aliases``.
relation            ``relationship`` whose relationship_type is our own word
                    (``leads``, ``backed-by``, ``detained-by``, ...), note as
                    its description
claim               ``note``: content = the claim, authors = who makes it,
                    object_refs = the actors it is about and by, labels =
                    ``claim``, its kind and status
event               ``report`` (report_types ``event``, published = the day it
                    starts, object_refs = its actors, labels = its kind)
source              an ``external_reference`` on each object that cites it
                    (external_id = the source id, description with the
                    paragraph)
reader's note       ``note`` with labels ``reader-note`` and its tags, on the
                    entry it annotates
==================  ==========================================================

Every object also carries ``x_briefing_id`` (our id) and, where STIX has no
place for a field, an ``x_briefing_*`` property (kind, date precision, range
end, location).  Ids are UUIDv5 of our ids and timestamps come from the
content's own dates, so exporting the same library twice gives the same bytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from stix2.v21 import Bundle, ExternalReference, Identity, Note, Relationship, Report, ThreatActor

from briefing.library import Library
from briefing.model.entities import Actor, Claim, Event, Source
from briefing.model.entities import Note as ReaderNote
from briefing.model.vocabulary import ActorKind, EntityKind
from briefing.text import clean, shorten

NAMESPACE = uuid.UUID("6f1c7a52-2b9e-5d0c-9a41-3e8f1b7d2c60")
"""Fixed namespace of our STIX ids: never change it, or every exported id changes."""

EPOCH = date(1970, 1, 1)

_IDENTITY_CLASS = {
    ActorKind.PERSON: "individual",
    ActorKind.ORGANIZATION: "organization",
    ActorKind.AGENCY: "organization",
    ActorKind.MEDIA: "organization",
    ActorKind.STATE: "organization",
    ActorKind.COALITION: "group",
    ActorKind.OTHER: "unknown",
}
_SECTORS = {
    ActorKind.AGENCY: ["government"],
    ActorKind.STATE: ["government-national"],
    ActorKind.MEDIA: ["communications"],
}


def stix_id(stix_type: str, key: str) -> str:
    """A stable STIX id for one of our ids (or any stable key)."""
    return f"{stix_type}--{uuid.uuid5(NAMESPACE, key)}"


def actor_type(actor: Actor) -> str:
    return "threat-actor" if actor.actor_kind is ActorKind.ARMED_GROUP else "identity"


def _stamp(day: date | None) -> datetime:
    return datetime(*(day or EPOCH).timetuple()[:3], tzinfo=UTC)


def _note_stamp(text: str, fallback: datetime) -> datetime:
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return fallback
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _text(value: str) -> str | None:
    """Content for a STIX string property: cleaned, or None when empty (STIX forbids empty strings)."""
    cleaned = clean(value).strip()
    return cleaned or None


def _props(**values: Any) -> dict[str, Any]:
    """Keyword arguments without the ones that are None or empty (STIX forbids empty values)."""
    return {k: v for k, v in values.items() if v not in (None, "", [], ())}


class _Builder:
    """Builds the STIX objects of some briefings, remembering which ids it has made."""

    def __init__(self, library: Library, briefing_ids: list[str]) -> None:
        self.library = library
        self.briefing_ids = briefing_ids
        self.objects: dict[str, Any] = {}
        self.ids: dict[str, str] = {}

    def stamp_of(self, briefing_ids: Sequence[str]) -> datetime:
        days = [b.date.start for bid in briefing_ids if (b := self.library.briefings.get(bid)) and b.date]
        return _stamp(min(days) if days else None)

    def reference(self, source_id: str, paragraph: int | None = None) -> ExternalReference | None:
        source = self.library.sources.get(source_id)
        if not isinstance(source, Source):
            return None
        description = clean(source.title) + (f", paragraph {paragraph}" if paragraph else "")
        return ExternalReference(
            **_props(
                source_name=_text(source.publisher) or _text(source.title) or source.id,
                description=description,
                url=_text(source.url),
                external_id=source.id,
            )
        )

    def add_actor(self, actor: Actor, single: str | None) -> None:
        if single:
            actor = self.library.actor_views[actor.id][single]
        stix_type = actor_type(actor)
        object_id = self.ids[actor.id] = stix_id(stix_type, actor.id)
        stamp = self.stamp_of(actor.briefings if not single else [single])
        description = "\n\n".join(p for p in (clean(actor.role).strip(), clean(actor.description).strip()) if p)
        common = _props(
            id=object_id,
            created=stamp,
            modified=stamp,
            name=clean(actor.name),
            description=description,
            custom_properties=_props(x_briefing_id=actor.id, x_briefing_kind=str(actor.actor_kind)),
        )
        aliases = [clean(a) for a in actor.aliases if clean(a).strip()]
        if stix_type == "threat-actor":
            self.objects[object_id] = ThreatActor(**common, **_props(aliases=aliases), allow_custom=True)
        else:
            if aliases:
                common["custom_properties"]["x_briefing_aliases"] = aliases
            self.objects[object_id] = Identity(
                **common,
                **_props(identity_class=_IDENTITY_CLASS[actor.actor_kind], sectors=_SECTORS.get(actor.actor_kind)),
                allow_custom=True,
            )

    def add_relations(self, actor: Actor, single: str | None) -> None:
        if single:
            actor = self.library.actor_views[actor.id][single]
        stamp = self.stamp_of(actor.briefings if not single else [single])
        for relation in actor.relations:
            if relation.target not in self.ids:
                continue
            object_id = stix_id("relationship", f"{actor.id}|{relation.type}|{relation.target}")
            self.objects[object_id] = Relationship(
                **_props(
                    id=object_id,
                    created=stamp,
                    modified=stamp,
                    relationship_type=str(relation.type),
                    source_ref=self.ids[actor.id],
                    target_ref=self.ids[relation.target],
                    description=_text(relation.note),
                )
            )

    def add_claim(self, claim: Claim, fallback_ref: str) -> None:
        object_id = self.ids[claim.id] = stix_id("note", claim.id)
        stamp = _stamp(claim.date.start) if claim.date else self.stamp_of([claim.briefing])
        refs = [self.ids[a] for a in dict.fromkeys((*claim.about, *claim.attributed_to)) if a in self.ids]
        authors = [clean(self.library.label(a)) for a in claim.attributed_to]
        reference = self.reference(claim.source, claim.paragraph)
        self.objects[object_id] = Note(
            **_props(
                id=object_id,
                created=stamp,
                modified=stamp,
                abstract=shorten(claim.text, 80),
                content=clean(claim.text),
                authors=authors,
                object_refs=refs or [fallback_ref],
                labels=["claim", str(claim.claim_kind), str(claim.status)],
                external_references=[reference] if reference else None,
                custom_properties=_props(
                    x_briefing_id=claim.id,
                    x_briefing_precision=str(claim.date.precision) if claim.date else None,
                ),
            ),
            allow_custom=True,
        )

    def add_event(self, event: Event, fallback_ref: str) -> None:
        object_id = self.ids[event.id] = stix_id("report", event.id)
        stamp = self.stamp_of([event.briefing])
        refs = [self.ids[a] for a in dict.fromkeys(event.actors) if a in self.ids]
        reference = self.reference(event.source, event.paragraph)
        self.objects[object_id] = Report(
            **_props(
                id=object_id,
                created=stamp,
                modified=stamp,
                name=clean(event.title),
                description=_text(event.description),
                published=_stamp(event.when.start),
                report_types=["event"],
                object_refs=refs or [fallback_ref],
                labels=[event.event_kind],
                external_references=[reference] if reference else None,
                custom_properties=_props(
                    x_briefing_id=event.id,
                    x_briefing_kind=event.event_kind,
                    x_briefing_date=event.when.start.isoformat(),
                    x_briefing_end=event.when.end.isoformat() if event.when.end else None,
                    x_briefing_precision=str(event.when.precision),
                    x_briefing_location=_text(event.location),
                ),
            ),
            allow_custom=True,
        )

    def add_briefing(self, bid: str, members: list[str]) -> None:
        briefing = self.library.briefings[bid]
        object_id = self.ids[bid]
        stamp = self.stamp_of([bid])
        references = [r for s in self.library.in_briefing(bid, EntityKind.SOURCE) if (r := self.reference(s.id))]
        self.objects[object_id] = Report(
            **_props(
                id=object_id,
                created=stamp,
                modified=stamp,
                name=clean(briefing.title),
                description=_text(briefing.summary),
                published=stamp,
                report_types=["threat-report"],
                object_refs=members,
                labels=[clean(t) for t in briefing.tags if clean(t).strip()],
                external_references=references,
                custom_properties={"x_briefing_id": bid},
            ),
            allow_custom=True,
        )

    def add_reader_note(self, note: ReaderNote) -> None:
        target = self.ids.get(note.target)
        if target is None or not clean(note.text).strip():
            return
        fallback = self.stamp_of(self.library.briefings_of(note.target))
        created = _note_stamp(note.created, fallback)
        modified = max(created, _note_stamp(note.updated, created))
        object_id = stix_id("note", note.id)
        self.objects[object_id] = Note(
            **_props(
                id=object_id,
                created=created,
                modified=modified,
                content=clean(note.text),
                object_refs=[target],
                labels=["reader-note", *(clean(t) for t in note.tags if clean(t).strip())],
                custom_properties=_props(x_briefing_id=note.id, x_briefing_flag=str(note.flag or "") or None),
            ),
            allow_custom=True,
        )


def build_bundle(library: Library, notes: Sequence[ReaderNote] = (), briefing_id: str | None = None) -> Bundle:
    """The STIX bundle of the library, or of one briefing with the actors it names."""
    wanted = [briefing_id] if briefing_id else sorted(library.briefings)
    builder = _Builder(library, wanted)
    for bid in wanted:
        builder.ids[bid] = stix_id("report", bid)
    actors: dict[str, Actor] = {}
    for bid in wanted:
        for actor in library.in_briefing(bid, EntityKind.ACTOR):
            actors.setdefault(actor.id, actor)  # type: ignore[arg-type]
    for actor in sorted(actors.values(), key=lambda a: a.id):
        builder.add_actor(actor, briefing_id)
    for actor in sorted(actors.values(), key=lambda a: a.id):
        builder.add_relations(actor, briefing_id)
    for bid in wanted:
        before = set(builder.objects)
        for claim in sorted(library.in_briefing(bid, EntityKind.CLAIM), key=lambda c: c.id):
            builder.add_claim(claim, builder.ids[bid])  # type: ignore[arg-type]
        for event in library.timeline(bid):
            builder.add_event(event, builder.ids[bid])
        own_actors = [builder.ids[a.id] for a in library.in_briefing(bid, EntityKind.ACTOR)]
        own_relations = [
            stix_id("relationship", f"{a.id}|{r.type}|{r.target}")
            for a in library.document(bid).actors
            for r in a.relations
        ]
        members = [*own_actors, *(i for i in own_relations if i in builder.objects), *(set(builder.objects) - before)]
        builder.add_briefing(bid, sorted(dict.fromkeys(members)))
    for note in sorted(notes, key=lambda n: n.id):
        builder.add_reader_note(note)
    reports = [builder.objects[builder.ids[bid]] for bid in wanted]
    objects = [*reports, *(o for o in builder.objects.values() if not any(o is r for r in reports))]
    bundle_id = stix_id("bundle", "bundle|" + "|".join(wanted))
    return Bundle(*objects, id=bundle_id, allow_custom=True) if objects else Bundle(id=bundle_id)
