"""Copying an entry (as text, a citation, its id) and opening its source's address in the web browser.

A base of :class:`~briefing.ui.screens.browser.BrowserScreen`, as the notes
are.  What is copied and which addresses may open are decided outside the
UI (``briefing.clip``, ``briefing.urls``); here the keys, the dialogs and
the notices.  The clipboard is Textual's ``copy_to_clipboard`` (OSC 52, so
it works over ssh) and the address goes to ``App.open_url`` (which
textual-serve hands to the reader's own browser).
"""

from __future__ import annotations

from briefing.clip import CLIP_NAMES, ClipKind, clip, sources_of
from briefing.errors import BriefingError
from briefing.model.entities import Source
from briefing.text import shorten
from briefing.ui.screens.browser_notes import NoteKeeping
from briefing.ui.screens.copy_choice import CopyChoice
from briefing.ui.screens.source_choice import SourceChoice
from briefing.urls import AddressError, openable

NO_ENTRY = "Open an entry first"


class EntryHabits(NoteKeeping):
    def action_copy(self) -> None:
        """Ask what to copy of the entry the reader is on, then copy it."""
        target = self.entry_here(f"{NO_ENTRY}: there is nothing to copy")
        if target is None:
            return

        def chosen(kind: ClipKind | None) -> None:
            if kind is not None:
                self.copy_entry(kind, target)

        self.app.push_screen(CopyChoice(self.library.label(target)), chosen)

    def copy_entry(self, kind: ClipKind, target: str | None = None) -> None:
        """Copy ``target`` (else the entry the reader is on) to the clipboard as ``kind``, and say so."""
        target = target or self.entry_here(f"{NO_ENTRY}: there is nothing to copy")
        if target is None:
            return
        try:
            copied = clip(self.library, target, kind)
        except BriefingError as exc:
            self.notify(f"Nothing copied: {exc}", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(copied.value)
        self.notify(f"Copied {CLIP_NAMES[kind]} of {shorten(copied.about, 60)}", markup=False)

    def action_copy_id(self) -> None:
        self.copy_entry("id")

    def action_open_source(self) -> None:
        """Open the address of the entry's source; with several sources, ask which."""
        target = self.entry_here(f"{NO_ENTRY}: its source's address is what o opens")
        if target is None:
            return
        sources = sources_of(self.library, target)
        if not sources:
            self.notify(f"{shorten(self.library.label(target), 60)} has no source", markup=False)
        elif len(sources) == 1:
            self.open_address(sources[0])
        else:

            def chosen(source: Source | None) -> None:
                if source is not None:
                    self.open_address(source)

            self.app.push_screen(SourceChoice(sources), chosen)

    def open_address(self, source: Source) -> None:
        """Hand the source's address to the web browser if it is a web address; else say why not."""
        if not source.url.strip():
            self.notify(f"{shorten(source.title, 60)} has no address to open", markup=False)
            return
        try:
            url = openable(source.url)
        except AddressError as exc:
            self.notify(f"Not opened: {exc}", severity="warning", markup=False)
            return
        self.app.open_url(url)
        self.notify(f"Opening {shorten(url, 80)}", markup=False)
