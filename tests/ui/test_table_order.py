"""The entry table's sort choices: kept per kind of list, flipped by choosing the same column again."""

from __future__ import annotations

from briefing.model.vocabulary import EntityKind
from briefing.ui.listing import COLUMNS, DEFAULT_SORT
from briefing.ui.table_order import SortChoices


def test_each_kind_starts_in_its_default_order_and_keeps_its_own_choice() -> None:
    choices = SortChoices()
    assert choices.of(EntityKind.ACTOR) == (DEFAULT_SORT[EntityKind.ACTOR], False)
    choices.choose(EntityKind.ACTOR, "mentions")
    assert choices.of(EntityKind.ACTOR) == ("mentions", False)
    assert choices.of(EntityKind.CLAIM) == (DEFAULT_SORT[EntityKind.CLAIM], False)


def test_choosing_the_current_column_again_reverses_it_and_another_column_starts_ascending() -> None:
    choices = SortChoices()
    choices.choose(EntityKind.EVENT, "date")
    assert choices.of(EntityKind.EVENT) == ("date", True)
    choices.choose(EntityKind.EVENT, "title")
    assert choices.of(EntityKind.EVENT) == ("title", False)
    choices.choose(EntityKind.EVENT, "title", reverse=False)
    assert choices.of(EntityKind.EVENT) == ("title", False)


def test_the_next_column_comes_round_to_the_first() -> None:
    choices = SortChoices()
    keys = [c.key for c in COLUMNS[EntityKind.SOURCE]]
    choices.choose(EntityKind.SOURCE, keys[-1])
    assert choices.next_column(EntityKind.SOURCE) == keys[0]
