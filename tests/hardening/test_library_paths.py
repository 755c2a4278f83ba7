"""Library folders that cannot be read: a symlink loop is one line, and the rest of the library still answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.store.notes import NotesStore
from briefing.store.paths import notes_path
from tests.factories import make_library_dir
from tests.hardening.helpers import run


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    """``ln -s loop loop``."""
    link = tmp_path / "loop"
    link.symlink_to(link)
    return link


def test_search_annotate_show_and_list_with_a_looping_library_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, loop: Path
) -> None:
    lib, data = make_library_dir(tmp_path / "lib"), tmp_path / "data"
    said = [f"briefing: library folder {loop}: a symlink loop, not a folder; skipped"]
    options = ("--library", loop, "--library", lib, "--data-dir", data)

    searched = run(capsys, *options, "search", "qaani")
    assert searched.code == 0 and searched.out.splitlines()[1].startswith("actor:ghaani")
    assert searched.err.splitlines() == said

    annotated = run(capsys, *options, "annotate", "actor:ghaani", "checked against the wire")
    assert annotated.code == 0 and annotated.err.splitlines() == said
    (saved,) = NotesStore(notes_path(data)).all()
    assert annotated.out.strip() == saved.id and saved.target == "actor:ghaani"

    shown = run(capsys, *options, "show", "actor:ghaani")
    assert shown.code == 0 and "Esmail Qaani" in shown.out and "checked against the wire" in shown.out
    assert shown.err.splitlines() == said

    listed = run(capsys, *options, "list", "briefings")
    assert listed.code == 0 and "briefing:alpha" in listed.out
    assert listed.err.splitlines() == said, "said once, not again as a problem to validate"


def test_a_looping_library_alone_is_an_empty_library_said_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, loop: Path
) -> None:
    result = run(capsys, "--library", loop, "--data-dir", tmp_path / "data", "show", "actor:ghaani")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"briefing: library folder {loop}: a symlink loop, not a folder; skipped",
        "briefing: actor:ghaani: no such entry in the library",
    ]
