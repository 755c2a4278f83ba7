"""Where the timeline chart puts things: its bars across the plot, the round numbers up the y axis, the ticks.

Numbers only; ``chart_drawing`` turns them into lines of text.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.timeline import Bucket, Granularity


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


def geometry(width: int, count: int, label_width: int, group: int) -> Geometry:
    """Grouped bars when a group of one column per series (``group`` of them) fits each bucket, else stacked ones."""
    x0 = label_width + 1
    plot = max(width - x0 - 1, 1)
    per = plot // max(count, 1)
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
