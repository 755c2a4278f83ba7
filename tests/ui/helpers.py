"""Driving the browser in tests: build it as the command line does, wait for the library, read the screen."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.pilot import Pilot

from briefing.ui import textual_compat
from briefing.ui.app import WATCH_GROUP, BriefingApp, create_app
from briefing.ui.screens.browser import BrowserScreen
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace
from tests.factories import alpha_tables, make_library_dir


def workspace_for(folder: Path, data: Path) -> Workspace:
    return Workspace.from_options([folder], data, include_shipped=False)


def small_app(tmp_path: Path) -> BriefingApp:
    """The browser on the alpha and beta briefings of tests/factories.py."""
    return create_app(workspace_for(make_library_dir(tmp_path / "lib"), tmp_path / "data"))


async def loaded(pilot: Pilot[Any]) -> BrowserScreen:
    """Wait until the library is loaded and shown; the browser screen."""
    app = pilot.app
    assert isinstance(app, BriefingApp)
    app.animation_level = "none"  # scrolling into view would make every step wait for an animation
    for _ in range(200):
        await pilot.pause()
        if app.library is not None and isinstance(app.screen, BrowserScreen) and app.browser.is_mounted:
            break
    else:  # pragma: no cover - a failure to load is the test's failure
        raise AssertionError("the library never finished loading")
    await workers_done(app)
    await pilot.pause()
    return app.browser


async def until(
    pilot: Pilot[Any], condition: Callable[[], object], what: str, seconds: float = 5.0, step: float = 0.05
) -> None:
    """Wait, letting the app run, until ``condition`` holds; fail with ``what`` after ``seconds``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(what)
        await pilot.pause(step)


async def workers_done(app: App[Any]) -> None:
    """Every worker finished but the library folders' watch, which runs as long as the app."""
    others = [w for w in app.workers if w.group != WATCH_GROUP]
    if others:  # an empty list would mean every worker
        await app.workers.wait_for_complete(others)


async def settle(pilot: Pilot[Any]) -> None:
    """Let messages, workers and the detail pane's redraw run to the end."""
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()
    await pilot.pause()


async def search_painted(view: SearchView, pilot: Pilot[Any], query: str) -> None:
    """Wait until the search view shows the results of ``query`` and they are on screen."""
    for _ in range(150):
        if view.shown is not None and view.shown.query == query:
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"results for {query[:40]!r} were never painted")


def screen_text(app: BriefingApp) -> str:
    """What the terminal shows, as plain text (one line per row)."""
    return textual_compat.screen_text(app)


HOSTILE_NAMES = {
    "markup": "[bold]x[/]",
    "click": "[@click=app.quit]Click me[/]",
    "closer": "[/]",
    "link": "[link=https://example.com]x[/link]",
    "ansi": "\x1b[31mred",
    "osc52": "\x1b]52;c;aGVsbG8=\x07clip",
    "rtl": "abc\u202eevil",
    "arabic": "قيس الخزعلي",
    "cjk": "伊朗革命卫队",
}


def hostile_tables() -> dict[str, Any]:
    """The alpha briefing with names, titles and texts a terminal or a markup parser would trip on."""
    tables = copy.deepcopy(alpha_tables())
    briefing = tables["briefing"]["briefing:alpha"]
    briefing["title"] = "[b]Briefing[/b] [@click=app.quit]quit[/]"
    briefing["summary"] = "Summary with [red]markup[/red] and \x1b[2J a screen clear."
    source = tables["sources"]["source:wire-2021"]
    source["title"] = "[link=https://evil.example]Wire[/link] \x1b]8;;https://evil.example\x07report"
    source["publisher"] = "[/]"
    ghaani = tables["actors"]["actor:ghaani"]
    ghaani["name"] = HOSTILE_NAMES["click"]
    ghaani["aliases"] = [HOSTILE_NAMES["arabic"], HOSTILE_NAMES["rtl"], HOSTILE_NAMES["osc52"]]
    ghaani["role"] = HOSTILE_NAMES["markup"]
    ghaani["description"] = HOSTILE_NAMES["ansi"] + " and " + HOSTILE_NAMES["closer"]
    ghaani["relations"][0]["note"] = "[i]note[/i]"
    quds = tables["actors"]["actor:quds-force"]
    quds["name"] = HOSTILE_NAMES["cjk"] + " " + HOSTILE_NAMES["markup"]
    quds["aliases"] = [HOSTILE_NAMES["link"]]
    claim = tables["claims"]["claim:qaani-warns"]
    claim["text"] = "He said [bold]nothing[/bold] \\[escaped] and [/] closed."
    ied = tables["events"]["event:convoy-ied"]
    ied["title"] = "[@click=app.quit]IED[/] at " + HOSTILE_NAMES["arabic"]
    ied["location"] = "[reverse]Babil[/reverse]"
    tables["events"]["event:talks"]["title"] = "Talks \x1b[5m blinking \u202e reversed"
    return tables


def burst(app: App[Any], *keys: str) -> None:
    """Keys as a terminal delivers a burst (a fast typist, tmux, ssh): all read before the first is acted on."""
    for key in keys:  # the terminal driver posts each key it reads to the app
        app.post_message(events.Key(key, key if len(key) == 1 else None))
