"""Searching a small library: ranking, every filter, names and their spellings, notes, snippets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.library import Library
from briefing.search import ranking
from briefing.search.index import SearchIndex
from briefing.search.query import QueryError
from briefing.search.results import SearchHit
from briefing.text import clean, highlighted
from tests.search.conftest import NOTES, note

Ids = Callable[..., list[str]]


# -- ranking -------------------------------------------------------------------


def test_a_name_match_outranks_a_passing_mention(ids: Ids) -> None:
    found = ids("Khazali")
    assert found[0] == "actor:qais-khazali"
    assert found.index("actor:qais-khazali") < found.index("event:passing-mention")


def test_the_actor_comes_first_then_his_group_and_what_mentions_him(ids: Ids) -> None:
    found = ids("Khazali")
    assert found[0] == "actor:qais-khazali"
    assert {"actor:asaib-ahl-al-haq", "claim:khazali-statement", "event:passing-mention"} <= set(found)


def test_a_word_in_a_name_outranks_the_same_word_in_a_role(ids: Ids) -> None:
    found = ids("quds")
    assert found.index("actor:quds-force") < found.index("actor:ghaani")


@pytest.mark.parametrize("query", ["quds", "qud*"])
def test_words_too_common_for_bm25_rank_a_name_then_a_role_then_the_rest(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    monkeypatch.setattr(ranking, "COMMON", 1)
    index._ranker.forget()
    found = index.search(query).ids
    assert found[:2] == ["actor:quds-force", "actor:ghaani"] and len(found) > 2


def test_an_exact_alias_comes_first(index: SearchIndex) -> None:
    results = index.search("AAH")
    assert results.hits[0].id == "actor:asaib-ahl-al-haq"
    assert results.hits[0].score > 100


def test_all_words_must_match(ids: Ids) -> None:
    assert set(ids("convoy babil")) == {"event:convoy-ied", "event:convoy-september"}
    assert ids("convoy zanzibar") == []


def test_phrases_prefixes_or_and_exclusion(ids: Ids) -> None:
    assert set(ids('"supply convoy"')) == {"event:convoy-ied", "event:convoy-september", "event:convoy-august"}
    assert ids('"convoy supply"') == []
    assert "actor:asaib-ahl-al-haq" in ids("asai*")
    assert set(ids("karbala OR babil")) >= {"event:beta-visit", "event:convoy-ied"}
    assert "event:convoy-ied" not in ids("convoy -babil")


# -- names, aliases and spellings --------------------------------------------------------


@pytest.mark.parametrize("spelling", ["Qaani", "qaani", "QAANI", "Qâani", "Ghaani", "ghaani", "Esmaïl"])
def test_any_spelling_of_a_name_finds_the_actor(ids: Ids, spelling: str) -> None:
    assert ids(spelling)[0] == "actor:ghaani"


def test_an_alias_finds_what_is_linked_to_the_actor_under_another_name(ids: Ids) -> None:
    # The claim's text says "Qaani"; it is attributed to the actor who is also "Ghaani".
    assert "claim:qaani-warns" in ids("Ghaani")


def test_words_joined_by_an_apostrophe_are_found_joined_or_apart(ids: Ids) -> None:
    assert "actor:asaib-ahl-al-haq" in ids("Asaib")
    assert "actor:asaib-ahl-al-haq" in ids("Asa'ib")


def test_did_you_mean_puts_a_misspelt_name_right(index: SearchIndex) -> None:
    results = index.search("Kazali")
    assert results.hits == []
    assert results.suggestions == ("Khazali",)
    assert index.search("Qods").suggestions == ("Quds",)
    assert index.search("militia Kazali").suggestions == ("militia Khazali",)


def test_did_you_mean_puts_a_misspelt_name_right_as_it_is_typed(index: SearchIndex) -> None:
    """The last word, being typed, is the start of a word: one no name starts with is a miss already."""
    assert index.search("Kazali", partial=True).suggestions == ("Khazali",)
    assert index.search("militia Kazali", partial=True).suggestions == ("militia Khazali",)
    assert index.search("Khaz", partial=True).suggestions == (), "the start of a name: still being typed"


def test_did_you_mean_turns_the_name_of_a_kind_into_a_filter(index: SearchIndex) -> None:
    assert index.search("Khazali claims").suggestions == ("Khazali kind:claim",)
    assert index.search("Khazali claims", partial=True).suggestions == ("Khazali kind:claim",), "as it is typed"
    assert index.search("Kazali claim").suggestions == ("Khazali kind:claim",)
    assert index.search("Khazali kind:claim").ids == ["claim:khazali-statement"]
    assert index.search("zanzibar events kind:event").suggestions == ()


def test_did_you_mean_turns_a_date_typed_as_a_word_into_date_filters(index: SearchIndex) -> None:
    assert index.search("rocket 2020-09-15").ids == []
    assert index.search("rocket 2020-09-15").suggestions == ("rocket from:2020-09-15 to:2020-09-15",)
    assert index.search("rocket from:2020-09-15 to:2020-09-15").ids == ["event:passing-mention"]
    assert index.search("convoy 2020-09").suggestions == ("convoy from:2020-09 to:2020-09",)
    assert set(index.search("convoy from:2020-09 to:2020-09").ids) == {"event:convoy-september", "claim:markup"}
    assert index.search("convoy 2020-09 from:2020-01").suggestions == (), "dates of its own: left as typed"


def test_did_you_mean_stays_quiet_when_there_are_results(index: SearchIndex) -> None:
    assert index.search("Khazali").suggestions == ()


def test_did_you_mean_puts_an_actor_filter_right(index: SearchIndex) -> None:
    results = index.search("actor:kazali")
    assert results.hits == []
    assert results.suggestions == ("actor:Khazali",)
    assert any("no actor is named" in w for w in results.warnings)


# -- filters ---------------------------------------------------------------------------


def test_kind_filter(ids: Ids) -> None:
    found = ids("convoy kind:event")
    assert found and all(i.startswith("event:") for i in found)
    assert set(ids("kind:source")) == {"source:beta-report", "source:gamma-wire", "source:wire-2021"}
    assert set(ids("kind:actor kind:briefing")) == {
        "actor:ghaani",
        "actor:quds-force",
        "actor:qais-khazali",
        "actor:asaib-ahl-al-haq",
        "briefing:alpha",
        "briefing:beta",
        "briefing:gamma",
    }
    assert "claim:markup" not in ids("convoy -kind:claim")


@pytest.mark.parametrize("value", ["ghaani", "Qâani", "esmail qaani", '"Ismael Ghaani"', "actor:ghaani", "gha*"])
def test_actor_filter_accepts_names_aliases_slugs_and_ids(ids: Ids, value: str) -> None:
    found = ids(f"actor:{value}")
    assert found[0] == "actor:ghaani"
    assert {"claim:qaani-warns", "event:talks", "event:beta-visit"} <= set(found)
    assert "event:convoy-ied" not in found


def test_actor_filter_with_words_and_other_filters(ids: Ids) -> None:
    assert ids("actor:ghaani kind:claim") == ["claim:qaani-warns"]
    assert ids("actor:khazali militias") == ["claim:khazali-statement"]
    assert "claim:qaani-warns" not in ids("-actor:ghaani kind:claim")


def test_repeated_actor_filters_must_all_hold(ids: Ids) -> None:
    both = ids("actor:ghaani actor:quds-force kind:actor kind:claim")
    assert both == ["actor:ghaani", "actor:quds-force", "claim:qaani-warns"]


def test_briefing_filter_accepts_ids_slugs_and_unique_prefixes(ids: Ids) -> None:
    expected = ids("briefing:briefing:beta")
    assert expected and "event:beta-visit" in expected and "actor:ghaani" in expected
    assert ids("briefing:beta") == expected
    assert ids("briefing:be") == expected
    assert "event:convoy-ied" not in expected


def test_an_unknown_briefing_is_an_error_listing_some(index: SearchIndex) -> None:
    with pytest.raises(QueryError, match=r"briefing:nowhere is no briefing in the library \(there are: briefing:alpha"):
        index.search("briefing:nowhere")


def test_type_filter(ids: Ids) -> None:
    assert set(ids("type:ied")) == {"event:convoy-ied", "event:convoy-september", "event:convoy-august"}
    assert ids("type:rocket") == ["event:passing-mention"]
    assert ids("type:visit karbala") == ["event:beta-visit"]


def test_status_filter(ids: Ids) -> None:
    assert ids("status:disputed") == ["claim:markup"]
    assert set(ids("status:reported")) == {"claim:qaani-warns", "claim:khazali-statement"}


def test_date_filters_keep_entries_whose_dates_overlap(ids: Ids) -> None:
    # event:talks is "March 2021" (a month); event:beta-visit is 28-29 March 2021.
    assert "event:talks" in ids("kind:event from:2021-03-15")
    assert "event:talks" in ids("kind:event to:2021-03-01")
    assert "event:beta-visit" in ids("kind:event from:2021-03-29 to:2021-03-29")
    assert "event:beta-visit" not in ids("kind:event from:2021-03-30")
    assert ids("kind:event from:2020-09 to:2020-09") == ["event:convoy-september", "event:passing-mention"]
    assert "event:talks" in ids("kind:event from:2020-09"), "the same first day, another last one"
    assert ids('convoy to:"23 aug 2020"') == ["event:convoy-august"]


def test_dates_leave_out_undated_entries_and_contradictory_ones_find_nothing(ids: Ids) -> None:
    assert not any(i.startswith("actor:") for i in ids("from:2000"))
    assert ids("from:2021 to:2020") == []


def test_negated_dates_are_an_error(index: SearchIndex) -> None:
    with pytest.raises(QueryError, match="-from: cannot be negated; use to: instead"):
        index.search("convoy -from:2020")


def test_filters_alone_list_actors_then_entries_by_date(ids: Ids) -> None:
    found = ids("briefing:gamma")
    assert found[:2] == ["actor:asaib-ahl-al-haq", "actor:qais-khazali"]
    dated = found[2:]
    assert (
        dated.index("event:convoy-august")
        < dated.index("event:convoy-september")
        < dated.index("claim:khazali-statement")
    )


def test_actor_filter_lists_the_actor_first(ids: Ids) -> None:
    assert ids("actor:khazali")[:2] == ["actor:qais-khazali", "actor:asaib-ahl-al-haq"]


def test_only_excluded_words_list_everything_else(ids: Ids) -> None:
    found = ids("-convoy kind:event")
    assert "event:talks" in found and "event:convoy-ied" not in found


def test_limit_and_more(index: SearchIndex) -> None:
    results = index.search("kind:event", limit=2)
    assert len(results.hits) == 2 and results.more
    assert not index.search("kind:event", limit=50).more


def test_asked_for_more_than_the_ranking_window_holds_ranks_them_all(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = index.search("qaani", limit=50)
    assert len(every) > 2 and not every.more
    monkeypatch.setattr(ranking, "RANK_WINDOW", 2)
    assert len(index.search("qaani", limit=1)) == 1
    widened = index.search("qaani", limit=len(every) + 10)
    assert widened.ids == every.ids and not widened.more


# -- notes -------------------------------------------------------------------------


def test_notes_are_searchable_with_tags_and_flags(ids: Ids) -> None:
    assert ids("quds statements") == ["note:01hzz0000000000000000000aa"]
    assert ids("tag:follow-up") == ["note:01hzz0000000000000000000aa"]
    assert ids("flag:verify") == ["note:01hzz0000000000000000000bb"]
    assert ids("kind:note") == [n.id for n in NOTES]
    assert "note:01hzz0000000000000000000aa" in ids("briefing:alpha")
    assert "note:01hzz0000000000000000000bb" in ids("actor:khazali kind:note")


def test_a_one_line_note_shows_its_entry_below_rather_than_its_text_twice(index: SearchIndex) -> None:
    (hit,) = index.search("quds statements").hits
    assert hit.title == "Check against the Quds statements"
    assert hit.snippet == "on claim Qaani says the convoys will be targeted."


def test_a_longer_note_says_which_entry_it_is_on_before_its_words(library: Library, cache: Path) -> None:
    """It repeated the note's text under its title, and never said which entry the note was on."""
    long = note("note:01hzz0000000000000000000cc", "actor:qais-khazali", "AAH leader.\nSee what he said on the 27th.")
    index = SearchIndex.open(cache, library, [long])
    (hit,) = index.search("27th").hits
    assert hit.title == "AAH leader."
    assert hit.snippet.startswith("on actor Qais Khazali · ") and "27th" in hit.snippet


