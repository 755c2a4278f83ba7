"""Nothing from content reaches the terminal as a control: every widget the browser can show, over hostile strings.

The library holds the terminal's whole vocabulary in every field a reader
sees (ESC [2J, OSC 0, 8 and 52 ended by BEL and by ST, 8-bit C1 CSI, bidi
overrides, isolates and marks, line separators, tag characters and
interlinear annotations that hide text, Rich markup), a broken file
with escapes in its name, a note and its tags, and a recalled query.  The
test drives the app through every view, dialog and notice and reads what
Textual would draw, through its public ``export_screenshot``: Textual's
styling becomes SVG attributes there, so any control character left in the
picture came from content.  The values of inputs and text areas, which
Textual draws from the plain string, are checked too.
"""

from __future__ import annotations

import html
import json
import os
import re
from functools import partial
from pathlib import Path
from typing import Any

from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, TextArea

from briefing.store.paths import notes_path, settings_path
from briefing.ui.app import BriefingApp
from briefing.ui.messages import OpenEntry
from briefing.ui.places import Place, View
from briefing.ui.screens.confirm import Confirm
from briefing.ui.screens.help import HelpScreen
from briefing.ui.screens.note_editor import NoteEditor
from briefing.ui.widgets.search_view import SearchView
from tests.factories import alpha_tables, make_library_dir
from tests.hardening.helpers import HIDDEN, INTERLINEAR, UNSAFE
from tests.ui import helpers
from tests.ui.helpers import loaded, settle, workspace_for

# The terminal's vocabulary, each one a way in.
CLEAR = "\x1b[2J\x1b[H"
TITLE_BEL = "\x1b]0;pwned\x07"
TITLE_ST = "\x1b]0;pwned\x1b\\"
LINK = "\x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\"
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
C1 = "\x9b31m\x9d0;t\x9c"
BIDI = "\u202eesrever\u202c \u2066iso\u2069 \u202bemb\u202c"
MARKS = "\u200e\u200f\u061c"
SEPARATORS = "\u2028\u2029"
MARKUP = "[bold]b[/bold] [link=https://evil.example]l[/link]"
EVERYTHING = CLEAR + TITLE_BEL + LINK + CLIPBOARD + C1 + BIDI + MARKS + SEPARATORS + TITLE_ST + HIDDEN + INTERLINEAR
EVERYTHING += " " + MARKUP


def hostile(word: str) -> str:
    """``word`` (what the reader should still see) wrapped in everything a terminal obeys."""
    return f"{word}{EVERYTHING} {word}tail"


BROKEN_FILE = "broken " + TITLE_BEL + CLEAR + "\x9b31m\u202e \udcff.json"
QUERY = "\x1bclaimtext\u202e\x07" + MARKS
"""ESC c resets a terminal; what is left once the controls are out is a query that finds the claim."""
NOTE_ID = "note:01hzx0000000000000000000aa"


def hostile_tables() -> dict[str, Any]:
    tables = alpha_tables()
    briefing = tables["briefing"]["briefing:alpha"]
    briefing["title"] = hostile("Alphatitle")
    briefing["summary"] = hostile("Alphasummary")
    source = tables["sources"]["source:wire-2021"]
    source.update(title=hostile("Wiretitle"), publisher=hostile("Wirepub"), url="https://x.example/" + LINK)
    ghaani = tables["actors"]["actor:ghaani"]
    ghaani.update(
        name="Qaani" + EVERYTHING + " Esmail",
        aliases=[hostile("Ghaanialias"), CLIPBOARD + "Ismael" + MARKS],
        role=hostile("Ghaanirole"),
        description=hostile("Ghaanidesc"),
    )
    ghaani["relations"][0]["note"] = hostile("Relnote")
    quds = tables["actors"]["actor:quds-force"]
    quds.update(name=hostile("Qudsname"), role=hostile("Qudsrole"))
    tables["claims"]["claim:qaani-warns"]["text"] = hostile("Claimtext")
    for event_id, word in (("event:convoy-ied", "Iedtitle"), ("event:talks", "Talkstitle")):
        event = tables["events"][event_id]
        event.update(title=hostile(word), location=hostile(word + "place"), description=hostile(word + "desc"))
    return tables


def hostile_data(folder: Path) -> Path:
    """The data dir: a note (text and tags) stored before controls were refused, and a recalled query."""
    folder.mkdir(parents=True)
    record = {
        "target": "actor:ghaani",
        "text": hostile("Notetext") + "\nsecond line " + CLEAR,
        "tags": ["verify" + CLEAR, "x\u202eevil"],
        "flag": "verify",
        "created": "2024-05-01T12:00:00.000Z",
        "updated": "2024-05-01T12:00:00.000Z",
    }
    notes_path(folder).write_text(json.dumps({"notes": {NOTE_ID: record}}), encoding="utf-8")
    settings_path(folder).write_text(json.dumps({"recent_queries": [QUERY]}), encoding="utf-8")
    return folder


