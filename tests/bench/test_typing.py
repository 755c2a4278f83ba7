"""The bench's typing child runs the real app and reports what the runner reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from briefing.bench.synthetic import generate
from briefing.workspace import Workspace


def test_typing_child_reports_keystroke_to_paint_and_memory(tmp_path: Path) -> None:
    generate(tmp_path / "lib", 600)
    workspace = Workspace.from_options([tmp_path / "lib"], tmp_path / "data", include_shipped=False)
    workspace.load_library()
    workspace.search_index().ensure_built()
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing.bench.typing",
            "--library",
            str(tmp_path / "lib"),
            "--data-dir",
            str(tmp_path / "data"),
            "--words",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    assert figures["samples"] > 0
    assert 0 < figures["p50_ms"] <= figures["p95_ms"]
    assert 0 < figures["burst_p50_ms"] <= figures["burst_p95_ms"]
    assert figures["interval_ms"] == 80
    assert figures["rss_mb"] > 10
