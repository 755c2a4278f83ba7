"""The shipped briefing: valid, fully cited, and faithful to its article.

The facts checked here are taken by hand from the source article (The
Jerusalem Post, 28 Sep 2020, "US faces crossroads in Iraq with threat of
embassy closure").  Entries are found by name through the library, not by
hard-coded ids, so the content may be reorganised without breaking this.
"""

from __future__ import annotations

from datetime import date

import pytest

from briefing.library import Library
from briefing.model.entities import Actor, Claim, Event
from briefing.model.vocabulary import EntityKind
from briefing.store.briefings import check_file
from briefing.store.paths import shipped_content

CONTENT = shipped_content()
SHIPPED = CONTENT / "iraq-convoy-attacks-2020.json"

pytestmark = pytest.mark.skipif(not SHIPPED.exists(), reason=f"the shipped briefing is not written yet ({SHIPPED})")

IED_DATES = ["07-23", "08-03", "08-09", "08-23", "08-26"] + [f"09-{d:02d}" for d in (2, 3, 5, 7, 15, 18, 21, 27, 28)]
ROCKET_DATES = (
    ["07-24", "07-27", "07-28", "07-30", "07-31"]
    + [f"08-{d:02d}" for d in (3, 5, 11, 14, 15, 16, 18, 28, 29, 30)]
    + [f"09-{d:02d}" for d in (6, 7, 10, 15, 16, 20)]
)


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load([CONTENT])


def actor(library: Library, name: str) -> Actor:
    """The actor whose name or an alias is ``name`` (case-insensitive)."""
    wanted = name.casefold()
    found = [a for a in library.actors.values() if wanted in (n.casefold() for n in a.names)]
    assert len(found) == 1, f"{name!r} names {len(found)} actors"
    return found[0]


def related(library: Library, subject: Actor, label: str) -> set[str]:
    return {link.other for link in library.relations(subject.id) if link.label == label}


def days_of(library: Library, kind: str) -> list[date]:
    return sorted(e.when.start for e in library.all(EntityKind.EVENT) if isinstance(e, Event) and e.event_kind == kind)


def test_it_validates_with_no_problems(library: Library) -> None:
    assert check_file(SHIPPED) == []
    assert library.problems == []
    assert len(library.briefings) == 1


def test_nothing_dangles(library: Library) -> None:
    for entity in (*library.claims.values(), *library.events.values()):
        for ref in entity.references:
            assert ref in library, f"{entity.id} refers to missing {ref}"
    for subject in library.actors.values():
        for relation in subject.relations:
            assert relation.target in library.actors, f"{subject.id} relates to missing {relation.target}"


def test_every_claim_and_event_cites_a_source_paragraph(library: Library) -> None:
    for entity in (*library.claims.values(), *library.events.values()):
        source = library.sources.get(entity.source)
        assert source is not None, entity.id
        assert entity.paragraph is not None, f"{entity.id} gives no paragraph"
        assert 1 <= entity.paragraph <= source.paragraphs, entity.id


def test_the_source_is_dated_28_september_2020(library: Library) -> None:
    (source,) = library.sources.values()
    assert source.date is not None
    assert source.date.start == date(2020, 9, 28)
    assert source.publisher == "The Jerusalem Post"


def test_the_ied_convoy_attacks_are_on_the_articles_dates(library: Library) -> None:
    days = days_of(library, "remote-explosive-ied")
    missing = [d for d in IED_DATES if date.fromisoformat(f"2020-{d}") not in days]
    assert missing == []
    assert len(IED_DATES) == 14


def test_the_rocket_attacks_are_on_the_articles_dates(library: Library) -> None:
    days = days_of(library, "shelling-artillery-missile-attack")
    assert days == [date.fromisoformat(f"2020-{d}") for d in ROCKET_DATES]
    assert len(ROCKET_DATES) == 21


def test_khazali_leads_asaib_ahl_al_haq_and_was_held_by_the_united_states(library: Library) -> None:
    khazali = actor(library, "Qais Khazali")
    assert actor(library, "Asaib Ahl al-Haq").id in related(library, khazali, "leads")
    assert actor(library, "United States").id in related(library, khazali, "detained by")
    assert "Asaib Ahl al-Haq" in khazali.role


def test_qaani_is_also_ghaani_and_succeeded_soleimani(library: Library) -> None:
    qaani = actor(library, "Esmail Qaani")
    assert actor(library, "Ghaani") == qaani
    assert actor(library, "Ismael Ghaani") == qaani
    assert actor(library, "Qasem Soleimani").id in related(library, qaani, "successor of")


def test_al_kaabi_leads_nujaba(library: Library) -> None:
    kaabi = actor(library, "Akram al-Kaabi")
    assert actor(library, "Harakat Hezbollah al-Nujaba").id in related(library, kaabi, "leads")


def test_khazali_urged_letting_the_us_leave(library: Library) -> None:
    khazali = actor(library, "Qais Khazali")
    said = [c for c in library.claims_by(khazali.id) if isinstance(c, Claim)]
    assert any("leave" in c.text.casefold() for c in said), [c.text for c in said]


def test_the_bradley_shipment_spans_23_to_24_september(library: Library) -> None:
    (bradley,) = [e for e in library.events.values() if "Bradley" in e.title or "Bradley" in e.description]
    assert (bradley.when.start, bradley.when.last) == (date(2020, 9, 23), date(2020, 9, 24))