def test_a_changed_note_is_found_by_its_new_text_only(index: SearchIndex, ids: Ids) -> None:
    first = NOTES[0]
    index.update_note(replace(first, text="Now about the pipeline", updated="2021-03-12T10:00:00.000Z"))
    assert ids("pipeline") == [first.id]
    assert ids("quds statements") == []


def test_new_and_removed_notes(index: SearchIndex, ids: Ids) -> None:
    added = note("note:01hzz0000000000000000000cc", "event:talks", "Talks went nowhere", ("talks",))
    index.update_note(added)
    assert ids("nowhere") == [added.id]
    index.remove_note(added.id)
    assert ids("nowhere") == []
    assert ids("tag:talks") == []


def test_index_notes_replaces_them_all(index: SearchIndex, ids: Ids) -> None:
    index.index_notes([])
    assert ids("kind:note") == []
    index.index_notes(NOTES)
    assert len(ids("kind:note")) == 2


# -- what a hit shows ------------------------------------------------------------------


def _marked(hit: SearchHit) -> list[str]:
    return [hit.snippet[start:end] for start, end in hit.spans]


def test_hits_carry_kind_title_briefings_date_and_marked_words(index: SearchIndex) -> None:
    hit = index.search("Babil convoy").hits[0]
    assert hit.id == "event:convoy-ied"
    assert str(hit.kind) == "event"
    assert hit.title == "IED strikes a supply convoy"
    assert [hit.title[s:e] for s, e in hit.title_spans] == ["convoy"]
    assert hit.briefings == ("briefing:alpha",)
    assert hit.date == "5 Mar 2021"
    assert "Babil" in _marked(hit)


