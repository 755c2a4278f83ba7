"""What each capitalised run of a sentence names, and what the words around it say.

What kind of actor a name is comes from the gazetteer (states and their
demonyms, a few well-known bodies), from titles ("Foreign Minister Fuad
Hussein" is a person), from cue words inside the name ("Forces",
"Ministry", "News") and from the words around it ("a man named ...",
"militia head ...", ", the US special envoy ...").  Relations read off the
text ("Hadi al-Amiri's Fatah Alliance": he leads it) are kept as links on
the piece for ``briefing.ingest.actors`` to turn into draft relations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.ingest.gazetteer import (
    BY_VARIANT,
    CAPITALS,
    GENERIC_CUES,
    LEADING_ROLES,
    LONGEST_VARIANT,
    NAME_CUES,
    NOT_ACTORS,
    PARTICLES,
    PLACE_CUES,
    ROLE_WORDS,
    TITLES,
    Known,
)
from briefing.ingest.name_runs import Token, name_runs, tokens, word_role
from briefing.model.vocabulary import ActorKind, RelationType

ORGANISED = frozenset(
    {ActorKind.ORGANIZATION, ActorKind.ARMED_GROUP, ActorKind.AGENCY, ActorKind.COALITION, ActorKind.MEDIA}
)

_NAMED_RE = re.compile(r"\b(?:named|called|dubbed)\s+$")
_TITLE_BEFORE_RE = re.compile(rf"\b(?P<role>(?:[a-z][\w’'-]*\s+)?(?:{ROLE_WORDS}))\s+$")
_ROLE_BEFORE_RE = re.compile(
    rf"(?:^|[,;(]\s*|\b(?:and|while|but)\s+)(?:(?:the|a|an|another|former|then)\s+)*"
    rf"(?P<role>[^,;()]{{0,80}}?\b(?:{ROLE_WORDS})\b(?:\s+(?:of|for|to)\s+[^,;()]{{1,60}})?),\s+$"
)
_APPOSITIVE_RE = re.compile(
    rf"^,\s+(?:(?:the|a|an|now|then|formerly|former)\s+)*"
    rf"(?P<role>[^,;.()]{{0,80}}?\b(?:{ROLE_WORDS})\b[^,;.()]{{0,60}}?)\s*(?=[,;.]|$)"
)
_LEADING_ROLE_RE = re.compile(r"\b(?:" + "|".join(sorted(LEADING_ROLES)) + r")\b")
_LOCATIVE_RE = re.compile(
    r"(?:\b(?:in|near|at|outside|around|towards?|into|across|via|of the city of|city of|town of|province of"
    r"|village of|region of)"
    r"|\b(?:went|go|goes|going|travell?ed|travels|travell?ing|flew|flies|returned|moved|came|headed|relocated"
    r"|visited|visit|trip|journey|way|back)\s+to)"
    r"\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western)\s+)?$",
    re.IGNORECASE,
)
_PLACE_AFTER_RE = re.compile(
    r"^\s+(?:province|governorate|region|city|district|town|village|area|border|airport|base|camp|crossing)\b"
)
_OF_RE = re.compile(r"^\s+of\s+(?:the\s+)?$")
MAX_NAME_WORDS = 8
"""A longer capitalised run is Title Case text, not a name."""
_CONTEXT = 200
"""How far around a name its context is read, in characters."""


@dataclass(eq=False)
class Piece:
    """One name as found in one place of the text, with what the finder makes of it."""

    words: tuple[str, ...]
    paragraph: int
    start: int
    end: int
    possessive: bool
    initial: bool
    """It starts its sentence, where any word is capitalised."""
    kind: ActorKind | None = None
    """None: a single word that may still turn out to be a person's surname."""
    known: Known | None = None
    place: bool = False
    forced: bool = False
    """Its kind comes from evidence (a title, a cue word, the gazetteer), not from its shape alone."""
    role: str = ""
    links: list[tuple[RelationType, Piece]] = field(default_factory=list)
    """Relations from this piece to others: (type, target)."""
    part_of_known: Known | None = None
    owns: Piece | None = None
    """The name right after this one's possessive ending: "Khazali's [Asaib Ahl al-Haq]"."""

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _segment_mentions(token: Token, paragraph: int) -> list[Piece]:
    """States named inside hyphenated words: "pro-Iran", "Iranian-backed", "US-Iraq"."""
    found = []
    position = token.start
    for segment in token.text.split("-"):
        known = BY_VARIANT.get(segment)
        if known is not None:
            found.append(
                Piece((segment,), paragraph, position, position + len(segment), False, False, known.kind, known)
            )
        position += len(segment) + 1
    return found


