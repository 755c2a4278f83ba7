"""One bench run end to end, on a small library: every figure the README and scripts read is there."""

from __future__ import annotations

from briefing.bench.runner import TARGETS, BenchResult, run
from briefing.cli import main


def test_a_small_run_reports_every_figure_with_its_progress() -> None:
    steps: list[tuple[str, int, int]] = []
    result = run(
        300,
        lambda what, done, total: steps.append((what, done, total)),
        frames=1,
        searches=20,
        notes=10,
        huge_chars=100_000,
    )
    figures = result.as_dict()
    issue_keys = {
        "entries",
        "first_frame_ratio",
        "search_p50_ms",
        "search_p95_ms",
        "type_to_paint_p95_ms",
        "note_p95_ms",
        "rss_mb",
    }
    assert issue_keys <= set(figures)
    assert figures["entries"] >= 300
    for key in (*TARGETS, "type_to_paint_p50_ms", "type_burst_p50_ms", "type_burst_p95_ms", "bare_first_frame_ms"):
        assert figures[key] > 0, key
    assert figures["type_interval_ms"] == 80
    assert result.samples == {"search": 20, "notes": 10, "first_frame": 1, "type_to_paint": 96}
    assert set(result.verdicts()) == set(TARGETS)
    assert figures["stall_list_rows"] > 100 and figures["stall_huge_chars"] == 100_000
    assert 0 <= figures["stall_p95_ms"] <= figures["stall_max_ms"]
    assert figures["stall_samples"] > 0
    finished = {what for what, done, total in steps if done == total}
    assert {"generating library", "timing first frames", "typing into the running app"} <= finished
    assert "timing event-loop stalls" in finished


def test_the_json_keeps_every_figure_it_had_before_the_stall_figures() -> None:
    figures = BenchResult(entries=1, machine="").as_dict()
    before = {
        *("entries", "machine", "load_s", "index_build_s", "first_frame_ms", "bare_first_frame_ms"),
        *("first_frame_ratio", "search_p50_ms", "search_p95_ms", "type_to_paint_p50_ms", "type_to_paint_p95_ms"),
        *("type_interval_ms", "type_burst_p50_ms", "type_burst_p95_ms", "note_p50_ms", "note_p95_ms", "rss_mb"),
        "samples",
    }
    assert before <= set(figures)
    assert {"stall_max_ms", "stall_p95_ms"} <= set(figures)
    assert TARGETS["stall_max_ms"] == 100


def test_an_impossible_size_is_refused_before_anything_runs(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["bench", "--entries", "5"]) != 0
    err = capsys.readouterr().err
    assert "--entries 5" in err and "Traceback" not in err


def test_the_text_output_has_the_stall_figure_against_its_target(capsys) -> None:  # type: ignore[no-untyped-def]
    from briefing.cli.commands_bench import _print

    result = BenchResult(entries=1000, machine="m", stall_max_ms=142.0, stall_p95_ms=7.5, stall_list_rows=48_859)
    _print(result)
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "event-loop stall" in line)
    assert "142.00" in row and "≤ 100" in row and "over" in row
    assert "event-loop stalls p95 7.5 ms" in " ".join(out.split())
    assert "48,859 rows" in out
