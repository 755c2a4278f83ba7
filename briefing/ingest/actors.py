"""Actors named in an article: capitalised names, their kinds, roles and links.

A name is a run of capitalised words, kept together across Arabic particles
("Asaib Ahl al-Haq", "Harakat Hezbollah al-Nujaba", "Osama bin Laden").
What kind of actor it is comes from the gazetteer (states and their
demonyms, a few well-known bodies), from titles ("Foreign Minister Fuad
Hussein" is a person), from cue words inside the name ("Forces", "Ministry",
"News") and from the words around it ("a man named ...", "militia head ...",
", the US special envoy ...").  Variants of one person ("Qais Khazali",
"Khazali", "Khazali's") merge into one actor with aliases.  Relations read
off the text ("Hadi al-Amiri's Fatah Alliance": he leads it) are drafts and
say so in their note.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefing.ingest.gazetteer import (
    BREAK_WORDS,
    BY_VARIANT,
    CAPITALS,
    GENERIC_CUES,
    LEADING_ROLES,
    LONGEST_VARIANT,
    NAME_CUES,
    NOT_ACTORS,
    ORG_OF_HEADS,
    PARTICLES,
    PLACE_CUES,
    ROLE_WORDS,
    STOP_WORDS,
    TITLE_ABBREVIATIONS,
    TITLES,
    Known,
)
from briefing.ingest.text import Paragraph
from briefing.model.entities import Relation
from briefing.model.ids import make_id, slugify
from briefing.model.vocabulary import ActorKind, EntityKind, RelationType

DRAFT_NOTE = "draft"
"""The note on every relation the extractor guesses, for the editor to confirm."""

ORGANISED = frozenset(
    {ActorKind.ORGANIZATION, ActorKind.ARMED_GROUP, ActorKind.AGENCY, ActorKind.COALITION, ActorKind.MEDIA}
)

_TOKEN_RE = re.compile(r"[‘ʿ']?[^\W_][\w’'ʿ.\-]*")
_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.){2,}")
_PARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|ad|adh|an|ar|as|ash|at|az|ul)-(?=[A-Z‘ʿ'])", re.IGNORECASE)
_LOWER_PARTICLE_RE = re.compile(r"(?:al|el|ad|adh|an|ar|as|ash|at|az|ul|bin|ibn)-[A-Z‘ʿ']")
_APOSTROPHE_NAMES = frozenset({"Abd", "Abdul", "Abdel", "Abbas", "Ali", "Umar", "Uthman"})

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


@dataclass(frozen=True, slots=True)
class Mention:
    actor: str
    paragraph: int
    start: int
    end: int
    text: str
    possessive: bool = False


@dataclass
class FoundActor:
    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    relations: list[Relation] = field(default_factory=list)
    mentions: int = 0
    paragraphs: list[int] = field(default_factory=list)


@dataclass
class Findings:
    """The actors of an article, every mention of them, and the places named."""

    actors: dict[str, FoundActor]
    mentions: list[Mention]
    """In reading order: by paragraph, then position."""
    places: list[Piece]
    _by_paragraph: dict[int, tuple[list[int], list[Mention]]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        grouped: dict[int, list[Mention]] = defaultdict(list)
        for mention in self.mentions:
            grouped[mention.paragraph].append(mention)
        self._by_paragraph = {n: ([m.start for m in ms], ms) for n, ms in grouped.items()}

    def in_span(self, paragraph: int, start: int, end: int) -> list[Mention]:
        """The mentions lying wholly inside a span of one paragraph."""
        starts, mentions = self._by_paragraph.get(paragraph, ([], []))
        found = []
        for mention in mentions[bisect_left(starts, start) :]:
            if mention.start >= end:
                break
            if mention.end <= end:
                found.append(mention)
        return found


def _word_role(word: str) -> str:
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


def _sequences(text: str, words: Sequence[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in words:
        role = _word_role(token.text)
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
    while start < end and (run[start].text in STOP_WORDS or _word_role(run[start].text) != "cap"):
        start += 1
    while end > start and _word_role(run[end - 1].text) != "cap":
        end -= 1
    return run[start:end]


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


def _sentence_pieces(text: str, start: int, end: int, paragraph: int) -> list[Piece]:
    words = tokens(text[start:end], start)
    pieces: list[Piece] = []
    first = words[0].start if words else start
    for run in _sequences(text, words):
        if len(run) <= MAX_NAME_WORDS:
            pieces.extend(_classify(run, paragraph, run[0].start == first))
        else:  # Title Case Text, not a name: only the states and bodies the gazetteer knows
            pieces.extend(_classify([t], paragraph, t.start == first)[0] for t in run if t.text in BY_VARIANT)
    for token in words:
        if "-" in token.text and _word_role(token.text) == "other":
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


def _possessive_relation(owner: FoundActor, owned: FoundActor) -> tuple[FoundActor, RelationType, FoundActor] | None:
    """ "X's Y": a person's body is one they lead; a state's or a body's body is part of it."""
    if owner.kind is ActorKind.PERSON and owned.kind in ORGANISED:
        return owner, RelationType.LEADS, owned
    if owner.kind in ORGANISED | {ActorKind.STATE} and owned.kind in ORGANISED:
        return owned, RelationType.PART_OF, owner
    if owner.kind in ORGANISED | {ActorKind.STATE} and owned.kind is ActorKind.PERSON:
        return owned, RelationType.OFFICIAL_OF, owner
    return None


