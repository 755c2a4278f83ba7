"""The bench's stall child runs the real app on the biggest list and a huge entry and reports the loop's stalls."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from briefing.bench.synthetic import generate, huge_claim
from briefing.library import Library
from briefing.model.vocabulary import EntityKind
from briefing.workspace import Workspace


def test_stall_child_reports_the_longest_stalls_of_each_action(tmp_path: Path) -> None:
    generate(tmp_path / "lib", 600)
    huge = huge_claim(tmp_path / "huge", 50_000)
    folders = [tmp_path / "lib", tmp_path / "huge"]
    workspace = Workspace.from_options(folders, tmp_path / "data", include_shipped=False)
    library: Library = workspace.load_library()
    assert len(library.require(huge).text) == 50_000  # type: ignore[union-attr]
    workspace.search_index().ensure_built()
    options = [arg for folder in folders for arg in ("--library", str(folder))]
    completed = subprocess.run(
        [sys.executable, "-m", "briefing.bench.stalls", *options, "--data-dir", str(tmp_path / "data"), "--huge", huge],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    biggest = max(len(library.all(kind)) for kind in (EntityKind.ACTOR, EntityKind.CLAIM, EntityKind.EVENT))
    assert figures["rows"] == biggest
    assert figures["samples"] > 0
    assert 0 <= figures["p95_ms"] <= figures["max_ms"]
    assert figures["max_ms"] == max(figures["open_list_ms"], figures["sort_ms"], figures["huge_entry_ms"])
    assert figures["idle_ms"] >= 0
