"""Every key of the browser, read from the bindings themselves so the list is never out of date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static, Tree

from briefing.text import path as shown_path
from briefing.ui.motions import all_motions, motions

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
    from briefing.ui.widgets.notes_list import NotesList
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
        ("Notes", [NotesList]),
    ]


_MOVING: list[type[DOMNode]] = [Screen, DataTable, Tree]
"""Textual's own keys for moving focus and moving in lists and trees."""

TREES = "In the navigation and the network: "

MOVING_WORDS: dict[str, str] = {
    "app.focus_next": "To the next part of the screen: the list, the entry's links, a filter",
    "app.focus_previous": "Back to the part before",
    "screen.copy_text": "Copy the text selected with the mouse",
    "cursor_up": "The row above",
    "cursor_down": "The row below",
    "cursor_left": "The column to the left, or scroll left",
    "scroll_left": "The column to the left, or scroll left",
    "cursor_right": "The column to the right, or scroll right",
    "scroll_right": "The column to the right, or scroll right",
    "scroll_home": "The first row",
    "scroll_top": "The first row",
    "scroll_end": "The last row",
    "scroll_bottom": "The last row",
    "page_up": "A page up",
    "page_down": "A page down",
    "page_left": "A page to the left",
    "page_right": "A page to the right",
    "cursor_parent": TREES + "up to the briefing (or group) of the row",
    "cursor_parent_next_sibling": TREES + "on to the next briefing (or group)",
    "cursor_previous_sibling": TREES + "the row before at the same level",
    "cursor_next_sibling": TREES + "the row after at the same level",
    "toggle_node": TREES + "open or close the row",
    "toggle_expand_all": TREES + "open or close every row",
}
"""Textual's keys in our words, by action; an action left out (enter, "Select") is in a section of its own.

Several actions of the same meaning (a table's cursor, a tree's scroll) make one row of their keys."""


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


def moving_bindings() -> list[Binding]:
    """Textual's moving keys, each described in our words and grouped by them (one action per meaning)."""
    found = [b for b in _all_bindings(_MOVING) if b.action in MOVING_WORDS]
    return [replace(b, action=MOVING_WORDS[b.action], tooltip=MOVING_WORDS[b.action]) for b in found]


def one_row_per_key(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Rows of the same keys in one section as one row: "enter" does one thing per place it is pressed."""
    merged: dict[str, list[str]] = {}
    for keys, what in rows:
        merged.setdefault(keys, [])
        if what not in merged[keys]:
            merged[keys].append(what)
    return [(keys, "; ".join(_joined(whats))) for keys, whats in merged.items()]


def _joined(whats: list[str]) -> list[str]:
    """Each description after the first as the rest of one sentence."""
    return [whats[0], *(what[:1].lower() + what[1:] for what in whats[1:])]


@runtime_checkable
class Rebinding(Protocol):
    """An app whose keys the reader's keymap file may change (the help shows the keys as they are)."""

    user_keys: dict[str, str]
    keymap_file: Path


def rebound(bindings: Iterable[Binding], user_keys: Mapping[str, str]) -> list[Binding]:
    """``bindings`` with the keys the keymap gives their ids (each id's keys once), said to be the reader's."""
    out: list[Binding] = []
    done: set[str] = set()
    for binding in bindings:
        keys = user_keys.get(binding.id or "")
        if keys is None:
            out.append(binding)
        elif binding.id not in done:
            done.add(binding.id or "")
            what = f"{binding.tooltip or binding.description} (your keymap)"
            out += [replace(binding, key=key, key_display=None, tooltip=what) for key in keys.split(",")]
    return out


def help_sections(app: App[object]) -> list[tuple[str, list[tuple[str, str]]]]:
    user_keys = app.user_keys if isinstance(app, Rebinding) else {}
    palette = Binding(app.COMMAND_PALETTE_BINDING, "command_palette", "Jump to an entry, change theme, …")
    anywhere = key_rows(app, rebound([*_all_bindings([type(app)]), palette], user_keys))
    if isinstance(app, Rebinding):
        anywhere.append(("keys.toml", f"Rebind any key in {shown_path(app.keymap_file)} (briefing keys lists the ids)"))
    sections = [("Anywhere", anywhere)]
    sections += [(title, key_rows(app, rebound(_own_bindings(classes), user_keys))) for title, classes in _sections()]
    sections.append(("Moving around", key_rows(app, rebound([*moving_bindings(), *all_motions()], user_keys))))
    return [(title, one_row_per_key(rows)) for title, rows in sections if rows]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "close help", key_display="esc", id="help.close"),
        *motions(
            {
                "down": "scroll('down')",
                "up": "scroll('up')",
                "first": "scroll('home')",
                "last": "scroll('end')",
                "half_down": "scroll('half_down')",
                "half_up": "scroll('half_up')",
            }
        ),
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

    def action_scroll(self, where: str) -> None:
        keys = self.query_one("#help", VerticalScroll)
        half = max(keys.scrollable_content_region.height // 2, 1)
        if where in ("half_down", "half_up"):
            keys.scroll_relative(y=half if where == "half_down" else -half, animate=False)
            return
        moves = {"down": keys.scroll_down, "up": keys.scroll_up, "home": keys.scroll_home, "end": keys.scroll_end}
        moves[where](animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
