"""Writing a note in the reader's own editor: which command, the draft file, what came back."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.external_editor import draft_file, editor_command, outcome, run_editor


def test_visual_comes_before_editor_and_arguments_are_split() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vi"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "'my editor' -n"}) == ["my editor", "-n"]


def test_no_editor_set_is_none_not_vi() -> None:
    assert editor_command({}) is None
    assert editor_command({"VISUAL": "  ", "EDITOR": ""}) is None


def test_a_malformed_editor_setting_says_so() -> None:
    with pytest.raises(BriefingError, match="EDITOR"):
        editor_command({"EDITOR": "'unclosed"})


def test_the_draft_file_is_private_and_holds_the_text(tmp_path: Path) -> None:
    file = draft_file("some note\n")
    try:
        assert file.read_text(encoding="utf-8") == "some note\n"
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
    finally:
        file.unlink()


def test_the_editor_runs_on_the_file_and_its_exit_status_comes_back(tmp_path: Path) -> None:
    script = tmp_path / "ed.py"
    script.write_text("import sys\nopen(sys.argv[-1], 'w').write('written')\nsys.exit(3)\n")
    file = tmp_path / "note.md"
    file.write_text("")
    assert run_editor([sys.executable, str(script)], file) == 3
    assert file.read_text() == "written"


def test_a_missing_or_unrunnable_editor_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="no-such-editor"):
        run_editor(["no-such-editor-here"], tmp_path / "x")
    plain = tmp_path / "not-executable"
    plain.write_text("")
    with pytest.raises(BriefingError, match="not-executable"):
        run_editor([str(plain)], tmp_path / "x")


@pytest.mark.parametrize(
    ("before", "after", "status", "expected"),
    [
        ("text", "text\n", 0, "unchanged"),
        ("text", "new text\n", 0, "changed"),
        ("text", "  \n\n", 0, "emptied"),
        ("", "\n", 0, "unchanged"),
        ("text", "new", 1, "failed"),
    ],
)
def test_what_came_back(before: str, after: str, status: int, expected: str) -> None:
    assert outcome(before, after, status) == expected
