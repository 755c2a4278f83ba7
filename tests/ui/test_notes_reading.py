"""Reading notes in the browser: the Notes list previews as other lists do, notes read as Markdown, notices are true."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from briefing.store.notes import NotesStore
from briefing.store.paths import notes_path
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import View
from briefing.ui.textual_compat import notifications, screen_strips
from briefing.workspace import Workspace
from tests.ui.helpers import loaded, screen_text, settle, until


def _app(data: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, data))


def _day(stamp: str) -> str:
    """The reader's local date of a note's UTC time, written as the other dates on screen ("3 Aug 2020")."""
    day = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    return f"{day.day} {day:%b %Y}"


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
        await until(pilot, lambda: any("Note deleted" in m for m in _notices(app)), "no notice of the delete")
        await settle(pilot)
        assert "Note deleted" in screen_text(app)
        outline = app.browser.detail.outline
        assert outline is None or not outline.note_texts, "the entry below no longer shows the note deleted"
        await pilot.press("u")
        await until(pilot, lambda: "Note restored" in _notices(app), "no notice of the undo")
        await settle(pilot)
        assert not any("Note deleted" in m for m in _notices(app)), _notices(app)
        assert "Note deleted" not in screen_text(app)
        assert "Note restored" in screen_text(app)


HOSTILE_NOTE = (
    "**AAH leader.** See [click](javascript:alert(1)), <https://x.example> and https://y.example;"
    " [bold]b[/bold] [@click=app.quit]q[/] \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\ &#x202e;rev"
)


async def test_a_note_reads_as_markdown_under_its_entry_and_nothing_in_it_acts(tmp_path: Path) -> None:
    from textual.widgets import Markdown

    NotesStore(notes_path(tmp_path)).add("actor:qais-khazali", HOSTILE_NOTE, ("aah",))
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.open("actor:qais-khazali")
        await settle(pilot)
        (body,) = app.browser.detail.query(Markdown)
        app.browser.detail.scroll_to_widget(body, animate=False)
        await settle(pilot)
        region = app.browser.detail.region
        strips = screen_strips(app)[region.y : region.bottom]
        shown = "\n".join(strip.text[region.x : region.right] for strip in strips)
        assert "**" not in shown, "the note's Markdown is drawn, not shown raw:\n" + shown
        assert "[click](javascript:alert(1))" in shown, "a link shows its text and address as written"
        assert "<https://x.example>" in shown and "https://y.example" in shown
        assert "[bold]b[/bold] [@click=app.quit]q[/]" in shown, "markup is text"
        assert "&#x202e;rev" in shown and "\u202e" not in shown, "an entity is not turned into a control"
        assert "\x1b" not in shown
        segments = [segment for strip in strips for segment in strip if segment.style is not None]
        assert any(s.style.bold for s in segments if "AAH leader." in s.text), "**AAH leader.** is bold"
        acting = [s.text for s in segments if s.style.link or "@click" in s.style.meta]
        assert acting == [], f"parts of the note act when clicked: {acting}"


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
async def test_the_notes_list_shows_each_note_s_date_and_entry_and_the_entry_below_as_the_cursor_moves(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    store = NotesStore(notes_path(tmp_path))
    rocket = store.add("event:2020-08-03-rocket-attack", "which **rocket** attack was this?", ("verify",))
    khazali = store.add("actor:qais-khazali", "AAH leader: compare his statements over the summer", ("aah",))
    app = _app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        app.browser.show_view(View.NOTES, None)
        await settle(pilot)
        table = app.browser.query_one("#notes-table")
        table.focus()
        await settle(pilot)
        shown = screen_text(app)
        assert "3 Aug 2020 · Rocket" in shown, "a note on one of 21 rocket attacks says which\n" + shown
        assert shown.count(_day(rocket.updated)) >= 2, "each note shows the day it was written"
        assert "which rocket attack" in shown, "the list reads the note's Markdown rather than showing it"
        outline = app.browser.detail.outline
        assert outline is not None and outline.id == khazali.target, "the newest note's entry shows below"
        await pilot.press("down")
        await settle(pilot)
        outline = app.browser.detail.outline
        assert outline is not None and outline.id == rocket.target, "the entry follows the cursor"
        assert rocket.id in outline.note_texts, "with the note under it"
        region = app.browser.detail.region
        lines = screen_text(app).splitlines()[region.y : region.bottom]
        below = "\n".join(line[region.x : region.right] for line in lines)
        assert "which rocket attack was this?" in below, "the note is in sight, drawn:\n" + below
        assert app.browser.open_entry is None, "the history is left alone until enter"
