"""Control characters on the way in: a note typed has them taken out; a note in a file is refused, located."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.errors import ValidationError
from briefing.model.controls import control_problem, without_controls
from briefing.store.note_records import NoteError, notes_from_records
from briefing.store.notes import NotesStore
from tests.factories import make_library_dir
from tests.hardening.helpers import run, unsafe_in

HOSTILE = "see \x1b]0;pwned\x07 and \x1b[2J, \x9b31m, \u202eevil\u202c, \u2066iso\u2069\x7f"
"""Every kind of control a note could carry: ESC sequences, a C1 CSI, a bidi override and isolate, DEL."""

RECORD = {
    "id": "note:01hzx0000000000000000000aa",
    "target": "actor:ghaani",
    "text": "fine so far\nthen \x1b]52;c;ZXZpbA==\x07",
    "tags": ["verify"],
    "created": "2024-05-01T12:00:00.000Z",
}


def test_a_typed_note_keeps_its_words_and_loses_its_controls(tmp_path: Path) -> None:
    store = NotesStore(tmp_path / "notes.json")
    note = store.add("actor:ghaani", HOSTILE + "\n\tnext line\r\n")
    assert note.text == "see  and , , evil, iso\n\tnext line", "each sequence goes whole, not only its ESC"
    assert store.get(note.id) == note
    edited = store.update(note.id, text="again \x1b[31mred")
    assert edited.text == "again red"


def test_a_typed_note_of_nothing_but_controls_is_empty(tmp_path: Path) -> None:
    with pytest.raises(NoteError, match="note text is empty"):
        NotesStore(tmp_path / "notes.json").add("actor:ghaani", "\x1b\x9b\u202e")


def test_a_deleted_note_from_before_comes_back_without_its_controls(tmp_path: Path) -> None:
    store = NotesStore(tmp_path / "notes.json")
    old = replace(store.add("actor:ghaani", "old"), text="old \x1b[2Jnote")  # as a note stored before the check
    store.delete(old.id)
    assert store.restore(old).text == "old note"


@pytest.mark.parametrize(
    ("char", "column"), [("\x1b", 3), ("\x9b", 3), ("\u202e", 3), ("\u2066", 3), ("\x00", 3), ("\x7f", 3)]
)
def test_control_problem_names_the_character_and_its_column(char: str, column: int) -> None:
    assert control_problem(f"ab{char}c") == f"control character U+{ord(char):04X} at column {column}"


def test_text_people_write_is_no_problem() -> None:
    for value in ("line\nnext\tcell\r\n", "قيس\u200f الخزعلي", "a\u200db", "[bold]x[/]", "伊朗 😀"):
        assert control_problem(value) is None


def test_a_note_in_an_imported_file_with_a_control_character_is_refused_located() -> None:
    with pytest.raises(ValidationError) as caught:
        notes_from_records([RECORD], "in.json")
    assert [str(p) for p in caught.value.problems] == [
        "in.json: note:01hzx0000000000000000000aa: text: control character U+001B at column 18"
    ]


def test_import_stores_a_note_and_a_name_without_their_controls_and_says_where(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    library = make_library_dir(tmp_path / "lib")
    data = tmp_path / "data"
    exported = tmp_path / "export.json"
    assert run(capsys, "--library", library, "--data-dir", data, "export", "-o", exported).code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["notes"] = [RECORD]
    briefing = document["briefings"][0]
    briefing["title"] = "Alpha\x1b]0;pwned\x07 briefing"
    exported.write_text(json.dumps(document), encoding="utf-8")

    result = run(capsys, "--library", tmp_path / "empty", "--data-dir", data, "import", exported)

    assert result.code == 0
    assert result.err.splitlines() == [
        "briefing: 2 string(s) held control characters; stored without them:",
        f"briefing: {exported}: {briefing['id']}: title: control character U+001B at column 6 taken out",
        f"briefing: {exported}: note:01hzx0000000000000000000aa: text: control character U+001B at column 18 taken out",
    ]
    assert unsafe_in(result.out) == [] and unsafe_in(result.err) == []
    (note,) = NotesStore(data / "notes.json").all()
    assert control_problem(note.text) is None and note.text == without_controls(RECORD["text"]).rstrip()
    assert note.text == "fine so far\nthen", "the clipboard write went whole"
    stored = "".join(p.read_text(encoding="utf-8") for p in (data / "library").glob("*.json"))
    assert "Alpha briefing" in stored and "\\u001b" not in stored and "pwned" not in stored


def test_annotate_takes_the_controls_out_of_what_it_is_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    library = make_library_dir(tmp_path / "lib")
    data = tmp_path / "data"
    added = run(capsys, "--library", library, "--data-dir", data, "annotate", "actor:ghaani", HOSTILE)
    assert added.code == 0
    (note,) = NotesStore(data / "notes.json").all()
    assert note.text == "see  and , , evil, iso"
