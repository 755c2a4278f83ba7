"""Search as you type: a query input over ranked, highlighted results.

Each keystroke runs the query in an exclusive thread worker, so a newer
keystroke supersedes an older search still running and typing never waits
for results.  The screen's next frame waits for them, though, for at most
``ECHO_LIMIT_S`` (``PaintHold``): the typed character and its results then
reach the screen together.  The widget does not know where results come
from: the app hands it a ``search`` function (None while the index is still
being built).  The worker reports with a message (``ResultsReady`` or
``SearchFailed``) handled on the event loop, which drops a result for
anything but the query now typed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.search.query import QueryError, parse
from briefing.search.results import SearchHit, SearchResults
from briefing.text import input_line, text
from briefing.ui.messages import OpenEntry
from briefing.ui.paint_hold import PaintHold
from briefing.ui.widgets.query_input import QueryInput
from briefing.ui.widgets.result_list import ResultList

ECHO_LIMIT_S = 0.04
"""The longest a keystroke's echo waits for its results, so that both paint in one frame."""

Searcher = Callable[[str], SearchResults | None]
"""Runs a query; None means the index is not ready yet."""

HINT = Text(
    'words  "a phrase"  prefix*  a OR b  -word  kind:event  actor:NAME  type:ied  from:2020-09  to:2020-10',
    style="dim",
)


@dataclass(frozen=True)
class Shown:
    """The query whose results (or problem) the view holds, and since when: the next frame paints them.

    ``briefing bench`` times a keystroke to the first frame drawn after this.
    """

    query: str
    at: float


