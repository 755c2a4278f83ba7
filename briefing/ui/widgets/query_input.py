"""The search query's input line: a ``LineInput``, minus a screen relayout per keystroke.

Coming back to the query from the results (up, or a letter typed there)
leaves the cursor at its end, to refine it: Input's default, selecting all
of it on focus, would make the next key replace the query.  ``/`` again is
a new search: the search view selects the old query itself
(``SearchView.focus_input``).

Input keeps its text's width as its virtual size, and a change of virtual
size asks for a layout of the whole screen.  On a one-line input without a
scroll bar nothing else depends on that width: the input scrolls its own
text to the cursor.  So this input keeps the width up to date without the
layout, and a keystroke repaints the input line alone rather than arranging
the screen and redrawing every scroll bar on it.
"""

from __future__ import annotations

from typing import Any

from textual.geometry import Size
from textual.reactive import Reactive

from briefing.ui.textual_compat import virtual_size_without_layout
from briefing.ui.widgets.text_entry import LineInput


class QueryInput(LineInput):
    virtual_size: Reactive[Size] = virtual_size_without_layout()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
