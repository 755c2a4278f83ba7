"""Notes in the browser: written, shown, listed, deleted and undone, and never lost."""

from __future__ import annotations

import stat
from pathlib import Path

from briefing.store.notes import NotesStore
from briefing.store.paths import notes_path
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import Place, View
from briefing.ui.screens.note_editor import NoteEditor
from briefing.ui.textual_compat import notifications
from briefing.ui.widgets.event_list import EventList
from briefing.ui.widgets.notes_list import NotesList
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace
from tests.special_files import fifo_that_cannot_hang
from tests.ui.helpers import burst, loaded, screen_text, search_painted, settle, until


def _app(data: Path) -> BriefingApp:
    return create_app(Workspace.from_options(None, data))


def _detail_text(app: BriefingApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.browser.detail.query("*"))


async def test_a_note_written_with_a_is_on_disk_and_shows_under_the_entry(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.open("actor:qais-khazali")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"compare with [bold] his later statements")
        await pilot.press("tab")
        await pilot.press(*"verify")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, NoteEditor), "the editor never closed")
        (note,) = NotesStore(notes_path(tmp_path)).all()
        assert (note.target, note.text, note.tags) == (
            "actor:qais-khazali",
            "compare with [bold] his later statements",
            ("verify",),
        )
        assert "compare with [bold] his later statements" in _detail_text(app)


async def test_tab_moves_to_tags_even_when_the_next_keys_arrive_at_once(tmp_path: Path) -> None:
    """A paste or a fast typist sends tab and the tag in one burst: the tag must not land in the note text,
    and each backspace deletes what was typed just before it, in the field it was typed in."""
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.open("actor:qais-khazali")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        burst(app, "x", "q", "backspace", "tab", *"urgenx", "backspace", "t", "shift+tab", "y")
        await pilot.pause(0.2)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor._draft().text == "xy"
        assert editor._draft().tags == ("urgent",)


async def test_notes_from_another_process_appear_in_the_open_browser(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.go(Place(View.NOTES))
        await pilot.pause()
        NotesStore(notes_path(tmp_path)).add("actor:asaib-ahl-al-haq", "written by briefing annotate", ("x",))
        notes = app.browser.query_one(NotesList)
        await until(pilot, lambda: notes.table.row_count == 1, "the other process's note never appeared")


async def test_delete_asks_first_and_undo_brings_the_same_note_back(tmp_path: Path) -> None:
    store = NotesStore(notes_path(tmp_path))
    kept = store.add("actor:qais-khazali", "keep me", ("verify",))
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.go(Place(View.NOTES))
        await pilot.pause()
        notes = app.browser.query_one(NotesList)
        notes.table.focus()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert [n.id for n in NotesStore(notes_path(tmp_path)).all()] == [kept.id]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await until(pilot, lambda: not NotesStore(notes_path(tmp_path)).all(), "the note was never deleted")
        await pilot.press("u")
        await until(pilot, lambda: NotesStore(notes_path(tmp_path)).all(), "undo never restored the note")
        assert [n.id for n in NotesStore(notes_path(tmp_path)).all()] == [kept.id]


async def test_the_notes_list_filters_by_tag_and_flag_and_marks_orphans(tmp_path: Path) -> None:
    store = NotesStore(notes_path(tmp_path))
    store.add("actor:qais-khazali", "one", ("verify",), "important")
    store.add("actor:iran", "two", ("sources",))
    store.add("actor:left-the-library", "three")
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.go(Place(View.NOTES))
        await pilot.pause()
        notes = app.browser.query_one(NotesList)
        assert notes.table.row_count == 3
        assert "orphaned actor:left-the-library" in screen_text(app)
        notes.query_one("#notes-filter").value = "tag:verify"
        await pilot.pause()
        assert notes.table.row_count == 1
        notes.query_one("#notes-filter").value = "flag:important"
        await pilot.pause()
        assert notes.table.row_count == 1
        notes.query_one("#notes-filter").value = "tag:verify"
        await pilot.pause()
        notes.table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.browser.open_entry == "actor:qais-khazali"


async def test_a_corrupt_notes_file_opens_read_only_and_stays_untouched(tmp_path: Path) -> None:
    path = notes_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'{"notes": {"note:01')
    before = path.read_bytes()
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.pause()
        app.browser.open("actor:iran")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"will not be saved")
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        assert isinstance(app.screen, NoteEditor)
        assert (
            "read-only" in str(app.screen.query_one("#note-problem").render()).lower() or app.workspace.notes.read_only
        )
        assert app.is_running
    assert path.read_bytes() == before


