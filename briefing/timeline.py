"""The timeline's data: events counted per week or month by chart series (or by actor), grouped by month, filtered.

Pure functions over model objects.  Counting happens once (``tally``: how many
events per day, precision and series) so that re-bucketing the chart for a new
width or zoom costs nothing, however many events there are.  An event is only
charted in buckets at least as coarse as its date: "Sep 2020" counts in a
monthly chart but is left out of a weekly one, and the chart says how many
events it leaves out and why.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum

from briefing.model.entities import Event
from briefing.model.vocabulary import CHART_SERIES, Precision, series_of

SERIES = CHART_SERIES
"""The vocabulary's chart series, in the order the chart stacks and lists them (and counts are kept)."""

_SERIES_INDEX = {series: index for index, series in enumerate(SERIES)}

SERIES_LABELS = tuple(series.label for series in SERIES)

_EPOCH_MONDAY = date(1, 1, 1)  # a Monday: week numbers count from it

CLUSTER_GAP = 4
"""Buckets without events that split the dates into separate stretches of activity."""


class Granularity(IntEnum):
    """The width of one chart bucket, finest first."""

    WEEK = 0
    MONTH = 1
    QUARTER = 2
    YEAR = 3

    @property
    def adjective(self) -> str:
        return ("weekly", "monthly", "quarterly", "yearly")[self]


_FINEST_BUCKET = {Precision.DAY: Granularity.WEEK, Precision.MONTH: Granularity.MONTH, Precision.YEAR: Granularity.YEAR}


def bucket_index(day: date, granularity: Granularity) -> int:
    """A running number of the bucket that holds ``day``: consecutive buckets differ by one."""
    if granularity is Granularity.WEEK:
        return (day - _EPOCH_MONDAY).days // 7
    if granularity is Granularity.MONTH:
        return day.year * 12 + day.month - 1
    if granularity is Granularity.QUARTER:
        return day.year * 4 + (day.month - 1) // 3
    return day.year


