"""The chart series' colours, as component classes and CSS for any widget that marks events by series.

The chart's bars and the timeline list's row markers use the same colour
for a series, so a reader who has learnt the chart reads the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.timeline import SERIES

SERIES_COLOURS = ("$warning", "$primary", "$foreground 45%")
"""Each chart series' colour, in the vocabulary's order of them (``CHART_SERIES``)."""

ACTOR_COLOURS = ("$success", "$error", "$secondary", "$accent")
"""The colours of actors the chart compares, in the filter's order: none a series of event kinds has."""

MAX_COMPARED = len(ACTOR_COLOURS)
"""The most actors the chart sets side by side."""


@dataclass(frozen=True)
class SeriesStyles:
    """A widget's component class for each chart series, in the vocabulary's order, and the CSS colouring them."""

    classes: tuple[str, ...]
    css: str


def series_styles(widget: str, prefix: str) -> SeriesStyles:
    """Component classes ``PREFIX--NAME`` for ``widget``, one per series, coloured from ``SERIES_COLOURS``."""
    pairs = [(f"{prefix}--{series.name}", colour) for series, colour in zip(SERIES, SERIES_COLOURS, strict=True)]
    return _styles(widget, pairs)


def actor_styles(widget: str, prefix: str) -> SeriesStyles:
    """Component classes ``PREFIX--actor-N`` for ``widget``, one per actor compared, from ``ACTOR_COLOURS``."""
    return _styles(widget, [(f"{prefix}--actor-{n}", colour) for n, colour in enumerate(ACTOR_COLOURS, 1)])


def _styles(widget: str, pairs: list[tuple[str, str]]) -> SeriesStyles:
    return SeriesStyles(
        tuple(name for name, _ in pairs),
        "".join(f"{widget} > .{name} {{ color: {colour}; }}\n" for name, colour in pairs),
    )
