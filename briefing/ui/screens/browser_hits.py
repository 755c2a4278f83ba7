"""``n`` and ``N``: the next and previous hit of the last search, from any view, as in vim and less.

A base of :class:`~briefing.ui.screens.browser.BrowserScreen`.  The hits
are the search view's, so its cursor moves with them: ``/`` shows the
results with the hit the reader is on.
"""

from __future__ import annotations

from textual.css.query import NoMatches

from briefing.text import shorten
from briefing.ui.messages import OpenEntry
from briefing.ui.screens.browser_notes import NoteKeeping
from briefing.ui.widgets.search_view import SearchView

NO_SEARCH = "No search yet: / searches, then n and N go through its hits"


class HitStepping(NoteKeeping):
    def action_step_hit(self, step: int) -> None:
        """Open the hit ``step`` on from the one the reader is on; a note's hit opens the entry it is on."""
        try:
            found = self.query_one("#search", SearchView).step_hit(step)
        except NoMatches:
            found = None
        if found is None:
            self.notify(NO_SEARCH, markup=False)
            return
        hit, number, total = found
        target = hit.id
        if target.startswith("note:"):
            note = self.note(target)
            if note is None:
                return
            target = note.target
        self.post_message(OpenEntry(target))
        when = f", {hit.date}" if hit.date else ""  # titles repeat ("Rocket attack on US targets" ×21): the date tells
        said = f"Hit {number} of {total}{_round(step, number, total)}: {shorten(hit.title, 60)}{when}"
        self.notify(said, markup=False)


def _round(step: int, number: int, total: int) -> str:
    """Said when the step went round an end of the hits."""
    if total > 1 and step > 0 and number == 1:
        return " (from the first again)"
    if total > 1 and step < 0 and number == total:
        return " (from the last again)"
    return ""
