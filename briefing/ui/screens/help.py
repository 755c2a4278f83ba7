"""Every key of the browser, read from the bindings themselves so the list is never out of date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static, Tree

KEY_WIDTH = 22

MOUSE = (
    "Click a node in the navigation, a row in the list, or any link in the entry to open it; "
    "click a column's header to sort by it."
)


def _sections() -> list[tuple[str, list[type[DOMNode]]]]:
    from briefing.ui.screens.browser import BrowserScreen
    from briefing.ui.widgets.actor_network import ActorNetwork
    from briefing.ui.widgets.detail_view import DetailView, ShowMore
    from briefing.ui.widgets.entry_table import EntryTable
    from briefing.ui.widgets.link import Link
    from briefing.ui.widgets.navigation import Navigation
    from briefing.ui.widgets.result_list import ResultList
    from briefing.ui.widgets.search_view import SearchView
    from briefing.ui.widgets.timeline_view import TimelineView

    return [
        ("Browsing", [BrowserScreen]),
        ("Search", [SearchView, ResultList]),
        ("Entry list", [EntryTable]),
        ("Open entry", [DetailView, Link, ShowMore]),
        ("Navigation", [Navigation]),
        ("Timeline", [TimelineView]),
        ("Network", [ActorNetwork]),
    ]


_MOVING: list[type[DOMNode]] = [Screen, DataTable, Tree]
"""Textual's own keys for moving focus and moving in lists and trees."""


def _own_bindings(classes: Iterable[type[DOMNode]]) -> list[Binding]:
    """The bindings our classes declare (not those they inherit from Textual's widgets)."""
    found: list[Binding] = []
    for cls in classes:
        for klass in reversed(cls.__mro__):
            if klass.__module__.startswith("briefing.") and "BINDINGS" in klass.__dict__:
                found.extend(Binding.make_bindings(klass.__dict__["BINDINGS"]))
    return [b for b in found if b.description and not b.system]


def _all_bindings(classes: Iterable[type[DOMNode]]) -> list[Binding]:
    return [b for cls in classes for _key, b in cls._merge_bindings() if b.description and not b.system]


def key_rows(app: App[object], bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """(keys, what they do) for each action, every key that triggers it listed as the footer names it.

    What they do is the binding's tooltip, or its description; a later
    binding of the same action (ours, over Textual's) has the last word.
    """
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        keys, _ = rows.get(binding.action, ([], ""))
        display = app.get_key_display(replace(binding, key_display=None)).replace("⏎", "enter")
        if display not in keys:
            keys.append(display)
        rows[binding.action] = (keys, binding.tooltip or binding.description)
    return [(" / ".join(keys), what) for keys, what in rows.values()]


def help_sections(app: App[object]) -> list[tuple[str, list[tuple[str, str]]]]:
    palette = Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "Jump to an entry, change theme, …")
    sections = [("Anywhere", key_rows(app, [*_all_bindings([type(app)]), palette]))]
    sections += [(title, key_rows(app, _own_bindings(classes))) for title, classes in _sections()]
    sections.append(("Moving around", key_rows(app, _all_bindings(_MOVING))))
    return [(title, rows) for title, rows in sections if rows]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "close help", key_display="esc", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            for title, rows in help_sections(self.app):
                yield Static(Text(title, style="bold"), classes="help-section")
                # A grid, so a long description wraps under itself rather than under the keys.
                grid = Table.grid()
                grid.add_column(width=KEY_WIDTH, no_wrap=True, style="bold")
                grid.add_column()
                for keys, description in rows:
                    grid.add_row(Text(keys), Text(description))
                yield Static(grid, classes="help-keys")
            yield Static(Text("Mouse", style="bold"), classes="help-section")
            yield Static(Text(MOUSE), classes="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = Text("Help · esc closes")
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
