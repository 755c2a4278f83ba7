"""Saved searches in the settings file: kept by name, a same name takes the new query, a second writer's kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.model.saved_searches import SavedSearch, SearchNameError, checked_name
from briefing.store.settings import forget_search, load_settings, save_search, update_settings


def test_saved_searches_keep_their_order_and_a_same_name_takes_the_new_query(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_search(path, SavedSearch("Convoys", "convoy kind:event"))
    save_search(path, SavedSearch("Khazali", "khazali"))
    save_search(path, SavedSearch("convoys", "convoy ied"))
    assert load_settings(path).saved_searches == (
        SavedSearch("convoys", "convoy ied"),
        SavedSearch("Khazali", "khazali"),
    )
    forget_search(path, "KHAZALI")
    assert [s.name for s in load_settings(path).saved_searches] == ["convoys"]


def test_a_second_writer_s_saved_search_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_search(path, SavedSearch("mine", "a"))
    stale = load_settings(path)  # another browser read the settings before this one saved
    save_search(path, SavedSearch("theirs", "b"))
    update_settings(path, theme="nord")
    save_search(path, SavedSearch("mine again", "c"))
    assert [s.name for s in load_settings(path).saved_searches] == ["mine", "theirs", "mine again"]
    assert stale.saved_searches == (SavedSearch("mine", "a"),)


def test_a_hand_edited_entry_that_is_not_a_saved_search_is_left_out_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    entries = [{"name": "ok", "query": "x"}, {"name": 3}, "junk", {"name": "\x1b[31mred", "query": "y"}]
    path.write_text(json.dumps({"saved_searches": entries, "future": 1}), encoding="utf-8")
    assert load_settings(path).saved_searches == (SavedSearch("ok", "x"),)
    save_search(path, SavedSearch("new", "z"))
    assert json.loads(path.read_text(encoding="utf-8"))["future"] == 1, "keys this version does not know are kept"


@pytest.mark.parametrize("name", ["", "   ", "x" * 61, "tab\there", "esc\x1b[2J"])
def test_names_a_saved_search_cannot_have(name: str) -> None:
    with pytest.raises(SearchNameError):
        checked_name(name)
    assert checked_name("  Convoy attacks  ") == "Convoy attacks"
