"""Any note text and tags either round-trip exactly or are refused with one short line."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import ValidationError
from briefing.model.controls import control_problem, without_controls
from briefing.model.vocabulary import NoteFlag
from briefing.store.note_records import NoteError, normalise_tag, notes_from_records
from briefing.store.notes import NotesStore
from tests.hardening.helpers import examples
from tests.hardening.strategies import hostile_text, json_values

flags = st.one_of(st.none(), st.sampled_from(list(NoteFlag)))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(hostile_text(30), st.text(max_size=200)), tags=st.lists(hostile_text(6), max_size=4), flag=flags)
def test_a_note_is_kept_exactly_or_refused_with_a_short_message(
    tmp_path: Path, text: str, tags: list[str], flag: NoteFlag | None
) -> None:
    path = tmp_path / "notes.json"
    before = path.read_bytes() if path.exists() else None
    try:
        note = NotesStore(path).add("actor:qais-khazali", text, tags, flag)
    except NoteError as exc:
        assert "\n" not in str(exc) and len(str(exc)) <= 300
        assert (path.read_bytes() if path.exists() else None) == before
        return
    again = NotesStore(path).get(note.id)
    assert again is not None
    assert (again.text, again.tags, again.flag) == (note.text, note.tags, note.flag)
    # The store's normalisation of typed text: control characters out (newline and tab stay), line endings
    # to \n, trailing white space and leading blank lines trimmed.
    typed = without_controls(text)
    assert again.text == typed.replace("\r\n", "\n").replace("\r", "\n").rstrip().lstrip("\n")
    assert control_problem(again.text) is None


@settings(max_examples=examples(300), deadline=None)
@given(tag=hostile_text(8))
def test_tags_normalise_idempotently(tag: str) -> None:
    try:
        once = normalise_tag(tag)
    except NoteError:
        return
    assert normalise_tag(once) == once


@settings(max_examples=examples(200), deadline=None)
@given(
    records=st.lists(
        st.one_of(
            json_values(),
            st.dictionaries(
                st.sampled_from(["id", "target", "text", "tags", "flag", "created", "updated", "extra"]),
                json_values(3),
                max_size=8,
            ),
        ),
        max_size=4,
    )
)
def test_imported_note_records_are_notes_or_located_problems(records: list[object]) -> None:
    try:
        notes_from_records(records, "import.json")
    except ValidationError as exc:
        assert exc.problems
        assert all(p.file == "import.json" for p in exc.problems)
