"""The command palette's matching: names and aliases, best matches first, one row per entry."""

from __future__ import annotations

import pytest

from briefing.library import Library
from briefing.model.vocabulary import EntityKind
from briefing.ui.jump_index import FUZZY, INSIDE, PREFIX, WORD, Candidate, JumpIndex, rank_name
from tests.search.test_index import REPORTED_INVISIBLES


def names(index: JumpIndex, query: str, limit: int = 40) -> list[str]:
    return [jump.candidate.text for jump in index.search(query, limit)]


def index_of(*texts: str) -> JumpIndex:
    return JumpIndex([Candidate(f"actor:a{i}", text, EntityKind.ACTOR) for i, text in enumerate(texts)])


def test_every_kind_of_entry_is_found_by_its_name(small_library: Library) -> None:
    index = JumpIndex.build(small_library)
    for entity in small_library.entities():
        assert index.search(entity.label)[0].candidate.entity_id == entity.id


def test_an_alias_finds_the_actor_and_says_whose_alias_it_is(small_library: Library) -> None:
    index = JumpIndex.build(small_library)
    (jump,) = index.search("ghaani", 5)
    assert jump.candidate.entity_id == "actor:ghaani"
    assert jump.candidate.alias_of == "Esmail Qaani"
    assert jump.candidate.briefing == "Alpha crisis (+1)"


def test_an_entry_matched_by_several_names_is_listed_once(small_library: Library) -> None:
    index = JumpIndex.build(small_library)
    ids = [jump.candidate.entity_id for jump in index.search("qaani")]
    assert ids.count("actor:ghaani") == 1


def test_ranking_prefix_then_word_then_inside_then_letters_in_order() -> None:
    index = index_of("Mosul attack", "Kataib Hezbollah", "Hezbollah", "Hezb", "Baghdad hez", "achez", "h-e-z")
    jumps = index.search("hez")
    assert [j.candidate.text for j in jumps] == [
        "Hezb",
        "Hezbollah",
        "Baghdad hez",
        "Kataib Hezbollah",
        "achez",
        "h-e-z",
    ]
    assert [j.tier for j in jumps] == [PREFIX, PREFIX, WORD, WORD, INSIDE, FUZZY]


def test_matching_ignores_case_and_spacing_and_marks_the_matched_letters() -> None:
    index = index_of("Qais Khazali")
    (jump,) = index.search("  QAIS   kh ")
    assert jump.spans == ((0, 7),)
    (fuzzy,) = index.search("qkh")
    assert [jump.candidate.text[a:b] for a, b in fuzzy.spans] == ["Q", "K", "h"]


def test_typing_narrows_and_a_new_query_starts_afresh() -> None:
    index = index_of("Qais Khazali", "Qaani", "Hadi al-Amiri")
    assert names(index, "qkz") == ["Qais Khazali"]
    assert names(index, "qkzl") == ["Qais Khazali"]
    assert names(index, "hmr") == ["Hadi al-Amiri"]
    assert names(index, "qkz") == ["Qais Khazali"]
    assert names(index, "qz") == [], "two letters apart are too little to go on"


def test_no_match_and_empty_queries_find_nothing() -> None:
    index = index_of("Qais Khazali")
    assert index.search("xyz") == []
    assert index.search("   ") == []
    assert JumpIndex([]).search("a") == []


def test_regex_characters_in_the_query_are_plain_letters() -> None:
    index = index_of("a.b (c) [d]*", "axb")
    assert names(index, "a.b") == ["a.b (c) [d]*"]
    assert names(index, "[d]*") == ["a.b (c) [d]*"]
    assert names(index, "(c") == ["a.b (c) [d]*"]


def test_letters_that_change_length_in_lower_case_keep_positions_right() -> None:
    index = index_of("İstanbul office")
    (jump,) = index.search("office")
    start, end = jump.spans[0]
    assert jump.candidate.text[start:end] == "office"


def test_results_are_limited() -> None:
    index = index_of(*(f"Actor {i}" for i in range(500)))
    assert len(index.search("actor", 25)) == 25


def test_a_name_with_an_invisible_character_inside_is_found_and_marked_as_written() -> None:
    index = index_of("Qais Kha\u200bzali", "\u2067Asaib Ahl al-\u00adHaq\u2069", "Kadhimi")
    (jump,) = index.search("khazali")
    assert jump.candidate.text == "Qais Kha\u200bzali" and jump.tier == WORD
    assert [jump.candidate.text[s:e] for s, e in jump.spans] == ["Kha\u200bzali"]
    assert names(index, "qais kha") == ["Qais Kha\u200bzali"]
    assert names(index, "asaib ahl al-haq") == ["\u2067Asaib Ahl al-\u00adHaq\u2069"]
    assert names(index, "kha\u200bza\u00adli") == ["Qais Kha\u200bzali"], "nor does an invisible character typed count"
    (fuzzy,) = index.search("qkz")
    assert [fuzzy.candidate.text[s:e] for s, e in fuzzy.spans] == ["Q", "K", "z"]


@pytest.mark.parametrize("char", REPORTED_INVISIBLES, ids=[f"U+{ord(c):04X}" for c in REPORTED_INVISIBLES])
def test_a_name_with_any_default_ignorable_character_inside_is_jumped_to(char: str) -> None:
    index = index_of(f"Qais Kha{char}zali", "Kadhimi")
    (jump,) = index.search("khazali")
    assert jump.tier == WORD and [jump.candidate.text[s:e] for s, e in jump.spans] == [f"Kha{char}zali"]
    assert names(index, f"kha{char}zali") == [f"Qais Kha{char}zali"]


def test_one_or_two_letters_match_names_that_hold_them_not_names_with_them_scattered() -> None:
    index = index_of("Kataib Hezbollah", "KH", "Kurdish region", "Attack on a British convoy")
    assert names(index, "kh") == ["KH"]
    assert names(index, "k") == ["KH", "Kurdish region", "Kataib Hezbollah", "Attack on a British convoy"]
    assert names(index, "kdr") == ["Kurdish region"], "from three letters on, letters in order count"


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("time", "Timeline", (PREFIX, ((0, 4),))),
        ("hit", "Next search hit", (WORD, ((12, 15),))),
        ("ation", "Copy citation", (INSIDE, ((8, 13),))),
        ("  COPY  ID ", "Copy id", (PREFIX, ((0, 7),))),
        ("ti", "Edit note in $EDITOR", None),
        ("ti", "Copy citation", (INSIDE, ((9, 11),))),
        ("ti", "Next search hit", None),
        ("nsh", "Next search hit", (FUZZY, ((0, 1), (5, 6), (10, 11)))),
        ("", "Timeline", None),
    ],
)
def test_a_command_name_is_ranked_as_an_entry_is(
    query: str, name: str, expected: tuple[int, tuple[tuple[int, int], ...]] | None
) -> None:
    assert rank_name(query, name) == expected
