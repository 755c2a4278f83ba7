"""Attributed statements: who says, warns, denies or reports what, sentence by sentence.

A clause with a reporting verb ("said", "warned", "denied", "according to")
whose subject names an actor becomes a claim attributed to that actor, its
kind read from the verb.  A sentence of the author's own analysis
("Clearly, ...", "..., indicating ...") becomes an assessment attributed to
the source.  The text is the source's own wording, lightly tidied: a draft
for a person to rewrite, never content to ship as it stands.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.ingest.actors import Findings, Mention
from briefing.ingest.dates import DateMention
from briefing.ingest.text import Paragraph, Sentence
from briefing.model.dates import When
from briefing.model.vocabulary import ActorKind, ClaimKind, Precision

_INTENT_PHRASES = [
    "would announce",
    "will announce",
    "is planning to",
    "plans to",
    "planned to",
    "intends to",
    "intended to",
]

_VERB_KINDS: dict[str, ClaimKind] = {
    **dict.fromkeys("warned warns threatened threatens".split(), ClaimKind.THREAT),
    **dict.fromkeys("denied denies rejected rejects".split(), ClaimKind.DENIAL),
    **dict.fromkeys([*_INTENT_PHRASES, *"vowed vows pledged pledges".split()], ClaimKind.INTENT),
    "reported": ClaimKind.REPORT,
}
_SPEECH_VERBS = frozenset(
    """said says say stated told tells added adds claimed claims announced announces insisted insists noted
    stressed stresses declared declares asserted asserts argued argues explained confirmed confirms acknowledged
    admitted reported""".split()
)
_OTHER_VERBS = """urged urges demanded demands warned warns threatened threatens vowed vows pledged pledges
    condemned condemns denounced denounces denied denies rejected rejects agreed agrees opposed opposes accused
    accuses welcomed welcomes criticized criticised criticizes criticises blamed blames""".split()
_PHRASES = [
    *_INTENT_PHRASES,
    r"called (?:for|on)",
    r"calls (?:for|on)",
]
_VERB_RE = re.compile(r"\b(?P<verb>" + "|".join([*_PHRASES, *sorted(_SPEECH_VERBS), *_OTHER_VERBS]) + r")\b")
_INTENT_RE = re.compile(r"\b(?:would|will|plans? to|intends? to|is going to|is set to|is preparing to)\b")
_ACCORDING_RE = re.compile(r",?\s*\baccording to\s+(?P<who>[^,.;]+)", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r";\s+|,\s+(?:and|but|while|whereas|yet)\s+")
_SUBORDINATE_RE = re.compile(r"(?:After|While|When|As|Although|Though|Because|If|Since|Before|Until|Once|Whereas)\b")
_PREPOSITION_BEFORE_RE = re.compile(
    r"\b(?:of|for|to|in|on|at|from|with|against|near|by|about|over|into|towards?|than|via|under|among|between"
    r"|behind|across|amid)\s+(?:(?:the|a|an)\s+)?$",
    re.IGNORECASE,
)
_HINT_RE = re.compile(
    r",\s+(?P<cue>(?:a|an)\s+(?:hint|sign|indication|signal|warning)\s+that|indicating(?:\s+that)?|suggesting(?:\s+that)?"
    r"|signall?ing(?:\s+that)?|meaning(?:\s+that)?)\s+(?P<rest>.+)$"
)
_ANALYSIS_RE = re.compile(
    r"^(?:Clearly|Obviously|Evidently|Apparently|Certainly|Undoubtedly|Presumably|Perhaps|Arguably|Ultimately)\b"
    r"|^(?:It|This)\s+(?:appears|seems|is clear|is likely|is because|means|suggests|shows|indicates)\b"
    r"|^The\s+(?:aim|goal|purpose|intent|intention|message|point)\b"
    r"|\b(?:indicating|suggesting|signalling|signaling)\b|\b(?:a|an)\s+(?:hint|sign|indication)\s+that\b",
)
_LEAD_IN_RE = re.compile(
    r"^(?:(?:on|in|at|during|last|this|earlier|later|yesterday|today|again|also|publicly|repeatedly)\b"
    r"(?:\s+[^\s,]+){0,4}?\s+)?that\s+",
    re.IGNORECASE,
)
"""What stands between "said" and what was said: "said on Monday that ..."."""
_PRONOUN_RE = re.compile(r"(?:it|its|he|his|she|her|they|their|them|we|our|I)\b", re.IGNORECASE)
_DISCOURSE_RE = re.compile(
    r"^(?:(?:But|And|Yet|So|However|Clearly|Obviously|Evidently|Apparently|Certainly|Undoubtedly|Meanwhile)\b,?\s+)+"
)


@dataclass(frozen=True, slots=True)
class DraftClaim:
    text: str
    attributed_to: tuple[str, ...]
    """Actor ids; empty when the source itself asserts it (an assessment, an unattributed report)."""
    about: tuple[str, ...]
    kind: ClaimKind
    paragraph: int
    when: When | None
    sentence: str
    """The sentence it comes from, for the person rewriting it."""


def tidy(text: str) -> str:
    """One line, first letter capitalised, one full stop at the end."""
    text = " ".join(text.split()).strip(" ,;:—–-")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in '.!?”"’' else text + "."


def claim_when(when: When | None) -> When | None:
    """A claim's date has no end: a range becomes the month or year it falls in, when it falls in one."""
    if when is None or when.end is None:
        return when
    if (when.start.year, when.start.month) == (when.end.year, when.end.month) and when.precision is Precision.DAY:
        return When(when.start.replace(day=1), Precision.MONTH)
    if when.start.year == when.end.year:
        return When(when.start.replace(month=1, day=1), Precision.YEAR)
    return None


