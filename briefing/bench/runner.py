"""Runs every measurement of ``briefing bench`` side by side, in one run.

The machine is shared and noisy, so nothing here is a pass/fail timing
test: figures are medians and 95th percentiles over many samples, and the
first-frame figure is a ratio against a bare Textual app timed the same way
in the same run.
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import briefing
from briefing.bench.stats import median, p95
from briefing.bench.synthetic import generate, huge_claim
from briefing.workspace import Workspace

TARGETS = {
    "first_frame_ratio": 1.5,
    "search_p95_ms": 5.0,
    "type_to_paint_p95_ms": 50.0,
    "note_p95_ms": 20.0,
    "rss_mb": 400.0,
    "stall_max_ms": 100.0,
}

HUGE_CHARS = 5_000_000
"""The huge entry of the stall figure: a claim of 5 MB of text."""

Step = Callable[[str, int, int], None]
"""Progress: (what, done, total)."""


@dataclass
class BenchResult:
    entries: int
    machine: str
    load_s: float = 0.0
    index_build_s: float = 0.0
    first_frame_ms: float = 0.0
    bare_first_frame_ms: float = 0.0
    first_frame_ratio: float = 0.0
    search_p50_ms: float = 0.0
    search_p95_ms: float = 0.0
    type_to_paint_p50_ms: float = 0.0
    type_to_paint_p95_ms: float = 0.0
    type_interval_ms: float = 0.0
    type_burst_p50_ms: float = 0.0
    type_burst_p95_ms: float = 0.0
    note_p50_ms: float = 0.0
    note_p95_ms: float = 0.0
    rss_mb: float = 0.0
    samples: dict[str, int] = field(default_factory=dict)
    stall_max_ms: float = 0.0
    """The event loop's longest stall while the biggest list opens and sorts and a huge entry opens."""
    stall_p95_ms: float = 0.0
    stall_open_list_ms: float = 0.0
    stall_sort_ms: float = 0.0
    stall_huge_entry_ms: float = 0.0
    stall_idle_ms: float = 0.0
    """The longest stall in a second of doing nothing just before: what the machine alone costs."""
    stall_list_rows: int = 0
    stall_huge_chars: int = 0
    stall_samples: int = 0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def verdicts(self) -> dict[str, bool]:
        return {key: getattr(self, key) <= limit for key, limit in TARGETS.items()}


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        yield Path(folder)


def run(
    entries: int,
    step: Step,
    *,
    frames: int = 7,
    searches: int = 400,
    notes: int = 200,
    huge_chars: int = HUGE_CHARS,
) -> BenchResult:
    result = BenchResult(entries=entries, machine=machine())
    with _scratch() as root:
        library_dir, data_dir = root / "library", root / "data"
        generate(library_dir, entries, progress=lambda done, total: step("generating library", done, total))
        workspace = Workspace.from_options([library_dir], data_dir, include_shipped=False)

        started = time.perf_counter()
        library = workspace.load_library(progress=lambda done, total: step("loading library", done, total))
        result.load_s = time.perf_counter() - started
        result.entries = len(library)

        started = time.perf_counter()
        index = workspace.search_index()
        index.ensure_built(progress=lambda done, total: step("building search index", done, total))
        result.index_build_s = time.perf_counter() - started

        _measure_search(result, workspace, searches, step)
        _measure_notes(result, workspace, notes, step)
        _measure_first_frame(result, library_dir, data_dir, frames, step)
        _measure_typing(result, library_dir, data_dir, step)
        _measure_stalls(result, library_dir, root, huge_chars, step)
    return result


def queries(workspace: Workspace, count: int, seed: int = 11) -> list[str]:
    """A mix of one word, two words, phrase, prefix and filtered queries drawn from the library."""
    rng = random.Random(seed)
    actors = [a.name for a in workspace.library.actors.values()]
    words = [w for name in actors for w in name.lower().split() if len(w) > 3]
    shapes = [
        lambda: rng.choice(words),
        lambda: f"{rng.choice(words)} {rng.choice(['convoy', 'attack', 'rocket', 'militia', 'statement'])}",
        lambda: '"' + rng.choice(actors) + '"',
        lambda: rng.choice(words)[:3] + "*",
        lambda: f"kind:event {rng.choice(['convoy', 'attack', 'rocket', 'strike'])} from:2016-01",
        lambda: f"actor:{rng.choice(words)} kind:claim",
    ]
    return [rng.choice(shapes)() for _ in range(count)]


