"""Search as you type: a query input over ranked, highlighted results.

Each keystroke runs the query in an exclusive thread worker, so a newer
keystroke supersedes an older search still running and typing never waits
for results.  The widget does not know where results come from: the app
hands it a ``search`` function (None while the index is still being built).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.search.results import SearchHit, SearchResults
from briefing.text import highlighted, text
from briefing.ui.messages import Navigate

Searcher = Callable[[str], SearchResults | None]
"""Runs a query; None means the index is not ready yet."""

HINT = Text(
    'words  "a phrase"  prefix*  a OR b  -word  kind:event  actor:NAME  type:ied  from:2020-09  to:2020-10',
    style="dim",
)
FIRST_PAINT = 10
"""Hits drawn before the first frame after a keystroke; more than fit the list at 120x40."""


@dataclass(frozen=True)
class Painted:
    """The query whose results are on screen, and when they got there (for the bench)."""

    query: str
    at: float


class SearchView(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "leave search", tooltip="Back to where you were", id="leave_search"),
    ]

    class Left(Message):
        """The reader pressed escape in the search input: show what was there before."""

    class Searched(Message):
        """A query worth remembering was used to open an entry."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def __init__(self, search: Searcher | None, recent: Sequence[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.search = search
        self.recent = list(recent)
        self._recall = len(self.recent)
        self.results: SearchResults | None = None
        self.painted: Painted | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search the library and your notes", id="search-input")
        yield Static(HINT, id="search-status")
        yield OptionList(id="search-results")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    def focus_input(self) -> None:
        self.input.focus()

    def ready(self, search: Searcher) -> None:
        """The index is built: run what the reader has typed so far."""
        self.search = search
        if self.input.value.strip():
            self._run(self.input.value)

    # -- typing -----------------------------------------------------------

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
                self.app.call_from_thread(self._problem, query, str(exc))
            return
        if not worker.is_cancelled and results is not None:
            self.app.call_from_thread(self._show, query, results)

    def _show(self, query: str, results: SearchResults | None) -> None:
        if query != self.input.value:
            return  # a newer keystroke's search will paint
        self.results = results
        options = self.options
        options.clear_options()
        if results is None:
            self._status(HINT)
        else:
            # A screenful first, the rest after that frame: building rows is the slow part of a keystroke.
            first = results.hits[:FIRST_PAINT]
            options.add_options(_option(hit) for hit in first)
            if first:
                options.highlighted = 0
            self._status(_summary(results))
        self.call_after_refresh(self._painted, query)
        if results is not None and len(results.hits) > FIRST_PAINT:
            self.call_after_refresh(self._add_rest, query, results.hits[FIRST_PAINT:])

    def _add_rest(self, query: str, hits: list[SearchHit]) -> None:
        if query == self.input.value and self.results is not None:
            self.options.add_options(_option(hit) for hit in hits)

    def _problem(self, query: str, message: str) -> None:
        if query == self.input.value:
            self._status(text(message, "bold red", single_line=True))
            self.call_after_refresh(self._painted, query)

    def _painted(self, query: str) -> None:
        self.painted = Painted(query, time.perf_counter())

    def _status(self, status: Text) -> None:
        self.query_one("#search-status", Static).update(status)

    # -- choosing -----------------------------------------------------------

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.options
        if options.option_count:
            self._open(options.get_option_at_index(options.highlighted or 0).id)

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def _open(self, entity_id: str | None) -> None:
        if entity_id is None:
            return
        query = self.input.value.strip()
        if query:
            self.recent = [q for q in self.recent if q != query] + [query]
            self._recall = len(self.recent)
            self.post_message(self.Searched(query))
        self.post_message(Navigate(entity_id))

    def on_key(self, event) -> None:
        if self.input.has_focus and event.key in ("up", "down"):
            event.stop()
            event.prevent_default()
            if event.key == "down":
                if self.options.option_count:
                    self.options.focus()
            else:
                self._recall_previous()
        elif self.options.has_focus and event.key == "up" and self.options.highlighted in (0, None):
            event.stop()
            self.input.focus()

    def _recall_previous(self) -> None:
        """Shell-like: each up arrow in the input brings back an earlier query."""
        if not self.recent:
            return
        self._recall = max(0, self._recall - 1)
        self.input.value = self.recent[self._recall]
        self.input.cursor_position = len(self.input.value)

    def action_leave(self) -> None:
        self.post_message(self.Left())


_KIND_STYLE = {
    "actor": "bold cyan",
    "claim": "bold magenta",
    "event": "bold yellow",
    "source": "bold green",
    "briefing": "bold blue",
    "note": "bold red",
}


def _option(hit: SearchHit) -> Option:
    line = Text(f"{hit.kind:<8} ", style=_KIND_STYLE.get(str(hit.kind), "bold"))
    line.append_text(highlighted(hit.title, list(hit.title_spans)))
    if hit.date:
        line.append_text(text(f"  · {hit.date}", "dim"))
    if hit.snippet:
        line.append("\n  ")
        line.append_text(highlighted(hit.snippet, list(hit.spans)))
        line.stylize("dim", line.plain.index("\n"), None)
    return Option(line, id=hit.id)


def _summary(results: SearchResults) -> Text:
    if not results.hits:
        summary = Text("no matches", style="italic")
    else:
        summary = Text(f"{results.matched} match{'es' if results.matched != 1 else ''}")
        if results.more:
            summary.append("  — more than shown: refine the query", style="dim")
        summary.append(f"  ({results.elapsed_ms:.1f} ms)", style="dim")
    if results.suggestions:
        summary.append("  did you mean: ", style="dim")
        summary.append_text(text(", ".join(results.suggestions), "bold"))
    for warning in results.warnings:
        summary.append("  ")
        summary.append_text(text(warning, "yellow", single_line=True))
    return summary
