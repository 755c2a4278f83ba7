"""An article's words and the capitalised runs among them that may be names.

A run is kept together across Arabic particles ("Asaib Ahl al-Haq",
"Osama bin Laden") and, after a few heads ("Ministry of ..."), across
"of"; possessive endings ("Khazali's") are split off a word and end its run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.ingest.gazetteer import (
    BREAK_WORDS,
    BY_VARIANT,
    ORG_OF_HEADS,
    PARTICLES,
    STOP_WORDS,
    TITLE_ABBREVIATIONS,
)

_TOKEN_RE = re.compile(r"[‘ʿ']?[^\W_][\w’'ʿ.\-]*")
_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.){2,}")
_LOWER_PARTICLE_RE = re.compile(r"(?:al|el|ad|adh|an|ar|as|ash|at|az|ul|bin|ibn)-[A-Z‘ʿ']")
_APOSTROPHE_NAMES = frozenset({"Abd", "Abdul", "Abdel", "Abbas", "Ali", "Umar", "Uthman"})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    """The word without a possessive ending."""
    start: int
    end: int
    """Where the word ends, before any possessive ending."""
    raw_end: int
    possessive: bool = False


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words of a text, possessive endings ("Khazali’s") split off, abbreviations ("U.S.", "Gen.") kept."""
    out: list[Token] = []
    for match in _TOKEN_RE.finditer(text):
        word, start = match.group(), match.start()
        raw_end = match.end()
        if word[0] in "‘ʿ'" and word[1:].split("-")[0] not in _APOSTROPHE_NAMES:
            word, start = word[1:], start + 1
        possessive = False
        if len(word) > 2 and word[-2:] in ("’s", "'s"):
            word, possessive = word[:-2], True
        elif len(word) > 2 and word[-1] in "’'" and word[-2] == "s":
            word, possessive = word[:-1], True
        if word.endswith(".") and not _ACRONYM_RE.fullmatch(word) and word not in TITLE_ABBREVIATIONS:
            word = word.rstrip(".")
        word = word.rstrip("-’'")
        if word:
            out.append(Token(word, offset + start, offset + start + len(word), offset + raw_end, possessive))
    return out


def word_role(word: str) -> str:
    """How a word can take part in a name: "cap", "particle", "connector" or "other"."""
    if _LOWER_PARTICLE_RE.match(word):
        return "cap"
    if word in PARTICLES:
        return "particle"
    if word in ("of", "for"):
        return "connector"
    letters = [c for c in word if c.isalpha()]
    if not letters or not letters[0].isupper():
        return "other"
    if "-" in word:
        segments = [s for s in word.split("-") if s]
        if any(s[:1].islower() for s in segments[1:]) or any(s in BY_VARIANT for s in segments):
            return "other"  # "Iranian-backed", "U.S.-led", "US-Iraq": named parts, no name
    return "cap"


def name_runs(text: str, words: Sequence[Token]) -> list[list[Token]]:
    """The runs of ``words`` (tokens of ``text``) that may be names, trimmed of stop words and lower-case ends."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in words:
        role = word_role(token.text)
        joined = bool(current) and not current[-1].possessive and not text[current[-1].raw_end : token.start].strip()
        if role == "cap" and token.text not in BREAK_WORDS:
            if not joined:
                runs.append(current)
                current = []
            current.append(token)
        elif joined and (role == "particle" or (role == "connector" and current[-1].text in ORG_OF_HEADS)):
            current.append(token)
        else:
            runs.append(current)
            current = []
    runs.append(current)
    return [trimmed for run in runs if (trimmed := _trim(run))]


def _trim(run: list[Token]) -> list[Token]:
    start, end = 0, len(run)
    while start < end and (run[start].text in STOP_WORDS or word_role(run[start].text) != "cap"):
        start += 1
    while end > start and word_role(run[end - 1].text) != "cap":
        end -= 1
    return run[start:end]
