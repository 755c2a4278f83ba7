"""Export from the browser: a format, a file and whether to include the reader's notes, then Export.

The dialog only asks; the browser writes (``briefing.export_files``, the
rule ``briefing export -o`` follows) in a worker and tells the reader what
it wrote, or why not, and then this dialog comes back with what they typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from briefing.export.registry import EXPORTERS
from briefing.export_files import ExportRequest
from briefing.text import shorten, text
from briefing.ui.widgets.text_entry import LineInput

DEFAULT_FORMAT = "md"
"""A brief to read first: what an analyst most often hands on."""


def default_path(slug: str, format: str) -> Path:
    """``<briefing-slug>.<suffix>`` in the folder the browser was started from (``.stix.json`` beside ``.json``)."""
    suffix = EXPORTERS[format].suffix
    shared = any(other.suffix == suffix and name != format for name, other in EXPORTERS.items())
    if shared and suffix != f".{format}":
        suffix = f".{format}{suffix}"
    return Path(f"{slug}{suffix}")


class ExportDialog(ModalScreen[ExportRequest | None]):
    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", tooltip="Close without exporting", id="export.cancel"),
    ]

    def __init__(self, what: str, briefing_id: str | None, slug: str, last: ExportRequest | None = None) -> None:
        super().__init__()
        self.what = what
        self.briefing_id = briefing_id
        self.slug = slug
        self.last = last
        """The reader's last try, shown again after a problem so that they can fix the path."""

    def compose(self) -> ComposeResult:
        format = self.last.format if self.last else DEFAULT_FORMAT
        with Vertical(id="export-dialog"):
            title = Text("Export ", style="bold")
            title.append_text(text(shorten(self.what, 60), "bold"))
            yield Static(title)
            yield Label("Format")
            options = [(text(f"{name}: {shorten(e.description, 60)}"), name) for name, e in EXPORTERS.items()]
            yield Select[str](options, value=format, allow_blank=False, compact=True, id="export-format")
            yield Label("File (an existing one is replaced only if you say so)")
            path = self.last.path if self.last else default_path(self.slug, format)
            yield LineInput(str(path), compact=True, id="export-path")
            yield Checkbox(
                "Include my notes", self.last.with_notes if self.last else False, compact=True, id="export-notes"
            )
            with Horizontal(id="export-buttons"):
                yield Button("Export  enter", variant="primary", compact=True, id="export")
                yield Button("Cancel  esc", compact=True, id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        """A new format gives the file its suffix, if the name is still the one offered."""
        path_input = self.query_one("#export-path", Input)
        offered = {str(default_path(self.slug, name)) for name in EXPORTERS}
        if path_input.value in offered and isinstance(event.value, str):
            path_input.value = str(default_path(self.slug, event.value))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self.notify("Give a file to export to", severity="warning", markup=False)
            return
        format = self.query_one("#export-format", Select).value
        self.dismiss(
            ExportRequest(
                format if isinstance(format, str) else DEFAULT_FORMAT,
                self.briefing_id,
                Path(typed).expanduser(),
                with_notes=self.query_one("#export-notes", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
