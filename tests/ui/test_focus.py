"""Where the focus goes: each view opens with it where the next key is most likely meant, and opening
an entry puts the reader on its links."""

from __future__ import annotations

from pathlib import Path

from briefing.ui.widgets.link import Link
from briefing.ui.widgets.search_view import SearchView
from tests.ui.helpers import loaded, search_painted, settle, small_app

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
