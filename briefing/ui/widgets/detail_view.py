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

from markdown_it import MarkdownIt
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
from briefing.ui.motions import motions, rows_of
from briefing.ui.widgets.link import Link, Words

LINES_SHOWN = 25
"""Lines of one section shown before its "show all" link."""

MORE_AT_ONCE = 200
"""Lines "show all" adds at a time: each is a widget or more, and mounting 49,000 would hold the screen for seconds."""

_SEPARATORS = {", ", ","}


TEXT_PAGE = 10_000
"""Characters of a long title or description shown at a time; ``m`` shows the next page.

Textual lays a text out whole: a 5 MB claim took 5 s to show, and again at
every redraw.  A page of this size takes a few milliseconds.
"""

MARKDOWN_UP_TO = 4_000
"""Notes longer than this (characters) show as a plain-text excerpt; a 50 KB Markdown note took 16 s to draw."""

_NOT_IN_NOTES = ["link", "image", "autolink", "linkify", "reference", "html_block", "html_inline", "entity"]
"""What the notes' Markdown does not read: everything that makes a link, raw HTML, and entities (``&#x202e;``)."""


def note_markdown() -> MarkdownIt:
    """The Markdown of a note: emphasis, headings, lists, quotes, code and tables, and nothing that acts.

    Textual's Markdown widget turns a link into a click that runs an action,
    and ``&#x202e;`` into the character ``clean`` took out; with those rules
    off, ``[text](url)``, ``<url>`` and ``&amp;`` are shown as written, so the
    reader sees where a link would go and nothing in a note can be clicked.
    Every text the parser gives Textual is drawn as text, never as markup.
    """
    return MarkdownIt("gfm-like", {"html": False, "linkify": False}).disable(_NOT_IN_NOTES)


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
        if self.hidden > MORE_AT_ONCE:
            return Text(f"… {self.hidden:,} more: show {MORE_AT_ONCE} more")
        return Text(f"… {self.hidden} more: show all")

    def action_show_all(self) -> None:
        self.post_message(self.Pressed(self.section))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_show_all()


