"""Validation of briefing files: every problem at once, each located by file, entity id and field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from briefing.errors import CorruptFileError, Problem, ValidationError
from briefing.model.records import document_from_tables, tables_of
from briefing.model.validation import validate_tables
from briefing.store.briefings import read_tables
from tests.factories import SOURCE, alpha_tables

FILE = "alpha.json"


def problems_of(tables: Any, external: set[str] | None = None) -> list[Problem]:
    return validate_tables(tables, FILE, external or set())


def where(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(p.entity, p.field) for p in problems}


def test_a_good_briefing_has_no_problems() -> None:
    assert problems_of(alpha_tables()) == []


def test_every_kind_of_problem_is_reported_at_once_with_file_id_and_field() -> None:
    t = alpha_tables()
    t["actors"]["Actor:Bad Id"] = {"name": "x", "kind": "person"}
    t["actors"]["claim:in-wrong-table"] = {"name": "x", "kind": "person"}
    claim = t["claims"]["claim:qaani-warns"]
    claim["about"] = ["actor:nobody"]
    claim["attributed_to"] = ["event:convoy-ied"]
    claim["date"] = "2020-02-31"
    claim["kind"] = "rumour"
    claim["paragraph"] = 99
    claim["mood"] = "grim"
    event = t["events"]["event:convoy-ied"]
    event["end"] = "2021-03-01"
    del event["title"]
    event["actors"] = "actor:quds-force"
    t["actors"]["actor:ghaani"]["aliases"] = ["ok", 7]

    problems = problems_of(t)

    assert all(p.file == FILE for p in problems)
    assert where(problems) >= {
        ("'Actor:Bad Id'", "id"),
        ("claim:in-wrong-table", "id"),
        ("claim:qaani-warns", "about[0]"),
        ("claim:qaani-warns", "attributed_to[0]"),
        ("claim:qaani-warns", "date"),
        ("claim:qaani-warns", "kind"),
        ("claim:qaani-warns", "paragraph"),
        ("claim:qaani-warns", "mood"),
        ("event:convoy-ied", "end"),
        ("event:convoy-ied", "title"),
        ("event:convoy-ied", "actors"),
        ("actor:ghaani", "aliases"),
    }
    messages = {(p.entity, p.field): p.message for p in problems}
    assert "dangling" in messages[("claim:qaani-warns", "about[0]")]
    assert "is a event, expected a actor or source" in messages[("claim:qaani-warns", "attributed_to[0]")]
    assert "is no real day" in messages[("claim:qaani-warns", "date")]
    assert "rumour" in messages[("claim:qaani-warns", "kind")]
    assert "outside source:wire-2021, which has 5 paragraphs" in messages[("claim:qaani-warns", "paragraph")]
    assert messages[("claim:qaani-warns", "mood")].startswith("unknown field")
    assert "before it starts" in messages[("event:convoy-ied", "end")]
    assert messages[("event:convoy-ied", "title")] == "missing"
    assert "expected a list of text" in messages[("event:convoy-ied", "actors")]
    assert "7" in messages[("actor:ghaani", "aliases")]


def test_a_problem_reads_as_file_id_field_message() -> None:
    t = alpha_tables()
    t["events"]["event:convoy-ied"]["kind"] = "explosion"
    (problem,) = problems_of(t)
    assert str(problem).startswith("alpha.json: event:convoy-ied: kind: unknown value 'explosion'")


def test_validation_error_lists_every_problem() -> None:
    t = alpha_tables()
    t["events"]["event:convoy-ied"]["kind"] = "explosion"
    t["events"]["event:talks"]["date"] = "March 2021"
    with pytest.raises(ValidationError) as caught:
        document_from_tables(t, FILE)
    assert len(caught.value.problems) == 2
    assert "(and 1 more)" in str(caught.value)


def test_a_duplicate_id_inside_a_table_is_an_error_naming_the_key(tmp_path: Path) -> None:
    text = json.dumps(alpha_tables(), indent=2)
    duplicated = text.replace('"event:talks": {', '"event:convoy-ied": {"title": "again"},\n    "event:talks": {', 1)
    path = tmp_path / "dup.json"
    path.write_text(duplicated)
    with pytest.raises(CorruptFileError) as caught:
        read_tables(path)
    assert "event:convoy-ied" in str(caught.value)
    assert str(path) in str(caught.value)


def test_the_same_id_in_two_tables_is_reported() -> None:
    t = alpha_tables()
    t["claims"]["actor:ghaani"] = {}
    assert ("actor:ghaani", "id") in where(problems_of(t))


@pytest.mark.parametrize("briefings", [{}, None, []])
def test_a_file_without_a_briefing_is_reported(briefings: Any) -> None:
    t = alpha_tables()
    t["briefing"] = briefings
    assert ("", "briefing") in where(problems_of(t))


def test_two_briefings_in_one_file_is_reported() -> None:
    t = alpha_tables()
    t["briefing"]["briefing:second"] = {"title": "Second"}
    messages = [p.message for p in problems_of(t) if p.field == "briefing"]
    assert messages == ["a briefing file holds exactly one briefing, found 2"]


def test_mistyped_fields_are_reported_not_crashed_on() -> None:
    t = alpha_tables()
    t["sources"][SOURCE]["paragraphs"] = "five"
    t["actors"]["actor:ghaani"]["relations"] = [
        {"type": "mentors", "target": "actor:quds-force"},
        "leads",
        {"type": "leads", "target": 3, "extra": 1},
    ]
    t["briefing"]["briefing:alpha"]["tags"] = "test"
    t["events"]["event:talks"]["paragraph"] = True
    t["claims"]["claim:qaani-warns"]["text"] = 42
    found = where(problems_of(t))
    assert {
        (SOURCE, "paragraphs"),
        ("actor:ghaani", "relations[0].type"),
        ("actor:ghaani", "relations[1]"),
        ("actor:ghaani", "relations[2].target"),
        ("actor:ghaani", "relations[2].extra"),
        ("briefing:alpha", "tags"),
        ("event:talks", "paragraph"),
        ("claim:qaani-warns", "text"),
    } <= found


@pytest.mark.parametrize(
    "tables",
    [
        [],
        "text",
        {"briefing": {"briefing:x": "not an object"}},
        {"briefing": {"briefing:x": {"title": "x"}}, "sources": ["a list"]},
        {"briefing": {"briefing:x": {"title": "x"}}, "events": {"event:e": {"date": {"nested": [1, [2, [3]]]}}}},
        {"briefing": {"briefing:x": {"title": "x"}}, "claims": {"claim:c": {"paragraph": 10**40}}},
    ],
)
def test_any_shape_of_input_gives_problems_never_an_exception(tables: Any) -> None:
    problems = problems_of(tables)
    assert problems
    assert all(isinstance(p, Problem) and "\n" not in str(p) for p in problems)


def test_unknown_tables_and_vocabulary_are_reported() -> None:
    t = alpha_tables()
    t["people"] = {}
    t["actors"]["actor:quds-force"]["kind"] = "militia"
    found = where(problems_of(t))
    assert ("", "people") in found
    assert ("actor:quds-force", "kind") in found


def test_references_may_point_at_entries_of_other_briefings() -> None:
    t = alpha_tables()
    t["claims"]["claim:qaani-warns"]["about"] = ["actor:elsewhere"]
    assert problems_of(t)
    assert problems_of(t, {"actor:elsewhere"}) == []


def test_a_paragraph_counts_from_one() -> None:
    t = alpha_tables()
    t["claims"]["claim:qaani-warns"]["paragraph"] = 0
    assert ("claim:qaani-warns", "paragraph") in where(problems_of(t))


def test_a_claim_must_be_attributed_to_someone() -> None:
    t = alpha_tables()
    t["claims"]["claim:qaani-warns"]["attributed_to"] = []
    assert ("claim:qaani-warns", "attributed_to") in where(problems_of(t))


def test_a_lone_surrogate_in_text_is_reported_before_it_could_break_a_write() -> None:
    t = alpha_tables()
    t["actors"]["actor:ghaani"]["name"] = "Qaani \ud800"
    assert ("actor:ghaani", "name") in where(problems_of(t))


def test_a_malformed_key_with_a_newline_stays_on_one_line() -> None:
    t = alpha_tables()
    t["events"]["event:bad\nid"] = {}
    (problem,) = [p for p in problems_of(t) if p.field == "id"]
    assert "\n" not in str(problem)
    assert "bad\\nid" in problem.entity


def test_a_huge_value_is_shortened_in_the_message() -> None:
    t = alpha_tables()
    t["actors"]["actor:ghaani"]["kind"] = "x" * 10_000
    (problem,) = problems_of(t)
    assert len(str(problem)) < 500


def test_tables_round_trip_through_the_model() -> None:
    doc = document_from_tables(alpha_tables(), FILE)
    again = document_from_tables(tables_of(doc), FILE)
    assert again == doc
    assert tables_of(again) == tables_of(doc)


def test_the_model_carries_dates_and_relations() -> None:
    doc = document_from_tables(alpha_tables(), FILE)
    talks = next(e for e in doc.events if e.id == "event:talks")
    assert talks.when.label == "Mar 2021"
    ghaani = next(a for a in doc.actors if a.id == "actor:ghaani")
    assert [(str(r.type), r.target) for r in ghaani.relations] == [("leads", "actor:quds-force")]
    assert ghaani.briefings == ("briefing:alpha",)
