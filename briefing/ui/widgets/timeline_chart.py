"""The timeline's bar chart: re-plans its buckets to fit its width and posts ``BucketSelected`` when a bar is clicked.

The bars are drawn by ``chart_drawing``.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from briefing.text import text
from briefing.timeline import Bucket, Chart, Granularity, Period, Tally, next_zoom, plan_chart
from briefing.ui.chart_drawing import NON_PLOT_ROWS, draw
from briefing.ui.chart_layout import Geometry
from briefing.ui.series_colours import actor_styles, series_styles

CHART_SERIES_STYLES = series_styles("TimelineChart", "timeline-chart")
CHART_ACTOR_STYLES = actor_styles("TimelineChart", "timeline-chart")


class TimelineChart(Widget):
    """Events per bucket by series; re-plans its buckets to fit its width."""

    DEFAULT_CSS = """
    TimelineChart { height: 9; padding: 0 1; }
    TimelineChart > .timeline-chart--axis { color: $foreground 70%; }
    TimelineChart > .timeline-chart--note { color: $text-muted; }
    """ + CHART_SERIES_STYLES.css + CHART_ACTOR_STYLES.css

    COMPONENT_CLASSES = {
        *CHART_SERIES_STYLES.classes,
        *CHART_ACTOR_STYLES.classes,
        "timeline-chart--axis",
        "timeline-chart--note",
    }

    zoom: reactive[Granularity | None] = reactive(None)
    """The bars' width the reader chose with ``z``; None: the finest that fits."""
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

    def _series_styles(self, chart: Chart) -> list[Style]:
        names = CHART_ACTOR_STYLES.classes if chart.by_actor else CHART_SERIES_STYLES.classes
        return [self.get_component_rich_style(name) for name in names[: len(chart.labels)]]

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
        parts.append(f"z: {next_zoom(chart).adjective}")
        return " · ".join(parts)

    def _plan(self, width: int) -> Chart:
        """As many buckets as fit two columns each (a bar and a gap) beside the count labels."""
        label_width = len(str(max(self._tally.total, 1)))
        return plan_chart(self._tally, max((width - label_width - 2) // 2, 1), zoom=self.zoom)

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
            self._series_styles(chart),
            self.get_component_rich_style("timeline-chart--axis"),
            self.get_component_rich_style("timeline-chart--note"),
            selected,
            self._footnote(chart) if height > NON_PLOT_ROWS + 1 else "",
        )
        return Text("\n", end="").join(lines[:height])

    def watch_zoom(self) -> None:
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
        counts = ", ".join(f"{label} {n}" for label, n in zip(self._chart.labels, bucket.counts, strict=True))
        self.tooltip = text(f"{bucket.label}: {counts}")
