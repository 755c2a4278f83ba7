"""Search in the browser: as you type, ranked, highlighted, opening entries into the history."""

from __future__ import annotations

import threading
from pathlib import Path

from briefing.bench.frames import record_frames
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import View
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace
from tests.ui.helpers import burst, screen_text, search_painted, settle, workers_done


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
    await search_painted(view, pilot, query)
    return view


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
        assert app.browser.open_entry == "actor:qais-khazali"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.browser.place == before


async def test_the_hit_under_the_cursor_shows_in_the_detail_pane_without_moving_the_history(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        before = app.browser.place
        shown_before = app.browser.detail.outline
        await _type(app, pilot, "Khazali")
        await settle(pilot)
        assert app.browser.detail.outline == shown_before, "typing leaves the detail pane alone"
        await pilot.press("down")
        await settle(pilot)
        assert app.browser.detail.outline.id == "actor:qais-khazali"
        await pilot.press("down")
        await settle(pilot)
        assert app.browser.detail.outline.id == "actor:asaib-ahl-al-haq"
        assert "Asaib Ahl al-Haq" in screen_text(app)
        assert app.browser.place == before
        await pilot.press("escape")
        await settle(pilot)
        assert app.browser.detail.outline == shown_before


async def test_arrow_keys_sent_in_a_burst_all_count(tmp_path: Path) -> None:
    """Down from the query moves into the results as the key arrives: the downs right behind it move the
    cursor.  Up from the first hit goes back to the query, to go on typing at its end."""
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "Khazali")
        burst(app, "down", "down", "down")
        await settle(pilot)
        assert view.result_list.has_focus and view.result_list.cursor == 2
        burst(app, "up", "up", "up")
        await settle(pilot)
        assert view.input.has_focus
        await pilot.press("x")
        assert view.input.value == "Khazalix", "the query is refined, not replaced"


async def test_a_correction_typed_in_a_burst_searches_for_the_corrected_word(tmp_path: Path) -> None:
    """Backspace is a binding and letters are not: a fast "x, backspace, t" once left "rockex"."""
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "Khazali")
        burst(app, "ctrl+u", *"rockex", "backspace", "t")
        await search_painted(view, pilot, "rocket")
        assert view.input.value == "rocket"
        assert view.result_list.hits[0].title.startswith("Rocket attack")


async def test_tab_takes_what_did_you_mean_offers_and_otherwise_moves_on(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "Kazali claims")
        assert "did you mean: Khazali kind:claim (tab)" in str(view.query_one("#search-status").render())
        assert "did you mean" in screen_text(app), "the footer offers the key"
        await pilot.press("tab")
        await search_painted(view, pilot, "Khazali kind:claim")
        assert view.input.value == "Khazali kind:claim" and view.input.has_focus
        ids = view.result_list.ids
        assert ids[0] == "claim:khazali-let-us-leave" and all(i.startswith("claim:") for i in ids)
        await pilot.press("tab")
        await pilot.pause()
        assert not view.input.has_focus, "with nothing offered, tab moves the focus on"


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
            await search_painted(view, pilot, query)
        assert app.is_running


async def test_the_up_arrow_recalls_earlier_searches_even_after_a_restart(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        await _type(app, pilot, "convoy")
        await pilot.press("enter")
        await workers_done(app)
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


async def test_a_key_right_behind_escape_is_a_command_not_a_letter_of_the_query(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "rocket")
        burst(app, "escape", "t")
        await settle(pilot)
        assert view.input.value == "rocket"
        assert app.browser.place is not None and app.browser.place.view == View.TIMELINE


def _record_paints(app: BriefingApp, view: SearchView) -> list[tuple[str, str | None]]:
    """For each frame drawn from now on: the query in the input and the query whose results are shown."""
    return record_frames(app, lambda: (view.input.value, view.shown.query if view.shown else None))


async def test_a_keystroke_and_its_results_reach_the_screen_in_one_frame(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "Khaz")
        painted = _record_paints(app, view)
        for key, query in (("a", "Khaza"), ("l", "Khazal"), ("i", "Khazali")):
            await pilot.press(key)
            await search_painted(view, pilot, query)
            first = next(frame for frame in painted if frame[0] == query)
            assert first == (query, query), "the echo was painted before its results"


async def test_a_slow_search_holds_the_echo_back_only_briefly(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "Khaz")
        fast = view.search
        assert fast is not None
        release = threading.Event()

        def slow(query: str):
            release.wait(10)
            return fast(query)

        view.search = slow
        painted = _record_paints(app, view)
        await pilot.press("a")
        try:
            for _ in range(100):
                if any(frame[0] == "Khaza" for frame in painted):
                    break
                await pilot.pause(0.02)
            assert ("Khaza", "Khaz") in painted, "the keystroke was not echoed while its search ran"
        finally:
            release.set()
        await search_painted(view, pilot, "Khaza")
        assert view.result_list.ids[0] == "actor:qais-khazali"


async def test_a_query_longer_than_the_input_keeps_its_end_in_view(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ready(app, pilot)
        query = "convoy " * 15 + "END"
        view = await _type(app, pilot, query)
        assert view.input.value == query
        input_line = screen_text(app).splitlines()[view.input.region.y]
        assert "convoy END" in input_line
        await pilot.press("home")
        await pilot.pause()
        input_line = screen_text(app).splitlines()[view.input.region.y]
        assert "convoy convoy" in input_line and "END" not in input_line


async def test_slash_again_selects_the_last_query_so_a_new_name_replaces_it(tmp_path: Path) -> None:
    """``khaz``, escape, ``/`` and ``kazali`` once searched for ``khazkazali``."""
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "khaz")
        await pilot.press("escape")
        await pilot.pause()
        await _type(app, pilot, "pompeo")
        assert view.input.value == "pompeo"
        assert view.result_list.ids[0] == "actor:mike-pompeo"
        await pilot.press("escape", "slash")
        await pilot.pause()
        await pilot.press("end", "s")
        assert view.input.value == "pompeos", "an arrow key, home or end keeps the query to edit"


async def test_letters_typed_in_the_results_go_to_the_query_and_never_run_commands(tmp_path: Path) -> None:
    """Tab with nothing offered moves to the results; ``t`` there once opened the timeline, ``q`` quit."""
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "rocket")
        await pilot.press("tab")
        await pilot.pause()
        assert view.result_list.has_focus
        await pilot.press(*" attack")
        await search_painted(view, pilot, "rocket attack")
        assert view.input.has_focus and view.input.value == "rocket attack"
        assert app.browser.views.current == "search", "t did not open the timeline"
        burst(app, "down", "t", "q", "a")
        await settle(pilot)
        assert app.is_running and app.browser.views.current == "search"
        assert view.input.value == "rocket attacktqa"
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.browser.open_entry is not None, "enter still opens the result"


async def test_did_you_mean_shows_for_a_misspelt_name_as_it_is_typed(tmp_path: Path) -> None:
    """``Kazali`` and ``Pompio`` once offered nothing until a space was typed after them."""
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(app, pilot)
        view = await _type(app, pilot, "Pompio")
        assert "did you mean: Pompeo (tab)" in str(view.query_one("#search-status").render())
        await pilot.press("ctrl+u", *"Kazali")
        await search_painted(view, pilot, "Kazali")
        assert "did you mean: Khazali (tab)" in screen_text(app)
        await pilot.press("tab")
        await search_painted(view, pilot, "Khazali")
        assert view.result_list.ids[0] == "actor:qais-khazali"
