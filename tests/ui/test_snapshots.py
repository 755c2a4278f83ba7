"""Snapshots of the main views at 80×24 and 120×40 (update with ``pytest --snapshot-update``).

They use the small briefings of tests/factories.py, whose content does not
change under the snapshots; nothing shown depends on today's date.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from briefing.ui.places import Place, View
from tests.ui.helpers import loaded, settle, small_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def going_to(place: Place | None, *keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        browser = await loaded(pilot)
        if place is not None:
            browser.go(place)
            await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


VIEWS = {
    "start": going_to(None),
    "actors": going_to(Place(View.ACTORS, "briefing:alpha", "actor:ghaani")),
    "claim": going_to(Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns")),
    "event": going_to(Place(View.EVENTS, "briefing:beta", "event:beta-visit")),
    "timeline": going_to(Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns"), "t"),
    "network": going_to(Place(View.NETWORK, "briefing:alpha", "actor:quds-force")),
    "help": going_to(None, "question_mark"),
    "search": going_to(None, "slash", *"qaani"),
}


AT_BOTH_SIZES = ("start", "actors", "timeline", "help", "search")


def _app(tmp_path: Path) -> Any:
    """The small app, its keymap file named as a reader's would be (help shows where), not the test's temp dir."""
    app = small_app(tmp_path)
    app.keymap_file = Path("~/.config/briefing/keys.toml")
    return app


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", AT_BOTH_SIZES)
def test_view(view: str, size: tuple[int, int], snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=size, run_before=VIEWS[view])


@pytest.mark.parametrize("view", [v for v in VIEWS if v not in AT_BOTH_SIZES])
def test_wide_view(view: str, snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=(120, 40), run_before=VIEWS[view])
