"""The timeline view mounted in a small host app: chart, month list, filters, navigation."""

from __future__ import annotations

import re
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from briefing.library import Library
from briefing.model.dates import When
from briefing.model.entities import Actor, Briefing, BriefingDocument, Event, Source
from briefing.model.vocabulary import EVENT_KINDS, ActorKind, Precision
from briefing.timeline import Granularity, MonthHeader
from briefing.ui.messages import EntryHighlighted, OpenEntry
from briefing.ui.places import Place, View
from briefing.ui.screens.browser import BrowserScreen
from briefing.ui.textual_compat import screen_text
from briefing.ui.widgets.event_list import EventList
from briefing.ui.widgets.timeline_chart import TimelineChart
from briefing.ui.widgets.timeline_view import TimelineView
from tests.ui.helpers import burst, loaded, small_app
from tests.ui.helpers import settle as browser_settle

BID = "briefing:convoys"
IED = "remote-explosive-ied"
ROCKET = "shelling-artillery-missile-attack"
HOSTILE = "[bold]x[/bold] [@click=app.quit]boom[/] \x1b[31mred"
SIZES = [(80, 24), (120, 40)]
SHIPPED = Path(__file__).resolve().parents[2] / "content" / "iraq-convoy-attacks-2020.json"


def _event(n: int, day: str, kind: str, title: str, actors: tuple[str, ...] = (), precision: str = "day") -> Event:
    return Event(f"event:e{n}", title, BID, "source:s", kind, When.from_fields(day, precision), actors=actors)


def _library(events: list[Event], actors: list[Actor] | None = None) -> Library:
    doc = BriefingDocument(
        Briefing(BID, "Convoys"),
        [Source("source:s", "Wire", BID)],
        actors if actors is not None else ACTORS,
        [],
        events,
    )
    return Library.from_documents([doc])


ACTORS = [
    Actor("actor:kh", "Kataib Hezbollah", ActorKind.ARMED_GROUP, (BID,)),
    Actor("actor:qaani", "Esmail Qaani", ActorKind.PERSON, (BID,), aliases=("Ismael Ghaani",)),
]

EVENTS = [
    _event(1, "2020-07-23", IED, "IED hits a supply convoy", ("actor:kh",)),
    _event(2, "2020-07-24", ROCKET, "Rockets at the airport", ("actor:kh",)),
    _event(3, "2020-08-03", ROCKET, "Rockets at the embassy"),
    _event(4, "2020-08-09", IED, "IED near Diwaniyah"),
    _event(5, "2020-09-15", ROCKET, "Rockets at Balad"),
    _event(6, "2020-09-26", "visit", "Qaani visits Karbala", ("actor:qaani",)),
    _event(7, "2020-09-01", "warning", "Embassy warning", precision="month"),
    _event(8, "2017-09-25", "referendum", "Kurdistan referendum"),
]


class Host(App[None]):
    def __init__(self, library: Library, briefing_id: str | None = BID) -> None:
        super().__init__()
        self.library = library
        self.briefing_id = briefing_id
        self.navigated: list[str] = []
        self.previewed: list[str] = []

    def compose(self) -> ComposeResult:
        yield TimelineView(self.library, self.briefing_id, id="timeline")

    def on_mount(self) -> None:
        self.query_one(TimelineView).focus()

    def on_open_entry(self, message: OpenEntry) -> None:
        self.navigated.append(message.entity_id)

    def on_entry_highlighted(self, message: EntryHighlighted) -> None:
        self.previewed.append(message.entity_id)

    def on_timeline_view_nothing_highlighted(self) -> None:
        self.previewed.append("")


