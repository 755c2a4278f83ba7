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