def _cue_kind(words: Sequence[str]) -> ActorKind | None:
    for kind, cues in NAME_CUES:
        if any(word in cues for word in words):
            return kind
    return None


def _looks_like_person(words: Sequence[str]) -> bool:
    names = [w for w in words if w not in PARTICLES]
    return 2 <= len(names) <= 5 and all(
        not any(c.isdigit() for c in w) and not (len(w) > 1 and w.isupper()) and "." not in w for w in names
    )


def _piece(run: Sequence[Token], paragraph: int, initial: bool, **fields: object) -> Piece:
    return Piece(
        tuple(t.text for t in run),
        paragraph,
        run[0].start,
        run[-1].end,
        run[-1].possessive,
        initial,
        **fields,  # type: ignore[arg-type]
    )


def _known_prefix(run: Sequence[Token]) -> tuple[Known, int] | None:
    for size in range(min(LONGEST_VARIANT, len(run)), 0, -1):
        known = BY_VARIANT.get(" ".join(t.text for t in run[:size]))
        if known is not None:
            return known, size
    return None


def _title_at(words: Sequence[str]) -> tuple[int, int] | None:
    """The first title in a name and its length, when a name follows it."""
    for index in range(len(words) - 1):
        for title in TITLES:
            if tuple(words[index : index + len(title)]) == title and index + len(title) < len(words):
                return index, len(title)
    return None


def _classify(run: list[Token], paragraph: int, initial: bool) -> list[Piece]:
    """What a capitalised run names: one piece, or several (a title's owner and the person)."""
    words = [t.text for t in run]
    title = _title_at(words)
    if title is not None:
        index, size = title
        person = _piece(run[index + size :], paragraph, False, kind=ActorKind.PERSON, forced=True)
        person.role = " ".join(words[: index + size])
        owners = _classify(run[:index], paragraph, initial) if index else []
        for owner in owners:
            if owner.kind is not None and owner.kind is not ActorKind.PERSON and not owner.place:
                person.links.append((RelationType.OFFICIAL_OF, owner))
        return [*owners, person]
    prefix = _known_prefix(run)
    if prefix is not None:
        known, size = prefix
        if size == len(run):
            return [_piece(run, paragraph, initial, kind=known.kind, known=known, forced=True)]
        rest_kind = _cue_kind(words[size:])
        if rest_kind is not None:
            return [_piece(run, paragraph, initial, kind=rest_kind, forced=True, part_of_known=known)]
        head = _piece(run[:size], paragraph, initial, kind=known.kind, known=known, forced=True)
        return [head, *_classify(run[size:], paragraph, False)]
    if any(w in NOT_ACTORS for w in words):
        return []
    if words[-1] in PLACE_CUES or words[0] in ("Camp", "Mount", "Lake"):
        return [_piece(run, paragraph, initial, place=True)]
    kind = _cue_kind(words)
    if kind is not None:
        if all(w in GENERIC_CUES for w in words):
            return []
        return [_piece(run, paragraph, initial, kind=kind, forced=True)]
    if _looks_like_person(words):
        return [_piece(run, paragraph, initial, kind=ActorKind.PERSON)]
    if len(words) == 1:
        return [_piece(run, paragraph, initial)]
    return [_piece(run, paragraph, initial, kind=ActorKind.OTHER)]


