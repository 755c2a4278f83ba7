"""The top line says where the reader is, cut to fit with the entry's name kept longest."""

from __future__ import annotations

from briefing.ui.widgets.breadcrumb import crumb_line

PARTS = ["Iraq: militia attacks on US convoys, July–September 2020", "Actors", "United States"]


def test_a_wide_breadcrumb_shows_every_part_whole() -> None:
    assert crumb_line(PARTS, 200).plain == "briefing › " + " › ".join(PARTS)


def test_a_narrow_breadcrumb_cuts_the_briefing_title_before_the_entry() -> None:
    narrow = crumb_line(PARTS, 60).plain
    assert len(narrow) <= 60
    assert narrow.endswith("› Actors › United States")
    assert narrow.startswith("briefing › Iraq: milit") and "…" in narrow


def test_markup_in_a_part_is_shown_as_written() -> None:
    assert crumb_line(["[bold]x[/]", "Actors"], 80).plain == "briefing › [bold]x[/] › Actors"
