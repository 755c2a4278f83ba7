"""Unread marks in the browser: what arrives is in What's new and dotted in the lists until opened."""

from __future__ import annotations

import copy
from pathlib import Path

from briefing.store.paths import unread_path
from briefing.store.unread import load_unread
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import Place, View
from briefing.ui.screens.confirm import Confirm
from briefing.ui.widgets.entry_table import UNREAD_MARK
from briefing.ui.widgets.news_list import NewsList
from tests.factories import alpha_tables, beta_tables, make_library_dir, write_tables
from tests.ui.helpers import loaded, screen_text, settle, until, workspace_for

WAIT_S = 15.0


def _app(folder: Path, tmp_path: Path) -> BriefingApp:
    return create_app(workspace_for(folder, tmp_path / "data"))


def _news_label(app: BriefingApp) -> str:
    node = app.browser.news_node
    return str(node.label) if node is not None else ""


async def test_a_briefing_arriving_while_the_browser_runs_is_new_until_each_entry_is_opened(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib", alpha_tables())
    app = _app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: _news_label(app) == "What's new 0", "the first look marked something new")

        write_tables(folder / "beta.json", copy.deepcopy(beta_tables()))
        await until(
            pilot, lambda: app.library is not None and "briefing:beta" in app.library.briefings, "no reload", WAIT_S
        )
        await until(pilot, lambda: bool(app.browser.unread), "the arrivals were not marked", WAIT_S)
        browser = app.browser
        new = set(browser.unread)
        assert _news_label(app) == f"What's new {len(new)}"
        assert "briefing:beta" in new and "event:beta-visit" in new
        assert not any(e in new for e in ("claim:qaani-warns", "actor:ghaani")), "alpha's entries were there before"

        browser.show_view(View.NEWS, None)
        await settle(pilot)
        news = browser.query_one(NewsList)
        assert set(news.rows[i].entity_id for i in range(news.row_count)) == new
        assert "Beta" in screen_text(app)

        browser.go(Place(View.EVENTS, "briefing:beta"))
        browser.table.focus()
        await settle(pilot)
        assert UNREAD_MARK.strip() in screen_text(app), "an unread row carries the dot"
        browser.table.select("event:beta-visit")
        await pilot.press("enter")
        await until(pilot, lambda: "event:beta-visit" not in browser.unread, "opening did not mark it read")
        assert "event:beta-visit" not in load_unread(unread_path(tmp_path / "data")).unread

        await pilot.press("R")
        await until(pilot, lambda: "event:beta-visit" in browser.unread, "R did not mark it unread again")

        browser.show_view(View.NEWS, None)
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await until(pilot, lambda: not browser.unread, "all read left entries unread")
        assert _news_label(app) == "What's new 0"


async def test_a_briefing_copied_in_while_no_browser_ran_is_new_at_the_next_start(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib", alpha_tables())
    async with _app(folder, tmp_path).run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await settle(pilot)
    write_tables(folder / "beta.json", copy.deepcopy(beta_tables()))
    app = _app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: "briefing:beta" in app.browser.unread, "the new briefing is not new")
        assert "claim:qaani-warns" not in app.browser.unread


async def test_a_pinned_or_unread_entry_says_so_in_its_row_and_at_the_foot_of_the_entry(tmp_path: Path) -> None:
    from briefing.ui.widgets.entry_table import PIN_MARK

    folder = make_library_dir(tmp_path / "lib", alpha_tables())
    app = _app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.ACTORS, "briefing:alpha", "actor:ghaani"))
        browser.table.focus()
        await settle(pilot)
        assert PIN_MARK.strip() not in screen_text(app)
        await pilot.press("b")
        await until(pilot, lambda: "actor:ghaani" in browser.pins, "b did not pin")
        await settle(pilot)
        assert PIN_MARK.strip() in screen_text(app)
        assert str(browser.detail.border_subtitle) == "pinned · actor:ghaani"
        await pilot.press("R")
        await until(pilot, lambda: "actor:ghaani" in browser.unread, "R did not mark it unread")
        await settle(pilot)
        assert str(browser.detail.border_subtitle) == "unread · pinned · actor:ghaani"
        assert UNREAD_MARK.strip() in screen_text(app)