def test_spans_mark_folded_matches_in_the_text_as_written(index: SearchIndex) -> None:
    hit = index.search("qaani").hits[0]
    assert hit.id == "actor:ghaani"
    assert "Qâani" in _marked(hit)


def test_a_hit_found_through_a_linked_actor_shows_the_link(index: SearchIndex) -> None:
    hit = next(h for h in index.search("Khazali").hits if h.id == "claim:khazali-statement")
    assert "Qais Khazali" in hit.snippet and "Khazali" in _marked(hit)


def test_snippets_are_plain_text_never_markup_or_escapes(index: SearchIndex) -> None:
    hit = next(h for h in index.search("loud").hits if h.id == "claim:markup")
    assert "[bold]loud[/bold]" in hit.title
    assert "\x1b" not in hit.title and "\x1b" not in hit.snippet
    rendered = highlighted(hit.title, list(hit.title_spans))
    assert rendered.plain == hit.title
    assert [rendered.plain[s.start : s.end] for s in rendered.spans] == ["loud"]


def test_long_fields_are_cut_around_the_match(index: SearchIndex, library_with_long_text: SearchIndex) -> None:
    hit = library_with_long_text.search("needle").hits[0]
    assert len(hit.snippet) <= 170
    assert hit.snippet.startswith("…") and "needle" in _marked(hit)


