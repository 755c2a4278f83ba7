"""The actor network mounted in a small host app: hubs, branches, navigation, cycles, hostile names."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from briefing.library import Library
from briefing.model.entities import Actor, Briefing, BriefingDocument, Relation, Source
from briefing.model.vocabulary import ActorKind, RelationType
from briefing.ui.messages import EntryHighlighted, OpenEntry
from briefing.ui.widgets.actor_network import ActorNetwork

BID = "briefing:militias"
OTHER = "briefing:elsewhere"
HOSTILE = "[bold]Evil[/bold] [@click=app.quit]x[/] \x1b]52;c;Zm9v\x07"
SIZES = [(80, 24), (120, 40)]


def _actor(actor_id: str, name: str, kind: ActorKind, *relations: tuple[RelationType, str], note: str = "") -> Actor:
    return Actor(actor_id, name, kind, (BID,), relations=tuple(Relation(t, target, note) for t, target in relations))


ACTORS = [
    _actor("actor:iran", "Iran", ActorKind.STATE),
    _actor("actor:us", "United States", ActorKind.STATE),
    _actor(
        "actor:kh",
        "Kataib Hezbollah",
        ActorKind.ARMED_GROUP,
        (RelationType.BACKED_BY, "actor:iran"),
        (RelationType.OPPOSES, "actor:us"),
    ),
    _actor(
        "actor:aah",
        "Asaib Ahl al-Haq",
        ActorKind.ARMED_GROUP,
        (RelationType.BACKED_BY, "actor:iran"),
        (RelationType.OPPOSES, "actor:us"),
    ),
    _actor(
        "actor:khazali",
        "Qais Khazali",
        ActorKind.PERSON,
        (RelationType.LEADS, "actor:aah"),
        (RelationType.DETAINED_BY, "actor:us"),
        note="Camp Cropper",
    ),
    _actor("actor:un", "United Nations", ActorKind.ORGANIZATION),
]


def _library(actors: list[Actor], elsewhere: list[Actor] = ()) -> Library:  # type: ignore[assignment]
    docs = [BriefingDocument(Briefing(BID, "Militias"), [Source("source:s", "Wire", BID)], actors)]
    if elsewhere:
        docs.append(BriefingDocument(Briefing(OTHER, "Elsewhere"), [Source("source:o", "Other", OTHER)], elsewhere))
    return Library.from_documents(docs)


class Host(App[None]):
    def __init__(self, library: Library, briefing_id: str | None = BID) -> None:
        super().__init__()
        self.library = library
        self.briefing_id = briefing_id
        self.navigated: list[str] = []
        self.previewed: list[str] = []

    def compose(self) -> ComposeResult:
        yield ActorNetwork(self.library, self.briefing_id, id="network")

    def on_mount(self) -> None:
        self.query_one(ActorNetwork).focus()

    def on_open_entry(self, message: OpenEntry) -> None:
        self.navigated.append(message.entity_id)

    def on_entry_highlighted(self, message: EntryHighlighted) -> None:
        self.previewed.append(message.entity_id)


def _all_nodes(node: TreeNode[object]) -> list[TreeNode[object]]:
    """``node`` and every node under it, opened or not."""
    return [node, *(n for child in node.children for n in _all_nodes(child))]


def tree_lines(app: App[None]) -> list[str]:
    tree = app.query_one(Tree)
    return [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]


@pytest.mark.parametrize("size", SIZES)
async def test_hubs_and_their_relations_are_drawn(size: tuple[int, int]) -> None:
    app = Host(_library(ACTORS))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = tree_lines(app)
        assert lines[0].startswith("▼ United States")
        assert any("opposed by" in line and "Kataib Hezbollah" in line for line in lines)
        assert any(line.startswith("▼ Iran") for line in lines)
        assert any("backs" in line and "Asaib Ahl al-Haq" in line for line in lines)
        assert any("detained" in line and "Qais Khazali" in line and "Camp Cropper" in line for line in lines)
        summary = str(app.query_one("#network-summary", Static).render())
        assert "6 relations" in summary
        assert "opposes 2" in summary
        assert "1 without relations" in summary


async def test_enter_on_a_hub_opens_that_actor() -> None:
    app = Host(_library(ACTORS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert app.navigated == ["actor:us"]
        assert app.query_one(ActorNetwork).cursor_id == "actor:us"
        tree = app.query_one(Tree)
        assert tree.get_node_at_line(0) is not None and tree.get_node_at_line(0).is_expanded


async def test_the_actor_under_the_cursor_is_previewed_and_not_opened() -> None:
    app = Host(_library(ACTORS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        current = app.query_one(ActorNetwork).cursor_id
        assert current is not None and current != "actor:us"
        assert app.previewed[-1] == current
        assert app.navigated == []


async def test_clicking_a_branch_opens_that_actor() -> None:
    app = Host(_library(ACTORS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = tree_lines(app)
        y = next(i for i, line in enumerate(lines) if "Qais Khazali" in line)
        await pilot.click(Tree, offset=(lines[y].index("Qais") + 1, y))
        assert app.navigated == ["actor:khazali"]


async def test_branches_load_when_opened_and_lead_on_to_the_next_actor() -> None:
    app = Host(_library(ACTORS))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        tree = app.query_one(Tree)
        lines = tree_lines(app)
        y = next(i for i, line in enumerate(lines) if "backs" in line and "Asaib" in line)
        node = tree.get_node_at_line(y)
        assert node is not None and not node.children and node.allow_expand
        tree.cursor_line = y
        await pilot.press("space")
        await pilot.pause()
        labels = [str(child.label) for child in node.children]
        assert any(label.startswith("led by") and "Qais Khazali" in label for label in labels)
        assert not any("Iran" in label for label in labels), "the way back to the parent is not repeated"


async def test_a_cycle_is_shown_once_and_not_expanded_again() -> None:
    cycle = [
        _actor("actor:a", "Alpha", ActorKind.STATE, (RelationType.ALLIED_WITH, "actor:b")),
        _actor("actor:b", "Beta", ActorKind.ARMED_GROUP, (RelationType.BACKED_BY, "actor:c")),
        _actor("actor:c", "Gamma", ActorKind.ARMED_GROUP, (RelationType.BACKED_BY, "actor:a")),
    ]
    app = Host(_library(cycle))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.query_one(Tree)
        for _ in range(10):  # open everything that can open, repeatedly
            await pilot.press("shift+space")
            await pilot.pause()
            for node in list(_all_nodes(tree.root)):
                if node.allow_expand and not node.is_expanded:
                    node.expand()
            await pilot.pause()
        lines = tree_lines(app)
        assert any("↺" in line for line in lines)
        assert len(_all_nodes(tree.root)) < 20


async def test_the_network_keeps_to_its_briefing() -> None:
    elsewhere = [
        Actor(
            "actor:zz",
            "Zed Front",
            ActorKind.ARMED_GROUP,
            (OTHER,),
            relations=(Relation(RelationType.OPPOSES, "actor:yy"),),
        ),
        Actor("actor:yy", "Ypsilon", ActorKind.STATE, (OTHER,)),
    ]
    library = _library(ACTORS, elsewhere)
    app = Host(library, BID)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not any("Zed Front" in line or "Ypsilon" in line for line in tree_lines(app))
    app = Host(library, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("Ypsilon" in line for line in tree_lines(app))


async def test_no_actors_say_so() -> None:
    app = Host(_library([]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No actors." in tree_lines(app)[0]
        await pilot.press("enter")
        assert app.navigated == []


async def test_hostile_names_render_literally() -> None:
    actors = [
        _actor("actor:evil", HOSTILE, ActorKind.ARMED_GROUP, (RelationType.BACKED_BY, "actor:iran"), note="[red]n[/]"),
        _actor("actor:iran", "Iran", ActorKind.STATE),
    ]
    app = Host(_library(actors))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.is_running
        row = next(line for line in tree_lines(app) if "Evil" in line)
        assert "[bold]Evil[/bold] [@click=app.quit]x[/]" in row
        assert "52;c" not in row
        assert "([red]n[/])" in row
        assert "\x1b" not in row and "\x07" not in row


@pytest.mark.parametrize("size", SIZES)
def test_network_snapshot(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(Host(_library(ACTORS)), terminal_size=size)
