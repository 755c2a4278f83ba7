"""``briefing saved`` and ``search --saved``: searches kept under a name, for scripts too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main


def _run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_run_and_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert _run(capsys, data, "saved", "add", "Khazali claims", "khazali", "kind:claim")[0] == 0
    code, out, _ = _run(capsys, data, "saved", "--json")
    assert code == 0
    listed = json.loads(out)
    assert listed == [{"name": "Khazali claims", "query": "khazali kind:claim", "count": 2, "more": False}]
    code, out, _ = _run(capsys, data, "search", "--saved", "khazali claims", "--json")
    assert code == 0 and {hit["kind"] for hit in json.loads(out)} == {"claim"} and len(json.loads(out)) == 2
    assert _run(capsys, data, "saved", "rm", "KHAZALI CLAIMS")[0] == 0
    assert json.loads(_run(capsys, data, "saved", "--json")[1]) == []


def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    _run(capsys, data, "saved", "add", "Khazali claims", "khazali")
    code, _, err = _run(capsys, data, "search", "--saved", "khazali claim")
    assert code == 1 and "did you mean 'Khazali claims'?" in err
    code, _, err = _run(capsys, data, "saved", "add", "bad", "kind:bogus")
    assert code == 2 and "column 1" in err
    code, _, err = _run(capsys, data, "saved", "add", "x" * 80, "khazali")
    assert code != 0 and "at most 60" in err
    code, _, err = _run(capsys, data, "saved", "rm", "nope")
    assert code == 1 and "no saved search is called 'nope'" in err
    for line in err.splitlines():
        assert "Traceback" not in line


def test_mv_renames_and_a_taken_or_missing_name_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    _run(capsys, data, "saved", "add", "Khazali claims", "khazali", "kind:claim")
    _run(capsys, data, "saved", "add", "Rockets", "rocket")
    code, _, err = _run(capsys, data, "saved", "mv", "khazali claims", "AAH", "leader")
    assert code == 0 and "renamed the saved search 'khazali claims' to 'AAH leader'" in err
    names = [s["name"] for s in json.loads(_run(capsys, data, "saved", "--json")[1])]
    assert names == ["AAH leader", "Rockets"]
    code, _, err = _run(capsys, data, "saved", "mv", "AAH leader", "rockets")
    assert code != 0 and "already" in err and len(err.strip().splitlines()) == 1
    code, _, err = _run(capsys, data, "saved", "mv", "nope", "x")
    assert code != 0 and "no saved search is called 'nope'" in err
    code, _, err = _run(capsys, data, "saved", "mv", "Rockets")
    assert code != 0 and "needs a name" in err
