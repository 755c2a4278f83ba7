"""The entry list's columns as wide as their jobs, the main text given the rest: the shipped briefing at both sizes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.model.vocabulary import EntityKind
from briefing.ui import textual_compat
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.listing import COLUMNS, Column
from briefing.ui.places import Place, View
from briefing.ui.table_layout import FILL_MIN, layout
from briefing.workspace import Workspace
from tests.ui.helpers import loaded, screen_text, settle

SHIPPED = "briefing:iraq-convoy-attacks-2020"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def _shipped_app(tmp_path: Path) -> BriefingApp:
    return create_app(Workspace.from_options([], tmp_path / "data", include_shipped=True))


def _table_lines(app: BriefingApp) -> list[str]:
    """The entry table's lines as drawn, header first, cut to the table's own width."""
    table = app.browser.table
    region = table.region
    lines = screen_text(app).splitlines()[region.y : region.y + region.height]
    return [line[region.x : region.x + region.width] for line in lines]


def _shown_in(lines: list[str], label: str, row: int) -> str:
    """What row ``row`` shows of the column headed ``label``: from where the label starts to where the next one does."""
    header = lines[0]
    start = header.index(label)
    after = re.search(r"\s{2}\S", header[start:])
    end = start + after.end() - 1 if after else len(header)
    return lines[1 + row][start:end].rstrip(" ▁▂▃▄▅▆▇█")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("view", "label"), [(View.CLAIMS, "claim"), (View.EVENTS, "title"), (View.ACTORS, "role")])
async def test_the_main_text_gets_what_the_other_columns_leave(
    tmp_path: Path, size: tuple[int, int], view: View, label: str
) -> None:
    app = _shipped_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(view, SHIPPED))
        await settle(pilot)
        lines = _table_lines(app)
        width = browser.table.size.width
        shown = max(len(_shown_in(lines, label, row)) for row in range(min(8, browser.table.row_count)))
        assert shown >= 0.35 * width, f"{label} shows {shown} of {width} cells:\n" + "\n".join(lines[:4])


@pytest.mark.parametrize("size", SIZES)
async def test_rocket_attacks_read_apart_by_date_with_the_whole_title(tmp_path: Path, size: tuple[int, int]) -> None:
    """21 events are all "Rocket attack on US targets", in Iraq: the date, first, is what tells them apart."""
    app = _shipped_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.EVENTS, SHIPPED))
        await settle(pilot)
        table = browser.table
        rockets = [row for row, entry in enumerate(table.entity_ids) if "rocket-attack" in entry]
        assert len(rockets) == 21
        table.move_cursor(row=rockets[0])
        await pilot.pause()
        shown = [line.strip(" │▁▂▃▄▅▆▇█") for line in _table_lines(app)[1:] if "Rocket att" in line]
        assert len(shown) >= 3, shown
        for line in shown:
            assert "Rocket attack on US targets" in line, f"the title is cut: {line!r}"
            assert line[0].isdigit(), f"the date is not the first thing the row says: {line!r}"
        assert len(set(shown)) == len(shown), f"rows that read the same: {shown}"


async def test_a_click_on_a_row_leaves_every_row_in_the_header_s_columns(tmp_path: Path) -> None:
    app = _shipped_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        browser = await loaded(pilot)
        browser.go(Place(View.CLAIMS, SHIPPED))
        await settle(pilot)
        before = _column_starts(app)
        await pilot.click(browser.table, offset=(40, 5))
        await settle(pilot)
        await pilot.click(browser.table, offset=(40, 9))
        await settle(pilot)
        after = _column_starts(app)
        assert len(set(after.values())) == 1, f"rows drawn with different columns: {after}"
        assert set(after.values()) == set(before.values())


def _column_starts(app: BriefingApp) -> dict[int, tuple[int, ...]]:
    """For each line of the table, where each of its columns starts on screen (read from the cells' meta)."""
    region = app.browser.table.region
    starts: dict[int, tuple[int, ...]] = {}
    for y, strip in enumerate(textual_compat.screen_strips(app)[region.y : region.bottom]):
        x, found = 0, {}
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            if "column" in meta and not meta.get("out_of_bounds"):
                found.setdefault(meta["column"], x)
            x += segment.cell_length
        if found:
            starts[y] = tuple(found[c] for c in sorted(found))
    return starts


# -- the layout itself ------------------------------------------------------------


def _columns(kind: EntityKind) -> tuple[Column, ...]:
    return COLUMNS[kind]


def test_names_are_cut_at_a_moderate_width_and_the_main_text_takes_the_rest() -> None:
    columns = _columns(EntityKind.EVENT)  # date, kind, title, location
    widths = layout(columns, [11, 33, 300, 40], 200)
    assert widths[1] == 16 and widths[3] == 18, "kind and place stop at their width"
    assert widths[0] == 11, "a date is as wide as its widest cell"
    assert widths[2] == 200 - 2 - 2 * 4 - (11 + 16 + 18), "the title has every cell left"


def test_the_main_text_is_only_as_wide_as_its_widest_cell() -> None:
    widths = layout(_columns(EntityKind.EVENT), [11, 12, 30, 6], 200)
    assert widths == [11, 12, 30, 6]


def test_a_narrow_table_squeezes_names_then_leaves_out_what_says_least_but_never_the_sorted_column() -> None:
    columns = _columns(EntityKind.CLAIM)  # date, kind, status, by, text
    wide = layout(columns, [11, 10, 10, 18, 200], 200)
    assert all(wide), "a wide table shows every column"
    narrow = layout(columns, [11, 10, 10, 18, 200], 78)
    assert narrow[2] == 0, "the status goes first"
    assert narrow[4] >= 0.4 * 78
    kept = layout(columns, [11, 10, 10, 18, 200], 78, keep="status")
    assert kept[2] == 10, "the column sorted by stays"
    assert kept[4] >= FILL_MIN


def test_a_table_too_narrow_for_everything_keeps_the_main_text_readable() -> None:
    widths = layout(_columns(EntityKind.CLAIM), [11, 10, 10, 18, 200], 30)
    assert widths[4] == FILL_MIN
    assert widths[3] == 10, "the name gave up cells down to its least"