def bucket_start(index: int, granularity: Granularity) -> date:
    if granularity is Granularity.WEEK:
        return _EPOCH_MONDAY + timedelta(weeks=index)
    if granularity is Granularity.MONTH:
        return date(index // 12, index % 12 + 1, 1)
    if granularity is Granularity.QUARTER:
        return date(index // 4, index % 4 * 3 + 1, 1)
    return date(index, 1, 1)


def bucket_last(index: int, granularity: Granularity) -> date:
    """The last day of a bucket."""
    if granularity is Granularity.WEEK:
        return bucket_start(index, granularity) + timedelta(days=6)
    if granularity is Granularity.YEAR:
        return date(index, 12, 31)
    start = bucket_start(index, granularity)
    month = start.month + (2 if granularity is Granularity.QUARTER else 0)
    return date(start.year, month, calendar.monthrange(start.year, month)[1])


def chartable(precision: Precision, granularity: Granularity) -> bool:
    """Whether a date known to ``precision`` can be placed in a bucket of ``granularity``."""
    return granularity >= _FINEST_BUCKET[precision]


Day = tuple[date, Precision]


@dataclass(frozen=True, slots=True)
class Tally:
    """How many events start on each (day, precision), per series: the one pass over the events.

    The series are the chart series of event kinds, or (``by_actor``) the
    actors compared, where an event of two of them counts in both; ``events``
    counts each event once, for what the chart leaves out.
    """

    counts: dict[Day, tuple[int, ...]] = field(default_factory=dict)
    events: dict[Day, int] = field(default_factory=dict)
    labels: tuple[str, ...] = SERIES_LABELS
    by_actor: bool = False

    @property
    def total(self) -> int:
        return sum(self.events.values())


def tally(events: Iterable[Event], actors: Sequence[tuple[str, frozenset[str]]] = ()) -> Tally:
    """Events per day by chart series or, given (label, actor ids) of actors to compare, by those actors."""
    width = len(actors) or len(SERIES)
    counts: dict[Day, list[int]] = {}
    seen: Counter[Day] = Counter()
    for event in events:
        key = (event.when.start, event.when.precision)
        row = counts.get(key)
        if row is None:
            row = counts[key] = [0] * width
        seen[key] += 1
        if not actors:
            row[_SERIES_INDEX[series_of(event.event_kind)]] += 1
        for index, (_, ids) in enumerate(actors):
            if not ids.isdisjoint(event.actors):
                row[index] += 1
    rows = {key: tuple(row) for key, row in counts.items()}
    if actors:
        return Tally(rows, dict(seen), tuple(label for label, _ in actors), by_actor=True)
    return Tally(rows, dict(seen))


@dataclass(frozen=True, slots=True)
class Bucket:
    index: int
    granularity: Granularity
    counts: tuple[int, ...]

    @property
    def start(self) -> date:
        return bucket_start(self.index, self.granularity)

    @property
    def last(self) -> date:
        return bucket_last(self.index, self.granularity)

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def label(self) -> str:
        """The period in words: "20–26 Jul 2020", "Jul 2020", "Q3 2020", "2020"."""
        start, last = self.start, self.last
        if self.granularity is Granularity.WEEK:
            if start.month == last.month:
                return f"{start.day}–{last.day} {last:%b %Y}"
            if start.year == last.year:
                return f"{start.day} {start:%b}–{last.day} {last:%b %Y}"
            return f"{start.day} {start:%b %Y}–{last.day} {last:%b %Y}"
        if self.granularity is Granularity.MONTH:
            return f"{start:%b %Y}"
        if self.granularity is Granularity.QUARTER:
            return f"Q{(start.month - 1) // 3 + 1} {start.year}"
        return str(start.year)


@dataclass(frozen=True, slots=True)
class Chart:
    """What the chart draws: consecutive buckets, plus what it leaves out."""

    granularity: Granularity
    buckets: tuple[Bucket, ...] = ()
    before: int = 0
    after: int = 0
    imprecise: int = 0
    focused: bool = False
    labels: tuple[str, ...] = SERIES_LABELS
    """Its series' names: the chart series of event kinds, or the actors compared (``by_actor``)."""
    by_actor: bool = False

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(b.counts[s] for b in self.buckets) for s in range(len(self.labels)))

    @property
    def peak(self) -> int:
        """The tallest stack."""
        return max((b.total for b in self.buckets), default=0)

    @property
    def peak_single(self) -> int:
        """The tallest single-series bar."""
        return max((max(b.counts) for b in self.buckets), default=0)

    @property
    def left_out(self) -> int:
        return self.before + self.after + self.imprecise


def plan_chart(counts: Tally, max_buckets: int, *, zoom: Granularity | None = None) -> Chart:
    """The finest chart that fits ``max_buckets`` bars, or a chart in ``zoom``'s bars.

    Weeks when the events' span fits, else the weeks of the main stretch of
    activity when it holds most of the events (a stray event years earlier
    does not squash the chart), else months, quarters or years.  A
    granularity that cannot place half the events (most are dated only to
    the month, say) is skipped.  In ``zoom``'s bars: the whole span if it
    fits, else the busiest stretch, else the latest bars.
    """
    max_buckets = max(max_buckets, 1)
    if not counts.counts:
        return Chart(zoom or Granularity.WEEK, labels=counts.labels, by_actor=counts.by_actor)
    if zoom is not None:
        return _zoomed(counts, max_buckets, zoom)
    total = counts.total
    for granularity in Granularity:
        indexed = _indexed(counts, granularity)
        if sum(indexed.values()) * 2 < total:
            continue
        first, last = min(indexed), max(indexed)
        if last - first < max_buckets:
            return _chart(counts, granularity, first, last, focused=False)
        window = _busiest_stretch(indexed, max_buckets, total)
        if window is not None:
            return _chart(counts, granularity, *window, focused=True)
    indexed = _indexed(counts, Granularity.YEAR)
    last = max(indexed)
    return _chart(counts, Granularity.YEAR, last - max_buckets + 1, last, focused=True)


def _zoomed(counts: Tally, max_buckets: int, granularity: Granularity) -> Chart:
    indexed = _indexed(counts, granularity)
    if not indexed:
        return _chart(counts, granularity, 0, -1, focused=False)
    first, last = min(indexed), max(indexed)
    if last - first < max_buckets:
        return _chart(counts, granularity, first, last, focused=False)
    window = _busiest_stretch(indexed, max_buckets, counts.total)
    first, last = window if window is not None else (last - max_buckets + 1, last)
    return _chart(counts, granularity, first, last, focused=True)


def next_zoom(chart: Chart) -> Granularity:
    """The bars ``z`` goes on to: coarser ones until the whole span shows, then weeks again."""
    whole = not chart.focused and not chart.before and not chart.after
    if chart.granularity is Granularity.YEAR or (whole and chart.granularity is not Granularity.WEEK):
        return Granularity.WEEK
    return Granularity(chart.granularity + 1)


def _indexed(counts: Tally, granularity: Granularity) -> Counter[int]:
    """Events per bucket index, of the events that this granularity can place."""
    indexed: Counter[int] = Counter()
    for (day, precision), events in counts.events.items():
        if chartable(precision, granularity):
            indexed[bucket_index(day, granularity)] += events
    return indexed


def _busiest_stretch(indexed: Counter[int], max_buckets: int, total: int) -> tuple[int, int] | None:
    """The run of activity clusters within ``max_buckets`` holding the most events, if most of ``total``."""
    clusters: list[list[int]] = []  # [first, last, events]
    for index in sorted(indexed):
        if clusters and index - clusters[-1][1] <= CLUSTER_GAP:
            clusters[-1][1] = index
            clusters[-1][2] += indexed[index]
        else:
            clusters.append([index, index, indexed[index]])
    best: tuple[int, int, int] | None = None
    held = 0
    low = 0
    for high, (_, last, events) in enumerate(clusters):
        held += events
        while low <= high and last - clusters[low][0] >= max_buckets:
            held -= clusters[low][2]
            low += 1
        if low <= high and (best is None or held > best[2]):
            best = (clusters[low][0], last, held)
    if best is None or best[2] * 2 <= total:
        return None
    return best[0], best[1]


def _chart(counts: Tally, granularity: Granularity, first: int, last: int, *, focused: bool) -> Chart:
    rows = [[0] * len(counts.labels) for _ in range(last - first + 1)]
    before = after = imprecise = 0
    for (day, precision), row in counts.counts.items():
        events = counts.events[day, precision]
        if not chartable(precision, granularity):
            imprecise += events
            continue
        index = bucket_index(day, granularity)
        if index < first:
            before += events
        elif index > last:
            after += events
        else:
            target = rows[index - first]
            for series, count in enumerate(row):
                target[series] += count
    buckets = tuple(Bucket(first + offset, granularity, tuple(row)) for offset, row in enumerate(rows))
    return Chart(granularity, buckets, before, after, imprecise, focused, counts.labels, counts.by_actor)


# -- the list ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthHeader:
    """A heading in the chronological list: a month, or a year for events dated only to the year."""

    label: str
    count: int


Row = MonthHeader | Event


def _group_key(event: Event) -> tuple[int, int]:
    when = event.when
    return (when.start.year, 0 if when.precision is Precision.YEAR else when.start.month)


def month_rows(events: Sequence[Event]) -> list[Row]:
    """Chronological events (as ``Library.timeline`` sorts them) with a header before each month."""
    rows: list[Row] = []
    header_at = -1
    current: tuple[int, int] | None = None
    for event in events:
        key = _group_key(event)
        if key != current:
            if header_at >= 0:
                rows[header_at] = _header(current, len(rows) - header_at - 1)  # type: ignore[arg-type]
            current = key
            header_at = len(rows)
            rows.append(MonthHeader("", 0))
        rows.append(event)
    if header_at >= 0:
        rows[header_at] = _header(current, len(rows) - header_at - 1)  # type: ignore[arg-type]
    return rows


def _header(key: tuple[int, int], count: int) -> MonthHeader:
    year, month = key
    return MonthHeader(f"{calendar.month_name[month]} {year}" if month else str(year), count)


# -- filters -------------------------------------------------------------------


Period = tuple[Granularity, int]
"""One chart bucket: its granularity and index."""


def in_period(event: Event, period: Period) -> bool:
    """Whether the chart counts ``event`` in this bucket (so a bar and the list it filters agree)."""
    granularity, index = period
    when = event.when
    return chartable(when.precision, granularity) and bucket_index(when.start, granularity) == index


@dataclass(frozen=True, slots=True)
class Filter:
    """Which events the timeline shows; ``None`` fields do not filter.

    ``first``/``last`` keep events whose dates overlap that span; ``period``
    keeps the events one chart bar counts; ``series`` is a chart series' label.
    """

    series: str | None = None
    kind: str | None = None
    actors: frozenset[str] | None = None
    first: date | None = None
    last: date | None = None
    period: Period | None = None

    def matches(self, event: Event) -> bool:
        if self.kind is not None and event.event_kind != self.kind:
            return False
        if self.series is not None and series_of(event.event_kind).label != self.series:
            return False
        if self.actors is not None and self.actors.isdisjoint(event.actors):
            return False
        if self.period is not None and not in_period(event, self.period):
            return False
        return (self.first is None and self.last is None) or event.when.overlaps(self.first, self.last)

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.series, self.kind, self.actors, self.first, self.last, self.period))


def filter_events(events: Iterable[Event], rule: Filter) -> list[Event]:
    if not rule.active:
        return list(events)
    return [event for event in events if rule.matches(event)]
