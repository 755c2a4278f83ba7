"""The notes store: what a reader's notes go through, and that none is ever lost."""

from __future__ import annotations

import itertools
import multiprocessing
import random
import re
import threading
from pathlib import Path

import pytest

from briefing.export.interchange import note_record
from briefing.model.entities import Note
from briefing.model.vocabulary import NoteFlag
from briefing.store.notes import NoteNotFoundError, NotesStore, orphans
from tests.store.conftest import STAMP_RE, by_id, fixed_note, stored

# -- adding, changing, deleting ----------------------------------------------------------


def test_an_added_note_is_in_the_file_when_add_returns(store: NotesStore, path: Path) -> None:
    note = store.add("actor:ghaani", "Compare with his later statements.", tags=["verify"], flag="verify")

    record = stored(path)[note.id]
    assert record["target"] == "actor:ghaani"
    assert record["text"] == "Compare with his later statements."
    assert record["tags"] == ["verify"]
    assert record["flag"] == "verify"
    assert STAMP_RE.fullmatch(record["created"]) and record["updated"] == record["created"]
    assert NotesStore(path).get(note.id) == note


def test_ids_are_unique_and_sort_in_the_order_notes_were_made(store: NotesStore) -> None:
    notes = [store.add("event:talks", f"note {i}") for i in range(40)]
    ids = [n.id for n in notes]

    assert len(set(ids)) == len(ids)
    assert [n.id for n in store.all()] == sorted(ids)  # notes made in one millisecond may sort either way
    assert all(re.fullmatch(r"note:[0-9a-z]{26}", i) for i in ids)
    # Ids made in different milliseconds sort by time.
    created = [n.created for n in notes]
    for earlier, later in itertools.pairwise(notes):
        if earlier.created < later.created:
            assert earlier.id < later.id
    assert created == sorted(created)


def test_update_changes_only_what_it_is_given(store: NotesStore, path: Path) -> None:
    note = store.add("actor:ghaani", "first thought", tags=["verify"], flag="important")

    changed = store.update(note.id, text="second thought")
    assert (changed.text, changed.tags, changed.flag) == ("second thought", ("verify",), NoteFlag.IMPORTANT)
    assert changed.created == note.created and changed.updated >= note.updated

    cleared = store.update(note.id, tags=["#Later"], flag=None)
    assert (cleared.text, cleared.tags, cleared.flag) == ("second thought", ("later",), None)
    assert stored(path)[note.id]["flag"] is None
    assert NotesStore(path).get(note.id) == cleared


def test_updating_or_deleting_an_unknown_note_says_so(store: NotesStore) -> None:
    with pytest.raises(NoteNotFoundError, match="note:01aaaaaaaaaaaaaaaaaaaaaaaa: no such note"):
        store.update("note:01aaaaaaaaaaaaaaaaaaaaaaaa", text="x")
    with pytest.raises(NoteNotFoundError):
        store.delete("note:01aaaaaaaaaaaaaaaaaaaaaaaa")


def test_delete_returns_the_note_and_restore_brings_it_back_with_its_id(store: NotesStore, path: Path) -> None:
    keep = store.add("actor:ghaani", "keep me")
    gone = store.add("actor:ghaani", "delete me", tags=["x"], flag="disputed")

    deleted = store.delete(gone.id)
    assert deleted == gone
    assert [n.id for n in store.all()] == [keep.id]
    assert gone.id not in stored(path)

    assert store.restore(deleted) == gone
    assert store.restore(deleted) == gone  # twice is harmless
    assert store.all() == by_id(keep, gone)
    assert stored(path)[gone.id]["text"] == "delete me"


def test_notes_of_one_entry(store: NotesStore) -> None:
    a = store.add("actor:ghaani", "one")
    store.add("actor:quds-force", "two")
    b = store.add("actor:ghaani", "three")

    assert store.for_target("actor:ghaani") == by_id(a, b)
    assert store.for_target("event:talks") == []


def test_a_note_whose_entry_left_the_library_is_kept_and_listed_as_orphaned(
    store: NotesStore, small_library: object
) -> None:
    kept = store.add("actor:ghaani", "still here")
    orphan = store.add("actor:deleted-since", "the entry is gone")

    assert orphans(store.all(), small_library) == [orphan]  # type: ignore[arg-type]
    assert store.all() == by_id(kept, orphan)


# -- two writers ----------------------------------------------------------------------


def test_two_stores_on_one_file_see_and_keep_each_others_notes(path: Path) -> None:
    browser, terminal = NotesStore(path), NotesStore(path)
    a = browser.add("actor:ghaani", "from the browser")
    version = browser.version()
    b = terminal.add("actor:ghaani", "from the terminal")

    assert browser.version() != version
    assert browser.changed()
    c = browser.add("actor:ghaani", "browser again")
    assert terminal.all() == browser.all() == by_id(a, b, c)
    assert terminal.delete(a.id) == a
    assert browser.update(c.id, text="edited").text == "edited"
    assert {n.text for n in terminal.reload()} == {"from the terminal", "edited"}


def _add_many(path: str, prefix: str, count: int) -> None:
    store = NotesStore(Path(path))
    for i in range(count):
        store.add("actor:ghaani", f"{prefix} {i}")


def test_two_processes_writing_at_once_lose_nothing(path: Path) -> None:
    count = 40
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add_many, args=(str(path), name, count)) for name in ("left", "right")]
    for worker in workers:
        worker.start()
    _add_many(str(path), "parent", count)
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0

    texts = {n.text for n in NotesStore(path).all()}
    assert texts == {f"{prefix} {i}" for prefix in ("left", "right", "parent") for i in range(count)}
    assert len(stored(path)) == 3 * count


def test_threads_sharing_one_store_lose_nothing(store: NotesStore) -> None:
    threads = [threading.Thread(target=lambda p=p: [store.add("actor:x", f"{p} {i}") for i in range(25)]) for p in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.all()) == 50


def test_the_file_always_matches_what_was_done_whichever_store_did_it(path: Path) -> None:
    """Random adds, edits, deletes and merges through two stores, checked against a plain dict each time."""
    rng = random.Random(7)
    stores = [NotesStore(path), NotesStore(path)]
    expected: dict[str, Note] = {}
    for step in range(150):
        store = rng.choice(stores)
        action = rng.random()
        if action < 0.45 or not expected:
            note = store.add(f"actor:a{rng.randrange(5)}", f"note {step}", tags=rng.sample(["x", "y", "z"], 2))
            expected[note.id] = note
        elif action < 0.7:
            note = store.update(rng.choice(sorted(expected)), text=f"edited {step}", flag=rng.choice([None, "verify"]))
            expected[note.id] = note
        elif action < 0.85:
            deleted = store.delete(rng.choice(sorted(expected)))
            assert expected.pop(deleted.id) == deleted
        else:
            note = fixed_note(f"note:01{step:024d}", f"merged {step}", "2024-01-01T00:00:00.000Z")
            assert store.merge([note]).added == [note]
            expected[note.id] = note
        assert rng.choice(stores).all() == sorted(expected.values(), key=lambda n: n.id)
        on_disk = stored(path)
        assert {i: note_record(n) | {"id": i} for i, n in expected.items()} == {
            i: {"id": i, **r} for i, r in on_disk.items()
        }
