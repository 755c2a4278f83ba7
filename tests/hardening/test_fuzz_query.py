"""Any text typed as a query is answered with results or one short QueryError, never a crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli import main
from briefing.library import Library
from briefing.search.index import SearchIndex
from briefing.search.query import QueryError, parse
from tests.hardening.helpers import examples, unsafe_in
from tests.hardening.strategies import hostile_text

FTS_SYNTAX = ("NEAR(", "^", "*", '"', "(", ")", ":", "-", "OR", "AND", "NOT", "{", "}", "+", "kind:", "from:", "to:")
queries = st.one_of(
    hostile_text(20),
    st.lists(st.sampled_from((*FTS_SYNTAX, "convoy", "qaani", "kind:event", "actor:ghaani")), max_size=12).map(
        " ".join
    ),
    st.text(max_size=60),
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    from tests.factories import make_library_dir

    folder = make_library_dir(tmp_path_factory.mktemp("lib"))
    built = SearchIndex.open(None, Library.load([folder]))
    built.ensure_built()
    return built


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_parsing_any_text_gives_a_query_or_one_short_line(query: str) -> None:
    try:
        parse(query)
    except QueryError as exc:
        message = str(exc)
        assert "\n" not in message
        assert len(message) <= 240
        assert not unsafe_in(message)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries, partial=st.booleans())
def test_searching_any_text_never_reaches_sqlite_as_syntax(index: SearchIndex, query: str, partial: bool) -> None:
    try:
        results = index.search(query, limit=10, partial=partial)
    except QueryError:
        return
    except sqlite3.Error as exc:  # pragma: no cover - the failure this test exists to catch
        pytest.fail(f"{query!r} reached SQLite: {exc}")
    for hit in results.hits:
        assert hit.id.split(":", 1)[0] in {"briefing", "source", "actor", "claim", "event", "note"}


@pytest.mark.parametrize(
    "query", ["[@click=app.quit]", "NEAR(", '"unbalanced', "OR OR", "-", "*", "\x1b]52;c;aGk=\x07x", "x" * 10_000]
)
def test_the_search_command_answers_hostile_queries_with_a_status_and_clean_output(
    query: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["search", "--data-dir", str(tmp_path), "--", query])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    assert not unsafe_in(out) and not unsafe_in(err)
    assert len(err.splitlines()) <= 1
