"""The loaded library: every briefing of the library folders as one graph.

References are resolved, backlinks built (for any entity, the claims and
events that mention it, across briefings), and actors that share an id in
several briefings merged into one, each briefing's own view kept.  The
browser and the commands ask this object for model objects; nothing above
it opens a briefing file.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing.errors import BriefingError, NotFoundError, Problem
from briefing.gc_pause import paused_gc
from briefing.library_files import fingerprint, listed
from briefing.model.entities import (
    Actor,
    Briefing,
    BriefingDocument,
    Claim,
    Event,
    Relation,
    Source,
)
from briefing.model.fields import TABLES
from briefing.model.ids import ID_RE, kind_of
from briefing.model.preview import preview, shown_name
from briefing.model.records import document_from_tables
from briefing.model.vocabulary import RELATION_LABELS, EntityKind, RelationType
from briefing.settle import Candidate, defined_ids, settle
from briefing.store.briefings import read_tables
from briefing.text import path as shown_path

LibraryEntity = Briefing | Source | Actor | Claim | Event
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class RelationLink:
    """A relation as seen from one actor: outgoing ("leads X") or incoming ("led by X")."""

    type: RelationType
    other: str
    note: str
    outgoing: bool

    @property
    def label(self) -> str:
        forward, backward = RELATION_LABELS[self.type]
        return forward if self.outgoing else backward


class Library:
    """Briefings, sources, actors, claims and events by id, with backlinks."""

    def __init__(self) -> None:
        self.briefings: dict[str, Briefing] = {}
        self.sources: dict[str, Source] = {}
        self.actors: dict[str, Actor] = {}
        self.claims: dict[str, Claim] = {}
        self.events: dict[str, Event] = {}
        self.files: dict[str, Path] = {}
        self.folders: list[Path] = []
        self.problems: list[Problem] = []
        self.actor_views: dict[str, dict[str, Actor]] = defaultdict(dict)
        self._members: dict[str, dict[EntityKind, list[str]]] = {}
        self._backlinks: dict[str, list[str]] = defaultdict(list)
        self._relations: dict[str, list[RelationLink]] = defaultdict(list)
        self._fingerprint = ""

    # -- loading -----------------------------------------------------------

    @classmethod
    def load(cls, folders: Iterable[Path], progress: Progress | None = None) -> Library:
        """Load every briefing file; a broken file is reported in ``problems`` and skipped."""
        with paused_gc():
            return cls._load(folders, progress)

    @classmethod
    def _load(cls, folders: Iterable[Path], progress: Progress | None) -> Library:
        library = cls()
        library.folders = list(folders)
        paths, library.problems = listed(library.folders)
        library._fingerprint = fingerprint(paths)
        raw: list[tuple[Path, Any]] = []
        for path in paths:
            try:
                raw.append((path, read_tables(path)))
            except BriefingError as exc:
                library.problems.append(Problem(str(path), "", "", getattr(exc, "reason", str(exc))))
        checked = 0

        def check(path: Path, tables: Any, known: Container[str]) -> BriefingDocument:
            nonlocal checked
            doc = document_from_tables(tables, str(path), known)
            checked += 1
            if progress and checked <= len(raw):
                progress(checked, len(raw))
            return doc

        candidates = [
            Candidate(str(path), defined_ids(tables), functools.partial(check, path, tables)) for path, tables in raw
        ]
        for (path, _), outcome in zip(raw, settle(candidates), strict=True):
            library.problems.extend(outcome.problems)
            if outcome.value is not None:
                library.add(outcome.value, path)
        library._index()
        return library

    @classmethod
    def from_documents(cls, docs: Iterable[BriefingDocument]) -> Library:
        library = cls()
        for doc in docs:
            library.add(doc, None)
        library._index()
        return library

    def add(self, doc: BriefingDocument, path: Path | None) -> None:
        bid = doc.briefing.id
        if bid in self.briefings:
            where = str(path or "")
            first = shown_path(self.files.get(bid, "?"))
            self.problems.append(Problem(where, bid, "id", f"briefing already loaded from {first}"))
            return
        self.briefings[bid] = doc.briefing
        if path is not None:
            self.files[bid] = path
        members: dict[EntityKind, list[str]] = {kind: [] for kind in EntityKind}
        entities: tuple[Source | Claim | Event, ...] = (*doc.sources, *doc.claims, *doc.events)
        for entity in entities:
            table = self._table(entity.kind)
            if entity.id in table:
                self.problems.append(
                    Problem(str(path or ""), entity.id, "id", f"also defined in {table[entity.id].briefing}; skipped")
                )
                continue
            table[entity.id] = entity
            members[entity.kind].append(entity.id)
        for actor in doc.actors:
            self.actor_views[actor.id][bid] = actor
            members[EntityKind.ACTOR].append(actor.id)
        self._members[bid] = members

    def _index(self) -> None:
        self.actors = {aid: _merge(views) for aid, views in self.actor_views.items()}
        self._backlinks.clear()
        self._relations.clear()
        citing: tuple[Claim | Event, ...] = (*self.claims.values(), *self.events.values())
        for entity in citing:
            for ref in dict.fromkeys(entity.references):
                self._backlinks[ref].append(entity.id)
        for actor in self.actors.values():
            for relation in actor.relations:
                self._relations[actor.id].append(RelationLink(relation.type, relation.target, relation.note, True))
                self._relations[relation.target].append(RelationLink(relation.type, actor.id, relation.note, False))

    def _table(self, kind: EntityKind) -> dict[str, Any]:
        tables: dict[EntityKind, dict[str, Any]] = {
            EntityKind.BRIEFING: self.briefings,
            EntityKind.SOURCE: self.sources,
            EntityKind.ACTOR: self.actors,
            EntityKind.CLAIM: self.claims,
            EntityKind.EVENT: self.events,
        }
        return tables[kind]

    # -- looking things up --------------------------------------------------

    @property
    def fingerprint(self) -> str:
        """Changes whenever a briefing file is added, removed or edited."""
        return self._fingerprint

    def __contains__(self, entity_id: object) -> bool:
        return self.get(entity_id) is not None if isinstance(entity_id, str) else False

    def __len__(self) -> int:
        return sum(len(t) for t in (self.briefings, self.sources, self.actors, self.claims, self.events))

    def get(self, entity_id: str) -> LibraryEntity | None:
        if not ID_RE.fullmatch(entity_id):
            return None
        kind = kind_of(entity_id)
        if kind is EntityKind.NOTE:
            return None
        return self._table(kind).get(entity_id)

    def require(self, entity_id: str) -> LibraryEntity:
        entity = self.get(entity_id)
        if entity is None:
            if not ID_RE.fullmatch(entity_id):
                raise NotFoundError(f"{preview(entity_id)} is not an id (expected KIND:slug, e.g. actor:qais-khazali)")
            raise NotFoundError(f"{shown_name(entity_id)}: no such entry in the library")
        return entity

    def label(self, entity_id: str) -> str:
        """A display name for an id, even one that does not resolve."""
        entity = self.get(entity_id)
        return entity.label if entity is not None else entity_id

    def all(self, kind: EntityKind) -> list[LibraryEntity]:
        return list(self._table(kind).values())

    def entities(self) -> Iterator[LibraryEntity]:
        for kind in TABLES.values():
            yield from self._table(kind).values()

    def in_briefing(self, briefing_id: str, kind: EntityKind) -> list[LibraryEntity]:
        ids = self._members.get(briefing_id, {}).get(kind, [])
        table = self._table(kind)
        return [table[i] for i in ids if i in table]

    def briefings_of(self, entry: str | LibraryEntity) -> tuple[str, ...]:
        """The briefings an entry (given by id, or itself) is part of."""
        entity = self.get(entry) if isinstance(entry, str) else entry
        match entity:
            case None:
                return ()
            case Briefing():
                return (entity.id,)
            case Actor():
                return entity.briefings
            case _:
                return (entity.briefing,)

    def backlinks(self, entity_id: str) -> list[Claim | Event]:
        """Every claim and event that mentions ``entity_id``, across briefings."""
        found: list[Claim | Event] = []
        for ref in self._backlinks.get(entity_id, []):
            entity = self.claims.get(ref) or self.events.get(ref)
            if entity is not None:
                found.append(entity)
        return found

    def claims_by(self, entity_id: str) -> list[Claim]:
        return [c for c in self.backlinks(entity_id) if isinstance(c, Claim) and entity_id in c.attributed_to]

    def relations(self, actor_id: str) -> list[RelationLink]:
        return list(self._relations.get(actor_id, []))

    def timeline(self, briefing_id: str | None = None) -> list[Event]:
        events: Iterable[Event] = (
            self.events.values()
            if briefing_id is None
            else [e for e in self.in_briefing(briefing_id, EntityKind.EVENT) if isinstance(e, Event)]
        )
        return sorted(events, key=lambda e: (e.when.start, e.when.last, e.id))

    def document(self, briefing_id: str) -> BriefingDocument:
        """One briefing as it stands in its own file (its own actor views)."""
        return BriefingDocument(
            briefing=self.briefings[briefing_id],
            sources=self.in_briefing(briefing_id, EntityKind.SOURCE),  # type: ignore[arg-type]
            actors=[self.actor_views[a][briefing_id] for a in self._members[briefing_id][EntityKind.ACTOR]],
            claims=self.in_briefing(briefing_id, EntityKind.CLAIM),  # type: ignore[arg-type]
            events=self.in_briefing(briefing_id, EntityKind.EVENT),  # type: ignore[arg-type]
        )


def _merge(views: dict[str, Actor]) -> Actor:
    """One actor from each briefing's view of it: first name and kind, everything else united."""
    first, *rest = views.values()
    if not rest:
        return first
    aliases = dict.fromkeys(a for view in views.values() for a in (view.name, *view.aliases))
    aliases.pop(first.name, None)
    descriptions = dict.fromkeys(v.description for v in views.values() if v.description)
    relations: dict[tuple[RelationType, str], Relation] = {}
    for view in views.values():
        for relation in view.relations:
            relations.setdefault((relation.type, relation.target), relation)
    return replace(
        first,
        briefings=tuple(views),
        aliases=tuple(aliases),
        role=next((v.role for v in views.values() if v.role), ""),
        description="\n\n".join(descriptions),
        relations=tuple(relations.values()),
    )
