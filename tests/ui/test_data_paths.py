"""The browser on awkward paths: a search cache replaced under it or that is no file, a library folder that loops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.search.cache import cache_path
from briefing.store.imports import MARKER
from briefing.store.paths import import_staging_dir
from briefing.ui.app import create_app
from briefing.ui.screens.note_editor import NoteEditor
from briefing.workspace import Workspace
from tests.factories import make_library_dir
from tests.search.test_cache import another_process_imports_and_searches, make_no_file, run_briefing
from tests.ui.helpers import loaded, settle


async def test_the_browser_saves_a_note_after_another_process_rebuilt_the_cache(tmp_path: Path) -> None:
    lib, data = make_library_dir(tmp_path / "lib"), tmp_path / "data"
    app = create_app(Workspace.from_options([lib], data, include_shipped=False))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.search_index is not None and app.search_index.is_ready
        another_process_imports_and_searches(tmp_path, data, lib)

        app.browser.open("actor:ghaani")
        await pilot.pause()
        await pilot.press("a", *"zebrafish remark", "ctrl+s")
        for _ in range(100):
            await settle(pilot)
            if not isinstance(app.screen, NoteEditor):
                break
        assert not isinstance(app.screen, NoteEditor), "the note was never saved"
        results = app.search("zebrafish")
        assert results is not None and [hit.kind for hit in results.hits] == ["note"]

        assert run_briefing(data, lib, "annotate", "actor:quds-force", "okapi remark").returncode == 0
        for _ in range(60):
            await pilot.pause(0.05)
            results = app.search("okapi")
            if results is not None and results.hits:
                break
        assert results is not None and [hit.kind for hit in results.hits] == ["note"]
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("kind", ["folder", "fifo"])
async def test_the_browser_searches_without_a_cache_path_that_is_no_file(tmp_path: Path, kind: str) -> None:
    lib, data = make_library_dir(tmp_path / "lib"), tmp_path / "data"
    workspace = Workspace.from_options([lib], data, include_shipped=False)
    path = cache_path(data, workspace.library_dirs)
    make_no_file(path, kind)
    app = create_app(workspace)
    notices: list[str] = []
    app.notify = lambda message, **options: notices.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await settle(pilot)
        results = app.search("qaani")
        assert results is not None and results.ids[0] == "actor:ghaani"
    assert [line for line in notices if "search cache" in line] == [
        f"search cache {path}: {'a folder' if kind == 'folder' else 'a FIFO (named pipe)'}, not a file; "
        "searching without it (the index is built in memory)"
    ]


async def test_the_browser_opens_and_searches_with_a_looping_library_folder(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    lib, data = make_library_dir(tmp_path / "lib"), tmp_path / "data"
    app = create_app(Workspace.from_options([loop, lib], data, include_shipped=False))
    notices: list[tuple[str, object]] = []
    app.notify = lambda message, **options: notices.append((message, options.get("title")))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await settle(pilot)
        results = app.search("qaani")
        assert results is not None and results.ids[0] == "actor:ghaani"
    assert notices == [(f"{loop}: a symlink loop, not a folder", "1 library folder unreadable")]


async def test_an_import_interrupted_before_its_journal_is_discarded_and_the_browser_says_so(tmp_path: Path) -> None:
    lib, data = make_library_dir(tmp_path / "lib"), tmp_path / "data"
    staged = import_staging_dir(data) / "half.json"
    staged.parent.mkdir(parents=True)
    (staged.parent / MARKER).touch()
    staged.write_text("{", encoding="utf-8")  # a killed import got this far, and no further
    app = create_app(Workspace.from_options([lib], data, include_shipped=False))
    notices: list[tuple[str, object]] = []
    app.notify = lambda message, **options: notices.append((message, options.get("title")))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await settle(pilot)
    assert not import_staging_dir(data).exists()
    assert [(message.split(":")[0], title) for message, title in notices] == [
        ("an interrupted import was discarded (it had not got as far as its journal)", "Import")
    ]


@pytest.mark.parametrize("where", ["library", "data"])
async def test_the_browser_loads_searches_and_saves_a_note_under_a_folder_whose_name_is_not_utf8(
    tmp_path: Path, where: str
) -> None:
    odd = tmp_path / os.fsdecode(b"odd\xff")  # its bytes reach Python as surrogate escapes
    lib = make_library_dir(odd if where == "library" else tmp_path / "lib")
    data = odd if where == "data" else tmp_path / "data"
    workspace = Workspace.from_options([lib], data, include_shipped=False)
    app = create_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await settle(pilot)
        assert app.search_index is not None and app.search_index.is_ready
        results = app.search("qaani")
        assert results is not None and results.ids[0] == "actor:ghaani"
        app.browser.open("actor:ghaani")
        await pilot.pause()
        await pilot.press("a", *"zebrafish remark", "ctrl+s")
        for _ in range(100):
            await settle(pilot)
            if not isinstance(app.screen, NoteEditor):
                break
        results = app.search("zebrafish")
        assert results is not None and [hit.kind for hit in results.hits] == ["note"]
    assert app.return_code in (None, 0)
    assert cache_path(data, workspace.library_dirs).is_file()
