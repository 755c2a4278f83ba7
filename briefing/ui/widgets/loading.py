"""Shown while the library loads: what is happening and how far it has got."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.widgets import LoadingIndicator, ProgressBar, Static


class LoadingPanel(VerticalGroup):
    def compose(self) -> ComposeResult:
        yield Static(Text("Loading the library…"), id="loading-message")
        yield LoadingIndicator()
        yield ProgressBar(total=None, show_eta=False, id="loading-progress")

    def progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.query_one("#loading-message", Static).update(Text(f"Loading the library… {done} of {total} briefings"))