def sentence_pieces(text: str, start: int, end: int, paragraph: int) -> list[Piece]:
    words = tokens(text[start:end], start)
    pieces: list[Piece] = []
    first = words[0].start if words else start
    for run in name_runs(text, words):
        if len(run) <= MAX_NAME_WORDS:
            pieces.extend(_classify(run, paragraph, run[0].start == first))
        else:  # Title Case Text, not a name: only the states and bodies the gazetteer knows
            pieces.extend(_classify([t], paragraph, t.start == first)[0] for t in run if t.text in BY_VARIANT)
    for token in words:
        if "-" in token.text and word_role(token.text) == "other":
            pieces.extend(_segment_mentions(token, paragraph))
    pieces.sort(key=lambda p: p.start)
    _read_context(text, start, end, pieces)
    return pieces


def _read_context(text: str, start: int, end: int, pieces: list[Piece]) -> None:
    """Roles, places and relations from the words around each name in one sentence."""
    for index, piece in enumerate(pieces):
        before = text[max(start, piece.start - _CONTEXT) : piece.start]
        after = text[piece.end : min(end, piece.end + _CONTEXT)]
        if piece.possessive:
            after = after[2:] if after[:2] in ("’s", "'s") else after[1:]
        previous = pieces[index - 1] if index else None
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        if _is_place(piece, before, after):
            piece.place = True
            continue
        if piece.kind in (ActorKind.PERSON, None) and piece.known is None:
            _read_person(text, piece, before, after, pieces, previous)
        if piece.possessive and following is not None and not text[piece.end : following.start].strip(" ’'s"):
            piece.owns = following
        if (
            piece.kind is ActorKind.PERSON
            and following is not None
            and _OF_RE.match(text[piece.end : following.start])
            and following.kind in ORGANISED
        ):
            leads = _LEADING_ROLE_RE.search(piece.role)
            piece.links.append((RelationType.LEADS if leads else RelationType.MEMBER_OF, following))


def _is_place(piece: Piece, before: str, after: str) -> bool:
    if piece.place:
        return True
    if piece.known is not None:
        return piece.text in CAPITALS and _LOCATIVE_RE.search(before) is not None
    if piece.forced:
        return False
    return _LOCATIVE_RE.search(before) is not None or _PLACE_AFTER_RE.match(after) is not None


def _read_person(text: str, piece: Piece, before: str, after: str, pieces: list[Piece], previous: Piece | None) -> None:
    title = _TITLE_BEFORE_RE.search(before)
    if _NAMED_RE.search(before):
        _make_person(piece, "")
    elif title is not None:
        role = title["role"]
        title_start = piece.start - len(before) + title.start("role")
        owner = previous if previous is not None and not text[previous.end : title_start].strip(" ’'s") else None
        if owner is not None and owner.kind in ORGANISED:
            role = f"{role} of {owner.text}"
            leads = _LEADING_ROLE_RE.search(title["role"])
            piece.links.append((RelationType.LEADS if leads else RelationType.OFFICIAL_OF, owner))
        _make_person(piece, role)
    elif (role_before := _ROLE_BEFORE_RE.search(before)) is not None:
        _make_person(piece, role_before["role"])
        offset = piece.start - len(before)
        _link_role(piece, offset + role_before.start("role"), offset + role_before.end("role"), pieces)
    elif (
        piece.kind is ActorKind.PERSON
        and not piece.possessive
        and (appositive := _APPOSITIVE_RE.match(after)) is not None
    ):
        _make_person(piece, appositive["role"])
        _link_role(piece, piece.end + appositive.start("role"), piece.end + appositive.end("role"), pieces)


def _make_person(piece: Piece, role: str) -> None:
    piece.kind, piece.forced = ActorKind.PERSON, True
    piece.role = piece.role or " ".join(role.split())


def _link_role(person: Piece, start: int, end: int, pieces: list[Piece]) -> None:
    """What a role names: "the head of Iran's IRGC Aerospace Force" leads it; "the US envoy" serves the US."""
    inside = [p for p in pieces if start <= p.start and p.end <= end and not p.place]
    if inside and inside[0].start == start and inside[0].kind is ActorKind.STATE:
        person.links.append((RelationType.OFFICIAL_OF, inside[0]))
    bodies = [p for p in inside if p.kind in ORGANISED and p.known is None]
    if bodies and _LEADING_ROLE_RE.search(person.role):
        person.links.append((RelationType.LEADS, bodies[-1]))
