"""vim's moving keys (j k g G ctrl+d ctrl+u) for every list, defined once.

Each list names its own actions for them (a table's ``cursor_down``, the
timeline's ``move(1)``); the keys, ids and words are the same everywhere,
so the help shows them once, beside the arrows they stand for, and a
keymap file that rebinds ``motion.down`` rebinds it in every list.  The
search results have only the ``ctrl`` pair: a letter there is one of the
query.
"""

from __future__ import annotations

from typing import Literal

from textual.binding import Binding, BindingType

Motion = Literal["down", "up", "first", "last", "half_down", "half_up"]

MOTION_KEYS: dict[Motion, tuple[str, str]] = {
    "down": ("j", "The row below"),
    "up": ("k", "The row above"),
    "first": ("g", "The first row"),
    "last": ("G", "The last row"),
    "half_down": ("ctrl+d", "Half a page down"),
    "half_up": ("ctrl+u", "Half a page up"),
}
"""Each motion's key and what it does, in the words the help uses for the arrow keys of the same meaning."""


def motions(actions: dict[Motion, str]) -> list[BindingType]:
    """The bindings of ``actions`` (motion: the list's action for it), hidden from the footer, listed in help."""
    return [
        Binding(MOTION_KEYS[motion][0], action, show=False, tooltip=MOTION_KEYS[motion][1], id=f"motion.{motion}")
        for motion, action in actions.items()
    ]


def all_motions() -> list[Binding]:
    """Every motion, as the help lists them (its action is the words, as the help groups keys by meaning)."""
    return [
        Binding(key, words, words, show=False, tooltip=words, id=f"motion.{motion}")
        for motion, (key, words) in MOTION_KEYS.items()
    ]


def rows_of(pages: float, page_rows: int) -> int:
    """``pages`` pages of ``page_rows`` rows as a whole number of rows, never none (a half page of a short list)."""
    rows = round(pages * page_rows)
    if rows == 0:
        return 1 if pages > 0 else -1
    return rows
