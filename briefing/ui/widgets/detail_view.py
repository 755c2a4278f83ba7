"""The open entry, as ``briefing.outline`` describes it, with every reference a link.

Each line of the outline becomes one row per reference: a :class:`Link`
that opens it, captioned with the line's label and followed by the plain
words that belong to it ("  (Qais Khazali)", ", paragraph 3").  Long sections show
their first lines and a "show all" link, so an actor mentioned ten thousand
times opens as fast as one mentioned twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Markdown, Static

from briefing.outline import Line, Outline, Part, Ref
from briefing.text import clean, one_line, shorten, text
from briefing.ui.widgets.link import Link, Words

LINES_SHOWN = 25
"""Lines of one section shown before its "show all" link."""

_SEPARATORS = {", ", ","}


MARKDOWN_UP_TO = 4_000
"""Notes longer than this (characters) show as a plain-text excerpt; a 50 KB Markdown note took 16 s to draw."""


class ShowMore(Widget, can_focus=True):
    """ "… 230 more: show all", which opens the rest of a long section."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "show_all",
            "show all",
            key_display="enter",
            tooltip="Show every line of a long section",
            id="detail.show_all",
        )
    ]

    class Pressed(Message):
        def __init__(self, section: int) -> None:
            super().__init__()
            self.section = section

    def __init__(self, section: int, hidden: int) -> None:
        super().__init__(classes="show-more")
        self.section = section
        self.hidden = hidden

    def render(self) -> Text:
        return Text(f"… {self.hidden} more: show all")

    def action_show_all(self) -> None:
        self.post_message(self.Pressed(self.section))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_show_all()


def _items(parts: list[Part]) -> Iterator[tuple[Ref | None, str]]:
    """A line's parts as (reference, words after it); words before any reference come with None."""
    ref: Ref | None = None
    words: list[str] = []
    for part in parts:
        if isinstance(part, Ref):
            if ref is not None or words:
                yield ref, "".join(words)
            ref, words = part, []
        elif not (ref is not None and part in _SEPARATORS):
            words.append(part)
    if ref is not None or words:
        yield ref, "".join(words)


class DetailView(VerticalScroll):
    """Shows one outline; posts ``Navigate`` (from its links) and ``Left`` (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "to the list", show=False, tooltip="Back to the list", id="detail.leave"),
    ]

    class Left(Message):
        """The reader pressed escape in the detail pane."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.outline: Outline | None = None
        self._hint = ""
        self._expanded: set[int] = set()
        self._drawn: tuple[object, ...] | None = None
        self._pending = False

    def show(self, outline: Outline | None, hint: str = "") -> None:
        """Show ``outline`` (or, with None, the ``hint``); quick successive calls draw only the last."""
        if outline is None or self.outline is None or outline.id != self.outline.id:
            self._expanded.clear()
        self.outline = outline
        self._hint = hint
        self._schedule()

    def _schedule(self) -> None:
        if not self._pending:
            self._pending = True
            self.call_later(self._draw)

    def _draw(self) -> None:
        self._pending = False
        key = (self.outline, self._hint, frozenset(self._expanded))
        if key == self._drawn:
            return
        self._drawn = key
        outline = self.outline
        self.border_title = Content(shorten(outline.title, 60)) if outline else None
        self.border_subtitle = Content(one_line(outline.id)) if outline else None
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(self._widgets(outline) if outline else [Static(text(self._hint), classes="hint")])
            self.scroll_home(animate=False)

    def _line(self, line: Line) -> Iterator[Widget]:
        """One widget per reference (its caption the line's label, on the first only), or one for plain words."""
        for index, (ref, after) in enumerate(_items(line.parts)):
            caption = (line.label if index == 0 else "") if line.label else None
            if ref is not None:
                yield Link(ref, after, caption=caption)
            else:
                yield Words(after, caption)

    def _note_body(self, outline: Outline, line: Line) -> Iterator[Widget]:
        """A note's text under its line, as Markdown: links shown, never opened; control characters gone."""
        for part in line.parts:
            if isinstance(part, Ref) and part.id in outline.note_texts:
                body = clean(outline.note_texts[part.id])
                if len(body) <= MARKDOWN_UP_TO:
                    yield Markdown(body, open_links=False, classes="note-body")
                else:
                    # Textual's Markdown grows worse than linearly with size: a long note shows as plain text.
                    excerpt = text(body[:MARKDOWN_UP_TO])
                    excerpt.append(f"\n… {len(body) - MARKDOWN_UP_TO:,} more characters (enter edits it)", "dim")
                    yield Static(excerpt, classes="note-body")

    def _widgets(self, outline: Outline) -> list[Widget]:
        widgets: list[Widget] = [Static(text(outline.title), classes="title")]
        if outline.subtitle:
            widgets.append(Static(text(outline.subtitle), classes="subtitle"))
        if outline.body:
            widgets.append(Static(text(outline.body), classes="body"))
        for index, section in enumerate(outline.sections):
            widgets.append(Static(text(section.title), classes="section-title"))
            lines = section.lines if index in self._expanded else section.lines[:LINES_SHOWN]
            for line in lines:
                widgets.extend(self._line(line))
                widgets.extend(self._note_body(outline, line))
            if len(lines) < len(section.lines):
                widgets.append(ShowMore(index, len(section.lines) - len(lines)))
        return widgets

    def on_show_more_pressed(self, message: ShowMore.Pressed) -> None:
        message.stop()
        self._expanded.add(message.section)
        self._schedule()

    def action_leave(self) -> None:
        self.post_message(self.Left())

    @property
    def links(self) -> list[Link]:
        return list(self.query(Link))
