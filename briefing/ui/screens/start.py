"""What the reader sees while the library loads: where they are, how far loading has got, the keys.

It is the app's first screen, so it stays small on purpose: it imports no
data layer and none of the browser's widgets, and the first frame is on
screen after little more than Textual's own start-up.  The browser screen
replaces it once there is a library to show.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from briefing.ui.widgets.breadcrumb import Breadcrumb
from briefing.ui.widgets.loading import LoadingPanel


class StartScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Breadcrumb(id="breadcrumb")
        yield LoadingPanel(id="loading")
        yield Footer(compact=True)

    def progress(self, done: int, total: int) -> None:
        self.query_one(LoadingPanel).progress(done, total)

    def action_toggle_navigation(self) -> None:
        """The breadcrumb's ≡ has nothing to show or hide yet."""
