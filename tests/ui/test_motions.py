"""vim's moving keys (j k g G ctrl+d ctrl+u) work in every list, and the help lists them beside the arrows."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Tree

from briefing.ui.app import BriefingApp, create_app
from briefing.ui.motions import rows_of
from briefing.ui.places import Place, View
from briefing.ui.screens.help import help_sections
from briefing.ui.widgets.detail_view import DetailView
from briefing.ui.widgets.event_list import EventList
from briefing.ui.widgets.result_list import ResultList
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace
from tests.ui.helpers import loaded, search_painted, settle

SHIPPED = "briefing:iraq-convoy-attacks-2020"


def _app(tmp_path: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, tmp_path / "data"))


def test_half_a_page_is_never_no_rows() -> None:
    assert rows_of(0.5, 20) == 10
    assert rows_of(-0.5, 20) == -10
    assert rows_of(0.5, 1) == 1 and rows_of(-0.5, 1) == -1


async def test_j_k_g_G_and_half_pages_move_the_cursor_in_an_entry_list(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.CLAIMS, SHIPPED))
        await settle(pilot)
        table = browser.table
        assert table.has_focus and table.cursor_row == 0
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("ctrl+d")
        half = table.cursor_row
        assert 1 < half < table.row_count - 1, "half a page, not a row and not the end"
        await pilot.press("ctrl+u")
        assert table.cursor_row == 0
        await settle(pilot)
        outline = browser.detail.outline
        assert outline is not None and outline.id == table.cursor_id, "the entry below follows, as with the arrows"


async def test_the_motions_move_in_the_timeline_the_navigation_and_the_network(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.TIMELINE, SHIPPED))
        await settle(pilot)
        events = browser.query_one(EventList)
        assert events.has_focus
        first = events.cursor_event
        await pilot.press("j")
        assert events.cursor_event is not first
        await pilot.press("G")
        last = events.cursor_event
        assert last is not None and last.id == [row for row in events.rows if not isinstance(row, str)][-1].id
        await pilot.press("g")
        assert events.cursor_event is first

        browser.navigation.focus()
        await pilot.press("g")
        assert browser.navigation.cursor_line == 0
        await pilot.press("j", "j")
        assert browser.navigation.cursor_line == 2
        await pilot.press("G")
        assert browser.navigation.cursor_line == browser.navigation.last_line

        browser.go(Place(View.NETWORK, SHIPPED))
        await settle(pilot)
        tree = browser.query_one("#network-tree", Tree)
        tree.focus()
        await settle(pilot)
        assert tree.cursor_line == 0
        await pilot.press("j")
        assert tree.cursor_line == 1
        await pilot.press("ctrl+d")
        assert tree.cursor_line > 2
        await pilot.press("k", "g")
        assert tree.cursor_line == 0


async def test_j_and_G_scroll_the_open_entry(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        browser.open("actor:qais-khazali")
        await settle(pilot)
        detail = browser.query_one(DetailView)
        assert detail.max_scroll_y > 0, "the entry is longer than its pane"
        detail.focus()
        await pilot.press("G")
        await settle(pilot)
        assert detail.scroll_y == detail.max_scroll_y
        await pilot.press("g")
        await settle(pilot)
        assert detail.scroll_y == 0
        await pilot.press("j")
        await settle(pilot)
        assert detail.scroll_y == 1


async def test_in_search_results_letters_are_the_query_and_ctrl_d_moves(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        await pilot.press("slash", *"iraq")
        view = browser.query_one(SearchView)
        await search_painted(view, pilot, "iraq")
        await pilot.press("down")
        results = view.query_one(ResultList)
        assert results.has_focus and len(results.hits) > 10
        await pilot.press("ctrl+d")
        assert results.cursor > 1
        await pilot.press("j")
        await settle(pilot)
        assert view.query_one(Input).value == "iraqj", "j is a letter of the query here"


async def test_help_lists_the_vim_keys_beside_the_arrows(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        moving = dict(next(rows for title, rows in help_sections(app) if title == "Moving around"))
        below = next(keys for keys, what in moving.items() if what == "The row below")
        assert "j" in below.split(" / ") and "↓" in below.split(" / ")
        assert any("g" in keys.split(" / ") and what == "The first row" for keys, what in moving.items())
        assert any("^d" in keys.split(" / ") for keys in moving)


async def test_the_help_scrolls_with_the_same_keys(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        keys = app.screen.query_one("#help")
        assert keys.max_scroll_y > 0
        await pilot.press("G")
        await settle(pilot)
        assert keys.scroll_y == keys.max_scroll_y
        await pilot.press("g", "ctrl+d")
        await settle(pilot)
        assert 0 < keys.scroll_y < keys.max_scroll_y
