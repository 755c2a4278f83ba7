"""Quick local timing of the search engine on a generated library (a script, not a test).

    python -m tests.search.search_timing [--entries 100000] [--folder /tmp/briefing-timing]

Generates the library once (``briefing.bench.synthetic``), then times loading,
building the index, reopening the cache, and searching with the query mix of
``briefing bench`` plus a few harder shapes.  Wall and CPU times are both
shown: on a busy machine the wall clock mostly measures the neighbours.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from briefing.bench.runner import queries
from briefing.bench.synthetic import generate
from briefing.search.index import SearchIndex
from briefing.workspace import Workspace

EXTRA = [
    "convoy",
    "convoy attack",
    "convoy -attack",
    "rocket OR drone",
    "kind:event from:2020-09",
    "type:ied to:2016-06",
    "convoy from:2016-03 to:2016-04",
    "status:disputed kind:claim",
]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def timed(action: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.thread_time()
    action()
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/briefing-timing"))
    args = parser.parse_args()
    library_dir = args.folder / f"library-{args.entries}"
    if not library_dir.exists():
        generate(library_dir, args.entries)
    workspace = Workspace.from_options([library_dir], args.folder / "data", include_shipped=False)
    wall, _ = timed(workspace.load_library)
    print(f"library: {len(workspace.library):,} entries, loaded in {wall / 1000:.2f} s")

    cache = args.folder / "data" / "cache"
    for stale in cache.glob("search-*"):
        stale.unlink()
    index = workspace.search_index()
    wall, cpu = timed(index.ensure_built)
    print(f"index built in {wall / 1000:.2f} s (cpu {cpu / 1000:.2f} s)")
    index.close()
    again: list[SearchIndex] = []
    wall, _ = timed(lambda: again.append(SearchIndex.open(index.path, workspace.library)))
    print(f"cache reopened in {wall:.1f} ms, rebuild needed: {again[0].rebuild_reason}")
    index = again[0]
    index.ensure_built()

    mix = queries(workspace, 400)
    for query in mix:
        index.search(query)
    walls, cpus = zip(*(timed(lambda q=q: index.search(q, limit=20)) for q in mix), strict=True)
    print(f"bench mix (400): wall p50 {statistics.median(walls):.2f} p95 {p95(list(walls)):.2f} ms;", end=" ")
    print(f"cpu p50 {statistics.median(cpus):.2f} p95 {p95(list(cpus)):.2f} ms")
    for query in EXTRA:
        samples = [timed(lambda q=query: index.search(q, limit=20)) for _ in range(30)]
        print(f"  {query!r:36} wall p50 {statistics.median(w for w, _ in samples):6.2f} ms", end="")
        print(f"  cpu p50 {statistics.median(c for _, c in samples):6.2f} ms")


if __name__ == "__main__":
    main()
