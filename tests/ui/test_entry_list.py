"""Filtering a list by typing (f): the rows narrow as you type, the count says how many, escape clears it."""

from __future__ import annotations

from pathlib import Path

from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import Place, View
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace
from tests.ui.helpers import loaded, screen_text, settle, until

BRIEFING = "briefing:iraq-convoy-attacks-2020"


def _app(data: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, data))


async def _events(pilot, app: BriefingApp) -> None:  # type: ignore[no-untyped-def]
    browser = await loaded(pilot)
    browser.go(Place(View.EVENTS, BRIEFING))
    browser.table.focus()
    await settle(pilot)


async def test_f_filters_the_list_as_you_type_and_escape_brings_every_row_back(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _events(pilot, app)
        table = app.browser.table
        everything = table.row_count
        await pilot.press("f", *"ied")
        await until(pilot, lambda: 0 < table.row_count < everything, "the list never narrowed")
        shown = [app.library.require(i) for i in table.entity_ids]
        assert all("ied" in (e.title + e.description + e.event_kind).casefold() for e in shown)  # type: ignore[union-attr]
        assert f"{table.row_count} of {everything}" in screen_text(app)
        await pilot.press("down")
        assert app.focused is table, "down (or enter) goes back to the rows, the filter kept"
        assert table.row_count < everything
        await pilot.press("down")
        assert app.browser.place is not None and app.browser.place.entry_id == table.cursor_id
        kept = table.cursor_id
        await pilot.press("escape")
        await until(pilot, lambda: table.row_count == everything, "escape did not clear the filter")
        assert table.cursor_id == kept, "the cursor stays on the entry found with the filter"
        assert "filter:" not in screen_text(app)


async def test_every_word_must_be_in_the_row_and_a_row_the_filter_leaves_nothing_says_so(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _events(pilot, app)
        table = app.browser.table
        await pilot.press("f", *"rocket aug")
        await until(pilot, lambda: table.words == ("rocket", "aug"), "the words never reached the list")
        await settle(pilot)
        assert table.row_count > 0
        for entity_id in table.entity_ids:
            event = app.library.require(entity_id)
            assert event.when is not None and event.when.start.month == 8, entity_id  # type: ignore[union-attr]
        await pilot.press(*" zzzz")
        await until(pilot, lambda: table.row_count == 0, "a word no row holds left rows")
        assert "escape clears it" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: table.row_count > 0, "escape did not clear the filter")


async def test_a_slash_in_the_empty_filter_starts_the_search_and_another_list_starts_unfiltered(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _events(pilot, app)
        await pilot.press("f", "slash")
        await settle(pilot)
        assert isinstance(app.browser.shown_view, SearchView)
        await pilot.press("escape")
        await settle(pilot)
        table = app.browser.table
        table.focus()
        await pilot.press("f", *"iraq", "enter")
        await until(pilot, lambda: table.words == ("iraq",), "the filter never applied")
        app.browser.go(Place(View.ACTORS, BRIEFING))
        await settle(pilot)
        assert table.words == ()
        assert app.browser.entry_list.filter_line.value == ""


async def test_the_filter_finds_an_actor_by_an_alias(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.ACTORS, BRIEFING))
        browser.table.focus()
        await settle(pilot)
        await pilot.press("f", *"aah")
        await until(pilot, lambda: browser.table.words == ("aah",), "the filter never applied")
        await settle(pilot)
        assert "actor:asaib-ahl-al-haq" in browser.table.entity_ids


async def test_a_filtered_list_sorted_again_keeps_its_filter_and_clears_into_the_new_order(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _events(pilot, app)
        table = app.browser.table
        everything = table.row_count
        await pilot.press("f", *"rocket", "enter")
        await until(pilot, lambda: table.words == ("rocket",), "the filter never applied")
        await settle(pilot)
        rockets = set(table.entity_ids)
        await pilot.press("r")  # newest first
        await settle(pilot)
        assert set(table.entity_ids) == rockets
        await pilot.press("escape")
        await until(pilot, lambda: table.row_count == everything, "escape did not clear the filter")
        dates = [app.library.require(i).when.start for i in table.entity_ids]  # type: ignore[union-attr]
        assert dates == sorted(dates, reverse=True), "the whole list comes back in the order chosen meanwhile"