def _sentence_date(sentence: Sentence, dates: Sequence[DateMention], starts: Sequence[int]) -> When | None:
    """The sentence's own date, else the last one given earlier in its paragraph (``dates``: its, in order)."""
    first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
    for mention in (*dates[first:last], *reversed(dates[:first])):
        when = claim_when(mention.when)
        if when is not None:
            return when
    return None


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a sentence, as spans; a leading subordinate clause ("After X warned Y, ...") stands alone."""
    spans: list[tuple[int, int]] = []
    position = start
    for match in _CLAUSE_BREAK_RE.finditer(text, start, end):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, end))
    out: list[tuple[int, int]] = []
    for first, last in spans:
        comma = text.find(",", first, last)
        if _SUBORDINATE_RE.match(text, first) and comma != -1:
            out += [(first, comma), (comma + 1, last)]
        else:
            out.append((first, last))
    return out


def subjects(text: str, mentions: Sequence[Mention], findings: Findings, start: int) -> list[str]:
    """The actors a clause's subject names: persons first; no owners ("X's"), no objects of a preposition."""
    candidates: list[Mention] = []
    for mention in mentions:
        if mention.possessive or _PREPOSITION_BEFORE_RE.search(text, max(start, mention.start - 30), mention.start):
            continue
        if text[mention.start - 1 : mention.start] == "-" or text[mention.end : mention.end + 1] == "-":
            continue  # "Iranian-backed", "pro-Iran": describing someone else
        candidates.append(mention)
    people = [m for m in candidates if findings.actors[m.actor].kind is ActorKind.PERSON]
    chosen = people or candidates
    return list(dict.fromkeys(m.actor for m in chosen))


def _names(actor_ids: Sequence[str], mentions: Sequence[Mention], findings: Findings) -> str:
    """How the clause names its speakers: a person by full name, anyone else as the source puts it."""
    names = []
    for actor_id in actor_ids:
        actor = findings.actors[actor_id]
        said = next((m.text for m in mentions if m.actor == actor_id), actor.name)
        names.append(actor.name if actor.kind is ActorKind.PERSON else said)
    return " and ".join(names)


