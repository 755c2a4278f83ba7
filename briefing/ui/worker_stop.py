"""A thread worker's cancellation as an event, for code below the UI that waits on one.

The library watch (``briefing.library_watch``) stops when its ``stop`` is
set; in the app that is when Textual cancels the worker, as it does to every
worker when the app closes.
"""

from __future__ import annotations

from typing import Any

from textual.worker import Worker


class WorkerCancelled:
    """``is_set`` once the worker is cancelled."""

    def __init__(self, worker: Worker[Any]) -> None:
        self.worker = worker

    def is_set(self) -> bool:
        return self.worker.is_cancelled
