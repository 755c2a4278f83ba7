"""What of each entry is searchable, and in which field of the index.

Fields, from the most telling to the least (``WEIGHTS`` ranks them):

name    an actor's name and aliases
title   titles, an actor's role, a note's tags
body    descriptions, summaries, claim text, note text
extra   kinds, statuses, locations, publishers: words about the entry
links   the names of the actors an entry is linked to, so "Khazali" finds
        the claims attributed to him and the group he leads even where the
        text says "he"
facets  filter tokens (kind, briefing, actor, type, status, tag, flag),
        never matched by a reader's words

The name and title fields hold their words separated by single spaces
(``folding.index_words``), so that ranking can find a phrase in them as
text (``plan.ByField``, which reads the copy ``schema`` keeps in
``entries``).  Also here: the fields of a hit that its snippet is taken
from, in the order they are tried.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from briefing.library import Library, LibraryEntity
from briefing.model.dates import When
from briefing.model.entities import Actor, Briefing, Claim, Event, Note, Source
from briefing.model.ids import is_id, kind_of
from briefing.model.vocabulary import EntityKind, event_kind_label
from briefing.search.folding import index_text, index_words, words
from briefing.text import one_line

COLUMNS = ("name", "title", "body", "extra", "links", "facets")
WEIGHTS = (10.0, 5.0, 1.5, 2.0, 1.0, 0.0)
TEXT_COLUMNS = "{name title body extra links}"
UNIVERSE = "all"
"""A facet token every entry has: the starting set of a query that only excludes."""

KIND_ORDER = (
    EntityKind.ACTOR,
    EntityKind.BRIEFING,
    EntityKind.EVENT,
    EntityKind.CLAIM,
    EntityKind.SOURCE,
)


def kind_facet(kind: str) -> str:
    return f"k{kind}"


def actor_facet(rowid: int) -> str:
    return f"a{rowid}"


def briefing_facet(rowid: int) -> str:
    return f"b{rowid}"


def _slug_token(value: str) -> str:
    return "".join(words(value))


def type_facet(event_kind: str) -> str:
    return f"y{_slug_token(event_kind)}"


def status_facet(status: str) -> str:
    return f"s{_slug_token(status)}"


def tag_facet(tag: str) -> str:
    return f"t{_slug_token(tag)}"


def flag_facet(flag: str) -> str:
    return f"f{_slug_token(flag)}"


@dataclass(frozen=True, slots=True)
class Row:
    """One entry as the index stores it."""

    id: str
    kind: EntityKind
    start: str  # ISO first day, "" when undated
    last: str  # ISO last day, "" when undated
    columns: tuple[str, str, str, str, str]
    facets: tuple[str, ...]

    def fts_values(self) -> tuple[str, ...]:
        return (*self.columns, " ".join(self.facets))


def date_of(entity: LibraryEntity | Note) -> When | None:
    match entity:
        case Event():
            return entity.when
        case Briefing() | Source() | Claim():
            return entity.date
        case Note():
            try:
                return When(date.fromisoformat(entity.created[:10]))
            except ValueError:
                return None
    return None


def _dates(when: When | None) -> tuple[str, str]:
    if when is None:
        return "", ""
    return when.start.isoformat(), when.last.isoformat()


def linked_actors(entity: LibraryEntity | Note, library: Library) -> list[str]:
    """The actor ids an entry is linked to (its own id for an actor), in order, once each."""
    match entity:
        case Actor():
            ids = [entity.id, *(link.other for link in library.relations(entity.id))]
        case Claim():
            ids = [ref for ref in (*entity.attributed_to, *entity.about) if ref.startswith("actor:")]
        case Event():
            ids = list(entity.actors)
        case Note():
            target = library.get(entity.target)
            ids = linked_actors(target, library) if target is not None else []
        case _:
            ids = []
    return list(dict.fromkeys(ids))


class RowBuilder:
    """Turns entries into rows; remembers each actor's folded names, and the rowids of actors and briefings."""

    def __init__(self, library: Library, rowids: dict[str, int]) -> None:
        self.library = library
        self.rowids = rowids
        self._names: dict[str, str] = {}

    def actor_names(self, actor_id: str) -> str:
        names = self._names.get(actor_id)
        if names is None:
            actor = self.library.actors.get(actor_id)
            names = index_text(*actor.names) if actor is not None else ""
            self._names[actor_id] = names
        return names

    def _links(self, actor_ids: Iterable[str]) -> str:
        return " ".join(self.actor_names(a) for a in actor_ids)

    def _facets(self, kind: EntityKind, briefings: Iterable[str], actors: Iterable[str]) -> list[str]:
        facets = [UNIVERSE, kind_facet(kind)]
        facets += [briefing_facet(self.rowids[b]) for b in briefings if b in self.rowids]
        facets += [actor_facet(self.rowids[a]) for a in actors if a in self.rowids]
        return facets

    def row(self, entity: LibraryEntity) -> Row:
        library = self.library
        start, last = _dates(date_of(entity))
        match entity:
            case Actor():
                actors = linked_actors(entity, library)
                columns = (
                    index_words(*entity.names),
                    index_words(entity.role),
                    index_text(entity.description),
                    index_text(str(entity.actor_kind)),
                    self._links(actors[1:]),
                )
                facets = self._facets(entity.kind, entity.briefings, actors)
            case Briefing():
                columns = (
                    "",
                    index_words(entity.title),
                    index_text(entity.summary),
                    index_text(*entity.tags),
                    "",
                )
                facets = self._facets(entity.kind, (entity.id,), ())
            case Source():
                columns = ("", index_words(entity.title), "", index_text(entity.publisher, entity.author), "")
                facets = self._facets(entity.kind, (entity.briefing,), ())
            case Claim():
                actors = linked_actors(entity, library)
                columns = (
                    "",
                    "",
                    index_text(entity.text),
                    index_text(str(entity.claim_kind), str(entity.status)),
                    self._links(actors),
                )
                facets = [*self._facets(entity.kind, (entity.briefing,), actors), status_facet(entity.status)]
            case Event():
                columns = (
                    "",
                    index_words(entity.title),
                    index_text(entity.description),
                    index_text(entity.location, event_kind_label(entity.event_kind), entity.event_kind),
                    self._links(entity.actors),
                )
                facets = [*self._facets(entity.kind, (entity.briefing,), entity.actors), type_facet(entity.event_kind)]
            case _:
                raise TypeError(entity)
        return Row(entity.id, entity.kind, start, last, columns, tuple(dict.fromkeys(facets)))

    def note_row(self, note: Note) -> Row:
        library = self.library
        start, last = _dates(date_of(note))
        target = library.get(note.target) if is_id(note.target) else None
        actors = linked_actors(note, library)
        target_text = index_text(target.label) if target is not None else ""
        columns = (
            "",
            index_words(*note.tags),
            index_text(note.text),
            index_text(str(note.flag) if note.flag else ""),
            " ".join(filter(None, (target_text, self._links(actors)))),
        )
        facets = self._facets(EntityKind.NOTE, library.briefings_of(note.target), actors)
        facets += [tag_facet(tag) for tag in note.tags]
        if note.flag:
            facets.append(flag_facet(note.flag))
        return Row(note.id, EntityKind.NOTE, start, last, columns, tuple(dict.fromkeys(facets)))


