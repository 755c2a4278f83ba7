"""The one date type: labels a reader sees, what a typed date pins down, ranges."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.model.dates import DateError, When, parse_iso, parse_loose, stamp_label
from briefing.model.vocabulary import Precision


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        (("2020-07-23", "day", None), "23 Jul 2020"),
        (("2020-09-01", "month", None), "Sep 2020"),
        (("2017-01-01", "year", None), "2017"),
        (("2020-09-23", "day", "2020-09-24"), "23–24 Sep 2020"),
        (("2020-08-30", "day", "2020-09-02"), "30 Aug–2 Sep 2020"),
        (("2019-12-30", "day", "2020-01-02"), "30 Dec 2019 – 2 Jan 2020"),
        (("2020-01-01", "month", "2020-09-01"), "Jan 2020 – Sep 2020"),
    ],
)
def test_labels(fields: tuple[str, str, str | None], label: str) -> None:
    assert When.from_fields(*fields).label == label


@pytest.mark.parametrize(
    ("fields", "iso"),
    [
        (("2020-07-23", "day", None), "2020-07-23"),
        (("2020-09-01", "month", None), "2020-09"),
        (("2017-01-01", "year", None), "2017"),
        (("2020-09-23", "day", "2020-09-24"), "2020-09-23/2020-09-24"),
        (("2020-01-01", "month", "2020-09-01"), "2020-01/2020-09"),
    ],
)
def test_the_iso_form_is_at_its_precision_and_sorts_as_dates(fields: tuple[str, str, str | None], iso: str) -> None:
    assert When.from_fields(*fields).iso == iso
    days = ["2020-08-03", "2020-07-23", "2020-10-01", "2020-09-15"]
    assert sorted(When.from_fields(d).iso for d in days) == [When.from_fields(d).iso for d in sorted(days)]


def test_the_last_day_follows_the_precision() -> None:
    assert When.from_fields("2020-02-01", "month").last == date(2020, 2, 29)
    assert When.from_fields("2020-01-01", "year").last == date(2020, 12, 31)
    assert When.from_fields("2020-09-23", "day", "2020-09-24").last == date(2020, 9, 24)


def test_overlaps_a_period() -> None:
    september = When.from_fields("2020-09-01", "month")
    assert september.overlaps(date(2020, 9, 30), None)
    assert not september.overlaps(date(2020, 10, 1), None)
    assert september.overlaps(None, date(2020, 9, 1))
    assert not september.overlaps(None, date(2020, 8, 31))


@pytest.mark.parametrize("text", ["2020-02-31", "2020-13-01", "Sept 3", "2020-9-3", "", None, 20200923])
def test_strict_iso_dates_refuse_what_is_not_a_real_day(text: object) -> None:
    with pytest.raises(DateError):
        parse_iso(text)


def test_a_range_cannot_end_before_it_starts() -> None:
    with pytest.raises(DateError, match="before it starts"):
        When.from_fields("2020-09-24", "day", "2020-09-23")


def test_an_unknown_precision_is_an_error() -> None:
    with pytest.raises(DateError, match="precision"):
        When.from_fields("2020-09-24", "week")


def test_fields_round_trip() -> None:
    when = When.from_fields("2020-09-23", "day", "2020-09-24")
    assert When.from_fields(**{"start" if k == "date" else k: v for k, v in when.fields().items()}) == when


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("2020", date(2020, 1, 1), Precision.YEAR),
        ("2020-09", date(2020, 9, 1), Precision.MONTH),
        ("2020-9", date(2020, 9, 1), Precision.MONTH),
        ("sept 2020", date(2020, 9, 1), Precision.MONTH),
        ("September 20, 2020", date(2020, 9, 20), Precision.DAY),
        ("20 sep 2020", date(2020, 9, 20), Precision.DAY),
        ("2020-09-20", date(2020, 9, 20), Precision.DAY),
    ],
)
def test_a_loose_date_is_as_precise_as_its_text(text: str, start: date, precision: Precision) -> None:
    when = parse_loose(text)
    assert (when.start, when.precision) == (start, precision)


def test_a_loose_month_reaches_its_last_day() -> None:
    assert parse_loose("2020-09").last == date(2020, 9, 30)


def test_a_loose_date_without_a_year_takes_the_default() -> None:
    assert parse_loose("Sept 3", default=date(2020, 1, 1)).start == date(2020, 9, 3)


@pytest.mark.parametrize("text", ["", "   ", "2020-13", "Sept 3", "not a date"])
def test_a_loose_date_that_cannot_be_read_is_an_error(text: str) -> None:
    with pytest.raises(DateError):
        parse_loose(text)


def test_a_note_time_is_shown_as_a_local_day_like_every_other_date() -> None:
    assert stamp_label("2024-01-03T10:00:00Z") == "3 Jan 2024"
    assert stamp_label("not a time") == "not a time"[:10], "a broken stamp shows as it is, cut, never an error"
