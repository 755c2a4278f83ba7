"""The one-line filter above a list (the entry lists, the Notes list): it narrows the list as you type."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType

from briefing.ui.widgets.text_entry import LineInput


class FilterLine(LineInput):
    """``/`` typed while it is empty starts the search of the whole library, as it does anywhere else; once
    the filter holds words a slash is one of their letters (``tag:a/b``, a URL).  ``enter`` or ``↓`` goes
    to the rows (the list hears ``Input.Submitted``), the filter kept."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,down", "submit", "to the list", key_display="enter", tooltip="To the rows, the filter kept"),
    ]

    def types(self, event: events.Key) -> bool:
        if event.character == "/" and not self.value:
            return False
        return super().types(event)
