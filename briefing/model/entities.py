"""The entities of a briefing as plain, immutable dataclasses.

Each entity knows its own id and the briefing it came from; references to
other entities are id strings, resolved by the library.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.model.dates import When
from briefing.model.vocabulary import (
    ActorKind,
    ClaimKind,
    ClaimStatus,
    EntityKind,
    NoteFlag,
    RelationType,
)


@dataclass(frozen=True, slots=True)
class Relation:
    type: RelationType
    target: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Briefing:
    id: str
    title: str
    summary: str = ""
    date: When | None = None
    tags: tuple[str, ...] = ()

    kind = EntityKind.BRIEFING

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    briefing: str
    publisher: str = ""
    author: str = ""
    date: When | None = None
    url: str = ""
    paragraphs: int = 0

    kind = EntityKind.SOURCE

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    actor_kind: ActorKind
    briefings: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    role: str = ""
    description: str = ""
    relations: tuple[Relation, ...] = ()

    kind = EntityKind.ACTOR

    @property
    def label(self) -> str:
        return self.name

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: str
    briefing: str
    source: str
    attributed_to: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    claim_kind: ClaimKind = ClaimKind.STATEMENT
    status: ClaimStatus = ClaimStatus.REPORTED
    date: When | None = None
    paragraph: int | None = None

    kind = EntityKind.CLAIM

    @property
    def label(self) -> str:
        return self.text

    @property
    def references(self) -> tuple[str, ...]:
        return (*self.attributed_to, *self.about, self.source)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    briefing: str
    source: str
    event_kind: str
    when: When
    description: str = ""
    location: str = ""
    actors: tuple[str, ...] = ()
    paragraph: int | None = None

    kind = EntityKind.EVENT

    @property
    def label(self) -> str:
        return self.title

    @property
    def references(self) -> tuple[str, ...]:
        return (*self.actors, self.source)


@dataclass(frozen=True, slots=True)
class Note:
    """A reader's note on one entry; lives in the user's data dir."""

    id: str
    target: str
    text: str
    created: str
    updated: str
    tags: tuple[str, ...] = ()
    flag: NoteFlag | None = None
    imported_from: str | None = None
    """The file an import took this note from, when it differed from the reader's note of the same id."""

    kind = EntityKind.NOTE

    @property
    def label(self) -> str:
        first = self.text.strip().splitlines()[0] if self.text.strip() else "(empty note)"
        return first


Entity = Briefing | Source | Actor | Claim | Event | Note


@dataclass(slots=True)
class BriefingDocument:
    """Everything one briefing file holds, as model objects."""

    briefing: Briefing
    sources: list[Source] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def own_entries(self) -> list[Source | Claim | Event]:
        """The entries that belong to this briefing alone: actors are shared across briefings."""
        return [*self.sources, *self.claims, *self.events]

    def entities(self) -> list[Briefing | Source | Actor | Claim | Event]:
        return [self.briefing, *self.sources, *self.actors, *self.claims, *self.events]
