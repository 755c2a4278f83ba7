"""Who backs, leads or opposes whom: the actor network of one briefing or of the whole library.

The browser draws it as a tree rooted at the "hubs" (the states and
organisations, or the best-connected actor of a group that has none), each
actor's relations as its branches.  The relations form a graph with cycles,
so a branch back to an actor already on the path from the root is marked as
a repeat and never expanded: every path is finite however the actors link.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from briefing.library import Library, RelationLink
from briefing.model.entities import Actor
from briefing.model.vocabulary import ActorKind, EntityKind, RelationType

HUB_KINDS = frozenset({ActorKind.STATE, ActorKind.ORGANIZATION})

_KIND_RANK = {
    kind: rank
    for rank, kind in enumerate(
        (
            ActorKind.STATE,
            ActorKind.ORGANIZATION,
            ActorKind.COALITION,
            ActorKind.AGENCY,
            ActorKind.ARMED_GROUP,
            ActorKind.MEDIA,
            ActorKind.OTHER,
            ActorKind.PERSON,
        )
    )
}
_RELATION_RANK = {relation: rank for rank, relation in enumerate(RelationType)}


@dataclass(frozen=True, slots=True)
class Edge:
    """A relation as declared: ``source TYPE target``."""

    source: str
    type: RelationType
    target: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Branch:
    """One line under an actor in the tree, read ``parent LABEL actor`` ("Iran backs Kataib Hezbollah")."""

    actor: str
    type: RelationType
    label: str
    note: str = ""
    repeat: bool = False
    """The actor is already on the path from the root: shown, not expanded again."""


class Network:
    """The actors in scope and their relations to each other."""

    def __init__(self, library: Library, briefing_id: str | None = None) -> None:
        self.library = library
        if briefing_id is None:
            actors = list(library.actors.values())
        else:
            actors = [a for a in library.in_briefing(briefing_id, EntityKind.ACTOR) if isinstance(a, Actor)]
        self.actors: dict[str, Actor] = {a.id: a for a in sorted(actors, key=lambda a: (a.name.casefold(), a.id))}
        self._links: dict[str, list[RelationLink]] = {}
        for actor_id in self.actors:
            seen: dict[tuple[str, str], RelationLink] = {}
            for link in sorted(library.relations(actor_id), key=lambda link: not link.outgoing):
                if link.other in self.actors and link.other != actor_id:
                    seen.setdefault((link.label, link.other), link)
            if seen:
                self._links[actor_id] = sorted(seen.values(), key=self._link_order)

    def _link_order(self, link: RelationLink) -> tuple[int, bool, str]:
        return (_RELATION_RANK[link.type], not link.outgoing, self.name(link.other).casefold())

    def name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor is not None else self.library.label(actor_id)

    def links(self, actor_id: str) -> list[RelationLink]:
        return list(self._links.get(actor_id, ()))

    def degree(self, actor_id: str) -> int:
        """How many other actors this one is related to."""
        return len({link.other for link in self._links.get(actor_id, ())})

    @property
    def linked(self) -> list[str]:
        return [a for a in self.actors if a in self._links]

    @property
    def isolated(self) -> list[str]:
        """Actors in scope with no relation to another actor in scope."""
        return [a for a in self.actors if a not in self._links]

    def edges(self) -> list[Edge]:
        """Each relation once, as its subject declared it."""
        return [
            Edge(actor_id, link.type, link.other, link.note)
            for actor_id, links in self._links.items()
            for link in links
            if link.outgoing
        ]

    def relation_counts(self) -> list[tuple[RelationType, int]]:
        """Relations per type, most frequent first."""
        counts = Counter(edge.type for edge in self.edges())
        return sorted(counts.items(), key=lambda kv: (-kv[1], _RELATION_RANK[kv[0]]))

    def components(self) -> list[list[str]]:
        """Groups of actors linked to each other by any path, largest first."""
        seen: set[str] = set()
        groups: list[list[str]] = []
        for start in self.linked:
            if start in seen:
                continue
            group, stack = [], [start]
            seen.add(start)
            while stack:
                actor_id = stack.pop()
                group.append(actor_id)
                for link in self._links.get(actor_id, ()):
                    if link.other not in seen:
                        seen.add(link.other)
                        stack.append(link.other)
            groups.append(sorted(group, key=lambda a: (self.name(a).casefold(), a)))
        return sorted(groups, key=len, reverse=True)

    def hubs(self) -> list[str]:
        """The roots of the tree: states and organisations, or the best-connected actor of a group without one."""
        hubs: list[str] = []
        for group in self.components():
            found = [a for a in group if self.actors[a].actor_kind in HUB_KINDS]
            hubs.extend(found or [min(group, key=self._hub_order)])
        return sorted(hubs, key=self._hub_order)

    def _hub_order(self, actor_id: str) -> tuple[int, int, str]:
        return (-self.degree(actor_id), _KIND_RANK.get(self.actors[actor_id].actor_kind, 99), self.name(actor_id))

    def branches(self, path: tuple[str, ...], via: RelationType | None = None) -> list[Branch]:
        """The branches under the last actor of ``path`` (root first), reached by relation ``via``.

        The relation it was reached by is not repeated back to its parent.
        """
        actor_id = path[-1]
        parent = path[-2] if len(path) > 1 else None
        on_path = set(path)
        return [
            Branch(link.other, link.type, link.label, link.note, link.other in on_path)
            for link in self._links.get(actor_id, ())
            if not (link.other == parent and link.type == via)
        ]

    def expandable(self, path: tuple[str, ...], via: RelationType | None = None) -> bool:
        """Whether the tree node for ``path`` has any branch to show."""
        parent = path[-2] if len(path) > 1 else None
        return any(not (link.other == parent and link.type == via) for link in self._links.get(path[-1], ()))
