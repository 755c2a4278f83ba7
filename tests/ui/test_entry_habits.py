"""The habits analysts bring: copy an entry (c, y), open its source's address (o), write its note in $EDITOR (E)."""

from __future__ import annotations

import copy
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from briefing.errors import StoreError
from briefing.model.entities import Source
from briefing.store.notes import NotesStore
from briefing.store.paths import notes_path
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import View
from briefing.ui.screens import browser_habits
from briefing.ui.screens.confirm import Confirm
from briefing.ui.screens.copy_choice import CopyChoice
from briefing.ui.screens.help import help_sections
from briefing.ui.screens.source_choice import SourceChoice
from briefing.ui.textual_compat import notifications
from tests.factories import alpha_tables, beta_tables, make_library_dir
from tests.ui.helpers import loaded, screen_text, settle, until, workspace_for

WIRE_URL = "https://wire.example/report?id=1"
CITATION = f"Wire report. Test Wire, 9 Mar 2021. {WIRE_URL}"


def _app(tmp_path: Path, wire_url: str = WIRE_URL, beta_url: str = "https://other.example/follow-up") -> BriefingApp:
    alpha, beta = copy.deepcopy(alpha_tables()), copy.deepcopy(beta_tables())
    alpha["sources"]["source:wire-2021"]["url"] = wire_url
    beta["sources"]["source:beta-report"]["url"] = beta_url
    return create_app(workspace_for(make_library_dir(tmp_path / "lib", alpha, beta), tmp_path / "data"))


def _footer(app: BriefingApp) -> str:
    return screen_text(app).splitlines()[-1]


def _notices(app: BriefingApp) -> list[str]:
    return [n.message for n in notifications(app)]


async def _pressed_on(pilot: Any, entry: str, *keys: str) -> Any:
    """The browser, once loaded, with ``entry`` open and ``keys`` pressed on it."""
    browser = await loaded(pilot)
    browser.open(entry)
    await settle(pilot)
    await pilot.press(*keys)
    await pilot.pause()
    return browser


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses handed to the web browser (none is really opened)."""
    urls: list[str] = []
    monkeypatch.setattr(BriefingApp, "open_url", lambda self, url, *, new_tab=True: urls.append(url))
    return urls


# -- copying -----------------------------------------------------------------


async def test_c_then_c_copies_the_citation_of_the_claim_under_the_cursor(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await _pressed_on(pilot, "claim:qaani-warns", "c")
        assert isinstance(app.screen, CopyChoice)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is browser
        assert app.clipboard == CITATION
        assert "Copied citation of Qaani says the convoys will be targeted." in _notices(app)


async def test_c_then_t_copies_the_entry_as_show_prints_it(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _pressed_on(pilot, "event:convoy-ied", "c", "t")
        lines = app.clipboard.splitlines()
        assert lines[1].startswith("event:convoy-ied · ")
        assert any(line.startswith("  source         Wire report [source:wire-2021]") for line in lines)
        assert any(notice.startswith("Copied text of ") for notice in _notices(app))


async def test_y_copies_the_id_and_the_dialog_is_clickable_and_escape_copies_nothing(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await _pressed_on(pilot, "actor:quds-force", "c", "escape")
        assert app.screen is browser and app.clipboard == ""
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "actor:quds-force"
        assert "Copied id of Quds Force" in _notices(app)
        browser.open("claim:qaani-warns")
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.click("#copy-id")
        await pilot.pause()
        assert app.clipboard == "claim:qaani-warns"


async def test_the_palette_copies_too(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await loaded(pilot)
        browser.open("source:wire-2021")
        await settle(pilot)
        titles = [command.title for command in browser.palette_commands()]
        assert {"Copy entry as text", "Copy citation", "Copy id"} <= set(titles)
        await pilot.press("ctrl+p", *"copy citation")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.clipboard == CITATION


async def test_a_hostile_title_reaches_the_clipboard_without_control_characters(tmp_path: Path) -> None:
    alpha = copy.deepcopy(alpha_tables())
    alpha["sources"]["source:wire-2021"]["title"] = "Wire \x1b]52;c;ZXZpbA==\x07report \u202e"
    app = create_app(workspace_for(make_library_dir(tmp_path / "lib", alpha), tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _pressed_on(pilot, "source:wire-2021", "c", "c")
        assert app.clipboard.startswith("Wire report")
        assert not set(app.clipboard) & {"\x1b", "\x07", "\u202e"}
        assert not any("\x1b" in notice for notice in _notices(app))


# -- opening a source's address ------------------------------------------------


async def test_o_opens_the_address_of_the_source_of_a_claim(tmp_path: Path, opened: list[str]) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _pressed_on(pilot, "claim:qaani-warns", "o")
        assert opened == [WIRE_URL]


async def test_o_refuses_an_address_with_a_space_in_it(tmp_path: Path, opened: list[str]) -> None:
    """The file check lets it through (its host has a space); a browser would open something else."""
    app = _app(tmp_path, wire_url="https://wire.example org/x")
    async with app.run_test(size=(100, 30)) as pilot:
        await _pressed_on(pilot, "source:wire-2021", "o")
        assert opened == []
        assert "Not opened: the address has spaces or control characters in it" in _notices(app)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://"])
async def test_o_refuses_what_is_not_a_web_address_even_past_the_file_check(
    tmp_path: Path, opened: list[str], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """Loading a file refuses these already; a source that reached the browser another way is refused again."""
    hostile = Source(id="source:wire-2021", title="Wire report", briefing="briefing:alpha", url=url)
    monkeypatch.setattr(browser_habits, "sources_of", lambda _library, _entry: [hostile])
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _pressed_on(pilot, "source:wire-2021", "o")
        assert opened == []
        assert any(notice.startswith("Not opened: ") for notice in _notices(app)), _notices(app)


async def test_o_on_a_source_with_no_address_says_so(tmp_path: Path, opened: list[str]) -> None:
    app = _app(tmp_path, wire_url="")
    async with app.run_test(size=(100, 30)) as pilot:
        await _pressed_on(pilot, "source:wire-2021", "o")
        assert opened == []
        assert "Wire report has no address to open" in _notices(app)


async def test_o_offers_a_choice_when_an_entry_has_several_sources(tmp_path: Path, opened: list[str]) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await _pressed_on(pilot, "actor:ghaani", "o")
        assert isinstance(app.screen, SourceChoice)
        assert app.screen.query_one(OptionList).option_count == 2
        await pilot.press("down", "enter")
        await pilot.pause()
        assert opened == ["https://other.example/follow-up"]
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is browser and opened == ["https://other.example/follow-up"]


# -- a note in $EDITOR -----------------------------------------------------------


@contextmanager
def _no_suspend() -> Iterator[None]:
    """What suspending does around the editor, without a terminal to hand over (the test has none)."""
    yield


def _editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """$EDITOR is a small python script running ``body`` with the file's path as ``path``."""
    script = tmp_path / "fake_editor.py"
    script.write_text(f"import sys\npath = sys.argv[-1]\n{body}\n", encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"'{sys.executable}' '{script}'")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(drafts))


