"""b pins the entry the reader is on; the navigation lists the pins and opens them; b again unpins."""

from __future__ import annotations

from pathlib import Path

from briefing.store.paths import pins_path
from briefing.store.pins import load_pins, set_pin
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import Place, View
from briefing.ui.textual_compat import notifications
from briefing.workspace import Workspace
from tests.ui.helpers import loaded, settle, until


def _app(tmp_path: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, tmp_path / "data"))


def _pinned(browser) -> list[str]:  # type: ignore[no-untyped-def]
    node = browser.navigation.pins_node
    return [] if node is None else [str(child.label) for child in node.children]


async def test_b_pins_the_entry_under_the_cursor_and_the_navigation_opens_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.ACTORS, "briefing:iraq-convoy-attacks-2020"))
        await settle(pilot)
        under = browser.table.cursor_id
        assert under is not None
        await pilot.press("b")
        await until(pilot, lambda: load_pins(pins_path(tmp_path / "data")) == (under,), "never pinned")
        await until(pilot, lambda: _pinned(browser) == [app.library.label(under)], "not listed")
        browser.go(Place(View.CLAIMS, "briefing:iraq-convoy-attacks-2020"))
        await settle(pilot)
        navigation = browser.navigation
        assert navigation.pins_node is not None
        navigation.focus()
        navigation.move_cursor(navigation.pins_node.children[0])
        await pilot.press("enter")
        await settle(pilot)
        assert browser.open_entry == under
        await pilot.press("b")
        await until(pilot, lambda: load_pins(pins_path(tmp_path / "data")) == (), "never unpinned")
        await until(pilot, lambda: _pinned(browser) == [], "still listed")


async def test_pins_from_the_command_line_are_listed_and_a_broken_file_is_said(tmp_path: Path) -> None:
    set_pin(pins_path(tmp_path / "data"), "actor:qais-khazali", True)
    set_pin(pins_path(tmp_path / "data"), "actor:not-in-the-library", True)
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        await until(pilot, lambda: _pinned(browser) == ["Qais Khazali"], "a pin the library lacks is not listed")
    broken = tmp_path / "other"
    broken.mkdir()
    pins_path(broken).write_text("{broken", encoding="utf-8")
    app = create_app(Workspace.from_options(None, broken))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(
            pilot,
            lambda: any("Pins are unavailable" in n.message for n in notifications(app)),
            "the broken file was not said",
        )
    assert pins_path(broken).read_text(encoding="utf-8") == "{broken"
