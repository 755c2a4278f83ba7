"""The browser with very large content and many notes: it opens, shows, and keeps answering keys."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from briefing.store.notes import NotesStore
from briefing.store.paths import notes_path
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.places import Place, View
from briefing.ui.widgets.notes_list import NotesList
from briefing.workspace import Workspace
from tests.factories import alpha_tables, make_library_dir
from tests.ui.helpers import loaded


def _app(library: Path, data: Path) -> BriefingApp:
    return create_app(Workspace.from_options([library], data, include_shipped=False))


async def test_a_one_megabyte_claim_opens_and_the_app_keeps_answering(tmp_path: Path) -> None:
    tables = alpha_tables()
    tables["claims"]["claim:qaani-warns"]["text"] = "The convoys will be targeted, " * 35_000  # ~1 MB
    folder = make_library_dir(tmp_path / "lib", tables)
    app = _app(folder, tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.open("claim:qaani-warns")
        await pilot.pause(0.5)
        assert app.browser.open_entry == "claim:qaani-warns"
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"


def _many_actors(count: int) -> dict:
    tables = copy.deepcopy(alpha_tables())
    for n in range(count):
        tables["actors"][f"actor:extra-{n}"] = {
            "name": f"Extra Actor Number {n}",
            "kind": "person",
            "aliases": [f"E{n}"],
            "role": "",
            "description": "",
            "relations": [],
        }
    return tables


@pytest.mark.parametrize("count", [pytest.param(2_000), pytest.param(10_000, marks=pytest.mark.slow)])
async def test_a_briefing_with_thousands_of_actors_lists_them_and_the_palette_finds_one(
    tmp_path: Path, count: int
) -> None:
    folder = make_library_dir(tmp_path / "lib", _many_actors(count))
    app = _app(folder, tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.go(Place(View.ACTORS, "briefing:alpha"))
        await pilot.pause()
        assert app.browser.table.row_count == count + 2
        assert app.jump_index is not None
        assert any(
            hit.candidate.entity_id == f"actor:extra-{count - 1}"
            for hit in app.jump_index.search(f"Number {count - 1}")
        )


@pytest.mark.parametrize("count", [pytest.param(2_000), pytest.param(100_000, marks=pytest.mark.slow)])
async def test_many_notes_load_and_list(tmp_path: Path, count: int) -> None:
    folder = make_library_dir(tmp_path / "lib")
    store = NotesStore(notes_path(tmp_path / "data"))
    from briefing.model.entities import Note

    stamp = "2026-01-01T00:00:00.000Z"
    store.merge(
        [Note(f"note:{n:026d}", "actor:ghaani", f"note number {n}", stamp, stamp, ("bulk",)) for n in range(count)]
    )
    app = _app(folder, tmp_path / "data")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        app.browser.go(Place(View.NOTES))
        await pilot.pause(0.5)
        assert app.browser.query_one(NotesList).table.row_count == count
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.is_running
