"""The whole draft: it validates, it says it is a draft, and on the seed article it finds what a reader would."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.ingest.extract import DRAFT_TAG, ArticleError, extract
from briefing.model.records import tables_of
from briefing.model.validation import validate_tables
from tests.ingest.seed import SEED_DATE, seed_text

SMALL = """Militias press the US to leave Iraq

Qais Khazali, the leader of Asaib Ahl al-Haq, said on September 20 that US forces must leave Iraq.
Convoys for US facilities were attacked by IEDs on September 2, 3 and 15.
Clearly, the militias know the convoys' routes.
"""


def test_a_small_article_makes_a_draft_that_validates() -> None:
    draft = extract(SMALL, name="small.txt", article_date=date(2020, 9, 28))
    tables = tables_of(draft.document)
    assert validate_tables(tables, "small.txt") == []
    ((briefing_id, briefing),) = tables["briefing"].items()
    assert briefing_id == "briefing:militias-press-the-us-to-leave-iraq"
    assert briefing["summary"].startswith("DRAFT extracted from small.txt — rewrite in your own words")
    assert briefing["tags"] == [DRAFT_TAG]
    ((source_id, source),) = tables["sources"].items()
    assert (source["title"], source["date"], source["paragraphs"]) == (
        "Militias press the US to leave Iraq",
        "2020-09-28",
        3,
    )
    claims = list(tables["claims"].values())
    assert [(c["attributed_to"], c["kind"], c["paragraph"]) for c in claims] == [
        (["actor:qais-khazali"], "statement", 1),
        ([source_id], "assessment", 3),
    ]
    events = tables["events"]
    assert sorted(events) == [
        "event:2020-09-02-ied-attack-on-convoy",
        "event:2020-09-03-ied-attack-on-convoy",
        "event:2020-09-15-ied-attack-on-convoy",
        "event:2020-09-20-development",
    ]
    assert all(e["description"].startswith("DRAFT from paragraph") for e in events.values())
    khazali = tables["actors"]["actor:qais-khazali"]
    assert khazali["relations"] == [{"type": "leads", "target": "actor:asaib-ahl-al-haq", "note": "draft"}]


def test_without_a_date_the_source_has_none_and_the_briefing_the_latest_found() -> None:
    draft = extract(SMALL)
    assert not draft.date_given
    assert draft.document.sources[0].date is None
    assert draft.document.briefing.date is not None
    assert draft.document.briefing.date.start == draft.article_date


def test_empty_text_is_an_article_error() -> None:
    with pytest.raises(ArticleError, match="no text"):
        extract(" \n\n\t", name="blank.txt")


ARTICLE_WORDS = st.sampled_from(
    [
        "Qais",
        "Khazali",
        "Khazali’s",
        "al-Sadr",
        "Asaib",
        "Ahl",
        "al-Haq",
        "US",
        "Iranian-backed",
        "said",
        "warned",
        "denied",
        "according",
        "to",
        "on",
        "September",
        "27;",
        "August",
        "3,",
        "9",
        "and",
        "in",
        "March",
        "the",
        "next",
        "day",
        "Since",
        "January",
        "IED",
        "rockets",
        "fired",
        "Clearly,",
        "indicating",
        "Prime",
        "Minister",
        "of",
        "’s",
        "(photo credit: X)",
        ".",
        ",",
        "\n",
        "\n\n",
        "President",
        "Baghdad",
        "near",
        "raid",
        "visit",
        "display",
        "2017",
        "Gen.",
        "U.S.",
        "—",
        "\x1b[2J",
        "\u202e",
        "",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(min_size=1), st.lists(ARTICLE_WORDS, min_size=1, max_size=60).map(" ".join)))
@example("ACCORDING TO 0")  # says who, but nothing: no claim, rather than an empty one
def test_any_text_gives_a_valid_draft_or_a_clean_error(text: str) -> None:
    try:
        draft = extract(text, name="fuzz.txt", today=date(2021, 6, 1))
    except ArticleError:
        assert not text.strip() or not any(c.isprintable() and not c.isspace() for c in text)
        return
    assert validate_tables(tables_of(draft.document), "fuzz.txt") == []


IEDS = ["07-23", "08-03", "08-09", "08-23", "08-26", "09-02", "09-03", "09-05", "09-07", "09-15", "09-18", "09-21"]
IEDS += ["09-27", "09-28"]
ROCKETS = ["07-24", "07-27", "07-28", "07-30", "07-31", "08-03", "08-05", "08-11", "08-14", "08-15", "08-16"]
ROCKETS += ["08-18", "08-28", "08-29", "08-30", "09-06", "09-07", "09-10", "09-15", "09-16", "09-20"]


@pytest.fixture(scope="module")
def seed_tables() -> dict:
    return tables_of(extract(seed_text(), name="seed.txt", article_date=SEED_DATE).document)


def test_the_seed_draft_validates(seed_tables: dict) -> None:
    assert validate_tables(seed_tables, "seed.txt") == []
    (source,) = seed_tables["sources"].values()
    assert source["paragraphs"] == 19


def test_the_seed_draft_has_every_listed_attack(seed_tables: dict) -> None:
    days = Counter((e["kind"], e["date"]) for e in seed_tables["events"].values())
    assert {("remote-explosive-ied", f"2020-{d}") for d in IEDS} <= set(days)
    assert {("shelling-artillery-missile-attack", f"2020-{d}") for d in ROCKETS} <= set(days)
    assert all(count == 1 for count in days.values())


def test_the_seed_draft_names_the_main_actors(seed_tables: dict) -> None:
    names = {a["name"] for a in seed_tables["actors"].values()}
    assert {
        "Qais Khazali",
        "Asaib Ahl al-Haq",
        "Akram al-Kaabi",
        "Harakat Hezbollah al-Nujaba",
        "Muqtada al-Sadr",
        "Mike Pompeo",
    } <= names


def test_the_seed_draft_attributes_a_claim_to_khazali(seed_tables: dict) -> None:
    by_khazali = [c for c in seed_tables["claims"].values() if "actor:qais-khazali" in c["attributed_to"]]
    assert [c["paragraph"] for c in by_khazali] == [14]
    assert "militia groups" in by_khazali[0]["text"]


def test_ids_keep_clear_of_the_library_but_actors_keep_theirs() -> None:
    article = "Militia leader tells the US to go\n\nConvoys for US facilities were attacked by IEDs on September 2.\n"
    alone = extract(article, name="a.txt", article_date=date(2020, 9, 28)).document
    (event,) = alone.events
    taken = [event.id, alone.briefing.id, alone.sources[0].id, "actor:united-states"]

    beside = extract(article, name="a.txt", article_date=date(2020, 9, 28), library_ids=taken)
    doc = beside.document
    assert beside.moved == 3
    assert doc.events[0].id == f"{event.id}-2"
    assert doc.briefing.id == f"{alone.briefing.id}-2" and doc.sources[0].id == f"{alone.sources[0].id}-2"
    assert doc.events[0].source == doc.sources[0].id and doc.events[0].briefing == doc.briefing.id
    assert [a.id for a in doc.actors] == [a.id for a in alone.actors]
    assert validate_tables(tables_of(doc), "a.txt") == []


def test_a_one_paragraph_article_keeps_its_claim_and_events() -> None:
    text = (
        "Qais Khazali, the leader of Asaib Ahl al-Haq, said on September 20 that US forces must leave Iraq, "
        "after convoys for US facilities were attacked by IEDs on September 2 and 15."
    )
    draft = extract(text, name="one.txt", article_date=date(2020, 9, 28))
    tables = tables_of(draft.document)
    assert validate_tables(tables, "one.txt") == []
    assert [p.text for p in draft.article.paragraphs] == [text]
    (source,) = tables["sources"].values()
    assert source["paragraphs"] == 1
    claims = list(tables["claims"].values())
    assert [(c["attributed_to"], c["date"], c["paragraph"]) for c in claims] == [
        (["actor:qais-khazali"], "2020-09-20", 1)
    ]
    assert {"event:2020-09-02-ied-attack-on-convoy", "event:2020-09-15-ied-attack-on-convoy"} <= set(tables["events"])
    (title,) = [b["title"] for b in tables["briefing"].values()]
    assert title.startswith("Qais Khazali, the leader of Asaib Ahl al-Haq") and len(title) <= 80
