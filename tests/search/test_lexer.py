"""Cutting a query into words, phrases and filters: quotes, colons and control characters."""

from __future__ import annotations

from briefing.search.query import Term, parse
from tests.search.test_query import words_of


def test_a_word_with_a_colon_that_is_no_filter_is_just_words() -> None:
    query = parse("http://example.org note:")
    assert query.filters == ()
    assert ("http", "example", "org") in words_of(query.text)


def test_an_unclosed_quote_is_closed_with_a_warning() -> None:
    query = parse('"supply convoy')
    assert query.text == Term(("supply", "convoy"), "supply convoy", 1, quoted=True)
    assert query.warnings == ("closed the quote opened at column 1",)


def test_control_characters_are_spaces() -> None:
    query = parse("convoy\x1b[31m\x00attack\u0085")
    assert words_of(query.text) == [("convoy",), ("31m",), ("attack",)]
