"""The actor network: edges, hubs, branches, cycles and the scope of a briefing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing.library import Library
from briefing.model.vocabulary import RelationType
from briefing.network import Edge, Network
from tests.factories import make_library_dir

SHIPPED = Path(__file__).resolve().parent.parent / "content" / "iraq-convoy-attacks-2020.json"


def tables(briefing: str, actors: dict[str, tuple[str, str, list[tuple[str, str]]]]) -> dict[str, Any]:
    """A briefing with only actors: id -> (name, kind, [(relation, target)])."""
    return {
        "briefing": {briefing: {"title": briefing, "summary": "", "date": "2020-09-01", "tags": []}},
        "sources": {},
        "actors": {
            actor_id: {
                "name": name,
                "kind": kind,
                "aliases": [],
                "role": "",
                "description": "",
                "relations": [{"type": t, "target": target, "note": ""} for t, target in relations],
            }
            for actor_id, (name, kind, relations) in actors.items()
        },
        "claims": {},
        "events": {},
    }


def load(tmp_path: Path, *briefings: dict[str, Any]) -> Library:
    library = Library.load([make_library_dir(tmp_path / "lib", *briefings)])
    assert not library.problems, library.problems
    return library


def walk(network: Network, path: tuple[str, ...], via: RelationType | None, lines: list[str], limit: int = 500) -> None:
    """Expand every expandable branch, as a reader opening the whole tree would."""
    assert len(lines) < limit, "the tree does not end"
    for branch in network.branches(path, via):
        lines.append("  " * len(path) + f"{branch.label} {branch.actor}{' ↺' if branch.repeat else ''}")
        if not branch.repeat:
            walk(network, (*path, branch.actor), branch.type, lines, limit)


CYCLE = tables(
    "briefing:cycle",
    {
        "actor:a": ("Alpha", "armed-group", [("backed-by", "actor:b")]),
        "actor:b": ("Beta", "armed-group", [("backed-by", "actor:c")]),
        "actor:c": ("Gamma", "armed-group", [("backed-by", "actor:a")]),
        "actor:state": ("Statia", "state", [("opposes", "actor:a")]),
        "actor:alone": ("Loner", "person", []),
    },
)


def test_edges_are_the_declared_relations_once_each(small_library: Library) -> None:
    network = Network(small_library)
    assert network.edges() == [Edge("actor:ghaani", RelationType.LEADS, "actor:quds-force")]
    assert network.relation_counts() == [(RelationType.LEADS, 1)]


def test_a_group_without_a_state_is_rooted_at_its_best_connected_organisation(small_library: Library) -> None:
    network = Network(small_library)
    assert network.hubs() == ["actor:quds-force"]
    (branch,) = network.branches(("actor:quds-force",))
    assert (branch.actor, branch.label, branch.repeat) == ("actor:ghaani", "led by", False)


def test_a_briefing_scope_keeps_only_its_actors(small_library: Library) -> None:
    network = Network(small_library, "briefing:beta")
    assert list(network.actors) == ["actor:ghaani"]
    assert network.edges() == []
    assert network.isolated == ["actor:ghaani"]
    assert network.hubs() == []


def test_cycles_are_marked_and_every_path_ends(tmp_path: Path) -> None:
    network = Network(load(tmp_path, CYCLE))
    assert network.hubs() == ["actor:state"]
    lines: list[str] = []
    walk(network, ("actor:state",), None, lines)
    assert lines[0].strip() == "opposes actor:a"
    assert any(line.strip() == "backed by actor:a ↺" for line in lines)
    assert len(lines) < 20


def test_the_relation_a_node_was_reached_by_is_not_repeated_back(tmp_path: Path) -> None:
    network = Network(load(tmp_path, CYCLE))
    under_a = network.branches(("actor:state", "actor:a"), RelationType.OPPOSES)
    assert [(b.label, b.actor) for b in under_a] == [("backed by", "actor:b"), ("backs", "actor:c")]
    assert not network.expandable(("actor:alone",))


def test_components_and_isolated_actors(tmp_path: Path) -> None:
    network = Network(load(tmp_path, CYCLE))
    assert [sorted(group) for group in network.components()] == [["actor:a", "actor:b", "actor:c", "actor:state"]]
    assert network.isolated == ["actor:alone"]
    assert network.degree("actor:a") == 3


def test_a_relation_declared_from_both_sides_shows_once(tmp_path: Path) -> None:
    both = tables(
        "briefing:both",
        {
            "actor:x": ("Ex", "state", [("allied-with", "actor:y")]),
            "actor:y": ("Why", "state", [("allied-with", "actor:x")]),
        },
    )
    network = Network(load(tmp_path, both))
    assert [(b.label, b.actor) for b in network.branches(("actor:x",))] == [("allied with", "actor:y")]
    assert len(network.edges()) == 2


@pytest.fixture(scope="module")
def shipped() -> Library:
    if not SHIPPED.exists():
        pytest.skip("the shipped briefing is not there yet")
    return Library.load([SHIPPED.parent])


def _actor_named(network: Network, name: str) -> str:
    (found,) = [a.id for a in network.actors.values() if a.name == name]
    return found


def test_shipped_network_reads_from_iran_to_the_militias_and_their_leaders(shipped: Library) -> None:
    (briefing_id,) = [b for b in shipped.briefings if shipped.files[b] == SHIPPED]
    network = Network(shipped, briefing_id)
    iran = _actor_named(network, "Iran")
    assert iran in network.hubs()
    backs = {network.name(b.actor) for b in network.branches((iran,)) if b.label == "backs"}
    assert {"Kataib Hezbollah", "Asaib Ahl al-Haq"} <= backs
    aah = _actor_named(network, "Asaib Ahl al-Haq")
    under = network.branches((iran, aah), RelationType.BACKED_BY)
    assert ("led by", "Qais Khazali") in {(b.label, network.name(b.actor)) for b in under}
    lines: list[str] = []
    walk(network, (iran,), None, lines, limit=20_000)
