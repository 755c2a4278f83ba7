"""Folding text into the words the index stores and the query looks for.

Both sides of a search go through here, so "Qâani", "QAANI" and "qaani"
are one word, and a word is exactly what SQLite's unicode61 tokenizer
would make of it: a run of letters and digits.  Text is folded and split
in Python before it reaches FTS5, so what the index holds and what a query
asks for can never disagree.

Folding: compatibility decomposition, combining marks dropped, case folded,
a few letters that do not decompose spelled out (ø, ł, đ, ı, æ, œ, þ), and
the half rings of Arabic transliteration (ʿ ʾ) dropped, so "Baʿath" is
"baath", and characters that show nothing dropped (``INVISIBLE``: Unicode's
Default_Ignorable_Code_Point, from the zero-width space to the tag
characters), so that "Kha\u200bzali" is "khazali" whichever side has it.
A word written with an apostrophe inside ("Kata'ib", "Asa'ib") is indexed
both as its parts and joined, so "Kataib" finds it too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates, deprecated format characters
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (byte order mark)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),  # reserved
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags, variation selectors supplement, reserved
)
"""Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): what a font shows as nothing."""

INVISIBLE = frozenset(chr(code) for low, high in INVISIBLE_RANGES for code in range(low, high + 1))
"""Characters that show nothing: a name written with one inside is the same name, to the index and to a query."""
INVISIBLE_CLASS = "".join(chr(low) if low == high else f"{chr(low)}-{chr(high)}" for low, high in INVISIBLE_RANGES)
"""``INVISIBLE`` as the inside of a regular expression's character class (``[...]``)."""
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CLASS}]")

_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ħ": "h",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "ŋ": "n",
        "ʿ": None,  # ayn, as in Baʿath
        "ʾ": None,  # hamza
        "ʻ": None,
        "ʼ": None,
        **dict.fromkeys(INVISIBLE),
    }
)

# A word: letters and digits.  Combining marks may follow a letter (text in
# decomposed form) and belong to it, and so does an invisible character
# inside a word as written (folding drops it).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD_RE = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}{INVISIBLE_CLASS}])*")
_ASCII_WORD_RE = re.compile(r"[a-z0-9]+")
# Words joined by an apostrophe, as transliterated names write them.
_PART = rf"[^\W_](?:[^\W_]|[{INVISIBLE_CLASS}])*"
_APOSTROPHE_RE = re.compile(rf"{_PART}(?:['’‘`]{_PART})+")
_APOSTROPHES = str.maketrans("", "", "'’‘`")


def visible(text: str) -> str:
    """``text`` without the characters that show nothing (``INVISIBLE``), as it is written otherwise."""
    return text if text.isascii() else _INVISIBLE_RE.sub("", text)


def fold(text: str) -> str:
    """Text with case and diacritics folded: "Esmaïl Qâani" -> "esmail qaani"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold().translate(_LETTERS)


def words(text: str) -> list[str]:
    """The folded words of ``text``, as the index sees them."""
    folded = fold(text)
    if folded.isascii():
        return _ASCII_WORD_RE.findall(folded)
    return WORD_RE.findall(folded)


def joined_words(text: str) -> list[str]:
    """Words that an apostrophe splits, joined ("Kata'ib" -> "kataib"); possessives left out."""
    if "'" not in text and "’" not in text and "‘" not in text and "`" not in text:
        return []
    found = []
    for match in _APOSTROPHE_RE.finditer(text):
        raw = match.group()
        if raw[-2:].lower() in ("'s", "’s") and raw.count("'") + raw.count("’") == 1:
            continue
        found.extend(words(raw.translate(_APOSTROPHES)))
    return found


def index_text(*texts: str) -> str:
    """The words of ``texts`` as one string for FTS5, which splits it exactly into ``words``."""
    out: list[str] = []
    for text in texts:
        if not text:
            continue
        if text.isascii():
            # unicode61 splits plain ASCII exactly as ``words`` does (letters and digits; the rest separates).
            out.append(text.lower())
        else:
            out.extend(words(text))
        out.extend(joined_words(text))
    return " ".join(out)


def index_words(*texts: str) -> str:
    """The words of ``texts`` separated by single spaces: " ".join(words), for fields matched as text too."""
    out: list[str] = []
    for text in texts:
        if text:
            out.extend(words(text))
            out.extend(joined_words(text))
    return " ".join(out)


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Each word of ``text`` (unfolded) as (start, end, folded word), for highlighting."""
    for match in WORD_RE.finditer(text):
        folded = words(match.group())
        if folded:
            yield match.start(), match.end(), "".join(folded)
    for match in _APOSTROPHE_RE.finditer(text):
        joined = words(match.group().translate(_APOSTROPHES))
        if joined:
            yield match.start(), match.end(), "".join(joined)


_SKELETON_STEPS = (
    ("kh", "k"),
    ("gh", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("q", "k"),
    ("c", "k"),
    ("g", "k"),
    ("ou", "u"),
    ("o", "u"),
    ("ee", "i"),
    ("e", "i"),
    ("y", "i"),
    ("w", "u"),
)
_DOUBLES = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """A rough sound-alike key for transliterated names: Ghaani, Qaani -> kani.

    Only for suggestions ("did you mean"): it is too loose to match on.
    """
    key = fold(word)
    for old, new in _SKELETON_STEPS:
        key = key.replace(old, new)
    key = _DOUBLES.sub(r"\1", key)
    return key
