"""Exporting from the browser: the briefing the reader is in, or the whole library, to a file they name.

A base of :class:`~briefing.ui.screens.browser.BrowserScreen`.  The writing
is the command line's (``briefing.export_files``: never over the reader's
own data, a file replaced only when they say yes), handed to the screen by
the app as ``exporter``; it runs in a thread worker, which posts what came
of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.message import Message

from briefing.errors import BriefingError
from briefing.export.summary import ExportSummary
from briefing.export_files import ExportRequest, would_replace
from briefing.model.ids import slug_of
from briefing.text import path, shorten
from briefing.ui.screens.browser_notes import NoteKeeping
from briefing.ui.screens.confirm import Confirm
from briefing.ui.screens.export_dialog import ExportDialog

Exporter = Callable[[ExportRequest], ExportSummary]


class Exporting(NoteKeeping):
    exporter: Exporter | None = None
    """Writes an export (the app's workspace behind it); None where nothing may be written."""

    class Exported(Message):
        def __init__(self, request: ExportRequest, summary: ExportSummary) -> None:
            super().__init__()
            self.request = request
            self.summary = summary

    class NotExported(Message):
        def __init__(self, request: ExportRequest, problem: str) -> None:
            super().__init__()
            self.request = request
            self.problem = problem

    def action_export(self, whole: bool = False) -> None:
        """Ask what to export of the briefing the reader is in (of the library with ``whole``, or with none)."""
        self._ask(None if whole else self.briefing_here(), None)

    def briefing_here(self) -> str | None:
        """The briefing the reader is in (the browser knows)."""
        return None

    def _ask(self, briefing_id: str | None, last: ExportRequest | None) -> None:
        what = self.library.label(briefing_id) if briefing_id else "the whole library"
        slug = slug_of(briefing_id) if briefing_id else "library"

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._check_and_export(request)

        self.app.push_screen(ExportDialog(what, briefing_id, slug, last), chosen)

    def _check_and_export(self, request: ExportRequest) -> None:
        if request.force or not would_replace(request.path):
            self._export(request)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._export(replace(request, force=True))
            else:
                self._ask(request.briefing_id, request)

        question = Text(f"{path(request.path)} already exists. Replace it?")
        self.app.push_screen(Confirm(question), answered)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest) -> None:
        if self.exporter is None:
            self.post_message(self.NotExported(request, "exporting is not available here"))
            return
        try:
            summary = self.exporter(request)
        except (BriefingError, OSError) as exc:
            self.post_message(self.NotExported(request, str(exc)))
            return
        self.post_message(self.Exported(request, summary))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        said = message.summary.written(path(message.request.path))
        if message.summary.left_out():
            said += f" ({message.summary.left_out().replace('--notes includes', 'Include my notes adds')})"
        self.notify(said[:1].upper() + said[1:], markup=False)

    @on(NotExported)
    def _not_exported(self, message: NotExported) -> None:
        self.notify(f"Not exported: {shorten(message.problem, 300)}", severity="error", markup=False)
        self._ask(message.request.briefing_id, message.request)
