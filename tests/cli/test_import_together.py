"""Files given together, and imports run at the same time: no two briefings ever end up sharing an id.

A source, claim or event id belongs to one briefing; a second definition is
skipped when the library loads, so one briefing would silently lose it.
Files given to ``validate`` or ``import`` together are checked against each
other as against the library, and two imports at once take turns (the
import lock), the second one checking against what the first one added.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import main
from tests.factories import alpha_tables, write_tables

ROOT = Path(__file__).resolve().parents[2]


def briefing(bid: str, claim: str) -> dict[str, Any]:
    """A briefing of its own (its own source) whose one claim has the id ``claim``; actors are alpha's."""
    tables = alpha_tables()
    ((_, fields),) = tables["briefing"].items()
    slug = bid.removeprefix("briefing:")
    source = f"source:{slug}-wire"
    ((_, claim_fields),) = tables["claims"].items()
    return {
        "briefing": {bid: {**fields, "title": f"Briefing {slug}"}},
        "sources": {source: next(iter(tables["sources"].values()))},
        "actors": tables["actors"],
        "claims": {claim: {**claim_fields, "source": source}},
        "events": {},
    }


def cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str | Path) -> tuple[int, str, str]:
    code = main(["--no-shipped", "--data-dir", str(data), *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def clashing(tmp_path: Path) -> tuple[Path, Path]:
    """e.json (briefing:ee) and f.json (briefing:ee2), both defining claim:ee-c."""
    return (
        write_tables(tmp_path / "e.json", briefing("briefing:ee", "claim:ee-c")),
        write_tables(tmp_path / "f.json", briefing("briefing:ee2", "claim:ee-c")),
    )


@pytest.mark.parametrize("command", ["validate", "import"])
def test_two_files_given_together_may_not_define_the_same_claim(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clashing: tuple[Path, Path], command: str
) -> None:
    e, f = clashing
    data = tmp_path / "data"
    code, out, err = cli(capsys, data, command, e, f)
    assert code == 1
    assert out.splitlines() == [f"{f}: claim:ee-c: id: also defined in {e} (briefing:ee), given with it"]
    assert "nothing imported" in err if command == "import" else "1 problem(s) in 1 file(s)" in err
    assert not (data / "library").exists() or list((data / "library").iterdir()) == []
    code, out, err = cli(capsys, data, "list", "briefings", "--json")
    assert (code, json.loads(out), err) == (0, [], "")


def test_files_given_together_may_share_actors_and_reference_each_other(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    e = write_tables(tmp_path / "e.json", briefing("briefing:ee", "claim:ee-c"))
    f_tables = briefing("briefing:ee2", "claim:ee2-c")
    f_tables["claims"]["claim:ee2-c"]["source"] = "source:ee-wire"  # defined in e.json
    f_tables["sources"] = {}
    f = write_tables(tmp_path / "f.json", f_tables)
    data = tmp_path / "data"
    assert cli(capsys, data, "validate", e, f)[:2] == (0, "ok: 2 file(s) valid\n")
    code, out, err = cli(capsys, data, "import", e, f)
    assert (code, err) == (0, "")
    code, out, err = cli(capsys, data, "list", "briefings", "--json")
    assert (code, [b["id"] for b in json.loads(out)], err) == (0, ["briefing:ee", "briefing:ee2"], "")


STARTER = """
import os, sys, time
from briefing.cli import main
from briefing.library import Library
import briefing.cli.commands_io, briefing.store.imports, filelock
go = sys.argv[1]
open(f"{go}-ready-{os.getpid()}", "w").close()
while not os.path.exists(go):
    time.sleep(0.001)
sys.exit(main(sys.argv[2:]))
"""
"""A process that is ready to import (Python started, briefing imported) and starts when ``go`` appears."""


def _import_at_once(data: Path, files: list[Path]) -> list[subprocess.CompletedProcess[str]]:
    """One ``briefing import FILE`` process per file, let go at the same moment once all are ready.

    A library of 150 other briefings makes each import take long enough to read for them to overlap.
    """
    root = data.parent
    env = {**os.environ, "BRIEFING_HOME": str(root / "home")}
    env.pop("BRIEFING_LIBRARY", None)
    for number in range(150):
        write_tables(root / "others" / f"o{number}.json", briefing(f"briefing:o{number}", f"claim:o{number}"))
    go = root / "go"
    options = ["--no-shipped", "--library", str(root / "others"), "--data-dir", str(data)]
    argv = [sys.executable, "-c", STARTER, str(go), *options, "import"]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True, "cwd": ROOT, "env": env}
    processes = [subprocess.Popen([*argv, str(file)], **pipes) for file in files]  # type: ignore[call-overload]
    deadline = time.monotonic() + 30
    while len(list(root.glob("go-ready-*"))) < len(files) and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    done = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def _library(data: Path) -> dict[str, list[str]]:
    """Briefing id -> the user library files that hold it (read as plain JSON)."""
    held: dict[str, list[str]] = {}
    for path in sorted((data / "library").glob("*.json")):
        for bid in json.loads(path.read_text())["briefing"]:
            held.setdefault(bid, []).append(path.name)
    return held


ROUNDS = 3


def test_imports_at_the_same_time_of_clashing_files_let_exactly_one_in(tmp_path: Path) -> None:
    for round_ in range(ROUNDS):
        _clashing_round(tmp_path / f"r{round_}")


def _clashing_round(root: Path) -> None:
    files = [write_tables(root / f"c{n}.json", briefing(f"briefing:c{n}", "claim:shared")) for n in range(4)]
    data = root / "data"
    done = _import_at_once(data, files)
    winners = [run for run in done if run.returncode == 0]
    assert len(winners) == 1, [(run.returncode, run.stdout, run.stderr) for run in done]
    (winner,) = winners
    won = files[done.index(winner)]
    bid = f"briefing:{won.stem}"
    assert winner.stdout == f"imported {bid} -> {data / 'library' / won.name}\n"
    for run, file in zip(done, files, strict=True):
        if run is not winner:
            assert run.returncode == 1
            assert run.stdout == f"{file}: claim:shared: id: already defined in {bid}\n", run.stdout
            assert run.stderr == "briefing: nothing imported: 1 problem(s)\n"
    assert _library(data) == {bid: [won.name]}


def test_the_same_file_imported_at_the_same_time_is_one_file_updated(tmp_path: Path) -> None:
    for round_ in range(ROUNDS):
        _same_file_round(tmp_path / f"r{round_}")


def _same_file_round(root: Path) -> None:
    file = write_tables(root / "k0.json", briefing("briefing:k0", "claim:k0-c"))
    data = root / "data"
    done = _import_at_once(data, [file] * 3)
    target = data / "library" / "k0.json"
    assert [run.returncode for run in done] == [0, 0, 0], [run.stderr for run in done]
    assert all(run.stderr == "" for run in done)
    said = sorted(run.stdout for run in done)
    assert said == [f"imported briefing:k0 -> {target}\n", *[f"updated briefing:k0 -> {target}\n"] * 2]
    assert _library(data) == {"briefing:k0": ["k0.json"]}
