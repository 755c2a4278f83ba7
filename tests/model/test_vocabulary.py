"""The timeline chart's series are the vocabulary's: which event kinds each counts, its label, its order."""

from __future__ import annotations

from briefing.model.vocabulary import (
    CHART_SERIES,
    EVENT_KINDS,
    SHORT_LABEL_WIDTH,
    chart_series,
    event_kind_label,
    event_kind_short_label,
    series_of,
)
from briefing.timeline import SERIES
from briefing.ui.widgets.event_list import EventList
from briefing.ui.widgets.timeline_chart import TimelineChart


def test_each_series_counts_known_kinds_and_the_last_counts_the_rest() -> None:
    *named, rest = CHART_SERIES
    assert [s.label for s in CHART_SERIES] == ["IED", "rocket", "other"]
    assert rest.kinds == frozenset()
    taken = [kind for series in named for kind in series.kinds]
    assert len(taken) == len(set(taken)) and set(taken) <= set(EVENT_KINDS)
    assert all(series_of(kind) == series for series in named for kind in series.kinds)
    assert {series_of(kind) for kind in set(EVENT_KINDS) - set(taken)} == {rest}
    assert series_of("not-a-kind") == rest
    assert chart_series("remote-explosive-ied") == "IED"


def test_the_timeline_and_its_widgets_take_their_series_from_the_vocabulary() -> None:
    assert SERIES == CHART_SERIES
    for widget, prefix in ((TimelineChart, "timeline-chart"), (EventList, "event-list")):
        for series in CHART_SERIES:
            assert f"{prefix}--{series.name}" in widget.COMPONENT_CLASSES
            assert f".{prefix}--{series.name} {{ color:" in widget.DEFAULT_CSS


def test_every_event_kind_has_a_short_label_that_fits_a_column_at_80_columns() -> None:
    shorts = {kind: event_kind_short_label(kind) for kind in EVENT_KINDS}
    assert all(len(label) <= SHORT_LABEL_WIDTH for label in shorts.values()), shorts
    assert len(set(shorts.values())) == len(shorts), "no two kinds read the same"
    assert shorts["remote-explosive-ied"] == "IED/landmine"
    assert event_kind_short_label("visit") == event_kind_label("visit"), "a short label stays as it is"
