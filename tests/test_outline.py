"""What ``show`` and the detail pane display of each kind of entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import NotFoundError
from briefing.library import Library
from briefing.model.entities import Note
from briefing.model.vocabulary import NoteFlag
from briefing.outline import Outline, Ref, is_entity_id, outline
from tests.factories import alpha_tables, beta_tables, make_library_dir


def section(view: Outline, title: str) -> list[tuple[str, str]]:
    """A section's lines as (label, text) with references shown by label."""
    found = [s for s in view.sections if s.title.startswith(title)]
    assert found, f"no section {title!r} in {[s.title for s in view.sections]}"
    return [(line.label, "".join(p.label if isinstance(p, Ref) else p for p in line.parts)) for line in found[0].lines]


def titles(view: Outline) -> list[str]:
    return [s.title for s in view.sections]


def test_an_actor_shows_role_aliases_relations_claims_and_mentions(small_library: Library) -> None:
    view = outline(small_library, "actor:ghaani")
    assert view.title == "Esmail Qaani"
    assert view.subtitle == "person · commander of the Quds Force"
    assert "Ghaani" in section(view, "Also known as")[0][1]
    assert section(view, "Relations") == [("leads", "Quds Force")]
    assert section(view, "Claims made") == [("threat", "Qaani says the convoys will be targeted.")]
    assert section(view, "In briefings") == [("", "Alpha crisis"), ("", "Beta follow-up")]
    mentions = section(view, "Mentioned in (3)")
    assert ("Mar 2021", "Talks in March") in mentions
    assert ("28–29 Mar 2021", "Visit to Karbala") in mentions


def test_the_other_end_of_a_relation_reads_backwards(small_library: Library) -> None:
    assert section(outline(small_library, "actor:quds-force"), "Relations") == [("led by", "Esmail Qaani")]


def test_a_claim_shows_who_makes_it_what_about_and_where_from(small_library: Library) -> None:
    view = outline(small_library, "claim:qaani-warns")
    assert view.title == "Qaani says the convoys will be targeted."
    assert view.subtitle == "threat · reported · 8 Mar 2021"
    assert section(view, "Attribution") == [
        ("made by", "Esmail Qaani"),
        ("about", "Quds Force"),
        ("source", "Wire report, paragraph 2"),
    ]


def test_an_event_shows_when_where_who_and_the_source(small_library: Library) -> None:
    view = outline(small_library, "event:convoy-ied")
    assert view.subtitle == "Remote explosive/landmine/IED · 5 Mar 2021"
    assert section(view, "Details") == [
        ("when", "5 Mar 2021"),
        ("where", "Babil"),
        ("actors", "Quds Force"),
        ("source", "Wire report, paragraph 3"),
    ]


def test_an_imprecise_date_says_so(small_library: Library) -> None:
    view = outline(small_library, "event:talks")
    assert section(view, "Details")[0] == ("when", "Mar 2021 (month precision)")


def test_a_source_shows_its_publisher_and_everything_citing_it(small_library: Library) -> None:
    view = outline(small_library, "source:beta-report")
    assert view.subtitle == "Other Wire · A. Writer · 1 Apr 2021"
    assert section(view, "Mentioned in (1)") == [("28–29 Mar 2021", "Visit to Karbala")]


def test_a_briefing_shows_its_summary_counts_and_sources(small_library: Library) -> None:
    view = outline(small_library, "briefing:alpha")
    assert view.body == "A small test briefing."
    assert section(view, "Contents") == [("actors", "2"), ("claims", "1"), ("events", "2"), ("sources", "1")]
    assert section(view, "Sources") == [("", "Wire report")]
    assert not any(t.startswith("Mentioned in") for t in titles(view))


def test_notes_are_listed_with_their_flag_and_tags(small_library: Library) -> None:
    note = Note(
        "note:01a",
        "actor:ghaani",
        "Check the spelling.\nSecond line.",
        "2024-01-02T10:00:00Z",
        "2024-01-03T10:00:00Z",
        ("names",),
        NoteFlag.VERIFY,
    )
    view = outline(small_library, "actor:ghaani", [note])
    assert section(view, "Notes (1)") == [("3 Jan 2024", "⚑ verify · Check the spelling.  #names")]


def test_a_reference_that_does_not_resolve_is_marked_missing(tmp_path: Path) -> None:
    beta = beta_tables()
    beta["events"]["event:beta-visit"]["actors"].append("actor:quds-force")
    library = Library.load([make_library_dir(tmp_path / "lib", beta)])  # alpha, which defines it, is absent
    assert library.problems  # the dangling reference is reported at load time ...
    assert "event:beta-visit" not in library
    ok = Library.load([make_library_dir(tmp_path / "both", alpha_tables(), beta)])
    del ok.actors["actor:quds-force"]  # ... and if an entry vanishes anyway, the outline still draws
    refs = {r.id: r for r in outline(ok, "event:beta-visit").refs()}
    assert refs["actor:quds-force"].missing
    assert refs["actor:quds-force"].label == "actor:quds-force"
    assert not refs["actor:ghaani"].missing


def test_an_unknown_id_is_not_found(small_library: Library) -> None:
    with pytest.raises(NotFoundError):
        outline(small_library, "event:nope")


def test_note_ids_are_not_entry_ids() -> None:
    assert is_entity_id("actor:x")
    assert not is_entity_id("note:01abc")
    assert not is_entity_id("Actor:X")
