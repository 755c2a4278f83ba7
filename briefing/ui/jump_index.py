"""Every name in the library, matched as the reader types in the command palette.

Built once per library load: each entry's name (and each alias of an actor)
becomes one line of a single lower-case string, so a keystroke costs a few
scans in C rather than a Python loop over 100,000 entries.  Matches rank as
a reader expects: the name starts with the query, then a word does, then the
query appears anywhere, then its letters appear in order ("qkh" finds "Qais
Khazali"; from three letters on), shorter names first within each rank.  The
palette's commands are ranked the same way (:func:`rank_name`), so its two
kinds of hit interleave by how well they match.

Why not Textual's ``Matcher``: it parses candidates as markup when it
highlights them, and its fuzzy search tries every combination of letter
positions, which explodes on long claim texts; this index has neither
problem and gives the same kind of ranking.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from briefing.library import Library
from briefing.model.entities import Actor, Briefing
from briefing.model.vocabulary import EntityKind
from briefing.search.folding import INVISIBLE, visible
from briefing.text import shorten

MAX_CHARS = 100
"""Names and claim texts are cut to this length: enough to recognise, cheap to scan."""

FUZZY_CHARS = 48
"""Letters-in-order matching looks at the start of each name only: past that it finds noise, slowly."""

FUZZY_LETTERS = 3
"""Letters in order count as a match from this many on: with one or two, nearly every name has them."""

SCAN_LIMIT = 5000
"""At most this many matching lines are ranked per keystroke; more only happen for one or two letters."""

_KIND_ORDER = {
    EntityKind.BRIEFING: 0,
    EntityKind.ACTOR: 1,
    EntityKind.EVENT: 2,
    EntityKind.SOURCE: 3,
    EntityKind.CLAIM: 4,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    entity_id: str
    text: str
    """What the reader sees and matches against: one clean line."""
    kind: EntityKind
    alias_of: str = ""
    """For an actor's other name: the actor's main name."""
    briefing: str = ""
    """The title of the (first) briefing the entry belongs to."""


PREFIX, WORD, INSIDE, FUZZY = range(4)
"""How well a name matches, best first: it starts with the query, a word does, it holds it, it holds its letters."""


@dataclass(frozen=True, slots=True)
class Jump:
    candidate: Candidate
    tier: int
    spans: tuple[tuple[int, int], ...]
    """Matched character ranges of ``candidate.text``, to highlight."""


def _fold(text: str) -> str:
    """Lower case, one character for one: positions in the folded text are positions in ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def _query(text: str) -> str:
    return _fold(visible(" ".join(text.split())))


def _without_invisible(line: str) -> tuple[str, list[int] | None]:
    """``line`` without the characters that show nothing, and where each character left stands in ``line``.

    A name with a zero-width space inside ("Kha\u200bzali") is then found by
    what the reader types; None when there is nothing to take out.
    """
    if line.isascii() or line == (bare := visible(line)):
        return line, None
    return bare, [at for at, char in enumerate(line) if char not in INVISIBLE]


