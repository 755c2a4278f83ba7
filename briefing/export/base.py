"""What every exporter provides; ``EXPORTERS`` maps a format name to one."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from briefing.library import Library
from briefing.model.entities import Note


class Exporter(ABC):
    """Turns the library (or one briefing of it) and the reader's notes into one document."""

    name: str
    suffix: str
    description: str

    @abstractmethod
    def render(self, library: Library, notes: Sequence[Note], briefing_id: str | None = None) -> str:
        """The exported document as text."""
