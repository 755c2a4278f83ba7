"""The timeline chart drawn with block characters: events per week (or month) by series.

Grouped bars (one per series, side by side) when they fit, so that IED and
rocket attacks read against each other week by week; stacked bars when the
buckets are many.  Bars grow in eighths of a cell (▁▂▃…█); where two stacked
series meet inside one cell the lower colours the glyph and the upper its
background.
"""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text

from briefing.text import shorten
from briefing.timeline import Bucket, Chart
from briefing.ui.chart_layout import Geometry, geometry, tick_labels, y_axis

EIGHTHS = " ▁▂▃▄▅▆▇█"
NON_PLOT_ROWS = 4  # legend, axis, tick labels, footnote


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
    rows = max(height - NON_PLOT_ROWS + (0 if footnote else 1), 2)
    lines = [_legend(chart, series_styles, width)]
    if not chart.buckets:
        lines.append(Text("No events to chart.", style=note))
        return lines, Geometry(0, 0, 0, False, 0)
    group = len(chart.labels)
    shape = geometry(width, len(chart.buckets), len(str(max(chart.peak, 1))) + 1, group)
    top, labels = y_axis(chart.peak_single if shape.grouped else chart.peak, rows)
    label_width = max(len(str(value)) for value in labels.values())
    shape = geometry(width, len(chart.buckets), label_width, group)
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
    """The series and how many events each has in the bars: "charted" when the footnote names some left out,
    since the list and the kind menu count those too."""
    line = Text(end="", no_wrap=True, overflow="ellipsis")
    if chart.buckets and chart.left_out:
        line.append("charted: ")
    for index, (label, total) in enumerate(zip(chart.labels, chart.totals, strict=True)):
        if index:
            line.append("   ")
        line.append("█ ", style=styles[index])
        line.append(f"{shorten(label, 24)} {total}")
    if chart.buckets:
        first, last = chart.buckets[0], chart.buckets[-1]
        scope = f"{chart.granularity.adjective}, {_period(first.start, last.last)}"
        if line.cell_len + len(scope) + 3 > width:
            scope = chart.granularity.adjective  # the zoom, at least
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
