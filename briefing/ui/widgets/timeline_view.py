"""The timeline: a chart of events per week by series above the month-grouped list, with filters.

Filtering, counting and grouping run in a thread worker (a new keystroke
cancels the previous run), so 100,000 events never freeze the screen; the
list draws only the rows in view.  The workers report with messages
(``Prepared``, ``Filtered``) handled on the event loop, which alone sets
the view's state.  The detail pane below follows the list's cursor: the
view says which event is under it (``EntryHighlighted``) when it opens and
when a filter moves the cursor, and ``NothingHighlighted`` when the filters
hide every event.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Select, Static
from textual.worker import get_current_worker

from briefing.library import Library
from briefing.model.entities import Actor, Event
from briefing.model.vocabulary import EntityKind, event_kind_short_label
from briefing.text import join, text
from briefing.timeline import (
    Filter,
    Row,
    Tally,
    filter_events,
    month_rows,
    next_zoom,
    tally,
)
from briefing.timeline_filters import (
    ActorPart,
    actor_parts,
    actors_by_mentions,
    date_bounds,
    kind_counts,
    series_counts,
)
from briefing.ui.messages import EntryHighlighted
from briefing.ui.series_colours import MAX_COMPARED
from briefing.ui.widgets.event_list import EventList
from briefing.ui.widgets.text_entry import LastNameSuggester, LineInput
from briefing.ui.widgets.timeline_chart import TimelineChart

_SERIES_PREFIX = "series:"
_KIND_PREFIX = "kind:"
_TYPED = ("#timeline-actor", "#timeline-from", "#timeline-to")
"""The filters the reader types into."""


@dataclass(frozen=True, slots=True)
class Typed:
    """What the reader has typed into the actor, from and to filters."""

    actors: str = ""
    first: str = ""
    last: str = ""


class TimelineView(Vertical):
    """Events per week by series (chart) over the month-grouped list; filter by kind, series, actors, dates or bar."""

    DEFAULT_CSS = """
    TimelineView { height: 1fr; }
    TimelineView > TimelineChart { height: 40%; min-height: 6; max-height: 14; }
    TimelineView > #timeline-filters { height: 1; }
    TimelineView #timeline-kind { width: 24; margin-right: 1; }
    /* Compact, the menu would have no edge of its own and run into the panes' borders below. */
    TimelineView #timeline-kind > SelectOverlay { width: 28; border: round $border !important; background: $surface; }
    TimelineView #timeline-actor { width: 1fr; margin-right: 1; }
    TimelineView #timeline-from, TimelineView #timeline-to { width: 13; }
    TimelineView #timeline-to { margin-left: 1; }
    TimelineView > #timeline-status {
        height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    TimelineView > #timeline-status.-problem { height: auto; max-height: 3; text-wrap: wrap; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "z", "zoom", "zoom", tooltip="Wider bars (week, month, quarter, year), then weeks again", id="timeline.zoom"
        ),
        Binding("K", "filter_kind", "kind", tooltip="Filter by event kind or chart series", id="timeline.kind"),
        Binding(
            "f",
            "filter_actor",
            "actors",
            tooltip="Type actors' names or aliases, comma-separated: their events alone",
            priority=True,  # so the focus has moved before the name typed right behind it is routed
            id="timeline.actors",
        ),
        Binding(
            "d",
            "filter_dates",
            "dates",
            tooltip="Type a span of dates (from, to): 2020-09-20, 2020-09, 2020 or 20 Sep 2020",
            priority=True,
            id="timeline.dates",
        ),
        Binding("x", "clear_filters", "clear", tooltip="Clear the filters", id="timeline.clear"),
        Binding("escape", "to_list", show=False, tooltip="From a filter back to the events"),
    ]

    class Prepared(Message, bubble=False):
        """The events in scope are loaded, with the choices of the filters drawn from them."""

        def __init__(self, events: list[Event], options: list[tuple[Text, str]], names: list[str]) -> None:
            super().__init__()
            self.events = events
            self.options = options
            self.names = names

    class Filtered(Message, bubble=False):
        """The events that pass ``rule`` and ``typed``, grouped for the list and counted for the chart."""

        def __init__(
            self,
            rule: Filter,
            typed: Typed,
            rows: list[Row],
            counts: tuple[int, int],
            charted: Tally,
            parts: list[ActorPart],
            problems: list[str],
        ) -> None:
            super().__init__()
            self.rule = rule
            self.typed = typed
            self.rows = rows
            self.shown, self.total = counts
            self.charted = charted
            self.parts = parts
            self.problems = problems

    class NothingHighlighted(Message):
        """The filters hide every event: the detail pane has no event of the timeline to show."""

    def __init__(
        self, library: Library, briefing_id: str | None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.library = library
        self.briefing_id = briefing_id
        self.rule = Filter()
        self.shown_count = 0
        self._events: list[Event] | None = None
        self._typed = Typed()
        self._wanted: str | None = None
        """The event the browser asked for before the events were in (a reloaded library's new timeline)."""

    def compose(self) -> ComposeResult:
        yield TimelineChart(id="timeline-chart")
        with Horizontal(id="timeline-filters"):
            yield Select[str]([], prompt="All kinds", compact=True, id="timeline-kind")
            yield LineInput(placeholder="actors, comma-separated", compact=True, id="timeline-actor")
            yield LineInput(placeholder="from", compact=True, id="timeline-from")
            yield LineInput(placeholder="to", compact=True, id="timeline-to")
        yield Static(id="timeline-status")
        yield EventList(id="timeline-list")

    def on_mount(self) -> None:
        self._prepare()

    def on_show(self) -> None:
        """Shown again (``t``, the navigation): the detail pane shows the event under the cursor."""
        self._announce()

    def focus(self, scroll_visible: bool = True) -> TimelineView:
        """Focus the list, which is where the reader starts."""
        self.query_one(EventList).focus(scroll_visible)
        return self

    def select(self, event_id: str) -> bool:
        """Put the list's cursor on an event (one the browser opened); False if the filters hide it.

        Before the events are in, the cursor goes there once they are.
        """
        if self._events is None or not self.is_mounted:
            self._wanted = event_id
            return True
        return self.query_one(EventList).select(event_id)

    @property
    def rows(self) -> list[Row]:
        """The list as shown: month headers and the events that pass the filters."""
        return self.query_one(EventList).rows

    @property
    def cursor_id(self) -> str | None:
        """The id of the event under the list's cursor (what ``a`` annotates)."""
        event = self.query_one(EventList).cursor_event
        return event.id if event is not None else None

    def _announce(self) -> None:
        """Tell the browser which event is under the cursor, so the detail pane shows that one."""
        cursor = self.cursor_id
        if cursor is not None:
            self.post_message(EntryHighlighted(cursor))
        elif self._events is not None:
            self.post_message(self.NothingHighlighted())

    # -- loading and filtering (thread workers) ------------------------------

    def _scope_actors(self) -> dict[str, Actor]:
        if self.briefing_id is None:
            return self.library.actors
        return {a.id: a for a in self.library.in_briefing(self.briefing_id, EntityKind.ACTOR) if isinstance(a, Actor)}

    @work(thread=True, exclusive=True, group="timeline-choices")
    def _prepare(self) -> None:
        """The events in scope and the choices of the filters, from every one of them."""
        events = self.library.timeline(self.briefing_id)
        options: list[tuple[Text, str]] = [
            (text(f"series: {name} · {n}"), _SERIES_PREFIX + name) for name, n in series_counts(events).items() if n
        ]
        options += [
            (text(f"{event_kind_short_label(kind)} · {n}"), _KIND_PREFIX + kind) for kind, _, n in kind_counts(events)
        ]
        names = [actor.name for actor in actors_by_mentions(events, self._scope_actors())]
        if not get_current_worker().is_cancelled:
            self.post_message(self.Prepared(events, options, names))

    @on(Prepared)
    def _prepared(self, message: Prepared) -> None:
        """The first filtering, with the filters as the reader has set them meanwhile."""
        self._events = message.events
        self.query_one("#timeline-kind", Select).set_options(message.options)
        self.query_one("#timeline-actor", Input).suggester = LastNameSuggester(message.names)
        self._set_rule(self.rule)

    @work(thread=True, exclusive=True, group="timeline")
    def _refilter(self, events: list[Event], rule: Filter, typed: Typed) -> None:
        parts = actor_parts(self._scope_actors().values(), typed.actors) if typed.actors.strip() else []
        first, last, problems = date_bounds(typed.first, typed.last)
        narrowed = replace(rule, first=first, last=last)
        if parts:
            narrowed = replace(narrowed, actors=frozenset().union(*(part.ids for part in parts)))
        shown = filter_events(events, narrowed)
        unperiod = replace(narrowed, period=None)
        charted = tally(shown if unperiod == narrowed else filter_events(events, unperiod), _compared(parts))
        if not get_current_worker().is_cancelled:
            counts = (len(shown), len(events))
            self.post_message(self.Filtered(rule, typed, month_rows(shown), counts, charted, parts, problems))

    @on(Filtered)
    def _show(self, result: Filtered) -> None:
        if (result.rule, result.typed) != (self.rule, self._typed):
            return  # the filtering for the newer filters will paint
        self.shown_count = result.shown
        if result.total == 0:
            message = "No events in this briefing." if self.briefing_id else "No events in the library."
        else:
            message = "No events match these filters (x clears them)."
        was = self.cursor_id
        keep, self._wanted = self._wanted or was, None
        self.query_one(EventList).show(result.rows, message, keep=keep)
        self.query_one(TimelineChart).show(result.charted)
        said = self.query_one("#timeline-status", Static)
        line = _status(result)
        said.update(line)
        said.tooltip = line.copy()  # the whole of it, where the line is too narrow
        # A problem (a date it cannot read, a name that names nobody) wraps rather than losing how to fix it.
        said.set_class(bool(result.problems) or any(not part.ids for part in result.parts), "-problem")
        if self.cursor_id != was:
            self._announce()

    # -- the filters ----------------------------------------------------------

    def _set_rule(self, rule: Filter) -> None:
        """Filter by ``rule`` (and what is typed in) once the events are loaded: ``Prepared`` filters first."""
        self.rule = rule
        if self._events is not None:
            self._refilter(self._events, rule, self._typed)

    @on(Select.Changed, "#timeline-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else ""
        series = value.removeprefix(_SERIES_PREFIX) if value.startswith(_SERIES_PREFIX) else None
        kind = value.removeprefix(_KIND_PREFIX) if value.startswith(_KIND_PREFIX) else None
        if (series, kind) != (self.rule.series, self.rule.kind):
            self._set_rule(replace(self.rule, series=series, kind=kind))

    @on(Input.Changed, "#timeline-actor, #timeline-from, #timeline-to")
    def _typed_changed(self) -> None:
        typed = Typed(*(self.query_one(name, Input).value for name in _TYPED))
        if typed != self._typed:
            self._typed = typed
            self._set_rule(self.rule)

    @on(Input.Submitted, "#timeline-actor, #timeline-from, #timeline-to")
    def _typed_submitted(self) -> None:
        self.query_one(EventList).focus()

    @on(TimelineChart.BucketSelected)
    def _bucket_selected(self, message: TimelineChart.BucketSelected) -> None:
        bucket = message.bucket
        self._set_rule(replace(self.rule, period=(bucket.granularity, bucket.index) if bucket else None))

    def action_zoom(self) -> None:
        """Wider bars, until the whole span shows, then weeks again; a bar filter does not survive it."""
        chart = self.query_one(TimelineChart)
        chart.zoom = next_zoom(chart.chart)
        if chart.selected is not None:
            chart.selected = None
            self._set_rule(replace(self.rule, period=None))

    def action_filter_kind(self) -> None:
        """K: the kinds to choose from, open; escape closes them, enter or a click picks one."""
        select = self.query_one("#timeline-kind", Select)
        self.screen.set_focus(select)
        select.expanded = True

    def action_filter_actor(self) -> None:
        self.screen.set_focus(self.query_one("#timeline-actor", Input))

    def action_filter_dates(self) -> None:
        self.screen.set_focus(self.query_one("#timeline-from", Input))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In a typed filter, letters are typed; escape leads from any filter back to the list."""
        typing = any(self.query_one(name, Input).has_focus for name in _TYPED)
        if action in ("filter_actor", "filter_dates"):
            return not typing
        if action == "to_list":
            return typing or self.query_one("#timeline-kind", Select).has_focus
        return True

    def action_to_list(self) -> None:
        self.screen.set_focus(self.query_one(EventList))

    def action_clear_filters(self) -> None:
        self.query_one("#timeline-kind", Select).clear()
        for name in _TYPED:
            self.query_one(name, Input).value = ""
        self.query_one(TimelineChart).selected = None
        self._typed = Typed()
        self._set_rule(Filter())


def _status(result: TimelineView.Filtered) -> Text:
    """What the filters found: what is wrong first (a date, a name that names nobody), the count, whom they name."""
    problems = list(result.problems)
    problems += [f"{part.text}: no actor by that name or alias" for part in result.parts if not part.ids]
    found = [f"{part.text} → {_names(part.names)}" for part in result.parts if part.ids]
    if len(found) > MAX_COMPARED:
        problems.append(f"the chart compares the first {MAX_COMPARED}")
    count = f"{result.shown} events" if result.shown == result.total else f"{result.shown} of {result.total} events"
    pieces = [text(problem, "bold") for problem in problems] + [text(count)] + [text(line) for line in found]
    return join(*pieces[:1], *(piece for p in pieces[1:] for piece in (" · ", p)))


def _compared(parts: list[ActorPart]) -> list[tuple[str, frozenset[str]]]:
    """The actors the chart sets side by side, one series each: the parts that name someone, when two or more do."""
    found = [part for part in parts if part.ids][:MAX_COMPARED]
    if len(found) < 2:
        return []
    return [(part.names[0] if len(part.names) == 1 else part.text, part.ids) for part in found]


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(names) if len(names) <= 2 else f"{names[0]}, {names[1]} and {len(names) - 2} more"