def _content(verb: str, rest: str) -> str:
    rest = rest.strip()
    if verb in ("told", "tells"):
        rest = re.sub(r"^(?:\S+\s+){1,3}?that\s+", "", rest)
    return _LEAD_IN_RE.sub("", rest)


def _about(findings: Findings, paragraph: int, start: int, end: int, exclude: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.actor for m in findings.in_span(paragraph, start, end) if m.actor not in exclude))


def find_claims(paragraphs: Sequence[Paragraph], findings: Findings, dates: Sequence[DateMention]) -> list[DraftClaim]:
    claims: list[DraftClaim] = []
    by_paragraph: dict[int | None, list[DateMention]] = {}
    for mention in dates:
        by_paragraph.setdefault(mention.paragraph, []).append(mention)
    for paragraph in paragraphs:
        here = sorted(by_paragraph.get(paragraph.number, []), key=lambda d: d.span)
        starts = [d.span[0] for d in here]
        for sentence in paragraph.sentences:
            when = _sentence_date(sentence, here, starts)
            claims.extend(_sentence_claims(paragraph, sentence, findings, when))
    return list({(c.text, c.attributed_to): c for c in claims}.values())


def _sentence_claims(
    paragraph: Paragraph, sentence: Sentence, findings: Findings, when: When | None
) -> list[DraftClaim]:
    text, number = paragraph.text, paragraph.number
    according = _ACCORDING_RE.search(text, sentence.start, sentence.end)
    if according is not None:
        who = findings.in_span(number, according.start("who"), according.end("who"))
        speakers = subjects(text, who, findings, according.start("who"))
        reported = tidy(text[sentence.start : according.start()] + text[according.end() : sentence.end])
        if not reported:  # "According to him." says who, but nothing
            return []
        about = _about(findings, number, sentence.start, according.start(), speakers)
        return [DraftClaim(reported, tuple(speakers), about, ClaimKind.REPORT, number, when, sentence.text)]
    found: list[DraftClaim] = []
    for start, end in _clauses(text, sentence.start, sentence.end):
        verb = _VERB_RE.search(text, start, end)
        if verb is None:
            continue
        subject = findings.in_span(number, start, verb.start())
        speakers = subjects(text, subject, findings, start)
        if not speakers:
            continue
        word = verb["verb"]
        rest = text[verb.end() : end].strip().rstrip(".!?")
        hint = _HINT_RE.search(rest)
        if hint is not None:
            rest = rest[: hint.start()]
        content = _content(word, rest)
        kind = _VERB_KINDS.get(word, ClaimKind.STATEMENT)
        if kind is ClaimKind.STATEMENT and word in _SPEECH_VERBS and _INTENT_RE.search(content):
            kind = ClaimKind.INTENT
        if word in _SPEECH_VERBS and len(content.split()) >= 3 and not _PRONOUN_RE.match(content):
            claim_text = tidy(content)
        else:
            claim_text = tidy(" ".join(part for part in (_names(speakers, subject, findings), word, rest) if part))
        about = _about(findings, number, verb.end(), end, speakers)
        found.append(DraftClaim(claim_text, tuple(speakers), about, kind, number, when, sentence.text))
        if hint is not None:
            hinted = verb.end() + hint.start("rest")
            about = _about(findings, number, hinted, end, ())
            found.append(DraftClaim(tidy(hint["rest"]), (), about, ClaimKind.ASSESSMENT, number, when, sentence.text))
    if found or not _ANALYSIS_RE.search(sentence.text):
        return found
    about = _about(findings, number, sentence.start, sentence.end, ())
    assessment = tidy(_DISCOURSE_RE.sub("", sentence.text))
    return [DraftClaim(assessment, (), about, ClaimKind.ASSESSMENT, number, when, sentence.text)]
