"""What a note may hold, and notes read from interchange documents: refused with a located message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.errors import Problem, ValidationError
from briefing.export.interchange import note_record
from briefing.store.note_records import MAX_TEXT_BYTES, NoteError, notes_from_records
from briefing.store.notes import NotesStore

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


# -- notes in interchange documents ------------------------------------------------------


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
