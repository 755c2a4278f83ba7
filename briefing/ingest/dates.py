"""Date expressions in news text, resolved to ``When`` values.

News copy rarely gives a year: "September 27", "in March", "the next day".
Explicit expressions are found with regular expressions and read with
dateutil's month names; a missing year comes from the article's date (a
month later in the year than the article's own month belongs to the year
before).  Relative expressions resolve against the previous explicit day
("the next day", "the same day") or the article's date ("last week",
"yesterday").  Nothing here raises on odd input: an expression that names
no real day (September 31) is skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.parser import parserinfo
from dateutil.relativedelta import relativedelta

from briefing.model.dates import DateError, When, parse_iso
from briefing.model.vocabulary import Precision

__all__ = ["DateError", "DateMention", "find_dates", "parse_article_date", "resolve_year"]

_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)\b"
_YEAR = r"(?:1[89]|20)\d{2}(?!\d)"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
_RANGE_SEP = r"(?:\s*[-–—]\s*|\s+(?:to|through|until|till)\s+)"
_ANY_DAY = re.compile(_DAY)

_EXPLICIT_RE = re.compile(
    rf"\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b"
    rf"|\b(?P<r_m1>{_MONTH})\s+(?P<r_d1>{_DAY}){_RANGE_SEP}(?:(?P<r_m2>{_MONTH})\s+)?(?P<r_d2>{_DAY})"
    rf"(?:,?\s+(?P<r_y>{_YEAR}))?"
    rf"|\b(?P<s_d1>{_DAY}){_RANGE_SEP}(?P<s_d2>{_DAY})\s+(?:of\s+)?(?P<s_m>{_MONTH})(?:,?\s+(?P<s_y>{_YEAR}))?"
    rf"|\b(?P<l_m>{_MONTH})\s+(?P<l_days>{_DAY}(?:{_LIST_SEP}{_DAY}){{0,40}})(?:,?\s+(?P<l_y>{_YEAR}))?"
    rf"|\b(?P<k_days>{_DAY}(?:{_LIST_SEP}{_DAY}){{0,40}})\s+(?:of\s+)?(?P<k_m>{_MONTH})(?:,?\s+(?P<k_y>{_YEAR}))?"
    rf"|\b(?P<my_m>{_MONTH}),?\s+(?P<my_y>{_YEAR})"
    rf"|\b(?P<mo>{_MONTH})(?![\w-]|\s*\d)"
    rf"|\b(?P<yr>{_YEAR})(?:\s*[-–]\s*(?P<yr2>{_YEAR}))?(?![-/]\d|[.,]\d|\w)"
)
_MONTH_CUE_RE = re.compile(
    r"(?:\b(?:in|since|by|until|till|during|from|through|before|after|early|late|last|this|next|of|end of|start of)\s+"
    r"(?:(?:early|late|mid)[-\s]+)?|\bmid-)$",
    re.IGNORECASE,
)
_YEAR_CUE_RE = re.compile(
    r"\b(?:in|since|by|until|during|from|of|before|after|early|late|mid|around|through|summer|winter|spring"
    r"|autumn|fall|and|to|the|year)[\s-]+$",
    re.IGNORECASE,
)
_NOT_A_YEAR_AFTER_RE = re.compile(
    r"\s+(?:people|troops|men|women|soldiers|fighters|civilians|members|families|dollars|km|kilometers|kilometres"
    r"|miles|tons|tonnes|barrels|rockets|missiles|personnel|times|euros|pounds)\b",
    re.IGNORECASE,
)
_SINCE_RE = re.compile(r"\bsince\s+(?:(?:early|late|mid)[-\s]+)?$", re.IGNORECASE)
_LOOKBEHIND = 30

_NUMBERS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_NUMBERS |= {"a": 1, "an": 1}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_RELATIVE_RE = re.compile(
    r"(?i:\b(?:the\s+)?(?:next|following)\s+day\b|\ba\s+day\s+later\b|\bthe\s+day\s+after\b)(?P<next_day>)"
    r"|(?i:\b(?:the\s+)?same\s+day\b|\bthat\s+(?:same\s+)?day\b)(?P<same_day>)"
    r"|(?i:\b(?:the\s+)?(?:previous|preceding)\s+day\b|\bthe\s+day\s+before\b|\ba\s+day\s+(?:earlier|before)\b)"
    r"(?P<previous_day>)"
    r"|(?i:\b(?P<rolling>the\s+)?(?P<which>last|past)\s+week\b)(?P<week>)"
    r"|(?i:\b(?:earlier\s+|later\s+)?this\s+week\b)(?P<this_week>)"
    r"|(?i:\b(?:the\s+)?(?:last|past)\s+(?P<span_n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?P<span_unit>days|weeks|months|years)\b)"
    r"|(?i:\b(?P<ago_n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?P<ago_unit>day|week|month|year)s?\s+ago\b)"
    r"|(?i:\b(?P<yesterday>yesterday)\b|\b(?P<today>today)\b)"
    r"|(?i:\b(?P<last_unit>last)\s+(?P<unit_word>month|year)\b|\b(?:earlier\s+|later\s+)?this\s+(?P<this_unit>month|year)\b)"
    r"|\b(?i:(?P<wd_cue>on|last|this|since))\s+(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b"
)
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


def resolve_year(month: int, reference: date) -> int:
    """The year of a month named without one: the latest such month not after the reference's."""
    return reference.year if month <= reference.month else reference.year - 1


