"""The STIX 2.1 export: standard objects, stable ids, a bundle stix2 parses back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import stix2

from briefing.export.stix import stix_id
from briefing.export.stix_format import StixExporter
from briefing.library import Library
from briefing.model.entities import Note
from tests.factories import alpha_tables, beta_tables, make_library_dir


def objects(library: Library, notes: list[Note] | None = None, briefing: str | None = None) -> dict[str, Any]:
    """The exported objects by their ``x_briefing_id``."""
    bundle = json.loads(StixExporter().render(library, notes or [], briefing))
    assert bundle["type"] == "bundle"
    return {o["x_briefing_id"]: o for o in bundle["objects"] if "x_briefing_id" in o}


def test_the_bundle_parses_as_stix_2_1(small_library: Library) -> None:
    bundle = stix2.parse(StixExporter().render(small_library, []), allow_custom=True)
    assert {o.spec_version for o in bundle.objects} == {"2.1"}


def test_the_export_is_byte_for_byte_stable(small_library: Library, small_dir: Path) -> None:
    assert StixExporter().render(small_library, []) == StixExporter().render(Library.load([small_dir]), [])


def test_ids_are_uuid5_of_our_ids() -> None:
    assert stix_id("threat-actor", "actor:x") == stix_id("threat-actor", "actor:x")
    assert stix_id("threat-actor", "actor:x") != stix_id("threat-actor", "actor:y")
    assert stix_id("identity", "actor:x").startswith("identity--")


def test_actors_map_to_threat_actors_and_identities(small_library: Library) -> None:
    found = objects(small_library)
    quds, ghaani = found["actor:quds-force"], found["actor:ghaani"]
    assert (quds["type"], quds["name"], quds["aliases"]) == ("threat-actor", "Quds Force", ["IRGC-QF"])
    assert quds["id"] == stix_id("threat-actor", "actor:quds-force")
    assert (ghaani["type"], ghaani["identity_class"]) == ("identity", "individual")
    assert "Ghaani" in ghaani["x_briefing_aliases"]


def test_relations_are_relationships_in_our_words(small_library: Library) -> None:
    bundle = json.loads(StixExporter().render(small_library, []))
    (rel,) = [o for o in bundle["objects"] if o["type"] == "relationship"]
    assert rel["relationship_type"] == "leads"
    assert rel["source_ref"] == stix_id("identity", "actor:ghaani")
    assert rel["target_ref"] == stix_id("threat-actor", "actor:quds-force")


def test_claims_are_notes_by_their_authors_about_their_subjects(small_library: Library) -> None:
    claim = objects(small_library)["claim:qaani-warns"]
    assert claim["type"] == "note"
    assert claim["content"] == "Qaani says the convoys will be targeted."
    assert claim["authors"] == ["Esmail Qaani"]
    assert set(claim["object_refs"]) == {
        stix_id("identity", "actor:ghaani"),
        stix_id("threat-actor", "actor:quds-force"),
    }
    assert claim["labels"] == ["claim", "threat", "reported"]
    (ref,) = claim["external_references"]
    assert (ref["source_name"], ref["external_id"]) == ("Test Wire", "source:wire-2021")
    assert ref["description"] == "Wire report, paragraph 2"
    assert claim["created"].startswith("2021-03-08")


def test_events_are_dated_reports(small_library: Library) -> None:
    event = objects(small_library)["event:beta-visit"]
    assert (event["type"], event["report_types"], event["labels"]) == ("report", ["event"], ["visit"])
    assert event["published"].startswith("2021-03-28")
    assert (event["x_briefing_end"], event["x_briefing_location"]) == ("2021-03-29", "Karbala")
    assert event["object_refs"] == [stix_id("identity", "actor:ghaani")]


def test_a_briefing_is_a_report_of_everything_in_it(small_library: Library) -> None:
    found = objects(small_library)
    alpha = found["briefing:alpha"]
    assert alpha["report_types"] == ["threat-report"]
    assert alpha["published"].startswith("2021-03-10")
    members = set(alpha["object_refs"])
    for entry in ("actor:ghaani", "actor:quds-force", "claim:qaani-warns", "event:convoy-ied", "event:talks"):
        assert found[entry]["id"] in members
    assert found["event:beta-visit"]["id"] not in members


def test_one_briefing_exports_only_its_own_entries(small_library: Library) -> None:
    found = objects(small_library, briefing="briefing:beta")
    assert set(found) == {"briefing:beta", "actor:ghaani", "event:beta-visit"}
    assert found["actor:ghaani"]["x_briefing_aliases"] == ["Ghaani"]


def test_reader_notes_are_notes_on_their_entry(small_library: Library) -> None:
    note = Note("note:01a", "event:talks", "Which day?", "2024-01-02T10:00:00Z", "2024-01-05T10:00:00Z", ("date",))
    found = objects(small_library, [note])
    exported = found["note:01a"]
    assert exported["object_refs"] == [found["event:talks"]["id"]]
    assert exported["labels"] == ["reader-note", "date"]
    assert exported["modified"].startswith("2024-01-05")


def test_hostile_content_stays_data(tmp_path: Path) -> None:
    t = alpha_tables()
    t["actors"]["actor:quds-force"]["name"] = '"}]} \x1b[31m <script>'
    t["actors"]["actor:quds-force"]["role"] = ""
    library = Library.load([make_library_dir(tmp_path / "lib", t, beta_tables())])
    found = objects(library)
    assert found["actor:quds-force"]["name"] == '"}]}  <script>'
    assert "description" not in found["actor:quds-force"]


def test_listing_the_formats_does_not_import_stix2() -> None:
    """stix2 costs 150 ms and 14 MB to import: the browser, which lists the formats, must not pay it."""
    import subprocess
    import sys

    code = "import sys, briefing.ui.screens.browser, briefing.export.registry; print('stix2' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "False"
