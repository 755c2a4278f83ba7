"""The timeline's data: buckets per series, the busiest stretch, month groups and filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing.library import Library
from briefing.model.dates import When
from briefing.model.entities import Actor, Event
from briefing.model.vocabulary import EVENT_KINDS, ActorKind, series_of
from briefing.timeline import (
    SERIES,
    Filter,
    Granularity,
    MonthHeader,
    bucket_index,
    bucket_start,
    filter_events,
    in_period,
    month_rows,
    next_zoom,
    plan_chart,
    tally,
)
from briefing.timeline_filters import (
    actor_parts,
    actors_by_mentions,
    actors_named,
    date_bounds,
    kind_counts,
    series_counts,
)

IED = "remote-explosive-ied"
ROCKET = "shelling-artillery-missile-attack"
SHIPPED = Path(__file__).resolve().parent.parent / "content" / "iraq-convoy-attacks-2020.json"


def event(
    day: str, kind: str = ROCKET, *, precision: str = "day", end: str | None = None, actors: tuple[str, ...] = ()
) -> Event:
    return Event(
        id=f"event:{day}-{kind}-{len(actors)}",
        title=f"{kind} on {day}",
        briefing="briefing:t",
        source="source:s",
        event_kind=kind,
        when=When.from_fields(day, precision, end),
        actors=actors,
    )


def sorted_events(*events: Event) -> list[Event]:
    return sorted(events, key=lambda e: (e.when.start, e.when.last, e.id))


def test_series_are_every_series_an_event_kind_is_counted_in() -> None:
    assert {series_of(kind) for kind in EVENT_KINDS} | {series_of("not-a-kind")} == set(SERIES)


def test_weeks_run_monday_to_sunday() -> None:
    for day in (date(2020, 7, 20), date(2020, 7, 23), date(2020, 7, 26), date(2021, 1, 3)):
        start = bucket_start(bucket_index(day, Granularity.WEEK), Granularity.WEEK)
        assert start.weekday() == 0
        assert 0 <= (day - start).days < 7


def test_weekly_buckets_count_each_series() -> None:
    events = [
        event("2020-07-20", IED),  # Monday
        event("2020-07-26", ROCKET),  # Sunday, same week
        event("2020-07-26", ROCKET, actors=("actor:x",)),
        event("2020-07-27", IED),  # next Monday
        event("2020-08-12", "statement"),
    ]
    chart = plan_chart(tally(events), 20)
    assert chart.granularity is Granularity.WEEK
    assert [b.label for b in chart.buckets[:2]] == ["20–26 Jul 2020", "27 Jul–2 Aug 2020"]
    assert chart.buckets[0].counts == (1, 2, 0)
    assert chart.buckets[1].counts == (1, 0, 0)
    assert chart.buckets[-1].counts == (0, 0, 1)
    assert chart.totals == (2, 2, 1)


def test_weeks_without_events_are_kept_so_bars_stay_evenly_spaced() -> None:
    chart = plan_chart(tally([event("2020-07-01"), event("2020-08-26")]), 20)
    indexes = [b.index for b in chart.buckets]
    assert indexes == list(range(indexes[0], indexes[0] + len(indexes)))
    assert len(chart.buckets) == 9
    assert sum(b.total for b in chart.buckets) == 2


def test_no_events_make_an_empty_chart() -> None:
    chart = plan_chart(tally([]), 30)
    assert chart.buckets == ()
    assert chart.peak == 0


def test_one_event_makes_one_bar() -> None:
    chart = plan_chart(tally([event("2020-09-15", IED)]), 30)
    assert len(chart.buckets) == 1
    assert chart.buckets[0].counts == (1, 0, 0)


def test_events_dated_to_the_month_stay_out_of_weekly_bars_and_are_counted_as_left_out() -> None:
    events = [event("2020-09-01", IED, precision="month"), event("2020-09-02"), event("2020-09-09")]
    chart = plan_chart(tally(events), 30)
    assert chart.granularity is Granularity.WEEK
    assert chart.totals == (0, 2, 0)
    assert chart.imprecise == 1


def test_mostly_month_dated_events_get_monthly_bars() -> None:
    events = [event(f"2020-0{m}-01", precision="month") for m in range(1, 8)] + [event("2020-03-04")]
    chart = plan_chart(tally(events), 30)
    assert chart.granularity is Granularity.MONTH
    assert chart.left_out == 0


def test_a_stray_early_event_does_not_squash_the_weekly_chart() -> None:
    events = [event("2017-09-25", "referendum")] + [event(f"2020-08-{d:02}") for d in range(1, 29, 3)]
    chart = plan_chart(tally(events), 30)
    assert chart.granularity is Granularity.WEEK
    assert chart.focused
    assert chart.before == 1
    assert chart.buckets[0].start.year == 2020
    quarterly = plan_chart(tally(events), 30, zoom=Granularity.QUARTER)
    assert quarterly.granularity is Granularity.QUARTER
    assert quarterly.left_out == 0 and not quarterly.focused
    assert sum(quarterly.totals) == len(events)


def test_zoom_steps_to_wider_bars_until_the_whole_span_shows_then_back_to_weeks() -> None:
    events = [event("2017-09-25", "referendum")] + [event(f"2020-08-{d:02}") for d in range(1, 29, 3)]
    counts = tally(events)
    seen = [plan_chart(counts, 30)]
    for _ in range(4):
        seen.append(plan_chart(counts, 30, zoom=next_zoom(seen[-1])))
    assert [c.granularity for c in seen] == [
        Granularity.WEEK,
        Granularity.MONTH,
        Granularity.QUARTER,  # the whole span: z goes back to weeks
        Granularity.WEEK,
        Granularity.MONTH,
    ]
    assert seen[1].focused and seen[1].before == 1, "months: the busiest stretch, the stray event said"
    assert not seen[2].focused and seen[2].left_out == 0


def test_a_zoom_too_fine_for_every_date_charts_what_it_can_and_counts_the_rest() -> None:
    events = [event("2020-07-01", precision="month"), event("2020-07-08")]
    chart = plan_chart(tally(events), 30, zoom=Granularity.WEEK)
    assert chart.granularity is Granularity.WEEK
    assert (sum(chart.totals), chart.imprecise) == (1, 1)
    only_months = plan_chart(tally(events[:1]), 30, zoom=Granularity.WEEK)
    assert (only_months.buckets, only_months.imprecise) == ((), 1)


def test_a_long_even_span_falls_back_to_coarser_buckets() -> None:
    events = [event(f"{year}-{month:02}-10") for year in range(2015, 2021) for month in range(1, 13)]
    chart = plan_chart(tally(events), 40)
    assert chart.granularity is Granularity.QUARTER
    assert len(chart.buckets) == 24
    assert chart.left_out == 0
    assert plan_chart(tally(events), 80).granularity is Granularity.MONTH
    assert plan_chart(tally(events), 8).granularity is Granularity.YEAR


def test_centuries_of_events_keep_the_chart_within_its_width() -> None:
    events = [event(f"{year}-06-01") for year in range(1800, 2001, 2)]
    chart = plan_chart(tally(events), 10)
    assert chart.granularity is Granularity.YEAR
    assert len(chart.buckets) <= 10
    assert chart.before + sum(chart.totals) == len(events)


def test_bucket_labels_name_their_period() -> None:
    events = [event("2020-12-30"), event("2021-02-01")]
    assert plan_chart(tally(events), 3).buckets[0].label == "Dec 2020"
    quarterly = plan_chart(tally([event("2020-08-01"), event("2021-05-01")]), 4)
    assert [b.label for b in quarterly.buckets] == ["Q3 2020", "Q4 2020", "Q1 2021", "Q2 2021"]
    weekly = plan_chart(tally([event("2020-12-30")]), 3)
    assert weekly.buckets[0].label == "28 Dec 2020–3 Jan 2021"


def test_month_rows_put_a_header_with_its_count_before_each_month() -> None:
    events = sorted_events(
        event("2020-07-23", IED),
        event("2020-07-24"),
        event("2020-09-01", precision="month"),
        event("2020-09-23", end="2020-09-24"),
        event("2020-01-01", "statement", precision="year"),
    )
    rows = month_rows(events)
    headers = [(r.label, r.count) for r in rows if isinstance(r, MonthHeader)]
    assert headers == [("2020", 1), ("July 2020", 2), ("September 2020", 2)]
    assert isinstance(rows[0], MonthHeader)
    assert [r.when.label for r in rows if isinstance(r, Event)] == [
        "2020",
        "23 Jul 2020",
        "24 Jul 2020",
        "Sep 2020",
        "23–24 Sep 2020",
    ]


def test_month_rows_of_nothing_are_empty() -> None:
    assert month_rows([]) == []


def test_filters_narrow_by_series_kind_actor_and_period() -> None:
    events = sorted_events(
        event("2020-07-20", IED, actors=("actor:a",)),
        event("2020-07-21", ROCKET, actors=("actor:b",)),
        event("2020-07-29", "statement", actors=("actor:a", "actor:c")),
        event("2020-07-01", "warning", precision="month"),
    )
    assert len(filter_events(events, Filter())) == 4
    assert [e.event_kind for e in filter_events(events, Filter(series="IED"))] == [IED]
    assert [e.event_kind for e in filter_events(events, Filter(series="other"))] == ["warning", "statement"]
    assert [e.event_kind for e in filter_events(events, Filter(kind="statement"))] == ["statement"]
    assert len(filter_events(events, Filter(actors=frozenset({"actor:a"})))) == 2
    assert filter_events(events, Filter(actors=frozenset())) == []
    both = Filter(series="other", actors=frozenset({"actor:c"}))
    assert [e.event_kind for e in filter_events(events, both)] == ["statement"]


def test_a_period_filter_keeps_exactly_what_its_bar_counts() -> None:
    events = sorted_events(
        event("2020-07-20", IED),
        event("2020-07-26"),
        event("2020-07-27"),
        event("2020-07-01", precision="month"),
    )
    chart = plan_chart(tally(events), 10)
    first = chart.buckets[0]
    period = (first.granularity, first.index)
    kept = filter_events(events, Filter(period=period))
    assert len(kept) == first.total == 2
    assert all(in_period(e, period) for e in kept)


def test_a_date_span_keeps_events_that_overlap_it() -> None:
    events = sorted_events(event("2020-06-01", precision="month"), event("2020-07-05"), event("2020-08-01"))
    kept = filter_events(events, Filter(first=date(2020, 6, 20), last=date(2020, 7, 31)))
    assert [e.when.label for e in kept] == ["Jun 2020", "5 Jul 2020"]


def test_filter_choices_count_kinds_and_series() -> None:
    events = [event("2020-07-20", IED), event("2020-07-21"), event("2020-07-22"), event("2020-07-23", "visit")]
    assert kind_counts(events)[0] == (ROCKET, "Shelling/artillery/missile attack", 2)
    assert series_counts(events) == {"IED": 1, "rocket": 2, "other": 1}


def test_actor_filter_matches_names_and_aliases_ignoring_case() -> None:
    actors = [
        Actor("actor:qaani", "Esmail Qaani", ActorKind.PERSON, ("briefing:t",), aliases=("Ismael Ghaani",)),
        Actor("actor:kh", "Kataib Hezbollah", ActorKind.ARMED_GROUP, ("briefing:t",)),
        Actor("actor:hez", "Hezbollah", ActorKind.ARMED_GROUP, ("briefing:t",)),
    ]
    assert actors_named(actors, "ghaani") == {"actor:qaani"}
    assert actors_named(actors, "  HEZBOLLAH ") == {"actor:kh", "actor:hez"}
    assert actors_named(actors, "nobody") == frozenset()
    parts = actor_parts(actors, "militias, Kataib ,, ghaani")
    assert [(p.text, p.ids, p.names) for p in parts] == [
        ("militias", frozenset(), ()),
        ("Kataib", {"actor:kh"}, ("Kataib Hezbollah",)),
        ("ghaani", {"actor:qaani"}, ("Esmail Qaani",)),
    ]
    by_id = {a.id: a for a in actors}
    events = [event("2020-07-20", actors=("actor:kh",)), event("2020-07-21", actors=("actor:kh", "actor:gone"))]
    assert [a.id for a in actors_by_mentions(events, by_id)] == ["actor:kh"]


def test_tally_handles_many_events_in_one_pass() -> None:
    events = [event(f"2020-{m:02}-{d:02}", IED if d % 2 else ROCKET) for m in range(1, 13) for d in range(1, 29)]
    counts = tally(events * 50)
    assert counts.total == len(events) * 50
    chart = plan_chart(counts, 60)
    assert chart.granularity is Granularity.WEEK
    assert sum(chart.totals) == counts.total


@pytest.fixture(scope="module")
def shipped() -> Library:
    if not SHIPPED.exists():
        pytest.skip("the shipped briefing is not there yet")
    return Library.load([SHIPPED.parent])


def test_shipped_briefing_counts_ied_and_rocket_attacks_of_july_to_september(shipped: Library) -> None:
    (briefing_id,) = [b for b in shipped.briefings if shipped.files[b] == SHIPPED]
    events = shipped.timeline(briefing_id)
    summer = filter_events(events, Filter(first=date(2020, 7, 1), last=date(2020, 9, 30)))
    counts = series_counts(summer)
    assert counts["IED"] >= 14
    assert counts["rocket"] >= 21


def test_shipped_briefing_charts_jul_to_sep_2020_week_by_week(shipped: Library) -> None:
    (briefing_id,) = [b for b in shipped.briefings if shipped.files[b] == SHIPPED]
    chart = plan_chart(tally(shipped.timeline(briefing_id)), 38)
    assert chart.granularity is Granularity.WEEK
    assert chart.buckets[0].start >= date(2020, 6, 1)
    assert chart.buckets[-1].last <= date(2020, 10, 31)
    ied, rocket, _ = chart.totals
    assert ied >= 14
    assert rocket >= 21


def test_date_bounds_read_dates_as_from_and_to_do_in_search() -> None:
    assert date_bounds("2020-09", "2020-09") == (date(2020, 9, 1), date(2020, 9, 30), [])
    assert date_bounds("20 Sep 2020", "") == (date(2020, 9, 20), None, [])
    assert date_bounds("", "2021") == (None, date(2021, 12, 31), [])


def test_an_impossible_date_is_left_out_and_said() -> None:
    first, last, problems = date_bounds("2020-02-31", "2020-10")
    assert (first, last) == (None, date(2020, 10, 31))
    assert problems == ["from: 2020-02-31 is no real day: February 2020 has 29 days"]
    assert date_bounds("2021", "2020")[2] == ["from 2021 is after to 2020"]
    assert "has no year" in date_bounds("", "20 Sep")[2][0]


def test_a_tally_by_actor_counts_each_actor_as_a_series_and_each_event_once_for_what_is_left_out() -> None:
    events = [
        event("2020-07-20", actors=("actor:kh",)),
        event("2020-07-21", IED, actors=("actor:kh", "actor:aah")),
        event("2017-01-01", actors=("actor:aah",)),
        event("2020-07-22", "visit"),
    ]
    counts = tally(events, [("KH", frozenset({"actor:kh"})), ("AAH", frozenset({"actor:aah"}))])
    assert counts.by_actor and counts.labels == ("KH", "AAH") and counts.total == 4
    chart = plan_chart(counts, 10)
    assert chart.by_actor and chart.labels == ("KH", "AAH")
    assert chart.totals == (2, 1), "the event of both counts for each"
    assert chart.before == 1, "the 2017 event, once"
    assert tally(events).labels == tuple(s.label for s in SERIES)
