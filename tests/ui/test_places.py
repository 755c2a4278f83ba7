"""Where an entry opens: in the view the reader is in when it can, else in its kind's list."""

from __future__ import annotations

from briefing.library import Library
from briefing.model.vocabulary import EntityKind
from briefing.ui.places import (
    Place,
    View,
    briefing_in_reach,
    place_of,
    start_place,
    trail,
    view_count,
    view_title,
)


def test_an_entry_opens_in_its_kinds_list_of_its_briefing(small_library: Library) -> None:
    assert place_of(small_library, "claim:qaani-warns") == Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns")
    assert place_of(small_library, "event:beta-visit") == Place(View.EVENTS, "briefing:beta", "event:beta-visit")
    assert place_of(small_library, "briefing:beta") == Place(View.BRIEFINGS, None, "briefing:beta")


def test_an_actor_in_two_briefings_opens_in_the_one_the_reader_is_in(small_library: Library) -> None:
    in_beta = Place(View.EVENTS, "briefing:beta", "event:beta-visit")
    assert place_of(small_library, "actor:ghaani", in_beta) == Place(View.ACTORS, "briefing:beta", "actor:ghaani")
    assert place_of(small_library, "actor:ghaani").briefing_id == "briefing:alpha"  # type: ignore[union-attr]


def test_an_event_stays_in_the_timeline_and_an_actor_in_the_network(small_library: Library) -> None:
    timeline = Place(View.TIMELINE, "briefing:alpha")
    assert place_of(small_library, "event:talks", timeline) == timeline.with_entry("event:talks")
    network = Place(View.NETWORK, "briefing:alpha")
    assert place_of(small_library, "actor:quds-force", network) == network.with_entry("actor:quds-force")
    assert place_of(small_library, "claim:qaani-warns", timeline) == Place(
        View.CLAIMS, "briefing:alpha", "claim:qaani-warns"
    )


def test_an_event_of_another_briefing_leaves_the_timeline(small_library: Library) -> None:
    timeline = Place(View.TIMELINE, "briefing:alpha")
    assert place_of(small_library, "event:beta-visit", timeline) == Place(
        View.EVENTS, "briefing:beta", "event:beta-visit"
    )


def test_unknown_and_malformed_ids_have_no_place(small_library: Library) -> None:
    assert place_of(small_library, "actor:nobody") is None
    assert place_of(small_library, "[bold]x") is None
    assert place_of(small_library, "note:01abc") is None


def test_the_reader_starts_on_the_first_briefing(small_library: Library) -> None:
    assert start_place(small_library) == Place(View.BRIEFINGS, None, "briefing:alpha")
    assert start_place(Library()) == Place(View.BRIEFINGS, None, None)


def test_counts_of_list_views(small_library: Library) -> None:
    assert view_count(small_library, View.ACTORS, "briefing:alpha") == 2
    assert view_count(small_library, View.EVENTS, None) == 3
    assert view_count(small_library, View.TIMELINE, "briefing:alpha") is None


def test_the_breadcrumb_trail_names_the_briefing_the_view_and_the_entry(small_library: Library) -> None:
    claim = Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns")
    briefing, view, entry = trail(small_library, claim)
    assert (briefing, view) == (small_library.label("briefing:alpha"), "Claims")
    assert entry == small_library.label("claim:qaani-warns")
    on_briefing = Place(View.BRIEFINGS, None, "briefing:alpha")
    assert trail(small_library, on_briefing) == [small_library.label("briefing:alpha")]
    assert trail(small_library, Place(View.NOTES)) == ["Notes"], "the Notes say where the reader is too"
    assert trail(small_library, Place(View.TIMELINE, None)) == ["Timeline"]


def test_a_list_title_counts_its_entries_and_a_chart_title_does_not(small_library: Library) -> None:
    count = len(small_library.in_briefing("briefing:alpha", EntityKind.CLAIM))
    assert view_title(small_library, Place(View.CLAIMS, "briefing:alpha")) == f"Claims · {count}"
    assert view_title(small_library, Place(View.TIMELINE, "briefing:alpha")) == "Timeline"


def test_the_briefing_in_reach_is_the_one_the_reader_is_in_or_on(small_library: Library) -> None:
    assert briefing_in_reach(small_library, Place(View.EVENTS, "briefing:beta")) == "briefing:beta"
    assert briefing_in_reach(small_library, Place(View.BRIEFINGS, None, "briefing:beta")) == "briefing:beta"
    assert briefing_in_reach(small_library, Place(View.NOTES)) is None  # two briefings: none is implied
