"""Ids: the kind an id names, and ids made from free text."""

from __future__ import annotations

import pytest

from briefing.model.ids import is_id, kind_of, make_id, new_note_id, slug_of, slugify
from briefing.model.vocabulary import EntityKind


@pytest.mark.parametrize("kind", list(EntityKind))
def test_every_kind_round_trips_through_an_id(kind: EntityKind) -> None:
    entity_id = make_id(kind, "qais-khazali")
    assert is_id(entity_id)
    assert kind_of(entity_id) is kind and slug_of(entity_id) == "qais-khazali"


@pytest.mark.parametrize("bad", ["person:qais", "Actor:qais", "qais"])
def test_a_prefix_that_names_no_kind_is_a_value_error(bad: str) -> None:
    assert not is_id(bad)
    with pytest.raises(ValueError, match="not a kind of entry"):
        kind_of(bad)


def test_slugs_fold_accents_and_punctuation() -> None:
    assert slugify("Kata'ib Ḥizbullāh — 2020!") == "kata-ib-hizbullah-2020"
    assert slugify("!!!") == "x"


def test_note_ids_are_unique_note_ids() -> None:
    ids = [new_note_id() for _ in range(50)]
    assert len(set(ids)) == 50 and all(kind_of(i) is EntityKind.NOTE for i in ids)
