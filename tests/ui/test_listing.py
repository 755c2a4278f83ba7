"""The entry list's columns: cells are literal text, and each column sorts by what it means."""

from __future__ import annotations

from pathlib import Path

from briefing.library import Library
from briefing.model.vocabulary import EntityKind
from briefing.ui.listing import COLUMNS, entries, sorted_entries
from tests.factories import make_library_dir
from tests.ui.helpers import hostile_tables


def column(kind: EntityKind, key: str):
    return next(c for c in COLUMNS[kind] if c.key == key)


def test_dates_sort_as_dates_and_undated_entries_come_last(small_library: Library) -> None:
    events = entries(small_library, EntityKind.EVENT, None)
    by_date = sorted_entries(small_library, events, column(EntityKind.EVENT, "date"))
    assert [e.id for e in by_date] == ["event:talks", "event:convoy-ied", "event:beta-visit"]


def test_counts_sort_as_numbers(small_library: Library) -> None:
    actors = entries(small_library, EntityKind.ACTOR, None)
    most = sorted_entries(small_library, actors, column(EntityKind.ACTOR, "mentions"), reverse=True)
    assert [a.id for a in most] == ["actor:ghaani", "actor:quds-force"]


def test_cells_show_markup_as_written_on_one_line(tmp_path: Path) -> None:
    library = Library.load([make_library_dir(tmp_path / "lib", hostile_tables())])
    actor = library.require("actor:ghaani")
    cells = [c.cell(library, actor).plain for c in COLUMNS[EntityKind.ACTOR]]
    assert cells[0] == "[@click=app.quit]Click me[/]"
    event = library.require("event:talks")
    title = column(EntityKind.EVENT, "title").cell(library, event).plain
    assert title == "Talks blinking reversed", "the blink sequence (whole) and the bidi override are gone"


def test_a_long_list_sorted_in_slices_is_in_the_same_order_as_one_sort(tmp_path: Path) -> None:
    from briefing.ui.listing import SORT_SLICE
    from tests.ui.test_big_content import _many_claims

    library = Library.load([make_library_dir(tmp_path / "lib", _many_claims(SORT_SLICE * 2 + 5))])
    claims = entries(library, EntityKind.CLAIM, None)
    assert len(claims) > 2 * SORT_SLICE
    for spec in COLUMNS[EntityKind.CLAIM]:
        for reverse in (False, True):
            expected = sorted(claims, key=lambda e: (spec.sort(library, e), e.id), reverse=reverse)
            assert sorted_entries(library, claims, spec, reverse) == expected, (spec.key, reverse)