def month_number(name: str) -> int | None:
    return parserinfo().month(name.rstrip("."))


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _days(text: str) -> list[int]:
    return [int(re.sub(r"\D", "", m.group())) for m in _ANY_DAY.finditer(text)]


@dataclass(frozen=True, slots=True)
class _Raw:
    """An explicit expression before its year is known: resolved once the article's date is."""

    start: int
    end: int
    build: Callable[[date], list[tuple[When, tuple[int, int]]]]
    year: int | None


def _explicit(text: str) -> list[_Raw]:
    found: list[_Raw] = []
    for match in _EXPLICIT_RE.finditer(text):
        raw = _read_explicit(text, match)
        if raw is not None:
            found.append(raw)
    return found


def _since(text: str, start: int) -> bool:
    return _SINCE_RE.search(text, max(0, start - _LOOKBEHIND), start) is not None


def _read_explicit(text: str, m: re.Match[str]) -> _Raw | None:
    start, end = m.span()
    since = _since(text, start)
    if m["iso"]:
        try:
            day = parse_iso(m["iso"])
        except DateError:
            return None
        return _Raw(start, end, lambda ref: _since_or_point(When(day), ref, since, (start, end)), day.year)
    if m["r_m1"] or m["s_m"]:
        return _read_range(m, start, end)
    if m["l_m"] or m["k_m"]:
        return _read_list(m, since)
    if m["my_m"]:
        month, year = month_number(m["my_m"]), int(m["my_y"])
        if month is None:
            return None
        when = When(date(year, month, 1), Precision.MONTH)
        return _Raw(start, end, lambda ref: _since_or_point(when, ref, since, (start, end)), year)
    if m["mo"]:
        if not _MONTH_CUE_RE.search(text, max(0, start - _LOOKBEHIND), start):
            return None
        month = month_number(m["mo"])
        if month is None:
            return None

        def month_alone(ref: date) -> list[tuple[When, tuple[int, int]]]:
            first = _day(resolve_year(month, ref), month, 1)
            return _since_or_point(When(first, Precision.MONTH), ref, since, (start, end)) if first else []

        return _Raw(start, end, month_alone, None)
    if m["yr"]:
        if not _YEAR_CUE_RE.search(text, max(0, start - _LOOKBEHIND), start) or _NOT_A_YEAR_AFTER_RE.match(text, end):
            return None
        first, last = int(m["yr"]), int(m["yr2"]) if m["yr2"] else None
        if last is not None and last > first:
            when = When(date(first, 1, 1), Precision.YEAR, date(last, 1, 1))
        else:
            when = When(date(first, 1, 1), Precision.YEAR)
        return _Raw(start, end, lambda ref: _since_or_point(when, ref, since, (start, end)), None)
    return None


