"""Date expressions in news text, resolved to ``When`` values.

News copy rarely gives a year: "September 27", "in March", "the next day".
Explicit expressions are found with regular expressions and read with
dateutil's month names; a missing year comes from the article's date (a
month later in the year than the article's own month belongs to the year
before).  Relative expressions resolve against the previous explicit day
("the next day", "the same day") or the article's date ("last week",
"yesterday").  Nothing here raises on odd input: an expression that names
no real day (September 31) is skipped.

The expressions are read in ``explicit_dates`` and ``relative_dates``; this
module walks the paragraphs in reading order and resolves each against the
article's date and the last explicit day before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from briefing.ingest.explicit_dates import Raw, find_explicit, reference_date
from briefing.ingest.relative_dates import RELATIVE_RE, is_day_relative, names_a_day, relative_when
from briefing.model.dates import DateError, When, parse_iso
from briefing.model.vocabulary import Precision

__all__ = ["DateError", "DateMention", "find_dates", "parse_article_date"]

_ADJACENT_EXPLICIT_RE = re.compile(r"[\s,–—-]{0,4}")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text, with what it resolves to."""

    when: When
    span: tuple[int, int]
    """Character offsets in the text searched (a paragraph's text, for an article)."""
    text: str
    paragraph: int | None = None
    relative: bool = False


def parse_article_date(text: str) -> date:
    """The ``--date`` of an article: a strict ISO day, else a DateError saying why."""
    return parse_iso(text.strip() if isinstance(text, str) else text)


def _overlaps(explicit: Sequence[Raw], starts: Sequence[int], start: int, end: int) -> bool:
    """Whether a span overlaps any of the (sorted, disjoint) explicit expressions."""
    index = bisect_left(starts, end) - 1
    return index >= 0 and explicit[index].end > start


def find_dates(
    texts: str | Sequence[str],
    article_date: date | None = None,
    *,
    today: date | None = None,
    first_paragraph: int | None = None,
) -> tuple[list[DateMention], date]:
    """Every date expression in a text or a sequence of paragraphs, in reading order.

    Returns the mentions and the article date they were resolved against:
    ``article_date`` when given, else the latest explicit day found (else
    ``today``).  Paragraphs are numbered from ``first_paragraph`` when given.
    """
    paragraphs = [texts] if isinstance(texts, str) else list(texts)
    today = today or date.today()
    raws = [find_explicit(text) for text in paragraphs]
    article = article_date or reference_date([raw for group in raws for raw in group], today)
    mentions: list[DateMention] = []
    anchor: date | None = None
    for index, (text, explicit) in enumerate(zip(paragraphs, raws, strict=True)):
        number = first_paragraph + index if first_paragraph is not None else None
        found: list[tuple[int, int, When, bool]] = []
        for raw in explicit:
            for when, (start, end) in raw.build(article):
                found.append((start, end, when, False))
        starts = [raw.start for raw in explicit]
        relatives = [m for m in RELATIVE_RE.finditer(text) if not _overlaps(explicit, starts, m.start(), m.end())]
        found.extend((m.start(), m.end(), _PENDING, True) for m in relatives)
        found.sort(key=lambda item: (item[0], item[1]))
        by_start = {m.start(): m for m in relatives}
        for position, (start, end, when, relative) in enumerate(found):
            if relative:
                following = found[position + 1] if position + 1 < len(found) else None
                if names_a_day(by_start[start]) and _restated(text, end, following):
                    continue  # "the next day, September 27": the explicit date says it
                resolved = relative_when(by_start[start], anchor, article)
                if resolved is None:
                    continue
                when = resolved
                if is_day_relative(by_start[start]):
                    anchor = when.start
            elif when.precision is Precision.DAY:
                anchor = when.end or when.start
            mentions.append(DateMention(when, (start, end), text[start:end], number, relative))
    return mentions, article


_PENDING = When(date(1, 1, 1))
"""Stands in for a relative expression's date until the anchor before it is known."""


def _restated(text: str, end: int, following: tuple[int, int, When, bool] | None) -> bool:
    """Whether an explicit date follows a relative one directly: "the next day, September 27"."""
    if following is None or following[3]:
        return False
    gap_start = following[0]
    return gap_start >= end and _ADJACENT_EXPLICIT_RE.fullmatch(text[end:gap_start]) is not None
