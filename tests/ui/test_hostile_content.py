"""Content is text, never markup: every view over a briefing of hostile strings shows them as written.

Names like ``[@click=app.quit]`` must show their brackets and do nothing;
terminal escapes (ANSI colours, OSC 52 clipboard writes) and bidi overrides
must never reach the terminal.
"""

from __future__ import annotations

from pathlib import Path

from briefing.ui.app import BriefingApp
from briefing.ui.places import Place, View
from tests.factories import make_library_dir
from tests.ui.helpers import hostile_tables, loaded, screen_text, settle, workspace_for

VIEWS = (
    Place(View.BRIEFINGS, None, "briefing:alpha"),
    Place(View.ACTORS, "briefing:alpha", "actor:ghaani"),
    Place(View.ACTORS, "briefing:alpha", "actor:quds-force"),
    Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns"),
    Place(View.EVENTS, "briefing:alpha", "event:convoy-ied"),
    Place(View.EVENTS, "briefing:alpha", "event:talks"),
    Place(View.SOURCES, "briefing:alpha", "source:wire-2021"),
    Place(View.TIMELINE, "briefing:alpha", "event:convoy-ied"),
    Place(View.NETWORK, "briefing:alpha", "actor:ghaani"),
)

LITERALS = {
    Place(View.BRIEFINGS, None, "briefing:alpha"): ["[b]Briefing[/b] [@click=app.quit]quit[/]", "[red]markup[/red]"],
    Place(View.ACTORS, "briefing:alpha", "actor:ghaani"): [
        "[@click=app.quit]Click me[/]",
        "[bold]x[/]",
        "قيس الخزعلي",
        "[i]note[/i]",
        "red and [/]",
        "abcevil",
    ],
    Place(View.ACTORS, "briefing:alpha", "actor:quds-force"): [
        "伊朗革命卫队 [bold]x[/]",
        "[link=https://example.com]x[/link]",
    ],
    Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns"): [
        "He said [bold]nothing[/bold] \\[escaped] and [/] closed."
    ],
    Place(View.EVENTS, "briefing:alpha", "event:convoy-ied"): [
        "[@click=app.quit]IED[/] at",
        "[reverse]Babil[/reverse]",
    ],
    Place(View.SOURCES, "briefing:alpha", "source:wire-2021"): ["[link=https://evil.example]Wire[/link]"],
}

CONTROL = {chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))} | set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


async def test_every_view_shows_hostile_content_literally_and_nothing_runs(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib", hostile_tables())
    app = BriefingApp(workspace_for(folder, tmp_path / "data"))
    async with app.run_test(size=(160, 50)) as pilot:
        browser = await loaded(pilot)
        for place in VIEWS:
            browser.go(place)
            await settle(pilot)
            text = screen_text(app)
            for literal in LITERALS.get(place, []):
                assert literal in text, f"{place}: {literal!r} not shown as written"
            assert not CONTROL & set(text), f"{place}: a control character reached the screen"
            assert app.is_running, f"{place}: the app quit"
        # Clicking a hostile name follows the link (by id); its markup does nothing.
        browser.go(Place(View.EVENTS, "briefing:alpha", "event:convoy-ied"))
        await settle(pilot)
        link = next(link for link in browser.detail.links if link.target == "actor:quds-force")
        await pilot.click(link)
        await settle(pilot)
        assert app.is_running
        assert browser.place is not None and browser.place.entry_id == "actor:quds-force"
        # The palette shows hostile names as written too, and jumping by one works.
        await pilot.press("ctrl+p", *"click me")
        await pilot.pause(0.3)
        assert "[@click=app.quit]Click me[/]" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert browser.place is not None and browser.place.entry_id == "actor:ghaani"
        # Help and back over everything, still running.
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        for _ in VIEWS:
            await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.is_running
        assert app.return_code is None
