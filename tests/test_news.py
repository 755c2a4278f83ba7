"""Unread marks: what arrives is new, what the reader opens is read, the first look sets the baseline."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.library import Library
from briefing.news import arrivals, look
from tests.factories import make_library_dir


def test_the_first_look_marks_nothing_new_and_a_briefing_turning_up_later_is_new(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib")
    marks_file = tmp_path / "unread.json"
    beta = next(folder.glob("*beta*"))
    aside = tmp_path / beta.name
    shutil.move(beta, aside)
    first = look(marks_file, Library.load([folder]))
    assert first.unread == {} and first.briefings == {"briefing:alpha"}
    shutil.move(aside, beta)
    library = Library.load([folder])
    later = look(marks_file, library)
    assert "briefing:beta" in later.unread
    new_entries = set(later.unread)
    assert new_entries and all("briefing:beta" in library.briefings_of(e) for e in new_entries)
    assert "actor:ghaani" not in new_entries, "an actor the alpha briefing had is not new"
    assert look(marks_file, library).unread == later.unread, "a second look changes nothing"


def test_arrivals_are_the_entries_the_new_library_has_and_the_old_had_not(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib")
    library = Library.load([folder])
    assert arrivals(library, library) == []
    assert set(arrivals({"briefing:alpha"}, library)) == {e.id for e in library.entities()} - {"briefing:alpha"}
