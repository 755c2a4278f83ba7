from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from briefing.library import Library
from briefing.workspace import Workspace
from tests.factories import make_library_dir

# HYPOTHESIS_PROFILE=long runs the fuzz tests (tests/hardening) with many more examples.
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", default=False, help="run the long crash and fuzz loops")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="long run: use --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data dir or an inherited library path."""
    monkeypatch.setenv("BRIEFING_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("BRIEFING_LIBRARY", raising=False)


@pytest.fixture(autouse=True)
def _collectable() -> Iterator[None]:
    """The browser freezes what it loaded out of the garbage collector's way, for the life of the process
    (``BriefingApp._search_ready``); a test run starts many apps, and each one's objects go back to it after."""
    yield
    gc.unfreeze()


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    return make_library_dir(tmp_path / "lib")


@pytest.fixture
def small_library(small_dir: Path) -> Library:
    return Library.load([small_dir])


@pytest.fixture
def small_workspace(small_dir: Path, tmp_path: Path) -> Workspace:
    return Workspace.from_options([small_dir], tmp_path / "data", include_shipped=False)
