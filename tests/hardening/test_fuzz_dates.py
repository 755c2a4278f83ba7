"""Dates under fuzzing: whatever is typed or stored, the answer is a When or a DateError that reads well."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.model.dates import DateError, When, parse_iso, parse_loose
from briefing.model.vocabulary import Precision
from tests.hardening.helpers import examples
from tests.hardening.strategies import hostile_text, json_values

fuzz = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like dates often enough to reach every branch of the parser.
date_like = st.lists(
    st.one_of(
        st.sampled_from(["0000", "2020", "9999", "-", "/", ".", " ", ",", "sept", "Feb", "31", "29", "00", "13", "T"]),
        st.integers(0, 99999).map(str),
        hostile_text(3),
    ),
    max_size=6,
).map("".join)


def assert_reads_well(error: DateError) -> None:
    message = str(error)
    assert message and "\n" not in message
    assert len(message) <= 200


@fuzz
@given(st.one_of(date_like, hostile_text(), st.text(max_size=2000)), st.one_of(st.none(), st.dates()))
def test_a_loose_date_is_a_when_or_a_date_error(text: str, default: date | None) -> None:
    try:
        when = parse_loose(text, default=default)
    except DateError as exc:
        assert_reads_well(exc)
    else:
        assert when.start <= when.last
        assert when.label


@fuzz
@given(st.one_of(json_values(), date_like))
def test_a_strict_date_is_a_day_or_a_date_error(value: Any) -> None:
    try:
        day = parse_iso(value)
    except DateError as exc:
        assert_reads_well(exc)
    else:
        assert day.isoformat() == value  # only the exact ASCII form is accepted


@fuzz
@given(st.dates(), st.sampled_from(list(Precision)), st.one_of(st.none(), st.dates()))
def test_fields_round_trip(start: date, precision: Precision, end: date | None) -> None:
    if end is not None and end < start:
        start, end = end, start
    when = When(start, precision, end)
    assert When.from_fields(**{"start" if k == "date" else k: v for k, v in when.fields().items()}) == when


@fuzz
@given(json_values(), json_values(), json_values())
def test_any_stored_fields_are_a_when_or_a_date_error(start: Any, precision: Any, end: Any) -> None:
    try:
        When.from_fields(start, precision, end)
    except DateError as exc:
        assert_reads_well(exc)


@fuzz
@given(st.dates(min_value=date(1000, 1, 1)))
def test_what_the_exporters_write_reads_back_as_the_same_day(day: date) -> None:
    assert parse_loose(day.isoformat()) == When(day, Precision.DAY)
    assert parse_loose(f"{day:%Y-%m}") == When(day.replace(day=1), Precision.MONTH)
    assert parse_loose(f"{day:%Y}") == When(date(day.year, 1, 1), Precision.YEAR)


def test_year_zero_is_a_date_error_not_a_crash() -> None:
    for text in ("0000", "0000-05"):
        try:
            parse_loose(text)
        except DateError as exc:
            assert "0000" in str(exc)
        else:
            raise AssertionError(text)


def test_digits_that_are_not_ascii_are_not_an_iso_date() -> None:
    for text in ("２０２０-０１-０１", "٢٠٢٠-٠١-٠١"):
        try:
            parse_iso(text)
        except DateError as exc:
            assert "expected an ISO date" in str(exc)
        else:
            raise AssertionError(text)


def test_a_huge_date_is_quoted_short() -> None:
    try:
        parse_loose("9" * 1_000_000)
    except DateError as exc:
        assert_reads_well(exc)
