"""Filters whose values come from the vocabulary (kind:, status:, flag:, type:) or are dates (from:, to:).

A value may be any unambiguous start of a choice; one that is not says
which choices it could be, or lists them.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.model.dates import DateError, parse_loose
from briefing.model.vocabulary import EVENT_KINDS, ClaimStatus, EntityKind, NoteFlag, chart_series
from briefing.search.folding import fold, words
from briefing.search.query_errors import QueryError
from briefing.search.query_tree import Filter
from briefing.text import shorten

FILTER_NAMES = ("kind", "actor", "briefing", "type", "status", "tag", "flag", "from", "to")
ANY_OF = frozenset({"kind", "briefing", "type", "status", "flag"})
"""Filters that, repeated, mean any of their values; the others must all hold."""

KIND_WORDS: dict[str, EntityKind] = {k.value: k for k in EntityKind} | {f"{k.value}s": k for k in EntityKind}
"""Words readers type for a kind of entry ("kind:claims"; ``names.suggest``: "Khazali claims")."""


def choices_hint(name: str) -> str:
    choices = {
        "kind": ", ".join(k.value for k in EntityKind),
        "status": ", ".join(s.value for s in ClaimStatus),
        "flag": ", ".join(f.value for f in NoteFlag),
    }.get(name)
    return f" (one of: {choices})" if choices else ""


def _pick(name: str, value: str, choices: list[str], column: int) -> str:
    """An exact choice, or the only one that starts with ``value``."""
    wanted = value.lower()
    if wanted in choices:
        return wanted
    starting = [c for c in choices if c.startswith(wanted)]
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise QueryError(f"{name}:{shorten(value, 40)} could be {', '.join(starting)}", column)
    raise QueryError(f"{name}:{shorten(value, 40)} is not one of: {', '.join(choices)}", column)


def event_kinds_for(value: str) -> tuple[str, ...]:
    """The event kinds ``type:value`` means; empty when none.

    An exact slug; else the slugs starting with it; else those whose label has
    the value's words ("ied", "drone"); else the kinds of a chart series
    ("rocket").
    """
    wanted = value.lower().strip()
    if wanted in EVENT_KINDS:
        return (wanted,)
    starting = tuple(slug for slug in EVENT_KINDS if slug.startswith(wanted))
    if starting:
        return starting
    asked = set(words(value))
    if asked:
        labelled = tuple(slug for slug, (label, _) in EVENT_KINDS.items() if asked <= set(words(label)))
        if labelled:
            return labelled
    return tuple(slug for slug in EVENT_KINDS if fold(chart_series(slug)) == fold(wanted) and wanted != "other")


def check_filter(name: str, value: str, column: int, negated: bool = False) -> Filter:
    """A filter with its value checked against the vocabulary (or read as a date)."""
    base = Filter(name, value, column, negated)
    if name == "kind":
        kind = KIND_WORDS.get(value.lower())
        if kind is None:
            choice = _pick(name, value, [k.value for k in EntityKind], column)
            kind = EntityKind(choice)
        return replace(base, values=(kind.value,))
    if name == "status":
        return replace(base, values=(_pick(name, value, [s.value for s in ClaimStatus], column),))
    if name == "flag":
        return replace(base, values=(_pick(name, value, [f.value for f in NoteFlag], column),))
    if name == "type":
        kinds = event_kinds_for(value)
        if not kinds:
            some = ", ".join(list(EVENT_KINDS)[:3])
            raise QueryError(f"type:{shorten(value, 40)} is no event kind (e.g. {some}, ...)", column)
        return replace(base, values=kinds)
    if name in ("from", "to"):
        try:
            when = parse_loose(value)
        except DateError as exc:
            raise QueryError(f"{name}: {exc}", column) from exc
        return replace(base, when=when)
    return base