class MorePages(Widget, can_focus=True):
    """Under a page of a long text: how much follows, and the keys (or a click) for the next page."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "next_page",
            "next page",
            key_display="enter",
            tooltip="The next page of a long text",
            id="detail.next_page",
        )
    ]

    class Pressed(Message):
        def __init__(self, part: str) -> None:
            super().__init__()
            self.part = part

    def __init__(self, part: str, page: int, pages: int, after: int) -> None:
        super().__init__(classes="show-more")
        self.part = part
        self.page = page
        self.pages = pages
        self.after = after

    def render(self) -> Text:
        where = f"page {self.page + 1} of {self.pages}"
        if self.after:
            return Text(f"… {self.after:,} more characters ({where}): m or a click shows the next page, M the previous")
        return Text(f"{where}, the end: press m or click for the first page, M the previous")

    def action_next_page(self) -> None:
        self.post_message(self.Pressed(self.part))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_next_page()


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


def _note_link(ref: Ref, note_text: str) -> Ref:
    """The link to a note whose text is drawn under it: its flag and "edit note", not its first line again, raw."""
    first = note_text.strip().splitlines()[0] if note_text.strip() else ""
    if not first or not ref.label.endswith(first):
        return ref
    return Ref(ref.id, ref.label.removesuffix(first) + "edit note", ref.missing)


class DetailView(VerticalScroll):
    """Shows one outline; posts ``OpenEntry`` (from its links) and ``Left`` (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "to the list", show=False, tooltip="Back to the list", id="detail.leave"),
        Binding("m", "page(1)", "next page", show=False, tooltip="The next page of a long text", id="detail.more"),
        Binding(
            "M", "page(-1)", "previous page", show=False, tooltip="The previous page of a long text", id="detail.less"
        ),
        *motions(
            {
                "down": "scroll_down",
                "up": "scroll_up",
                "first": "scroll_home",
                "last": "scroll_end",
                "half_down": "half_page(0.5)",
                "half_up": "half_page(-0.5)",
            }
        ),
        # The browser's own c, shown in the footer here, where it has room (in a list at 80 columns it has none).
        Binding("c", "screen.copy", "copy", tooltip="Copy this entry: as text, a citation or its id", id="detail.copy"),
    ]

    class Left(Message):
        """The reader pressed escape in the detail pane."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.outline: Outline | None = None
        self._hint = ""
        self._expanded: dict[int, int] = {}
        """Lines shown of each section opened further than its first ``LINES_SHOWN``."""
        self._pages: dict[str, int] = {}
        """The page shown of each long text (``title``, ``body``) of the open entry."""
        self._drawn: tuple[object, ...] | None = None
        self._pending = False
        self._to_first_link = False
        self._reveal: str | None = None
        self._marks: tuple[str, ...] = ()

    def show(
        self, outline: Outline | None, hint: str = "", *, reveal: str | None = None, marks: tuple[str, ...] = ()
    ) -> None:
        """Show ``outline`` (or, with None, the ``hint``); quick successive calls draw only the last.

        With ``reveal`` (a note's id) the pane scrolls to that note's line rather than to the top.  ``marks``
        are the reader's own words on the entry (unread, pinned), shown by its id at the foot of the pane.
        """
        if outline is None or self.outline is None or outline.id != self.outline.id:
            self._expanded.clear()
            self._pages.clear()
        self.outline = outline
        self._hint = hint
        self._reveal = reveal
        self._marks = marks
        self._schedule()

    def _schedule(self) -> None:
        if not self._pending:
            self._pending = True
            self.call_later(self._draw)

    def focus_first_link(self) -> None:
        """Put the reader on the first link of the entry shown (the pane, if it has none), once it is drawn."""
        self._to_first_link = True
        if not self._pending:
            self._draw()

    def _draw(self) -> None:
        self._pending = False
        if self._to_first_link:
            self._to_first_link = False
            self.call_after_refresh(self._focus_first_link)
        key = (self.outline, self._hint, self._marks, frozenset(self._expanded.items()), frozenset(self._pages.items()))
        if key == self._drawn:
            self.call_after_refresh(self._scroll_to_reveal)
            return
        self._drawn = key
        outline = self.outline
        self.border_title = Content(shorten(outline.title, 60)) if outline else None
        self.border_subtitle = Content(one_line(" · ".join((*self._marks, outline.id)))) if outline else None
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(self._widgets(outline) if outline else [Static(text(self._hint), classes="hint")])
            self.scroll_home(animate=False)
        self.call_after_refresh(self._scroll_to_reveal)

    def _scroll_to_reveal(self) -> None:
        """Bring the line of the note to reveal into sight, its text under it (laid out by now)."""
        link = next((link for link in self.links if link.target == self._reveal), None) if self._reveal else None
        if link is not None:
            self.scroll_to_widget(link, animate=False, top=True, immediate=True)

    def _line(self, line: Line, note_texts: dict[str, str]) -> Iterator[Widget]:
        """One widget per reference (its caption the line's label, on the first only), or one for plain words."""
        for index, (ref, after) in enumerate(_items(line.parts)):
            caption = (line.label if index == 0 else "") if line.label else None
            if ref is not None:
                yield Link(_note_link(ref, note_texts[ref.id]) if ref.id in note_texts else ref, after, caption=caption)
            else:
                yield Words(after, caption)

    def _note_body(self, outline: Outline, line: Line) -> Iterator[Widget]:
        """A note's text under its line, as Markdown: links shown, never opened; control characters gone."""
        for part in line.parts:
            if isinstance(part, Ref) and part.id in outline.note_texts:
                body = clean(outline.note_texts[part.id])
                if len(body) <= MARKDOWN_UP_TO:
                    yield Markdown(body, parser_factory=note_markdown, open_links=False, classes="note-body")
                else:
                    # Textual's Markdown grows worse than linearly with size: a long note shows as plain text.
                    excerpt = text(body[:MARKDOWN_UP_TO])
                    excerpt.append(f"\n… {len(body) - MARKDOWN_UP_TO:,} more characters (enter edits it)", "dim")
                    yield Static(excerpt, classes="note-body")

    def _widgets(self, outline: Outline) -> list[Widget]:
        widgets: list[Widget] = list(self._paged("title", outline.title))
        if outline.subtitle:
            widgets.append(Static(text(shorten(outline.subtitle, TEXT_PAGE)), classes="subtitle"))
        if outline.body:
            widgets.extend(self._paged("body", outline.body))
        for index, section in enumerate(outline.sections):
            widgets.append(Static(text(section.title), classes="section-title"))
            lines = section.lines[: self._expanded.get(index, LINES_SHOWN)]
            for line in lines:
                widgets.extend(self._line(line, outline.note_texts))
                widgets.extend(self._note_body(outline, line))
            if len(lines) < len(section.lines):
                widgets.append(ShowMore(index, len(section.lines) - len(lines)))
        return widgets

    def _paged(self, part: str, value: str) -> Iterator[Widget]:
        """A title or description, one page of it when long, with what follows it and the key to page on."""
        pages = -(-len(value) // TEXT_PAGE)
        if pages <= 1:
            yield Static(text(value), classes=part)
            return
        page = self._pages.get(part, 0) % pages
        start = page * TEXT_PAGE
        after = max(0, len(value) - start - TEXT_PAGE)
        yield MorePages(part, page, pages, after)  # in sight at once, and again where the page ends
        yield Static(text(value[start : start + TEXT_PAGE]), classes=part)
        yield MorePages(part, page, pages, after)

    @property
    def paged(self) -> list[MorePages]:
        """The long texts shown a page at a time."""
        return list(self.query(MorePages))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            return bool(self.paged)  # otherwise m and M go on to whatever else takes them
        return True

    def action_page(self, step: int) -> None:
        """The next (or previous) page of the first long text; past the last, the first again."""
        paged = self.paged
        if paged:
            self._turn(paged[0].part, step)

    def _turn(self, part: str, step: int) -> None:
        self._pages[part] = self._pages.get(part, 0) + step
        self._schedule()

    def on_more_pages_pressed(self, message: MorePages.Pressed) -> None:
        message.stop()
        self._turn(message.part, 1)

    def on_show_more_pressed(self, message: ShowMore.Pressed) -> None:
        message.stop()
        self._expanded[message.section] = self._expanded.get(message.section, LINES_SHOWN) + MORE_AT_ONCE
        self._schedule()

    def action_half_page(self, pages: float) -> None:
        self.scroll_to(y=self.scroll_y + rows_of(pages, self.scrollable_content_region.height), animate=False)

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def _focus_first_link(self) -> None:
        links = self.links
        (links[0] if links else self).focus()

    @property
    def links(self) -> list[Link]:
        return list(self.query(Link))
