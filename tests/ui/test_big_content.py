"""Large content in the browser: a long list builds only the rows on screen and sorts off the event loop,
and a huge text shows a page at a time, every page reachable by key and by mouse."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import Static

from briefing.ui import table_order
from briefing.ui.app import BriefingApp
from briefing.ui.places import Place, View
from briefing.ui.widgets import entry_table
from briefing.ui.widgets.detail_view import TEXT_PAGE
from tests.factories import alpha_tables, make_library_dir
from tests.ui.helpers import loaded, screen_text, settle, workspace_for

SIZE = (120, 40)
CLAIMS = 3_000


def _many_claims(count: int = CLAIMS) -> dict[str, Any]:
    tables = alpha_tables()
    base = tables["claims"]["claim:qaani-warns"]
    for n in range(count):
        tables["claims"][f"claim:c{n:05d}"] = {
            **base,
            "text": f"Statement number {n:05d} on the convoys",
            "date": f"20{10 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "kind": ["threat", "denial", "statement"][n % 3],
        }
    return tables


def _app(tmp_path: Path, tables: dict[str, Any]) -> BriefingApp:
    return BriefingApp(workspace_for(make_library_dir(tmp_path / "lib", tables), tmp_path / "data"))


async def _claims(pilot: Any, app: BriefingApp) -> entry_table.EntryTable:
    browser = await loaded(pilot)
    browser.go(Place(View.CLAIMS, "briefing:alpha"))
    await settle(pilot)
    table = browser.table
    table.focus()
    await settle(pilot)
    return table


async def test_a_long_list_builds_only_the_rows_on_screen(tmp_path: Path) -> None:
    app = _app(tmp_path, _many_claims())
    async with app.run_test(size=SIZE) as pilot:
        table = await _claims(pilot, app)
        assert table.row_count == CLAIMS + 1
        assert 0 < table.built_rows <= SIZE[1], "only the rows on screen are built"
        assert "Statement number" in screen_text(app)
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.cursor_row == CLAIMS
        assert table.built_rows <= 2 * SIZE[1], "the rows scrolled past are never built"
        assert app.browser.place is not None and app.browser.place.entry_id == table.cursor_id


def _by_kind_then_id(app: BriefingApp, ids: list[str]) -> list[str]:
    assert app.library is not None
    return sorted(ids, key=lambda i: (str(app.library.require(i).claim_kind), i))  # type: ignore[union-attr]


async def test_sorting_runs_in_a_thread_worker_and_gives_the_right_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    sort = table_order.sorted_entries

    def recording(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return sort(*args, **kwargs)

    monkeypatch.setattr(table_order, "sorted_entries", recording)
    app = _app(tmp_path, _many_claims())
    async with app.run_test(size=SIZE) as pilot:
        table = await _claims(pilot, app)
        threads.clear()
        await pilot.press("s")  # date -> kind
        await settle(pilot)
        assert threads and all(name != threading.main_thread().name for name in threads)
        assert table.entity_ids == _by_kind_then_id(app, table.entity_ids)
        await pilot.press("r")
        await settle(pilot)
        assert table.entity_ids == _by_kind_then_id(app, table.entity_ids)[::-1]
        assert "kind ▼" in screen_text(app)


async def test_keys_pressed_while_a_sort_runs_act_and_the_sort_still_lands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    sort = table_order.sorted_entries

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return sort(*args, **kwargs)

    app = _app(tmp_path, _many_claims())
    async with app.run_test(size=SIZE) as pilot:
        table = await _claims(pilot, app)
        before = table.entity_ids
        monkeypatch.setattr(table_order, "sorted_entries", slow)
        await pilot.press("s", "down", "down", "r")
        await pilot.pause()
        assert table.sorting, "the sort is still running"
        assert table.cursor_row == 2, "the arrows moved the cursor meanwhile"
        assert table.entity_ids == before
        on = table.cursor_id
        assert app.browser.place is not None and app.browser.place.entry_id == on, "and previewed the row"
        release.set()
        await settle(pilot)
        assert not table.sorting
        assert table.entity_ids == _by_kind_then_id(app, before)[::-1], "s then r: by kind, reversed"
        assert table.cursor_id == on, "the cursor stays on the entry it was on"


HUGE = "Opening words of a very long claim. " + "filler " * (3 * TEXT_PAGE // 7) + "THE LAST WORDS"


def _shown_title(app: BriefingApp) -> str:
    content = app.browser.detail.query(".title").first(Static).content
    assert isinstance(content, Text)
    return content.plain


async def test_a_huge_claim_shows_a_page_and_every_page_is_reachable_by_key_and_click(tmp_path: Path) -> None:
    tables = alpha_tables()
    tables["claims"]["claim:qaani-warns"]["text"] = HUGE
    app = _app(tmp_path, tables)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.CLAIMS, "briefing:alpha"))
        await settle(pilot)
        browser.table.focus()
        await settle(pilot)
        assert browser.open_entry == "claim:qaani-warns"
        shown = _shown_title(app)
        assert shown.startswith("Opening words") and len(shown) == TEXT_PAGE
        assert "more characters (page 1 of 4): m or a click shows the next page" in screen_text(app)
        pages = [shown]
        for _ in range(3):
            await pilot.press("m")  # from the list, where the reader is
            await settle(pilot)
            pages.append(_shown_title(app))
        assert "".join(pages) == HUGE, "the pages are the whole text, in order"
        assert "the end" in screen_text(app)
        await pilot.press("M")
        await settle(pilot)
        assert _shown_title(app) == pages[2]
        await pilot.click(app.browser.detail.paged[0])
        await settle(pilot)
        assert _shown_title(app) == pages[3], "a click shows the next page"
        await pilot.click(app.browser.detail.paged[0])
        await settle(pilot)
        assert _shown_title(app) == pages[0], "past the last page, the first again"


async def test_what_the_browser_loaded_is_kept_out_of_the_collectors_full_walks(tmp_path: Path) -> None:
    """A full collection walked every object of the library, holding the event loop too (0.2 s at 100,000)."""
    import gc

    app = _app(tmp_path, _many_claims(200))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        while app.search_index is None:
            await pilot.pause(0.05)
        await settle(pilot)
        assert app.library is not None
        assert gc.get_freeze_count() > len(app.library)


async def test_an_actor_named_in_thousands_of_claims_opens_a_page_of_them_and_shows_more_in_steps(
    tmp_path: Path,
) -> None:
    from briefing.ui.widgets.detail_view import LINES_SHOWN, MORE_AT_ONCE, ShowMore

    app = _app(tmp_path, _many_claims())
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.open("actor:ghaani")
        await settle(pilot)
        titles = [str(static.content) for static in browser.detail.query(".section-title").results(Static)]
        assert f"Claims made ({CLAIMS + 1})" in titles
        claims = [link for link in browser.detail.links if link.target.startswith("claim:")]
        assert len(claims) == 2 * LINES_SHOWN, "the first lines of 'Claims made' and of 'Mentioned in'"
        more = browser.detail.query(ShowMore).first()
        assert more.hidden == CLAIMS + 1 - LINES_SHOWN
        assert more.render().plain == f"… {more.hidden:,} more: show {MORE_AT_ONCE} more"
        more.focus()
        await pilot.press("enter")
        await settle(pilot)
        claims = [link for link in browser.detail.links if link.target.startswith("claim:")]
        assert len(claims) == 2 * LINES_SHOWN + MORE_AT_ONCE


async def test_a_link_to_a_huge_claim_shows_the_start_of_it(tmp_path: Path) -> None:
    from briefing.ui.widgets.link import LABEL_UP_TO

    tables = alpha_tables()
    tables["claims"]["claim:qaani-warns"]["text"] = HUGE
    app = _app(tmp_path, tables)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.open("actor:ghaani")
        await settle(pilot)
        link = next(link for link in browser.detail.links if link.target == "claim:qaani-warns")
        label = link.body().plain
        assert label.startswith("Opening words") and label.endswith("…") and len(label) <= LABEL_UP_TO


async def test_an_entry_opened_while_its_list_is_on_the_way_gets_the_cursor_when_it_arrives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    sort = table_order.sorted_entries

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        return sort(*args, **kwargs)

    app = _app(tmp_path, _many_claims())
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        monkeypatch.setattr(table_order, "sorted_entries", slow)
        browser.go(Place(View.CLAIMS, "briefing:alpha", "claim:c01234"))
        await pilot.pause()
        assert browser.table.sorting
        browser.open("claim:c02345")  # a second thought, before the list is in
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert browser.table.cursor_id == "claim:c02345"
        assert browser.place == Place(View.CLAIMS, "briefing:alpha", "claim:c02345")
        assert browser.detail.outline is not None and browser.detail.outline.id == "claim:c02345"


async def test_a_click_moves_the_cursor_a_second_opens_and_pages_build_only_what_they_show(tmp_path: Path) -> None:
    app = _app(tmp_path, _many_claims())
    async with app.run_test(size=SIZE) as pilot:
        table = await _claims(pilot, app)
        await pilot.click(table, offset=(5, 3))  # the third row under the header
        await settle(pilot)
        assert table.cursor_row == 2
        third = table.entity_ids[2]
        assert app.browser.place is not None and app.browser.place.entry_id == third, "the row is previewed"
        await pilot.click(table, offset=(5, 3))
        await settle(pilot)
        assert app.focused is not None and app.browser.detail in app.focused.ancestors_with_self, "a second click opens"
        table.focus()
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        assert table.cursor_row > 2 and table.scroll_y > 0
        assert table.cursor_id == app.browser.open_entry
        assert table.built_rows <= 3 * SIZE[1]


async def test_a_place_whose_entry_is_far_down_a_list_shown_afresh_scrolls_the_table_to_it(tmp_path: Path) -> None:
    app = _app(tmp_path, _many_claims())
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.CLAIMS, "briefing:alpha", "claim:c02345"))
        await settle(pilot)
        table = browser.table
        assert table.cursor_id == "claim:c02345"
        top, rows = round(table.scroll_y), table.scrollable_content_region.height - 1
        assert top <= table.cursor_row < top + rows, "the entry's row is on screen"
        assert "Statement number 02345" in screen_text(app)
