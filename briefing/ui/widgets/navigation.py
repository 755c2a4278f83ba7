"""The library as a tree: each briefing and, under it, its views with counts.

Selecting a node (enter or click) posts ``Navigation.Selected`` with the
:class:`Place` it stands for.  Other parts add their own nodes at the top
level with :meth:`Navigation.add_entry` (e.g. the reader's notes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from briefing.library import Library
from briefing.model.saved_searches import SavedSearch
from briefing.text import shorten, text
from briefing.ui.places import BRIEFING_VIEWS, VIEW_LABELS, Place, View, view_count
from briefing.ui.widgets.motion_tree import MotionTree

EXPAND_ALL_UP_TO = 12
"""With more briefings than this, only the one the reader is in starts expanded."""

_LABEL_WIDTH = 10

_SEARCH_NAME_WIDTH = 20

TITLE_WIDTH = 26
"""Briefing titles are cut to fit the navigation pane (the breadcrumb shows them whole)."""


def _view_label(view: View, count: int | None) -> Text:
    label = Text(VIEW_LABELS[view].ljust(_LABEL_WIDTH))
    if count is not None:
        label.append(str(count).rjust(5), "dim")
    return label


Item = Place | SavedSearch
"""What a node stands for: a place to show, or a search the reader saved."""

SEARCHES_LABEL = "Saved searches"
PINS_LABEL = "Pinned"


class Navigation(MotionTree[Item]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            "open",
            key_display="enter",
            tooltip="Show this briefing or view",
            id="navigation.open",
        ),
        Binding(
            "d",
            "forget_search",
            "forget",
            show=False,
            tooltip="Forget the saved search under the cursor (asks first)",
            id="navigation.forget_search",
        ),
        Binding(
            "e",
            "rename_search",
            "rename",
            show=False,
            tooltip="Rename the saved search under the cursor",
            id="navigation.rename_search",
        ),
    ]

    class Selected(Message):
        def __init__(self, place: Place) -> None:
            super().__init__()
            self.place = place

    class SearchChosen(Message):
        """A saved search was picked (enter or a click): run it."""

        def __init__(self, search: SavedSearch) -> None:
            super().__init__()
            self.search = search

    class ForgetAsked(Message):
        def __init__(self, search: SavedSearch) -> None:
            super().__init__()
            self.search = search

    class RenameAsked(Message):
        def __init__(self, search: SavedSearch) -> None:
            super().__init__()
            self.search = search

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(Text("Library"), Place(View.BRIEFINGS), id=id, classes=classes)
        self.auto_expand = False
        self.guide_depth = 2
        self._place_nodes: dict[tuple[View, str | None], TreeNode[Item]] = {}
        self.searches_node: TreeNode[Item] | None = None
        self.pins_node: TreeNode[Item] | None = None

    def show_library(self, library: Library, current: str | None = None) -> None:
        self.clear()
        self._place_nodes = {(View.BRIEFINGS, None): self.root}
        count = len(library.briefings)
        self.root.set_label(Text.assemble("Library ", (f"{count} briefing{'' if count == 1 else 's'}", "dim")))
        many = len(library.briefings) > EXPAND_ALL_UP_TO
        for briefing_id, briefing in library.briefings.items():
            node = self.root.add(
                text(shorten(briefing.title, TITLE_WIDTH)),
                Place(View.BRIEFINGS, None, briefing_id),
                expand=not many or briefing_id == current,
            )
            self._place_nodes[(View.BRIEFINGS, briefing_id)] = node
            for view in BRIEFING_VIEWS:
                leaf = node.add_leaf(
                    _view_label(view, view_count(library, view, briefing_id)), Place(view, briefing_id)
                )
                self._place_nodes[(view, briefing_id)] = leaf
        self.root.expand()

    def show_saved(self, searches: Sequence[SavedSearch], counts: Mapping[str, str]) -> None:
        """The reader's saved searches under one node (none without any), each with its count ("…" until counted)."""
        if not searches:
            if self.searches_node is not None:
                self.searches_node.remove()
                self.searches_node = None
            return
        if self.searches_node is None:
            self.searches_node = self.root.add(Text(SEARCHES_LABEL), None, expand=True)
        node = self.searches_node
        node.remove_children()
        node.set_label(Text.assemble(SEARCHES_LABEL, (f" {len(searches)}", "dim")))
        for search in searches:
            label = text(shorten(search.name, _SEARCH_NAME_WIDTH))
            label.append(f" {counts.get(search.name, '…')}", "dim")
            node.add_leaf(label, search)

    def show_pins(self, pinned: Sequence[tuple[str, Place]]) -> None:
        """The pinned entries (label, where it opens) under one node, oldest pin first; none without pins."""
        if not pinned:
            if self.pins_node is not None:
                self.pins_node.remove()
                self.pins_node = None
            return
        if self.pins_node is None:
            self.pins_node = self.root.add(Text(PINS_LABEL), None, expand=True)
        node = self.pins_node
        node.remove_children()
        node.set_label(Text.assemble(PINS_LABEL, (f" {len(pinned)}", "dim")))
        for label, place in pinned:
            node.add_leaf(text(shorten(label, _SEARCH_NAME_WIDTH + 4)), place)

    def action_forget_search(self) -> None:
        if (search := self._search_here()) is not None:
            self.post_message(self.ForgetAsked(search))

    def action_rename_search(self) -> None:
        if (search := self._search_here()) is not None:
            self.post_message(self.RenameAsked(search))

    def _search_here(self) -> SavedSearch | None:
        node = self.cursor_node
        return node.data if node is not None and isinstance(node.data, SavedSearch) else None

    def add_entry(self, label: Text, place: Place) -> TreeNode[Item]:
        """A top-level node for a view of the whole library."""
        node = self.root.add_leaf(label, place)
        self._place_nodes[place.view_key] = node
        return node

    def mark(self, place: Place) -> None:
        """Move the cursor to the node of ``place``'s view, without selecting it."""
        key = (View.BRIEFINGS, place.entry_id) if place.view is View.BRIEFINGS else place.view_key
        node = self._place_nodes.get(key) or self._place_nodes.get(place.view_key)
        if node is None:
            return
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()
        if self.cursor_node is not node:
            self.move_cursor(node, animate=False)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Item]) -> None:
        event.stop()
        if isinstance(event.node.data, SavedSearch):
            self.post_message(self.SearchChosen(event.node.data))
        elif event.node.data is not None:
            self.post_message(self.Selected(event.node.data))
