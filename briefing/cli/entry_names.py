"""An entry given by its name rather than its id (``briefing show Pompeo``).

An id is taken as it is.  Anything else is a name, an alias or a title,
compared as search compares names (case, accents and punctuation folded:
``search.names.name_key``).  One entry of that name is the answer; several
are listed by id on stderr; none gets search's "did you mean" (a misspelt
name put right, or the actors whose names hold every word given).
"""

from __future__ import annotations

from briefing.cli import output
from briefing.errors import NotFoundError
from briefing.library import Library
from briefing.model.ids import is_id
from briefing.model.preview import preview
from briefing.search.documents import date_of
from briefing.search.folding import words
from briefing.search.names import ActorNames, entries_named, name_key

SUGGESTED = 5
"""At most this many actors are offered when a name is only part of theirs."""


def entry_named(value: str, library: Library) -> str | None:
    """The id of the entry ``value`` means; None when several have that name (listed on stderr).

    Raises NotFoundError, with a suggestion where there is one, when no entry has it.
    """
    if is_id(value):
        return value
    if not name_key(value):
        raise NotFoundError(f"{preview(value)} is neither an id nor a name")
    found = entries_named(library, value)
    if len(found) == 1:
        return found[0]
    if found:
        output.error(f"{preview(value)} is the name of {len(found)} entries; show one by its id:")
        for entry_id in found:  # all of them: the reader is to pick one
            output.error(_described(entry_id, library))
        return None
    raise NotFoundError(f"no entry is named {preview(value)}; {_did_you_mean(value, library)}")


def _described(entry_id: str, library: Library) -> str:
    """``event:2020-07-24-rocket-attack (Rocket attack on US targets, 24 Jul 2020)``: what tells them apart."""
    entity = library.require(entry_id)
    when = date_of(entity)
    return f"{entry_id} ({entity.label}{f', {when.label}' if when else ''})"


def _did_you_mean(value: str, library: Library) -> str:
    names = ActorNames(library)
    better = names.corrected(words(value))
    if better and (found := entries_named(library, better)):
        return f"did you mean: {preview(better)} ({', '.join(found)})?"
    near = names.named(value)[:SUGGESTED]
    if near:
        return "did you mean: " + " or ".join(f"{preview(library.label(a))} ({a})" for a in near) + "?"
    return f"briefing search {preview(value)} looks for it in the text"
