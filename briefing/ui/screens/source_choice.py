"""Which of an entry's sources to open: a list to pick from by arrows and enter, or a click."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.model.entities import Source
from briefing.text import shorten, text


def source_line(source: Source) -> Text:
    """Its title, then where it is (or that it has no address), dimmed."""
    line = text(shorten(source.title, 70))
    where = shorten(source.url, 60) if source.url.strip() else "no address"
    line.append_text(text(f"  {where}", "dim"))
    return line


class SourceChoice(ModalScreen[Source | None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", tooltip="Open nothing", id="source_cancel"),
    ]

    def __init__(self, sources: Sequence[Source]) -> None:
        super().__init__()
        self.sources = list(sources)

    def compose(self) -> ComposeResult:
        with Vertical(id="source-choice"):
            yield Static(Text("Open which source?", style="bold"))
            yield OptionList(*(Option(source_line(s), id=str(i)) for i, s in enumerate(self.sources)))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.sources[event.option_index])
