"""Big input finishes: a 1 MB claim and a briefing of 10,000 actors through every command.

Timings are printed with ``pytest -s``, for the record, never asserted: they
depend on the machine.  A Rich table of 10,000 rows and the STIX bundle of
10,000 actors (stix2 checks every object) take several seconds each, so
they run with --run-slow.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.factories import SOURCE, alpha_tables, write_tables
from tests.hardening.helpers import run

ACTORS = 10_000
CLAIM_BYTES = 1_000_000


def big_tables() -> dict[str, Any]:
    """alpha with a 1 MB claim and 10,000 more actors, each allied with Qaani (so his page lists them all)."""
    t = alpha_tables()
    t["claims"]["claim:qaani-warns"]["text"] = ("A claim of a megabyte, " * (CLAIM_BYTES // 23 + 1))[:CLAIM_BYTES]
    for i in range(ACTORS):
        t["actors"][f"actor:member-{i}"] = {
            "name": f"Member {i} قيس 卡塔",
            "kind": "person",
            "aliases": [f"M{i}"],
            "role": "member",
            "description": "",
            "relations": [{"type": "allied-with", "target": "actor:ghaani", "note": ""}],
        }
    t["events"]["event:convoy-ied"]["actors"] = [f"actor:member-{i}" for i in range(ACTORS)]
    t["claims"]["claim:qaani-warns"]["source"] = SOURCE
    return t


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tables(tmp_path_factory.mktemp("big") / "in" / "alpha.json", big_tables())


@pytest.fixture
def timed(capsys: pytest.CaptureFixture[str], pytestconfig: pytest.Config) -> Callable[..., str]:
    """Runs a command that must succeed; returns its output, and with -s prints how long it took."""

    def timed_run(label: str, *args: str | Path) -> str:
        start = time.perf_counter()
        result = run(capsys, *args)
        elapsed = time.perf_counter() - start
        said = [line for line in result.err.splitlines() if not line.startswith("briefing: exported ")]
        assert (result.code, said) == (0, []), (label, result.err[:300])
        if pytestconfig.getoption("capture") == "no":
            with capsys.disabled():
                print(f"\n  {label:<32} {elapsed:6.2f} s  ({len(result.out):,} characters out)")
        return result.out

    return timed_run


def test_a_big_briefing_goes_through_every_command(timed: Callable[..., str], big_file: Path, tmp_path: Path) -> None:
    data, empty = tmp_path / "data", tmp_path / "empty"
    home = ["--library", empty, "--data-dir", data]
    assert "ok: 1 file(s) valid" in timed("validate", *home, "validate", big_file)
    assert "imported briefing:alpha" in timed("import", *home, "import", big_file)
    assert len(json.loads(timed("list actors --json", *home, "list", "actors", "--json"))) == ACTORS + 2
    assert "claim:qaani-warns" in timed("list claims", *home, "list", "claims")
    assert "Member 9999" in timed("show actor (10,000 relations)", *home, "show", "actor:ghaani")
    claim = timed("show the 1 MB claim", *home, "show", "claim:qaani-warns")
    assert len(claim) > CLAIM_BYTES
    exported = timed("export json", *home, "export")
    assert len(json.loads(exported)["actors"]) == ACTORS + 2
    assert "Member 9999" in timed("export md", *home, "export", "--format", "md")
    assert timed("export csv", *home, "export", "--format", "csv").count("\r\n") > ACTORS


@pytest.mark.slow
def test_a_big_briefing_lists_as_a_table_and_exports_as_stix(timed: Callable[..., str], big_file: Path) -> None:
    home = ["--library", big_file.parent]
    assert "Member 9999" in timed("list actors (a table)", *home, "list", "actors")
    assert "actor:member-9999" in timed("show event (10,000 actors)", *home, "show", "event:convoy-ied")
    assert "actor:member-9999" in timed("export stix", *home, "export", "--format", "stix")
