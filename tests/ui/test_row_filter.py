"""What a list's filter matches: the words a row shows, the whole of its text, an actor's aliases."""

from __future__ import annotations

from pathlib import Path

from briefing.library import Library
from briefing.model.vocabulary import EntityKind
from briefing.ui.listing import COLUMNS, entries
from briefing.ui.row_filter import RowWords, filter_words
from briefing.workspace import Workspace


def _shipped(tmp_path: Path) -> Library:
    return Library.load(Workspace.from_options(None, tmp_path).library_dirs)


def test_the_words_are_casefolded_and_split_on_spaces() -> None:
    assert filter_words("  Rocket   AUG ") == ("rocket", "aug")
    assert filter_words("") == ()


def test_a_row_holds_its_date_as_shown_its_kind_label_and_the_end_of_a_long_text(tmp_path: Path) -> None:
    library = _shipped(tmp_path)
    claims = entries(library, EntityKind.CLAIM, None)
    words = RowWords(library, COLUMNS[EntityKind.CLAIM])
    long_claim = max(claims, key=lambda c: len(c.text))  # type: ignore[union-attr]
    last_word = long_claim.text.split()[-1].strip(".,;").casefold()  # type: ignore[union-attr]
    assert long_claim in words.matching(claims, (last_word,))
    events = entries(library, EntityKind.EVENT, None)
    event_words = RowWords(library, COLUMNS[EntityKind.EVENT])
    august = event_words.matching(events, ("aug", "2020"))
    assert august and all(e.when is not None and e.when.start.month == 8 for e in august)  # type: ignore[union-attr]
    assert event_words.matching(events, ("shelling/artillery",)), "the kind as the list names it"


def test_an_actor_is_found_by_an_alias_and_every_word_must_hold(tmp_path: Path) -> None:
    library = _shipped(tmp_path)
    actors = entries(library, EntityKind.ACTOR, None)
    words = RowWords(library, COLUMNS[EntityKind.ACTOR])
    assert "actor:asaib-ahl-al-haq" in [a.id for a in words.matching(actors, ("aah",))]
    assert words.matching(actors, ("aah", "no-such-word")) == []
