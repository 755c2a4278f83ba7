"""``shorten`` folds only the head of a long value, and gives what folding all of it gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.text import one_line, shorten


def whole(value: str, width: int) -> str:
    """The cut as it was made before: clean and fold all of it, then cut."""
    line = one_line(value)
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"


ALPHABET = st.sampled_from(list("ab c\n\t\x1b\u202e\x85é伊"))


@given(
    st.one_of(st.text(alphabet=ALPHABET, max_size=200), st.text(alphabet=ALPHABET, min_size=600, max_size=3_000)),
    st.integers(min_value=0, max_value=120),
)
def test_shorten_is_the_whole_value_folded_and_cut(value: str, width: int) -> None:
    assert shorten(value, width) == whole(value, width)


def test_a_long_run_of_spaces_or_controls_before_the_words_still_shows_the_words() -> None:
    value = " " * 10_000 + "\x1b" * 10_000 + "the words that follow " * 20
    assert shorten(value, 30) == whole(value, 30) == "the words that follow the wor…"


def test_five_megabytes_are_cut_without_folding_them_all() -> None:
    assert shorten("word " * 1_000_000, 12) == "word word w…"
