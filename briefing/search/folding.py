"""Folding text into the words the index stores and the query looks for.

Both sides of a search go through here, so "Qâani", "QAANI" and "qaani"
are one word, and a word is exactly what SQLite's unicode61 tokenizer
would make of it: a run of letters and digits.  Text is folded and split
in Python before it reaches FTS5, so what the index holds and what a query
asks for can never disagree.

Folding: compatibility decomposition, combining marks dropped, case folded,
a few letters that do not decompose spelled out (ø, ł, đ, ı, æ, œ, þ), and
the half rings of Arabic transliteration (ʿ ʾ) dropped, so "Baʿath" is
"baath", and characters that show nothing dropped (``INVISIBLE``), so that
"Kha\u200bzali" is "khazali" whichever side has the zero-width space.
A word written with an apostrophe inside ("Kata'ib", "Asa'ib") is indexed
both as its parts and joined, so "Kataib" finds it too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

INVISIBLE = "".join(
    map(
        chr,
        (
            0x00AD,  # soft hyphen
            0x061C,  # Arabic letter mark
            *range(0x200B, 0x2010),  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
            *range(0x202A, 0x202F),  # bidi embeddings and overrides
            0x2060,  # word joiner
            *range(0x2066, 0x206A),  # bidi isolates
            0xFEFF,  # zero-width no-break space (byte order mark)
        ),
    )
)
"""Characters that show nothing: a name written with one inside is the same name, to the index and to a query."""
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")

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
WORD_RE = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}{INVISIBLE}])*")
_ASCII_WORD_RE = re.compile(r"[a-z0-9]+")
# Words joined by an apostrophe, as transliterated names write them.
_PART = rf"[^\W_](?:[^\W_]|[{INVISIBLE}])*"
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
