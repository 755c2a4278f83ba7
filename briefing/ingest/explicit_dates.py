"""Explicit date expressions in news text: "September 27", "August 3, 9 and 26", "in March", "since 2019".

News copy rarely gives a year.  Expressions are found with regular
expressions and read with dateutil's month names; each is kept as a
``Raw`` until the article's date is known, which supplies a missing year (a
month later in the year than the article's own month belongs to the year
before).  An expression that names no real day (September 31) is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.parser import parserinfo

from briefing.model.dates import DateError, When, parse_iso
from briefing.model.vocabulary import Precision

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
class Raw:
    """An explicit expression before its year is known: resolved once the article's date is."""

    start: int
    end: int
    build: Callable[[date], list[tuple[When, tuple[int, int]]]]
    year: int | None


def find_explicit(text: str) -> list[Raw]:
    """The explicit expressions of a text, in order, their years not yet resolved."""
    found: list[Raw] = []
    for match in _EXPLICIT_RE.finditer(text):
        raw = _read_explicit(text, match)
        if raw is not None:
            found.append(raw)
    return found


def _since(text: str, start: int) -> bool:
    return _SINCE_RE.search(text, max(0, start - _LOOKBEHIND), start) is not None


def _read_explicit(text: str, m: re.Match[str]) -> Raw | None:
    start, end = m.span()
    since = _since(text, start)
    if m["iso"]:
        try:
            day = parse_iso(m["iso"])
        except DateError:
            return None
        return Raw(start, end, lambda ref: _since_or_point(When(day), ref, since, (start, end)), day.year)
    if m["r_m1"] or m["s_m"]:
        return _read_range(m, start, end)
    if m["l_m"] or m["k_m"]:
        return _read_list(m, since)
    if m["my_m"]:
        month, year = month_number(m["my_m"]), int(m["my_y"])
        if month is None:
            return None
        when = When(date(year, month, 1), Precision.MONTH)
        return Raw(start, end, lambda ref: _since_or_point(when, ref, since, (start, end)), year)
    if m["mo"]:
        if not _MONTH_CUE_RE.search(text, max(0, start - _LOOKBEHIND), start):
            return None
        month = month_number(m["mo"])
        if month is None:
            return None

        def month_alone(ref: date) -> list[tuple[When, tuple[int, int]]]:
            first = _day(resolve_year(month, ref), month, 1)
            return _since_or_point(When(first, Precision.MONTH), ref, since, (start, end)) if first else []

        return Raw(start, end, month_alone, None)
    if m["yr"]:
        if not _YEAR_CUE_RE.search(text, max(0, start - _LOOKBEHIND), start) or _NOT_A_YEAR_AFTER_RE.match(text, end):
            return None
        first, last = int(m["yr"]), int(m["yr2"]) if m["yr2"] else None
        if last is not None and last > first:
            when = When(date(first, 1, 1), Precision.YEAR, date(last, 1, 1))
        else:
            when = When(date(first, 1, 1), Precision.YEAR)
        return Raw(start, end, lambda ref: _since_or_point(when, ref, since, (start, end)), None)
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


def _read_range(m: re.Match[str], start: int, end: int) -> Raw | None:
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

    return Raw(start, end, build, year)


def _read_list(m: re.Match[str], since: bool) -> Raw | None:
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

    return Raw(whole[0], whole[1], build, year)


def _latest_explicit(raws: Iterable[Raw], reference: date) -> date | None:
    latest: date | None = None
    for raw in raws:
        for when, _ in raw.build(reference):
            if when.precision is Precision.DAY:
                candidate = when.end or when.start
                latest = candidate if latest is None or candidate > latest else latest
    return latest


def reference_date(raws: Sequence[Raw], today: date) -> date:
    """The date to resolve years against when the article's date is not given: its latest explicit day."""
    years = [raw.year for raw in raws if raw.year is not None]
    provisional = date(max(years), 12, 31) if years and max(years) < today.year else today
    return _latest_explicit(raws, provisional) or provisional
