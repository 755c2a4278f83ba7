"""Events: one per dated mention, the kind from the cue next to the date, a title in our words."""

from __future__ import annotations

from datetime import date

from briefing.ingest.actors import find_actors
from briefing.ingest.dates import find_dates
from briefing.ingest.events import OTHER, DraftEvent, find_events
from briefing.ingest.text import split_article
from briefing.model.vocabulary import Precision

ARTICLE = date(2020, 9, 28)


def events_of(*paragraphs: str) -> list[DraftEvent]:
    article = split_article("Headline\n" + "\n".join(paragraphs))
    dates, _ = find_dates([p.text for p in article.paragraphs], ARTICLE, first_paragraph=1)
    return find_events(article.paragraphs, find_actors(article.paragraphs), dates)


def test_a_date_list_gives_one_event_per_date_of_the_same_kind() -> None:
    events = events_of(
        "Convoys for US facilities were attacked by IEDs on July 23; August 3 and 9. "
        "Rockets were fired on July 24 and 27."
    )
    assert [(e.kind, e.when.start) for e in events] == [
        ("remote-explosive-ied", date(2020, 7, 23)),
        ("remote-explosive-ied", date(2020, 8, 3)),
        ("remote-explosive-ied", date(2020, 8, 9)),
        ("shelling-artillery-missile-attack", date(2020, 7, 24)),
        ("shelling-artillery-missile-attack", date(2020, 7, 27)),
    ]
    assert events[0].title == "IED attack on convoy, 23 Jul 2020"
    assert events[3].title == "Rocket attack, 24 Jul 2020"
    assert events[0].actors == ("actor:united-states",)
    assert {e.paragraph for e in events} == {1}


def test_cue_words_give_the_kind_and_the_title() -> None:
    events = events_of(
        "The last airstrike was in March.",
        "Kadhimi had sought to stop them with a raid on Kataib Hezbollah in June.",
        "In the last week, Ismael Ghaani traveled to Karbala.",
        "On September 27, Iran showed off a massive display of new weapons.",
        "On September 15 the US announced new sanctions.",
        "On September 3 nothing much happened.",
    )
    assert [(e.kind, e.title) for e in events] == [
        ("air-drone-strike", "Airstrike, Mar 2020"),
        ("arrests", "Raid on Kataib Hezbollah, Jun 2020"),
        ("visit", "Visit to Karbala, 21–28 Sep 2020"),
        ("weapons-display", "Weapons display, 27 Sep 2020"),
        ("sanction", "Sanctions, 15 Sep 2020"),
        (OTHER, "Development, 3 Sep 2020"),
    ]
    assert events[0].when.precision is Precision.MONTH
    assert events[2].location == "Karbala"


def test_a_specific_cue_beats_a_bare_attack() -> None:
    (event,) = events_of("The same day, September 27, there was an IED attack on a convoy in Babil province.")
    assert event.kind == "remote-explosive-ied"
    assert event.location == "Babil province"
    assert event.title == "IED attack on convoy in Babil province, 27 Sep 2020"


def test_the_same_date_and_kind_twice_is_one_event() -> None:
    events = events_of(
        "An IED hit a convoy on September 28 in southern Baghdad.",
        "Convoys were attacked by IEDs on September 27 and 28.",
    )
    assert [(e.when.start.day, e.paragraph, e.location) for e in events] == [
        (28, 1, "southern Baghdad"),
        (27, 2, ""),
    ]


def test_a_since_range_keeps_its_end() -> None:
    (event,) = events_of("Since January, the US has withdrawn from eight facilities in Iraq.")
    assert event.kind == "withdrawal"
    assert (event.when.start, event.when.end) == (date(2020, 1, 1), date(2020, 9, 1))
    assert event.location == "Iraq"
