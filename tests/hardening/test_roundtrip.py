"""Valid input with hostile content survives export -> import -> export unchanged, but for control characters.

An import stores strings without the control characters they held and says
which (``model/controls.py``); everything else comes back byte for byte.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from briefing.errors import ValidationError
from briefing.model.controls import without_controls
from briefing.model.records import document_from_tables
from briefing.settle import defined_ids
from briefing.workspace import Workspace
from tests.factories import alpha_tables, beta_tables, write_tables
from tests.hardening.helpers import examples, hostile_tables, run, without_taken_out
from tests.hardening.strategies import valid_tables

HOSTILE_NOTE = "[bold]mine[/bold] \x1b]52;c;ZXZpbA==\x07 \u202eevil\n\nsecond paragraph"


def round_trip(capsys: pytest.CaptureFixture[str], root: Path, *briefings: dict[str, Any]) -> None:
    """Export a library (and a note), import it into an empty data dir, export again: the same bytes."""
    if root.exists():
        shutil.rmtree(root)
    lib, mine, theirs = root / "lib", root / "mine", root / "theirs"
    for tables in briefings:
        (bid,) = tables["briefing"]
        write_tables(lib / f"{bid.split(':', 1)[1]}.json", tables)
    (first_actor, *_) = briefings[-1]["actors"] or {"actor:ghaani": None}
    Workspace.from_options([lib], mine, include_shipped=False).notes.add(first_actor, HOSTILE_NOTE)

    first, second = root / "first.json", root / "second.json"
    exported = run(capsys, "--library", lib, "--data-dir", mine, "export", "--notes", "-o", first)
    assert exported.code == 0 and exported.err.endswith(f" and 1 note as json to {first}\n")
    imported = run(capsys, "--library", root / "empty", "--data-dir", theirs, "import", first)
    assert (imported.code, without_taken_out(imported.err)) == (0, ""), imported.out
    again = run(capsys, "--library", root / "empty", "--data-dir", theirs, "export", "--notes", "-o", second)
    assert again.code == 0 and again.err.endswith(f" and 1 note as json to {second}\n")
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert json.loads(second.read_text(encoding="utf-8")) == scrubbed(exported)
    if scrubbed(exported) == exported:
        assert second.read_bytes() == first.read_bytes()
    changed = len(strings(exported) - strings(scrubbed(exported)))
    assert len(imported.err.splitlines()) == (0 if not changed else min(changed, 20) + 1 + (changed > 20))
    assert len(exported["notes"]) == 1


def scrubbed(value: Any) -> Any:
    """``value`` with control characters taken out of every string, as an import stores it."""
    if isinstance(value, str):
        return without_controls(value)
    if isinstance(value, list):
        return [scrubbed(item) for item in value]
    if isinstance(value, dict):
        return {key: scrubbed(item) for key, item in value.items()}
    return value


def strings(value: Any, where: str = "") -> set[tuple[str, str]]:
    """Every string in ``value`` with the path to it."""
    if isinstance(value, str):
        return {(where, value)}
    items = enumerate(value) if isinstance(value, list) else value.items() if isinstance(value, dict) else ()
    return {found for key, item in items for found in strings(item, f"{where}/{key}")}


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(tables=valid_tables())
def test_any_valid_briefing_round_trips_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory, tables: dict[str, Any]
) -> None:
    assume(still_valid(scrubbed(tables)))  # a name that was nothing but control characters is empty without them
    round_trip(capsys, tmp_path_factory.getbasetemp() / "round-trip", alpha_tables(), beta_tables(), tables)


def still_valid(tables: dict[str, Any]) -> bool:
    known = defined_ids(alpha_tables()) | defined_ids(beta_tables())
    try:
        document_from_tables(tables, "fuzz.json", known)
    except ValidationError:
        return False
    return True


def test_the_hostile_briefing_round_trips_without_its_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    round_trip(capsys, tmp_path / "hostile", hostile_tables(), beta_tables())


def test_an_imported_briefing_file_is_the_file_that_was_exported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    write_tables(lib / "alpha.json", hostile_tables())
    exported = run(capsys, "--library", lib, "export", "-o", tmp_path / "x.json")
    assert exported.code == 0
    assert (
        run(capsys, "--library", tmp_path / "empty", "--data-dir", tmp_path / "d", "import", tmp_path / "x.json").code
        == 0
    )
    assert json.loads((tmp_path / "d" / "library" / "alpha.json").read_text(encoding="utf-8")) == scrubbed(
        hostile_tables()
    )
