"""The errors a user may see, each carrying where the problem is.

The command line and the browser turn these into one line of text; nothing
else should reach a user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.text import path as shown_path


class BriefingError(Exception):
    """Base of every error the user is meant to read."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a briefing file, located as precisely as we can."""

    file: str
    entity: str
    field: str
    message: str

    def __str__(self) -> str:
        """``FILE: ENTITY: FIELD: MESSAGE``, the file's name with its control characters spelt out (``text.path``)."""
        parts = [p for p in (shown_path(self.file) if self.file else "", self.entity, self.field) if p]
        return ": ".join([*parts, self.message])


class ValidationError(BriefingError):
    """A briefing (or interchange document) has one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        first = str(self.problems[0]) if self.problems else "invalid"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)


class StoreError(BriefingError):
    """A file could not be read or written; ``path`` says which."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = str(path)
        self.reason = message
        super().__init__(f"{shown_path(path)}: {message}")


class CorruptFileError(StoreError):
    """A data file exists but cannot be parsed; it is left untouched."""


class NotFoundError(BriefingError):
    """An id that does not name anything in the library."""
