"""n and N open the next and previous hit of the last search from any view, as in vim and less."""

from __future__ import annotations

from pathlib import Path

from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import Place, View
from briefing.ui.screens.browser_hits import NO_SEARCH
from briefing.ui.textual_compat import notifications
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace
from tests.ui.helpers import loaded, screen_text, search_painted, settle

SHIPPED = "briefing:iraq-convoy-attacks-2020"


def _app(tmp_path: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, tmp_path / "data"))


def _notices(app: BriefingApp) -> list[str]:
    return [n.message for n in notifications(app)]


async def test_n_and_N_go_through_the_hits_from_any_view_and_back_returns(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        await pilot.press("slash", *"khazali")
        view = browser.query_one(SearchView)
        await search_painted(view, pilot, "khazali")
        hits = [hit.id for hit in view.result_list.hits]
        assert len(hits) >= 3
        await pilot.press("enter")
        await settle(pilot)
        assert browser.open_entry == hits[0]

        await pilot.press("n")
        await settle(pilot)
        assert browser.open_entry == hits[1]
        assert any(n.startswith(f"Hit 2 of {len(hits)}") for n in _notices(app))
        browser.go(Place(View.TIMELINE, SHIPPED))  # from another view
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert browser.open_entry == hits[2]
        await pilot.press("N", "N")
        await settle(pilot)
        assert browser.open_entry == hits[0]
        await pilot.press("N")
        await settle(pilot)
        assert browser.open_entry == hits[-1], "round the end"
        assert any("(from the last again)" in n for n in _notices(app))
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert browser.open_entry == hits[0], "each hit is a step of the history"

        await pilot.press("slash")
        await settle(pilot)
        assert view.result_list.cursor_id == hits[-1], "the results show the hit n and N last opened"


async def test_n_before_any_search_says_how_and_n_in_the_query_is_a_letter(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        place = browser.place
        await pilot.press("n")
        await settle(pilot)
        assert NO_SEARCH in _notices(app) and browser.place == place
        await pilot.press("slash", *"nn")
        view = browser.query_one(SearchView)
        await search_painted(view, pilot, "nn")
        assert view.input.value == "nn"
        assert "next hit" not in screen_text(app).splitlines()[-1]
