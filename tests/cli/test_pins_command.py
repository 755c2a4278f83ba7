"""``pin``, ``unpin`` and ``pins``: by id or name, for scripts too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main


def _run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def test_pin_by_name_list_and_unpin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert _run(capsys, data, "pin", "Qais Khazali")[0] == 0
    code, out, _ = _run(capsys, data, "pins", "--json")
    assert code == 0 and json.loads(out) == [
        {"id": "actor:qais-khazali", "kind": "actor", "title": "Qais Khazali", "in_library": True}
    ]
    assert "was pinned already" in _run(capsys, data, "pin", "actor:qais-khazali")[2]
    assert _run(capsys, data, "unpin", "actor:qais-khazali")[0] == 0
    assert json.loads(_run(capsys, data, "pins", "--json")[1]) == []


def test_an_unknown_entry_is_not_pinned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    code, _, err = _run(capsys, data, "pin", "actor:nobody")
    assert code == 1 and "no such entry" in err and not (data / "pins.json").exists()
