"""The actor network as a tree: each hub with who it backs, leads, includes or opposes, and so on down.

Branches are built when a node is first expanded, so a large library costs
only what the reader opens; an actor already on the path from the root is
shown (marked ↺) but not expanded again.  Enter or a click on a name opens
the actor; space or a click on the arrow expands it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from briefing.library import Library
from briefing.model.vocabulary import RELATION_LABELS, RelationType
from briefing.network import Branch, Network
from briefing.text import one_line, shorten
from briefing.ui.messages import EntryHighlighted, OpenEntry
from briefing.ui.widgets.motion_tree import MotionTree

INITIALLY_EXPANDED = 8
"""Hubs opened one level when the view appears."""

_RELATION = Style(italic=True, dim=True)
_DIM = Style(dim=True)
_LEAF = Text("  ", end="")  # as wide as the tree's ▶ so that leaves line up with expandable siblings


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a tree node stands: the actors from the root to it, and the relation that led to it."""

    path: tuple[str, ...]
    via: RelationType | None = None

    @property
    def actor(self) -> str:
        return self.path[-1]


def _summary(network: Network) -> Text:
    edges = network.edges()
    out = Text(end="")
    out.append(f"{len(network.linked)} linked actors, {len(edges)} relations", style="bold")
    for relation, count in network.relation_counts():
        out.append(" · ", style=_DIM)
        out.append(f"{RELATION_LABELS[relation][0]} {count}")
    if network.isolated:
        out.append(f" · {len(network.isolated)} without relations", style=_DIM)
    return out


class ActorNetwork(Vertical):
    """Who backs, leads or opposes whom, as a tree of hubs; selecting an actor posts ``OpenEntry``."""

    DEFAULT_CSS = """
    ActorNetwork { height: 1fr; }
    ActorNetwork > #network-summary { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    ActorNetwork > Tree { height: 1fr; }
    """

    def __init__(
        self, library: Library, briefing_id: str | None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.network = Network(library, briefing_id)

    def compose(self) -> ComposeResult:
        yield Static(_summary(self.network), id="network-summary")
        tree: MotionTree[_Place | None] = MotionTree(Text("Actors"), id="network-tree")
        tree.show_root = False
        tree.auto_expand = False
        tree.guide_depth = 3
        yield tree

    def on_mount(self) -> None:
        tree = self.query_one(Tree)
        hubs = self.network.hubs()
        for number, hub in enumerate(hubs):
            node = tree.root.add(self._hub_label(hub), _Place((hub,)))
            if number < INITIALLY_EXPANDED:
                self._fill(node)
                node.expand()
        isolated = self.network.isolated
        if isolated:
            group = tree.root.add(Text(f"Without relations ({len(isolated)})", style=_DIM), None)
            for actor_id in isolated:
                group.add_leaf(_LEAF + self._hub_label(actor_id), _Place((actor_id,)))
        if not hubs and not isolated:
            tree.root.add_leaf(Text("No actors.", style=_DIM), None)
        tree.cursor_line = 0

    def focus(self, scroll_visible: bool = True) -> ActorNetwork:
        """Focus the tree, where the reader starts."""
        self.query_one(Tree).focus(scroll_visible)
        return self

    def _hub_label(self, actor_id: str) -> Text:
        actor = self.network.actors[actor_id]
        label = Text(one_line(actor.name), style="bold", end="")
        degree = self.network.degree(actor_id)
        details = str(actor.actor_kind) + (f" · {degree} links" if degree else "")
        label.append(f"  {details}", style=_DIM)
        return label

    def _branch_label(self, branch: Branch, width: int) -> Text:
        label = Text(branch.label.ljust(width) + "  ", style=_RELATION, end="")
        label.append(one_line(self.network.name(branch.actor)))
        if branch.repeat:
            label.append("  ↺", style=_DIM)
        if branch.note:
            label.append(f"  ({shorten(branch.note, 40)})", style=_DIM)
        return label

    def _fill(self, node: TreeNode[_Place | None]) -> None:
        """Add the branches of an actor's node, once."""
        place = node.data
        if place is None or node.children:
            return
        branches = self.network.branches(place.path, place.via)
        width = max((len(b.label) for b in branches), default=0)
        for branch in branches:
            child = _Place((*place.path, branch.actor), branch.type)
            expandable = not branch.repeat and self.network.expandable(child.path, child.via)
            label = self._branch_label(branch, width)
            node.add(label if expandable else _LEAF + label, child, allow_expand=expandable)

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[_Place | None]) -> None:
        self._fill(event.node)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[_Place | None]) -> None:
        event.stop()
        if event.control.has_focus and event.node.data is not None:
            self.post_message(EntryHighlighted(event.node.data.actor))

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[_Place | None]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(OpenEntry(event.node.data.actor))

    @property
    def cursor_id(self) -> str | None:
        """The id of the actor under the cursor."""
        node = self.query_one(Tree).cursor_node
        return node.data.actor if node is not None and node.data is not None else None
