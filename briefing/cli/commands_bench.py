"""``bench``: performance figures, measured side by side in one run."""

from __future__ import annotations

import argparse
import sys

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from briefing.bench.runner import TARGETS, BenchResult, run
from briefing.cli import output
from briefing.errors import BriefingError
from briefing.workspace import Workspace

_LABELS = {
    "first_frame_ratio": "first frame vs a bare Textual app",
    "search_p95_ms": "search engine p95 (ms)",
    "type_to_paint_p95_ms": "keystroke to painted results p95 (ms), typing",
    "note_p95_ms": "note durable on disk p95 (ms)",
    "rss_mb": "peak resident memory (MB)",
    "stall_max_ms": "longest event-loop stall (ms), big content",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "bench",
        parents=[common],
        help="measure start-up, search, typing, note writes and memory on a generated library",
        description="Generates a synthetic library in a temporary folder and measures, in one run: the first "
        "frame against a bare Textual app's, search latency, keystroke-to-painted-results in the running app, "
        "note write latency, peak memory and the event loop's longest stalls with the biggest list and entry.  "
        "Your own library and data are not touched.",
    )
    p.add_argument("--entries", type=int, default=100_000, metavar="N", help="library size (default 100000)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(handler=run_bench)


def run_bench(args: argparse.Namespace, workspace: Workspace) -> int:
    if not 100 <= args.entries <= 2_000_000:
        raise BriefingError(f"--entries {args.entries}: choose between 100 and 2000000")
    columns = (TextColumn("{task.description:<30}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=output.stderr_console(), transient=True) as progress:
        tasks: dict[str, TaskID] = {}

        def step(what: str, done: int, total: int) -> None:
            if what not in tasks:
                tasks[what] = progress.add_task(what, total=total)
            progress.update(tasks[what], completed=done, total=total)

        try:
            result = run(args.entries, step)
        except RuntimeError as exc:
            raise BriefingError(f"bench: {exc}") from None
    if args.json:
        output.print_json(result.as_dict())
    else:
        _print(result)
    return 0


def _print(result: BenchResult) -> None:
    table = Table(title=f"briefing bench · {result.entries:,} entries · {result.machine}", title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    table.add_column("")
    verdicts = result.verdicts()
    for key, label in _LABELS.items():
        value = getattr(result, key)
        table.add_row(label, f"{value:.2f}", f"≤ {TARGETS[key]:g}", "ok" if verdicts[key] else "over")
    output.console().print(table)
    details = (
        f"medians: first frame {result.first_frame_ms:.0f} ms vs bare {result.bare_first_frame_ms:.0f} ms; "
        f"search p50 {result.search_p50_ms:.2f} ms; typing p50 {result.type_to_paint_p50_ms:.1f} ms "
        f"(a key every {result.type_interval_ms:.0f} ms); keys back to back p50 {result.type_burst_p50_ms:.1f} ms, "
        f"p95 {result.type_burst_p95_ms:.1f} ms; "
        f"note p50 {result.note_p50_ms:.2f} ms; library load {result.load_s:.1f} s; "
        f"index build {result.index_build_s:.1f} s; samples {result.samples}; "
        f"event-loop stalls p95 {result.stall_p95_ms:.1f} ms, longest: opening a list of "
        f"{result.stall_list_rows:,} rows {result.stall_open_list_ms:.0f} ms, "
        f"sorting it {result.stall_sort_ms:.0f} ms, "
        f"opening a claim of {result.stall_huge_chars:,} characters {result.stall_huge_entry_ms:.0f} ms, "
        f"doing nothing {result.stall_idle_ms:.0f} ms"
    )
    output.line(details)
    sys.stdout.flush()