@pytest.fixture
def library_with_long_text(tmp_path):  # type: ignore[no-untyped-def]
    from briefing.library import Library
    from tests.factories import alpha_tables, make_library_dir

    tables = alpha_tables()
    tables["events"]["event:convoy-ied"]["description"] = "hay " * 150 + "needle " + "hay " * 50
    built = SearchIndex.open(None, Library.load([make_library_dir(tmp_path / "long", tables)]))
    built.ensure_built()
    return built


def test_an_empty_query_finds_nothing_quietly(index: SearchIndex) -> None:
    assert index.search("").hits == []
    assert index.search("   ").hits == []


@pytest.mark.parametrize(
    "hostile",
    ['"', "*", "NEAR(", "-", "OR OR", "a" * 999, "\x00\x1b[2J", "[bold]x[/]", "kind:", "x:y:z", "((((a))))", "é" * 200],
)
def test_hostile_queries_end_in_results_or_a_query_error(index: SearchIndex, hostile: str) -> None:
    try:
        results = index.search(hostile)
    except QueryError as exc:
        assert str(exc).startswith("query: ")
    else:
        assert all(hit.id for hit in results.hits)


def test_as_you_type_the_last_word_is_a_prefix(index: SearchIndex) -> None:
    assert index.search("khaz", partial=True).ids[0] == "actor:qais-khazali"
    assert index.search("khaz").ids == []
    assert index.search("supply conv", partial=True).hits
    assert index.search("convoy OR", partial=True).hits


