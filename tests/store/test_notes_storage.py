"""The notes file as TinyDB and any JSON reader see it, written through a symlink to its target, by public API."""

from __future__ import annotations

from pathlib import Path

import pytest
from tinydb.table import Document

from briefing.store.notes import NotesStore
from briefing.store.notes_storage import NotesDB, NotesStorage, NotesTable
from briefing.store.storage import open_db
from tests.store.conftest import stored


def test_the_notes_file_is_a_tinydb_database(store: NotesStore, path: Path) -> None:
    note = store.add("actor:ghaani", "first")

    (document,) = open_db(path).table("notes").all()
    assert document.doc_id == note.id
    assert document["text"] == "first"


def test_notes_shared_through_a_symlink_are_written_to_the_target_and_the_link_stays(tmp_path: Path) -> None:
    shared = tmp_path / "b" / "notes.json"
    NotesStore(shared).add("actor:ghaani", "written in B")
    link = tmp_path / "a" / "notes.json"
    link.parent.mkdir()
    link.symlink_to(shared)

    note = NotesStore(link).add("actor:qaani", "written in A")

    assert link.is_symlink()
    assert note.id in stored(shared)
    assert [n.text for n in NotesStore(shared).all()] == ["written in B", "written in A"]
    assert [n.text for n in NotesStore(link).all()] == ["written in B", "written in A"]


def test_a_note_is_replaced_whole_never_changed_in_place(path: Path) -> None:
    """What keeps the file cache true: a document the cache saw is never edited behind its back."""
    note_id = "note:01aaaaaaaaaaaaaaaaaaaaaaaa"
    table = NotesDB(path, storage=NotesStorage).table("notes")
    assert isinstance(table, NotesTable)
    table.insert(Document({"text": "first", "flag": "verify"}, doc_id=note_id))

    with pytest.raises(TypeError, match="replaced whole"):
        table.update({"text": "edited in place"})
    with pytest.raises(TypeError, match="replaced whole"):
        table.upsert(Document({"text": "edited in place"}, doc_id=note_id))
    table.put_many({note_id: {"text": "second"}})

    assert stored(path) == {note_id: {"text": "second"}}
