"""The reader's settings file: defaults, atomic writes, unknown keys kept, corrupt files survived."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.errors import CorruptFileError
from briefing.store.settings import Settings, load_settings, save_settings, update_settings


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.json") == Settings()


def test_saved_settings_load_back(tmp_path: Path) -> None:
    path = tmp_path / "data" / "settings.json"
    save_settings(path, Settings(theme="nord"))
    assert load_settings(path).theme == "nord"
    assert not list(path.parent.glob(".settings.json.*.tmp")), "no temporary file is left behind"


def test_keys_this_version_does_not_know_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "nord", "future": {"x": 1}}), encoding="utf-8")
    update_settings(path, theme="dracula")
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored == {"theme": "dracula", "recent_queries": [], "saved_searches": [], "future": {"x": 1}}


def test_a_value_of_the_wrong_type_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": 42}), encoding="utf-8")
    assert load_settings(path).theme is None


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\xff\xfe"])
def test_a_corrupt_file_is_an_error_to_report_and_the_next_change_replaces_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content.encode("latin-1"))
    with pytest.raises(CorruptFileError) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
    assert update_settings(path, theme="nord").theme == "nord"
    assert load_settings(path).theme == "nord"


def test_recent_queries_are_kept_newest_last_without_repeats(tmp_path: Path) -> None:
    from briefing.store.settings import remember_query

    path = tmp_path / "settings.json"
    remember_query(path, "khazali")
    remember_query(path, "convoy from:2020-09")
    remember_query(path, "khazali")
    assert load_settings(path).recent_queries == ("convoy from:2020-09", "khazali")


def test_a_saved_search_renamed_keeps_its_query_and_place_and_a_taken_name_is_refused(tmp_path: Path) -> None:
    import pytest

    from briefing.model.saved_searches import SavedSearch, SearchNameError
    from briefing.store.settings import load_settings, rename_search, save_search

    path = tmp_path / "settings.json"
    save_search(path, SavedSearch("A", "alpha"))
    save_search(path, SavedSearch("B", "beta"))
    assert rename_search(path, "a", "Alpha").saved_searches == (SavedSearch("Alpha", "alpha"), SavedSearch("B", "beta"))
    before = path.read_bytes()
    with pytest.raises(SearchNameError, match="already"):
        rename_search(path, "Alpha", "b")
    with pytest.raises(SearchNameError, match="no saved search"):
        rename_search(path, "nope", "C")
    assert path.read_bytes() == before
    assert load_settings(path).saved_searches[0].name == "Alpha"
