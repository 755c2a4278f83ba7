"""The reader's saved searches in the browser: keeping one (ctrl+s in search), running, counting, forgetting.

A base of :class:`~briefing.ui.screens.browser.BrowserScreen`.  The
settings file is the app's to write (``KeepSearch``, ``ForgetSearch``); the
app hands the searches back with ``show_saved``.  The counts come from the
search index, in a thread worker, once it is ready.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.library import Library
from briefing.model.saved_searches import SavedSearch
from briefing.notebook import Notebook
from briefing.text import text
from briefing.ui.messages import ForgetSearch, KeepSearch, RenameSearch
from briefing.ui.screens.browser_notes import NoteKeeping
from briefing.ui.screens.confirm import Confirm
from briefing.ui.screens.name_prompt import NamePrompt
from briefing.ui.widgets.navigation import Navigation
from briefing.ui.widgets.search_view import SearchView

Counter = Callable[[str], tuple[int, bool]]
"""How many entries a query finds, and whether at least that many."""


class SavedSearches(NoteKeeping):
    def __init__(self, library: Library, notebook: Notebook) -> None:
        super().__init__(library, notebook)
        self.saved: tuple[SavedSearch, ...] = ()
        self._counter: Counter | None = None
        self._counts: dict[str, str] = {}
        """Each saved search's count as shown ("14", "300+", "?" for a query the index refuses)."""

    class Counted(Message):
        def __init__(self, counts: dict[str, str]) -> None:
            super().__init__()
            self.counts = counts

    def show_saved(self, searches: Sequence[SavedSearch]) -> None:
        """Show ``searches`` in the navigation, and count them once the index can."""
        self.saved = tuple(searches)
        self.query_one(Navigation).show_saved(self.saved, self._counts)
        self._count()

    def count_with(self, counter: Counter) -> None:
        """The search index is ready: counts can be had."""
        self._counter = counter
        self._count()

    def _count(self) -> None:
        if self._counter is not None and self.saved:
            self._count_all(self._counter, tuple(self.saved))

    @work(thread=True, exclusive=True, group="saved-counts")
    def _count_all(self, counter: Counter, searches: tuple[SavedSearch, ...]) -> None:
        counts: dict[str, str] = {}
        for search in searches:
            if get_current_worker().is_cancelled:
                return
            try:
                found, at_least = counter(search.query)
            except BriefingError:
                counts[search.name] = "?"
                continue
            counts[search.name] = f"{found:,}{'+' if at_least else ''}"
        self.post_message(self.Counted(counts))

    @on(Counted)
    def _counted(self, message: Counted) -> None:
        self._counts = message.counts
        self.query_one(Navigation).show_saved(self.saved, self._counts)

    @on(SearchView.SaveAsked)
    def _save_asked(self, message: SearchView.SaveAsked) -> None:
        message.stop()
        query = message.query

        def named(name: str | None) -> None:
            if name is not None:
                self.post_message(KeepSearch(SavedSearch(name, query)))

        self.app.push_screen(NamePrompt(query), named)

    @on(Navigation.SearchChosen)
    def _search_chosen(self, message: Navigation.SearchChosen) -> None:
        message.stop()
        self.open_saved(message.search)

    def open_saved(self, search: SavedSearch) -> None:
        """The search view with the saved query run (as typed: what a saved search finds is what search finds)."""

    @on(Navigation.RenameAsked)
    def _rename_asked(self, message: Navigation.RenameAsked) -> None:
        message.stop()
        search = message.search

        def named(name: str | None) -> None:
            if name is not None and name != search.name:
                self.post_message(RenameSearch(search.name, name))

        self.app.push_screen(NamePrompt(search.query, search.name), named)

    @on(Navigation.ForgetAsked)
    def _forget_asked(self, message: Navigation.ForgetAsked) -> None:
        message.stop()
        name = message.search.name

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(ForgetSearch(name))

        question = Text("Forget the saved search ")
        question.append_text(text(name, "bold"))
        question.append("? (what it finds stays in the library)")
        self.app.push_screen(Confirm(question), answered)
