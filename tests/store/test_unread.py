"""The unread marks file: marks from two writers are kept, a broken file is never written over."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import CorruptFileError
from briefing.store.unread import change_unread, load_unread, sweep_unread


def test_read_unread_and_all_read_keep_a_second_writers_marks(tmp_path: Path) -> None:
    marks_file = tmp_path / "unread.json"
    change_unread(marks_file, arrived=["claim:a", "claim:b"], briefings=[])
    change_unread(marks_file, arrived=["claim:c"])  # another browser
    marks = change_unread(marks_file, read=["claim:a"])
    assert list(marks.unread) == ["claim:b", "claim:c"]
    assert load_unread(marks_file) == marks
    assert change_unread(marks_file, all_read=True).unread == {}


def test_a_broken_marks_file_is_reported_and_never_written_over(tmp_path: Path) -> None:
    marks_file = tmp_path / "unread.json"
    marks_file.write_text("{not json", encoding="utf-8")
    with pytest.raises(CorruptFileError):
        change_unread(marks_file, arrived=["claim:a"])
    assert marks_file.read_text(encoding="utf-8") == "{not json"


def test_a_temp_file_a_killed_writer_left_is_swept_under_the_lock(tmp_path: Path) -> None:
    marks_file = tmp_path / "unread.json"
    change_unread(marks_file, arrived=["claim:a"], briefings=[])
    stale = tmp_path / ".unread.json.abcd1234.tmp"
    stale.write_text("{", encoding="utf-8")
    sweep_unread(marks_file)
    assert not stale.exists() and list(load_unread(marks_file).unread) == ["claim:a"]
