"""An entry's detail as titled sections of labelled lines with references.

The command line's ``show`` and the browser's detail pane draw the same
outline: the one decides what a reader sees of an actor, claim, event,
source or briefing; each front end decides only how to draw it (the
browser turns every ``Ref`` into a link).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar, overload

from briefing.library import Library, LibraryEntity
from briefing.model.dates import stamp_label
from briefing.model.entities import Actor, Briefing, Claim, Event, Note, Source
from briefing.model.ids import ID_RE, kind_of
from briefing.model.vocabulary import EntityKind, event_kind_label


@dataclass(frozen=True)
class Ref:
    """A reference to another entry; ``missing`` when it does not resolve."""

    id: str
    label: str
    missing: bool = False


Part = str | Ref


@dataclass
class Line:
    label: str
    parts: list[Part] = field(default_factory=list)


T = TypeVar("T")


class LazyLines(Sequence[Line], Generic[T]):
    """A section's lines, each made when it is read.

    An actor named in 49,000 claims took a second to outline, for the
    browser to show the first 25 lines of it.
    """

    def __init__(self, items: Sequence[T], make: Callable[[T], Line]) -> None:
        self._items = items
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Line: ...
    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...
    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])


@dataclass
class Section:
    title: str
    lines: Sequence[Line] = field(default_factory=list)
    of_entry: bool = True
    """Part of the entry itself; not what mentions it nor the reader's notes (a copy "as text" leaves those out)."""


@dataclass
class Outline:
    id: str
    kind: EntityKind
    title: str
    subtitle: str = ""
    body: str = ""
    sections: list[Section] = field(default_factory=list)
    note_texts: dict[str, str] = field(default_factory=dict)
    """The full text of each note in the Notes section, by note id (the browser renders it as Markdown)."""

    def refs(self) -> list[Ref]:
        return [p for s in self.sections for line in s.lines for p in line.parts if isinstance(p, Ref)]


def ref(library: Library, entity_id: str) -> Ref:
    entity = library.get(entity_id)
    if entity is None:
        return Ref(entity_id, entity_id, missing=True)
    return Ref(entity_id, entity.label)


def _refs(library: Library, ids: Iterable[str], sep: str = ", ") -> list[Part]:
    parts: list[Part] = []
    for index, entity_id in enumerate(ids):
        if index:
            parts.append(sep)
        parts.append(ref(library, entity_id))
    return parts


def _mention_line(library: Library, entity: Claim | Event) -> Line:
    if isinstance(entity, Event):
        return Line(entity.when.label, [ref(library, entity.id)])
    who = [library.label(a) for a in entity.attributed_to]
    return Line(str(entity.claim_kind), [ref(library, entity.id), f"  ({', '.join(who)})" if who else ""])


def outline(library: Library, entity_id: str, notes: Iterable[Note] = ()) -> Outline:
    """What a reader sees of one entry; raises NotFoundError for an unknown id."""
    entity = library.require(entity_id)
    out = _build(library, entity)
    briefings = library.briefings_of(entity.id)
    if not isinstance(entity, Briefing) and briefings:
        out.sections.append(Section("In briefings", [Line("", [ref(library, b)]) for b in briefings]))
    mentions = library.backlinks(entity.id)
    if mentions and not isinstance(entity, Briefing):
        mention_lines = LazyLines(mentions, lambda m: _mention_line(library, m))
        out.sections.append(Section(f"Mentioned in ({len(mentions)})", mention_lines, of_entry=False))
    notes = list(notes)
    if notes:
        out.sections.append(Section(f"Notes ({len(notes)})", [_note_line(n) for n in notes], of_entry=False))
        out.note_texts = {n.id: n.text for n in notes}
    return out


def _note_line(note: Note) -> Line:
    flag = f"⚑ {note.flag} · " if note.flag else ""
    tags = "  " + " ".join(f"#{t}" for t in note.tags) if note.tags else ""
    return Line(stamp_label(note.updated), [Ref(note.id, f"{flag}{note.label}"), tags])


