"""Reading notes in the browser: the Notes list previews as other lists do, notes read as Markdown, notices are true."""

from __future__ import annotations

from pathlib import Path

from briefing.store.notes import NotesStore
from briefing.store.paths import notes_path
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import View
from briefing.ui.textual_compat import notifications
from briefing.workspace import Workspace
from tests.ui.helpers import loaded, screen_text, settle


def _app(data: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, data))


async def _until(pilot, condition, what: str) -> None:
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(what)


def _notices(app: BriefingApp) -> list[str]:
    return [n.message for n in notifications(app)]


async def test_the_note_deleted_notice_goes_once_undo_brings_the_note_back(tmp_path: Path) -> None:
    NotesStore(notes_path(tmp_path)).add("actor:qais-khazali", "keep me")
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await loaded(pilot)
        app.browser.show_view(View.NOTES, None)
        await settle(pilot)
        app.browser.query_one("#notes-table").focus()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await _until(pilot, lambda: any("Note deleted" in m for m in _notices(app)), "no notice of the delete")
        await settle(pilot)
        assert "Note deleted" in screen_text(app)
        await pilot.press("u")
        await _until(pilot, lambda: "Note restored" in _notices(app), "no notice of the undo")
        await settle(pilot)
        assert not any("Note deleted" in m for m in _notices(app)), _notices(app)
        assert "Note deleted" not in screen_text(app)
        assert "Note restored" in screen_text(app)
