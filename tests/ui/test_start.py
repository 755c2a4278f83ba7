"""The start screen: on screen before the library, showing progress, replaced by the browser."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from briefing.library import Library, Progress
from briefing.ui.app import create_app
from briefing.ui.screens.browser import BrowserScreen
from briefing.ui.screens.help import HelpScreen
from briefing.ui.screens.start import StartScreen
from briefing.ui.widgets.loading import LoadingPanel
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace
from tests.factories import make_library_dir
from tests.ui.helpers import loaded, screen_text, search_painted


class HeldWorkspace(Workspace):
    """Loads the library only when the test lets it, after reporting some progress."""

    release: threading.Event

    def load_library(self, progress: Progress | None = None) -> Library:
        if progress is not None:
            progress(1, 3)
        self.release.wait(10)
        return super().load_library(progress)


def _held(tmp_path: Path) -> HeldWorkspace:
    workspace = HeldWorkspace([make_library_dir(tmp_path / "lib")], tmp_path / "data")
    workspace.release = threading.Event()
    return workspace


async def test_the_start_screen_shows_progress_until_the_browser_replaces_it(tmp_path: Path) -> None:
    workspace = _held(tmp_path)
    app = create_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause(0.02)
            if "1 of 3 briefings" in screen_text(app):
                break
        assert isinstance(app.screen, StartScreen)
        assert "Loading the library… 1 of 3 briefings" in screen_text(app)
        workspace.release.set()
        browser = await loaded(pilot)
        assert app.screen is browser
        assert not app.query(LoadingPanel), "the spinner of the start screen would keep ticking"
        assert "Alpha" in screen_text(app)


async def test_help_opened_while_loading_gives_way_to_the_browser(tmp_path: Path) -> None:
    workspace = _held(tmp_path)
    app = create_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        workspace.release.set()
        await loaded(pilot)
        assert isinstance(app.screen, BrowserScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_the_first_frame_needs_no_data_layer_and_no_browser_widget() -> None:
    """What keeps the first frame fast (``briefing bench``'s first_frame_ratio): these load after it."""
    code = (
        "import sys, briefing.ui.app, briefing.workspace; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('briefing') or m in ('filelock', 'dateutil'))))"
    )
    loaded_modules = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.split())
    deferred = {
        "briefing.library",
        "briefing.model.entities",
        "briefing.search.index",
        "briefing.store.notes",
        "briefing.ui.screens.browser",
        "briefing.ui.widgets.detail_view",
        "filelock",
        "dateutil",
    }
    assert "briefing.ui.screens.start" in loaded_modules
    assert loaded_modules & deferred == set()


async def test_a_query_typed_while_loading_opens_search_with_it(tmp_path: Path) -> None:
    workspace = _held(tmp_path)
    app = create_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"alpha", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen), "? typed into the query is not a request for help"
        assert "alpha?" in screen_text(app)
        await pilot.press("backspace")
        workspace.release.set()
        browser = await loaded(pilot)
        view = browser.query_one(SearchView)
        assert view.input.value == "alpha" and view.input.has_focus
        await search_painted(view, pilot, "alpha")
        assert view.result_list.ids, "the query typed while loading was run once the index was ready"


async def test_escape_while_loading_forgets_the_early_query(tmp_path: Path) -> None:
    workspace = _held(tmp_path)
    app = create_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"alpha", "escape")
        await pilot.pause()
        assert "alpha" not in screen_text(app)
        workspace.release.set()
        browser = await loaded(pilot)
        assert not browser.query(SearchView)
        assert browser.table.has_focus
