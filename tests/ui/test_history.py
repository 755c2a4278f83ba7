"""Back and forward over visited places, as in a web browser."""

from __future__ import annotations

from briefing.ui.history import History


def visited(*places: str) -> History[str]:
    history: History[str] = History()
    for place in places:
        history.visit(place)
    return history


def test_back_returns_to_previous_place_and_forward_comes_back() -> None:
    history = visited("a", "b", "c")
    assert history.back() == "b"
    assert history.back() == "a"
    assert history.present == "a"
    assert history.forward() == "b"
    assert history.forward() == "c"
    assert history.present == "c"


def test_back_at_the_start_and_forward_at_the_end_change_nothing() -> None:
    history = visited("a", "b")
    assert history.forward() is None
    assert history.present == "b"
    history.back()
    assert history.back() is None
    assert history.present == "a"
    assert not history.can_go_back
    assert history.can_go_forward


def test_visiting_after_going_back_drops_the_places_ahead() -> None:
    history = visited("a", "b", "c")
    history.back()
    history.back()
    history.visit("d")
    assert history.places == ["a", "d"]
    assert not history.can_go_forward
    assert history.back() == "a"


def test_visiting_the_current_place_adds_no_step() -> None:
    history = visited("a", "a", "b", "b")
    assert history.places == ["a", "b"]


def test_replace_changes_the_current_place_without_a_step() -> None:
    history = visited("a", "b")
    history.replace("b2")
    assert history.places == ["a", "b2"]
    assert history.back() == "a"


def test_replace_onto_the_previous_place_merges_the_steps() -> None:
    history = visited("a", "b", "c")
    history.back()
    history.replace("a")
    assert history.places == ["a", "c"]
    assert history.present == "a"
    assert history.forward() == "c"


def test_replace_on_an_empty_history_visits() -> None:
    history: History[str] = History()
    history.replace("a")
    assert history.present == "a"
    assert not history.can_go_back


def test_the_oldest_places_fall_off_past_the_limit() -> None:
    history: History[int] = History(limit=3)
    for place in range(5):
        history.visit(place)
    assert history.places == [2, 3, 4]
    assert history.present == 4
    assert history.back() == 3
