"""What the reader sees while the library loads: where they are, how far loading has got, the keys.

It is the app's first screen, so it stays small on purpose: it imports no
data layer and none of the browser's widgets, and the first frame is on
screen after little more than Textual's own start-up.  The browser screen
replaces it once there is a library to show.

A reader who presses ``/`` meanwhile can type a query at once; the browser
opens with search showing that query (``pending_search``), so no keystroke
typed during loading is lost or taken for a command.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer

from briefing.ui.widgets.breadcrumb import Breadcrumb
from briefing.ui.widgets.loading import LoadingPanel
from briefing.ui.widgets.query_input import QueryInput


class StartScreen(Screen[None]):
    AUTO_FOCUS = ""  # the hidden query takes keys only once ``/`` shows it
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash", "search", "search", key_display="/", tooltip="Type a query now; it runs once loaded", id="search"
        ),
        Binding("escape", "cancel_search", "no search", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Breadcrumb(id="breadcrumb")
        yield QueryInput(placeholder="search: type now, results come once the library is loaded", id="early-search")
        yield LoadingPanel(id="loading")
        yield Footer(compact=True)

    @property
    def early_search(self) -> QueryInput:
        return self.query_one("#early-search", QueryInput)

    @property
    def pending_search(self) -> str | None:
        """What the reader typed to search for, or None if they did not ask to search."""
        query = self.early_search
        return query.value if query.display else None

    def progress(self, done: int, total: int) -> None:
        self.query_one(LoadingPanel).progress(done, total)

    def action_search(self) -> None:
        query = self.early_search
        query.display = True
        query.focus()

    def action_cancel_search(self) -> None:
        query = self.early_search
        query.display = False
        query.value = ""

    def action_toggle_navigation(self) -> None:
        """The breadcrumb's ≡ has nothing to show or hide yet."""
