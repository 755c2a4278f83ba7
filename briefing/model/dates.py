"""The one date type: a day, month or year, optionally a range.

Stored as ISO strings (``date`` is the first day, ``end`` the last day of a
range) plus a ``precision``; shown as "23 Jul 2020", "Sep 2020", "2020" or
"23–24 Sep 2020".
"""

from __future__ import annotations

import calendar
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser

from briefing.model.preview import preview
from briefing.model.vocabulary import Precision

_ISO_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DateError(ValueError):
    """A date string that is malformed or names no real day."""


WRITTEN_AS = 'write e.g. 2020-09-20, 2020-09, 2020 or "20 Sep 2020"'
"""How a date can be written, said after a date that could not be read."""


def no_such_day(digits: str, year: int, month: int) -> DateError:
    """The one way every command and view says a day does not exist: "2020-02-30 is no real day: February 2020
    has 29 days" (and "there is no month 13").  ``digits`` is the date as written, digits and dashes."""
    if not 1 <= month <= 12:
        return DateError(f"{digits} is no real day: there is no month {month}")
    days = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    return DateError(f"{digits} is no real day: {calendar.month_name[month]} {year} has {days} days")


def parse_iso(text: object) -> date:
    """A strict ISO day; 2020-02-31 and "Sept 3" are errors, with the reason."""
    if not isinstance(text, str) or not _ISO_RE.fullmatch(text):
        raise DateError(f"expected an ISO date YYYY-MM-DD, got {preview(text)}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        year, month, _ = (int(part) for part in text.split("-"))
        if year == 0:
            raise DateError(f"{text} is no real day: there is no year 0") from None
        raise no_such_day(text, year, month) from None


def _last_day(day: date, precision: Precision) -> date:
    if precision is Precision.YEAR:
        return date(day.year, 12, 31)
    if precision is Precision.MONTH:
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


@dataclass(frozen=True, order=True, slots=True)
class When:
    """A point or period in time at a stated precision."""

    start: date
    precision: Precision = Precision.DAY
    end: date | None = None

    @classmethod
    def from_fields(cls, start: str, precision: str = "day", end: str | None = None) -> When:
        try:
            prec = Precision(precision)
        except ValueError:
            raise DateError(f"unknown precision {preview(precision)}") from None
        first = parse_iso(start)
        last = parse_iso(end) if end is not None else None
        if last is not None and last < first:
            raise DateError(f"range ends ({end}) before it starts ({start})")
        return cls(first, prec, last)

    def fields(self) -> dict[str, str | None]:
        return {
            "date": self.start.isoformat(),
            "precision": str(self.precision),
            "end": self.end.isoformat() if self.end else None,
        }

    @property
    def last(self) -> date:
        """The last day this covers."""
        return self.end if self.end else _last_day(self.start, self.precision)

    def overlaps(self, first: date | None, last: date | None) -> bool:
        return (first is None or self.last >= first) and (last is None or self.start <= last)

    @property
    def label(self) -> str:
        text = _label(self.start, self.precision)
        if self.end is None:
            return text
        end = _label(self.end, self.precision)
        if self.precision is Precision.DAY and self.start.year == self.end.year:
            if self.start.month == self.end.month:
                return f"{self.start.day}–{end}"
            return f"{self.start.day} {self.start:%b}–{end}"
        return f"{text} – {end}"

    @property
    def sort_key(self) -> str:
        return self.start.isoformat()

    @property
    def iso(self) -> str:
        """ISO 8601 at its precision, for scripts ("2020-07-23", "2020-09", "2020", "2020-09-23/2020-09-24").

        As text it sorts as the dates do, which "3 Aug 2020" does not.
        """
        text = _iso(self.start, self.precision)
        return f"{text}/{_iso(self.end, self.precision)}" if self.end else text


def _iso(day: date, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return f"{day.year:04d}"
    if precision is Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def stamp_label(stamp: str) -> str:
    """An ISO UTC timestamp (a note's ``updated``) as the reader's local day, written as every other date on screen."""
    try:
        day = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().date()
    except ValueError:
        return stamp[:10]
    return _label(day, Precision.DAY)


def _label(day: date, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return f"{day.year}"
    if precision is Precision.MONTH:
        return f"{day:%b %Y}"
    return f"{day.day} {day:%b %Y}"


_LOOSE_MAX_LENGTH = 100
_YEAR_RE = re.compile(r"\d{4}")
_MONTH_RE = re.compile(r"\d{4}-\d{1,2}")


def parse_loose(text: str, *, default: date | None = None) -> When:
    """A date typed by a person ("2020-09", "sept 20 2020", "2020") as a When.

    The precision is what the text pins down, so ``from:2020-09`` means from
    the first of September and ``to:2020-09`` to its last day.  Whatever the
    text, the only error is a DateError.
    """
    text = text.strip()
    if not text:
        raise DateError("empty date")
    if len(text) > _LOOSE_MAX_LENGTH:  # dateutil takes minutes over a long run of digits
        raise DateError(f"{preview(text)} is too long to be a date")
    try:
        if _YEAR_RE.fullmatch(text):
            return When(date(int(text), 1, 1), Precision.YEAR)
        if _MONTH_RE.fullmatch(text):
            year, month = (int(part) for part in text.split("-"))
            if not 1 <= month <= 12:
                raise no_such_day(text, year, month)
            return When(date(year, month, 1), Precision.MONTH)
        if _ISO_RE.fullmatch(text):
            return When(parse_iso(text), Precision.DAY)  # an impossible ISO day is said as parse_iso says it
    except DateError:
        raise
    except ValueError:  # year 0
        raise DateError(f"{preview(text)} is no real day: there is no year 0") from None
    sentinel_a = date(1, 1, 1)
    sentinel_b = date(4, 2, 2)
    try:
        with warnings.catch_warnings():  # dateutil warns about time zone names it cannot place
            warnings.simplefilter("ignore")
            a = dateutil_parser.parse(text, default=_dt(default or sentinel_a)).date()
            b = dateutil_parser.parse(text, default=_dt(sentinel_b)).date()
    except (ValueError, OverflowError) as exc:
        if str(exc).startswith("day is out of range"):  # "30 Feb 2020": the month is known, the day is not in it
            raise DateError(f"{preview(text)} is no real day: that month has fewer days") from None
        raise DateError(f"{preview(text)} is not a date I can read; {WRITTEN_AS}") from None
    if default is None and a.year != b.year:
        raise DateError(f"{preview(text)} has no year")
    if a.day != b.day:
        return When(date(a.year, a.month, 1), Precision.MONTH)
    return When(a, Precision.DAY)


def _dt(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)
