"""The command palette's "jump to any entry": names and aliases, matched as you type.

The matching is done by the app's :class:`JumpIndex`, built once per
library load; this provider only turns its results into palette hits.  The
prompt is a Rich ``Text`` made from content (the palette reads a plain
string, or the help line, as markup), and choosing a hit posts ``Navigate``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rich.text import Text
from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

from briefing.text import highlighted, text
from briefing.ui.messages import Navigate

if TYPE_CHECKING:
    from briefing.ui.jump_index import Candidate, JumpIndex

RESULTS = 40
"""Hits shown for one query; a reader refines the query rather than scrolls further."""


@runtime_checkable
class JumpSource(Protocol):
    """What holds the library's jump index (the app, once the library is loaded)."""

    @property
    def jump_index(self) -> JumpIndex | None: ...


@runtime_checkable
class PaletteSource(Protocol):
    """A screen that adds its own commands to the palette (the browser: its views)."""

    def palette_commands(self) -> Iterator[SystemCommand]: ...


def prompt(candidate: Candidate, spans: tuple[tuple[int, int], ...] = ()) -> Text:
    """The name (matched letters emphasised), then kind and briefing, dimmed."""
    line = highlighted(candidate.text, list(spans))
    line.append(f"  {candidate.kind}", "dim")
    if candidate.alias_of:
        line.append(" · alias of ", "dim")
        line.append_text(text(candidate.alias_of, "dim"))
    if candidate.briefing:
        line.append(" · ", "dim")
        line.append_text(text(candidate.briefing, "dim italic"))
    return line


class EntryCommands(Provider):
    """Jump to any actor, claim, event, source or briefing by name or alias."""

    @property
    def index(self) -> JumpIndex | None:
        app = self.app
        return app.jump_index if isinstance(app, JumpSource) else None

    def _open(self, entity_id: str) -> None:
        self.app.post_message(Navigate(entity_id))

    async def search(self, query: str) -> Hits:
        index = self.index
        if index is None:
            return
        jumps = index.search(query, RESULTS)
        for rank, jump in enumerate(jumps):
            candidate = jump.candidate
            yield Hit(
                1.0 - rank / (len(jumps) + 1),
                prompt(candidate, jump.spans),
                partial(self._open, candidate.entity_id),
                text=candidate.text,
            )

    async def discover(self) -> Hits:
        index = self.index
        if index is None:
            return
        for candidate in index.candidates:
            if candidate.kind == "briefing":
                yield DiscoveryHit(prompt(candidate), partial(self._open, candidate.entity_id), text=candidate.text)
