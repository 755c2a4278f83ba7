"""Filters whose values come from the vocabulary or are dates: what a reader may type for each."""

from __future__ import annotations

from datetime import date

from briefing.search.query import parse


def test_kind_accepts_plurals_and_unique_prefixes() -> None:
    assert parse("kind:events").filters[0].values == ("event",)
    assert parse("kind:act").filters[0].values == ("actor",)


def test_type_accepts_slugs_prefixes_and_label_words() -> None:
    assert parse("type:remote-explosive-ied").filters[0].values == ("remote-explosive-ied",)
    assert parse("type:ied").filters[0].values == ("remote-explosive-ied",)
    assert parse("type:air").filters[0].values == ("air-drone-strike",)
    assert parse("type:drone").filters[0].values == ("air-drone-strike",)
    assert parse("type:rocket").filters[0].values == ("shelling-artillery-missile-attack",)


def test_dates_are_read_as_people_write_them() -> None:
    since, until = parse('from:2020-09 to:"sept 20 2020"').filters
    assert since.when is not None and since.when.start == date(2020, 9, 1)
    assert until.when is not None and until.when.last == date(2020, 9, 20)
    assert parse("to:2020-09").filters[0].when.last == date(2020, 9, 30)  # type: ignore[union-attr]
