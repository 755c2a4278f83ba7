"""Date expressions in news copy: explicit, listed, ranged, relative, and years from the article's date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.ingest.dates import DateError, find_dates, parse_article_date
from briefing.ingest.explicit_dates import resolve_year
from briefing.model.vocabulary import Precision

ARTICLE = date(2020, 9, 28)


def labels(text: str, article: date | None = ARTICLE, **kwargs: object) -> list[tuple[str, str]]:
    mentions, _ = find_dates(text, article, **kwargs)  # type: ignore[arg-type]
    return [(m.text, m.when.label) for m in mentions]


def test_a_day_takes_its_year_from_the_article() -> None:
    assert labels("Iran showed off weapons on September 27.") == [("September 27", "27 Sep 2020")]


def test_a_month_later_than_the_articles_belongs_to_the_year_before() -> None:
    assert labels("It began on December 30.") == [("December 30", "30 Dec 2019")]
    assert resolve_year(12, ARTICLE) == 2019
    assert resolve_year(9, ARTICLE) == 2020


def test_an_explicit_year_wins() -> None:
    assert labels("On Sept. 27, 2019 and 23-24 Sept 2018.") == [
        ("Sept. 27, 2019", "27 Sep 2019"),
        ("23-24 Sept 2018", "23–24 Sep 2018"),
    ]


def test_a_day_range_is_one_mention_with_an_end() -> None:
    (mention,), _ = find_dates("On September 23-24, the US upped its patrols.", ARTICLE)
    assert mention.text == "September 23-24"
    assert (mention.when.start, mention.when.end) == (date(2020, 9, 23), date(2020, 9, 24))
    assert labels("from December 30 to January 2") == [("December 30 to January 2", "30 Dec 2019 – 2 Jan 2020")]


def test_a_list_gives_each_day_its_own_mention_and_carries_the_month() -> None:
    text = "Convoys were hit on July 23; August 3, 9, 23 and 26; September 2 and 28."
    mentions, _ = find_dates(text, ARTICLE)
    assert [m.when.start for m in mentions] == [
        date(2020, 7, 23),
        date(2020, 8, 3),
        date(2020, 8, 9),
        date(2020, 8, 23),
        date(2020, 8, 26),
        date(2020, 9, 2),
        date(2020, 9, 28),
    ]
    assert [m.text for m in mentions[1:5]] == ["August 3", "9", "23", "26"]
    for mention in mentions:
        assert text[mention.span[0] : mention.span[1]] == mention.text


def test_day_first_lists_and_ranges() -> None:
    assert labels("on 3 and 5 August and 23-24 September") == [
        ("3", "3 Aug 2020"),
        ("5 August", "5 Aug 2020"),
        ("23-24 September", "23–24 Sep 2020"),
    ]


def test_a_month_after_a_cue_has_month_precision() -> None:
    mentions, _ = find_dates("The last airstrike was in March. A raid came in June.", ARTICLE)
    assert [(m.text, m.when.precision, m.when.start) for m in mentions] == [
        ("March", Precision.MONTH, date(2020, 3, 1)),
        ("June", Precision.MONTH, date(2020, 6, 1)),
    ]


def test_a_month_name_without_a_cue_is_no_date() -> None:
    assert labels("They will March on the capital. May it end soon.") == []


def test_since_a_month_runs_to_the_articles_month() -> None:
    (mention,), _ = find_dates("Since January, the US has withdrawn from eight facilities.", ARTICLE)
    assert mention.when.label == "Jan 2020 – Sep 2020"
    assert labels("Since Sept 3 it rained.") == [("Sept 3", "3–28 Sep 2020")]


def test_a_year_after_a_cue() -> None:
    assert labels("In 2017 the Kurdistan region voted; by 2019-2020 it had changed.") == [
        ("2017", "2017"),
        ("2019-2020", "2019 – 2020"),
    ]
    assert labels("A force of 2000 troops arrived.") == []


def test_relative_days_count_from_the_last_explicit_day() -> None:
    text = "On September 5 it began. The next day it spread. The following day it stopped. The same day, talks."
    assert labels(text) == [
        ("September 5", "5 Sep 2020"),
        ("The next day", "6 Sep 2020"),
        ("The following day", "7 Sep 2020"),
        ("The same day", "7 Sep 2020"),
    ]


def test_a_relative_day_restated_by_an_explicit_one_is_counted_once() -> None:
    assert labels("The next day, September 27, Iran showed off weapons.") == [("September 27", "27 Sep 2020")]


def test_relative_periods_count_from_the_article_date() -> None:
    assert labels("In the last week, yesterday, last week, three days ago, last month, this year") == [
        ("the last week", "21–28 Sep 2020"),
        ("yesterday", "27 Sep 2020"),
        ("last week", "21–27 Sep 2020"),
        ("three days ago", "25 Sep 2020"),
        ("last month", "Aug 2020"),
        ("this year", "2020"),
    ]


def test_without_an_article_date_the_latest_explicit_day_is_used() -> None:
    mentions, article = find_dates(["On September 28, 2020 it ended.", "The day before, it began."])
    assert article == date(2020, 9, 28)
    assert [m.when.label for m in mentions] == ["28 Sep 2020", "27 Sep 2020"]


def test_without_any_date_today_is_the_reference() -> None:
    mentions, article = find_dates("Yesterday it rained.", today=date(2021, 3, 10))
    assert article == date(2021, 3, 10)
    assert [m.when.label for m in mentions] == ["9 Mar 2021"]


def test_paragraphs_are_numbered_and_spans_are_within_each() -> None:
    mentions, _ = find_dates(["Nothing.", "It happened on July 4."], ARTICLE, first_paragraph=1)
    assert [(m.paragraph, m.span) for m in mentions] == [(2, (15, 21))]


def test_days_that_do_not_exist_are_skipped() -> None:
    assert labels("On September 31 and February 30, 2021.") == []


def test_a_bad_article_date_is_a_clean_date_error() -> None:
    with pytest.raises(DateError, match="is no real day: February"):
        parse_article_date("2020-02-31")
    with pytest.raises(DateError, match="expected an ISO date"):
        parse_article_date("Sept 28")
    assert parse_article_date(" 2020-09-28 ") == ARTICLE


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_any_text_never_raises(text: str, article: date | None) -> None:
    mentions, reference = find_dates(text, article, today=ARTICLE)
    for mention in mentions:
        assert 0 <= mention.span[0] < mention.span[1] <= len(text)
        assert mention.when.end is None or mention.when.end >= mention.when.start
    assert reference == (article or reference)


NEWSY = st.lists(
    st.sampled_from(
        [
            "On",
            "September",
            "23-24",
            "July",
            "23;",
            "August",
            "3,",
            "9",
            "and",
            "26",
            "the",
            "next",
            "day",
            "same",
            "Since",
            "January",
            "in",
            "March",
            "2017",
            "last",
            "week",
            "ago",
            "3",
            "days",
            "31",
            "Feb",
            "30,",
            "9999",
            "0",
            "-",
            "–",
            "Monday",
            "since",
            "yesterday",
            "0001-01-01",
            "9999-12-31",
            ",",
            ".",
        ]
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(NEWSY, st.one_of(st.none(), st.dates()))
def test_date_like_word_salad_never_raises(text: str, article: date | None) -> None:
    find_dates(text, article, today=ARTICLE)
