"""The query language: what a reader types, as a tree, and the errors a reader reads."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.errors import BriefingError
from briefing.search.query import And, Not, Or, QueryError, Term, parse, text_match, to_fts


def words_of(node: object) -> list[tuple[str, ...]]:
    match node:
        case Term():
            return [node.words]
        case And(children) | Or(children):
            return [w for child in children for w in words_of(child)]
        case Not(child, _):
            return [("-", *w) for w in words_of(child)]
    return []


def test_words_must_all_match_and_are_folded() -> None:
    query = parse("Khazali CONVOY Qâani")
    assert isinstance(query.text, And)
    assert words_of(query.text) == [("khazali",), ("convoy",), ("qaani",)]


def test_quotes_make_a_phrase_and_a_star_a_prefix() -> None:
    query = parse('"supply convoy" kata*')
    phrase, prefix = query.text.children  # type: ignore[union-attr]
    assert phrase.words == ("supply", "convoy") and phrase.quoted and not phrase.prefix
    assert prefix.words == ("kata",) and prefix.prefix


def test_or_minus_and_parentheses() -> None:
    query = parse("(rocket OR ied) babil -british")
    assert isinstance(query.text, And)
    group, babil, excluded = query.text.children
    assert isinstance(group, Or) and words_of(group) == [("rocket",), ("ied",)]
    assert babil.words == ("babil",)  # type: ignore[union-attr]
    assert isinstance(excluded, Not) and excluded.child.words == ("british",)  # type: ignore[union-attr]


def test_lower_case_or_is_a_word() -> None:
    assert words_of(parse("rocket or ied").text) == [("rocket",), ("or",), ("ied",)]


def test_filters_are_taken_out_of_the_words() -> None:
    query = parse("convoy kind:event actor:khazali -kind:claim")
    assert words_of(query.text) == [("convoy",)]
    assert [(f.name, f.value, f.negated) for f in query.filters] == [
        ("kind", "event", False),
        ("actor", "khazali", False),
        ("kind", "claim", True),
    ]


def test_filters_alone_make_a_query_without_words() -> None:
    query = parse("kind:event from:2020-09")
    assert query.text is None and len(query.filters) == 2
    assert text_match(query) is None


def test_an_unclosed_parenthesis_is_closed_with_a_warning() -> None:
    query = parse("(rocket OR ied")
    assert isinstance(query.text, Or)
    assert "parenthesis" in query.warnings[0]


def test_symbols_without_letters_are_ignored_with_a_warning() -> None:
    query = parse("convoy & !!!")
    assert words_of(query.text) == [("convoy",)]
    assert len(query.warnings) == 2


def test_markup_is_just_words() -> None:
    query = parse("[bold]red[/bold] [link=http://x]")
    assert query.filters == ()
    assert words_of(query.text)[0] == ("bold", "red", "bold")


@pytest.mark.parametrize(
    ("text", "column", "says"),
    [
        ("*", 1, "'*' must end a word"),
        ("convoy *", 8, "'*' must end a word"),
        ("NEAR(", 5, "nothing inside the parentheses"),
        ("-", 1, "'-' must be followed"),
        ("convoy - attack", 8, "'-' must be followed"),
        ("OR OR", 1, "OR needs something before it"),
        ("convoy OR", 8, "OR needs something after it"),
        ("convoy OR OR attack", 8, "OR needs something after it"),
        ("AND", 1, "AND needs something before it"),
        ("AND convoy", 1, "AND needs something before it"),
        ("convoy AND", 8, "AND needs something after it"),
        ("convoy AND AND attack", 8, "AND needs something after it"),
        ("convoy AND OR attack", 8, "AND needs something after it"),
        ("convoy OR AND attack", 11, "AND needs something before it"),
        ("(AND convoy)", 2, "AND needs something before it"),
        ("(convoy AND) attack", 9, "AND needs something after it"),
        ("convoy)", 7, "')' closes nothing"),
        ('""', 1, "empty quotes"),
        ("kind:bogus", 1, "kind:bogus is not one of: briefing, source, actor, claim, event, note"),
        ("convoy kind:", 8, "kind: needs a value (one of: briefing, source, actor, claim, event, note)"),
        ("status:maybe", 1, "status:maybe is not one of: reported, confirmed, disputed, unverified"),
        ("flag:x", 1, "flag:x is not one of"),
        ("type:teleportation", 1, "type:teleportation is no event kind"),
        ("from:notadate", 1, "from: 'notadate' is not a date I can read; write e.g."),
        ("to:2020-13", 1, "to: 2020-13 is no real day: there is no month 13"),
        ("(kind:event convoy)", 2, "kind: applies to the whole query"),
        ("convoy OR actor:x", 11, "actor: applies to the whole query"),
        ("convoy OR -attack", 11, "an excluded term cannot be one side of an OR"),
        ("convoy (-attack)", 9, "a group needs a word that is not excluded"),
        ("--convoy", 2, "one '-' is enough"),
    ],
)
def test_malformed_queries_say_what_and_where(text: str, column: int, says: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text)
    assert isinstance(caught.value, BriefingError)
    assert caught.value.column == column
    assert says in str(caught.value)
    assert str(caught.value).startswith(f"query: column {column}: ")


@pytest.mark.parametrize(
    ("with_and", "without"),
    [
        ("convoy AND attack", "convoy attack"),
        ("kind:event AND convoy AND -british", "kind:event convoy -british"),
        ("(rocket OR ied) AND babil", "(rocket OR ied) babil"),
        ('"supply convoy" AND NOT british', '"supply convoy" NOT british'),
    ],
)
def test_and_between_terms_means_what_a_space_means(with_and: str, without: str) -> None:
    parsed, plain = parse(with_and), parse(without)
    assert to_fts(parsed.text) == to_fts(plain.text)  # type: ignore[arg-type]
    assert [(f.name, f.value) for f in parsed.filters] == [(f.name, f.value) for f in plain.filters]
    assert parsed.warnings == ()
    assert words_of(parse("convoy and attack").text) == [("convoy",), ("and",), ("attack",)], "lower case: a word"


def test_a_huge_query_is_refused_before_it_is_read() -> None:
    with pytest.raises(QueryError, match="10,000 characters long; at most 1,000"):
        parse("a" * 10_000)


def test_too_many_terms_are_refused() -> None:
    with pytest.raises(QueryError, match="too many terms"):
        parse(" ".join(f"w{n}" for n in range(100)))


def test_partial_queries_take_the_last_word_as_a_prefix_and_forgive_a_trailing_operator() -> None:
    assert parse("khaz", partial=True).text == Term(("khaz",), "khaz", 1, prefix=True)
    assert parse("khaz ", partial=True).text == Term(("khaz",), "khaz", 1)
    assert parse("k", partial=True).text == Term(("k",), "k", 1)  # one letter is too little to be a prefix
    (warning,) = parse("k", partial=True).warnings
    assert warning == "'k' is matched as a whole word: type more to match words starting with it"
    assert parse("k").warnings == () and parse("k ", partial=True).warnings == ()
    assert words_of(parse("convoy OR", partial=True).text) == [("convoy",)]
    assert words_of(parse("convoy AND", partial=True).text) == [("convoy",)]
    assert parse("convoy AND", partial=True).warnings == ("ignored the AND at column 8: nothing follows it",)
    assert words_of(parse("convoy -", partial=True).text) == [("convoy",)]
    assert words_of(parse("convoy (", partial=True).text) == [("convoy",)]


def test_the_fts_expression_quotes_every_term() -> None:
    expression = to_fts(parse('"Supply convoy"* OR (Qâani -NEAR) x').text)  # type: ignore[arg-type]
    assert expression == '("supply convoy"* OR ((("qaani") NOT "near") AND "x"))'
    for literal in re.findall(r'"([^"]*)"', expression):
        assert re.fullmatch(r"[a-z0-9 ]+", literal)


_FTS = sqlite3.connect(":memory:")
_FTS.execute("CREATE VIRTUAL TABLE t USING fts5(a, b)")
_FTS.execute("INSERT INTO t VALUES ('supply convoy near babil', 'x')")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_parses_or_fails_readably_and_never_upsets_fts5(text: str) -> None:
    try:
        query = parse(text)
    except QueryError as exc:
        assert str(exc).startswith("query: ")
        return
    match = text_match(query)
    if match is None:
        return
    for expression in ([match.include] if match.include else []) + match.exclude:
        _FTS.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(['"', "(", ")", "*", "-", "OR", "AND", "NOT", "NEAR", ":", "kind:", "a", " "])))
def test_operator_soup_parses_or_fails_readably(parts: list[str]) -> None:
    text = " ".join(parts)
    try:
        query = parse(text)
    except QueryError:
        return
    match = text_match(query)
    if match is not None:
        for expression in ([match.include] if match.include else []) + match.exclude:
            _FTS.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


@pytest.mark.parametrize(
    "query",
    ["type:" + "é" * 90, "x" * 20_000, "!" * 900 + " convoy", "type:" + "z" * 900],
    ids=["accented-type", "20k-characters", "900-symbols", "long-type"],
)
def test_messages_about_long_queries_stay_short_and_say_where(query: str) -> None:
    try:
        parsed = parse(query)
    except QueryError as exc:
        assert len(str(exc)) <= 200
        assert exc.column is not None and exc.column >= 1
    else:
        assert all(len(warning) <= 200 for warning in parsed.warnings)


def test_an_unknown_long_briefing_filter_is_named_shortened(index) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError) as raised:
        index.search("briefing:" + "b" * 900)
    assert len(str(raised.value)) <= 200