def _suspendable(app: BriefingApp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "suspend", _no_suspend)


def _notes(tmp_path: Path) -> NotesStore:
    return NotesStore(notes_path(tmp_path / "data"))


async def _edit(pilot: Any, entry: str) -> None:
    pilot.app.browser.open(entry)
    await settle(pilot)
    await pilot.press("E")
    await settle(pilot)


async def test_E_writes_a_new_note_in_the_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, monkeypatch, "open(path, 'a').write('check [bold] with the wire\\n')")
    app = _app(tmp_path)
    _suspendable(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await _edit(pilot, "actor:ghaani")
        await until(pilot, lambda: _notes(tmp_path).all(), "the note never reached the disk")
        (note,) = _notes(tmp_path).all()
        assert (note.target, note.text) == ("actor:ghaani", "check [bold] with the wire")
        assert "Note saved" in _notices(app)
        assert not list((tmp_path / "drafts").iterdir()), "the draft file outlived the saved note"


async def test_E_edits_the_entrys_note_keeping_its_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, monkeypatch, "text = open(path).read()\nopen(path, 'w').write(text.upper())")
    _notes(tmp_path).add("actor:ghaani", "first thoughts", ("verify",))
    app = _app(tmp_path)
    _suspendable(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await _edit(pilot, "actor:ghaani")
        await until(pilot, lambda: _notes(tmp_path).all()[0].text == "FIRST THOUGHTS", "the edit was never saved")
        assert _notes(tmp_path).all()[0].tags == ("verify",)


async def test_an_unchanged_note_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, monkeypatch, "pass")
    note = _notes(tmp_path).add("actor:ghaani", "first thoughts")
    app = _app(tmp_path)
    _suspendable(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await _edit(pilot, "actor:ghaani")
        assert _notes(tmp_path).all() == [note]
        assert "Note unchanged: nothing saved" in _notices(app)


async def test_emptying_a_note_asks_to_delete_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, monkeypatch, "open(path, 'w').write('\\n')")
    _notes(tmp_path).add("actor:ghaani", "first thoughts")
    app = _app(tmp_path)
    _suspendable(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await _edit(pilot, "actor:ghaani")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        assert len(_notes(tmp_path).all()) == 1
        await pilot.press("E")
        await settle(pilot)
        await pilot.press("y")
        await until(pilot, lambda: not _notes(tmp_path).all(), "the emptied note was never deleted")


async def test_an_editor_that_fails_saves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, monkeypatch, "open(path, 'w').write('half written')\nsys.exit(1)")
    app = _app(tmp_path)
    _suspendable(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await _edit(pilot, "actor:ghaani")
        assert _notes(tmp_path).all() == []
        assert any(n.startswith("The editor exited with status 1: nothing saved") for n in _notices(app))


async def test_without_an_editor_set_it_says_to_set_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = _app(tmp_path)
    _suspendable(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await _edit(pilot, "actor:ghaani")
        assert any("set $VISUAL or $EDITOR" in notice for notice in _notices(app))


async def test_a_missing_editor_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere --wait")
    app = _app(tmp_path)
    _suspendable(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await _edit(pilot, "actor:ghaani")
        assert any("no-such-editor-anywhere" in notice for notice in _notices(app))


async def test_where_the_app_cannot_be_suspended_it_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, monkeypatch, "open(path, 'w').write('never')")
    app = _app(tmp_path)  # the test's terminal, like textual-serve's, cannot be handed over
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await _edit(pilot, "actor:ghaani")
        assert _notes(tmp_path).all() == []
        assert any("cannot hand the terminal to an editor" in notice for notice in _notices(app))


async def test_a_note_that_cannot_be_saved_is_kept_in_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _editor(tmp_path, monkeypatch, "open(path, 'w').write('precious words')")
    app = _app(tmp_path)
    _suspendable(app, monkeypatch)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise StoreError(tmp_path / "notes.json", "disk full")

    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        monkeypatch.setattr(app.browser.notebook, "add", refuse)
        await _edit(pilot, "actor:ghaani")
        await until(pilot, lambda: any("kept in" in n for n in _notices(app)), "no notice named the kept file")
        notice = next(n for n in _notices(app) if "kept in" in n)
        kept = Path(notice.rsplit("kept in ", 1)[1])
        try:
            assert kept.read_text(encoding="utf-8") == "precious words"
        finally:
            kept.unlink()


# -- the keys in help ------------------------------------------------------------


async def test_help_lists_the_new_keys(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        rows = {keys for _title, section in help_sections(app) for keys, _what in section}
        assert {"c", "y", "o", "E"} <= rows, rows


async def test_E_in_the_notes_list_edits_the_note_under_the_cursor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _editor(tmp_path, monkeypatch, "text = open(path).read()\nopen(path, 'w').write(text + ' (checked)')")
    store = _notes(tmp_path)
    notes = [store.add("actor:ghaani", "one"), store.add("actor:ghaani", "two")]
    app = _app(tmp_path)
    _suspendable(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await loaded(pilot)
        browser.show_view(View.NOTES, None)
        await settle(pilot)
        browser.shown_view.focus()
        await pilot.press("down")
        await settle(pilot)
        under_cursor = browser.entry_in_reach()
        assert under_cursor == notes[0].id, "the cursor on the older note: not the one E falls back to"
        await pilot.press("E")
        await settle(pilot)
        expected = {n.id: n.text + (" (checked)" if n.id == under_cursor else "") for n in notes}
        await until(pilot, lambda: {n.id: n.text for n in _notes(tmp_path).all()} == expected, "the wrong note changed")


async def test_the_entrys_footer_shows_c_and_every_key_still_fits_at_80_columns(tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        browser = await loaded(pilot)
        browser.open("claim:qaani-warns")
        await settle(pilot)
        assert "c copy" not in _footer(app), "a list's footer is full at 80 columns"
        await pilot.press("enter")
        await settle(pilot)
        assert browser.detail.has_focus_within
        footer = _footer(app)
        for key in ("c copy", "a annotate", "q quit"):
            assert key in footer, (key, footer)
        await pilot.press("c", "i")
        await pilot.pause()
        assert app.clipboard == "claim:qaani-warns"
