"""When the app draws its frames, for the first-frame and typing figures.

Textual hands every painted update to ``App._display``, headless or not;
wrapping it sees each frame as the terminal would get it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from textual.app import App

T = TypeVar("T")


def record_frames(app: App[object], seen: Callable[[], T] = time.perf_counter) -> list[T]:  # type: ignore[assignment]
    """``seen()`` as each frame is drawn from now on, by default its time (a list that grows, in time order)."""
    frames: list[T] = []
    display = app._display

    def record(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None and not app._batch_count:
            frames.append(seen())

    app._display = record  # type: ignore[method-assign]
    return frames
