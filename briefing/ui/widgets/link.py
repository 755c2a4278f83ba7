"""A reference to another entry, drawn as a link that opens it by click or by enter.

Each link is its own small focusable widget, so tab moves between links and
the footer shows what enter does.  The label is content: it is drawn from a
Rich ``Text`` made by ``briefing.text``, and what the link does comes from
the id it holds, never from its label, so a name such as
``[@click=app.quit]`` is shown as written and does nothing.

A link may carry a caption drawn in a column to its left ("made by",
"23 Jul 2020"), so that one widget draws one row of an outline: the detail
pane stays cheap to lay out however many links it shows.
"""

from __future__ import annotations

from typing import ClassVar

from rich import get_console
from rich.color import ColorParseError
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widget import Widget

from briefing.outline import Ref
from briefing.text import shorten, text
from briefing.ui.messages import DeleteNote, OpenEntry

CAPTION_WIDTH = 15

LABEL_UP_TO = 1_000
"""A longer label (a 5 MB claim's text, in its actor's "Claims made") is cut: the entry it opens shows it all."""

# Plain Rich styles rather than component classes: a detail pane holds many
# links, and each component class costs every link a styled DOM node.
LABEL_STYLE = Style(underline=True)
QUIET_STYLE = Style(dim=True)


def captioned(caption: Text | None, body: Text, width: int) -> Text:
    """``body`` wrapped beside a fixed-width caption column, continuation lines indented under it.

    Wrapped here (rather than by a Rich table) because the detail pane lays
    out many of these: this is a fraction of the cost.
    """
    if caption is None:
        return body
    console = get_console()
    first = caption.copy()
    first.truncate(CAPTION_WIDTH, overflow="ellipsis", pad=True)
    first.append(" ")
    indent = " " * (CAPTION_WIDTH + 1)
    out = Text(no_wrap=True, end="")
    for index, line in enumerate(body.wrap(console, max(width - CAPTION_WIDTH - 1, 8))):
        if index:
            out.append("\n")
        out.append_text(first if index == 0 else Text(indent))
        line.rstrip()
        out.append_text(line)
    return out


class Captioned(Widget):
    """Words (or a link) beside a caption; knows its own height for a width."""

    def __init__(self, caption: str | None, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.caption = caption
        self._cache: tuple[tuple[int, str], Text] | None = None

    def body(self) -> Text:
        raise NotImplementedError

    def lines(self, width: int) -> Text:
        key = (width, self.app.theme)
        if self._cache is None or self._cache[0] != key:
            caption = text(self.caption, QUIET_STYLE, single_line=True) if self.caption is not None else None
            self._cache = (key, captioned(caption, self.body(), width))
        return self._cache[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.caption is None:
            return super().get_content_height(container, viewport, width)
        return len(self.lines(width).plain.split("\n"))

    def render(self) -> Text:
        return self.lines(self.content_size.width)


class Words(Captioned):
    """Plain words of an outline line, beside its caption."""

    def __init__(self, words: str, caption: str | None) -> None:
        super().__init__(caption, classes="words")
        self.words = words

    def body(self) -> Text:
        return text(self.words)


class Link(Captioned, can_focus=True):
    """One ``Ref`` and, after it, plain words that belong with it (", paragraph 3")."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "follow",
            "open link",
            key_display="enter",
            tooltip="Open the entry this link names",
            id="link.follow",
        ),
        Binding(
            "d",
            "delete_note",
            "delete note",
            tooltip="Delete the note under the cursor (asks first)",
            id="link.delete_note",
        ),
    ]

    def __init__(self, ref: Ref, after: str = "", *, caption: str | None = None, classes: str | None = None) -> None:
        super().__init__(caption, classes=classes)
        self.ref = ref
        self.after = after
        if ref.missing:
            self.can_focus = False
            self.add_class("-missing")

    @property
    def target(self) -> str:
        return self.ref.id

    def body(self) -> Text:
        label = self.ref.label if len(self.ref.label) <= LABEL_UP_TO else shorten(self.ref.label, LABEL_UP_TO)
        body = text(label, self._label_style() if not self.ref.missing else QUIET_STYLE)
        if self.ref.missing:
            body.append(" (not in the library)")
        if self.after:
            body.append_text(text(self.after, QUIET_STYLE))
        return body

    def _label_style(self) -> Style:
        """Underlined, in the theme's colour for primary text (a theme's variable, never content)."""
        try:
            return LABEL_STYLE + Style(color=self.app.theme_variables.get("text-primary") or None)
        except ColorParseError:
            return LABEL_STYLE

    def action_follow(self) -> None:
        if not self.ref.missing:
            self.post_message(OpenEntry(self.ref.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``d`` is for a link to a note; on any other link it is not this link's key."""
        if action == "delete_note":
            return self.ref.id.startswith("note:")
        return True

    def action_delete_note(self) -> None:
        self.post_message(DeleteNote(self.ref.id))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_follow()
