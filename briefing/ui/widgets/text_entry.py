"""Text inputs that take a burst of keys in the order it was typed.

Textual's Input and TextArea enter a typed character as soon as its key
reaches them, but an editing key (backspace, ctrl+u, the arrows, enter) is
a binding, and a binding runs only once its key has bubbled up through every
parent to the app.  Keys that arrive together (a fast typist, tmux, ssh)
overtake it: "rockex", backspace, "t" typed in one burst left "rockex" in
the search line, the backspace taking the "t"; ctrl+u and a new query left
the line empty.  And the app hands each key to the widget focused when it
reads the key, which is before the widget has acted on the keys ahead of
it: text typed right after a tab went to the box the tab was leaving.

``InOrder`` puts both right.  A key whose turn comes after an earlier key
of the burst moved the focus on goes on to the widget focused now; and a key
the widget does not type is looked up in the bindings at once, from this
widget up, as the app would have done (so the parents' keys, such as the
search view's arrows, keep their meaning).

Both also keep their text clean (``briefing.text``): Input and TextArea
draw their value themselves, straight from the string, so whatever is set
or loaded (a recalled query, a note's stored text) or pasted is cleaned on
its way in, and the actor filter's suggestions are cleaned names
(``LastNameSuggester``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import events
from textual.app import ScreenStackError
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from briefing.text import clean, input_line, one_line
from briefing.ui.textual_compat import check_bindings


class InOrder:
    """Mixin, before the widget class in the bases (whose CSS type name the widget keeps)."""

    def types(self, event: events.Key) -> bool:
        """Whether the widget enters this key as text itself."""
        return event.is_printable

    async def on_key(self, event: events.Key) -> None:
        # Textual runs each class's own handler in turn, this mixin's before the widget's.
        assert isinstance(self, Widget)
        try:
            focused = self.app.focused or self.app.screen
        except ScreenStackError:
            return  # the app is closing: the key goes nowhere
        if focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if self.types(event):
            return  # the widget's own handler, next in line, enters it
        # What the app runs for a key no widget took: the focused widget's bindings (this one's),
        # then each parent's, each action allowed to decline and pass the key on.
        if await check_bindings(self.app, event.key):
            event.stop()
            event.prevent_default()


class LineInput(InOrder, Input):
    """A one-line input; its value is always one clean line."""

    def validate_value(self, value: str) -> str:
        """Every value, set, typed or pasted, as it may reach the terminal (Textual runs this on each change)."""
        return input_line(value)


class LastNameSuggester(Suggester):
    """Completes the name being typed after the last comma, from names (cleaned, as the reader sees them)."""

    def __init__(self, names: Iterable[str]) -> None:
        super().__init__(case_sensitive=True)  # the reader's own letters are kept; matching ignores case
        self._names = list(dict.fromkeys(one_line(name) for name in names))

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.rpartition(",")[2].lstrip()
        if not typed:
            return None
        wanted = typed.casefold()
        name = next((name for name in self._names if name.casefold().startswith(wanted)), None)
        return value + name[len(typed) :] if name is not None else None


class TextEditor(InOrder, TextArea):
    """A text box of several lines; what it loads and every edit to it are clean text."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(clean(text), **kwargs)

    def load_text(self, text: str) -> None:
        super().load_text(clean(text))

    def edit(self, edit: Edit) -> EditResult:
        """Typing, pasting, undo and redo all change the document through here."""
        edit.text = clean(edit.text)
        return super().edit(edit)

    def types(self, event: events.Key) -> bool:
        if self.read_only:
            return False
        indents = self.tab_behavior == "indent" and event.key in ("tab", "escape")
        return event.is_printable or event.key == "enter" or indents
