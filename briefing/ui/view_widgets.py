"""The views that are not lists: each builds its own widget for a briefing (or the whole library).

Imported when first shown, so the first frame does not wait for them.
Another view of this kind (one that posts ``OpenEntry`` when the reader picks
an entry) is added here and in ``places.View``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from textual.widget import Widget

from briefing.library import Library
from briefing.ui.places import View

ViewFactory = Callable[[Library, str | None, str], Widget]


@runtime_checkable
class HasCursor(Protocol):
    """A view whose cursor is on an entry, the one ``a`` annotates (the timeline, the network, search)."""

    @property
    def cursor_id(self) -> str | None: ...


@runtime_checkable
class Selects(Protocol):
    """A view that can put its cursor on an entry the browser opened (the timeline: on back and forward)."""

    def select(self, entity_id: str) -> bool: ...


def _timeline(library: Library, briefing_id: str | None, widget_id: str) -> Widget:
    from briefing.ui.widgets.timeline_view import TimelineView

    return TimelineView(library, briefing_id, id=widget_id)


def _network(library: Library, briefing_id: str | None, widget_id: str) -> Widget:
    from briefing.ui.widgets.actor_network import ActorNetwork

    return ActorNetwork(library, briefing_id, id=widget_id)


def _notes(library: Library, briefing_id: str | None, widget_id: str) -> Widget:
    from briefing.ui.widgets.notes_list import NotesList

    return NotesList(id=widget_id)


def _news(library: Library, briefing_id: str | None, widget_id: str) -> Widget:
    from briefing.ui.widgets.news_list import NewsList

    return NewsList(id=widget_id)


VIEW_WIDGETS: dict[View, ViewFactory] = {
    View.TIMELINE: _timeline,
    View.NETWORK: _network,
    View.NOTES: _notes,
    View.NEWS: _news,
}

TALL_VIEWS = frozenset({View.TIMELINE, View.NETWORK})
"""Views that want more of the height than the detail pane below them."""

HINTS: dict[View, str] = {
    View.TIMELINE: "Pick an event in the timeline to read it here.",
    View.NETWORK: "Pick an actor in the network to read it here.",
    View.NOTES: "Enter opens a note's entry here; e edits, d deletes, u undoes a delete.",
    View.NEWS: "What arrived since you last looked: enter opens an entry (it is read then); A marks all read.",
}


def widget_id(view: View, briefing_id: str | None) -> str:
    """A DOM id for a view's widget: ids are ``[a-z0-9:-]``, DOM ids may not hold ``:``."""
    return f"view-{view}-{(briefing_id or 'library').replace(':', '-')}"
