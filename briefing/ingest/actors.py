"""Actors named in an article: capitalised names, their kinds, roles and links.

Names are found and read by ``briefing.ingest.name_runs`` and
``briefing.ingest.actor_pieces``; this module merges them into actors.
Variants of one person ("Qais Khazali", "Khazali", "Khazali's") merge into
one actor with aliases.  Relations read off the text are drafts and say so
in their note.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefing.ingest.actor_pieces import ORGANISED, Piece, sentence_pieces
from briefing.ingest.gazetteer import PARTICLES
from briefing.ingest.text import Paragraph
from briefing.model.entities import Relation
from briefing.model.ids import make_id, slugify
from briefing.model.vocabulary import ActorKind, EntityKind, RelationType

DRAFT_NOTE = "draft"
"""The note on every relation the extractor guesses, for the editor to confirm."""

_PARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|ad|adh|an|ar|as|ash|at|az|ul)-(?=[A-Z‘ʿ'])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    actor: str
    paragraph: int
    start: int
    end: int
    text: str
    possessive: bool = False


@dataclass
class FoundActor:
    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    relations: list[Relation] = field(default_factory=list)
    mentions: int = 0
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class Findings:
    """The actors of an article, every mention of them, and the places named."""

    actors: dict[str, FoundActor]
    mentions: list[Mention]
    """In reading order: by paragraph, then position."""
    places: list[Piece]
    _by_paragraph: dict[int, tuple[list[int], list[Mention]]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        grouped: dict[int, list[Mention]] = defaultdict(list)
        for mention in self.mentions:
            grouped[mention.paragraph].append(mention)
        self._by_paragraph = {n: ([m.start for m in ms], ms) for n, ms in grouped.items()}

    def in_span(self, paragraph: int, start: int, end: int) -> list[Mention]:
        """The mentions lying wholly inside a span of one paragraph."""
        starts, mentions = self._by_paragraph.get(paragraph, ([], []))
        found = []
        for mention in mentions[bisect_left(starts, start) :]:
            if mention.start >= end:
                break
            if mention.end <= end:
                found.append(mention)
        return found


def _possessive_relation(owner: FoundActor, owned: FoundActor) -> tuple[FoundActor, RelationType, FoundActor] | None:
    """ "X's Y": a person's body is one they lead; a state's or a body's body is part of it."""
    if owner.kind is ActorKind.PERSON and owned.kind in ORGANISED:
        return owner, RelationType.LEADS, owned
    if owner.kind in ORGANISED | {ActorKind.STATE} and owned.kind in ORGANISED:
        return owned, RelationType.PART_OF, owner
    if owner.kind in ORGANISED | {ActorKind.STATE} and owned.kind is ActorKind.PERSON:
        return owned, RelationType.OFFICIAL_OF, owner
    return None


def _bare(word: str) -> str:
    return _PARTICLE_PREFIX_RE.sub("", word).lower()


def _person_key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(_bare(w) for w in words if w not in PARTICLES)


def find_actors(paragraphs: Sequence[Paragraph]) -> Findings:
    """The actors named in an article's paragraphs, merged, with every mention counted."""
    pieces: list[Piece] = []
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            pieces.extend(sentence_pieces(paragraph.text, sentence.start, sentence.end, paragraph.number))
    return _merge(pieces)


def _group_key(piece: Piece) -> tuple[str, ...] | None:
    if piece.place:
        return None
    if piece.known is not None:
        return ("known", piece.known.slug)
    if piece.kind is ActorKind.PERSON:
        return ("person", *_person_key(piece.words))
    if piece.kind is not None:
        return ("body", *(_bare(w) for w in piece.words))
    return None


