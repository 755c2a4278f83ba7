"""``briefing keys``: the binding ids a keymap file names, their usual keys and the keys they have now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main


@pytest.fixture(autouse=True)
def _no_config_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)


def test_keys_lists_every_id_with_the_keymap_s_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "keys.toml").write_text('[keys]\ntimeline = "T"\n', encoding="utf-8")
    assert main(["keys", "--json", "--data-dir", str(data)]) == 0
    listed = json.loads(capsys.readouterr().out)
    rows = {row["id"]: row for row in listed["keys"]}
    assert rows["timeline"]["usual"] == "t" and rows["timeline"]["now"] == "T"
    assert rows["search"]["now"] == "slash"
    assert listed["keymap"] == str(data / "keys.toml") and listed["problems"] == []


def test_a_broken_keymap_exits_non_zero_saying_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "keys.toml").write_text('[keys]\ntimelime = "T"\n', encoding="utf-8")
    assert main(["keys", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "keys.toml" in err and "did you mean 'timeline'?" in err
    assert "Traceback" not in err
