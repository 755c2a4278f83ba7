"""The notes file as TinyDB and any JSON reader see it, written through a symlink to its target, by public API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage, MemoryStorage, Storage
from tinydb.table import Document, Table

import briefing.store
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


def _private_tinydb_names() -> set[str]:
    """Every name TinyDB keeps to itself: private attributes of its classes and of their instances."""
    classes = (TinyDB, Table, Document, Storage, JSONStorage, MemoryStorage, Query)
    names = {name for cls in classes for name in dir(cls)}
    names |= set(vars(Table(MemoryStorage(), "t"))) | set(vars(TinyDB(storage=MemoryStorage)))
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def _uses_of(names: set[str], source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        used = node.attr if isinstance(node, ast.Attribute) else getattr(node, "name", None)
        if isinstance(node, ast.Attribute | ast.FunctionDef | ast.AsyncFunctionDef) and used in names:
            found.append(f"line {node.lineno}: {used}")
    return found


def test_the_store_uses_only_tinydb_public_api() -> None:
    """TinyDB's private names change without notice; the store reads, overrides and calls none of them."""
    private = _private_tinydb_names()
    assert {"_read_table", "_update_table", "_get_next_id", "_storage"} <= private
    store = Path(briefing.store.__file__).parent
    uses = {file.name: _uses_of(private, file.read_text(encoding="utf-8")) for file in sorted(store.glob("*.py"))}
    assert {name: found for name, found in uses.items() if found} == {}
