"""The browser screen's keys, in the order the footer shows them; the help screen reads them from there too.

The views and dialogs have their own keys, next to what they do; these are
the ones that work anywhere in the browser.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

BROWSER_KEYS: list[BindingType] = [
    Binding("slash", "open_search", "search", key_display="/", tooltip="Search the library", id="search"),
    Binding(
        "left_square_bracket,alt+left",
        "back",
        "back",
        key_display="[",
        tooltip="Back to the previous place",
        id="back",
    ),
    Binding(
        "right_square_bracket,alt+right",
        "forward",
        "forward",
        key_display="]",
        tooltip="Forward again after going back (shown while there is somewhere to go)",
        id="forward",
    ),
    Binding(
        "a",
        "annotate",
        "annotate",
        tooltip="Write a note on the entry under the cursor, or the open one",
        id="annotate",
    ),
    Binding("t", "timeline", "timeline", tooltip="The timeline of the current briefing", id="timeline"),
    Binding(
        "u,ctrl+z",
        "undo_delete",
        "undo delete",
        tooltip="Bring back the last deleted note (shown while there is one)",
        id="undo_delete",
    ),
    # m and M page through a long text of the open entry from anywhere (the detail pane lists them).
    Binding("m", "detail_page(1)", show=False),
    Binding("M", "detail_page(-1)", show=False),
    Binding(
        "ctrl+b",
        "toggle_navigation",
        "navigation",
        show=False,
        tooltip="Show or hide the navigation",
        id="toggle_navigation",
    ),
]
