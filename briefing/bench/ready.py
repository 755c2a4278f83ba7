"""Waiting, in a bench child, for the browser to have its library and search index."""

from __future__ import annotations

import time
from typing import Any

from textual.pilot import Pilot

from briefing.ui.app import BriefingApp


async def search_ready(app: BriefingApp, pilot: Pilot[Any], timeout_s: float) -> None:
    """Return once ``app`` can search; a library that takes longer than ``timeout_s`` is an error, not a hang."""
    deadline = time.monotonic() + timeout_s
    while app.search_index is None:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the library and search index were not ready within {timeout_s:.0f} s")
        await pilot.pause(0.05)