def _build(library: Library, entity: LibraryEntity) -> Outline:
    match entity:
        case Actor():
            return _actor(library, entity)
        case Claim():
            return _claim(library, entity)
        case Event():
            return _event(library, entity)
        case Source():
            return _source(library, entity)
        case Briefing():
            return _briefing(library, entity)
    raise TypeError(entity)


def _actor(library: Library, actor: Actor) -> Outline:
    subtitle = " · ".join(p for p in (str(actor.actor_kind), actor.role) if p)
    out = Outline(actor.id, actor.kind, actor.name, subtitle, actor.description)
    if actor.aliases:
        out.sections.append(Section("Also known as", [Line("", [", ".join(actor.aliases)])]))
    links = library.relations(actor.id)
    if links:
        grouped: dict[str, list[Part]] = {}
        for link in links:
            parts = grouped.setdefault(link.label, [])
            if parts:
                parts.append(", ")
            parts.append(ref(library, link.other))
            if link.note:
                parts.append(f" ({link.note})")
        out.sections.append(Section("Relations", [Line(label, parts) for label, parts in grouped.items()]))
    claims = library.claims_by(actor.id)
    if claims:
        claim_lines = LazyLines(claims, lambda c: Line(str(c.claim_kind), [ref(library, c.id)]))
        out.sections.append(Section(f"Claims made ({len(claims)})", claim_lines))
    return out


def _claim(library: Library, claim: Claim) -> Outline:
    subtitle = " · ".join(
        p for p in (str(claim.claim_kind), str(claim.status), claim.date.label if claim.date else "") if p
    )
    out = Outline(claim.id, claim.kind, claim.text, subtitle)
    lines = [Line("made by", _refs(library, claim.attributed_to))]
    if claim.about:
        lines.append(Line("about", _refs(library, claim.about)))
    lines.append(Line("source", [ref(library, claim.source), *_paragraph(claim.paragraph)]))
    out.sections.append(Section("Attribution", lines))
    return out


def _event(library: Library, event: Event) -> Outline:
    precision = "" if event.when.precision == "day" else f" ({event.when.precision} precision)"
    subtitle = f"{event_kind_label(event.event_kind)} · {event.when.label}{precision}"
    out = Outline(event.id, event.kind, event.title, subtitle, event.description)
    lines = [Line("when", [event.when.label + precision])]
    if event.location:
        lines.append(Line("where", [event.location]))
    if event.actors:
        lines.append(Line("actors", _refs(library, event.actors)))
    lines.append(Line("source", [ref(library, event.source), *_paragraph(event.paragraph)]))
    out.sections.append(Section("Details", lines))
    return out


def _paragraph(paragraph: int | None) -> list[Part]:
    return [f", paragraph {paragraph}"] if paragraph else []


def _source(library: Library, source: Source) -> Outline:
    subtitle = " · ".join(p for p in (source.publisher, source.author, source.date.label if source.date else "") if p)
    out = Outline(source.id, source.kind, source.title, subtitle)
    if source.url:
        out.sections.append(Section("Address", [Line("", [source.url])]))
    return out


def _briefing(library: Library, briefing: Briefing) -> Outline:
    out = Outline(
        briefing.id, briefing.kind, briefing.title, briefing.date.label if briefing.date else "", briefing.summary
    )
    counts = [
        Line(kind.value + "s", [str(len(library.in_briefing(briefing.id, kind)))])
        for kind in (EntityKind.ACTOR, EntityKind.CLAIM, EntityKind.EVENT, EntityKind.SOURCE)
    ]
    out.sections.append(Section("Contents", counts))
    sources = library.in_briefing(briefing.id, EntityKind.SOURCE)
    if sources:
        out.sections.append(Section("Sources", [Line("", [ref(library, s.id)]) for s in sources]))
    return out


def is_entity_id(value: str) -> bool:
    return ID_RE.fullmatch(value) is not None and kind_of(value) is not EntityKind.NOTE
