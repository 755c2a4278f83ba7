"""A running browser sees briefings that another terminal adds, changes or removes, and keeps the reader's place."""

from __future__ import annotations

import asyncio
import copy
from functools import partial
from pathlib import Path

import pytest

from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import Place, View
from briefing.ui.screens.browser import BrowserScreen
from briefing.ui.screens.help import HelpScreen
from briefing.ui.textual_compat import notifications
from briefing.ui.view_widgets import HasCursor
from tests.factories import alpha_tables, beta_tables, make_library_dir, write_tables
from tests.ui.helpers import loaded, screen_text, settle, until, workspace_for

WAIT_S = 15.0
"""File events arrive within a second; a loaded machine may take longer."""

seen = partial(until, what="the browser never saw the change", seconds=WAIT_S)


def _app(folder: Path, tmp_path: Path) -> BriefingApp:
    return create_app(workspace_for(folder, tmp_path / "data"))


async def test_a_briefing_imported_elsewhere_appears_and_the_reader_stays_where_they_were(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib", alpha_tables())
    app = _app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns"))
        await settle(pilot)
        assert "Beta follow-up" not in screen_text(app)

        write_tables(folder / "beta.json", copy.deepcopy(beta_tables()))
        await seen(pilot, lambda: app.library is not None and "briefing:beta" in app.library.briefings)
        await seen(pilot, lambda: app.browser is not browser and app.browser.is_mounted)
        await settle(pilot)
        assert app.browser.place == Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns")
        assert "Beta follow-up" in screen_text(app)
        assert "Library updated: Beta follow-up added" in [n.message for n in notifications(app)]
        await pilot.press("left_square_bracket")  # the history came along: back to where the reader was before
        await settle(pilot)
        assert app.browser.place is not None and app.browser.place.view is View.BRIEFINGS


async def test_a_removed_briefing_takes_the_reader_to_the_start_and_its_entries_out_of_the_history(
    tmp_path: Path,
) -> None:
    folder = make_library_dir(tmp_path / "lib")
    app = _app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.EVENTS, "briefing:beta", "event:beta-visit"))
        await settle(pilot)
        (folder / "beta.json").unlink()
        await seen(pilot, lambda: app.library is not None and "briefing:beta" not in app.library.briefings)
        await seen(pilot, lambda: app.browser is not browser and app.browser.is_mounted)
        await settle(pilot)
        place = app.browser.place
        assert place is not None and place.briefing_id != "briefing:beta"
        assert all(p.briefing_id != "briefing:beta" for p in app.browser.history.places)
        assert "Beta follow-up" not in screen_text(app)


async def test_an_open_dialog_is_not_pulled_from_under_the_reader(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib", alpha_tables())
    app = _app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        write_tables(folder / "beta.json", copy.deepcopy(beta_tables()))
        await asyncio.sleep(3.0)  # the change is seen and the library reloaded meanwhile
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.browser is browser
        await pilot.press("escape")
        await seen(pilot, lambda: app.browser is not browser and app.browser.is_mounted)
        assert isinstance(app.screen, BrowserScreen)
        assert app.library is not None and "briefing:beta" in app.library.briefings


async def test_the_readers_own_library_folder_is_watched_before_it_exists(tmp_path: Path) -> None:
    """Before the first import there is no user library folder; the first import creates it."""
    data = tmp_path / "data"
    app = create_app(workspace_for(make_library_dir(tmp_path / "lib", alpha_tables()), data))
    app.workspace.library_dirs.append(data / "library")
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        await asyncio.sleep(0.3)
        make_library_dir(data / "library", beta_tables())
        await seen(pilot, lambda: app.library is not None and "briefing:beta" in app.library.briefings)
        await seen(pilot, lambda: app.browser is not browser and app.browser.is_mounted)


@pytest.mark.parametrize("turns", [0, 1, 3])
async def test_quitting_while_a_reloaded_library_is_put_in_ends_cleanly(tmp_path: Path, turns: int) -> None:
    folder = make_library_dir(tmp_path / "lib", alpha_tables())
    app = _app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.library is not None and app.jump_index is not None
        app.post_message(BriefingApp.LibraryReloaded(app.library, app.jump_index))
        for _ in range(turns):
            await asyncio.sleep(0)
        app.exit()
    assert app.return_code in (0, None)


async def test_a_reloaded_timeline_has_its_cursor_on_the_reader_s_event(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib")
    app = _app(folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        place = Place(View.TIMELINE, "briefing:alpha", "event:convoy-ied")  # the later of alpha's two events
        browser.go(place)
        await settle(pilot)
        assert app.library is not None and app.jump_index is not None
        app.post_message(BriefingApp.LibraryReloaded(app.library, app.jump_index))
        await seen(pilot, lambda: app.browser is not browser and app.browser.is_mounted)
        await settle(pilot)
        timeline = app.browser.shown_view
        assert app.browser.place == place
        assert isinstance(timeline, HasCursor) and timeline.cursor_id == "event:convoy-ied"
