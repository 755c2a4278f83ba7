"""Events: every dated mention in an article, with a kind guessed from the words around it.

"Convoys were attacked by IEDs on July 23; August 3, 9 ..." is one event per
date, each of the same kind.  The kind comes from the cue word nearest the
date in its sentence (an IED, rockets fired, an airstrike, a visit ...); a
bare "attack" counts only when nothing more specific is said.  Titles are
built from the kind, the target, the place and the date, so they are our
words already; the editor still checks them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.ingest.actors import Findings
from briefing.ingest.dates import DateMention
from briefing.ingest.text import Paragraph, Sentence
from briefing.model.dates import When
from briefing.model.vocabulary import ActorKind

OTHER = "other-strategic-development"


@dataclass(frozen=True, slots=True)
class Cue:
    pattern: re.Pattern[str]
    kind: str
    phrase: str
    """How a title starts: "IED attack", "Visit"."""
    specific: bool = True


def _cue(pattern: str, kind: str, phrase: str, specific: bool = True) -> Cue:
    return Cue(re.compile(pattern, re.IGNORECASE), kind, phrase, specific)


CUES: tuple[Cue, ...] = (
    _cue(
        r"\bIEDs?\b|\broadside\b|\bexplosive devices?\b|\bexplosives?\b|\bbombs?\b|\blandmines?\b",
        "remote-explosive-ied",
        "IED attack",
    ),
    _cue(
        r"\brockets?\b|\bmortars?\b|\bshell(?:s|ing|ed)\b|\bartillery\b|\bmissiles?\s+(?:were\s+|was\s+)?"
        r"(?:fired|launched)\b|\b(?:fired|launched)\s+(?:\w+\s+){0,2}missiles?\b|\bmissile (?:attack|strike)s?\b",
        "shelling-artillery-missile-attack",
        "Rocket attack",
    ),
    _cue(r"\bsuicide (?:bomb|bomber|bombing|attack)s?\b", "suicide-bomb", "Suicide bombing"),
    _cue(r"\bair\s?strikes?\b|\bair raids?\b|\bdrone (?:strike|attack)s?\b", "air-drone-strike", "Airstrike"),
    _cue(r"\bclash(?:es|ed)?\b|\bfirefights?\b|\bgun ?battles?\b", "armed-clash", "Clash"),
    _cue(r"\bvisit(?:ed|s|ing)?\b|\btravell?(?:ed|s|ing)\b|\btrip\b", "visit", "Visit"),
    _cue(
        r"\bdisplay(?:ed|s)?\b|\bshowcas\w*|\bparade\b|\bshow(?:ed|s|ing)? off\b|\bunveil\w*",
        "weapons-display",
        "Weapons display",
    ),
    _cue(r"\bsanction\w*", "sanction", "Sanctions"),
    _cue(r"\bwithdr[ae]w\w*|\bpull(?:ed|s|ing)? out\b|\bdrawdown\b|\bdrawn down\b", "withdrawal", "Withdrawal"),
    _cue(r"\braids?\b|\barrest\w*|\bdetain(?:ed|s|ing)?\b", "arrests", "Raid"),
    _cue(r"\bpatrols?\b|\bdeploy\w*|\bshipment\b|\breinforce\w*", "deployment", "Deployment"),
    _cue(r"\bimport\w*|\bexport\w*|\btrade deal\b", "trade-deal", "Trade deal"),
    _cue(r"\breferendum\b", "referendum", "Referendum"),
    _cue(r"\binvestigat\w*|\binquiry\b|\bprobe\b", "investigation", "Investigation"),
    _cue(r"\bconsultations?\b|\btalks\b|\bmet with\b|\bmeeting\b", "diplomatic-consultation", "Consultations"),
    _cue(r"\bagreement\b|\bsigned a deal\b|\baccord\b", "agreement", "Agreement"),
    _cue(r"\bwarn(?:ed|s|ing)?\b|\bultimatum\b", "warning", "Warning"),
    _cue(r"\battack(?:s|ed)?\b|\bambush\w*", "attack", "Attack", specific=False),
)
ATTACKS = frozenset({"remote-explosive-ied", "shelling-artillery-missile-attack", "air-drone-strike", "attack"})

_PLACE = r"[A-Z][\w’'-]+(?:\s+(?:(?:al|el|ad|as|ash|an|ar)-[A-Z][\w’'-]*|[A-Z][\w’'-]+))*"
_LOCATION_RE = re.compile(
    rf"\b(?i:in|near|outside|at)\s+(?:the\s+)?(?P<where>(?:(?:northern|southern|eastern|western|central)\s+)?{_PLACE}"
    r"(?:\s+(?:province|governorate|region|city|district|area))?)"
)
_DESTINATION_RE = re.compile(rf"\b(?:to|in)\s+(?:the\s+)?(?P<where>{_PLACE})")
_TARGET_RE = re.compile(r"\s*(?:on|against)\s+(?:the\s+|a\s+|an\s+)?")
_CONVOY_RE = re.compile(r"\bconvoys?\b", re.IGNORECASE)
_NOT_PLACES = frozenset(
    """January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
)


@dataclass(frozen=True, slots=True)
class DraftEvent:
    kind: str
    title: str
    when: When
    location: str
    actors: tuple[str, ...]
    paragraph: int
    sentence: str
    """The sentence it comes from, for the person checking it."""


