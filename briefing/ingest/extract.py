"""Article text to a draft briefing that validates, for a person to finish.

The draft is a starting point and says so: claims quote or follow the
source's wording, and the project ships only its own words, so every claim,
title and description is to be rewritten before the briefing ships (the
briefing's summary and tag say DRAFT until then).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date

from briefing.errors import BriefingError, ValidationError
from briefing.ingest.actors import Findings, FoundActor, find_actors
from briefing.ingest.claims import DraftClaim, find_claims
from briefing.ingest.dates import DateMention, find_dates
from briefing.ingest.events import DraftEvent, find_events
from briefing.ingest.text import Article, split_article
from briefing.model.dates import When
from briefing.model.entities import Actor, Briefing, BriefingDocument, Claim, Event, Source
from briefing.model.ids import make_id, slug_of, slugify
from briefing.model.records import tables_of
from briefing.model.validation import validate_tables
from briefing.model.vocabulary import ClaimStatus, EntityKind, Precision

DRAFT_TAG = "draft"
DRAFT_REMINDER = (
    "claims, titles and descriptions are quoted from or follow the source: rewrite them in your own words, "
    "and check every actor, date and attribution, before shipping"
)


class ArticleError(BriefingError):
    """Text that cannot be read as an article."""


@dataclass
class Draft:
    """A draft briefing and what it was made from."""

    document: BriefingDocument
    article: Article
    article_date: date
    date_given: bool
    """False when the article's date was inferred (the latest date in it, else today)."""
    findings: Findings
    dates: list[DateMention]
    moved: int = 0
    """Ids given a number (``-2``) because the library has an entry of that id already (actors excepted)."""


def extract(
    text: str,
    *,
    name: str = "article",
    article_date: date | None = None,
    today: date | None = None,
    library_ids: Container[str] = frozenset(),
) -> Draft:
    """A draft briefing of an article; ``name`` (the file's name) appears in the draft's summary.

    Its briefing, source, claim and event ids keep clear of ``library_ids``, so
    that the draft imports beside a briefing of the same story (a rocket
    attack of 24 July is ``event:2020-07-24-rocket-attack`` in both).  Its
    actors keep the ids they share with the library: an actor in two
    briefings is one actor.
    """
    article = split_article(text)
    if not article.title:
        raise ArticleError(f"{name}: no text to extract from")
    paragraphs = article.paragraphs
    dates, resolved = find_dates([p.text for p in paragraphs], article_date, today=today, first_paragraph=1)
    findings = find_actors(paragraphs)
    claims = find_claims(paragraphs, findings, dates)
    events = find_events(paragraphs, findings, dates)
    ids = _Ids(library_ids)
    document = _document(article, name, article_date, resolved, findings, claims, events, ids)
    problems = validate_tables(tables_of(document), name)
    if problems:
        raise ValidationError(problems)
    return Draft(document, article, resolved, article_date is not None, findings, dates, ids.moved)


class _Ids:
    """New ids: unique in the draft, and clear of the library's, numbered ``-2``, ``-3``, ... where they meet."""

    def __init__(self, library_ids: Container[str]) -> None:
        self._library = library_ids
        self._drafted: set[str] = set()
        self.moved = 0

    def new(self, kind: EntityKind, slug: str) -> str:
        wanted = make_id(kind, slug)
        candidate, number = wanted, 2
        while candidate in self._drafted or candidate in self._library:
            candidate = make_id(kind, f"{slug[:56]}-{number}")
            number += 1
        if wanted in self._library:
            self.moved += 1
        self._drafted.add(candidate)
        return candidate


def _document(
    article: Article,
    name: str,
    article_date: date | None,
    resolved: date,
    findings: Findings,
    claims: list[DraftClaim],
    events: list[DraftEvent],
    ids: _Ids,
) -> BriefingDocument:
    slug = slugify(article.title)
    briefing_id = ids.new(EntityKind.BRIEFING, slug)
    source_id = ids.new(EntityKind.SOURCE, slug)
    briefing = Briefing(
        briefing_id,
        article.title,
        summary=f"DRAFT extracted from {name} — rewrite in your own words: {DRAFT_REMINDER}.",
        date=When(resolved),
        tags=(DRAFT_TAG,),
    )
    doc = BriefingDocument(briefing)
    doc.sources.append(
        Source(
            source_id,
            article.title,
            briefing_id,
            author=article.author,
            date=When(article_date) if article_date else None,
            paragraphs=len(article.paragraphs),
        )
    )
    doc.actors.extend(_actor(actor, briefing_id) for actor in findings.actors.values())
    for claim in claims:
        doc.claims.append(_claim(claim, ids.new(EntityKind.CLAIM, _claim_slug(claim)), briefing_id, source_id))
    for event in events:
        doc.events.append(_event(event, ids.new(EntityKind.EVENT, _event_slug(event)), briefing_id, source_id))
    return doc


def _claim(claim: DraftClaim, claim_id: str, briefing_id: str, source_id: str) -> Claim:
    return Claim(
        claim_id,
        claim.text,
        briefing_id,
        source_id,
        attributed_to=claim.attributed_to or (source_id,),
        about=claim.about,
        claim_kind=claim.kind,
        status=ClaimStatus.REPORTED,
        date=claim.when,
        paragraph=claim.paragraph,
    )


def _event(event: DraftEvent, event_id: str, briefing_id: str, source_id: str) -> Event:
    return Event(
        event_id,
        event.title,
        briefing_id,
        source_id,
        event.kind,
        event.when,
        description=f"DRAFT from paragraph {event.paragraph}, which reads: “{_quote(event.sentence)}”",
        location=event.location,
        actors=event.actors,
        paragraph=event.paragraph,
    )


QUOTE_LENGTH = 300


def _quote(sentence: str) -> str:
    return sentence if len(sentence) <= QUOTE_LENGTH else sentence[: QUOTE_LENGTH - 1].rstrip() + "…"


def _actor(found: FoundActor, briefing_id: str) -> Actor:
    times = "once" if found.mentions == 1 else f"{found.mentions} times"
    where = ", ".join(str(p) for p in found.paragraphs)
    label = "paragraph" if len(found.paragraphs) == 1 else "paragraphs"
    return Actor(
        found.id,
        found.name,
        found.kind,
        (briefing_id,),
        aliases=tuple(found.aliases),
        role=found.role,
        description=f"DRAFT: mentioned {times} ({label} {where})." if found.paragraphs else "",
        relations=tuple(found.relations),
    )


def _claim_slug(claim: DraftClaim) -> str:
    """Who, then the claim's first words: "qais-khazali-urged-militia-groups-to-let"."""
    who = slug_of(claim.attributed_to[0]) if claim.attributed_to else "source"
    words = slugify(" ".join(claim.text.split()[:7]))
    return slugify(words if words.startswith(who) else f"{who}-{words}", max_length=50)


def _event_slug(event: DraftEvent) -> str:
    """ "2020-07-23-ied-attack-on-convoy": the date first, so ids sort in time."""
    start = event.when.start
    day = {Precision.DAY: start.isoformat(), Precision.MONTH: f"{start:%Y-%m}"}.get(
        event.when.precision, str(start.year)
    )
    what = event.title.rsplit(", ", 1)[0]
    return slugify(f"{day} {what}", max_length=60)
