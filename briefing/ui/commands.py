"""The command palette's own commands: "jump to any entry" by name or alias, and the browser's ways around.

The matching is done by the app's :class:`JumpIndex`, built once per
library load; this provider only turns its results into palette hits.  The
prompt is a Rich ``Text`` made from content (the palette reads a plain
string, or the help line, as markup), and choosing a hit posts ``OpenEntry``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from rich.text import Text
from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.system_commands import SystemCommandsProvider

from briefing.text import highlighted, text
from briefing.ui.messages import OpenEntry

if TYPE_CHECKING:
    from briefing.clip import ClipKind
    from briefing.ui.history import History
    from briefing.ui.jump_index import Candidate, JumpIndex
    from briefing.ui.places import Place, View

RESULTS = 40
"""Hits shown for one query; a reader refines the query rather than scrolls further."""

TIERS = 4
"""The jump index's match tiers (prefix, word, inside, letters in order)."""


def score(tier: int, behind: float = 0.0) -> float:
    """A hit's place in the palette: by tier first, commands and entries alike; ``behind`` (0 to 1) within it.

    Textual orders the hits of all providers by this one number.
    """
    return 1.0 - (tier + behind * 0.99) / TIERS


@runtime_checkable
class JumpSource(Protocol):
    """What holds the library's jump index (the app, once the library is loaded)."""

    @property
    def jump_index(self) -> JumpIndex | None: ...


@runtime_checkable
class PaletteSource(Protocol):
    """A screen that adds its own commands to the palette (the browser: its views)."""

    def palette_commands(self) -> Iterator[SystemCommand]: ...


class Browsing(Protocol):
    """What the palette's ways around ask of the browser screen."""

    history: History[Place]

    def show_view(self, view: View, briefing_id: str | None) -> None: ...
    def open_search(self, query: str | None = None) -> None: ...
    def action_back(self) -> None: ...
    def action_forward(self) -> None: ...
    def action_step_hit(self, step: int) -> None: ...
    def action_export(self, whole: bool = False) -> None: ...


def view_commands(browser: Browsing, briefing: str | None) -> Iterator[SystemCommand]:
    """Each view of ``briefing`` (or of the whole library), the library's lists, search, back and forward.

    Names and help are fixed words: the palette reads both as markup, so no
    briefing title goes into them.
    """
    from briefing.ui.places import BRIEFING_VIEWS, VIEW_LABELS, View  # the library's modules load after the first frame

    where = "the briefing you are in" if briefing is not None else "the whole library"
    for view in BRIEFING_VIEWS:
        label = VIEW_LABELS[view]
        yield SystemCommand(label, f"{label} of {where}", partial(browser.show_view, view, briefing))
    yield SystemCommand("Briefings", "Every briefing in the library", partial(browser.show_view, View.BRIEFINGS, None))
    yield SystemCommand("Notes", "Your notes, on every entry", partial(browser.show_view, View.NOTES, None))
    yield SystemCommand(
        "What's new", "What arrived since you last looked, unread", partial(browser.show_view, View.NEWS, None)
    )
    yield SystemCommand("Search", "Search the library and your notes as you type", browser.open_search)
    yield SystemCommand(
        "Export this briefing…", f"To a file: {where}, as Markdown, JSON, CSV or STIX", browser.action_export
    )
    yield SystemCommand("Export the library…", "Every briefing, to one file", partial(browser.action_export, True))
    yield SystemCommand("Next search hit", "The next hit of the last search (n)", partial(browser.action_step_hit, 1))
    yield SystemCommand(
        "Previous search hit", "The previous hit of the last search (N)", partial(browser.action_step_hit, -1)
    )
    if browser.history.can_go_back:
        yield SystemCommand("Back", "Where you were before", browser.action_back)
    if browser.history.can_go_forward:
        yield SystemCommand("Forward", "Forward again after going back", browser.action_forward)


class Habits(Protocol):
    """What the palette's copy, open and edit commands ask of the browser screen."""

    def copy_entry(self, kind: ClipKind, target: str | None = None) -> None: ...
    def action_open_source(self) -> None: ...
    def action_edit_elsewhere(self) -> None: ...
    def action_pin(self) -> None: ...
    def action_toggle_read(self) -> None: ...
    def action_all_read(self) -> None: ...


def habit_commands(browser: Habits) -> Iterator[SystemCommand]:
    """Copy the entry the reader is on (as text, a citation, its id), open its source, write its note in $EDITOR."""
    yield SystemCommand(
        "Copy entry as text", "The entry as plain text, to the clipboard", partial(browser.copy_entry, "text")
    )
    yield SystemCommand(
        "Copy citation", "Title. Source, date. Address (of its source)", partial(browser.copy_entry, "citation")
    )
    yield SystemCommand("Copy id", "The entry's id (KIND:slug), to the clipboard", partial(browser.copy_entry, "id"))
    yield SystemCommand(
        "Open source", "The address of the entry's source, in your web browser", browser.action_open_source
    )
    yield SystemCommand("Edit note in $EDITOR", "The entry's note in your own editor", browser.action_edit_elsewhere)
    yield SystemCommand(
        "Pin or unpin entry", "Keep the entry at hand under Pinned in the navigation (b)", browser.action_pin
    )
    yield SystemCommand(
        "Mark entry unread or read",
        "Unread entries are in What's new, with a dot in the lists (R)",
        browser.action_toggle_read,
    )
    yield SystemCommand("Mark all read", "Empty What's new (asks first)", browser.action_all_read)


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
        self.app.post_message(OpenEntry(entity_id))

    async def search(self, query: str) -> Hits:
        index = self.index
        if index is None:
            return
        jumps = index.search(query, RESULTS)
        for rank, jump in enumerate(jumps):
            candidate = jump.candidate
            yield Hit(
                score(jump.tier, (rank + 1) / (len(jumps) + 1)),
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


class AppCommands(SystemCommandsProvider):
    """The app's and the browser's commands, matched as entries are: a short query finds names that hold it.

    Textual's fuzzy matcher lets two letters anywhere in order match ("ti"
    finds "Edit note" and "Next search hit"); here letters in order count
    only from three on, and a command ranks with the entries of its tier.
    """

    async def search(self, query: str) -> Hits:
        from briefing.ui.jump_index import rank_name

        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            ranked = rank_name(query, name)
            if ranked is not None:
                tier, spans = ranked
                yield Hit(score(tier), highlighted(name, list(spans)), callback, text=name, help=help_text)
