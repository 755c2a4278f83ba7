"""Where the reader is: a view of the library, maybe of one briefing, maybe with an entry open.

A :class:`Place` is plain, hashable data, so the history can hold it and a
test can compare it.  The views are listed once here; the navigation tree,
the breadcrumb and the browser screen all read their names and order from
this module.  (Adding a view, e.g. the reader's notes, means adding a
``View`` member, its label, and where it goes in the navigation.)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from briefing.library import Library
from briefing.model.ids import ID_RE, kind_of
from briefing.model.vocabulary import EntityKind


class View(StrEnum):
    BRIEFINGS = "briefings"
    ACTORS = "actors"
    CLAIMS = "claims"
    EVENTS = "events"
    TIMELINE = "timeline"
    SOURCES = "sources"
    NETWORK = "network"
    NOTES = "notes"
    NEWS = "news"


VIEW_LABELS: dict[View, str] = {
    View.BRIEFINGS: "Briefings",
    View.ACTORS: "Actors",
    View.CLAIMS: "Claims",
    View.EVENTS: "Events",
    View.TIMELINE: "Timeline",
    View.SOURCES: "Sources",
    View.NETWORK: "Network",
    View.NOTES: "Notes",
    View.NEWS: "What's new",
}

LIST_VIEWS: dict[View, EntityKind] = {
    View.BRIEFINGS: EntityKind.BRIEFING,
    View.ACTORS: EntityKind.ACTOR,
    View.CLAIMS: EntityKind.CLAIM,
    View.EVENTS: EntityKind.EVENT,
    View.SOURCES: EntityKind.SOURCE,
}
"""Views that list entries of one kind in the entry table."""

BRIEFING_VIEWS: tuple[View, ...] = (
    View.ACTORS,
    View.CLAIMS,
    View.EVENTS,
    View.TIMELINE,
    View.SOURCES,
    View.NETWORK,
)
"""What the navigation offers under each briefing, in this order."""

_VIEW_OF_KIND = {kind: view for view, kind in LIST_VIEWS.items()}

_KEEPS: dict[View, EntityKind] = {View.TIMELINE: EntityKind.EVENT, View.NETWORK: EntityKind.ACTOR}
"""Views that can show an entry of this kind without leaving: an event stays in the timeline."""


@dataclass(frozen=True, slots=True)
class Place:
    view: View
    briefing_id: str | None = None
    entry_id: str | None = None

    def with_entry(self, entry_id: str | None) -> Place:
        return replace(self, entry_id=entry_id)

    @property
    def view_key(self) -> tuple[View, str | None]:
        """Two places with the same key show the same list or chart."""
        return (self.view, self.briefing_id)


def view_count(library: Library, view: View, briefing_id: str | None) -> int | None:
    """How many entries a view lists, for the navigation; None for views that are not lists."""
    kind = LIST_VIEWS.get(view)
    if kind is None:
        return None
    if briefing_id is None:
        return len(library.all(kind))
    if kind is EntityKind.BRIEFING:
        return 1
    return len(library.in_briefing(briefing_id, kind))


def view_title(library: Library, place: Place) -> str:
    """The list area's title: the view, and how many entries it lists."""
    count = view_count(library, place.view, place.briefing_id)
    return VIEW_LABELS[place.view] + ("" if count is None else f" · {count}")


def trail(library: Library, place: Place) -> list[str]:
    """The breadcrumb's parts, as content (titles and names): briefing, view, entry."""
    parts: list[str] = []
    if place.briefing_id is not None:
        parts += [library.label(place.briefing_id), VIEW_LABELS[place.view]]
    elif place.view is not View.BRIEFINGS:
        parts.append(VIEW_LABELS[place.view])  # the Notes, or a view of the whole library
    if place.entry_id is not None and place.entry_id != place.briefing_id:
        parts.append(library.label(place.entry_id))
    return parts


def briefing_in_reach(library: Library, place: Place | None) -> str | None:
    """The briefing the reader is in (or on), or the only one; None in the library at large."""
    if place is not None and place.briefing_id is not None:
        return place.briefing_id
    if place is not None and place.entry_id in library.briefings:
        return place.entry_id
    return next(iter(library.briefings)) if len(library.briefings) == 1 else None


def place_of(library: Library, entity_id: str, current: Place | None = None) -> Place | None:
    """Where to show ``entity_id``: in the current view when it can, else in its kind's list.

    An actor in several briefings opens in the briefing the reader is in, if
    it is one of them.  None for an id the library does not know.
    """
    if not ID_RE.fullmatch(entity_id) or library.get(entity_id) is None:
        return None
    kind = kind_of(entity_id)
    if kind is EntityKind.BRIEFING:
        return Place(View.BRIEFINGS, None, entity_id)
    briefings = library.briefings_of(entity_id)
    here = current.briefing_id if current is not None else None
    briefing_id = here if here in briefings else (briefings[0] if briefings else None)
    if current is not None and _KEEPS.get(current.view) is kind and (here is None or here in briefings):
        return current.with_entry(entity_id)
    return Place(_VIEW_OF_KIND[kind], briefing_id, entity_id)


def still_there(library: Library, place: Place) -> Place | None:
    """``place`` in a reloaded library: without its entry if that is gone; None if its briefing is gone."""
    if place.briefing_id is not None and place.briefing_id not in library.briefings:
        return None
    if place.entry_id is not None and place.entry_id not in library:
        return place.with_entry(None)
    return place


def start_place(library: Library) -> Place:
    """The first thing a reader sees: the first briefing's page, or the empty library."""
    first = next(iter(library.briefings), None)
    return Place(View.BRIEFINGS, None, first)