def _bare(word: str) -> str:
    return _PARTICLE_PREFIX_RE.sub("", word).lower()


def _person_key(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(_bare(w) for w in words if w not in PARTICLES)


def find_actors(paragraphs: Sequence[Paragraph]) -> Findings:
    """The actors named in an article's paragraphs, merged, with every mention counted."""
    pieces: list[Piece] = []
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            pieces.extend(_sentence_pieces(paragraph.text, sentence.start, sentence.end, paragraph.number))
    return _merge(pieces)


def _group_key(piece: Piece) -> tuple[str, ...] | None:
    if piece.place:
        return None
    if piece.known is not None:
        return ("known", piece.known.slug)
    if piece.kind is ActorKind.PERSON:
        return ("person", *_person_key(piece.words))
    if piece.kind is not None:
        return ("body", *(_bare(w) for w in piece.words))
    return None


def _merge(pieces: list[Piece]) -> Findings:
    groups: dict[tuple[str, ...], list[Piece]] = defaultdict(list)
    unknown: list[Piece] = []
    for piece in pieces:
        key = _group_key(piece)
        if key is not None:
            groups[key].append(piece)
        elif not piece.place and piece.kind is None:
            unknown.append(piece)
    surnames: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for key in groups:
        if key[0] == "person" and len(key) > 2:
            surnames[key[-1]].add(key)
    for key in [k for k in groups if k[0] == "person" and len(k) == 2]:
        owners = surnames.get(key[1], set())
        if len(owners) == 1:
            groups[next(iter(owners))].extend(groups.pop(key))
    for piece in unknown:
        owners = surnames.get(_bare(piece.words[0]), set())
        if len(owners) == 1:
            groups[next(iter(owners))].append(piece)
        else:
            groups[("other", _bare(piece.words[0]))].append(piece)
    for key in [k for k in groups if k[0] == "other"]:
        if sum(not p.initial for p in groups[key]) < 2:
            del groups[key]
        else:
            for piece in groups[key]:
                piece.kind = ActorKind.OTHER
    return _build(groups, [p for p in pieces if p.place])


def _canonical(group: list[Piece]) -> Piece:
    known = next((p.known for p in group if p.known is not None), None)
    if known is not None:
        return next(p for p in group if p.known is known)
    longest = max(range(len(group)), key=lambda i: (len(group[i].words), group[i].kind is not None, -i))
    return group[longest]


def _build(groups: dict[tuple[str, ...], list[Piece]], places: list[Piece]) -> Findings:
    actors: dict[str, FoundActor] = {}
    owner_of: dict[int, str] = {}
    for group in groups.values():
        head = _canonical(group)
        known = head.known
        name = known.name if known else head.text
        kind = known.kind if known else _group_kind(group)
        actor_id = make_id(EntityKind.ACTOR, known.slug if known else slugify(name))
        actor_id = _unique(actor_id, actors)
        forms = Counter(p.text for p in group)
        aliases = [form for form in forms if form.lower() != name.lower()]
        role = next((p.role for p in group if p.role and p.kind is ActorKind.PERSON), "")
        paragraphs = sorted({p.paragraph for p in group})
        actors[actor_id] = FoundActor(actor_id, name, kind, aliases, role, [], len(group), paragraphs)
        for piece in group:
            owner_of[id(piece)] = actor_id
    for group in groups.values():
        for piece in group:
            _add_relations(actors, owner_of, piece)
    for actor in actors.values():
        if actor.kind is ActorKind.PERSON and not actor.role:
            led = [actors[r.target].name for r in actor.relations if r.type is RelationType.LEADS]
            actor.role = f"leader of {led[0]}" if led else ""
    mentions = sorted(
        (
            Mention(owner_of[id(p)], p.paragraph, p.start, p.end, p.text, p.possessive)
            for group in groups.values()
            for p in group
        ),
        key=lambda m: (m.paragraph, m.start),
    )
    return Findings(actors, mentions, places)


def _group_kind(group: list[Piece]) -> ActorKind:
    kinds = Counter(p.kind for p in group if p.kind is not None and p.forced) or Counter(
        p.kind for p in group if p.kind is not None
    )
    return kinds.most_common(1)[0][0] if kinds else ActorKind.OTHER


def _unique(actor_id: str, taken: dict[str, FoundActor]) -> str:
    candidate, number = actor_id, 2
    while candidate in taken:
        candidate = f"{actor_id}-{number}"
        number += 1
    return candidate


def _add_relations(actors: dict[str, FoundActor], owner_of: dict[int, str], piece: Piece) -> None:
    subject = actors[owner_of[id(piece)]]
    found = [
        (subject, relation, actors[owner_of[id(target)]]) for relation, target in piece.links if id(target) in owner_of
    ]
    if piece.part_of_known is not None:
        state_id = make_id(EntityKind.ACTOR, piece.part_of_known.slug)
        if state_id in actors:
            found.append((subject, RelationType.PART_OF, actors[state_id]))
    if piece.owns is not None and id(piece.owns) in owner_of:
        possessive = _possessive_relation(subject, actors[owner_of[id(piece.owns)]])
        if possessive is not None:
            found.append(possessive)
    for source, relation, target in found:
        if target is not source and all((r.type, r.target) != (relation, target.id) for r in source.relations):
            source.relations.append(Relation(relation, target.id, DRAFT_NOTE))
