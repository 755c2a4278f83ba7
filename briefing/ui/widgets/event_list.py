"""The timeline's list: month headers and events, one line each, drawn only where they are in view.

The cursor skips the headers; moving it previews the event (``EntryHighlighted``),
enter or a click opens it (``OpenEntry``).  A coloured mark before each event
is its chart series, in the chart's colours.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.model.entities import Event
from briefing.model.vocabulary import SHORT_LABEL_WIDTH, event_kind_short_label, series_of
from briefing.text import one_line, shorten
from briefing.timeline import MonthHeader, Row
from briefing.ui.messages import EntryHighlighted, OpenEntry
from briefing.ui.motions import motions, rows_of
from briefing.ui.series_colours import series_styles

EVENT_LIST_SERIES = series_styles("EventList", "event-list")


class EventList(ScrollView, can_focus=True):
    """Month headers and events, one line each, drawn only where visible; enter or click opens an event."""

    DEFAULT_CSS = """
    EventList { height: 1fr; overflow-x: hidden; }
    EventList > .event-list--header { text-style: bold; color: $foreground; }
    EventList > .event-list--muted { color: $text-muted; }
    EventList > .event-list--cursor { background: $block-cursor-blurred-background; }
    EventList:focus > .event-list--cursor {
        color: $block-cursor-foreground; background: $block-cursor-background; text-style: $block-cursor-text-style;
    }
    """ + EVENT_LIST_SERIES.css

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "event-list--header",
        "event-list--muted",
        "event-list--cursor",
        *EVENT_LIST_SERIES.classes,
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=False, tooltip="Open the event under the cursor", id="timeline.open"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        *motions(
            {
                "down": "move(1)",
                "up": "move(-1)",
                "first": "edge(-1)",
                "last": "edge(1)",
                "half_down": "page(0.5)",
                "half_up": "page(-0.5)",
            }
        ),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Row] = []
        self.cursor: int | None = None
        self.empty_message = "Loading the timeline…"
        self._date_width = 11

    def show(self, rows: list[Row], empty_message: str, keep: str | None = None) -> None:
        """Show ``rows``, the cursor staying on event ``keep`` if they hold it, else on the first event."""
        self.rows = rows
        self.empty_message = empty_message
        dates = (len(row.when.label) for row in rows[:5000] if isinstance(row, Event))
        self._date_width = min(max(dates, default=11), 20)
        self.virtual_size = Size(self.scrollable_content_region.width, max(len(rows), 1))
        self.cursor = self._event_at_or_after(0)
        self.scroll_to(y=0, animate=False, immediate=True)
        if keep is not None:
            self.select(keep)
        self.refresh()

    def select(self, event_id: str) -> bool:
        """Put the cursor on an event, scrolled into view; False (the cursor left alone) if it is not listed."""
        index = next((i for i, row in enumerate(self.rows) if isinstance(row, Event) and row.id == event_id), None)
        if index is None:
            return False
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()
        return True

    @property
    def cursor_event(self) -> Event | None:
        row = self.rows[self.cursor] if self.cursor is not None else None
        return row if isinstance(row, Event) else None

    def _event_at_or_after(self, index: int, step: int = 1) -> int | None:
        """The nearest event row from ``index`` in direction ``step`` (headers are skipped)."""
        while 0 <= index < len(self.rows):
            if isinstance(self.rows[index], Event):
                return index
            index += step
        return None

    def _move_to(self, index: int, step: int) -> None:
        index = max(0, min(index, len(self.rows) - 1))
        found = self._event_at_or_after(index, step)
        if found is None:
            found = self._event_at_or_after(index, -step)
        if found is None:
            return
        self.cursor = found
        self._scroll_to_cursor()
        self.refresh()
        self._post_highlight()

    def _scroll_to_cursor(self) -> None:
        """The cursor's row in view, with its month's header when that is the row above."""
        found = self.cursor
        if found is None:
            return
        top = found - 1 if found and isinstance(self.rows[found - 1], MonthHeader) else found
        self.scroll_to_region(Region(0, top, 1, found - top + 1), animate=False, force=True, immediate=True)

    def on_focus(self) -> None:
        self._post_highlight()

    def _post_highlight(self) -> None:
        if self.has_focus and self.cursor_event is not None:
            self.post_message(EntryHighlighted(self.cursor_event.id))

    def action_move(self, step: int) -> None:
        if self.cursor is not None:
            self._move_to(self.cursor + step, step)

    def action_page(self, pages: float) -> None:
        if self.cursor is not None:
            rows = rows_of(pages, max(self.scrollable_content_region.height - 1, 1))
            self._move_to(self.cursor + rows, 1 if rows > 0 else -1)

    def action_edge(self, direction: int) -> None:
        self._move_to(0 if direction < 0 else len(self.rows) - 1, -direction)

    def action_open(self) -> None:
        if self.cursor_event is not None:
            self.post_message(OpenEntry(self.cursor_event.id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + round(self.scroll_y)
        if 0 <= index < len(self.rows) and isinstance(self.rows[index], Event):
            event.stop()
            self.cursor = index
            self.refresh()
            self._post_highlight()
            self.action_open()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, max(len(self.rows), 1))

    def _style(self, name: str) -> Style:
        """A component's colour and text style, without its background (the row's shows through)."""
        full = self.get_component_rich_style(f"event-list--{name}")
        return full.without_color + Style(color=full.color)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_y)
        base = self.rich_style
        if not self.rows:
            line = Text(end="")
            line.append(" " + self.empty_message if y == 0 else "", style=self._style("muted"))
        elif index >= len(self.rows):
            return Strip.blank(width, base)
        else:
            row = self.rows[index]
            line = self._header_line(row) if isinstance(row, MonthHeader) else self._event_line(row)
            if index == self.cursor:
                base = self.get_component_rich_style("event-list--cursor")
        line.style = base
        line.truncate(width, overflow="ellipsis", pad=True)
        return Strip(line.render(self.app.console), width)

    def _header_line(self, row: MonthHeader) -> Text:
        line = Text(end="")
        line.append(" " + row.label, style=self._style("header"))
        line.append(f"  {row.count}", style=self._style("muted"))
        return line

    def _event_line(self, event: Event) -> Text:
        line = Text("   " + event.when.label.ljust(self._date_width) + "  ", end="", no_wrap=True)
        line.append("▌", style=self._style(series_of(event.event_kind).name))
        kind = shorten(event_kind_short_label(event.event_kind), SHORT_LABEL_WIDTH)
        line.append(kind.ljust(SHORT_LABEL_WIDTH), style=self._style("muted"))
        line.append("  " + one_line(event.title))
        return line