async def test_notes_render_as_markdown_under_their_entry_without_running_anything(tmp_path: Path) -> None:
    from textual.widgets import Markdown

    NotesStore(notes_path(tmp_path)).add(
        "actor:iran", "**Check** [this](javascript:alert(1)) and [@click=app.quit] \x1b]52;c;aGk=\x07done", ("x",)
    )
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.open("actor:iran")
        await pilot.pause(0.3)
        (body,) = app.browser.detail.query(Markdown)
        assert "\x1b" not in body.source
        assert "[@click=app.quit]" in body.source
        app.browser.detail.scroll_to_widget(body, animate=False)
        await pilot.pause()
        await pilot.click(body)
        await pilot.pause()
        assert app.is_running


async def test_a_very_long_note_shows_as_an_excerpt_and_the_app_keeps_answering(tmp_path: Path) -> None:
    NotesStore(notes_path(tmp_path)).add("actor:iran", "# Long\n\n" + "- a point to check\n" * 50_000)
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.open("actor:iran")
        await pilot.pause(0.5)
        assert "more characters" in _detail_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"


async def _write_note_with_a(app: BriefingApp, pilot, text: str) -> None:
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, NoteEditor), "a opened no editor")
    await pilot.press(*text)
    await pilot.press("ctrl+s")
    await until(pilot, lambda: not isinstance(app.screen, NoteEditor), "the editor never closed")


async def test_a_in_the_timeline_annotates_the_event_under_the_cursor(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await settle(pilot)
        events = app.browser.query_one(EventList)
        events.focus()
        await pilot.press("down", "down")
        await settle(pilot)
        under_cursor = events.cursor_event
        assert under_cursor is not None
        assert app.browser.detail.outline is not None and app.browser.detail.outline.id == under_cursor.id
        await _write_note_with_a(app, pilot, "check the date")
        (note,) = NotesStore(notes_path(tmp_path)).all()
        assert note.target == under_cursor.id


async def test_a_search_result_opened_with_enter_is_annotated_with_a(tmp_path: Path) -> None:
    """In the results ``a`` is a letter of the query (type to search); once the result is open, a note."""
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        await pilot.press(*"Khazali")
        view = app.browser.query_one(SearchView)
        await search_painted(view, pilot, "Khazali")
        await pilot.press("down", "down")
        await settle(pilot)
        assert view.cursor_id == "actor:asaib-ahl-al-haq"
        await pilot.press("enter")
        await settle(pilot)
        await _write_note_with_a(app, pilot, "who funds them")
        (note,) = NotesStore(notes_path(tmp_path)).all()
        assert note.target == "actor:asaib-ahl-al-haq"


async def test_d_on_a_note_under_its_entry_deletes_it_after_asking_and_u_brings_it_back(tmp_path: Path) -> None:
    kept = NotesStore(notes_path(tmp_path)).add("actor:qais-khazali", "check the Camp Cropper dates")
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.open("actor:qais-khazali")
        await settle(pilot)
        link = next(link for link in app.browser.detail.links if link.target == kept.id)
        link.focus()
        await pilot.pause()
        assert "delete note" in screen_text(app) and "u undo" not in screen_text(app).splitlines()[-1]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await until(pilot, lambda: not NotesStore(notes_path(tmp_path)).all(), "the note was never deleted")
        await settle(pilot)
        assert "check the Camp Cropper dates" not in _detail_text(app)
        assert "u undo" in screen_text(app).splitlines()[-1], "the footer offers the way back"
        await pilot.press("u")
        await until(pilot, lambda: NotesStore(notes_path(tmp_path)).all(), "undo never restored the note")
        assert [n.id for n in NotesStore(notes_path(tmp_path)).all()] == [kept.id]


async def test_d_on_a_link_to_an_entry_is_not_a_delete(tmp_path: Path) -> None:
    NotesStore(notes_path(tmp_path)).add("actor:qais-khazali", "stays")
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.open("actor:qais-khazali")
        await settle(pilot)
        link = next(link for link in app.browser.detail.links if link.target.startswith("actor:"))
        link.focus()
        await pilot.pause()
        assert "delete note" not in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen is app.browser
        assert len(NotesStore(notes_path(tmp_path)).all()) == 1


async def test_a_fifo_at_the_notes_path_opens_the_browser_with_notes_read_only(tmp_path: Path) -> None:
    """Reading a FIFO blocks until someone writes to it: the browser must not (ctrl+c would do nothing)."""
    path = notes_path(tmp_path)
    with fifo_that_cannot_hang(path) as released:
        app = _app(tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot)
            await pilot.pause()
            assert not released(), "the browser blocked on the FIFO"
            messages = [n.message for n in notifications(app)]
            assert any(m.startswith(f"Notes are read-only: {path}: your notes file cannot be read") for m in messages)
            app.browser.open("actor:iran")
            await pilot.pause()
            await pilot.press("a")
            await pilot.pause()
            await pilot.press(*"will not be saved", "ctrl+s")
            await pilot.pause(0.5)
            assert app.workspace.notes.read_only and app.is_running
        assert not released()
        assert stat.S_ISFIFO(path.stat().st_mode)
