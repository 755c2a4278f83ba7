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
    Binding(
        "n", "step_hit(1)", "next hit", show=False, tooltip="Open the next hit of the last search", id="next_hit"
    ),
    Binding(
        "N",
        "step_hit(-1)",
        "previous hit",
        show=False,
        tooltip="Open the previous hit of the last search",
        id="previous_hit",
    ),
    Binding("t", "timeline", "timeline", tooltip="The timeline of the current briefing", id="timeline"),
    Binding(
        "c",
        "copy",
        "copy",
        show=False,  # at 80 columns a list's footer has no room left; the entry's footer shows it (DetailView)
        tooltip="Copy the entry under the cursor, or the open one: as text, a citation or its id",
        id="copy",
    ),
    Binding(
        "y", "copy_id", "copy id", show=False, tooltip="Copy the entry's id (KIND:slug), as vim yanks", id="copy_id"
    ),
    Binding(
        "o",
        "open_source",
        "open source",
        show=False,  # no room in the footer at 80 columns; help and the palette list it
        tooltip="Open the address of the entry's source in your web browser (asks which if it has several)",
        id="open_source",
    ),
    Binding(
        "E",
        "edit_elsewhere",
        "note in $EDITOR",
        show=False,
        tooltip="Write the entry's note in your own editor ($VISUAL or $EDITOR)",
        id="edit_elsewhere",
    ),
    Binding(
        "u,ctrl+z",
        "undo_delete",
        "undo",
        tooltip="Bring back the last deleted note (shown while there is one)",
        id="undo_delete",
    ),
    # m and M page through a long text of the open entry from anywhere (the detail pane lists them).
    Binding("m", "detail_page(1)", show=False, tooltip="The next page of a long text", id="detail.more"),
    Binding("M", "detail_page(-1)", show=False, tooltip="The previous page of a long text", id="detail.less"),
    Binding(
        "b",
        "pin",
        "pin",
        show=False,
        tooltip="Pin the entry you are on, or unpin it (the navigation lists your pins)",
        id="pin",
    ),
    Binding(
        "R",
        "toggle_read",
        "unread",
        show=False,
        tooltip="Mark the entry unread (in What's new), or read again",
        id="toggle_read",
    ),
    Binding(
        "ctrl+e",
        "export",
        "export",
        show=False,
        tooltip="Export the briefing you are in (Markdown, JSON, CSV or STIX) to a file",
        id="export",
    ),
    Binding(
        "ctrl+b",
        "toggle_navigation",
        "navigation",
        show=False,
        tooltip="Show or hide the navigation",
        id="toggle_navigation",
    ),
]
