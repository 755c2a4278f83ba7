"""The top line: where the reader is (briefing › view › entry), and the way to help."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Static

from briefing.text import one_line, shorten

SEPARATOR = " › "
MAX_PART = 60
MIN_PART = 12


class HelpHint(Static):
    """ "? help" at the right end; clicking it opens the help."""

    def __init__(self) -> None:
        super().__init__(Text("? help"), classes="help-hint")

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.app.run_action("help")


class NavigationHint(Static):
    """ "≡" at the left end; clicking it shows or hides the navigation (what ctrl+b does)."""

    def __init__(self) -> None:
        super().__init__(Text("≡"), classes="navigation-hint")
        self.tooltip = "Show or hide the navigation (ctrl+b)"

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        await self.screen.run_action("toggle_navigation")


class Breadcrumb(HorizontalGroup):
    plain = "briefing"
    """The breadcrumb as plain text."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: list[str] = []

    def compose(self) -> ComposeResult:
        yield NavigationHint()
        yield Static(Text("briefing", style="bold"), id="crumbs")
        yield HelpHint()

    def show(self, parts: Sequence[str]) -> None:
        """``parts`` are content (titles, names): shown literally, cut to fit, the last one cut least."""
        self.parts = [shorten(p, MAX_PART + 1) for p in parts]  # the same trail, without folding a 5 MB claim
        crumbs = self.query_one("#crumbs", Static)
        line = crumb_line(self.parts, crumbs.size.width or 200)
        crumbs.update(line, layout=False)
        self.plain = line.plain

    def on_resize(self) -> None:
        self.call_after_refresh(lambda: self.show(self.parts))


def crumb_line(parts: Sequence[str], width: int) -> Text:
    """The trail (briefing › title › view › entry) in ``width`` cells: the earlier parts give way first."""
    head = "briefing"
    limits = [MAX_PART] * len(parts)

    def length() -> int:
        return len(head) + sum(len(SEPARATOR) + min(len(one_line(p)), n) for p, n in zip(parts, limits, strict=True))

    for index in range(len(parts)):
        while length() > width and limits[index] > MIN_PART:
            limits[index] -= 1
    line = Text(head, style="bold", no_wrap=True, overflow="ellipsis")
    for index, (part, limit) in enumerate(zip(parts, limits, strict=True)):
        line.append(SEPARATOR, "dim")
        line.append(shorten(part, limit), "bold" if index == len(parts) - 1 else "")
    return line
