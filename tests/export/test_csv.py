"""The CSV export: fixed columns, one row per entry, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from briefing.export.csv_export import COLUMNS, CsvExporter, safe_cell
from briefing.library import Library
from briefing.model.entities import Note
from tests.factories import alpha_tables, make_library_dir


def rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def by_id(text: str) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in rows(text)}


def test_the_columns_are_fixed() -> None:
    assert COLUMNS == (
        "id",
        "kind",
        "briefing",
        "date",
        "end",
        "precision",
        "type",
        "title",
        "text",
        "attributed_to",
        "about",
        "actors",
        "source",
        "paragraph",
        "aliases",
        "role",
        "location",
        "status",
        "tags",
    )


def test_one_row_per_entry_with_its_fields(small_library: Library) -> None:
    table = by_id(CsvExporter().render(small_library, []))
    assert len(table) == len(small_library)
    claim = table["claim:qaani-warns"]
    assert (claim["kind"], claim["type"], claim["status"]) == ("claim", "threat", "reported")
    assert (claim["attributed_to"], claim["about"]) == ("actor:ghaani", "actor:quds-force")
    assert (claim["source"], claim["paragraph"], claim["date"]) == ("source:wire-2021", "2", "2021-03-08")
    visit = table["event:beta-visit"]
    assert (visit["date"], visit["end"], visit["precision"]) == ("2021-03-28", "2021-03-29", "day")
    assert (visit["type"], visit["location"], visit["actors"]) == ("visit", "Karbala", "actor:ghaani")
    assert table["event:talks"]["precision"] == "month"
    quds = table["actor:quds-force"]
    assert (quds["type"], quds["title"], quds["aliases"], quds["role"]) == (
        "armed-group",
        "Quds Force",
        "IRGC-QF",
        "external arm of the IRGC",
    )


def test_a_shared_actor_is_one_row_merged_or_its_briefings_own_view(small_library: Library) -> None:
    merged = by_id(CsvExporter().render(small_library, []))["actor:ghaani"]
    assert merged["briefing"] == "briefing:alpha; briefing:beta"
    assert merged["aliases"] == "Ismael Ghaani; Esmaïl Qâani; Ghaani"
    own = by_id(CsvExporter().render(small_library, [], "briefing:beta"))["actor:ghaani"]
    assert (own["briefing"], own["aliases"], own["role"]) == ("briefing:beta", "Ghaani", "")


def test_notes_are_rows_about_their_entry(small_library: Library) -> None:
    note = Note("note:01a", "event:talks", "Which day?", "2024-01-02T10:00:00Z", "2024-01-02T10:00:00Z")
    row = by_id(CsvExporter().render(small_library, [note]))["note:01a"]
    assert (row["kind"], row["about"], row["text"], row["briefing"], row["date"]) == (
        "note",
        "event:talks",
        "Which day?",
        "briefing:alpha",
        "2024-01-02",
    )
    assert "note:01a" not in by_id(CsvExporter().render(small_library, [note], "briefing:beta"))


def test_notes_and_briefings_keep_their_tags(small_library: Library) -> None:
    stamp = "2024-01-02T10:00:00Z"
    note = Note("note:01a", "event:talks", "Which day?", stamp, stamp, ("verify", "aah"))
    table = by_id(CsvExporter().render(small_library, [note]))
    assert table["note:01a"]["tags"] == "verify; aah"
    assert table["event:talks"]["tags"] == ""
    assert table["briefing:alpha"]["tags"] == "test"


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\r=x"])
def test_cells_a_spreadsheet_would_evaluate_are_defused(value: str) -> None:
    assert safe_cell(value).startswith("'")


def test_ordinary_cells_are_left_alone() -> None:
    assert safe_cell("Qais Khazali") == "Qais Khazali"
    assert safe_cell("2020-09-28") == "2020-09-28"


def test_formula_injection_in_content_is_defused_and_quotes_and_newlines_survive(tmp_path: Path) -> None:
    t = alpha_tables()
    t["actors"]["actor:quds-force"]["name"] = '=cmd|" /C calc"!A0'
    t["actors"]["actor:quds-force"]["description"] = 'Line one, "quoted"\nline two'
    library = Library.load([make_library_dir(tmp_path / "lib", t)])
    quds = by_id(CsvExporter().render(library, []))["actor:quds-force"]
    assert quds["title"] == '\'=cmd|" /C calc"!A0'
    assert quds["text"] == 'Line one, "quoted"\nline two'
