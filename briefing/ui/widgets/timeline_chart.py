"""A bar chart of events per week (or month) by series, drawn with block characters.

Grouped bars (one per series, side by side) when they fit, so that IED and
rocket attacks read against each other week by week; stacked bars when the
buckets are many.  Bars grow in eighths of a cell (▁▂▃…█); where two stacked
series meet inside one cell the lower colours the glyph and the upper its
background.  Clicking a bar posts ``BucketSelected``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from briefing.text import shorten
from briefing.timeline import SERIES, Bucket, Chart, Granularity, Period, Tally, plan_chart

SERIES_COLOURS = ("$warning", "$primary", "$foreground 45%")
"""Each chart series' colour, in the vocabulary's order of them (``CHART_SERIES``)."""


@dataclass(frozen=True)
class SeriesStyles:
    """A widget's component class for each chart series, in the vocabulary's order, and the CSS colouring them."""

    classes: tuple[str, ...]
    css: str


def series_styles(widget: str, prefix: str) -> SeriesStyles:
    """Component classes ``PREFIX--NAME`` for ``widget``, one per series, coloured from ``SERIES_COLOURS``."""
    pairs = [(f"{prefix}--{series.name}", colour) for series, colour in zip(SERIES, SERIES_COLOURS, strict=True)]
    return SeriesStyles(
        tuple(name for name, _ in pairs),
        "".join(f"{widget} > .{name} {{ color: {colour}; }}\n" for name, colour in pairs),
    )


CHART_SERIES_STYLES = series_styles("TimelineChart", "timeline-chart")

EIGHTHS = " ▁▂▃▄▅▆▇█"
_NON_PLOT_ROWS = 4  # legend, axis, tick labels, footnote


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where the buckets sit across the plot, to map a click back to a bucket."""

    x0: int
    pitch: int
    bar: int
    grouped: bool
    count: int

    def bucket_at(self, x: int) -> int | None:
        offset = x - self.x0
        if offset < 0 or self.pitch <= 0:
            return None
        index = offset // self.pitch
        return index if index < self.count else None