@dataclass
class _Reading:
    """What the events of one sentence share, read once: its cues, actors, places and whether it names a convoy."""

    text: str
    sentence: Sentence
    paragraph: int
    cues: list[tuple[Cue, re.Match[str]]]
    actors: tuple[str, ...]
    convoy: bool
    places: dict[bool, str]
    """The sentence's place, for a visit (True: "to X" first) and for anything else."""


def _read(text: str, sentence: Sentence, paragraph: int, findings: Findings, dates: list[tuple[int, int]]) -> _Reading:
    found = [(cue, m) for cue in CUES for m in cue.pattern.finditer(text, sentence.start, sentence.end)]
    cues = sorted([item for item in found if item[0].specific] or found, key=lambda item: item[1].start())
    mentions = findings.in_span(paragraph, sentence.start, sentence.end)
    actors = tuple(dict.fromkeys(m.actor for m in mentions))
    bodies = {m.start for m in mentions if findings.actors[m.actor].kind is not ActorKind.STATE or m.possessive}
    places = {visit: _location(text, sentence, visit, dates, bodies) for visit in (False, True)}
    convoy = _CONVOY_RE.search(text, sentence.start, sentence.end) is not None
    return _Reading(text, sentence, paragraph, cues, actors, convoy, places)


def _nearest_cue(reading: _Reading, span: tuple[int, int]) -> tuple[Cue, re.Match[str]] | None:
    """The cue closest to a date in its sentence (a specific one if the sentence has any)."""
    if not reading.cues:
        return None
    index = bisect_left([m.start() for _, m in reading.cues], span[0])
    near = reading.cues[max(0, index - 2) : index + 2]

    def distance(item: tuple[Cue, re.Match[str]]) -> int:
        match = item[1]
        return max(span[0] - match.end(), match.start() - span[1], 0)

    return min(near, key=distance)


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect_right(spans, (position, _FAR)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


_FAR = 1 << 62


def _location(text: str, sentence: Sentence, visit: bool, dates: list[tuple[int, int]], bodies: set[int]) -> str:
    """The first place the sentence puts something "in", "near" or "at" (for a visit: "to")."""
    patterns = [_DESTINATION_RE] if visit else []
    for pattern in (*patterns, _LOCATION_RE):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            where, start = match["where"], match.start("where")
            if where.split()[0] in _NOT_PLACES or start in bodies or _inside(dates, start):
                continue
            return re.split(r"[’']s\b", where)[0]
    return ""


def _target(reading: _Reading, cue: Cue, match: re.Match[str], findings: Findings) -> str:
    """What was hit or raided: "on convoy", "on Kataib Hezbollah"."""
    if cue.kind not in ATTACKS and cue.kind != "arrests":
        return ""
    after = _TARGET_RE.match(reading.text, match.end(), reading.sentence.end)
    if after is not None:
        for mention in findings.in_span(reading.paragraph, after.end(), after.end() + 1 + _LONGEST_NAME):
            if mention.start == after.end():
                return f" on {mention.text}"
    if cue.kind in ATTACKS and reading.convoy:
        return " on convoy"
    return ""


_LONGEST_NAME = 120


def title_of(phrase: str, target: str, location: str, when: When) -> str:
    """ "IED attack on convoy in Babil province, 27 Sep 2020"."""
    where = f" in {location}" if location and location not in phrase + target else ""
    return f"{phrase}{target}{where}, {when.label}"


def find_events(paragraphs: Sequence[Paragraph], findings: Findings, dates: Sequence[DateMention]) -> list[DraftEvent]:
    """One event per dated mention, the first of any two with the same date and kind kept."""
    events: dict[tuple[When, str], DraftEvent] = {}
    by_paragraph = {p.number: p for p in paragraphs}
    spans: dict[int, list[tuple[int, int]]] = {}
    for mention in dates:
        spans.setdefault(mention.paragraph or 0, []).append(mention.span)
    readings: dict[tuple[int, int], _Reading] = {}
    for mention in dates:
        paragraph = by_paragraph.get(mention.paragraph or 0)
        if paragraph is None:
            continue
        starts = [s.start for s in paragraph.sentences]
        index = bisect_right(starts, mention.span[0]) - 1
        if index < 0:
            continue
        sentence = paragraph.sentences[index]
        key = (paragraph.number, sentence.start)
        if key not in readings:
            date_spans = sorted(spans[paragraph.number])
            readings[key] = _read(paragraph.text, sentence, paragraph.number, findings, date_spans)
        reading = readings[key]
        nearest = _nearest_cue(reading, mention.span)
        cue, match = nearest if nearest else (None, None)
        kind = cue.kind if cue else OTHER
        location = reading.places[cue is not None and cue.kind == "visit"]
        target = _target(reading, cue, match, findings) if cue and match else ""
        phrase = cue.phrase if cue else "Development"
        if cue is not None and cue.kind == "visit" and location:
            phrase = f"Visit to {location}"
        title = title_of(phrase, target, location, mention.when)
        event = DraftEvent(kind, title, mention.when, location, reading.actors, paragraph.number, sentence.text)
        events.setdefault((mention.when, kind), event)
    return list(events.values())
