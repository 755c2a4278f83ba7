"""What to copy of an entry: as text, as a citation, as its id; by key or click."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from briefing.clip import ClipKind
from briefing.text import shorten, text

BUTTONS: tuple[tuple[ClipKind, str], ...] = (("text", "As text  t"), ("citation", "Citation  c"), ("id", "Id  i"))


class CopyChoice(ModalScreen[ClipKind | None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "choose('text')", "as text", tooltip="Copy the entry as plain text", id="copy_choice.text"),
        Binding(
            "c", "choose('citation')", "citation", tooltip="Copy a citation of its source", id="copy_choice.citation"
        ),
        Binding("i", "choose('id')", "id", tooltip="Copy its id (KIND:slug)", id="copy_choice.id"),
        Binding("escape", "cancel", "cancel", tooltip="Copy nothing", id="copy_choice.cancel"),
    ]

    def __init__(self, about: str) -> None:
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-choice"):
            title = Text("Copy ", style="bold")
            title.append_text(text(shorten(self.about, 50), "bold"))
            yield Static(title)
            with Horizontal():
                for kind, label in BUTTONS:
                    yield Button(label, id=f"copy-{kind}")

    def action_choose(self, kind: ClipKind) -> None:
        self.dismiss(kind)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        chosen = next(kind for kind, _label in BUTTONS if event.button.id == f"copy-{kind}")
        self.dismiss(chosen)
