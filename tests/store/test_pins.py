"""The pins file: pinned ids oldest first, a second writer's pins kept, a broken file never written over."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import CorruptFileError
from briefing.store.pins import load_pins, set_pin


def test_pin_unpin_and_pin_again_keeps_one_entry_in_order(tmp_path: Path) -> None:
    path = tmp_path / "pins.json"
    assert load_pins(path) == ()
    set_pin(path, "actor:a", True)
    set_pin(path, "claim:b", True)
    assert set_pin(path, "actor:a", True) == ("actor:a", "claim:b"), "pinned already: it keeps its place"
    assert set_pin(path, "actor:a", False) == ("claim:b",)
    assert load_pins(path) == ("claim:b",)


def test_a_second_writer_s_pin_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "pins.json"
    set_pin(path, "actor:a", True)
    stale = load_pins(path)
    set_pin(path, "actor:b", True)  # the other browser
    set_pin(path, "actor:c", True)
    assert load_pins(path) == ("actor:a", "actor:b", "actor:c") and stale == ("actor:a",)


@pytest.mark.parametrize("content", ['{"pins": "actor:a"}', "[1, 2]", "{not json"])
def test_a_broken_pins_file_is_said_and_left_alone(tmp_path: Path, content: str) -> None:
    path = tmp_path / "pins.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorruptFileError):
        set_pin(path, "actor:a", True)
    assert path.read_text(encoding="utf-8") == content


def test_entries_that_are_not_ids_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "pins.json"
    path.write_text('{"pins": ["actor:a", 3, "not an id", "actor:a"]}', encoding="utf-8")
    assert load_pins(path) == ("actor:a",)