# -- what a hit shows ------------------------------------------------------------


def _names(library: Library, ids: Iterable[str]) -> str:
    actors = library.actors
    return ", ".join(actors[i].name if i in actors else library.label(i) for i in ids)


def display_title(entity: LibraryEntity | Note) -> str:
    return entity.label


def snippet_fields(entity: LibraryEntity | Note, library: Library) -> Iterator[str]:
    """Texts of an entry, tried in order for the snippet (the title is shown apart); made as they are asked for."""
    match entity:
        case Actor():
            yield entity.role
            if entity.aliases:
                yield "also: " + ", ".join(entity.aliases)
            yield entity.description
            related = dict.fromkeys(link.other for link in library.relations(entity.id))
            if related:
                yield "linked: " + _names(library, related)
        case Briefing():
            yield entity.summary
            yield ", ".join(entity.tags)
        case Source():
            yield " · ".join(filter(None, (entity.publisher, entity.author)))
        case Claim():
            who = entity.attributed_to
            parts = [
                f"{entity.claim_kind} by {_names(library, who)}" if who else str(entity.claim_kind),
                f"about {_names(library, entity.about)}" if entity.about else "",
                str(entity.status),
            ]
            yield " · ".join(filter(None, parts))
            yield entity.text
        case Event():
            yield entity.description
            yield " · ".join(filter(None, (event_kind_label(entity.event_kind), entity.location)))
            if entity.actors:
                yield "with " + _names(library, entity.actors)
        case Note():
            # Where the note is comes first: its title is already (the start of) its text.  A note of one line
            # says only where; a longer one where, then the words around the match.
            where = f"on {kind_of(entity.target)} {library.label(entity.target)}" if is_id(entity.target) else ""
            rest = "" if one_line(entity.text) == one_line(entity.label) else entity.text
            yield " · ".join(filter(None, (where, rest))) or entity.text
            yield " ".join(f"#{t}" for t in entity.tags)
