"""The timeline: a chart of events per week by series above the month-grouped list, with filters.

Filtering, counting and grouping run in a thread worker (a new keystroke
cancels the previous run), so 100,000 events never freeze the screen; the
list draws only the rows in view.  The workers report with messages
(``Prepared``, ``Filtered``) handled on the event loop, which alone sets
the view's state.
"""

from __future__ import annotations

from dataclasses import replace
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
from briefing.model.vocabulary import EntityKind
from briefing.text import shorten, text
from briefing.timeline import (
    Filter,
    Row,
    Tally,
    actors_by_mentions,
    actors_named,
    filter_events,
    kind_counts,
    month_rows,
    series_counts,
    tally,
)
from briefing.ui.widgets.event_list import EventList
from briefing.ui.widgets.text_entry import LineInput, suggest_from
from briefing.ui.widgets.timeline_chart import TimelineChart

_SERIES_PREFIX = "series:"
_KIND_PREFIX = "kind:"


class TimelineView(Vertical):
    """Events per week by series (chart) over the month-grouped list; filter by kind, series, actor or bar."""

    DEFAULT_CSS = """
    TimelineView { height: 1fr; }
    TimelineView > TimelineChart { height: 40%; min-height: 8; max-height: 14; }
    TimelineView > #timeline-filters { height: 1; margin-bottom: 1; }
    TimelineView #timeline-kind { width: 1fr; max-width: 42; margin-right: 1; }
    TimelineView #timeline-actor { width: 1fr; }
    TimelineView #timeline-count { width: auto; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("z", "zoom", "Zoom chart"),
        Binding(
            "f",
            "filter_actor",
            "Filter by actor",
            tooltip="Type an actor's name or alias: their events alone",
            priority=True,  # so the focus has moved before the name typed right behind it is routed
        ),
        Binding("x", "clear_filters", "Clear filters"),
        Binding("escape", "to_list", show=False, tooltip="From the actor filter back to the events"),
    ]

    class Prepared(Message, bubble=False):
        """The events in scope are loaded, with the choices of the filters drawn from them."""

        def __init__(self, events: list[Event], options: list[tuple[Text, str]], names: list[str]) -> None:
            super().__init__()
            self.events = events
            self.options = options
            self.names = names

    class Filtered(Message, bubble=False):
        """The events that pass ``rule`` and ``actor_text``, grouped for the list and counted for the chart."""

        def __init__(
            self, rule: Filter, actor_text: str, rows: list[Row], shown: int, total: int, charted: Tally
        ) -> None:
            super().__init__()
            self.rule = rule
            self.actor_text = actor_text
            self.rows = rows
            self.shown = shown
            self.total = total
            self.charted = charted

    def __init__(
        self, library: Library, briefing_id: str | None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.library = library
        self.briefing_id = briefing_id
        self.rule = Filter()
        self.shown_count = 0
        self._events: list[Event] | None = None
        self._actor_text = ""

    def compose(self) -> ComposeResult:
        yield TimelineChart(id="timeline-chart")
        with Horizontal(id="timeline-filters"):
            yield Select[str]([], prompt="All kinds", compact=True, id="timeline-kind")
            yield LineInput(placeholder="actor (name or alias)", compact=True, id="timeline-actor")
            yield Static(id="timeline-count")
        yield EventList(id="timeline-list")

    def on_mount(self) -> None:
        self._prepare()

    def focus(self, scroll_visible: bool = True) -> TimelineView:
        """Focus the list, which is where the reader starts."""
        self.query_one(EventList).focus(scroll_visible)
        return self

    @property
    def rows(self) -> list[Row]:
        """The list as shown: month headers and the events that pass the filters."""
        return self.query_one(EventList).rows

    @property
    def cursor_id(self) -> str | None:
        """The id of the event under the list's cursor (what ``a`` annotates)."""
        event = self.query_one(EventList).cursor_event
        return event.id if event is not None else None

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
            (text(f"{shorten(label, 24)} · {n}"), _KIND_PREFIX + kind) for kind, label, n in kind_counts(events)
        ]
        names = [actor.name for actor in actors_by_mentions(events, self._scope_actors())]
        if not get_current_worker().is_cancelled:
            self.post_message(self.Prepared(events, options, names))

    @on(Prepared)
    def _prepared(self, message: Prepared) -> None:
        """The first filtering, with the filters as the reader has set them meanwhile."""
        self._events = message.events
        self.query_one("#timeline-kind", Select).set_options(message.options)
        self.query_one("#timeline-actor", Input).suggester = suggest_from(message.names)
        self._set_rule(self.rule)

    @work(thread=True, exclusive=True, group="timeline")
    def _refilter(self, events: list[Event], rule: Filter, actor_text: str) -> None:
        narrowed = rule
        if actor_text.strip():
            narrowed = replace(rule, actors=actors_named(self._scope_actors().values(), actor_text))
        shown = filter_events(events, narrowed)
        unperiod = replace(narrowed, period=None)
        charted = tally(shown if unperiod == narrowed else filter_events(events, unperiod))
        if not get_current_worker().is_cancelled:
            self.post_message(self.Filtered(rule, actor_text, month_rows(shown), len(shown), len(events), charted))

    @on(Filtered)
    def _show(self, result: Filtered) -> None:
        if (result.rule, result.actor_text) != (self.rule, self._actor_text):
            return  # the filtering for the newer filters will paint
        self.shown_count = result.shown
        if result.total == 0:
            message = "No events in this briefing." if self.briefing_id else "No events in the library."
        else:
            message = "No events match these filters (x clears them)."
        self.query_one(EventList).show(result.rows, message)
        self.query_one(TimelineChart).show(result.charted)
        count = f"{result.shown} events" if result.shown == result.total else f"{result.shown} of {result.total} events"
        self.query_one("#timeline-count", Static).update(Text(count))

    # -- the filters ----------------------------------------------------------

    def _set_rule(self, rule: Filter) -> None:
        """Filter by ``rule`` (and the actor typed in) once the events are loaded: ``Prepared`` filters first."""
        self.rule = rule
        if self._events is not None:
            self._refilter(self._events, rule, self._actor_text)

    @on(Select.Changed, "#timeline-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else ""
        series = value.removeprefix(_SERIES_PREFIX) if value.startswith(_SERIES_PREFIX) else None
        kind = value.removeprefix(_KIND_PREFIX) if value.startswith(_KIND_PREFIX) else None
        if (series, kind) != (self.rule.series, self.rule.kind):
            self._set_rule(replace(self.rule, series=series, kind=kind))

    @on(Input.Changed, "#timeline-actor")
    def _actor_changed(self, event: Input.Changed) -> None:
        if event.value != self._actor_text:
            self._actor_text = event.value
            self._set_rule(self.rule)

    @on(Input.Submitted, "#timeline-actor")
    def _actor_submitted(self) -> None:
        self.query_one(EventList).focus()

    @on(TimelineChart.BucketSelected)
    def _bucket_selected(self, message: TimelineChart.BucketSelected) -> None:
        bucket = message.bucket
        self._set_rule(replace(self.rule, period=(bucket.granularity, bucket.index) if bucket else None))

    def action_zoom(self) -> None:
        """Whole span in coarser bars, or back to the busiest stretch in weeks; a bar filter does not survive it."""
        chart = self.query_one(TimelineChart)
        chart.whole = not chart.whole
        if chart.selected is not None:
            chart.selected = None
            self._set_rule(replace(self.rule, period=None))

    def action_filter_actor(self) -> None:
        self.screen.set_focus(self.query_one("#timeline-actor", Input))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the actor filter, f is a letter of a name and escape leads back to the list."""
        in_filter = self.query_one("#timeline-actor", Input).has_focus
        if action == "filter_actor":
            return not in_filter
        if action == "to_list":
            return in_filter
        return True

    def action_to_list(self) -> None:
        self.screen.set_focus(self.query_one(EventList))

    def action_clear_filters(self) -> None:
        self.query_one("#timeline-kind", Select).clear()
        self.query_one("#timeline-actor", Input).value = ""
        self.query_one(TimelineChart).selected = None
        self._actor_text = ""
        self._set_rule(Filter())