def _since_or_point(when: When, ref: date, since: bool, span: tuple[int, int]) -> list[tuple[When, tuple[int, int]]]:
    """``when``, or for "since X" the period from X to the article's date, at X's precision."""
    if since and when.end is None:
        if when.precision is Precision.YEAR:
            until = date(ref.year, 1, 1)
        elif when.precision is Precision.MONTH:
            until = date(ref.year, ref.month, 1)
        else:
            until = ref
        if until > when.start:
            when = When(when.start, when.precision, until)
    return [(when, span)]


def _read_range(m: re.Match[str], start: int, end: int) -> _Raw | None:
    if m["r_m1"]:
        first_month, second_month = month_number(m["r_m1"]), month_number(m["r_m2"] or m["r_m1"])
        first_day, second_day = _days(m["r_d1"])[0], _days(m["r_d2"])[0]
        year = int(m["r_y"]) if m["r_y"] else None
    else:
        first_month = second_month = month_number(m["s_m"])
        first_day, second_day = _days(m["s_d1"])[0], _days(m["s_d2"])[0]
        year = int(m["s_y"]) if m["s_y"] else None
    if first_month is None or second_month is None:
        return None

    def build(ref: date) -> list[tuple[When, tuple[int, int]]]:
        first_year = year if year is not None else resolve_year(first_month, ref)
        first = _day(first_year, first_month, first_day)
        last = _day(first_year, second_month, second_day)
        if first is None or last is None:
            return []
        if last < first:
            last = _day(first_year + 1, second_month, second_day)
        if last is None or last == first:
            return [(When(first), (start, end))]
        return [(When(first, Precision.DAY, last), (start, end))]

    return _Raw(start, end, build, year)


def _read_list(m: re.Match[str], since: bool) -> _Raw | None:
    """ "August 3, 9, 23 and 26": one day each, the month carried over; each span is its day."""
    prefix = "l" if m["l_m"] else "k"
    month = month_number(m[f"{prefix}_m"])
    if month is None:
        return None
    year = int(m[f"{prefix}_y"]) if m[f"{prefix}_y"] else None
    days_at = m.start(f"{prefix}_days")
    items = [(days_at + d.start(), days_at + d.end(), d.group()) for d in _ANY_DAY.finditer(m[f"{prefix}_days"])]
    month_span = m.span(f"{prefix}_m")
    whole = m.span()

    def build(ref: date) -> list[tuple[When, tuple[int, int]]]:
        resolved = year if year is not None else resolve_year(month, ref)
        out: list[tuple[When, tuple[int, int]]] = []
        for index, (start, end, digits) in enumerate(items):
            day = _day(resolved, month, int(re.sub(r"\D", "", digits)))
            if day is None:
                continue
            span = (start, end)
            if len(items) == 1:
                span = whole
            elif index == 0 and prefix == "l":
                span = (month_span[0], end)
            elif index == len(items) - 1 and prefix == "k":
                span = (start, month_span[1])
            out.extend(_since_or_point(When(day), ref, since and len(items) == 1, span))
        return out

    return _Raw(whole[0], whole[1], build, year)


def _latest_explicit(raws: Iterable[_Raw], reference: date) -> date | None:
    latest: date | None = None
    for raw in raws:
        for when, _ in raw.build(reference):
            if when.precision is Precision.DAY:
                candidate = when.end or when.start
                latest = candidate if latest is None or candidate > latest else latest
    return latest


def _reference(raws: Sequence[_Raw], today: date) -> date:
    """The date to resolve years against when the article's date is not given: its latest explicit day."""
    years = [raw.year for raw in raws if raw.year is not None]
    provisional = date(max(years), 12, 31) if years and max(years) < today.year else today
    return _latest_explicit(raws, provisional) or provisional


def _shifted(anchor: date, **delta: int) -> date | None:
    try:
        return anchor + relativedelta(**delta)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None


def _overlaps(explicit: Sequence[_Raw], starts: Sequence[int], start: int, end: int) -> bool:
    """Whether a span overlaps any of the (sorted, disjoint) explicit expressions."""
    index = bisect_left(starts, end) - 1
    return index >= 0 and explicit[index].end > start


