"""The chart series' colours, as component classes and CSS for any widget that marks events by series.

The chart's bars and the timeline list's row markers use the same colour
for a series, so a reader who has learnt the chart reads the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.timeline import SERIES

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
