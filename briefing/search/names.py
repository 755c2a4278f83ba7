"""Actors by name: what ``actor:NAME`` means, and "did you mean" for names misspelt.

Names and aliases are compared folded (case, diacritics), so ``actor:ghaani``
and ``actor:Qâani`` both find actor:esmail-qaani.  Suggestions look for the
nearest word of any actor's name or alias, first by a rough sound-alike key
(see ``folding.skeleton``), then by spelling: "Kazali" -> "Khazali".
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from briefing.library import Library
from briefing.model.entities import Actor, Claim
from briefing.model.ids import ID_RE
from briefing.search.folding import WORD_RE, skeleton, visible, words
from briefing.search.query import Query
from briefing.search.query_filters import KIND_WORDS


class ActorNames:
    """Lookups over every actor's names and aliases, built on first use."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._by_word: dict[str, set[str]] | None = None
        self._by_name: dict[str, set[str]] = {}
        self._written: dict[str, str] = {}

    def _tables(self) -> dict[str, set[str]]:
        if self._by_word is None:
            by_word: dict[str, set[str]] = defaultdict(set)
            by_name: dict[str, set[str]] = defaultdict(set)
            written: dict[str, str] = {}
            for actor in self.library.actors.values():
                for name in actor.names:
                    found = words(name)
                    by_name[" ".join(found)].add(actor.id)
                    for word in (*found, "".join(found)):
                        by_word[word].add(actor.id)
                    for match in WORD_RE.finditer(visible(name)):  # as suggested: nothing invisible in it
                        written.setdefault("".join(words(match.group())), match.group())
            self._by_name, self._written = dict(by_name), written
            self._by_word = dict(by_word)
        return self._by_word

    def warm(self) -> None:
        self._tables()

    def exactly(self, folded_words: list[str]) -> set[str]:
        """Actors with a name or alias of exactly these (folded) words."""
        self._tables()
        return self._by_name.get(" ".join(folded_words), set())

    def named(self, value: str) -> list[str]:
        """The actors ``actor:value`` means: an id or slug; else a whole name or alias; else all its words.

        A value ending in ``*`` takes its last word as the start of a word.
        """
        value = value.strip()
        for candidate in (value, f"actor:{value}"):
            if ID_RE.fullmatch(candidate) and candidate in self.library.actors:
                return [candidate]
        by_word = self._tables()
        prefix = value.endswith("*")
        asked = words(value.rstrip("*"))
        if not asked:
            return []
        if not prefix and (exact := self.exactly(asked)):
            return sorted(exact)
        found: set[str] | None = None
        for position, word in enumerate(asked):
            if prefix and position == len(asked) - 1:
                matching = {i for w, ids in by_word.items() if w.startswith(word) for i in ids}
            else:
                matching = by_word.get(word, set())
            found = matching if found is None else found & matching
        return sorted(found or ())

    def closest_word(self, word: str) -> str | None:
        """The word of an actor's name nearest to ``word`` (folded), as written; None if it is one or none is near."""
        self._tables()
        written = self._written
        if word in written or len(word) < 3:
            return None
        key = skeleton(word)
        same_sound = [w for w in written if abs(len(w) - len(word)) <= 3 and skeleton(w) == key]
        if same_sound:
            best = max(same_sound, key=lambda w: (difflib.SequenceMatcher(None, word, w).ratio(), w))
            return written[best]
        nearby = [w for w in written if abs(len(w) - len(word)) <= 2]
        close = difflib.get_close_matches(word, nearby, n=1, cutoff=0.8)
        return written[close[0]] if close else None

    def begins_a_word(self, start: str) -> bool:
        """Whether a word of some actor's name or alias starts with ``start`` (folded)."""
        self._tables()
        return any(word.startswith(start) for word in self._written)

    def corrected(self, folded_words: list[str] | tuple[str, ...]) -> str | None:
        fixed = [self.closest_word(word) for word in folded_words]
        if not any(fixed):
            return None
        return " ".join(f or w for f, w in zip(fixed, folded_words, strict=True))


def name_key(text: str) -> str:
    """A name as search compares it: case, accents, spaces and punctuation folded away ("Asa'ib" is "asaib")."""
    return "".join(words(text))


def entries_named(library: Library, value: str) -> list[str]:
    """The ids of the entries whose name, alias or title is ``value`` (compared as ``name_key`` does), sorted.

    Claims have no name (their label is their text), so none is found this way.
    """
    key = name_key(value)
    if not key:
        return []
    found = []
    for entity in library.entities():
        if isinstance(entity, Claim):
            continue
        names = entity.names if isinstance(entity, Actor) else (entity.label,)
        if any(name_key(name) == key for name in names):
            found.append(entity.id)
    return sorted(found)


DATE_WORD = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
"""A day or a month typed as a word ("rocket 2020-07-24"), which the text does not hold as such."""


def suggest(query: Query, names: ActorNames) -> tuple[str, ...]:
    """The query with near misses of actor names put right, a kind's name as a kind: filter, and a date
    typed as a word as the from: and to: filters of that day or month."""
    replacements: list[tuple[int, int, str]] = []
    kind_free = not query.filters_named("kind")
    dates_free = not query.filters_named("from") and not query.filters_named("to")
    for term in query.terms():
        start = term.column - 1 + (1 if term.quoted else 0)
        if kind_free and not term.quoted and len(term.words) == 1 and term.words[0] in KIND_WORDS:
            # Also as the word being typed ("Khazali claims" as you type is "Khazali claims*").
            replacements.append((start, start + len(term.raw), f"kind:{KIND_WORDS[term.words[0]]}"))
            kind_free = False
            continue
        if dates_free and not term.quoted and DATE_WORD.fullmatch(term.raw):
            replacements.append((start, start + len(term.raw), f"from:{term.raw} to:{term.raw}"))
            dates_free = False
            continue
        if term.prefix and names.begins_a_word(term.words[-1]):
            continue  # a name still being typed ("Khaz"); a start no name has ("Kazali" as typed) is a miss
        better = names.corrected(term.words)
        if better:
            replacements.append((start, start + len(term.raw), better))
    for flt in query.filters:
        if flt.name != "actor" or flt.negated or names.named(flt.value):
            continue
        better = names.corrected(words(flt.value))
        at = query.source.find(flt.value, flt.column - 1)
        if better and at >= 0:
            replacements.append((at, at + len(flt.value), f'"{better}"' if " " in better else better))
    text = query.source
    for start, end, better in sorted(replacements, reverse=True):
        text = text[:start] + better + text[end:]
    return (text,) if text != query.source else ()
