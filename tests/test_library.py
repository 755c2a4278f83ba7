"""The loaded library: lookups, backlinks across briefings, merged actors, relations, timeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import NotFoundError
from briefing.library import Library
from briefing.model.entities import Actor, Claim, Event
from briefing.model.vocabulary import EntityKind
from tests.factories import alpha_tables, beta_tables, make_library_dir, write_tables


def test_loading_finds_every_entry(small_library: Library) -> None:
    assert small_library.problems == []
    assert set(small_library.briefings) == {"briefing:alpha", "briefing:beta"}
    assert len(small_library.all(EntityKind.EVENT)) == 3
    assert len(small_library) == 2 + 2 + 2 + 1 + 3
    assert "actor:quds-force" in small_library
    assert "actor:nobody" not in small_library
    assert "not an id" not in small_library


def test_a_broken_file_is_reported_and_skipped_while_the_others_load(tmp_path: Path) -> None:
    folder = make_library_dir(tmp_path / "lib", alpha_tables())
    (folder / "torn.json").write_text('{"briefing": {')
    bad = beta_tables()
    bad["events"]["event:beta-visit"]["date"] = "2021-02-30"
    write_tables(folder / "beta.json", bad)
    library = Library.load([folder])
    assert set(library.briefings) == {"briefing:alpha"}
    assert {Path(p.file).name for p in library.problems} == {"torn.json", "beta.json"}
    assert any(p.entity == "event:beta-visit" and p.field == "date" for p in library.problems)


def test_a_briefing_in_two_folders_is_loaded_once_and_the_second_reported(tmp_path: Path) -> None:
    first = make_library_dir(tmp_path / "one", alpha_tables())
    second = make_library_dir(tmp_path / "two", alpha_tables())
    library = Library.load([first, second])
    assert library.files["briefing:alpha"].parent == first
    (problem,) = library.problems
    assert problem.entity == "briefing:alpha"
    assert "already loaded" in problem.message


def test_references_may_cross_briefings(tmp_path: Path) -> None:
    beta = beta_tables()
    beta["events"]["event:beta-visit"]["actors"].append("actor:quds-force")  # defined only in alpha
    library = Library.load([make_library_dir(tmp_path / "lib", alpha_tables(), beta)])
    assert library.problems == []
    assert "event:beta-visit" in [e.id for e in library.backlinks("actor:quds-force")]


def test_backlinks_gather_claims_and_events_across_briefings(small_library: Library) -> None:
    mentions = small_library.backlinks("actor:ghaani")
    assert {m.id for m in mentions} == {"claim:qaani-warns", "event:talks", "event:beta-visit"}
    assert {type(m) for m in mentions} == {Claim, Event}
    assert {m.id for m in small_library.backlinks("source:wire-2021")} == {
        "claim:qaani-warns",
        "event:convoy-ied",
        "event:talks",
    }
    assert small_library.backlinks("actor:nobody") == []


def test_claims_by_is_what_an_actor_says_not_what_is_said_about_it(small_library: Library) -> None:
    assert [c.id for c in small_library.claims_by("actor:ghaani")] == ["claim:qaani-warns"]
    assert small_library.claims_by("actor:quds-force") == []


def test_an_actor_in_two_briefings_is_one_actor_with_both_views(small_library: Library) -> None:
    actor = small_library.require("actor:ghaani")
    assert isinstance(actor, Actor)
    assert actor.briefings == ("briefing:alpha", "briefing:beta")
    assert actor.name == "Esmail Qaani"
    assert set(actor.aliases) == {"Ismael Ghaani", "Esmaïl Qâani", "Ghaani"}
    assert actor.role == "commander of the Quds Force"
    assert "Commander since 2020." in actor.description
    assert "Succeeded Soleimani." in actor.description
    views = small_library.actor_views["actor:ghaani"]
    assert views["briefing:beta"].aliases == ("Ghaani",)
    assert views["briefing:alpha"].role == "commander of the Quds Force"
    assert small_library.document("briefing:beta").actors == [views["briefing:beta"]]


def test_a_name_used_differently_in_another_briefing_becomes_an_alias(tmp_path: Path) -> None:
    beta = beta_tables()
    beta["actors"]["actor:ghaani"]["name"] = "Ismail Qaani"
    library = Library.load([make_library_dir(tmp_path / "lib", alpha_tables(), beta)])
    actor = library.require("actor:ghaani")
    assert actor.name == "Esmail Qaani"
    assert "Ismail Qaani" in actor.aliases  # type: ignore[union-attr]


def test_relations_read_both_ways(small_library: Library) -> None:
    (out,) = small_library.relations("actor:ghaani")
    assert (out.label, out.other, out.outgoing) == ("leads", "actor:quds-force", True)
    (back,) = small_library.relations("actor:quds-force")
    assert (back.label, back.other, back.outgoing) == ("led by", "actor:ghaani", False)


def test_the_timeline_runs_in_date_order(small_library: Library) -> None:
    assert [e.id for e in small_library.timeline()] == ["event:talks", "event:convoy-ied", "event:beta-visit"]
    assert [e.id for e in small_library.timeline("briefing:beta")] == ["event:beta-visit"]


def test_entries_of_one_briefing(small_library: Library) -> None:
    assert {a.id for a in small_library.in_briefing("briefing:beta", EntityKind.ACTOR)} == {"actor:ghaani"}
    assert small_library.in_briefing("briefing:nope", EntityKind.EVENT) == []
    assert small_library.briefings_of("event:talks") == ("briefing:alpha",)
    assert small_library.briefings_of("briefing:beta") == ("briefing:beta",)
    assert small_library.briefings_of("actor:nobody") == ()


def test_unknown_and_malformed_ids_are_told_apart(small_library: Library) -> None:
    with pytest.raises(NotFoundError, match="no such entry"):
        small_library.require("actor:nobody")
    with pytest.raises(NotFoundError, match="is not an id"):
        small_library.require("Qaani")
    assert small_library.label("actor:nobody") == "actor:nobody"
    assert small_library.label("actor:ghaani") == "Esmail Qaani"


def test_a_document_rebuilds_the_briefing_as_filed(small_library: Library, small_dir: Path) -> None:
    from briefing.model.records import tables_of
    from briefing.store.briefings import read_tables

    assert tables_of(small_library.document("briefing:alpha")) == read_tables(small_dir / "alpha.json")


def test_the_fingerprint_changes_when_a_file_changes(small_dir: Path) -> None:
    before = Library.load([small_dir]).fingerprint
    assert Library.load([small_dir]).fingerprint == before
    t = alpha_tables()
    t["briefing"]["briefing:alpha"]["title"] = "Alpha crisis, revised edition"
    write_tables(small_dir / "alpha.json", t)
    assert Library.load([small_dir]).fingerprint != before


def test_progress_is_reported_per_file(small_dir: Path) -> None:
    seen: list[tuple[int, int]] = []
    Library.load([small_dir], lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def _briefing(name: str, actors: dict | None = None, events: dict | None = None) -> dict:
    """A briefing of one source plus the actors and events given (each record filled in)."""
    tables = beta_tables()
    tables["briefing"] = {f"briefing:{name}": tables["briefing"]["briefing:beta"]}
    source = f"source:{name}-src"
    tables["sources"] = {source: tables["sources"]["source:beta-report"]}
    actor = tables["actors"]["actor:ghaani"]
    tables["actors"] = {aid: {**actor, "name": aid, "aliases": [], **fields} for aid, fields in (actors or {}).items()}
    visit = tables["events"]["event:beta-visit"]
    tables["events"] = {eid: {**visit, "source": source, **fields} for eid, fields in (events or {}).items()}
    return tables


def leaning_chain(folder: Path, names: tuple[str, str, str]) -> tuple[Path, Path, Path]:
    """Three files: the first fails validation; the second leans on its actor, the third on the second's."""
    rejected = _briefing("gamma", {"actor:gamma-leader": {}}, {"event:gamma-visit": {"kind": "tourism", "actors": []}})
    leaning = _briefing(
        "delta", {"actor:delta-chief": {"relations": [{"type": "allied-with", "target": "actor:gamma-leader"}]}}
    )
    leaning_further = _briefing("epsilon", events={"event:epsilon-talks": {"actors": ["actor:delta-chief"]}})
    return (
        write_tables(folder / names[0], rejected),
        write_tables(folder / names[1], leaning),
        write_tables(folder / names[2], leaning_further),
    )


@pytest.mark.parametrize(
    "names",
    [("a.json", "b.json", "c.json"), ("z.json", "m.json", "a.json"), ("m.json", "z.json", "a.json")],
    ids=["rejected-first", "rejected-last", "mixed"],
)
def test_a_file_leaning_on_a_rejected_file_is_rejected_too_in_any_order(
    tmp_path: Path, names: tuple[str, str, str]
) -> None:
    folder = make_library_dir(tmp_path / "lib", alpha_tables())
    rejected, leaning, further = leaning_chain(folder, names)
    library = Library.load([folder])
    assert set(library.briefings) == {"briefing:alpha"}
    messages = {str(p) for p in library.problems}
    assert (
        f"{leaning}: actor:delta-chief: relations[0].target: dangling reference: actor:gamma-leader"
        f" is defined only in {rejected}, which was rejected"
    ) in messages
    assert (
        f"{further}: event:epsilon-talks: actors[0]: dangling reference: actor:delta-chief"
        f" is defined only in {leaning}, which was rejected"
    ) in messages
    assert any(m.startswith(f"{rejected}: event:gamma-visit: kind: unknown value 'tourism'") for m in messages)
    assert len(messages) == 3
