"""The notes store: what a reader's notes go through, and that none is ever lost."""

from __future__ import annotations

import contextlib
import itertools
import json
import multiprocessing
import random
import re
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing.errors import CorruptFileError, Problem, StoreError, ValidationError
from briefing.export.interchange import note_record
from briefing.model.entities import Note
from briefing.model.vocabulary import NoteFlag
from briefing.store.notes import (
    MAX_TEXT_BYTES,
    NoteError,
    NoteNotFoundError,
    NotesReadOnlyError,
    NotesStore,
    _format_stamp,
    notes_from_records,
    now_stamp,
    orphans,
)
from briefing.store.storage import open_db
from tests.special_files import fifo_that_cannot_hang, kind_of, null_device

STAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "notes.json"


@pytest.fixture
def store(path: Path) -> NotesStore:
    return NotesStore(path)


def by_id(*notes: Note) -> list[Note]:
    """Notes in the order the store lists them: by id, which is by time to the millisecond."""
    return sorted(notes, key=lambda n: n.id)


def stored(path: Path) -> dict[str, dict]:
    """The notes table as any JSON reader sees the file."""
    return json.loads(path.read_text(encoding="utf-8"))["notes"]


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


def test_the_notes_file_is_a_tinydb_database(store: NotesStore, path: Path) -> None:
    note = store.add("actor:ghaani", "first")

    (document,) = open_db(path).table("notes").all()
    assert document.doc_id == note.id
    assert document["text"] == "first"


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


# -- what a note may hold ---------------------------------------------------------------


def test_tags_and_text_are_normalised(store: NotesStore) -> None:
    note = store.add("actor:ghaani", "\n\nline one\r\nline two  \n\n", tags=["#Verify", "verify", " Iraq ", "Ünï"])

    assert note.text == "line one\nline two"
    assert note.tags == ("verify", "iraq", "ünï")


