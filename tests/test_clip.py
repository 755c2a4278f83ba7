"""What the reader copies of an entry: its text, a citation of its source, its id."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from briefing.clip import clip, clipboard_text, sources_of
from briefing.errors import BriefingError
from briefing.library import Library
from tests.factories import alpha_tables, beta_tables, make_library_dir


def _library(tmp_path: Path, url: str = "https://wire.example/report") -> Library:
    alpha = copy.deepcopy(alpha_tables())
    alpha["sources"]["source:wire-2021"]["url"] = url
    return Library.load([make_library_dir(tmp_path / "lib", alpha, beta_tables())])


def test_a_source_is_cited_as_title_publisher_date_and_address(tmp_path: Path) -> None:
    copied = clip(_library(tmp_path), "source:wire-2021", "citation")
    assert copied.value == "Wire report. Test Wire, 9 Mar 2021. https://wire.example/report"
    assert copied.about == "Wire report"


def test_a_claim_cites_its_source(tmp_path: Path) -> None:
    copied = clip(_library(tmp_path), "claim:qaani-warns", "citation")
    assert copied.value == "Wire report. Test Wire, 9 Mar 2021. https://wire.example/report"


def test_a_citation_leaves_out_what_the_source_does_not_have(tmp_path: Path) -> None:
    assert clip(_library(tmp_path, url=""), "event:talks", "citation").value == "Wire report. Test Wire, 9 Mar 2021."


def test_an_actor_cites_the_first_source_of_what_mentions_it(small_library: Library) -> None:
    assert [s.id for s in sources_of(small_library, "actor:ghaani")] == ["source:wire-2021", "source:beta-report"]
    assert clip(small_library, "actor:ghaani", "citation").value.startswith("Wire report. Test Wire")


def test_the_id_is_copied_as_it_is(small_library: Library) -> None:
    copied = clip(small_library, "actor:ghaani", "id")
    assert (copied.value, copied.about) == ("actor:ghaani", "Esmail Qaani")


def test_as_text_is_what_show_prints_of_the_entry_itself(small_library: Library) -> None:
    value = clip(small_library, "claim:qaani-warns", "text").value
    lines = value.splitlines()
    assert lines[0] == "Qaani says the convoys will be targeted."
    assert lines[1].startswith("claim:qaani-warns · threat")
    assert "  made by        Esmail Qaani [actor:ghaani]" in lines
    assert any(line.startswith("  source         Wire report [source:wire-2021]") for line in lines)
    assert "Mentioned in" not in value


def test_an_actor_as_text_leaves_out_what_mentions_it(small_library: Library) -> None:
    value = clip(small_library, "actor:ghaani", "text").value
    assert "Esmail Qaani" in value and "Relations" in value
    assert "Mentioned in" not in value


def test_an_entry_with_no_source_has_no_citation(tmp_path: Path) -> None:
    tables = copy.deepcopy(alpha_tables())
    tables["actors"]["actor:loner"] = dict(tables["actors"]["actor:quds-force"], name="Loner", relations=[])
    library = Library.load([make_library_dir(tmp_path / "lib", tables)])
    with pytest.raises(BriefingError, match="no source to cite"):
        clip(library, "actor:loner", "citation")


def test_the_clipboard_gets_no_control_characters() -> None:
    hostile = "Title \x1b]52;c;aGVsbG8=\x07 and \x1b[2J\x9b31m\u202eend\r"
    assert clipboard_text(hostile) == "Title  and end"  # each sequence goes whole, its payload with it
    assert clipboard_text("two\nlines\tand a tab") == "two\nlines\tand a tab"


def test_a_hostile_title_reaches_the_clipboard_clean(tmp_path: Path) -> None:
    tables = copy.deepcopy(alpha_tables())
    tables["sources"]["source:wire-2021"]["title"] = "Wire\x1b]52;c;ZXZpbA==\x07 report\nsecond line"
    library = Library.load([make_library_dir(tmp_path / "lib", tables)])
    citation = clip(library, "source:wire-2021", "citation").value
    assert citation == "Wire report second line. Test Wire, 9 Mar 2021."
    assert "\x1b" not in clip(library, "source:wire-2021", "text").value
