"""Search over the briefing that ships with briefing (skipped until it is there)."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.library import Library
from briefing.model.entities import Event
from briefing.search.index import SearchIndex
from briefing.store.paths import shipped_content

CONTENT = shipped_content()
pytestmark = pytest.mark.skipif(
    not (CONTENT / "iraq-convoy-attacks-2020.json").exists(), reason="the shipped briefing is not there yet"
)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    library = Library.load([CONTENT])
    index = SearchIndex.open(tmp_path_factory.mktemp("cache") / "search.sqlite", library)
    index.ensure_built()
    return index


def test_september_convoy_attacks(shipped: SearchIndex) -> None:
    hits = shipped.search("kind:event convoy from:2020-09", limit=100).hits
    events = [shipped.library.events[h.id] for h in hits]
    assert events and all(isinstance(e, Event) for e in events)
    assert all(e.when.last >= date(2020, 9, 1) for e in events)
    convoy_attacks = {
        e.id
        for e in shipped.library.events.values()
        if "convoy" in e.title.lower() and e.when.start >= date(2020, 9, 1)
    }
    assert convoy_attacks <= {e.id for e in events}


def test_khazali_finds_him_first_then_his_group_and_what_mentions_him(shipped: SearchIndex) -> None:
    library = shipped.library
    him = "actor:qais-khazali"
    found = shipped.search("Khazali", limit=100).ids
    assert found[0] == him
    groups = {link.other for link in library.relations(him) if link.label == "leads"}
    assert groups and groups <= set(found)
    assert {e.id for e in library.backlinks(him)} <= set(found)


def test_a_misspelt_name_gets_a_suggestion(shipped: SearchIndex) -> None:
    results = shipped.search("Kazali")
    assert results.suggestions == ("Khazali",)


def test_qaani_under_any_spelling(shipped: SearchIndex) -> None:
    qaani = next(a.id for a in shipped.library.actors.values() if "Ghaani" in a.aliases)
    for spelling in ("Qaani", "Ghaani", "Qâani", "actor:ghaani"):
        assert shipped.search(spelling).ids[0] == qaani, spelling