async def settle(pilot: Pilot[None]) -> None:
    """Let the filtering workers finish and their results be drawn."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def chart_text(app: App[None]) -> str:
    return app.query_one(TimelineChart).render().plain


def list_text(app: App[None]) -> list[str]:
    view = app.query_one(EventList)
    return [view.render_line(y).text.rstrip() for y in range(view.scrollable_content_region.height)]


def event_ids(app: App[None]) -> list[str]:
    return [row.id for row in app.query_one(TimelineView).rows if isinstance(row, Event)]


@pytest.mark.parametrize("size", SIZES)
async def test_chart_and_month_list_are_drawn(size: tuple[int, int]) -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        chart = chart_text(app)
        assert "IED 2" in chart
        assert "rocket 3" in chart
        assert "weekly" in chart
        assert "Jul" in chart and "Sep" in chart
        assert "1 earlier" in chart
        lines = list_text(app)
        assert lines[0].strip().startswith("September 2017")
        assert any("July 2020" in line for line in lines)
        assert any("Sep 2020" in line and "Embassy warning" in line for line in lines)


async def test_the_chart_draws_bars_as_tall_as_their_counts() -> None:
    events = [_event(n, "2020-07-20", ROCKET, f"r{n}") for n in range(4)] + [_event(9, "2020-07-27", IED, "i")]
    app = Host(_library(events))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chart = app.query_one(TimelineChart).chart
        assert [b.counts for b in chart.buckets] == [(0, 4, 0), (1, 0, 0)]
        plot = chart_text(app).splitlines()[1:-3]
        full_rocket_rows = sum("█" in line for line in plot)
        assert full_rocket_rows >= len(plot) - 1


async def test_enter_on_a_row_opens_that_event() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.query_one(EventList).has_focus
        await pilot.press("down", "down", "enter")
        assert app.navigated == [event_ids(app)[2]]
        assert app.query_one(TimelineView).cursor_id == app.navigated[0]


async def test_the_event_under_the_cursor_is_previewed_while_the_list_has_focus() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ids = event_ids(app)
        await pilot.press("down", "down")
        assert app.previewed[-2:] == ids[1:3]
        assert app.navigated == []
        app.query_one("#timeline-kind", Select).focus()
        await pilot.pause()
        app.previewed.clear()
        app.query_one(EventList).action_move(1)
        await pilot.pause()
        assert app.previewed == [], "no preview from a list the reader is not in"


async def test_headers_are_skipped_by_the_cursor() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(EventList)
        seen = []
        for _ in range(len(view.rows)):
            seen.append(view.cursor)
            await pilot.press("down")
        assert all(isinstance(view.rows[i], Event) for i in seen if i is not None)
        await pilot.press("end")
        assert view.cursor_event is not None and view.cursor_event.id == event_ids(app)[-1]
        await pilot.press("home")
        assert view.cursor_event is not None and view.cursor_event.id == event_ids(app)[0]


async def test_clicking_a_row_opens_that_event() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(EventList)
        index = next(
            i for i, row in enumerate(view.rows) if isinstance(row, Event) and row.title.startswith("IED near")
        )
        await pilot.click(EventList, offset=(10, index))
        assert app.navigated == ["event:e4"]


async def test_kind_filter_narrows_the_list_by_keyboard() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        select = app.query_one("#timeline-kind", Select)
        select.focus()
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        assert app.query_one(TimelineView).rule.series == "IED"
        assert event_ids(app) == ["event:e1", "event:e4"]
        assert "2 of 8 events" in str(app.query_one("#timeline-status").render())


async def test_series_filter_redraws_the_chart_with_that_series_only() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one("#timeline-kind", Select).value = "series:rocket"
        await settle(pilot)
        assert app.query_one(TimelineChart).chart.totals[:2] == (0, 3)
        assert {r.event_kind for r in app.query_one(TimelineView).rows if isinstance(r, Event)} == {ROCKET}


async def test_actor_filter_matches_an_alias_typed_in() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        assert app.query_one("#timeline-actor", Input).has_focus, "f: filter by actor"
        await pilot.press(*"ghaani")
        await settle(pilot)
        assert event_ids(app) == ["event:e6"]
        await pilot.press(*("backspace",) * 6, *"kataib")
        await settle(pilot)
        assert event_ids(app) == ["event:e1", "event:e2"]
        await pilot.press("enter")
        assert app.query_one(EventList).has_focus
        await pilot.press("f", "escape")
        assert app.query_one(EventList).has_focus, "escape leaves the filter for the list, the filter kept"
        assert event_ids(app) == ["event:e1", "event:e2"]


async def test_f_and_a_name_typed_in_one_burst_filter_by_that_name() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "f", *"kataif", "backspace", "b")
        await pilot.pause(0.2)
        await settle(pilot)
        assert app.query_one("#timeline-actor", Input).value == "kataib"
        assert event_ids(app) == ["event:e1", "event:e2"]


async def test_an_actor_nobody_matches_empties_the_list_and_says_so() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.query_one("#timeline-actor", Input).value = "nobody at all"
        await settle(pilot)
        assert event_ids(app) == []
        assert "No events match" in list_text(app)[0]
        await pilot.press("x")  # the input has focus: x is typed, not a command
        app.query_one(EventList).focus()
        await pilot.press("x")
        await settle(pilot)
        assert len(event_ids(app)) == len(EVENTS)
        assert app.query_one("#timeline-actor", Input).value == ""


async def test_clicking_a_bar_lists_its_week_and_clicking_again_lists_all() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = app.query_one(TimelineChart)
        first = chart.chart.buckets[0]
        assert first.total == 2
        x = chart.shape.x0 + 1 + chart.styles.padding.left
        await pilot.click(TimelineChart, offset=(x, 3))
        await settle(pilot)
        assert event_ids(app) == ["event:e1", "event:e2"]
        assert "listing one bar" in chart_text(app)
        await pilot.click(TimelineChart, offset=(x, 3))
        await settle(pilot)
        assert len(event_ids(app)) == len(EVENTS)


def legend(app: App[None]) -> str:
    return chart_text(app).splitlines()[0]


def status(app: App[None]) -> str:
    return str(app.query_one("#timeline-status", Static).render())


async def test_z_steps_to_wider_bars_and_back_to_weeks_and_shows_which() -> None:
    app = Host(_library([*EVENTS, _event(9, "2012-05-01", "visit", "An old visit")]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chart = app.query_one(TimelineChart)
        assert chart.chart.focused
        seen = []
        for _ in range(4):
            (shown,) = re.findall(r"weekly|monthly|quarterly|yearly", legend(app))
            seen.append((shown, chart_text(app).splitlines()[-1].split(" · ")[-1]))
            await pilot.press("z")
            await pilot.pause()
        assert seen == [
            ("weekly", "z: monthly"),
            ("monthly", "z: quarterly"),
            ("quarterly", "z: weekly"),
            ("weekly", "z: monthly"),
        ]
        await pilot.press("z")  # quarters again
        await pilot.pause()
        chart_text(app)
        assert not chart.chart.focused and chart.chart.left_out == 0, "quarters: the whole span, 2012 to 2020"


async def test_no_events_say_so() -> None:
    app = Host(_library([]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "No events to chart" in chart_text(app)
        assert "No events in this briefing" in list_text(app)[0]
        await pilot.press("enter", "down", "end")
        assert app.navigated == []


async def test_one_event_makes_one_bar_and_one_row() -> None:
    app = Host(_library([EVENTS[0]]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(app.query_one(TimelineChart).chart.buckets) == 1
        assert [type(r) for r in app.query_one(TimelineView).rows] == [MonthHeader, Event]


async def test_whole_library_when_no_briefing_is_given() -> None:
    app = Host(_library(EVENTS), None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(event_ids(app)) == len(EVENTS)


def _slow_to_load(library: Library, release: threading.Event) -> Library:
    load = library.timeline

    def timeline(briefing_id: str | None) -> list[Event]:
        release.wait(10)
        return load(briefing_id)

    library.timeline = timeline  # type: ignore[method-assign]
    return library


async def test_an_actor_typed_while_the_events_load_filters_them_once_loaded() -> None:
    release = threading.Event()
    app = Host(_slow_to_load(_library(EVENTS), release))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.query_one("#timeline-actor", Input).value = "ghaani"
        await pilot.pause()
        assert app.query_one(TimelineView).rows == []
        release.set()
        await settle(pilot)
        assert event_ids(app) == ["event:e6"]


async def test_a_timeline_removed_while_its_events_load_goes_quietly() -> None:
    release = threading.Event()
    app = Host(_slow_to_load(_library(EVENTS), release))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(TimelineView)
        await view.remove()
        release.set()
        await settle(pilot)
        assert app.is_running
        assert view.shown_count == 0


async def test_hostile_titles_and_names_render_literally() -> None:
    actors = [Actor("actor:evil", HOSTILE, ActorKind.PERSON, (BID,))]
    events = [_event(1, "2020-07-23", IED, HOSTILE, ("actor:evil",))]
    app = Host(_library(events, actors))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.is_running
        row = next(line for line in list_text(app) if "boom" in line)
        assert "[bold]x[/bold] [@click=app.quit]boom[/] red" in row
        assert "\x1b" not in row
        app.query_one("#timeline-actor", Input).value = "[@click"
        await settle(pilot)
        assert event_ids(app) == ["event:e1"]


@pytest.mark.skipif(not SHIPPED.exists(), reason="the shipped briefing is not there yet")
async def test_shipped_briefing_sets_ied_beside_rocket_attacks_week_by_week() -> None:
    library = Library.load([SHIPPED.parent])
    (briefing_id,) = [b for b in library.briefings if library.files[b] == SHIPPED]
    app = Host(library, briefing_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        widget = app.query_one(TimelineChart)
        assert widget.chart.granularity is Granularity.WEEK
        assert widget.shape.grouped, "IED and rocket bars stand side by side"
        assert widget.chart.buckets[0].start.strftime("%b %Y") == "Jul 2020"
        ied, rocket, _ = widget.chart.totals
        assert ied >= 14 and rocket >= 21


def _many(count: int) -> list[Event]:
    kinds = list(EVENT_KINDS)
    start = date(2012, 1, 1)
    return [
        Event(
            f"event:n{n}",
            f"Event number {n}",
            BID,
            "source:s",
            kinds[n % len(kinds)],
            When(start + timedelta(days=(n * 7919) % 3650), Precision.MONTH if n % 9 == 0 else Precision.DAY),
            actors=("actor:kh",) if n % 3 == 0 else (),
        )
        for n in range(count)
    ]


async def _browse_many(count: int) -> None:
    app = Host(_library(_many(count)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = app.query_one(TimelineView).rows
        assert sum(isinstance(r, Event) for r in rows) == count
        chart = app.query_one(TimelineChart).chart
        assert chart.granularity.name in {"MONTH", "QUARTER"}
        assert sum(chart.totals) + chart.left_out == count
        await pilot.press("end", "enter")
        assert app.navigated == [event_ids(app)[-1]]
        app.query_one("#timeline-actor", Input).value = "kataib"
        await settle(pilot)
        assert len(event_ids(app)) == len(range(0, count, 3))


async def test_thousands_of_events_stay_browsable() -> None:
    await _browse_many(5_000)


@pytest.mark.slow
async def test_a_hundred_thousand_events_stay_browsable() -> None:
    await _browse_many(100_000)


def _snapshot_settle(pilot: Pilot[None]):  # type: ignore[no-untyped-def]
    return settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_timeline_snapshot(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(Host(_library(EVENTS)), terminal_size=size, run_before=_snapshot_settle)


# -- issue 16: the traps a first hour hit ---------------------------------------


async def test_K_goes_to_the_kind_filter_whose_labels_fit_at_80_columns() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        select = app.query_one("#timeline-kind", Select)
        assert select.has_focus_within and select.expanded, "K: the kind filter's menu, from the list"
        await pilot.pause()
        menu = screen_text(app)
        assert "Shelling/missile · 3" in menu and "IED/landmine · 2" in menu
        assert "Shelling/artill" not in menu and "…" not in menu
        await pilot.press("d")
        assert app.query_one("#timeline-kind", Select).expanded, "d picks Deployment in the menu, not the dates"
        await pilot.press("escape", "escape")
        assert app.query_one(EventList).has_focus, "escape: back to the list"
        assert any("Shelling/missile" in line for line in list_text(app))


async def test_the_filters_follow_each_other_in_tab_order_and_name_their_keys() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        order = []
        for _ in range(4):
            await pilot.press("tab")
            order.append(app.focused.id if app.focused else None)
        assert order == ["timeline-actor", "timeline-from", "timeline-to", "timeline-list"]
        keys = {b.key: b.description for b in TimelineView.BINDINGS if isinstance(b, Binding)}
        assert {keys["K"], keys["f"], keys["d"], keys["z"]} == {"kind", "actors", "dates", "zoom"}


async def test_several_actors_comma_separated_and_a_part_that_names_nobody_is_said() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"militias, Kataib")
        await settle(pilot)
        assert event_ids(app) == ["event:e1", "event:e2"]
        said = status(app)
        assert "militias: no actor by that name or alias" in said
        assert "Kataib → Kataib Hezbollah" in said
        await pilot.press(*", ghaani")
        await settle(pilot)
        assert event_ids(app) == ["event:e1", "event:e2", "event:e6"]
        assert "ghaani → Esmail Qaani" in status(app)


async def test_several_actors_are_compared_side_by_side_in_the_chart() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one("#timeline-actor", Input).value = "kataib"
        await settle(pilot)
        assert "IED 1" in legend(app), "one actor: the chart keeps its series of event kinds"
        app.query_one("#timeline-actor", Input).value = "kataib, ghaani, nobody"
        await settle(pilot)
        chart = app.query_one(TimelineChart)
        chart_text(app)
        assert chart.chart.labels == ("Kataib Hezbollah", "Esmail Qaani")
        assert chart.chart.totals == (2, 1)
        assert "Kataib Hezbollah 2" in legend(app) and "Esmail Qaani 1" in legend(app)
        assert chart.shape.grouped, "side by side"


async def test_the_name_after_the_last_comma_is_completed() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"Kataib Hezbollah, esm")
        await pilot.pause(0.1)
        await pilot.press("right")
        assert app.query_one("#timeline-actor", Input).value == "Kataib Hezbollah, esmail Qaani"


async def test_a_date_range_filters_the_list_and_an_impossible_date_says_why() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d", *"2020-08", "tab", *"Aug 2020")
        await settle(pilot)
        assert event_ids(app) == ["event:e3", "event:e4"]
        assert "2 of 8 events" in status(app)
        app.query_one("#timeline-from", Input).value = "2020-02-31"
        await settle(pilot)
        assert "from: 2020-02-31 is no real day: February 2020 has 29 days" in status(app)
        assert event_ids(app)[-2:] == ["event:e3", "event:e4"], "the bound that is a date still holds"
        app.query_one("#timeline-from", Input).value = "sometime in spring"
        await settle(pilot)
        assert "is not a date I can read; write e.g. 2020-09-20" in status(app)
        assert app.query_one("#timeline-status").size.height >= 2, "at 80 columns the way to fix it wraps, not cut"
        assert event_ids(app)[-2:] == ["event:e3", "event:e4"], "the bound that is a date still holds"
        app.query_one("#timeline-from", Input).value = "2021"
        await settle(pilot)
        assert "from 2021 is after to Aug 2020" in status(app)
        await pilot.press("escape", "x")
        await settle(pilot)
        assert len(event_ids(app)) == len(EVENTS)
        assert app.query_one("#timeline-from", Input).value == ""


async def test_when_a_filter_hides_the_event_under_the_cursor_the_detail_follows_the_cursor() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.query_one(TimelineView).cursor_id == "event:e8"
        app.previewed.clear()
        app.query_one("#timeline-kind", Select).value = "series:IED"
        await settle(pilot)
        assert app.query_one(TimelineView).cursor_id == "event:e1"
        assert app.previewed == ["event:e1"], "the first event left is the one to read below"
        await pilot.press("down")
        assert app.previewed[-1] == "event:e4"
        app.previewed.clear()
        app.query_one("#timeline-actor", Input).value = "nobody"
        await settle(pilot)
        assert app.previewed == [""], "nothing left: the detail pane shows its hint"


async def test_a_filter_that_keeps_the_event_under_the_cursor_leaves_it_there() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.query_one(TimelineView).select("event:e4")
        app.previewed.clear()
        app.query_one("#timeline-kind", Select).value = "series:IED"
        await settle(pilot)
        assert app.query_one(TimelineView).cursor_id == "event:e4"
        assert app.previewed == []


# -- in the browser -------------------------------------------------------------


def _shown_in_detail(browser: BrowserScreen) -> str | None:
    outline = browser.detail.outline
    return outline.id if outline is not None else None


async def test_t_opens_the_timeline_with_the_detail_showing_the_event_under_the_cursor(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        browser.open("claim:qaani-warns")
        await browser_settle(pilot)
        await pilot.press("t")
        await browser_settle(pilot)
        timeline = browser.shown_view
        assert isinstance(timeline, TimelineView) and timeline.cursor_id is not None
        assert _shown_in_detail(browser) == timeline.cursor_id
        await pilot.press("down")
        await browser_settle(pilot)
        moved = timeline.cursor_id
        browser.open("claim:qaani-warns")  # away, then t again: the cursor is where it was, and so is the detail
        await browser_settle(pilot)
        await pilot.press("t")
        await browser_settle(pilot)
        assert timeline.cursor_id == moved and _shown_in_detail(browser) == moved


async def test_the_timeline_opened_from_the_navigation_agrees_with_the_detail(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        navigation = browser.navigation
        navigation.focus()
        target = next(n for n in navigation._place_nodes.values() if n.data == Place(View.TIMELINE, "briefing:alpha"))
        navigation.move_cursor(target)
        await pilot.press("enter")
        await browser_settle(pilot)
        timeline = browser.shown_view
        assert isinstance(timeline, TimelineView) and timeline.cursor_id is not None
        assert _shown_in_detail(browser) == timeline.cursor_id


async def test_a_filter_hiding_the_event_below_moves_the_detail_to_the_cursor(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        browser.open("claim:qaani-warns")
        await browser_settle(pilot)
        await pilot.press("t")
        await browser_settle(pilot)
        assert _shown_in_detail(browser) == "event:talks"  # Mar 2021, before 5 Mar
        await pilot.press("f", *"quds")
        await browser_settle(pilot)
        assert browser.shown_view.cursor_id == "event:convoy-ied"  # type: ignore[attr-defined]
        assert _shown_in_detail(browser) == "event:convoy-ied", "not the talks the filter hid"


@pytest.mark.parametrize("size", SIZES)
async def test_the_timeline_list_shows_more_than_five_rows(tmp_path: Path, size: tuple[int, int]) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        browser = await loaded(pilot)
        await pilot.press("t")
        await browser_settle(pilot)
        assert browser.query_one(EventList).scrollable_content_region.height >= 7


async def test_the_legend_says_its_counts_are_charted_and_with_the_ones_left_out_they_are_the_menus() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        chart = app.query_one(TimelineChart).chart
        assert chart.left_out == 2, "a month-dated warning and the 2017 referendum"
        assert legend(app).lstrip().startswith("charted: █ IED 2   █ rocket 3   █ other 1")
        await pilot.press("K")
        await pilot.pause()
        menu = screen_text(app)
        assert "series: IED · 2" in menu and "series: rocket · 3" in menu and "series: other · 3" in menu
        assert "1 earlier, 1 dated only to the month not charted" in chart_text(app)


async def test_K_opens_the_kind_menu_in_a_frame_of_its_own() -> None:
    app = Host(_library(EVENTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await pilot.pause()
        select = app.query_one("#timeline-kind", Select)
        assert select.has_focus_within and select.expanded, "one key: the kinds to pick from"
        lines = screen_text(app).splitlines()
        top = next(n for n, line in enumerate(lines) if "All kinds" in line and "▲" not in line)
        assert lines[top - 1].lstrip().startswith("╭"), "the menu has its own edge"
        assert all(line.lstrip().startswith("│") for line in lines[top : top + 3])
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert not select.expanded and event_ids(app) == ["event:e1", "event:e4"]
