"""A search the reader keeps under a name, shown in the navigation with its count of hits."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.errors import BriefingError
from briefing.text import clean

NAME_MAX = 60


class SearchNameError(BriefingError):
    """A name a saved search cannot have."""


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    query: str


def checked_name(name: str) -> str:
    """``name`` trimmed, if a saved search can have it: some text, at most 60 characters, nothing that is not shown."""
    trimmed = name.strip()
    if not trimmed:
        raise SearchNameError("a saved search needs a name")
    if len(trimmed) > NAME_MAX:
        raise SearchNameError(f"a saved search's name is at most {NAME_MAX} characters (this one has {len(trimmed)})")
    if clean(trimmed) != trimmed or "\n" in trimmed or "\t" in trimmed:
        raise SearchNameError("a saved search's name cannot hold control characters, tabs or line breaks")
    return trimmed


def same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()
