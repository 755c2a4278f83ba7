"""Unread marks and What's new: entries that arrived since the reader last looked are unread until opened.

A base of :class:`~briefing.ui.screens.browser.BrowserScreen`.  The marks
file (``store/unread.py``) is read (``news.look``: the first look sets the
baseline) and written in thread workers, which post the marks as they now
are.  Unread rows carry a dot in the lists; the navigation's "What's new"
counts them and opens their list; ``R`` marks the entry the reader is on
unread, or read again; ``A`` in What's new marks everything read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets.tree import TreeNode

from briefing.errors import BriefingError
from briefing.library import Library
from briefing.news import look
from briefing.notebook import Notebook
from briefing.store.unread import UnreadMarks, change_unread
from briefing.text import shorten
from briefing.ui.places import Place, View
from briefing.ui.screens.browser_notes import NoteKeeping
from briefing.ui.screens.confirm import Confirm
from briefing.ui.widgets.navigation import Item, Navigation
from briefing.ui.widgets.news_list import NewsList

NEWS_LABEL = "What's new"


class Reading(NoteKeeping):
    def __init__(self, library: Library, notebook: Notebook) -> None:
        super().__init__(library, notebook)
        self.unread: Mapping[str, str] = {}
        """Each unread entry and when it arrived, oldest first."""
        self.unread_file: Path | None = None
        """Where the marks are kept; None: nowhere (``R`` says so)."""
        self.news_node: TreeNode[Item] | None = None

    class MarksRead(Message):
        def __init__(self, marks: UnreadMarks, said: str | None = None) -> None:
            super().__init__()
            self.marks = marks
            self.said = said

    class MarksProblem(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def show_news_node(self) -> None:
        self.news_node = self.query_one(Navigation).add_entry(Text(NEWS_LABEL), Place(View.NEWS))

    @work(thread=True, group="unread")
    def read_marks(self, path: Path) -> None:
        try:
            self.post_message(self.MarksRead(look(path, self.library)))
        except BriefingError as exc:
            self.post_message(self.MarksProblem(f"Unread marks are unavailable: {exc}"))

    @work(thread=True, group="unread")
    def _change_marks(
        self,
        path: Path,
        arrived: Iterable[str] = (),
        read: Iterable[str] = (),
        *,
        all_read: bool = False,
        said: str | None = None,
    ) -> None:
        try:
            marks = change_unread(path, arrived=list(arrived), read=list(read), all_read=all_read)
            self.post_message(self.MarksRead(marks, said))
        except BriefingError as exc:
            self.post_message(self.MarksProblem(f"Not marked: {exc}"))

    def entry_opened(self, entity_id: str | None) -> None:
        """An entry the reader opened is read."""
        if entity_id is not None and entity_id in self.unread and self.unread_file is not None:
            self._change_marks(self.unread_file, read=[entity_id])

    def action_toggle_read(self) -> None:
        """Mark the entry the reader is on unread, or read if it is unread."""
        target = self.entry_here("Open an entry first: R marks the entry you are on unread")
        if target is None:
            return
        if self.unread_file is None:
            self.notify("Unread marks are not kept here", severity="warning", markup=False)
            return
        label = shorten(self.library.label(target), 60)
        if target in self.unread:
            self._change_marks(self.unread_file, read=[target], said=f"Marked {label} read")
        else:
            self._change_marks(self.unread_file, arrived=[target], said=f"Marked {label} unread (in What's new)")

    @on(NewsList.AllRead)
    def _all_read(self, message: NewsList.AllRead) -> None:
        message.stop()
        self.action_all_read()

    def action_all_read(self) -> None:
        path, count = self.unread_file, len(self.unread)
        if path is None or not count:
            self.notify("Nothing is unread", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._change_marks(path, all_read=True, said=f"Marked {count:,} entries read")

        self.app.push_screen(Confirm(Text(f"Mark all {count:,} unread entries read?")), answered)

    @on(MarksRead)
    def _marks_read(self, message: MarksRead) -> None:
        self.unread = message.marks.unread
        if self.news_node is not None:
            shown = sum(1 for entity_id in self.unread if entity_id in self.library)
            self.news_node.set_label(Text.assemble(NEWS_LABEL + " ", (f"{shown:,}", "bold" if shown else "dim")))
        self.marks_changed()
        for news in self.query(NewsList):
            news.show(self.library, self.unread)
        if message.said is not None:
            self.notify(message.said, markup=False)

    @on(MarksProblem)
    def _marks_problem(self, message: MarksProblem) -> None:
        self.notify(message.problem, severity="error", markup=False)
