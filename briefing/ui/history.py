"""Back and forward over the places a reader has visited, as a web browser does it.

Plain data with no Textual in it: visiting a place after going back drops
the places ahead, visiting the place you are at changes nothing, and the
oldest places fall off once there are more than ``limit``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

DEFAULT_LIMIT = 500


@dataclass
class History(Generic[T]):
    places: list[T] = field(default_factory=list)
    index: int = -1
    limit: int = DEFAULT_LIMIT

    @property
    def present(self) -> T | None:
        return self.places[self.index] if self.places else None

    @property
    def can_go_back(self) -> bool:
        return self.index > 0

    @property
    def can_go_forward(self) -> bool:
        return self.index < len(self.places) - 1

    def visit(self, place: T) -> None:
        """Go to ``place``: it becomes the present and the places ahead are forgotten."""
        if self.present == place:
            return
        del self.places[self.index + 1 :]
        self.places.append(place)
        overflow = len(self.places) - self.limit
        if overflow > 0:
            del self.places[:overflow]
        self.index = len(self.places) - 1

    def replace(self, place: T) -> None:
        """Change where the reader is without a new step (e.g. moving the cursor in a list)."""
        if not self.places:
            self.visit(place)
            return
        self.places[self.index] = place
        # Moving onto the place one step back or ahead would make that step do nothing: merge them.
        if self.index > 0 and self.places[self.index - 1] == place:
            del self.places[self.index]
            self.index -= 1
        elif self.can_go_forward and self.places[self.index + 1] == place:
            del self.places[self.index + 1]

    def back(self) -> T | None:
        """The previous place, now the present; None (and nothing changes) at the start."""
        if not self.can_go_back:
            return None
        self.index -= 1
        return self.places[self.index]

    def forward(self) -> T | None:
        """The next place, now the present; None (and nothing changes) at the end."""
        if not self.can_go_forward:
            return None
        self.index += 1
        return self.places[self.index]

    def rewritten(self, keep: Callable[[T], T | None]) -> History[T]:
        """Every place passed through ``keep``, which may change it or drop it (None), and the same
        steps merged; the present stays the present, or falls back to the nearest place before it."""
        places: list[T] = []
        index = -1
        for position, place in enumerate(self.places):
            kept = keep(place)
            if kept is not None and (not places or places[-1] != kept):
                places.append(kept)
            if position == self.index:
                index = len(places) - 1
        if places and index < 0:
            index = 0
        return History(places, index, self.limit)
