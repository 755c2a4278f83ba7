"""The timeline's filters: the choices they offer, and what the reader types (actors, several at once; dates).

Dates are read as the search language reads ``from:`` and ``to:``
(``model.dates.parse_loose``); names are matched as the reader sees them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from briefing.model.dates import DateError, parse_loose
from briefing.model.entities import Actor, Event
from briefing.model.vocabulary import CHART_SERIES, event_kind_label, series_of
from briefing.text import one_line


def actors_named(actors: Iterable[Actor], query: str) -> frozenset[str]:
    """The ids of actors whose name or an alias contains ``query``, ignoring case."""
    needle = one_line(query).casefold()
    # Names as the reader sees them (the filter's suggestions are cleaned names), so a suggestion taken finds its actor.
    return frozenset(actor.id for actor in actors if any(needle in one_line(name).casefold() for name in actor.names))


@dataclass(frozen=True, slots=True)
class ActorPart:
    """One comma-separated part of the actor filter and the actors it names."""

    text: str
    ids: frozenset[str]
    names: tuple[str, ...]


def actor_parts(actors: Iterable[Actor], query: str) -> list[ActorPart]:
    """Each part of ``query`` between commas ("militias, Kataib") with the actors it matches, as ``actors_named``."""
    listed = list(actors)
    parts: list[ActorPart] = []
    for piece in one_line(query).split(","):
        if piece.strip():
            ids = actors_named(listed, piece)
            names = tuple(sorted(actor.name for actor in listed if actor.id in ids))
            parts.append(ActorPart(piece.strip(), ids, names))
    return parts


def date_bounds(first: str, last: str) -> tuple[date | None, date | None, list[str]]:
    """The span typed into from/to, read as the search language reads ``from:``/``to:``, and what is wrong with it.

    "2020-09" from its first day, to its last; a bound that is no date is
    left out, and said.
    """
    bounds: list[date | None] = []
    problems: list[str] = []
    for name, typed in (("from", first), ("to", last)):
        if not typed.strip():
            bounds.append(None)
            continue
        try:
            when = parse_loose(typed)
        except DateError as exc:
            bounds.append(None)
            problems.append(f"{name}: {exc}")
            continue
        bounds.append(when.start if name == "from" else when.last)
    start, end = bounds
    if start is not None and end is not None and start > end:
        problems.append(f"from {first.strip()} is after to {last.strip()}")
    return start, end, problems


def actors_by_mentions(events: Iterable[Event], actors: dict[str, Actor]) -> list[Actor]:
    """The actors the events involve, most involved first: the suggestions of the actor filter."""
    counts = Counter(actor_id for event in events for actor_id in event.actors)
    found = [actors[a] for a in counts if a in actors]
    return sorted(found, key=lambda actor: (-counts[actor.id], actor.name.casefold()))


def kind_counts(events: Iterable[Event]) -> list[tuple[str, str, int]]:
    """(kind, label, events) for each kind present, most frequent first."""
    counts = Counter(event.event_kind for event in events)
    return [(kind, event_kind_label(kind), n) for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def series_counts(events: Iterable[Event]) -> dict[str, int]:
    """Events per series, by the series' label, in the series' order."""
    counts = Counter(series_of(event.event_kind) for event in events)
    return {series.label: counts[series] for series in CHART_SERIES}
