"""Child process for the first-frame figure: start, paint one frame, report, exit.

Run as ``python -m briefing.bench.first_frame bare|app [--library DIR] [--data-dir DIR]``;
prints the milliseconds from this script's start to the first painted frame as JSON.
Both apps are timed the same way, in fresh interpreters, so the ratio
compares what a reader waits for: imports, composing and the first paint.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from briefing.bench.frames import record_frames  # noqa: E402

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from briefing.ui.app import BriefingApp


def _bare_app() -> App[None]:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("hello")
            yield Footer()

    return Bare()


def _briefing_app(library: list[Path], data_dir: Path) -> BriefingApp:
    from briefing.ui.app import create_app
    from briefing.workspace import Workspace

    return create_app(Workspace.from_options(library, data_dir, include_shipped=False))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("which", choices=["bare", "app"])
    parser.add_argument("--library", type=Path, action="append", default=[])
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    app: App[Any] = _bare_app() if args.which == "bare" else _briefing_app(args.library, args.data_dir or Path("."))
    frames: list[float] = record_frames(app)

    async def first_frame(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=first_frame)
    sys.stdout.write(json.dumps({"first_frame_ms": (frames[0] - STARTED) * 1000}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
