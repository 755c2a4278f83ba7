"""The browser driven as a reader drives it: keys and clicks, on the small alpha/beta library."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Tree

from briefing.model.vocabulary import EntityKind
from briefing.ui.app import BriefingApp
from briefing.ui.messages import OpenEntry
from briefing.ui.places import Place, View
from briefing.ui.screens.browser import BrowserScreen
from briefing.ui.screens.help import HelpScreen
from briefing.ui.textual_compat import notifications
from briefing.ui.widgets.actor_network import ActorNetwork
from briefing.ui.widgets.detail_view import ShowMore
from briefing.ui.widgets.link import Link
from briefing.ui.widgets.timeline_view import TimelineView
from tests.factories import make_library_dir, write_tables
from tests.special_files import fifo_that_cannot_hang
from tests.ui.helpers import loaded, screen_text, settle, small_app, workspace_for

SIZE = (120, 40)


async def open_view(pilot: Pilot[Any], browser: BrowserScreen, view: View, briefing: str = "briefing:alpha") -> None:
    """Pick a view in the navigation with the keyboard, as a reader does."""
    navigation = browser.navigation
    navigation.focus()
    target = next(n for n in navigation._place_nodes.values() if n.data == Place(view, briefing))
    navigation.move_cursor(target)
    await pilot.press("enter")
    await settle(pilot)


def mentions(browser: BrowserScreen) -> list[Link]:
    return [link for link in browser.detail.links if link.target.startswith(("event:", "claim:"))]


def link_to(browser: BrowserScreen, entity_id: str) -> Link:
    return next(link for link in browser.detail.links if link.target == entity_id)


async def test_the_library_opens_on_the_first_briefing_and_q_quits(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        assert browser.place == Place(View.BRIEFINGS, None, "briefing:alpha")
        text = screen_text(app)
        assert "briefing › Alpha crisis" in text
        assert "A small test briefing." in text
        assert "Beta follow-up" in text
        assert isinstance(app.focused, type(browser.table))
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0, "q quits with status 0"


async def test_navigation_lists_a_briefings_actors_and_the_cursor_previews_each(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        await open_view(pilot, browser, View.ACTORS)
        assert browser.table.entity_ids == ["actor:ghaani", "actor:quds-force"]
        assert browser.place == Place(View.ACTORS, "briefing:alpha", "actor:ghaani")
        assert "Alpha crisis › Actors › Esmail Qaani" in screen_text(app)
        browser.table.focus()
        await pilot.press("down")
        await settle(pilot)
        assert browser.place == Place(View.ACTORS, "briefing:alpha", "actor:quds-force")
        assert browser.detail.outline is not None and browser.detail.outline.id == "actor:quds-force"
        assert not browser.history.can_go_back or browser.history.places[-2].view is not View.ACTORS
        assert app.library is not None
        for view, kind in ((View.ACTORS, EntityKind.ACTOR), (View.CLAIMS, EntityKind.CLAIM)):
            browser.go(Place(view, "briefing:beta"))
            await pilot.pause()
            assert len(browser.table.entity_ids) == len(app.library.in_briefing("briefing:beta", kind))


async def test_enter_opens_the_entry_escape_leaves_it_links_follow_and_back_returns(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        await open_view(pilot, browser, View.CLAIMS)
        browser.table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, Link), "enter puts the reader on the entry's first link"
        await pilot.press("escape")
        assert app.focused is browser.table, "escape goes back to the list"
        await pilot.press("enter")
        await settle(pilot)
        while not (isinstance(app.focused, Link) and app.focused.target == "actor:quds-force"):
            await pilot.press("tab")
        await pilot.press("enter")
        await settle(pilot)
        assert browser.place == Place(View.ACTORS, "briefing:alpha", "actor:quds-force")
        assert "IRGC-QF" in screen_text(app)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert browser.place == Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns")
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert browser.place is not None and browser.place.entry_id == "actor:quds-force"
        await pilot.press("alt+left")
        await settle(pilot)
        assert browser.place is not None and browser.place.entry_id == "claim:qaani-warns"
        await pilot.press("alt+right")
        await settle(pilot)
        assert browser.place is not None and browser.place.entry_id == "actor:quds-force"


async def test_clicking_a_link_opens_it_and_mentions_link_back(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.open("actor:quds-force")
        await settle(pilot)
        assert "Mentioned in (2)" in screen_text(app)
        await pilot.click(link_to(browser, "event:convoy-ied"))
        await settle(pilot)
        assert browser.place == Place(View.EVENTS, "briefing:alpha", "event:convoy-ied")
        text = screen_text(app)
        assert "Remote explosive/landmine/IED · 5 Mar 2021" in text
        assert "Babil" in text
        await pilot.click(link_to(browser, "source:wire-2021"))
        await settle(pilot)
        assert browser.place == Place(View.SOURCES, "briefing:alpha", "source:wire-2021")


async def test_an_actor_of_two_briefings_shows_both_and_opens_where_the_reader_is(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.open("event:beta-visit")
        await settle(pilot)
        await pilot.click(link_to(browser, "actor:ghaani"))
        await settle(pilot)
        assert browser.place == Place(View.ACTORS, "briefing:beta", "actor:ghaani")
        text = screen_text(app)
        assert "Alpha crisis" in text and "Beta follow-up" in text
        assert "Qaani says the convoys will be targeted." in text  # claims made, from the other briefing


async def test_sorting_by_key_and_by_clicking_a_header(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        await open_view(pilot, browser, View.EVENTS)
        table = browser.table
        assert table.entity_ids == ["event:talks", "event:convoy-ied"]  # by date: March 2021, then 5 March
        table.focus()
        await pilot.press("r")
        assert table.entity_ids == ["event:convoy-ied", "event:talks"]
        await pilot.press("s")  # next column: kind
        assert table.entity_ids == ["event:talks", "event:convoy-ied"]  # diplomatic-… before remote-…
        await pilot.click(table, offset=(2, 0))  # the "date" header
        await pilot.pause()
        assert table.entity_ids == ["event:talks", "event:convoy-ied"]
        await pilot.click(table, offset=(2, 0))
        await pilot.pause()
        assert table.entity_ids == ["event:convoy-ied", "event:talks"]
        assert "▼" in screen_text(app)
        assert browser.place is not None and browser.place.entry_id in table.entity_ids


async def test_t_shows_the_timeline_and_picking_an_event_opens_it_there(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.open("claim:qaani-warns")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert browser.place == Place(View.TIMELINE, "briefing:alpha")
        timeline = browser.shown_view
        assert isinstance(timeline, TimelineView)
        assert browser.detail.outline is not None and browser.detail.outline.id == timeline.cursor_id
        timeline.post_message(OpenEntry("event:convoy-ied"))
        await settle(pilot)
        assert browser.place == Place(View.TIMELINE, "briefing:alpha", "event:convoy-ied")
        assert browser.shown_view is timeline
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert browser.place == Place(View.TIMELINE, "briefing:alpha")
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert browser.place is not None and browser.place.view is View.CLAIMS


async def test_the_network_opens_from_the_navigation(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        await open_view(pilot, browser, View.NETWORK)
        network = browser.shown_view
        assert isinstance(network, ActorNetwork)
        network.post_message(OpenEntry("actor:quds-force"))
        await settle(pilot)
        assert browser.place == Place(View.NETWORK, "briefing:alpha", "actor:quds-force")
        assert "Quds Force" in screen_text(app)


async def test_the_palette_jumps_to_an_entry_by_alias(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"irgc-qf")
        await pilot.pause(0.3)
        assert "IRGC-QF" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is browser
        assert browser.place == Place(View.ACTORS, "briefing:alpha", "actor:quds-force")


async def test_the_palette_lists_what_starts_with_two_letters_first_and_nothing_that_merely_scatters_them(
    tmp_path: Path,
) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p", *"ti")
        await pilot.pause(0.3)
        shown = [line.strip() for line in screen_text(app).splitlines()]
        first = next(n for n, line in enumerate(shown) if line.startswith("Timeline"))
        assert all(not line.startswith(("Copy", "Export", "Next search hit")) for line in shown[:first])
        assert not any(line.startswith(("Next search hit", "Previous search hit")) for line in shown), (
            "t and i in order, apart: not a match"
        )


async def test_the_palette_goes_to_a_view_of_the_briefing_the_reader_is_in(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.open("actor:quds-force")
        await settle(pilot)
        await pilot.press("ctrl+p", *"network")
        await pilot.pause(0.3)
        assert "Network of the briefing you are in" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert browser.place is not None and browser.place.view_key == (View.NETWORK, "briefing:alpha")
        assert browser.query_one(ActorNetwork).has_focus_within
        await pilot.press("ctrl+p", *"back")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert browser.place == Place(View.ACTORS, "briefing:alpha", "actor:quds-force")


async def test_help_lists_the_keys_from_the_bindings_and_escape_closes_it(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = [s.render_line(y).text for s in app.screen.query(".help-keys") for y in range(s.size.height)]
        text = " ".join(" ".join(shown).split())  # a long description wraps onto a second line
        for binding in BrowserScreen.BINDINGS:
            assert isinstance(binding, Binding)
            assert (binding.tooltip or binding.description) in text
        for key in ("[ / alt+←", "] / alt+→", "^p", "?", "t", "/"):
            assert key in text
        assert "↓ From the query down to the results" in text
        assert "enter Open the result under the cursor" in text
        await pilot.press("escape")
        assert app.screen is browser


async def test_the_theme_chosen_with_its_key_is_remembered_by_the_next_run(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib")
    app = BriefingApp(workspace_for(folder, tmp_path / "data"))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+t")
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord"
    again = BriefingApp(workspace_for(folder, tmp_path / "data"))
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert again.theme == "nord"


async def test_a_corrupt_settings_file_is_ignored_with_a_notification(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "settings.json").write_text("{broken", encoding="utf-8")
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        messages = [n.message for n in notifications(app)]
        assert any("settings.json" in m and "defaults" in m for m in messages)
        assert app.theme == "textual-dark"


async def test_a_broken_briefing_file_is_skipped_and_named(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib")
    (folder / "broken.json").write_text('{"briefing": ', encoding="utf-8")
    write_tables(folder / "bad-ref.json", {"briefing": {"briefing:bad": {"title": 5}}})
    app = BriefingApp(workspace_for(folder, tmp_path / "data"))
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        (notice,) = [n for n in notifications(app) if n.severity == "warning"]
        assert "broken.json" in notice.message and "bad-ref.json" in notice.message
        assert "2 briefing files" in notice.title
        assert app.library is not None and set(app.library.briefings) == {"briefing:alpha", "briefing:beta"}
        assert browser.place == Place(View.BRIEFINGS, None, "briefing:alpha")


async def test_an_empty_library_says_so_and_keeps_working(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    app = BriefingApp(workspace_for(tmp_path / "empty", tmp_path / "data"))
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        assert "Nothing to show here." in screen_text(app)
        await pilot.press("t", "left_square_bracket", "ctrl+b")
        await settle(pilot)
        assert browser.place is not None


async def test_at_80_columns_the_navigation_hides_and_ctrl_b_brings_it(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        navigation = browser.query_one(Tree)
        assert not navigation.display
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert navigation.display and navigation.has_focus
        await pilot.press("down", "enter")
        await settle(pilot)
        assert browser.place == Place(View.ACTORS, "briefing:alpha", "actor:ghaani")
        assert not navigation.display, "picking a view hides the navigation again on a narrow screen"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert navigation.display


async def test_long_sections_show_the_first_lines_and_a_show_all_link(tmp_path: Path) -> None:
    from tests.factories import alpha_tables

    tables = alpha_tables()
    for day in range(1, 31):
        tables["events"][f"event:patrol-{day}"] = {
            **tables["events"]["event:convoy-ied"],
            "title": f"Patrol {day}",
            "date": f"2021-01-{day:02d}",
        }
    folder = make_library_dir(tmp_path / "lib", tables)
    app = BriefingApp(workspace_for(folder, tmp_path / "data"))
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        browser.open("actor:quds-force")
        await settle(pilot)
        assert "Mentioned in (32)" in screen_text(app)
        assert len(mentions(browser)) == 25
        more = browser.detail.query_one(ShowMore)
        assert more.hidden == 7
        more.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert len(mentions(browser)) == 32


async def test_the_mouse_reaches_help_and_the_hidden_navigation(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        navigation = browser.query_one(Tree)
        assert not navigation.display
        await pilot.click(".navigation-hint")
        await pilot.pause()
        assert navigation.display
        await pilot.click(".help-hint")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_fifo_at_the_settings_path_is_ignored_and_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "data" / "settings.json"
    with fifo_that_cannot_hang(path) as released:
        app = small_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            assert not released(), "the browser blocked on the FIFO"
            messages = [n.message for n in notifications(app)]
            expected = f"Settings ignored, using the defaults: {path}: not a regular file"
            assert any(m.startswith(expected) for m in messages)
            app.theme = "nord"
            await pilot.pause(0.3)
        assert not released()
        assert stat.S_ISFIFO(path.stat().st_mode)


async def test_back_to_a_timeline_event_puts_the_cursor_and_the_detail_on_it(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        await pilot.press("t")
        await settle(pilot)
        timeline = browser.shown_view
        assert isinstance(timeline, TimelineView)
        timeline.post_message(OpenEntry("event:convoy-ied"))
        await settle(pilot)
        timeline.focus()
        timeline.select("event:talks")
        await settle(pilot)
        browser.open("actor:ghaani")
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert browser.place == Place(View.TIMELINE, "briefing:alpha", "event:convoy-ied")
        assert timeline.cursor_id == "event:convoy-ied"
        assert browser.detail.outline is not None and browser.detail.outline.id == "event:convoy-ied"


async def test_a_timeline_filter_that_hides_every_event_leaves_the_detail_empty(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        browser = await loaded(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert browser.detail.outline is not None
        await pilot.press("f", *"nobody by that name")
        await settle(pilot)
        assert browser.detail.outline is None
        assert "Pick an event in the timeline" in screen_text(app)