# -- names with characters that show nothing ----------------------------------------------------------


@pytest.fixture
def hidden_space(tmp_path):  # type: ignore[no-untyped-def]
    """The library with a zero-width space inside Khazali's name, and a bidi mark around his group's."""
    from briefing.library import Library
    from tests.factories import alpha_tables, make_library_dir
    from tests.search.conftest import gamma_tables

    gamma = gamma_tables()
    gamma["actors"]["actor:qais-khazali"]["name"] = "Qais Kha\u200bzali"
    gamma["actors"]["actor:asaib-ahl-al-haq"]["name"] = "\u200fAsaib Ahl al-\u00adHaq\u200f"
    built = SearchIndex.open(None, Library.load([make_library_dir(tmp_path / "hidden", alpha_tables(), gamma)]))
    built.ensure_built()
    return built


def test_a_name_with_a_zero_width_space_inside_is_found_by_the_plain_word(hidden_space: SearchIndex) -> None:
    assert hidden_space.search("khazali").ids[0] == "actor:qais-khazali"
    assert hidden_space.search('"qais khazali"').ids[0] == "actor:qais-khazali"
    assert hidden_space.search("kind:claim actor:khazali").ids == ["claim:khazali-statement"]
    assert hidden_space.search("asaib haq").ids[0] == "actor:asaib-ahl-al-haq"
    hit = hidden_space.search("khazali").hits[0]
    assert [hit.title[s:e].replace("\u200b", "") for s, e in hit.title_spans] == ["Khazali"]


def test_a_query_with_a_zero_width_space_finds_the_plain_name(index: SearchIndex) -> None:
    for query in ("kha\u200bzali", "\u2066khazali\u2069", "actor:kha\u00adzali kind:claim"):
        assert index.search(query).ids[0] in ("actor:qais-khazali", "claim:khazali-statement"), query
    assert index.search("actor:kha\u00adzali kind:claim").ids == ["claim:khazali-statement"]


def test_did_you_mean_offers_the_name_without_its_invisible_characters(hidden_space: SearchIndex) -> None:
    assert hidden_space.search("Kazali").suggestions == ("Khazali",)
    assert hidden_space.search("Ka\u200bzali").suggestions == ("Khazali",)


REPORTED_INVISIBLES = ["\u180e", "\u034f", "\u115f", "\u3164", "\u2062", "\u2064", "\u206a", "\ufe0f", "\u17b4"]
REPORTED_INVISIBLES += ["\U0001d173", "\U000e0020", "\U000e0061"]


@pytest.mark.parametrize("char", REPORTED_INVISIBLES, ids=[f"U+{ord(c):04X}" for c in REPORTED_INVISIBLES])
def test_a_name_with_any_default_ignorable_character_inside_is_found_and_suggested(tmp_path, char: str) -> None:  # type: ignore[no-untyped-def]
    from briefing.library import Library
    from tests.factories import alpha_tables, make_library_dir
    from tests.search.conftest import gamma_tables

    gamma = gamma_tables()
    gamma["actors"]["actor:qais-khazali"]["name"] = f"Qais Kha{char}zali"
    index = SearchIndex.open(None, Library.load([make_library_dir(tmp_path / "hidden", alpha_tables(), gamma)]))
    index.ensure_built()
    assert index.search("khazali").ids[0] == "actor:qais-khazali"
    assert index.search(f"kha{char}zali").ids[0] == "actor:qais-khazali"
    assert index.search('"qais khazali"').ids[0] == "actor:qais-khazali"
    hit = index.search("khazali").hits[0]
    assert [hit.title[s:e] for s, e in hit.title_spans] == [clean(f"Kha{char}zali")], "as shown, whole"
    assert index.search("Kazali").suggestions == ("Khazali",)
