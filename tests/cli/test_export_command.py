"""``export`` as a reader runs it: what it says it wrote, and the reader's notes kept back unless asked for."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from briefing.cli import main

NOTE_TEXT = "Private hunch: ask the desk"


def run(capsys: pytest.CaptureFixture[str], small_dir: Path, data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--no-shipped", "--library", str(small_dir), "--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def annotated(capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path) -> Path:
    """A data dir with one note, tagged, on an event of briefing:alpha."""
    data = tmp_path / "data"
    args = ["annotate", "event:talks", NOTE_TEXT, "--tag", "verify", "--tag", "travel"]
    assert run(capsys, small_dir, data, *args)[0] == 0
    return data


def test_export_to_a_file_says_what_it_wrote_where(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "brief.md"
    code, out, err = run(capsys, small_dir, tmp_path / "data", "export", "--format", "md", "-o", str(target))
    assert (code, out) == (0, "")
    # The small library: 2 briefings holding 2 actors, 1 claim, 3 events and 2 sources.
    assert err == f"briefing: exported 2 briefings (8 entries) as md to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# Alpha crisis")


def test_export_to_standard_output_keeps_stdout_the_document(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, small_dir, tmp_path / "data", "export", "--briefing", "briefing:beta")
    assert code == 0
    assert json.loads(out)["briefings"][0]["id"] == "briefing:beta"
    assert err == "briefing: exported 1 briefing (3 entries) as json to standard output\n"


@pytest.mark.parametrize("fmt", ["json", "md", "csv", "stix"])
def test_notes_are_left_out_of_every_format_unless_asked_for(
    capsys: pytest.CaptureFixture[str], small_dir: Path, annotated: Path, fmt: str
) -> None:
    code, out, err = run(capsys, small_dir, annotated, "export", "--format", fmt)
    assert code == 0
    assert NOTE_TEXT not in out and "note:0" not in out.lower()
    assert err.splitlines()[-1] == "briefing: 1 note left out; --notes includes them"

    code, out, err = run(capsys, small_dir, annotated, "export", "--format", fmt, "--notes")
    assert code == 0
    assert NOTE_TEXT in out
    assert err == f"briefing: exported 2 briefings (8 entries) and 1 note as {fmt} to standard output\n"


def test_a_briefing_without_notes_says_nothing_of_notes(
    capsys: pytest.CaptureFixture[str], small_dir: Path, annotated: Path
) -> None:
    code, _, err = run(capsys, small_dir, annotated, "export", "--briefing", "briefing:beta")
    assert code == 0
    assert err == "briefing: exported 1 briefing (3 entries) as json to standard output\n"


def test_the_csv_carries_note_tags(capsys: pytest.CaptureFixture[str], small_dir: Path, annotated: Path) -> None:
    code, out, _ = run(capsys, small_dir, annotated, "export", "--format", "csv", "--notes")
    assert code == 0
    (note,) = [row for row in csv.DictReader(io.StringIO(out, newline="")) if row["kind"] == "note"]
    assert (note["text"], note["tags"]) == (NOTE_TEXT, "verify; travel")
