"""When the app draws its frames, for the first-frame and typing figures.

Textual hands every painted update to ``App._display``, headless or not;
wrapping it sees each frame as the terminal would get it.
"""

from __future__ import annotations

import time

from textual.app import App


def record_frames(app: App[object]) -> list[float]:
    """``time.perf_counter()`` of each frame drawn from now on (a list that grows, in time order)."""
    frames: list[float] = []
    display = app._display

    def record(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None and not app._batch_count:
            frames.append(time.perf_counter())

    app._display = record  # type: ignore[method-assign]
    return frames
