"""Child process for the longest stalls of the event loop while a reader handles big content.

Run as ``python -m briefing.bench.stalls --library DIR... --data-dir DIR --huge ID``.
It runs the real app headless and, once the library and the search index
are in, does what a reader does with the largest content: opens the
longest list (every claim, or every event, of the library), sorts it with
``s`` and reverses it with ``r``, then opens the huge entry ``ID`` and
pages on with ``m``.  Meanwhile a task on the event loop asks to wake every
``TICK_S``; how late it wakes is how long the loop was kept from anything
else (a key, a frame).  Prints JSON: max_ms and p95_ms over every wake-up
of the three actions, the largest for each (open_list_ms, sort_ms,
huge_entry_ms) and for a second of doing nothing before them (idle_ms: what
a busy machine alone costs), rows (the longest list's length) and samples.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import events

from briefing.bench.ready import search_ready
from briefing.bench.stats import p95
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import LIST_VIEWS, Place, View, view_count
from briefing.workspace import Workspace

TICK_S = 0.005
SETTLE_S = 0.3
WAIT_S = 120.0
IDLE_S = 1.0
"""First the loop is watched doing nothing: what the machine alone costs (a shared machine is noisy)."""


class LoopWatch:
    """Wakes every ``TICK_S`` on the event loop and records how late each wake-up came (ms)."""

    def __init__(self) -> None:
        self.lateness: list[float] = []
        self.idle_samples = 0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(TICK_S)
            now = time.perf_counter()
            self.lateness.append(max(0.0, (now - last - TICK_S) * 1000))
            last = now

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


def biggest_list(app: BriefingApp) -> tuple[View, int]:
    """The list view of the whole library with the most rows."""
    assert app.library is not None
    library = app.library
    return max(((view, view_count(library, view, None) or 0) for view in LIST_VIEWS), key=lambda pair: pair[1])


async def _until(done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not finish within {WAIT_S:.0f} s")
        await asyncio.sleep(0.01)
    await asyncio.sleep(SETTLE_S)  # what follows it: the preview, the frame


def _key(app: BriefingApp, key: str) -> None:
    """A key as the terminal driver delivers it: posted to the app, with no test-harness waiting after it."""
    app.post_message(events.Key(key, key))


async def _timed(watch: LoopWatch, action: Callable[[], Awaitable[None]]) -> float:
    """The longest stall while ``action`` runs."""
    start = len(watch.lateness)
    await asyncio.sleep(0.05)
    await action()
    return max(watch.lateness[start:], default=0.0)


async def measure(app: BriefingApp, huge: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await search_ready(app, pilot, 600)
        await pilot.pause(SETTLE_S)
        browser = app.browser
        table = browser.table
        view, rows = biggest_list(app)
        watch = LoopWatch()
        watch.start()

        async def open_list() -> None:
            browser.go(Place(view, None))
            table.focus()
            await _until(lambda: not table.sorting and table.row_count == rows, "opening the list")

        async def sort() -> None:
            for key in ("s", "r"):
                _key(app, key)
                await asyncio.sleep(0.02)
                await _until(lambda: not table.sorting, f"sorting with {key}")

        async def huge_entry() -> None:
            browser.open(huge)
            await _until(lambda: browser.detail.outline is not None and browser.detail.outline.id == huge, "opening")
            _key(app, "m")  # the next page of it
            await asyncio.sleep(SETTLE_S)

        async def idle() -> None:
            await asyncio.sleep(IDLE_S)

        figures["idle_ms"] = await _timed(watch, idle)
        watch.idle_samples = len(watch.lateness)
        figures["open_list_ms"] = await _timed(watch, open_list)
        figures["sort_ms"] = await _timed(watch, sort)
        figures["huge_entry_ms"] = await _timed(watch, huge_entry)
        await watch.stop()
    acting = watch.lateness[watch.idle_samples :]
    figures["max_ms"] = max(acting, default=0.0)
    figures["p95_ms"] = p95(acting)
    figures["rows"] = rows
    figures["samples"] = len(acting)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", type=Path, action="append", required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--huge", required=True, help="the id of the huge entry to open")
    args = parser.parse_args()
    app = create_app(Workspace.from_options(args.library, args.data_dir, include_shipped=False))
    figures = asyncio.run(measure(app, args.huge))
    sys.stdout.write(json.dumps(figures) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