class SearchView(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "leave search", tooltip="Back to where you were", id="leave_search"),
        Binding("down", "to_results", "results", show=False, tooltip="From the query down to the results"),
        Binding(
            "up",
            "up",
            "earlier query",
            show=False,
            tooltip="In the query, the query before (kept across runs); on the first result, back to the query",
        ),
        Binding(
            "tab",
            "take_suggestion",
            "did you mean",
            tooltip="Search for what 'did you mean' offers",
            id="search.suggestion",
        ),
        Binding("ctrl+s", "save", "save", tooltip="Keep this search under a name, in the navigation", id="search.save"),
    ]

    class Left(Message):
        """The reader pressed escape in the search input: show what was there before."""

    class SaveAsked(Message):
        """The reader wants to keep the query (it parses) under a name."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Searched(Message):
        """A query worth remembering was used to open an entry."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class ResultsReady(Message, bubble=False):
        """A search finished (to the view itself, from its worker)."""

        def __init__(self, query: str, results: SearchResults) -> None:
            super().__init__()
            self.query = query
            self.results = results

    class SearchFailed(Message, bubble=False):
        """A search stopped on a problem the reader should see, such as a malformed query."""

        def __init__(self, query: str, problem: str) -> None:
            super().__init__()
            self.query = query
            self.problem = problem

    def __init__(self, search: Searcher | None, recent: Sequence[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.search = search
        self.recent = [input_line(query) for query in recent]  # from the settings file, shown when recalled
        self._recall = len(self.recent)
        self.results: SearchResults | None = None
        self.shown: Shown | None = None
        self._status_lines = 0
        self._hold = PaintHold(ECHO_LIMIT_S)

    def on_mount(self) -> None:
        # A watcher runs as the value changes, before the input's own repaint reaches the screen.
        self.watch(self.input, "value", self._typed, init=False)

    def on_unmount(self) -> None:
        self._hold.release()

    def compose(self) -> ComposeResult:
        yield QueryInput(placeholder="search the library and your notes", id="search-input")
        yield Static(HINT, id="search-status")
        yield ResultList(id="search-results")

    @property
    def input(self) -> QueryInput:
        return self.query_one("#search-input", QueryInput)

    @property
    def result_list(self) -> ResultList:
        return self.query_one("#search-results", ResultList)

    @property
    def cursor_id(self) -> str | None:
        """The hit under the cursor while the reader is in the results (what ``a`` annotates)."""
        results = self.result_list
        return results.cursor_id if results.has_focus else None

    def focus_input(self, query: str | None = None) -> None:
        """Focus the query, replaced by ``query`` if given, with the cursor at its end.

        Without ``query`` (``/`` again) the last query comes back selected: a
        reader who types looks for something new and replaces it (rather than
        ``khaz`` + ``kazali`` becoming ``khazkazali``), while an arrow key, home
        or end keeps it to edit.
        """
        if query is not None:
            self.input.value = input_line(query)
            self.input.cursor_position = len(self.input.value)
        else:
            self.input.select_all()
        self.input.focus()

    def ready(self, search: Searcher) -> None:
        """The index is built: run what the reader has typed so far."""
        self.search = search
        if self.input.value.strip():
            self._run(self.input.value)

    # -- typing -----------------------------------------------------------

    def _typed(self, value: str) -> None:
        if self.search is not None and value.strip():
            self._hold.hold(self.app)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        query = event.value
        if not query.strip():
            self._show(query, None)
            return
        if self.search is None:
            self._status(Text("indexing the library… results appear as soon as it is ready", style="italic"))
            return
        self._run(query)

    @work(thread=True, exclusive=True, group="search")
    def _run(self, query: str) -> None:
        worker = get_current_worker()
        search = self.search
        if search is None:
            return
        try:
            results = search(query)
        except BriefingError as exc:
            if not worker.is_cancelled:
                self.post_message(self.SearchFailed(query, str(exc)))
            return
        if not worker.is_cancelled and results is not None:
            self.post_message(self.ResultsReady(query, results))

    @on(ResultsReady)
    def _results_ready(self, message: ResultsReady) -> None:
        self._show(message.query, message.results)

    def _show(self, query: str, results: SearchResults | None) -> None:
        if query != self.input.value:
            return  # a newer keystroke's search will paint
        offered = self._suggestion() is not None
        self.results = results
        if (self._suggestion() is not None) != offered:
            self.refresh_bindings()  # only then: a footer redrawn on every key would slow typing
        self.result_list.show(results.hits if results is not None else ())
        self._status(HINT if results is None else _summary(results))
        self.shown = Shown(query, time.perf_counter())
        self._hold.release()

    @on(SearchFailed)
    def _failed(self, message: SearchFailed) -> None:
        if message.query == self.input.value:
            self._status(text(message.problem, "bold red", single_line=True))
            self.shown = Shown(message.query, time.perf_counter())
            self._hold.release()

    def _status(self, status: Text) -> None:
        """Relayout only when the status needs another number of lines: a relayout repaints the whole screen."""
        widget = self.query_one("#search-status", Static)
        lines = len(status.wrap(self.app.console, max(widget.size.width, 1))) if widget.size.width else 0
        widget.update(status, layout=lines != self._status_lines)
        self._status_lines = lines

    # -- choosing -----------------------------------------------------------

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._open(self.result_list.cursor_id)

    @on(ResultList.Chosen)
    def _chosen(self, event: ResultList.Chosen) -> None:
        event.stop()
        self._open(event.entity_id)

    def action_save(self) -> None:
        query = self.input.value.strip()
        if not query:
            self.notify("Type a query first: ctrl+s keeps it under a name", markup=False)
            return
        try:
            parse(query)
        except QueryError as exc:
            self.notify(f"Not kept: {exc}", severity="warning", markup=False)
            return
        self.post_message(self.SaveAsked(query))

    def step_hit(self, step: int) -> tuple[SearchHit, int, int] | None:
        """Move the results' cursor ``step`` hits on, round the ends: the hit, its number and how many (n and N)."""
        hits = self.result_list.hits
        if not hits:
            return None
        index = (self.result_list.cursor + step) % len(hits)
        self.result_list.cursor = index
        return hits[index], index + 1, len(hits)

    def _open(self, entity_id: str | None) -> None:
        if entity_id is None:
            return
        query = self.input.value.strip()
        if query:
            self.recent = [q for q in self.recent if q != query] + [query]
            self._recall = len(self.recent)
            self.post_message(self.Searched(query))
        self.post_message(OpenEntry(entity_id))

    # Bindings rather than a key handler, and set_focus rather than focus(): the app looks a
    # binding up from the focus of the moment each key reaches it, so once the focus has moved
    # here, the arrows right behind (a held key, a burst) go by the results' bindings.

    def on_key(self, event: events.Key) -> None:
        """A letter typed in the results is typed in the query (type to search), never a browser command.

        Every key bubbles up here before the bindings run; enter, the arrows and escape are not
        printable and go on to them.  Posted to the input rather than inserted, so a burst keeps
        its order.
        """
        if event.is_printable and self.screen.focused is self.result_list:
            event.stop()
            event.prevent_default()
            self.screen.set_focus(self.input)
            self.input.post_message(events.Key(event.key, event.character))

    def action_to_results(self) -> None:
        if self.result_list.hits:
            self.screen.set_focus(self.result_list)

    def action_up(self) -> None:
        """Up from the first hit goes back to the query (the list skips it); in the query, recalls."""
        if self.screen.focused is self.result_list:
            self.screen.set_focus(self.input)
        else:
            self._recall_previous()

    def _recall_previous(self) -> None:
        """Shell-like: each up arrow in the input brings back an earlier query."""
        if not self.recent:
            return
        self._recall = max(0, self._recall - 1)
        self.input.value = self.recent[self._recall]
        self.input.cursor_position = len(self.input.value)

    def action_leave(self) -> None:
        # Out of the query at once: keys typed right behind escape are commands ("q" quits), not letters.
        # The screen then focuses what was there before.
        self.screen.set_focus(None)
        self.post_message(self.Left())

    def _suggestion(self) -> str | None:
        results = self.results
        return results.suggestions[0] if results is not None and results.suggestions else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab takes the suggestion while there is one, and moves the focus as usual otherwise."""
        if action == "take_suggestion":
            return self._suggestion() is not None
        return True

    def action_take_suggestion(self) -> None:
        suggestion = self._suggestion()
        if suggestion is not None:
            self.focus_input(suggestion)


def _summary(results: SearchResults) -> Text:
    if not results.hits:
        summary = Text("no matches", style="italic")
    else:
        summary = Text(f"{results.matched} match{'es' if results.matched != 1 else ''}")
        if results.more:
            summary.append("  — more than shown: refine the query", style="dim")
    if results.suggestions:
        summary.append("  did you mean: ", style="dim")
        summary.append_text(text(", ".join(results.suggestions), "bold"))
        summary.append(" (tab)", style="dim")
    for warning in results.warnings:
        summary.append("  ")
        summary.append_text(text(warning, "yellow", single_line=True))
    return summary
