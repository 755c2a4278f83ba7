"""``import`` marks what it adds unread; ``news`` lists it for scripts and ``--read-all`` empties it."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from briefing.cli import main
from tests.factories import beta_tables, write_tables


def _run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_imported_briefing_is_news_until_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert json.loads(_run(capsys, data, "news", "--json")[1]) == []
    file = tmp_path / "beta.json"
    write_tables(file, copy.deepcopy(beta_tables()))
    code, out, err = _run(capsys, data, "import", str(file))
    assert code == 0 and err == "", "a good import says nothing on stderr"
    assert out.startswith("imported briefing:beta") and len(out.splitlines()) == 1
    code, out, _ = _run(capsys, data, "news", "--json")
    rows = json.loads(out)
    ids = {r["id"] for r in rows}
    assert code == 0 and "briefing:beta" in ids and "event:beta-visit" in ids
    assert not any(i.startswith("actor:qais") for i in ids), "the shipped briefing's entries are not new"
    assert all(set(r) == {"id", "kind", "title", "arrived"} for r in rows)
    assert "Beta" in _run(capsys, data, "news")[1]
    code, _, err = _run(capsys, data, "news", "--read-all")
    assert code == 0 and f"marked {len(rows)} entries read" in err
    assert json.loads(_run(capsys, data, "news", "--json")[1]) == []
    assert "nothing new" in _run(capsys, data, "news")[2]


def test_a_broken_marks_file_is_one_line_and_left_as_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "unread.json").write_text("[1, 2", encoding="utf-8")
    code, _, err = _run(capsys, data, "news", "--read-all")
    assert code != 0 and "unread.json" in err and len(err.strip().splitlines()) == 1
    assert (data / "unread.json").read_text(encoding="utf-8") == "[1, 2"
