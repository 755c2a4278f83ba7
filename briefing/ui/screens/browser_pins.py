"""Pins (bookmarks): ``b`` pins or unpins the entry the reader is on; the navigation lists the pinned entries.

A base of :class:`~briefing.ui.screens.browser.BrowserScreen`.  The pins
file (``store/pins.py``) is read and written in thread workers, which post
what the pins now are.  A pin on an entry the library no longer has stays
in the file (the briefing may come back) but is not listed.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.message import Message

from briefing.errors import BriefingError
from briefing.library import Library
from briefing.notebook import Notebook
from briefing.store.pins import load_pins, set_pin
from briefing.text import shorten
from briefing.ui.places import place_of
from briefing.ui.screens.browser_notes import NoteKeeping
from briefing.ui.widgets.navigation import Navigation


class Pinning(NoteKeeping):
    def __init__(self, library: Library, notebook: Notebook) -> None:
        super().__init__(library, notebook)
        self.pins: tuple[str, ...] = ()
        self.pins_file: Path | None = None
        """Where the pins are kept; None: nowhere (pinning says so)."""

    class PinsRead(Message):
        def __init__(self, pins: tuple[str, ...], changed: str | None = None, pinned: bool = False) -> None:
            super().__init__()
            self.pins = pins
            self.changed = changed
            self.pinned = pinned

    class PinsProblem(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def action_pin(self) -> None:
        """Pin the entry the reader is on, or unpin it if it is pinned."""
        target = self.entry_here("Open an entry first: b pins the entry you are on")
        if target is None:
            return
        if self.pins_file is None:
            self.notify("Pins are not kept here", severity="warning", markup=False)
            return
        self._write_pin(self.pins_file, target, target not in self.pins)

    @work(thread=True, group="pins")
    def read_pins(self, path: Path) -> None:
        try:
            self.post_message(self.PinsRead(load_pins(path)))
        except BriefingError as exc:
            self.post_message(self.PinsProblem(f"Pins are unavailable: {exc}"))

    @work(thread=True, group="pins")
    def _write_pin(self, path: Path, target: str, pinned: bool) -> None:
        try:
            self.post_message(self.PinsRead(set_pin(path, target, pinned), target, pinned))
        except BriefingError as exc:
            self.post_message(self.PinsProblem(f"Not {'pinned' if pinned else 'unpinned'}: {exc}"))

    @on(PinsRead)
    def _pins_read(self, message: PinsRead) -> None:
        self.pins = message.pins
        listed = []
        for entity_id in self.pins:
            place = place_of(self.library, entity_id)
            if place is not None:
                listed.append((self.library.label(entity_id), place))
        self.query_one(Navigation).show_pins(listed)
        self.marks_changed()
        if message.changed is not None:
            label = shorten(self.library.label(message.changed), 60)
            said = f"Pinned {label} (the navigation lists your pins)" if message.pinned else f"Unpinned {label}"
            self.notify(said, markup=False)

    @on(PinsProblem)
    def _pins_problem(self, message: PinsProblem) -> None:
        self.notify(message.problem, severity="error", markup=False)