def hostile_app(tmp_path: Path) -> BriefingApp:
    library = make_library_dir(tmp_path / "lib", hostile_tables())
    (library / os.fsencode(BROKEN_FILE).decode("utf-8", "surrogateescape")).write_text("{", encoding="utf-8")
    return BriefingApp(workspace_for(library, hostile_data(tmp_path / "data")))


def drawn(app: BriefingApp) -> str:
    """What Textual would draw now (every screen of the stack, notifications on top), as its SVG's text."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<>]*)</text>", svg)))


def values(app: BriefingApp) -> list[str]:
    """The strings inputs and text areas draw themselves, on every screen of the stack."""
    found: list[str] = []
    for screen in app.screen_stack:
        found += [widget.value for widget in screen.query(Input)]
        found += [area.text + area.suggestion for area in screen.query(TextArea)]
    return found


def assert_clean(app: BriefingApp, where: str, *seen: str) -> str:
    """Nothing unsafe drawn or held by an input; ``seen`` words are on screen (so the content was drawn)."""
    shown = drawn(app)
    leaks = [repr(shown[max(m.start() - 12, 0) : m.end() + 12]) for m in UNSAFE.finditer(shown)]
    assert leaks == [], f"{where}: control characters reached the terminal: {leaks[:5]}"
    for value in values(app):
        assert not UNSAFE.search(value), f"{where}: an input holds {value!r}"
    for word in seen:
        assert word in shown, f"{where}: {word!r} is not on screen, so this step showed nothing of the content"
    return shown


until = partial(helpers.until, seconds=2.0, step=0.02)
"""Each wait here is for one frame's work: two seconds is plenty."""


# -- the four ways in the hostile tester found ------------------------------------------------


async def test_the_skipped_files_notice_names_a_hostile_file_cleanly(tmp_path: Path) -> None:
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        await loaded(pilot)
        await settle(pilot)
        (notice,) = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert "skipped" in notice and "broken" in notice
        assert not UNSAFE.search(notice), f"the notice holds {notice!r}"
        shown = "broken \\x1b]0;pwned\\x07\\x1b[2J\\x1b[H\\x9b31m\\u202e \\xff.json"
        assert shown in notice, "the control characters and the byte that is not UTF-8 are shown, not dropped"
        assert_clean(app, "the skipped-files notice", "skipped", "broken")


async def test_the_actor_filter_suggests_a_hostile_name_cleanly(tmp_path: Path) -> None:
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        browser = await loaded(pilot)
        browser.show_view(View.TIMELINE, "briefing:alpha")
        await settle(pilot)
        await pilot.press("f", "Q", "a")
        actor = app.screen.query_one("#timeline-actor", Input)
        # The input's line as drawn: "Qa" and, once it has come, the rest of the name suggested.
        await until(pilot, lambda: actor.render_line(0).text.strip() != "Qa", "no suggestion for 'Qa'")
        suggested = actor.render_line(0).text
        assert not UNSAFE.search(suggested), f"the filter draws {suggested!r}"
        assert suggested.startswith("Qaani")
        assert_clean(app, "the actor filter's suggestion", "Qaani")
        await pilot.press("right")  # takes the suggestion
        await settle(pilot)
        assert actor.value.startswith("Qaani") and actor.value.endswith("Esmail")
        assert_clean(app, "the suggestion taken")
        assert app.screen.query_one("#view-timeline-briefing-alpha").shown_count == 1, "it finds the actor's event"


async def test_the_note_editor_opens_a_hostile_note_cleanly(tmp_path: Path) -> None:
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        browser = await loaded(pilot)
        browser.show_view(View.NOTES, None)
        await settle(pilot)
        app.screen.query_one("#notes-table").focus()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor never opened")
        await settle(pilot)
        loaded_text = app.screen.query_one(TextArea).text
        assert not UNSAFE.search(loaded_text), f"the editor holds {loaded_text!r}"
        assert_clean(app, "the note editor", "Notetext", "Esmail")
        assert app.screen.query_one(TextArea).text.startswith("Notetexthere")
        await pilot.press("escape")  # untouched: closes at once
        await until(pilot, lambda: not isinstance(app.screen, NoteEditor), "escape did not close the untouched note")


async def test_a_recalled_hostile_query_is_shown_cleanly(tmp_path: Path) -> None:
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        await loaded(pilot)
        await settle(pilot)
        await pilot.press("slash", "up")
        view = app.screen.query_one(SearchView)
        await until(pilot, lambda: view.input.value != "", "up recalled nothing")
        assert view.input.value == "claimtext"
        await until(pilot, lambda: view.shown is not None and view.shown.query == view.input.value, "no results")
        await settle(pilot)
        assert_clean(app, "search with the recalled query", "claimtext", "Claimtext")


# -- every view, dialog and notice -----------------------------------------------------------

