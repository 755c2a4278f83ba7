"""Exporting from the browser writes what ``briefing export`` writes, asks before replacing, and says why not."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from briefing.cli import main
from briefing.store.notes import NotesStore
from briefing.store.paths import notes_path
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.screens.confirm import Confirm
from briefing.ui.screens.export_dialog import ExportDialog, default_path
from briefing.ui.textual_compat import notifications
from briefing.workspace import Workspace
from tests.ui.helpers import loaded, settle, until

SHIPPED = "briefing:iraq-convoy-attacks-2020"


def _app(tmp_path: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, tmp_path / "data"))


def _notices(app: BriefingApp) -> list[str]:
    return [n.message for n in notifications(app)]


async def _dialog(pilot, app: BriefingApp, target: Path) -> ExportDialog:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+e")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#export-path", Input).value = str(target)
    return dialog


def test_the_file_offered_is_named_after_the_briefing_and_the_format() -> None:
    assert default_path("iraq", "md") == Path("iraq.md")
    assert default_path("iraq", "json") == Path("iraq.json")
    assert default_path("iraq", "stix") == Path("iraq.stix.json"), "not the same name as the JSON export"


async def test_export_writes_what_the_command_line_writes_and_says_so(tmp_path: Path) -> None:
    NotesStore(notes_path(tmp_path / "data")).add("actor:qais-khazali", "private working note")
    target = tmp_path / "brief.md"
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await _dialog(pilot, app, target)
        await pilot.press("enter")
        await until(pilot, target.exists, "nothing was written")
        await settle(pilot)
        assert any(n.startswith("Exported 1 briefing") and "brief.md" in n for n in _notices(app))
        assert any("Include my notes adds them" in n for n in _notices(app)), "notes are left out unless asked"
    expected = io.StringIO()
    with redirect_stdout(expected), redirect_stderr(io.StringIO()):
        assert main(["export", "--format", "md", "--briefing", SHIPPED, "--data-dir", str(tmp_path / "data")]) == 0
    assert target.read_text(encoding="utf-8") == expected.getvalue()
    assert "private working note" not in target.read_text(encoding="utf-8")


async def test_notes_go_in_when_ticked(tmp_path: Path) -> None:
    NotesStore(notes_path(tmp_path / "data")).add("actor:qais-khazali", "private working note")
    target = tmp_path / "with-notes.md"
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        dialog = await _dialog(pilot, app, target)
        dialog.query_one("#export-notes", Checkbox).value = True
        await pilot.click("#export")
        await until(pilot, target.exists, "nothing was written")
    assert "private working note" in target.read_text(encoding="utf-8")


async def test_an_existing_file_is_replaced_only_after_asking(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("keep me", encoding="utf-8")
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await _dialog(pilot, app, target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog), "back to the dialog, to choose another name"
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await until(pilot, lambda: target.read_text(encoding="utf-8") != "keep me", "never replaced")


@pytest.mark.parametrize("where", ["missing-folder/brief.md", "data/notes.json"])
async def test_a_refused_file_says_why_writes_nothing_and_the_dialog_comes_back(tmp_path: Path, where: str) -> None:
    NotesStore(notes_path(tmp_path / "data")).add("actor:qais-khazali", "mine")
    before = notes_path(tmp_path / "data").read_bytes()
    target = tmp_path / where
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await _dialog(pilot, app, target)
        await pilot.press("enter")
        if target.exists():
            await settle(pilot)
            if isinstance(app.screen, Confirm):
                await pilot.press("y")
        await until(pilot, lambda: any(n.startswith("Not exported: ") for n in _notices(app)), "no reason given")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-path", Input).value == str(target)
    assert not (tmp_path / "missing-folder").exists()
    assert notes_path(tmp_path / "data").read_bytes() == before
