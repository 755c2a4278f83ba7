"""Relative date expressions: "the next day", "last week", "three days ago", "on Monday".

Day-relative ones ("the next day", "the same day") count from the last
explicit day before them; the others from the article's date.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from briefing.model.dates import When
from briefing.model.vocabulary import Precision

_NUMBERS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_NUMBERS |= {"a": 1, "an": 1}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RELATIVE_RE = re.compile(
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


def _shifted(anchor: date, **delta: int) -> date | None:
    try:
        return anchor + relativedelta(**delta)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None


def is_day_relative(m: re.Match[str]) -> bool:
    """ "The next day", "the same day", "the day before": counted from the last explicit day."""
    return m["next_day"] is not None or m["same_day"] is not None or m["previous_day"] is not None


def names_a_day(m: re.Match[str]) -> bool:
    return is_day_relative(m) or bool(m["yesterday"] or m["today"] or m["weekday"])


def relative_when(m: re.Match[str], anchor: date | None, article: date) -> When | None:
    """What a relative expression means, given the last explicit day before it and the article's date."""
    if is_day_relative(m):
        base = anchor or article
        step = 1 if m["next_day"] is not None else -1 if m["previous_day"] is not None else 0
        day = _shifted(base, days=step)
        return When(day) if day else None
    if m["week"] is not None or m["this_week"] is not None:
        return _week(m, article)
    if m["span_n"] or m["ago_n"]:
        return _counted(m, article)
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
        return _weekday(m, article)
    return None


def _week(m: re.Match[str], article: date) -> When | None:
    """ "The past week" (the seven days to the article), "last week" (Monday to Sunday), "this week"."""
    if m["week"] is not None:
        if m["rolling"] or m["which"].lower() == "past":
            first = _shifted(article, days=-7)
            return When(first, Precision.DAY, article) if first else None
        monday = _shifted(article, days=-article.weekday() - 7)
        sunday = _shifted(monday, days=6) if monday else None
        return When(monday, Precision.DAY, sunday) if monday and sunday else None
    monday = _shifted(article, days=-article.weekday())
    if monday is None:
        return None
    return When(monday, Precision.DAY, article) if monday < article else When(article)


def _counted(m: re.Match[str], article: date) -> When | None:
    """ "The last three days" (a period to the article), "two months ago" (a point at the unit's precision)."""
    if m["span_n"]:
        count = _count(m["span_n"])
        first = _shifted(article, **{m["span_unit"].lower(): -count})
        return When(first, Precision.DAY, article) if first and count else None
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


def _weekday(m: re.Match[str], article: date) -> When | None:
    """ "On Monday", "last Monday" (a week back when the article is a Monday), "since Monday" (to the article)."""
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


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 0)
