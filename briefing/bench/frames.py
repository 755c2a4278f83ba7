"""When the app draws its frames, for the first-frame and typing figures."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App

from briefing.ui.textual_compat import on_frame

T = TypeVar("T")


def record_frames(app: App[Any], seen: Callable[[], T] = time.perf_counter) -> list[T]:  # type: ignore[assignment]
    """``seen()`` as each frame is drawn from now on, by default its time (a list that grows, in time order)."""
    frames: list[T] = []
    on_frame(app, lambda: frames.append(seen()))
    return frames
