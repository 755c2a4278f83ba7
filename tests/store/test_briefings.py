"""Briefing files on disk: reading, checking, saving, and which files a folder holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.errors import CorruptFileError, StoreError, ValidationError
from briefing.model.records import tables_of
from briefing.store.briefings import briefing_files, check_file, load_file, read_tables, save_file
from tests.factories import alpha_tables, write_tables


def test_a_file_loads_as_its_document(tmp_path: Path) -> None:
    doc = load_file(write_tables(tmp_path / "alpha.json", alpha_tables()))
    assert doc.briefing.title == "Alpha crisis"
    assert {e.id for e in doc.events} == {"event:convoy-ied", "event:talks"}


def test_saving_writes_the_shipped_layout_and_reads_back_the_same(tmp_path: Path) -> None:
    doc = load_file(write_tables(tmp_path / "alpha.json", alpha_tables()))
    out = tmp_path / "saved" / "alpha.json"
    save_file(out, doc)
    text = out.read_text(encoding="utf-8")
    assert text.startswith('{\n  "actors": {')
    assert json.loads(text) == tables_of(doc)
    assert load_file(out) == doc


def test_a_missing_file_and_an_empty_file_are_told_apart(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such file"):
        read_tables(tmp_path / "nope.json")
    (tmp_path / "empty.json").write_text("")
    with pytest.raises(CorruptFileError, match="empty file"):
        read_tables(tmp_path / "empty.json")


def test_check_file_reports_an_unreadable_file_as_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"briefing": ')
    (problem,) = check_file(path)
    assert problem.file == str(path)
    assert "line 1" in problem.message


def test_check_file_reports_every_validation_problem(tmp_path: Path) -> None:
    t = alpha_tables()
    t["events"]["event:talks"]["kind"] = "chat"
    t["events"]["event:talks"]["date"] = "2021-02-30"
    problems = check_file(write_tables(tmp_path / "a.json", t))
    assert {(p.entity, p.field) for p in problems} == {("event:talks", "kind"), ("event:talks", "date")}


def test_load_file_raises_a_validation_error_naming_the_file(tmp_path: Path) -> None:
    t = alpha_tables()
    t["events"]["event:talks"]["kind"] = "chat"
    path = write_tables(tmp_path / "a.json", t)
    with pytest.raises(ValidationError, match=str(path)):
        load_file(path)


def test_a_folder_lists_its_briefing_files_in_order_skipping_others(tmp_path: Path) -> None:
    for name in ("b.json", "a.json", ".hidden.json", "notes.txt", "a.json.lock", ".a.json.lock", ".a.json.x.tmp"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in briefing_files(tmp_path)] == ["a.json", "b.json"]
    assert briefing_files(tmp_path / "missing") == []
