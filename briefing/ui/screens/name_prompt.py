"""A name for a search the reader keeps: one line, checked before it is taken."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from briefing.model.saved_searches import NAME_MAX, SearchNameError, checked_name
from briefing.text import shorten, text
from briefing.ui.widgets.text_entry import LineInput


class NamePrompt(ModalScreen[str | None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", tooltip="Keep nothing", id="name_prompt.cancel"),
    ]

    def __init__(self, query: str, name: str | None = None) -> None:
        """Name a search of ``query``; with ``name``, a new name for the search that has it."""
        super().__init__()
        self.query_text = query
        self.old_name = name

    def compose(self) -> ComposeResult:
        with Vertical(id="name-prompt"):
            renaming = self.old_name is not None
            title = Text("Rename the saved search " if renaming else "Save the search ", style="bold")
            title.append_text(text(shorten(self.old_name or self.query_text, 50), "bold"))
            yield Static(title)
            yield Static(Text("Its name in the navigation (enter keeps it, escape does not):", style="dim"))
            start = self.old_name if self.old_name is not None else self.query_text[:NAME_MAX]
            yield LineInput(start, max_length=NAME_MAX, compact=True, id="name-input")
            yield Static(id="name-problem")

    @on(Input.Submitted, "#name-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            name = checked_name(event.value)
        except SearchNameError as exc:
            self.query_one("#name-problem", Static).update(text(str(exc), "bold red"))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
