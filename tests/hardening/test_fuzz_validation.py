"""Briefing validation under fuzzing: every broken briefing is a list of located problems, never a crash.

Mutated briefings start from the factories' and break one to four things
(wrong types at any field, missing fields, unknown words, huge and empty
strings, deep nesting, duplicate and dangling ids, hostile unicode).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import Problem, StoreError, ValidationError
from briefing.model.records import document_from_tables, tables_of
from briefing.model.validation import validate_tables
from briefing.store.briefings import check_file, load_file
from tests.factories import alpha_tables
from tests.hardening.helpers import examples
from tests.hardening.strategies import json_values, mutated_tables, valid_tables

FILE = "drafts/alpha.json"
MAX_MESSAGE = 1_000  # a problem is one readable line, whatever the size of the value it is about

fuzz = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def assert_readable(problems: list[Problem], file: str = FILE) -> None:
    for problem in problems:
        line = str(problem)
        assert problem.file == file
        assert line.startswith(f"{file}: ")
        assert "\n" not in line and "\r" not in line
        assert len(line) <= MAX_MESSAGE, line[:200]


@fuzz
@given(mutated_tables())
def test_a_mutated_briefing_gives_located_problems_or_a_document(tables: dict[str, Any]) -> None:
    problems = validate_tables(tables, FILE)
    assert_readable(problems)
    try:
        doc = document_from_tables(tables, FILE)
    except ValidationError as exc:
        assert exc.problems == sorted(problems)
        assert str(exc).startswith(f"{FILE}: ")
    else:
        assert problems == []
        assert validate_tables(tables_of(doc), FILE) == []


@fuzz
@given(json_values(max_leaves=20))
def test_any_json_value_at_all_is_problems_never_an_exception(value: Any) -> None:
    problems = validate_tables(value, FILE)
    assert problems
    assert_readable(problems)


@fuzz
@given(st.sampled_from(["briefing", "sources", "actors", "claims", "events"]), json_values())
def test_any_value_in_place_of_a_table_is_located_at_that_table(table: str, value: Any) -> None:
    tables = alpha_tables()
    tables[table] = value
    problems = validate_tables(tables, FILE)
    assert_readable(problems)
    if not isinstance(value, dict):
        assert any(p.field == table for p in problems)


@settings(parent=fuzz, max_examples=examples(40))
@given(valid_tables())
def test_a_valid_briefing_with_hostile_content_is_accepted_and_kept_exactly(tables: dict[str, Any]) -> None:
    assert validate_tables(tables, FILE) == []
    doc = document_from_tables(tables, FILE)
    assert tables_of(doc) == tables
    assert document_from_tables(tables_of(doc), FILE) == doc


@settings(parent=fuzz, max_examples=examples(40))
@given(mutated_tables(), st.data())
def test_a_mutated_file_on_disk_is_problems_or_a_document(
    tmp_path_factory: Any, tables: Any, data: st.DataObject
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "alpha.json"
    raw = json.dumps(tables).encode()
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(raw))), label="truncate at")
    path.write_bytes(raw if cut is None else raw[:cut])
    problems = check_file(path)
    assert_readable(problems, str(path))
    try:
        load_file(path)
    except (ValidationError, StoreError) as exc:
        assert problems
        assert str(exc).startswith(f"{path}: ")
    else:
        assert problems == []


@settings(parent=fuzz, max_examples=examples(60))
@given(st.binary(max_size=200), st.binary(max_size=200))
def test_any_bytes_at_all_are_a_problem_naming_the_file(tmp_path_factory: Any, head: bytes, tail: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "x.json"
    path.write_bytes(head + json.dumps(alpha_tables()).encode()[:300] + tail)
    problems = check_file(path)
    assert problems
    assert_readable(problems, str(path))


def test_the_fuzzing_starts_from_briefings_that_are_valid() -> None:
    """Without this, every mutated briefing would be rejected for a reason the mutation did not cause."""
    assert validate_tables(alpha_tables(), FILE) == []
