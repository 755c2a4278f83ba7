"""The collector is held off while a library loads, and always comes back as it was."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing.bench.synthetic import generate
from briefing.gc_pause import paused_gc
from briefing.library import Library


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every collection that starts while the test runs."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def _collections_while_loading(
    collections: list[int], monkeypatch: pytest.MonkeyPatch, load: Callable[[], Library]
) -> int:
    """How many collections started before the load's last step (the pause ends after it, and a collection
    may follow at once: that one is the point, all the garbage of the load in one go)."""
    counted: list[int] = []
    index = Library._index

    def last_step(library: Library) -> None:
        counted.append(len(collections))
        index(library)

    monkeypatch.setattr(Library, "_index", last_step)
    collections.clear()
    library = load()
    assert len(library) >= 2000
    return counted[0]


def test_loading_a_library_runs_no_collection(
    tmp_path: Path, collections: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "lib"
    generate(folder, 2000)
    assert _collections_while_loading(collections, monkeypatch, lambda: Library.load([folder])) == 0
    assert gc.isenabled()


def test_the_same_work_unpaused_would_collect(
    tmp_path: Path, collections: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test above means something: this much loading does set the collector off."""
    folder = tmp_path / "lib"
    generate(folder, 2000)
    assert _collections_while_loading(collections, monkeypatch, lambda: Library._load([folder], None)) > 0


def test_the_collector_comes_back_after_an_error() -> None:
    with pytest.raises(RuntimeError), paused_gc():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_in_two_threads_end_with_the_last() -> None:
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    states: dict[str, bool] = {}

    def first() -> None:
        with paused_gc():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with paused_gc():
            second_in.set()
            first_out.wait(5)
            states["after the first ended"] = gc.isenabled()
        states["after both ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert states == {"after the first ended": False, "after both ended": True}