def _merge(pieces: list[Piece]) -> Findings:
    groups: dict[tuple[str, ...], list[Piece]] = defaultdict(list)
    unknown: list[Piece] = []
    for piece in pieces:
        key = _group_key(piece)
        if key is not None:
            groups[key].append(piece)
        elif not piece.place and piece.kind is None:
            unknown.append(piece)
    surnames: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key in groups:
        if key[0] == "person" and len(key) > 2:
            surnames[key[-1]].add(key)
    for key in [k for k in groups if k[0] == "person" and len(k) == 2]:
        owners = surnames.get(key[1], set())
        if len(owners) == 1:
            groups[next(iter(owners))].extend(groups.pop(key))
    for piece in unknown:
        owners = surnames.get(_bare(piece.words[0]), set())
        if len(owners) == 1:
            groups[next(iter(owners))].append(piece)
        else:
            groups[("other", _bare(piece.words[0]))].append(piece)
    for key in [k for k in groups if k[0] == "other"]:
        if sum(not p.initial for p in groups[key]) < 2:
            del groups[key]
        else:
            for piece in groups[key]:
                piece.kind = ActorKind.OTHER
    return _build(groups, [p for p in pieces if p.place])


def _canonical(group: list[Piece]) -> Piece:
    known = next((p.known for p in group if p.known is not None), None)
    if known is not None:
        return next(p for p in group if p.known is known)
    longest = max(range(len(group)), key=lambda i: (len(group[i].words), group[i].kind is not None, -i))
    return group[longest]


def _build(groups: dict[tuple[str, ...], list[Piece]], places: list[Piece]) -> Findings:
    actors: dict[str, FoundActor] = {}
    owner_of: dict[int, str] = {}
    for group in groups.values():
        head = _canonical(group)
        known = head.known
        name = known.name if known else head.text
        kind = known.kind if known else _group_kind(group)
        actor_id = make_id(EntityKind.ACTOR, known.slug if known else slugify(name))
        actor_id = _unique(actor_id, actors)
        forms = Counter(p.text for p in group)
        aliases = [form for form in forms if form.lower() != name.lower()]
        role = next((p.role for p in group if p.role and p.kind is ActorKind.PERSON), "")
        paragraphs = sorted({p.paragraph for p in group})
        actors[actor_id] = FoundActor(actor_id, name, kind, aliases, role, [], len(group), paragraphs)
        for piece in group:
            owner_of[id(piece)] = actor_id
    for group in groups.values():
        for piece in group:
            _add_relations(actors, owner_of, piece)
    for actor in actors.values():
        if actor.kind is ActorKind.PERSON and not actor.role:
            led = [actors[r.target].name for r in actor.relations if r.type is RelationType.LEADS]
            actor.role = f"leader of {led[0]}" if led else ""
    mentions = sorted(
        (
            Mention(owner_of[id(p)], p.paragraph, p.start, p.end, p.text, p.possessive)
            for group in groups.values()
            for p in group
        ),
        key=lambda m: (m.paragraph, m.start),
    )
    return Findings(actors, mentions, places)


def _group_kind(group: list[Piece]) -> ActorKind:
    kinds = Counter(p.kind for p in group if p.kind is not None and p.forced) or Counter(
        p.kind for p in group if p.kind is not None
    )
    return kinds.most_common(1)[0][0] if kinds else ActorKind.OTHER


def _unique(actor_id: str, taken: dict[str, FoundActor]) -> str:
    candidate, number = actor_id, 2
    while candidate in taken:
        candidate = f"{actor_id}-{number}"
        number += 1
    return candidate


def _add_relations(actors: dict[str, FoundActor], owner_of: dict[int, str], piece: Piece) -> None:
    subject = actors[owner_of[id(piece)]]
    found = [
        (subject, relation, actors[owner_of[id(target)]]) for relation, target in piece.links if id(target) in owner_of
    ]
    if piece.part_of_known is not None:
        state_id = make_id(EntityKind.ACTOR, piece.part_of_known.slug)
        if state_id in actors:
            found.append((subject, RelationType.PART_OF, actors[state_id]))
    if piece.owns is not None and id(piece.owns) in owner_of:
        possessive = _possessive_relation(subject, actors[owner_of[id(piece.owns)]])
        if possessive is not None:
            found.append(possessive)
    for source, relation, target in found:
        if target is not source and all((r.type, r.target) != (relation, target.id) for r in source.relations):
            source.relations.append(Relation(relation, target.id, DRAFT_NOTE))
