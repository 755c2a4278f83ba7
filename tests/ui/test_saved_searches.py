"""Saved searches in the browser: ctrl+s keeps one, the navigation counts it, enter runs it, d forgets it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from briefing.model.saved_searches import SavedSearch
from briefing.store.paths import settings_path
from briefing.store.settings import load_settings, save_search
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.screens.confirm import Confirm
from briefing.ui.screens.name_prompt import NamePrompt
from briefing.ui.widgets.navigation import Navigation
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace
from tests.ui.helpers import loaded, search_painted, settle, until


def _app(tmp_path: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, tmp_path / "data"))


def _saved_labels(navigation: Navigation) -> list[str]:
    node = navigation.searches_node
    return [] if node is None else [str(child.label) for child in node.children]


async def test_ctrl_s_keeps_the_search_and_the_navigation_counts_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        await pilot.press("slash", *"khazali kind:claim")
        await search_painted(browser.query_one(SearchView), pilot, "khazali kind:claim")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        await pilot.press(*"Khazali claims", "enter")
        await until(pilot, lambda: _saved_labels(browser.navigation) == ["Khazali claims 2"], "never counted")
        saved = load_settings(settings_path(tmp_path / "data")).saved_searches
        assert saved == (SavedSearch("Khazali claims", "khazali kind:claim"),)


async def test_enter_on_a_saved_search_runs_it_and_d_forgets_it_after_asking(tmp_path: Path) -> None:
    save_search(settings_path(tmp_path / "data"), SavedSearch("Rocket events", "rocket kind:event"))
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        navigation = browser.navigation
        await until(pilot, lambda: _saved_labels(navigation) == ["Rocket events 22"], "never counted")
        assert navigation.searches_node is not None
        navigation.focus()
        navigation.move_cursor(navigation.searches_node.children[0])
        await pilot.press("enter")
        view = browser.query_one(SearchView)
        await search_painted(view, pilot, "rocket kind:event")
        assert view.query_one(Input).value == "rocket kind:event" and len(view.result_list.hits) == 22
        navigation.focus()
        navigation.move_cursor(navigation.searches_node.children[0])
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await until(pilot, lambda: not _saved_labels(navigation), "never forgotten")
        assert load_settings(settings_path(tmp_path / "data")).saved_searches == ()


async def test_a_bad_name_is_refused_in_the_prompt_and_a_hostile_one_is_shown_as_written(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        await pilot.press("slash", *"convoy")
        await search_painted(browser.query_one(SearchView), pilot, "convoy")
        await pilot.press("ctrl+s")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, NamePrompt)
        prompt.query_one(Input).value = "   "
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt), "no empty name"
        prompt.query_one(Input).value = "[bold]convoys[/bold]"
        await pilot.press("enter")
        await until(
            pilot,
            lambda: any("[bold]convoys[/bold]" in label for label in _saved_labels(browser.navigation)),
            "not shown literally",
        )


async def test_e_on_a_saved_search_renames_it_in_its_place(tmp_path: Path) -> None:
    path = settings_path(tmp_path / "data")
    save_search(path, SavedSearch("Rocket events", "rocket kind:event"))
    save_search(path, SavedSearch("Khazali", "khazali"))
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        navigation = browser.navigation
        await until(pilot, lambda: len(_saved_labels(navigation)) == 2, "never listed")
        assert navigation.searches_node is not None
        navigation.focus()
        navigation.move_cursor(navigation.searches_node.children[0])
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, NamePrompt)
        assert app.screen.query_one(Input).value == "Rocket events", "the prompt starts from the old name"
        await pilot.press("ctrl+u", *"Rockets", "enter")
        await until(pilot, lambda: _saved_labels(navigation)[0].startswith("Rockets "), "never renamed")
        assert load_settings(path).saved_searches == (
            SavedSearch("Rockets", "rocket kind:event"),
            SavedSearch("Khazali", "khazali"),
        )
