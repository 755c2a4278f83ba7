"""The help screen says every key in the app's own words, each key once per section."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen
from textual.widgets import DataTable, Tree

from briefing.ui.screens.help import HelpScreen, help_sections
from tests.ui.helpers import loaded, small_app


async def test_help_has_no_words_of_textuals_defaults_and_no_key_twice_in_a_section(tmp_path: Path) -> None:
    """It read "Focus Next", "Cursor to parent", "Select" and listed enter twice under the open entry."""
    app = small_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = help_sections(app)
        textual_words = {b.description for cls in (Screen, DataTable, Tree) for _k, b in cls._merge_bindings()}
        ours = [what for _title, rows in sections for _keys, what in rows]
        assert not textual_words & set(ours), textual_words & set(ours)
        for title, rows in sections:
            keys = [key for keys, _what in rows for key in keys.split(" / ")]
            assert len(keys) == len(set(keys)), f"{title}: {keys}"
        moving = dict(next(rows for title, rows in sections if title == "Moving around"))
        assert moving["tab"].startswith("To the next part of the screen")
        assert "home / ^home / g" in moving, "the first row, whichever list: one row of its keys"
        assert any(title == "Notes" for title, _rows in sections)