def geometry(width: int, count: int, label_width: int) -> Geometry:
    """Grouped bars when a group of one column per series fits each bucket, else stacked ones."""
    x0 = label_width + 1
    plot = max(width - x0 - 1, 1)
    per = plot // max(count, 1)
    group = len(SERIES)
    if per >= group + 1:
        bar = min(3, (per - 1) // group)
        return Geometry(x0, min(per, group * bar + 4), bar, True, count)
    pitch = max(min(per, 6), 1)
    bar = max(min(pitch - 1, 4), 1)
    return Geometry(x0, pitch, bar, False, count)


def y_axis(peak: int, rows: int) -> tuple[int, dict[int, int]]:
    """The value at the top of the plot, and the labelled rows (counted from the top) with their values.

    When a round number of events per row costs at most a quarter of the
    height, every row's top is a whole number and labels sit exactly on their
    rows; otherwise the top is the peak and round values mark their nearest row.
    """
    peak, rows = max(peak, 1), max(rows, 1)
    most = max(1, min(4, rows // 2))
    top = _nice(peak / rows) * rows if peak > rows else peak
    if top * 4 > peak * 5:
        top = peak
    labels: dict[int, int] = {}
    if top % rows == 0:
        per_row = top // rows
        strides = [n for n in range(1, rows + 1) if rows // n <= most]
        stride = next((n for n in strides if _round_step(n * per_row) == n * per_row), strides[0])
        labels = {row: (rows - row) * per_row for row in range(rows) if (rows - row) % stride == 0}
    else:
        step = _round_step(top / most)
        for value in range(step, top, step):
            row = rows - max(round(value * rows / top), 1)
            if not {row - 1, row, row + 1} & labels.keys():
                labels[row] = value
    if not {0, 1} & labels.keys():
        labels[0] = top
    return top, labels


def _nice(value: float) -> int:
    """The smallest round number of events per row at least ``value``: 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 25, ..."""
    magnitude = 1
    while True:
        for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
            step = factor * magnitude
            if step >= value and step == int(step):
                return int(step)
        magnitude *= 10


def _round_step(value: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... at least ``value``."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if factor * magnitude >= value:
                return factor * magnitude
        magnitude *= 10


def _cell(level: int, heights: list[int], styles: list[Style], blank: Style) -> tuple[str, Style]:
    """The glyph of one cell whose floor is at ``level`` eighths, for cumulative series ``heights``."""
    below = 0
    for series, top in enumerate(heights):
        if top > level and top > below:
            fill = min(top - level, 8)
            if fill == 8:
                return EIGHTHS[8], styles[series]
            upper = next((styles[s] for s in range(series + 1, len(heights)) if heights[s] > top), None)
            background = upper.color if upper is not None else blank.bgcolor
            return EIGHTHS[fill], Style(color=styles[series].color, bgcolor=background)
        below = max(below, top)
    return " ", blank


def _eighths(count: int, scale: float) -> int:
    """A bar's height in eighths of a cell; any event at all shows."""
    if count <= 0:
        return 0
    return max(round(count * scale), 1)


def tick_labels(buckets: tuple[Bucket, ...]) -> list[tuple[int, str]]:
    """(bucket offset, label) where a new month (weekly), quarter (monthly) or year begins.

    The year shows where it changes; the legend gives the first one.
    """
    labels: list[tuple[int, str]] = []
    for offset, bucket in enumerate(buckets):
        start = bucket.start
        previous = buckets[offset - 1].start if offset else None
        new_year = previous is not None and previous.year != start.year
        if bucket.granularity is Granularity.WEEK:
            new = previous is None or start.month != previous.month
            text = f"{start:%b %Y}" if new_year else f"{start:%b}"
        elif bucket.granularity is Granularity.MONTH:
            new = previous is None or start.month in (1, 4, 7, 10)
            text = str(start.year) if new_year else f"{start:%b}"
        else:
            new = previous is None or new_year
            text = str(start.year)
        if new:
            labels.append((offset, text))
    return labels


def draw(
    chart: Chart,
    width: int,
    height: int,
    series_styles: list[Style],
    axis: Style,
    note: Style,
    selected: int | None = None,
    footnote: str = "",
) -> tuple[list[Text], Geometry]:
    """The chart's lines and the geometry of its bars."""
    rows = max(height - _NON_PLOT_ROWS + (0 if footnote else 1), 2)
    lines = [_legend(chart, series_styles, width)]
    if not chart.buckets:
        lines.append(Text("No events to chart.", style=note))
        return lines, Geometry(0, 0, 0, False, 0)
    shape = geometry(width, len(chart.buckets), len(str(max(chart.peak, 1))) + 1)
    top, labels = y_axis(chart.peak_single if shape.grouped else chart.peak, rows)
    label_width = max(len(str(value)) for value in labels.values())
    shape = geometry(width, len(chart.buckets), label_width)
    scale = 8 * rows / top
    blank = Style()
    for row in range(rows):
        level = (rows - 1 - row) * 8
        label = str(labels[row]) if row in labels else ""
        line = Text(label.rjust(label_width), style=axis, end="")
        line.append("┤" if label else "│", style=axis)
        for bucket in chart.buckets:
            line.append_text(_bucket_cells(bucket, level, scale, shape, series_styles, blank))
        lines.append(line)
    lines.append(_axis_line(chart, shape, label_width, axis, selected))
    lines.append(_tick_line(chart, shape, axis, width))
    if footnote:
        lines.append(Text(shorten(footnote, width), style=note))
    return lines, shape


def _bucket_cells(bucket: Bucket, level: int, scale: float, shape: Geometry, styles: list[Style], blank: Style) -> Text:
    out = Text(end="")
    if shape.grouped:
        for series, count in enumerate(bucket.counts):
            glyph, style = _cell(level, [_eighths(count, scale)], [styles[series]], blank)
            out.append(glyph * shape.bar, style=style)
    else:
        heights: list[int] = []
        running = 0
        for count in bucket.counts:
            running += count
            heights.append(_eighths(running, scale) if count else (heights[-1] if heights else 0))
        glyph, style = _cell(level, heights, styles, blank)
        out.append(glyph * shape.bar, style=style)
    out.append(" " * (shape.pitch - len(out)))
    return out


def _legend(chart: Chart, styles: list[Style], width: int) -> Text:
    line = Text(end="", no_wrap=True, overflow="ellipsis")
    for index, (series, total) in enumerate(zip(SERIES, chart.totals, strict=True)):
        if index:
            line.append("   ")
        line.append("█ ", style=styles[index])
        line.append(f"{series.label} {total}")
    if chart.buckets:
        first, last = chart.buckets[0], chart.buckets[-1]
        scope = f"{chart.granularity.adjective}, {_period(first.start, last.last)}"
        if line.cell_len + len(scope) + 3 <= width:
            line.append(" " * (width - line.cell_len - len(scope)))
            line.append(scope)
    return line


def _period(first: date, last: date) -> str:
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def _axis_line(chart: Chart, shape: Geometry, label_width: int, axis: Style, selected: int | None) -> Text:
    ticks = {offset for offset, _ in tick_labels(chart.buckets)}
    line = Text(" " * label_width + "└", style=axis, end="")
    for offset in range(len(chart.buckets)):
        span = shape.pitch
        if offset == selected:
            line.append("▀" * (span - 1), style=Style(color=axis.color, bold=True, reverse=True))
            line.append("─", style=axis)
        else:
            line.append(("┴" if offset in ticks else "─") + "─" * (span - 1), style=axis)
    return line


def _tick_line(chart: Chart, shape: Geometry, axis: Style, width: int) -> Text:
    cells = [" "] * width
    free_from = 0
    for offset, label in tick_labels(chart.buckets):
        x = shape.x0 + offset * shape.pitch
        if x < free_from or x + len(label) > width:
            continue
        cells[x : x + len(label)] = list(label)
        free_from = x + len(label) + 1
    return Text("".join(cells).rstrip(), style=axis, end="")


class TimelineChart(Widget):
    """Events per bucket by series; re-plans its buckets to fit its width."""

    DEFAULT_CSS = """
    TimelineChart { height: 9; padding: 0 1; }
    TimelineChart > .timeline-chart--axis { color: $foreground 70%; }
    TimelineChart > .timeline-chart--note { color: $text-muted; }
    """ + CHART_SERIES_STYLES.css

    COMPONENT_CLASSES = {
        *CHART_SERIES_STYLES.classes,
        "timeline-chart--axis",
        "timeline-chart--note",
    }

    whole: reactive[bool] = reactive(False)
    """Show the whole span in coarser buckets rather than the busiest stretch in weeks."""
    selected: reactive[Period | None] = reactive(None)
    """The bar the list is filtered to."""

    class BucketSelected(Message):
        """A bar was clicked: filter to its period (``bucket`` None: clear the period)."""

        def __init__(self, chart: TimelineChart, bucket: Bucket | None) -> None:
            super().__init__()
            self.chart = chart
            self.bucket = bucket

        @property
        def control(self) -> TimelineChart:
            return self.chart

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._tally = Tally()
        self._chart = Chart(Granularity.WEEK)
        self._shape = Geometry(0, 0, 0, False, 0)
        self._hovered: Bucket | None = None

    @property
    def chart(self) -> Chart:
        """The chart as last drawn."""
        return self._chart

    @property
    def shape(self) -> Geometry:
        """Where the bars of the last drawing sit (x counted from the content's left edge)."""
        return self._shape

    def show(self, counts: Tally) -> None:
        self._tally = counts
        self.refresh()

    def _series_styles(self) -> list[Style]:
        return [self.get_component_rich_style(name) for name in CHART_SERIES_STYLES.classes]

    def _footnote(self, chart: Chart) -> str:
        left_out: list[str] = []
        if chart.before:
            left_out.append(f"{chart.before} earlier")
        if chart.after:
            left_out.append(f"{chart.after} later")
        if chart.imprecise:
            unit = "month" if chart.granularity is Granularity.WEEK else "year"
            left_out.append(f"{chart.imprecise} dated only to the {unit}")
        parts = ["listing one bar (click it again or x for all)"] if self.selected is not None else []
        if left_out:
            parts.append(", ".join(left_out) + " not charted")
        if chart.focused or self.whole:
            parts.append("z: busiest stretch" if self.whole else "z: whole span")
        return " · ".join(parts)

    def _plan(self, width: int) -> Chart:
        """As many buckets as fit two columns each (a bar and a gap) beside the count labels."""
        label_width = len(str(max(self._tally.total, 1)))
        return plan_chart(self._tally, max((width - label_width - 2) // 2, 1), whole=self.whole)

    def render(self) -> Text:
        width, height = self.content_region.width, self.content_region.height
        chart = self._plan(width)
        self._chart = chart
        selected = None
        if self.selected is not None and chart.buckets and self.selected[0] is chart.granularity:
            offset = self.selected[1] - chart.buckets[0].index
            selected = offset if 0 <= offset < len(chart.buckets) else None
        lines, self._shape = draw(
            chart,
            width,
            height,
            self._series_styles(),
            self.get_component_rich_style("timeline-chart--axis"),
            self.get_component_rich_style("timeline-chart--note"),
            selected,
            self._footnote(chart) if height > _NON_PLOT_ROWS + 1 else "",
        )
        return Text("\n", end="").join(lines[:height])

    def watch_whole(self) -> None:
        self.refresh()

    def watch_selected(self) -> None:
        self.refresh()

    def _bucket_under(self, event: events.MouseEvent) -> Bucket | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = self._shape.bucket_at(offset.x)
        return self._chart.buckets[index] if index is not None and self._chart.buckets else None

    def on_click(self, event: events.Click) -> None:
        bucket = self._bucket_under(event)
        if bucket is None:
            return
        event.stop()
        key = (bucket.granularity, bucket.index)
        self.selected = None if self.selected == key else key
        self.post_message(self.BucketSelected(self, bucket if self.selected else None))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        bucket = self._bucket_under(event)
        if bucket == self._hovered:
            return
        self._hovered = bucket
        if bucket is None:
            self.tooltip = None
            return
        counts = ", ".join(f"{series.label} {n}" for series, n in zip(SERIES, bucket.counts, strict=True))
        self.tooltip = Text(f"{bucket.label}: {counts}")
