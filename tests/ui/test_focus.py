"""Where the focus goes: each view opens with it where the next key is most likely meant, and opening
an entry puts the reader on its links."""

from __future__ import annotations

from pathlib import Path

from briefing.store.notes import NotesStore
from briefing.store.paths import notes_path
from briefing.ui.places import Place, View
from briefing.ui.widgets.link import Link
from briefing.ui.widgets.notes_list import NotesList
from briefing.ui.widgets.search_view import SearchView
from tests.ui.helpers import loaded, screen_text, search_painted, settle, small_app

SIZE = (120, 40)


async def test_enter_on_a_search_result_puts_the_reader_on_the_entrys_first_link(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        await pilot.press("slash")
        await pilot.press(*"Qaani")
        await search_painted(browser.query_one(SearchView), pilot, "Qaani")
        await pilot.press("enter")
        await settle(pilot)
        assert browser.open_entry == "actor:ghaani"
        assert isinstance(app.focused, Link) and app.focused is browser.detail.links[0]


async def test_a_followed_link_puts_the_reader_on_the_new_entrys_first_link(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.open("claim:qaani-warns")
        await settle(pilot)
        link = next(link for link in browser.detail.links if link.target == "actor:quds-force")
        link.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert browser.open_entry == "actor:quds-force"
        first = browser.detail.links[0]
        assert app.focused is first, "the new entry's first link is selected"
        await pilot.press("enter")
        await settle(pilot)
        assert browser.open_entry == first.target, "so enter follows on"


async def test_the_notes_view_opens_on_its_list_from_the_narrow_navigation_and_from_the_palette(tmp_path: Path) -> None:
    NotesStore(notes_path(tmp_path / "data")).add("actor:ghaani", "check the dates")
    app = small_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        await pilot.press("ctrl+b")
        await settle(pilot)
        navigation = browser.navigation
        navigation.move_cursor(browser.notes_node)
        await pilot.press("enter")
        await settle(pilot)
        notes = browser.query_one(NotesList)
        assert browser.place == Place(View.NOTES)
        assert app.focused is notes.table, "the hidden navigation leaves the keys with the notes"
        await pilot.press("enter")
        await settle(pilot)
        assert browser.open_entry == "actor:ghaani"
        browser.show_view(View.NOTES, None)
        await settle(pilot)
        assert app.focused is notes.table


async def test_escape_leaves_the_notes_filter_and_slash_searches_only_from_an_empty_one(tmp_path: Path) -> None:
    NotesStore(notes_path(tmp_path / "data")).add("actor:ghaani", "see https://example.org/a")
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.show_view(View.NOTES, None)
        await settle(pilot)
        notes = browser.query_one(NotesList)
        filter_line = notes.query_one("#notes-filter")
        filter_line.focus()
        await pilot.press(*"example.org/a")
        await pilot.pause()
        assert filter_line.value == "example.org/a", "in words being typed a slash is a letter"
        assert "e edit" not in screen_text(app).splitlines()[-1], "e is a letter here, not a key of the footer"
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is notes.table and notes.table.row_count == 1
        filter_line.focus()
        await pilot.press("ctrl+u", "slash")
        await settle(pilot)
        assert browser.views.current == "search" and browser.query_one(SearchView).input.has_focus


def _footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def _pick(pilot, browser, place: Place) -> None:
    navigation = browser.navigation
    if browser.has_class("-narrow") and not browser.has_class("-navigation"):
        await pilot.press("ctrl+b")
        await settle(pilot)
    navigation.focus()
    navigation.move_cursor(navigation._place_nodes[place.view_key])
    await pilot.press("enter")
    await settle(pilot)


async def test_a_view_picked_in_the_navigation_has_the_keys_and_a_briefing_picked_leaves_them_there(
    tmp_path: Path,
) -> None:
    """Enter on "Actors" left the keys in the tree: down moved the tree, not the list of actors."""
    for size in ((120, 40), (80, 24)):
        app = small_app(tmp_path)
        async with app.run_test(size=size) as pilot:
            browser = await loaded(pilot)
            expected = {
                View.ACTORS: "EntryTable",
                View.CLAIMS: "EntryTable",
                View.EVENTS: "EntryTable",
                View.SOURCES: "EntryTable",
                View.TIMELINE: "EventList",
                View.NETWORK: "MotionTree",
            }
            for view, focused in expected.items():
                await _pick(pilot, browser, Place(view, "briefing:alpha"))
                assert browser.place is not None and browser.place.view is view
                assert type(app.focused).__name__ == focused, (size, view)
            await _pick(pilot, browser, Place(View.NOTES))
            assert app.focused is browser.query_one(NotesList).table
            if size[0] >= 100:
                await _pick(pilot, browser, Place(View.BRIEFINGS, None, "briefing:alpha"))
                assert app.focused is browser.navigation, "a briefing picked: the tree, to go on into it"


async def test_the_footer_shows_forward_when_there_is_somewhere_to_go_and_no_letters_in_search(
    tmp_path: Path,
) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        assert "forward" not in _footer(app)
        browser.open("actor:ghaani")
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "] forward" in _footer(app)
        await pilot.press("slash")
        await pilot.press(*"Qaani")
        view = browser.query_one(SearchView)
        await search_painted(view, pilot, "Qaani")
        for footer in (_footer(app), (await pilot.press("down"), await settle(pilot), _footer(app))[2]):
            assert "leave search" in footer
            for letters in ("/ search", "a annotate", "t timeline", "q quit", "[ back", "] forward"):
                assert letters not in footer, "a letter here is one of the query"
        assert "enter open" in _footer(app), "in the results"


async def test_a_list_footer_offers_sorting_and_every_key_fits_at_80_columns(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        await _pick(pilot, browser, Place(View.CLAIMS, "briefing:alpha"))
        footer = _footer(app)
        for key in ("enter open", "s sort", "/ search", "t timeline", "q quit"):
            assert key in footer, (key, footer)
        assert "^p palette" not in footer, "below 100 columns the view's keys have the room"
        assert "? help" in screen_text(app).splitlines()[0], "help is on the top line instead"
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert "^p palette" in _footer(app)


async def test_at_80_columns_the_notes_footer_has_every_key_whole_even_with_undo(tmp_path: Path) -> None:
    """It read "… t timeline q q▏^p palette": the palette key took the room; ctrl+p still works there."""
    NotesStore(notes_path(tmp_path / "data")).add("actor:ghaani", "one note")
    app = small_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        await _pick(pilot, browser, Place(View.NOTES))
        await pilot.press("d", "y")
        await settle(pilot)
        footer = _footer(app)
        for key in ("enter open", "e edit", "d delete", "/ search", "t timeline", "u undo", "q quit"):
            assert key in footer, (key, footer)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert type(app.screen).__name__ == "CommandPalette"


async def test_enter_on_a_briefing_row_goes_into_the_briefing_and_back_returns_to_the_row(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        start = browser.place
        assert start is not None and start.view is View.BRIEFINGS and start.entry_id is not None
        await pilot.press("enter")
        await settle(pilot)
        place = browser.place
        assert place is not None and (place.view, place.briefing_id) == (View.ACTORS, start.entry_id)
        assert app.focused is browser.table, "the keys are with the briefing's actors"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert browser.place == start
