"""Search in the browser: as you type, ranked, highlighted, opening entries into the history."""

from __future__ import annotations

from pathlib import Path

from briefing.ui.app import BriefingApp, create_app
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace


def _app(tmp_path: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, tmp_path / "data"))


async def _ready(app: BriefingApp, pilot) -> None:
    for _ in range(200):
        if app.search_index is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("the search index never became ready")


async def _type(app: BriefingApp, pilot, query: str) -> SearchView:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*query)
    view = app.browser.query_one(SearchView)
    await _painted(view, pilot, query)
    return view


async def _painted(view: SearchView, pilot, query: str) -> None:
    for _ in range(150):
        if view.shown is not None and view.shown.query == query:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"results for {query[:40]!r} were never painted")


async def test_typing_khazali_lists_him_first_then_his_group_and_what_mentions_him(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "Khazali")
        ids = view.result_list.ids
        assert ids[0] == "actor:qais-khazali"
        assert "actor:asaib-ahl-al-haq" in ids
        assert "claim:khazali-let-us-leave" in ids


async def test_enter_opens_the_first_result_and_back_returns(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        before = app.browser.place
        await _type(app, pilot, "Khazali")
        await pilot.press("enter")
        await pilot.pause()
        assert app.browser.current_entry == "actor:qais-khazali"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.browser.place == before


async def test_a_malformed_query_says_what_is_wrong_and_keeps_running(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "kind:bogus")
        status = str(view.query_one("#search-status").render())
        assert "bogus" in status
        assert app.is_running


async def test_hostile_queries_neither_crash_nor_act(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "[@click=app.quit]")
        for query in ("[/]", '"unbalanced', "NEAR(", "OR OR", "x" * 5000):
            view.input.value = query
            await _painted(view, pilot, query)
        assert app.is_running


async def test_the_up_arrow_recalls_earlier_searches_even_after_a_restart(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        await _type(app, pilot, "convoy")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
    again = _app(tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await _ready(again, pilot)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("up")
        assert again.browser.query_one(SearchView).input.value == "convoy"


async def test_escape_leaves_search_for_the_view_that_was_there(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        await _type(app, pilot, "rocket")
        await pilot.press("escape")
        await pilot.pause()
        assert app.browser.views.current == "entries"