def _is_day_relative(m: re.Match[str]) -> bool:
    """ "The next day", "the same day", "the day before": counted from the last explicit day."""
    return m["next_day"] is not None or m["same_day"] is not None or m["previous_day"] is not None


def _names_a_day(m: re.Match[str]) -> bool:
    return _is_day_relative(m) or bool(m["yesterday"] or m["today"] or m["weekday"])


def _relative(m: re.Match[str], anchor: date | None, article: date) -> When | None:
    """What a relative expression means, given the last explicit day before it and the article's date."""
    if _is_day_relative(m):
        base = anchor or article
        step = 1 if m["next_day"] is not None else -1 if m["previous_day"] is not None else 0
        day = _shifted(base, days=step)
        return When(day) if day else None
    if m["week"] is not None:
        if m["rolling"] or m["which"].lower() == "past":
            first = _shifted(article, days=-7)
            return When(first, Precision.DAY, article) if first else None
        monday = _shifted(article, days=-article.weekday() - 7)
        sunday = _shifted(monday, days=6) if monday else None
        return When(monday, Precision.DAY, sunday) if monday and sunday else None
    if m["this_week"] is not None:
        monday = _shifted(article, days=-article.weekday())
        if monday is None:
            return None
        return When(monday, Precision.DAY, article) if monday < article else When(article)
    if m["span_n"]:
        count = _count(m["span_n"])
        first = _shifted(article, **{m["span_unit"].lower(): -count})
        return When(first, Precision.DAY, article) if first and count else None
    if m["ago_n"]:
        count = _count(m["ago_n"])
        unit = m["ago_unit"].lower()
        day = _shifted(article, **{unit + "s": -count})
        if day is None:
            return None
        if unit == "month":
            return When(day.replace(day=1), Precision.MONTH)
        if unit == "year":
            return When(date(day.year, 1, 1), Precision.YEAR)
        return When(day)
    if m["yesterday"]:
        day = _shifted(article, days=-1)
        return When(day) if day else None
    if m["today"]:
        return When(article)
    if m["unit_word"] or m["this_unit"]:
        unit = (m["unit_word"] or m["this_unit"]).lower()
        step = -1 if m["last_unit"] else 0
        if unit == "month":
            month = _shifted(article.replace(day=1), months=step)
            return When(month, Precision.MONTH) if month else None
        return When(date(article.year + step, 1, 1), Precision.YEAR) if article.year + step >= 1 else None
    if m["weekday"]:
        back = (article.weekday() - _WEEKDAYS.index(m["weekday"])) % 7
        cue = m["wd_cue"].lower()
        if cue == "last" and back == 0:
            back = 7
        day = _shifted(article, days=-back)
        if day is None:
            return None
        if cue == "since" and day < article:
            return When(day, Precision.DAY, article)
        return When(day)
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 0)


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
    raws = [_explicit(text) for text in paragraphs]
    article = article_date or _reference([raw for group in raws for raw in group], today)
    mentions: list[DateMention] = []
    anchor: date | None = None
    for index, (text, explicit) in enumerate(zip(paragraphs, raws, strict=True)):
        number = first_paragraph + index if first_paragraph is not None else None
        found: list[tuple[int, int, When, bool]] = []
        for raw in explicit:
            for when, (start, end) in raw.build(article):
                found.append((start, end, when, False))
        starts = [raw.start for raw in explicit]
        relatives = [m for m in _RELATIVE_RE.finditer(text) if not _overlaps(explicit, starts, m.start(), m.end())]
        found.extend((m.start(), m.end(), _PENDING, True) for m in relatives)
        found.sort(key=lambda item: (item[0], item[1]))
        by_start = {m.start(): m for m in relatives}
        for position, (start, end, when, relative) in enumerate(found):
            if relative:
                following = found[position + 1] if position + 1 < len(found) else None
                if _names_a_day(by_start[start]) and _restated(text, end, following):
                    continue  # "the next day, September 27": the explicit date says it
                resolved = _relative(by_start[start], anchor, article)
                if resolved is None:
                    continue
                when = resolved
                if _is_day_relative(by_start[start]):
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
