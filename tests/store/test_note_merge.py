"""Importing notes: never overwriting one of the reader's, never adding one twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing.export.interchange import note_record
from briefing.model.entities import Note
from briefing.store.note_records import NoteError, format_stamp, notes_from_records, now_stamp
from briefing.store.notes import NotesStore
from tests.store.conftest import fixed_note, stored

# -- importing ------------------------------------------------------------------------


def test_an_import_never_overwrites_a_note_that_differs_it_keeps_both(store: NotesStore, path: Path) -> None:
    mine = store.add("actor:ghaani", "my own note", tags=["mine"])
    theirs = replace(mine, text="their version", updated="2999-01-01T00:00:00.000Z")
    new = fixed_note("note:01bbbbbbbbbbbbbbbbbbbbbbbb", "brand new", "2024-01-01T00:00:00.000Z")

    plan = store.merge([theirs, new], origin="theirs.json")

    assert store.get(mine.id) == mine
    assert stored(path)[mine.id]["text"] == "my own note"
    assert [n.id for n in plan.added] == [new.id] and store.get(new.id) == new
    (beside,) = plan.beside
    assert beside.id != mine.id and store.get(beside.id) == beside
    assert (beside.target, beside.text, beside.tags) == ("actor:ghaani", "their version", ("mine", "imported"))
    assert beside.imported_from == "theirs.json"
    assert stored(path)[beside.id]["imported_from"] == "theirs.json"
    assert beside.updated <= now_stamp()
    assert NotesStore(path).get(beside.id) == beside  # the field survives the file


def test_importing_the_same_notes_again_adds_nothing(store: NotesStore, path: Path) -> None:
    mine = store.add("actor:ghaani", "my own note")
    incoming = [replace(mine, text="their version"), replace(mine, updated="2999-01-01T00:00:00.000Z")]
    first = store.merge(incoming, origin="theirs.json")
    assert (len(first.added), len(first.beside), first.already) == (0, 1, 1)
    before = path.read_bytes()

    again = store.merge(incoming, origin="theirs.json")

    assert (again.new, again.already) == ([], 2)
    assert path.read_bytes() == before


def test_an_imported_stamp_in_the_future_becomes_now(store: NotesStore) -> None:
    future = Note(
        "note:01cccccccccccccccccccccccc",
        "actor:ghaani",
        "from the future",
        "2999-01-01T00:00:00.000Z",
        "2999-06-01T00:00:00.000Z",
    )
    soon = fixed_note("note:01dddddddddddddddddddddddd", "a clock a little ahead", "2000-01-01T00:00:00.000Z")
    ahead = format_stamp(datetime.now(UTC) + timedelta(hours=2))
    soon = replace(soon, created=ahead, updated=ahead)
    before = now_stamp()

    store.merge([future, soon])

    kept = store.require(future.id)
    assert before <= kept.created == kept.updated <= now_stamp()
    assert store.require(soon.id).updated == ahead  # within the day's skew: left as it came


def test_a_note_kept_beside_travels_through_an_export(store: NotesStore) -> None:
    mine = store.add("actor:ghaani", "mine")
    (beside,) = store.merge([replace(mine, text="theirs")], origin="in.json").beside
    assert notes_from_records([note_record(beside)], "export.json") == [beside]
    assert "imported_from" not in note_record(mine)


def test_merging_nothing_new_leaves_the_file_as_it_is(store: NotesStore, path: Path) -> None:
    note = store.add("actor:ghaani", "one")
    before = path.read_bytes()

    assert store.merge([note]).new == []
    assert store.merge([]).new == []
    assert path.read_bytes() == before


def test_merge_refuses_a_malformed_note(store: NotesStore) -> None:
    with pytest.raises(NoteError):
        store.merge([fixed_note("note:01aaaaaaaaaaaaaaaaaaaaaaaa", "", "2024-02-01T00:00:00.000Z")])
    assert store.all() == []
