"""Library folders that cannot be read: a symlink loop is one line, and the rest of the library still answers."""

from __future__ import annotations

import os
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


def _undecodable(parent: Path, name: bytes) -> Path:
    """A path under ``parent`` whose last name is not UTF-8: its bytes reach Python as surrogate escapes."""
    return parent / os.fsdecode(name)


@pytest.mark.parametrize("where", ["library", "environment", "data"])
def test_search_annotate_show_and_export_with_a_folder_whose_name_is_not_utf8(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    odd_lib, odd_data = _undecodable(tmp_path, b"lib\xff"), _undecodable(tmp_path, b"data\xfe")
    lib = make_library_dir(odd_lib if where != "data" else tmp_path / "lib")
    data = odd_data if where == "data" else tmp_path / "data"
    if where == "environment":
        monkeypatch.setenv("BRIEFING_LIBRARY", os.fsdecode(lib))
        options: tuple[str | Path, ...] = ("--data-dir", data)
    else:
        options = ("--library", lib, "--data-dir", data)

    searched = run(capsys, *options, "search", "qaani")
    assert searched.code == 0 and searched.err == "", searched.err
    assert searched.out.splitlines()[1].startswith("actor:ghaani")

    annotated = run(capsys, *options, "annotate", "actor:ghaani", "zebrafish remark")
    assert annotated.code == 0 and annotated.err == "", annotated.err
    (saved,) = NotesStore(notes_path(data)).all()
    assert annotated.out.strip() == saved.id

    found = run(capsys, *options, "search", "zebrafish")
    assert found.code == 0 and found.out.splitlines()[1].startswith(saved.id), found.err

    shown = run(capsys, *options, "show", "actor:ghaani")
    assert shown.code == 0 and "Esmail Qaani" in shown.out and "zebrafish remark" in shown.out

    for form in ("json", "md", "csv", "stix"):
        exported = run(capsys, *options, "export", "--format", form, "--notes")
        assert exported.code == 0 and exported.err.startswith("briefing: exported "), (form, exported.err)
        assert exported.err.count("\n") == 1, (form, exported.err)
        assert "Esmail Qaani" in exported.out and "zebrafish remark" in exported.out, form