def _measure_search(result: BenchResult, workspace: Workspace, count: int, step: Step) -> None:
    index = workspace.search_index()
    timings = []
    for done, query in enumerate(queries(workspace, count), 1):
        started = time.perf_counter()
        index.search(query, limit=20)
        timings.append((time.perf_counter() - started) * 1000)
        step("searching", done, count)
    result.search_p50_ms, result.search_p95_ms = median(timings), p95(timings)
    result.samples["search"] = len(timings)


def _measure_notes(result: BenchResult, workspace: Workspace, count: int, step: Step) -> None:
    store = workspace.notes
    targets = [a.id for a in workspace.library.actors.values()]
    timings = []
    for done in range(1, count + 1):
        started = time.perf_counter()
        store.add(targets[done % len(targets)], f"bench note {done}: check against the later statements")
        timings.append((time.perf_counter() - started) * 1000)
        step("writing notes", done, count)
    result.note_p50_ms, result.note_p95_ms = median(timings), p95(timings)
    result.samples["notes"] = len(timings)


def _child(module: str, *args: str) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, check=False, timeout=600
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{module} failed: {completed.stderr.strip().splitlines()[-1:]}")
    figures: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return figures


def _warm_start() -> None:
    """Time starts as a reader has them after the first: bytecode compiled, files in the page cache.

    Textual's bytecode was compiled when pip installed it; ours may not be (an
    editable install, or PYTHONDONTWRITEBYTECODE), which would charge the app
    alone for compiling its modules at every start.
    """
    compileall.compile_dir(Path(briefing.__file__).parent, quiet=2)


def _measure_first_frame(result: BenchResult, library_dir: Path, data_dir: Path, runs: int, step: Step) -> None:
    bare, ours = [], []
    options = ["--library", str(library_dir), "--data-dir", str(data_dir)]
    _warm_start()
    _child("briefing.bench.first_frame", "bare")
    _child("briefing.bench.first_frame", "app", *options)
    for done in range(1, runs + 1):
        # Alternate, so that load on the machine falls on both alike.
        bare.append(_child("briefing.bench.first_frame", "bare")["first_frame_ms"])
        ours.append(_child("briefing.bench.first_frame", "app", *options)["first_frame_ms"])
        step("timing first frames", done, runs)
    result.bare_first_frame_ms, result.first_frame_ms = median(bare), median(ours)
    result.first_frame_ratio = result.first_frame_ms / result.bare_first_frame_ms
    result.samples["first_frame"] = runs


def _measure_typing(result: BenchResult, library_dir: Path, data_dir: Path, step: Step) -> None:
    step("typing into the running app", 0, 1)
    figures = _child("briefing.bench.typing", "--library", str(library_dir), "--data-dir", str(data_dir))
    result.type_to_paint_p50_ms = figures["p50_ms"]
    result.type_to_paint_p95_ms = figures["p95_ms"]
    result.type_interval_ms = figures["interval_ms"]
    result.type_burst_p50_ms = figures["burst_p50_ms"]
    result.type_burst_p95_ms = figures["burst_p95_ms"]
    result.rss_mb = figures["rss_mb"]
    result.samples["type_to_paint"] = int(figures["samples"])
    step("typing into the running app", 1, 1)


def _measure_stalls(result: BenchResult, library_dir: Path, root: Path, huge_chars: int, step: Step) -> None:
    """The longest stalls of the event loop, in a child, on the library and a folder with one huge claim.

    The huge claim has a folder and a data dir of its own, so that no other
    figure includes it; its search index is built here first, as the
    typing figure's is, so that the child measures the reader alone.
    """
    huge_dir, data_dir = root / "huge", root / "data-stalls"
    huge = huge_claim(huge_dir, huge_chars)
    workspace = Workspace.from_options([library_dir, huge_dir], data_dir, include_shipped=False)
    workspace.load_library()
    workspace.search_index().ensure_built(progress=lambda done, total: step("indexing for loop stalls", done, total))
    step("timing event-loop stalls", 0, 1)
    options = ["--library", str(library_dir), "--library", str(huge_dir), "--data-dir", str(data_dir)]
    figures = _child("briefing.bench.stalls", *options, "--huge", huge)
    result.stall_max_ms = figures["max_ms"]
    result.stall_p95_ms = figures["p95_ms"]
    result.stall_open_list_ms = figures["open_list_ms"]
    result.stall_sort_ms = figures["sort_ms"]
    result.stall_huge_entry_ms = figures["huge_entry_ms"]
    result.stall_idle_ms = figures["idle_ms"]
    result.stall_list_rows = int(figures["rows"])
    result.stall_huge_chars = huge_chars
    result.stall_samples = int(figures["samples"])
    step("timing event-loop stalls", 1, 1)
