"""SVG screenshots of the browser's main views, taken from the real app on the shipped briefings.

Run ``python scripts/screenshots.py`` (``--out DIR``, ``--library DIR`` to
use other briefings).  The reader's own data dir is never touched: the app
runs on a temporary one, so the default theme is used.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402

from briefing.library import Library  # noqa: E402
from briefing.model.entities import Actor  # noqa: E402
from briefing.model.saved_searches import SavedSearch  # noqa: E402
from briefing.model.vocabulary import EntityKind  # noqa: E402
from briefing.store.paths import pins_path  # noqa: E402
from briefing.store.pins import set_pin  # noqa: E402
from briefing.store.settings import save_search  # noqa: E402
from briefing.ui.app import WATCH_GROUP, BriefingApp, create_app  # noqa: E402
from briefing.ui.places import Place, View  # noqa: E402
from briefing.workspace import Workspace  # noqa: E402

Step = Callable[[Pilot[Any], BriefingApp], Awaitable[None]]


async def _settle(pilot: Pilot[Any]) -> None:
    for _ in range(3):
        await pilot.pause()
        others = [w for w in pilot.app.workers if w.group != WATCH_GROUP]
        if others:  # an empty list would mean every worker, the library folders' watch too
            await pilot.app.workers.wait_for_complete(others)
    await pilot.pause(0.2)


async def _wait_for_library(pilot: Pilot[Any], app: BriefingApp) -> Library:
    while app.library is None or app.browser.has_class("-loading"):
        await pilot.pause(0.05)
    await _settle(pilot)
    return app.library


def _busiest_actor(library: Library, briefing_id: str) -> str:
    """The actor with the most relations and mentions: the richest detail to show."""
    actors = [a for a in library.in_briefing(briefing_id, EntityKind.ACTOR) if isinstance(a, Actor)]
    return max(actors, key=lambda a: (len(library.relations(a.id)) + len(library.backlinks(a.id)), a.id)).id


def _go(view: View, *, busiest: bool = False) -> Step:
    async def step(pilot: Pilot[Any], app: BriefingApp) -> None:
        library = await _wait_for_library(pilot, app)
        briefing_id = next(iter(library.briefings))
        entry = _busiest_actor(library, briefing_id) if busiest else None
        app.browser.go(Place(view, briefing_id, entry))
        await _settle(pilot)

    return step


def _keys(*keys: str, then: Step | None = None) -> Step:
    async def step(pilot: Pilot[Any], app: BriefingApp) -> None:
        if then is not None:
            await then(pilot, app)
        else:
            await _wait_for_library(pilot, app)
        await pilot.press(*keys)
        await _settle(pilot)

    return step


async def _open_first_link(pilot: Pilot[Any], app: BriefingApp) -> None:
    await _go(View.ACTORS, busiest=True)(pilot, app)
    app.browser.table.focus()
    await pilot.press("enter", "tab")
    await _settle(pilot)


async def _timeline_event(pilot: Pilot[Any], app: BriefingApp) -> None:
    library = await _wait_for_library(pilot, app)
    briefing_id = next(iter(library.briefings))
    events = library.timeline(briefing_id)
    app.browser.go(Place(View.TIMELINE, briefing_id))
    await _settle(pilot)
    if events:
        app.browser.open(events[len(events) // 2].id)
        await _settle(pilot)
        app.browser.shown_view.focus()
        await _settle(pilot)


async def _search(pilot: Pilot[Any], app: BriefingApp) -> None:
    await _wait_for_library(pilot, app)
    while app.search_index is None:
        await pilot.pause(0.05)
    await pilot.press("slash", *"Khazali")
    await _settle(pilot)


async def _note_editor(pilot: Pilot[Any], app: BriefingApp) -> None:
    await _wait_for_library(pilot, app)
    app.browser.open("actor:qais-khazali")
    await _settle(pilot)
    await pilot.press("a", *"Compare with what Asaib Ahl al-Haq said the same day.", "tab", *"verify")
    await _settle(pilot)


async def _notes(pilot: Pilot[Any], app: BriefingApp) -> None:
    await _wait_for_library(pilot, app)
    store = app.workspace.notes
    if not store.all():
        store.add("actor:qais-khazali", "Compare with what Asaib Ahl al-Haq said the same day.", ("verify",), "verify")
        store.add("event:2020-09-27-ied-hillah", "Was this an IED? The source only says a second attack.", ("sources",))
        store.add("claim:khazali-let-us-leave", "Key to the **de-escalation** reading.", (), "important")
    app.browser.go(Place(View.NOTES))
    await _settle(pilot)
    await pilot.pause(1.2)
    await _settle(pilot)


async def _export(pilot: Pilot[Any], app: BriefingApp) -> None:
    await _wait_for_library(pilot, app)
    await pilot.press("ctrl+e")
    await _settle(pilot)


async def _saved_and_pinned(pilot: Pilot[Any], app: BriefingApp) -> None:
    await _wait_for_library(pilot, app)
    while app.search_index is None:
        await pilot.pause(0.05)
    app.change_saved(
        partial(save_search, app.settings_path, SavedSearch("Khazali's claims", "khazali kind:claim")), None
    )
    app.change_saved(partial(save_search, app.settings_path, SavedSearch("Rocket attacks", "type:rocket")), None)
    for pinned in ("actor:qais-khazali", "claim:khazali-let-us-leave"):
        set_pin(pins_path(app.workspace.data_dir), pinned, True)
    browser = app.browser
    if browser.pins_file is not None:
        browser.read_pins(browser.pins_file)
    browser.open("actor:qais-khazali")
    for _ in range(40):
        await _settle(pilot)
        node = browser.navigation.searches_node
        if node is not None and all("…" not in str(child.label) for child in node.children):
            break
        await pilot.pause(0.05)
    await _settle(pilot)


SHOTS: list[tuple[str, tuple[int, int], Step]] = [
    ("01-start", (120, 40), _keys()),
    ("02-actors-list", (120, 40), _go(View.ACTORS, busiest=True)),
    ("03-detail-links", (120, 40), _open_first_link),
    ("04-claims", (120, 40), _go(View.CLAIMS)),
    ("05-timeline", (120, 40), _timeline_event),
    ("06-network", (120, 40), _go(View.NETWORK, busiest=True)),
    ("07-palette", (120, 40), _keys("ctrl+p", *"khaz")),
    ("08-help", (120, 40), _keys("question_mark")),
    ("09-narrow-80x24", (80, 24), _go(View.ACTORS, busiest=True)),
    ("10-narrow-navigation-80x24", (80, 24), _keys("ctrl+b", then=_go(View.EVENTS))),
    ("11-search", (120, 40), _search),
    ("12-search-80x24", (80, 24), _search),
    ("13-note-editor", (120, 40), _note_editor),
    ("14-notes", (120, 40), _notes),
    ("15-export-80x24", (80, 24), _export),
    ("16-saved-searches-and-pins", (120, 40), _saved_and_pinned),
]


async def _shoot(workspace: Workspace, name: str, size: tuple[int, int], step: Step, out: Path) -> Path:
    app = create_app(workspace)
    app.keymap_file = Path("~/.config/briefing/keys.toml")  # help names it: a reader's path, not the temp dir
    async with app.run_test(size=size) as pilot:
        await step(pilot, app)
        path = app.save_screenshot(f"{name}.svg", str(out))
        await pilot.press("escape")
    return Path(path)


async def _main(library: list[Path], out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        workspace = Workspace.from_options(library, Path(data), include_shipped=not library)
        for name, size, step in SHOTS:
            path = await _shoot(workspace, name, size, step, out)
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="where the SVGs go")
    parser.add_argument("--library", type=Path, action="append", default=[], help="briefings to show")
    args = parser.parse_args(argv)
    return asyncio.run(_main(args.library, args.out))


if __name__ == "__main__":
    raise SystemExit(main())