class _Lines:
    """Lines of text as one string, each found by its leading newline; positions map back to line numbers."""

    def __init__(self, lines: list[str]) -> None:
        self.blob = "\n" + "\n".join(lines)
        self.starts: list[int] = []
        position = 1
        for line in lines:
            self.starts.append(position)
            position += len(line) + 1
        self.starts.append(position)

    def line_at(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1


class JumpIndex:
    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        folded: list[str] = []
        self._positions: dict[int, list[int]] = {}
        """For a line that had invisible characters: where each character matched stands in its text."""
        for line, candidate in enumerate(candidates):
            bare, positions = _without_invisible(_fold(candidate.text))
            folded.append(bare)
            if positions is not None:
                self._positions[line] = positions
        self._text = _Lines(folded)
        self._heads = _Lines([line[:FUZZY_CHARS] for line in folded])
        self._last_fuzzy: tuple[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.candidates)

    @classmethod
    def build(cls, library: Library) -> JumpIndex:
        candidates: list[Candidate] = []
        titles = {bid: shorten(b.title, MAX_CHARS) for bid, b in library.briefings.items()}
        for entity in library.entities():
            if isinstance(entity, Briefing):
                where = ""
            elif isinstance(entity, Actor):
                where = titles.get(entity.briefings[0], "") if entity.briefings else ""
                if len(entity.briefings) > 1:
                    where += f" (+{len(entity.briefings) - 1})"
            else:
                where = titles.get(entity.briefing, "")
            name = shorten(entity.label, MAX_CHARS)
            if not name:
                continue
            candidates.append(Candidate(entity.id, name, entity.kind, "", where))
            if isinstance(entity, Actor):
                for alias in dict.fromkeys(entity.aliases):
                    other = shorten(alias, MAX_CHARS)
                    if other and other != name:
                        candidates.append(Candidate(entity.id, other, entity.kind, name, where))
        return cls(candidates)

    def search(self, query: str, limit: int = 40) -> list[Jump]:
        """The best ``limit`` matches for ``query``, best first."""
        q = _query(query)
        if not q or not self.candidates:
            return []
        found: dict[int, tuple[int, int]] = {}
        # Each tier ranks above the next: once one fills the page, the rest cannot change it.
        self._prefixes(q, found)
        if len(found) < limit:
            self._substrings(q, found)
        letters = q.replace(" ", "")
        if len(found) < limit and len(letters) >= FUZZY_LETTERS:
            self._fuzzy(letters, found)
        jumps: list[Jump] = []
        seen: set[str] = set()
        for line, (tier, offset) in sorted(found.items(), key=lambda item: (item[1][0], *self._order(item[0]))):
            entity_id = self.candidates[line].entity_id
            if entity_id not in seen:  # an actor found by two of its names is listed once, by the better
                seen.add(entity_id)
                jumps.append(self._jump(line, tier, offset, q, letters))
                if len(jumps) >= limit:
                    break
        return jumps

    def _order(self, line: int) -> tuple[int, int]:
        candidate = self.candidates[line]
        return (len(candidate.text), _KIND_ORDER.get(candidate.kind, 9))

    def _jump(self, line: int, tier: int, offset: int, q: str, letters: str) -> Jump:
        if tier < FUZZY:
            spans: tuple[tuple[int, int], ...] = ((offset, offset + len(q)),)
        else:
            found = _letter_spans(letters, self._heads.blob, self._heads.starts[line])
            assert found is not None
            spans = found
        positions = self._positions.get(line)
        if positions is not None:
            spans = tuple((positions[begin], positions[end - 1] + 1) for begin, end in spans)
        return Jump(self.candidates[line], tier, spans)

    def _prefixes(self, q: str, found: dict[int, tuple[int, int]]) -> None:
        text = self._text
        for match in re.finditer("\n" + re.escape(q), text.blob):
            found[text.line_at(match.start() + 1)] = (PREFIX, 0)
            if len(found) >= SCAN_LIMIT:
                return

    def _substrings(self, q: str, found: dict[int, tuple[int, int]]) -> None:
        """Lines with ``q`` at the start of a word, then anywhere; a line's best occurrence counts."""
        text = self._text
        blob = text.blob
        position = blob.find(q, 1)
        while position != -1:
            line = text.line_at(position)
            tier = WORD if not blob[position - 1].isalnum() else INSIDE
            if line not in found or found[line][0] > tier:
                if line not in found and len(found) >= SCAN_LIMIT:
                    return
                found[line] = (tier, position - text.starts[line])
            position = blob.find(q, position + 1)

    def _fuzzy(self, letters: str, found: dict[int, tuple[int, int]]) -> None:
        for line in self._fuzzy_lines(letters):
            if line not in found:
                found[line] = (FUZZY, 0)
                if len(found) >= SCAN_LIMIT:
                    return

    def _fuzzy_lines(self, letters: str) -> list[int]:
        """Lines whose start has ``letters`` in this order.

        Typing narrows: when ``letters`` extend the last query's, only the
        last query's lines are tried again.
        """
        pattern = _fuzzy_pattern(letters)
        last = self._last_fuzzy
        heads = self._heads
        if last is not None and letters.startswith(last[0]) and len(last[1]) < SCAN_LIMIT:
            lines = [line for line in last[1] if pattern.match(heads.blob, heads.starts[line] - 1)]
        else:
            lines = []
            for match in pattern.finditer(heads.blob):
                lines.append(heads.line_at(match.start() + 1))
                if len(lines) >= SCAN_LIMIT:
                    break
        self._last_fuzzy = (letters, lines)
        return lines


def rank_name(query: str, name: str) -> tuple[int, tuple[tuple[int, int], ...]] | None:
    """How one short name (a palette command's) matches ``query``, ranked as the index ranks entries.

    The tier and the matched character ranges, or None when it does not match.
    """
    q = _query(query)
    folded = _fold(name)
    if not q:
        return None
    places = [match.start() for match in re.finditer(re.escape(q), folded)]
    if places:
        at, tier = places[0], INSIDE
        if at == 0:
            tier = PREFIX
        elif (word := next((p for p in places if not folded[p - 1].isalnum()), None)) is not None:
            at, tier = word, WORD
        return tier, ((at, at + len(q)),)
    letters = q.replace(" ", "")
    if len(letters) < FUZZY_LETTERS:
        return None
    spans = _letter_spans(letters, "\n" + folded[:FUZZY_CHARS], 1)
    return None if spans is None else (FUZZY, spans)


def _letter_spans(letters: str, blob: str, start: int) -> tuple[tuple[int, int], ...] | None:
    """Where each of ``letters`` falls, in order, in the line of ``blob`` that begins at ``start`` (its newline
    just before); positions are in that line."""
    match = _fuzzy_pattern(letters, capture=True).match(blob, start - 1)
    if match is None:
        return None
    return tuple((match.start(g) - start, match.end(g) - start) for g in range(1, len(letters) + 1))


def _fuzzy_pattern(letters: str, *, capture: bool = False) -> re.Pattern[str]:
    """A line (from its leading newline) holding ``letters`` in order.

    Each gap is possessive and stops at the next wanted letter, so a line is
    scanned once from its start: taking each letter at its leftmost place
    finds a match whenever there is one, with no backtracking to explode.
    """
    wrap = "({})" if capture else "{}"
    return re.compile("\n" + "".join(f"(?>[^\n{re.escape(c)}]*)" + wrap.format(re.escape(c)) for c in letters))
