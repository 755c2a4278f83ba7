"""Reading the reader's keymap file: what it rebinds, or one located reason it cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import CorruptFileError, StoreError
from briefing.store.keymap import read_keymap
from briefing.store.paths import config_dir


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keys.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_is_no_keymap(tmp_path: Path) -> None:
    assert read_keymap(tmp_path / "keys.toml") == {}


def test_keys_as_a_string_or_a_list(tmp_path: Path) -> None:
    path = _file(tmp_path, '[keys]\ntimeline = "T"\nsearch = "slash, ctrl+f"\nnext_hit = ["n", "ctrl+n"]\n')
    assert read_keymap(path) == {"timeline": "T", "search": "slash,ctrl+f", "next_hit": "n,ctrl+n"}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[keys]\ntimeline = "T\n', "line 2"),
        ("[keys]\ntimeline = 3\n", "timeline: expected a key"),
        ('[keys]\ntimeline = ""\n', "timeline: expected a key"),
        ('timeline = "T"\n', "outside the [keys] table"),
        ('keys = "T"\n', "keys must be a table"),
    ],
)
def test_a_broken_file_says_where_and_is_left_as_it_is(tmp_path: Path, text: str, said: str) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(CorruptFileError) as caught:
        read_keymap(path)
    assert said in str(caught.value) and "keys.toml" in str(caught.value)
    assert path.read_text(encoding="utf-8") == text


def test_a_folder_or_non_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "keys.toml").mkdir()
    with pytest.raises(StoreError, match="not a regular file"):
        read_keymap(tmp_path / "keys.toml")
    other = tmp_path / "other.toml"
    other.write_bytes(b'[keys]\nt = "\xff"\n')
    with pytest.raises(CorruptFileError, match="not UTF-8"):
        read_keymap(other)


def test_the_config_dir_follows_the_chosen_data_dir_unless_briefing_config_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    assert config_dir(tmp_path / "data") == tmp_path / "data"
    monkeypatch.setenv("BRIEFING_CONFIG", str(tmp_path / "config"))
    assert config_dir(tmp_path / "data") == tmp_path / "config"
