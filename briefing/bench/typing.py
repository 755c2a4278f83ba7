"""Child process for keystroke-to-painted-results, and the app's peak memory.

Run as ``python -m briefing.bench.typing --library DIR --data-dir DIR`` after
the parent has built the search index in that data dir.  It runs the real
app headless, opens search and types words one key at a time; for each key
it measures from the key press to the first frame Textual draws after the
view took in the results for exactly the input's new value
(``SearchView.shown``), seen as in the first-frame figure
(``briefing.bench.frames``).

Half the words are typed as a fast typist types, a key every
``TYPIST_INTERVAL_S`` (about 150 words a minute); the other half in bursts,
each key sent the moment the previous key's results are painted, which no
one types but which shows what the frame rate costs: Textual paints at most
60 frames a second, and a frame that follows another closely waits up to
two frame intervals.  A key never goes out before the previous key's
results are painted, so each figure is one key's.  Prints JSON: p50_ms,
p95_ms (typist), burst_p50_ms, burst_p95_ms, interval_ms, samples, rss_mb.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import sys
import time
from bisect import bisect_left
from pathlib import Path

from textual import events

from briefing.bench.frames import record_frames
from briefing.bench.ready import search_ready
from briefing.bench.stats import median, p95
from briefing.ui.app import BriefingApp, create_app
from briefing.ui.widgets.search_view import SearchView
from briefing.workspace import Workspace

WORDS = 16
WAIT_S = 5.0
TYPIST_INTERVAL_S = 0.08


def _words(app: BriefingApp, count: int, seed: int = 5) -> list[str]:
    assert app.library is not None
    rng = random.Random(seed)
    names = [a.name for a in app.library.actors.values()]
    words = sorted({w for name in names for w in name.split() if len(w) >= 5 and w.isalpha()})
    return rng.sample(words, min(count, len(words)))


def _painted_after(frames: list[float], shown: float) -> float | None:
    """The first frame drawn at or after ``shown`` (frames are in time order)."""
    index = bisect_left(frames, shown)
    return frames[index] if index < len(frames) else None


async def measure(app: BriefingApp, words: int = WORDS) -> tuple[list[float], list[float]]:
    """Keystroke-to-paint timings: (typed at a typist's pace, typed in bursts)."""
    typist: list[float] = []
    burst: list[float] = []
    frames: list[float] = record_frames(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_ready(app, pilot, 300)
        await pilot.press("slash")
        await pilot.pause()
        view = app.browser.query_one(SearchView)
        for number, word in enumerate(_words(app, words)):
            timings, interval = (typist, TYPIST_INTERVAL_S) if number % 2 == 0 else (burst, 0.0)
            view.input.value = ""
            await pilot.pause()
            started = time.perf_counter()
            for key in word.lower()[:7]:
                expected = view.input.value + key
                await asyncio.sleep(max(0.0, started + interval - time.perf_counter()))
                started = time.perf_counter()
                # As the terminal driver delivers a key (it posts it to the app): no test-harness waiting in between.
                app.post_message(events.Key(key, key))
                until = time.monotonic() + WAIT_S
                painted = None
                while painted is None:
                    shown = view.shown
                    if shown is not None and shown.query == expected and shown.at >= started:
                        painted = _painted_after(frames, shown.at)
                    if time.monotonic() > until:
                        raise RuntimeError(f"results for {expected!r} were not painted within {WAIT_S} s")
                    await asyncio.sleep(0.0005)
                timings.append((painted - started) * 1000)
    return typist, burst


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", type=Path, action="append", required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--words", type=int, default=WORDS)
    args = parser.parse_args()
    app = create_app(Workspace.from_options(args.library, args.data_dir, include_shipped=False))
    typist, burst = asyncio.run(measure(app, args.words))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "p50_ms": median(typist),
        "p95_ms": p95(typist),
        "burst_p50_ms": median(burst),
        "burst_p95_ms": p95(burst),
        "interval_ms": TYPIST_INTERVAL_S * 1000,
        "samples": len(typist) + len(burst),
        "rss_mb": rss_mb,
    }
    sys.stdout.write(json.dumps(figures) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
