"""The ``briefing/1`` interchange document: lossless, and strict about what it reads back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from briefing.errors import ValidationError
from briefing.export.interchange import documents_from_interchange, export_library
from briefing.export.json_export import JsonExporter
from briefing.export.registry import EXPORTERS
from briefing.library import Library
from briefing.model.records import tables_of
from tests.factories import alpha_tables, make_library_dir


def test_every_format_is_registered() -> None:
    assert set(EXPORTERS) == {"json", "md", "csv", "stix"}
    assert all(name == exporter.name for name, exporter in EXPORTERS.items())


def test_the_documents_read_back_as_they_were(small_library: Library) -> None:
    data = export_library(small_library)
    docs = documents_from_interchange(json.loads(json.dumps(data)), "x.json")
    assert {d.briefing.id: tables_of(d) for d in docs} == {
        b: tables_of(small_library.document(b)) for b in small_library.briefings
    }


def test_one_briefing_carries_its_own_view_of_shared_actors(small_library: Library) -> None:
    data = export_library(small_library, briefing_id="briefing:beta")
    (actor,) = data["actors"]
    assert (actor["briefings"], actor["aliases"], "views" in actor) == (["briefing:beta"], ["Ghaani"], False)
    assert [e["id"] for e in data["events"]] == ["event:beta-visit"]


def interchange(**lists: Any) -> dict[str, Any]:
    base = export_library(Library.load([]))
    base["briefings"] = [{"id": "briefing:x", "title": "X"}]
    return {**base, **lists}


@pytest.mark.parametrize(
    ("data", "entity", "field"),
    [
        (
            interchange(briefings=[{"id": "briefing:x", "title": "X"}, {"id": "briefing:x", "title": "Y"}]),
            "briefing:x",
            "id",
        ),
        (interchange(events=[{"id": "event:e", "briefing": "briefing:other"}]), "event:e", "briefing"),
        (interchange(actors=[{"id": "actor:a", "name": "A", "kind": "person"}]), "actor:a", "briefings"),
        (interchange(actors=[{"id": "actor:a", "briefings": ["briefing:x"], "views": []}]), "actor:a", "views"),
        (interchange(claims=["claim:c"]), "", "claims"),
        (interchange(extra=[]), "", "extra"),
    ],
)
def test_a_bad_interchange_document_is_located(data: dict[str, Any], entity: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        documents_from_interchange(data, "in.json")
    assert any((p.file, p.entity, p.field) == ("in.json", entity, field) for p in caught.value.problems)


def test_terminal_controls_in_content_are_escaped_but_read_back_the_same(tmp_path: Path) -> None:
    t = alpha_tables()
    t["actors"]["actor:quds-force"]["name"] = "Quds\x9b31m \u202eForce\x7f"
    library = Library.load([make_library_dir(tmp_path / "lib", t)])
    text = JsonExporter().render(library, [])
    assert not any(c in text for c in "\x9b\u202e\x7f")
    assert "\\u009b" in text
    (actor,) = [a for a in json.loads(text)["actors"] if a["id"] == "actor:quds-force"]
    assert actor["name"] == "Quds\x9b31m \u202eForce\x7f"
