"""The notebook: what writing a note does beyond the file (search, undo, other writers), for browser and CLI alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.notebook import Notebook
from briefing.store import paths
from briefing.store.notes import NotesStore
from briefing.workspace import Workspace


@pytest.fixture
def searched(small_workspace: Workspace) -> Notebook:
    """A notebook whose search index is built and attached, as the browser has it once search is ready."""
    index = small_workspace.search_index()
    index.ensure_built()
    notebook = small_workspace.notebook
    notebook.open()
    notebook.attach_index(index)
    return notebook


def _found(workspace: Workspace, words: str) -> list[str]:
    return workspace.search_index().search(words).ids


def test_a_note_is_found_by_search_as_soon_as_it_is_saved(small_workspace: Workspace, searched: Notebook) -> None:
    note = searched.add("actor:ghaani", "met the envoy in Baghdad")
    assert note.id in _found(small_workspace, "envoy")
    searched.update(note.id, text="met the courier in Baghdad", tags=(), flag=None)
    assert note.id not in _found(small_workspace, "envoy")
    assert note.id in _found(small_workspace, "courier")


def test_a_deleted_note_leaves_search_and_undo_brings_it_back_with_its_id(
    small_workspace: Workspace, searched: Notebook
) -> None:
    note = searched.add("actor:ghaani", "ask about the courier")
    assert not searched.can_undo
    searched.delete(note.id)
    assert searched.can_undo
    assert note.id not in _found(small_workspace, "courier")
    assert searched.get(note.id) is None
    restored = searched.undo_delete()
    assert restored is not None and restored.id == note.id
    assert searched.get(note.id) == note
    assert note.id in _found(small_workspace, "courier")
    assert searched.undo_delete() is None and not searched.can_undo


def test_undo_brings_back_the_newest_deletion_first(small_workspace: Workspace) -> None:
    notebook = small_workspace.notebook
    first, second = notebook.add("actor:ghaani", "one"), notebook.add("actor:ghaani", "two")
    notebook.delete(first.id)
    notebook.delete(second.id)
    assert [notebook.undo_delete(), notebook.undo_delete()] == [second, first]


def test_a_restore_that_fails_keeps_the_note_for_another_try(small_workspace: Workspace, tmp_path: Path) -> None:
    notebook = small_workspace.notebook
    note = notebook.add("actor:ghaani", "keep me")
    notebook.delete(note.id)
    notes_file = paths.notes_path(small_workspace.data_dir)
    good = notes_file.read_bytes()
    notes_file.write_text("{ not json")  # the store goes read-only: a restore cannot be written
    with pytest.raises(BriefingError):
        notebook.undo_delete()
    assert notebook.can_undo
    notes_file.write_bytes(good)
    assert notebook.undo_delete() == note
    assert notebook.get(note.id) == note


def test_notes_another_process_writes_are_noticed_and_its_own_are_not(small_workspace: Workspace) -> None:
    notebook = small_workspace.notebook
    notebook.open()
    notebook.add("actor:ghaani", "mine")
    assert not notebook.changed_elsewhere()
    other = NotesStore.open(paths.notes_path(small_workspace.data_dir))
    theirs = other.add("actor:ghaani", "theirs")
    assert notebook.changed_elsewhere()
    assert not notebook.changed_elsewhere()
    assert theirs.id in {note.id for note in notebook.reload()}


def test_reload_brings_the_search_index_in_line(small_workspace: Workspace, searched: Notebook) -> None:
    other = NotesStore.open(paths.notes_path(small_workspace.data_dir))
    theirs = other.add("actor:ghaani", "written in another terminal about the courier")
    assert theirs.id not in _found(small_workspace, "courier")
    searched.reload()
    assert theirs.id in _found(small_workspace, "courier")


def test_notes_that_cannot_be_opened_say_so_each_time_and_come_back(small_workspace: Workspace) -> None:
    data = small_workspace.data_dir
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("a file where the data folder should be")
    notebook = small_workspace.notebook
    for _ in range(2):
        with pytest.raises(BriefingError, match="Not a directory"):
            notebook.open()
    data.unlink()
    data.mkdir()
    notebook.open()
    assert notebook.all() == []
    assert notebook.add("actor:ghaani", "now it works").text == "now it works"