VIEWS = [
    (Place(View.BRIEFINGS, None, "briefing:alpha"), ("Alphatitle", "Alphasummary")),
    (Place(View.ACTORS, "briefing:alpha", "actor:ghaani"), ("Qaani", "Ghaanialias", "Ghaanirole", "Relnote")),
    (Place(View.ACTORS, "briefing:alpha", "actor:quds-force"), ("Qudsname", "Qudsrole")),
    (Place(View.CLAIMS, "briefing:alpha", "claim:qaani-warns"), ("Claimtext", "Wiretitle")),
    (Place(View.EVENTS, "briefing:alpha", "event:convoy-ied"), ("Iedtitle", "Iedtitleplace")),
    (Place(View.EVENTS, "briefing:alpha", "event:talks"), ("Talkstitle",)),
    (Place(View.SOURCES, "briefing:alpha", "source:wire-2021"), ("Wiretitle", "Wirepub")),
    (Place(View.TIMELINE, "briefing:alpha", None), ("Iedtitle", "Talkstitle")),
    (Place(View.NETWORK, "briefing:alpha", None), ("Qaani", "Qudsname")),
    (Place(View.NOTES, None, None), ("Notetext", "#verify")),
]


async def test_every_view_dialog_and_notice_reaches_the_terminal_clean(tmp_path: Path) -> None:
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        browser = await loaded(pilot)
        await settle(pilot)
        assert_clean(app, "the first screen and its notice", "skipped")
        app.clear_notifications()  # read: now out of the way of the words it would cover
        for place, words in VIEWS:
            browser.go(place)
            await settle(pilot)
            assert_clean(app, f"{place.view} {place.entry_id}", *words)

        # An entry's links, its "mentioned in", and its note under it.
        browser.go(Place(View.ACTORS, "briefing:alpha", "actor:ghaani"))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert browser.detail.links
        assert_clean(app, "the detail pane's links", "Qudsname")
        await pilot.press("tab")
        await settle(pilot)
        assert_clean(app, "the next link")

        # The timeline's chart, with a bar's tooltip, and its actor filter with the suggestion.
        browser.show_view(View.TIMELINE, "briefing:alpha")
        await settle(pilot)
        await pilot.press("f", "Q", "a")
        await settle(pilot)
        assert_clean(app, "the timeline's actor filter", "Qaani")
        await pilot.press("escape")

        # Search: the hostile query recalled, results, did you mean and the suggestion taken.
        await pilot.press("slash", "up")
        view = app.screen.query_one(SearchView)
        await until(pilot, lambda: view.shown is not None and view.shown.query == view.input.value, "no results")
        assert_clean(app, "search results", "Claimtext")
        view.focus_input("Qaanni\x1b[2J")
        await until(pilot, lambda: view.shown is not None and view.shown.query == view.input.value, "no results")
        await settle(pilot)
        assert_clean(app, "did you mean")
        await pilot.press("tab")
        await settle(pilot)
        assert_clean(app, "a suggestion taken")
        await pilot.press("escape")
        await settle(pilot)

        # The note editor on the hostile note, and the confirm dialog of its deletion.
        browser.show_view(View.NOTES, None)
        await settle(pilot)
        app.screen.query_one("#notes-table").focus()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor never opened")
        assert_clean(app, "the note editor", "Notetext")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, NoteEditor), "the editor never closed")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "no question before deleting")
        assert_clean(app, "the confirm dialog", "Notetext", "Qaani")
        await pilot.press("n")
        await settle(pilot)

        # Help, the command palette over a hostile name, and a notification quoting a hostile id.
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "no help")
        assert_clean(app, "help")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, HelpScreen), "help never closed")
        await pilot.press("ctrl+p", *"ghaanialias")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "no palette")
        await pilot.pause(0.3)
        assert_clean(app, "the command palette", "Ghaanialias", "alias")
        await pilot.press("escape")
        await settle(pilot)
        app.post_message(OpenEntry("actor:" + CLEAR + TITLE_BEL + "\u202egone"))
        await settle(pilot)
        assert_clean(app, "a notification naming an unknown id", "gone")
        assert app.is_running


async def test_pasted_controls_never_reach_an_input_or_the_note_editor(tmp_path: Path) -> None:
    app = hostile_app(tmp_path)
    async with app.run_test(size=(160, 50), notifications=True, tooltips=True) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        view = app.screen.query_one(SearchView)
        # As the driver delivers a paste: to the app, which hands it to the focused widget.
        app.post_message(events.Paste("rocket " + CLEAR + TITLE_BEL + "\u202e" + MARKS + "convoy"))
        await until(pilot, lambda: "convoy" in view.input.value, "the paste never arrived")
        assert view.input.value == "rocket convoy"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NoteEditor), "the editor never opened")
        area = app.screen.query_one(TextArea)
        app.post_message(events.Paste("first " + CLIPBOARD + "\nsecond\u2028third " + C1 + BIDI))
        await until(pilot, lambda: "third" in area.text, "the paste never arrived")
        assert area.text == "first \nsecond\nthird esrever iso emb", "the clipboard write and C1 CSI go whole"
        assert_clean(app, "the editor after a paste", "first")
