"""What the app says about the library it loaded: the files it skipped, the briefings an update added.

Plain text, made from content (file names, titles): ``BriefingApp.notify``
cleans it like every notice, and each problem stays on one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.text import one_line

if TYPE_CHECKING:
    from briefing.library import Library

PROBLEMS_LISTED = 8
"""Problems named in the notification after loading; the rest are counted."""

ADDED_NAMED = 3
"""New briefings named in the notice after a library folder changed; the rest are counted."""


def problems_notice(library: Library) -> tuple[str, str]:
    """The title and the lines of the notice about a library's problems."""
    problems = library.problems
    lines = [one_line(p) for p in problems[:PROBLEMS_LISTED]]  # one line each, whatever a file name holds
    if len(problems) > PROBLEMS_LISTED:
        lines.append(f"… and {len(problems) - PROBLEMS_LISTED} more (briefing validate FILE lists them all)")
    return problems_title(library), "\n".join(lines)


def problems_title(library: Library) -> str:
    """What the loading notice is about: files skipped or partly loaded, folders that could not be read."""
    folders = {str(folder) for folder in library.folders}
    named = list(dict.fromkeys(p.file or "(unknown file)" for p in library.problems))
    unreadable = sum(name in folders for name in named)
    files = len(named) - unreadable
    parts = []
    if files:
        parts.append(f"{files} briefing file{'s' if files != 1 else ''} skipped or partly loaded")
    if unreadable:
        parts.append(f"{unreadable} library folder{'s' if unreadable != 1 else ''} unreadable")
    return "; ".join(parts)


def added_notice(library: Library, added: Sequence[str]) -> str:
    """After a library folder changed: which briefings are new, if any."""
    if not added:
        return "Library updated"
    named = "; ".join(one_line(library.label(b)) for b in added[:ADDED_NAMED])
    more = f" and {len(added) - ADDED_NAMED} more" if len(added) > ADDED_NAMED else ""
    return f"Library updated: {named}{more} added"
