"""Folding: the index and the query see the same words, whatever the spelling's accents and case."""

from __future__ import annotations

import sqlite3

import pytest

from briefing.search.folding import fold, index_text, index_words, skeleton, word_spans, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Esmaïl Qâani", ["esmail", "qaani"]),
        ("QAANI", ["qaani"]),
        ("Esmai\u0308l", ["esmail"]),  # decomposed diaeresis
        ("Baʿath", ["baath"]),
        ("Straße Øresund", ["strasse", "oresund"]),
        ("al-Khazali's group", ["al", "khazali", "s", "group"]),
        ("US-led_coalition", ["us", "led", "coalition"]),
    ],
)
def test_words_are_folded(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_fold_keeps_plain_text_as_it_is_but_for_case() -> None:
    assert fold("Convoy, Babil") == "convoy, babil"


def test_a_word_split_by_an_apostrophe_is_also_indexed_joined() -> None:
    assert index_words("Kata'ib Hizballah") == "kata ib hizballah kataib"
    assert "khazalis" not in index_words("Khazali's group")


@pytest.mark.parametrize("text", ["Esmaïl Qâani, al-Khazali's (AAH) group!", "US-led coalition: 5,000 troops", "x_y"])
def test_fts5_splits_index_text_into_exactly_our_words(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.execute("INSERT INTO t VALUES (?)", (index_text(text),))
    indexed = [term for (term,) in conn.execute("SELECT term FROM v ORDER BY offset")]
    assert indexed == words(text)


def test_word_spans_point_into_the_text_as_written() -> None:
    text = "Esmaïl Qâani met Kata'ib"
    spans = {word: text[start:end] for start, end, word in word_spans(text)}
    assert spans["qaani"] == "Qâani"
    assert spans["kataib"] == "Kata'ib"


def test_transliterations_share_a_skeleton() -> None:
    assert skeleton("Ghaani") == skeleton("Qaani") == skeleton("Ghani")
    assert skeleton("Kazali") == skeleton("Khazali")
    assert skeleton("Hezbollah") == skeleton("Hizbullah")
    assert skeleton("Khazali") != skeleton("Kadhimi")


INVISIBLES = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "zero-width no-break space": "\ufeff",
    "soft hyphen": "\u00ad",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "Arabic letter mark": "\u061c",
    **{f"bidi embedding or override U+{code:04X}": chr(code) for code in range(0x202A, 0x202F)},
    **{f"bidi isolate U+{code:04X}": chr(code) for code in range(0x2066, 0x206A)},
    # The rest of Unicode's Default_Ignorable_Code_Point, a few of each kind.
    "combining grapheme joiner": "\u034f",
    "Hangul choseong filler": "\u115f",
    "Hangul jungseong filler": "\u1160",
    "Hangul filler": "\u3164",
    "halfwidth Hangul filler": "\uffa0",
    "Khmer inherent vowel aq": "\u17b4",
    "Mongolian free variation selector": "\u180b",
    "Mongolian vowel separator": "\u180e",
    "invisible times": "\u2062",
    "invisible plus": "\u2064",
    "inhibit symmetric swapping": "\u206a",
    "variation selector 16": "\ufe0f",
    "reserved U+FFF0": "\ufff0",
    "shorthand format letter overlap": "\U0001bca0",
    "musical symbol begin beam": "\U0001d173",
    "language tag": "\U000e0001",
    "tag space": "\U000e0020",
    "tag latin small letter a": "\U000e0061",
    "variation selector 17": "\U000e0100",
    "reserved U+E0FFF": "\U000e0fff",
}


@pytest.mark.parametrize("char", INVISIBLES.values(), ids=INVISIBLES.keys())
def test_a_character_that_shows_nothing_is_folded_out_of_a_word(char: str) -> None:
    written = f"Qais Kha{char}zali"
    assert words(written) == ["qais", "khazali"]
    assert words(f"kha{char}zali") == words("khazali")
    assert index_text(written) == index_words(written) == "qais khazali"
    assert fold(f"{char}Qâani{char}") == "qaani"
    spans = [(written[start:end], word) for start, end, word in word_spans(written)]
    assert spans == [("Qais", "qais"), (f"Kha{char}zali", "khazali")], "the highlight covers the word as written"


@pytest.mark.parametrize("char", INVISIBLES.values(), ids=INVISIBLES.keys())
def test_fts5_splits_index_text_with_an_invisible_character_into_exactly_our_words(char: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.execute("INSERT INTO t VALUES (?)", (index_text(f"Kata'ib{char} Kha{char}zali's men"),))
    indexed = [term for (term,) in conn.execute("SELECT term FROM v ORDER BY offset")]
    assert indexed == ["kata", "ib", "khazali", "s", "men", "kataib"]


def test_visible_letters_that_look_alike_stay_apart() -> None:
    assert words("Khaza-li") == ["khaza", "li"], "a real hyphen still splits"
    assert words("Kha zali") == ["kha", "zali"], "a real space still splits"
