"""A notes file that does not parse, or is no file: a copy kept, the store read-only, nothing lost."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from briefing.errors import CorruptFileError, StoreError
from briefing.store.notes import NotesReadOnlyError, NotesStore
from tests.special_files import fifo_that_cannot_hang, kind_of, null_device
from tests.store.conftest import stored

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


def test_two_copies_of_one_note_make_the_store_read_only_naming_the_id_and_line(path: Path) -> None:
    """A sync conflict or a hand merge leaves one id twice: json keeps the last, and the next write lost the first."""
    note = '{"target": "actor:ghaani", "text": "%s", "tags": [], "flag": null, "created": "%s", "updated": "%s"}'
    stamp = "2026-01-01T00:00:00.000Z"
    first, second = note % ("mine", stamp, stamp), note % ("theirs", stamp, stamp)
    same = "note:01aaaaaaaaaaaaaaaaaaaaaaaa"
    raw = f'{{"notes": {{\n"{same}": {first},\n"{same}": {second}\n}}}}\n'
    path.parent.mkdir(parents=True)
    path.write_text(raw, encoding="utf-8")

    store = NotesStore.open(path)

    assert store.read_only and store.problem is not None
    assert "duplicate key 'note:01aaaaaaaaaaaaaaaaaaaaaaaa' at line 3" in store.problem
    with pytest.raises(NotesReadOnlyError):
        store.add("actor:ghaani", "x")
    assert path.read_text(encoding="utf-8") == raw
    assert json.loads(raw)  # json alone would have read it, keeping only "theirs"


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
