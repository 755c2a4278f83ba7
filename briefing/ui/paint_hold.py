"""Hold the app's next frame briefly, so an edit and its consequence paint together.

Typing in the search input changes two things a reader sees: the echoed
character at once, and the results a few milliseconds later when the search
returns.  Painted as they happen that is two frames per key, and Textual
starts the second no sooner than one frame interval after the first (often
two), so the results of a key land 30-60 ms after it.  Holding the frame
until the results are in paints both at once, one frame after the search.
The hold always ends after ``limit`` seconds, so a slow search never delays
the echo by more than that.
"""

from __future__ import annotations

from contextlib import ExitStack

from textual.app import App, ScreenStackError
from textual.timer import Timer


class PaintHold:
    def __init__(self, limit: float) -> None:
        self.limit = limit
        self._app: App[object] | None = None
        self._batch: ExitStack | None = None
        self._timer: Timer | None = None

    def hold(self, app: App[object]) -> None:
        """Hold ``app``'s frames until ``release``, or ``limit`` seconds after the first of several holds."""
        if self._batch is not None:
            return
        # App.batch_update, held open across the timer rather than a with block.
        batch = ExitStack()
        batch.enter_context(app.batch_update())
        self._app, self._batch = app, batch
        self._timer = app.set_timer(self.limit, self.release, name="paint-hold")

    def release(self) -> None:
        """Paint what changed meanwhile (safe to call when nothing is held)."""
        app, batch, timer = self._app, self._batch, self._timer
        self._app = self._batch = self._timer = None
        if app is None or batch is None:
            return
        if timer is not None:
            timer.stop()
        batch.close()
        try:
            screen = app.screen
        except ScreenStackError:
            return  # the app is closing
        # Updates requested during the hold are waiting for the screen's next idle.
        screen.check_idle()
