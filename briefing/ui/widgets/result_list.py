"""Search hits, two lines each, drawn line by line: only the rows on screen are ever built.

A keystroke replaces every hit, so what a new list costs is what typing
costs.  Textual's ``OptionList`` lays out and wraps every option and
changes its size as the count changes (a relayout repaints the whole
screen); this list has a fixed row height, builds the two lines of a hit
when they scroll into view, and keeps its size while the number of hits
stays the same.  Everything shown is content, styled through
``briefing.text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.search.results import SearchHit
from briefing.text import highlighted, text
from briefing.ui.messages import EntryHighlighted
from briefing.ui.motions import motions, rows_of

ROWS = 2
"""Lines per hit: kind, title and, at the right, the date; then the snippet."""

KIND_STYLES = {
    "actor": "bold cyan",
    "claim": "bold magenta",
    "event": "bold yellow",
    "source": "bold green",
    "briefing": "bold blue",
    "note": "bold red",
}


TITLE_AT_LEAST = 12
"""Cells the kind and title keep before a hit's date gives way on a narrow list."""


def hit_lines(hit: SearchHit, width: int) -> tuple[Text, Text]:
    """The two lines of a hit cut to ``width``, matched words marked.

    The date stands at the right end of the first line, so a long title is
    cut rather than the date: a reader who asked for a month sees each hit's
    day, and the dates of a list line up to be read down the column.
    """
    first = Text()
    first.append(f"{hit.kind:<8} ", style=KIND_STYLES.get(str(hit.kind), "bold"))
    first.append_text(highlighted(hit.title, list(hit.title_spans)))
    date = text(f"  {hit.date}", "dim") if hit.date else Text()
    if date and width - date.cell_len >= TITLE_AT_LEAST:
        first.truncate(width - date.cell_len, overflow="ellipsis", pad=True)
        first.append_text(date)
    else:
        first.truncate(width, overflow="ellipsis")
    second = Text("  ")
    if hit.snippet:
        second.append_text(highlighted(hit.snippet, list(hit.spans)))
        second.stylize("dim")
    second.truncate(width, overflow="ellipsis")
    return first, second


class ResultList(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "choose",
            "open",
            key_display="enter",
            tooltip="Open the result under the cursor",
            id="results.open",
        ),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
        *motions({"half_down": "page(0.5)", "half_up": "page(-0.5)"}),  # j, k, g and G are letters of the query
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"result-list--cursor"}
    DEFAULT_CSS = """
    ResultList {
        overflow-x: hidden;
        padding: 0 0 0 1;
    }
    ResultList > .result-list--cursor {
        background: $block-cursor-blurred-background;
    }
    ResultList:focus > .result-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False)

    class Chosen(Message):
        """Enter or a click on a hit: open its entry."""

        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[SearchHit] = []
        self._strips: dict[tuple[int, int, int], Strip] = {}
        self._base_style: Style | None = None

    # -- what the search view calls ---------------------------------------------

    def show(self, hits: Sequence[SearchHit]) -> None:
        self.hits = list(hits)
        self._strips.clear()
        self.set_reactive(ResultList.cursor, 0)
        height = ROWS * len(self.hits)
        if self.virtual_size.height != height:
            self.virtual_size = Size(0, height)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def ids(self) -> list[str]:
        return [hit.id for hit in self.hits]

    @property
    def cursor_id(self) -> str | None:
        return self.hits[self.cursor].id if 0 <= self.cursor < len(self.hits) else None

    # -- drawing --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # the scroll bar covers the rest: nothing is cut under it
        index, row = divmod(self.scroll_offset.y + y, ROWS)
        if index >= len(self.hits):
            return Strip.blank(width, self._style())
        strip = self._strip(index, row, width)
        if index == self.cursor:
            return strip.apply_style(self.get_component_rich_style("result-list--cursor"))
        return strip

    def _strip(self, index: int, row: int, width: int) -> Strip:
        strip = self._strips.get((index, row, width))
        if strip is None:
            style = self._style()
            for line_row, line in enumerate(hit_lines(self.hits[index], width)):
                segments = Segment.apply_style(line.render(self.app.console), style)
                line_strip = Strip(segments, line.cell_len).extend_cell_length(width, style)
                self._strips[(index, line_row, width)] = line_strip
            strip = self._strips[(index, row, width)]
        return strip

    def _style(self) -> Style:
        """The list's own style, looked up once per style change: it walks every ancestor."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._strips.clear()

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(0, ROWS * len(self.hits))

    def watch_cursor(self, old: int, new: int) -> None:
        for index in (old, new):
            self.refresh(Region(0, index * ROWS - self.scroll_offset.y, self.size.width, ROWS))
        self.scroll_to_region(Region(0, new * ROWS, self.size.width, ROWS), animate=False, immediate=True)
        if self.has_focus:
            self._post_highlight()

    def on_focus(self) -> None:
        self._post_highlight()

    def _post_highlight(self) -> None:
        entity_id = self.cursor_id
        if entity_id is not None:
            self.post_message(EntryHighlighted(entity_id))

    # -- the reader ---------------------------------------------------------------------

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """A printable key is a letter of the query (the search view types it there), never a command:
        the footer leaves out the letter keys of the screen and the app while the results have the focus."""
        return character is not None and character.isprintable()

    def action_move(self, step: int) -> None:
        if step < 0 and self.cursor == 0:
            raise SkipAction()  # up from the first hit is the parent's: the search view goes back to the query
        if self.hits:
            self.cursor = max(0, min(len(self.hits) - 1, self.cursor + step))

    def action_page(self, pages: float) -> None:
        if self.hits:
            step = rows_of(pages, max(1, self.size.height // ROWS - 1))
            self.cursor = max(0, min(len(self.hits) - 1, self.cursor + step))

    def action_move_to(self, index: int) -> None:
        if self.hits:
            self.cursor = index % len(self.hits)

    def action_choose(self) -> None:
        entity_id = self.cursor_id
        if entity_id is not None:
            self.post_message(self.Chosen(entity_id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + self.scroll_offset.y) // ROWS
        if index < len(self.hits):
            self.cursor = index
            self.action_choose()