@pytest.mark.parametrize(
    ("target", "text", "tags", "flag", "message"),
    [
        ("qais", "x", (), None, "not an entry id"),
        ("actor:Qais", "x", (), None, "not an entry id"),
        ("", "x", (), None, "not an entry id"),
        ("note:01aaaaaaaaaaaaaaaaaaaaaaaa", "x", (), None, "not another note"),
        ("actor:ghaani", "", (), None, "note text is empty"),
        ("actor:ghaani", " \n\t ", (), None, "note text is empty"),
        ("actor:ghaani", "x" * (MAX_TEXT_BYTES + 1), (), None, "the most a note holds"),
        ("actor:ghaani", "bad \ud800 text", (), None, "lone surrogate"),
        ("actor:ghaani", "x", ("two words",), None, "has spaces; use hyphens: 'two-words'"),
        ("actor:ghaani", "x", ("#",), None, "a tag is empty"),
        ("actor:ghaani", "x", ("a\x1bb",), None, "control characters"),
        ("actor:ghaani", "x", ("a/b",), None, "letters, digits"),
        ("actor:ghaani", "x", ("x" * 65,), None, "longer than 64"),
        ("actor:ghaani", "x", "verify", None, "a list of words"),
        ("actor:ghaani", "x", (), "urgent", "unknown flag 'urgent' (expected one of: verify, disputed"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_written(
    store: NotesStore, path: Path, target: str, text: str, tags: tuple[str, ...], flag: str | None, message: str
) -> None:
    with pytest.raises(NoteError, match=re.escape(message)):
        store.add(target, text, tags=tags, flag=flag)
    assert not path.exists()


def test_update_refuses_bad_input_and_keeps_the_note(store: NotesStore) -> None:
    note = store.add("actor:ghaani", "fine")
    with pytest.raises(NoteError):
        store.update(note.id, text="  ")
    with pytest.raises(NoteError):
        store.update(note.id, flag="nope")
    assert store.get(note.id) == note


# -- importing ------------------------------------------------------------------------


def _note(note_id: str, text: str, updated: str, target: str = "actor:ghaani") -> Note:
    return Note(note_id, target, text, created="2024-01-01T00:00:00.000Z", updated=updated)


def test_an_import_never_overwrites_a_note_that_differs_it_keeps_both(store: NotesStore, path: Path) -> None:
    mine = store.add("actor:ghaani", "my own note", tags=["mine"])
    theirs = replace(mine, text="their version", updated="2999-01-01T00:00:00.000Z")
    new = _note("note:01bbbbbbbbbbbbbbbbbbbbbbbb", "brand new", "2024-01-01T00:00:00.000Z")

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
    soon = _note("note:01dddddddddddddddddddddddd", "a clock a little ahead", "2000-01-01T00:00:00.000Z")
    ahead = _format_stamp(datetime.now(UTC) + timedelta(hours=2))
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
        store.merge([_note("note:01aaaaaaaaaaaaaaaaaaaaaaaa", "", "2024-02-01T00:00:00.000Z")])
    assert store.all() == []


def test_interchange_records_round_trip(store: NotesStore) -> None:
    notes = [
        store.add("actor:ghaani", "one\ntwo", tags=["a", "b"], flag="follow-up"),
        store.add("event:gone-since", "orphan"),
    ]

    assert notes_from_records([note_record(n) for n in notes], "export.json") == notes


def test_interchange_times_are_normalised_to_utc() -> None:
    record = {
        "id": "note:01aaaaaaaaaaaaaaaaaaaaaaaa",
        "target": "actor:ghaani",
        "text": "x",
        "created": "2024-05-01T14:00:00+02:00",
    }

    (note,) = notes_from_records([record], "f.json")
    assert (note.created, note.updated, note.tags, note.flag) == ("2024-05-01T12:00:00.000Z",) * 2 + ((), None)


def test_interchange_problems_are_located_by_file_note_and_field() -> None:
    good = {
        "id": "note:01aaaaaaaaaaaaaaaaaaaaaaaa",
        "target": "actor:x",
        "text": "t",
        "created": "2024-01-01T00:00:00Z",
    }
    records = [
        good,
        good,
        "not an object",
        {**good, "id": "actor:x"},
        {**good, "id": "note:01bbbbbbbbbbbbbbbbbbbbbbbb", "text": "", "flag": "urgent", "colour": "red"},
        {**good, "id": "note:01cccccccccccccccccccccccc", "created": "2024-01-01T00:00:00"},
        {"id": "note:01dddddddddddddddddddddddd", "target": "actor:x", "text": "t"},
        {**good, "id": "note:01eeeeeeeeeeeeeeeeeeeeeeee", "updated": "2023-01-01T00:00:00Z"},
    ]

    with pytest.raises(ValidationError) as caught:
        notes_from_records(records, "in.json")

    located = {(p.file, p.entity, p.field) for p in caught.value.problems}
    assert located == {
        ("in.json", "note:01aaaaaaaaaaaaaaaaaaaaaaaa", "id"),
        ("in.json", "notes[2]", ""),
        ("in.json", "notes[3]", "id"),
        ("in.json", "note:01bbbbbbbbbbbbbbbbbbbbbbbb", "text"),
        ("in.json", "note:01bbbbbbbbbbbbbbbbbbbbbbbb", "flag"),
        ("in.json", "note:01bbbbbbbbbbbbbbbbbbbbbbbb", "colour"),
        ("in.json", "note:01cccccccccccccccccccccccc", "created"),
        ("in.json", "note:01dddddddddddddddddddddddd", "created"),
        ("in.json", "note:01eeeeeeeeeeeeeeeeeeeeeeee", "updated"),
    }
    messages = {str(p) for p in caught.value.problems}
    assert "in.json: note:01aaaaaaaaaaaaaaaaaaaaaaaa: id: duplicate note id" in messages
    no_zone = "'2024-01-01T00:00:00' has no time zone (add Z for UTC)"
    assert f"in.json: note:01cccccccccccccccccccccccc: created: {no_zone}" in messages


def test_interchange_notes_must_be_a_list() -> None:
    with pytest.raises(ValidationError) as caught:
        notes_from_records({"note:x": {}}, "in.json")
    assert caught.value.problems == [Problem("in.json", "", "notes", "expected a list of notes")]


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
            note = _note(f"note:01{step:024d}", f"merged {step}", "2024-01-01T00:00:00.000Z")
            assert store.merge([note]).added == [note]
            expected[note.id] = note
        assert rng.choice(stores).all() == sorted(expected.values(), key=lambda n: n.id)
        on_disk = stored(path)
        assert {i: note_record(n) | {"id": i} for i, n in expected.items()} == {
            i: {"id": i, **r} for i, r in on_disk.items()
        }


# -- a damaged file ---------------------------------------------------------------------


def test_a_file_that_does_not_parse_raises_and_is_left_alone(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"notes": {"note:01a": {"text": "half')
    store = NotesStore(path)

    with pytest.raises(CorruptFileError):
        store.all()
    with pytest.raises(CorruptFileError):
        store.add("actor:ghaani", "x")
    assert path.read_bytes() == b'{"notes": {"note:01a": {"text": "half'


def test_opening_a_corrupt_file_keeps_a_copy_and_goes_read_only(path: Path) -> None:
    damaged = b'{"notes": {"note:01aaaaaaaaaaaaaaaaaaaaaaaa": {"text": "my only copy of th'
    path.parent.mkdir(parents=True)
    path.write_bytes(damaged)

    store = NotesStore.open(path)

    assert store.read_only
    assert store.all() == []
    copy = store.corrupt_copy
    assert copy is not None and copy.parent == path.parent and copy.name.startswith("notes.json.corrupt-")
    assert copy.read_bytes() == damaged
    assert path.read_bytes() == damaged
    assert store.problem is not None
    assert str(path) in store.problem and str(copy) in store.problem and "read-only" in store.problem

    with pytest.raises(NotesReadOnlyError, match="read-only") as caught:
        store.add("actor:ghaani", "x")
    assert str(copy) in str(caught.value)
    assert path.read_bytes() == damaged

    again = NotesStore.open(path)
    assert again.corrupt_copy == copy
    assert sorted(p.name for p in path.parent.iterdir() if ".corrupt-" in p.name) == [copy.name]


def test_a_read_only_store_takes_notes_again_once_the_file_is_repaired(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"[1, 2")
    store = NotesStore.open(path)
    assert store.read_only

    path.unlink()  # the reader moved the damaged file away
    note = store.add("actor:ghaani", "fresh start")

    assert not store.read_only and store.problem is None
    assert store.all() == [note]


def test_a_store_that_sees_the_file_break_keeps_showing_what_it_read(path: Path) -> None:
    store = NotesStore.open(path)
    note = store.add("actor:ghaani", "precious")
    path.write_text("garbage", encoding="utf-8")

    assert store.all() == [note]
    assert store.read_only
    with pytest.raises(NotesReadOnlyError):
        store.add("actor:ghaani", "another")
    assert path.read_text(encoding="utf-8") == "garbage"


def test_a_damaged_record_is_skipped_by_reads_and_kept_by_writes(path: Path) -> None:
    path.parent.mkdir(parents=True)
    good = {"target": "actor:x", "text": "fine", "tags": [], "flag": None, "created": "2024-01-01T00:00:00.000Z"}
    good["updated"] = good["created"]
    bad = {"target": "not an id", "text": 3}
    tables = {"notes": {"note:01aaaaaaaaaaaaaaaaaaaaaaaa": good, "note:01bbbbbbbbbbbbbbbbbbbbbbbb": bad}}
    path.write_text(json.dumps(tables), encoding="utf-8")

    store = NotesStore.open(path)
    assert [n.text for n in store.all()] == ["fine"]
    assert not store.read_only
    assert store.problem is not None and "1 damaged note record(s) skipped" in store.problem

    store.add("actor:x", "new")
    assert stored(path)["note:01bbbbbbbbbbbbbbbbbbbbbbbb"] == bad


# -- a notes file that is a link, a FIFO, a folder or a device --------------------------


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


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_a_special_file_at_the_notes_path_makes_the_store_read_only_and_never_blocks(path: Path, kind: str) -> None:
    with contextlib.ExitStack() as stack:
        released = stack.enter_context(fifo_that_cannot_hang(path)) if kind == "fifo" else lambda: False
        if kind == "directory":
            path.mkdir(parents=True)
        elif kind == "device":
            path.parent.mkdir(parents=True)
            null_device(path)  # not /dev/zero: a regression would read it until memory ran out
        store = NotesStore.open(path)
        assert store.read_only and store.all() == []
        assert store.problem is not None and store.problem.startswith(f"{path}: your notes file cannot be read")
        with pytest.raises(NotesReadOnlyError, match="read-only"):
            store.add("actor:ghaani", "not written")
        with pytest.raises(StoreError):
            NotesStore(path).all()
        assert not released(), "the store blocked on the FIFO"
        assert kind_of(path) == {"fifo": "fifo", "directory": "directory", "device": "char"}[kind]
    assert list(path.parent.glob("notes.json.corrupt-*")) == []
