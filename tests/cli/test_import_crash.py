"""Kill ``briefing import`` at every point where it touches the disk: the import is all there or not at all.

Each run forks a process that imports one interchange file (a briefing
that replaces the reader's own copy, a new briefing, a note that differs
from the reader's and a new note) into a data dir that already holds a
briefing and a note.  The child's ``os.fsync``, ``os.replace``,
``os.unlink`` and ``os.rmdir`` count their calls, and the Nth call kills
the process with SIGKILL before it happens; N runs from 1 until an import
gets through, so every such point is hit once.  The slow run adds kills
at random moments.  After each kill the next command must finish or
discard what the import left, report nothing broken, and leave the reader
with either the whole import or none of it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import main
from tests.factories import alpha_tables, beta_tables, write_tables

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")

MINE = "note:01aaaaaaaaaaaaaaaaaaaaaaaa"
NEW = "note:01bbbbbbbbbbbbbbbbbbbbbbbb"
STAMP = "2024-01-01T00:00:00.000Z"
SYSCALLS = ("fsync", "replace", "unlink", "rmdir")


def _note(note_id: str, text: str) -> dict[str, Any]:
    return {"id": note_id, "target": "actor:ghaani", "text": text, "tags": [], "flag": None,
            "created": STAMP, "updated": STAMP}  # fmt: skip


def _setup(root: Path) -> tuple[list[str], Path]:
    """The data dir before the import, and the command line of the import."""
    data = root / "data"
    old = alpha_tables()
    old["briefing"]["briefing:alpha"]["title"] = "Alpha, the reader's old copy"
    write_tables(data / "library" / "alpha.json", old)
    (data / "notes.json").write_text(json.dumps({"notes": {MINE: {k: v for k, v in _note(MINE, "mine").items()
                                                                  if k != "id"}}}))  # fmt: skip
    document = {"format": "briefing/1", "briefings": [], "sources": [], "actors": [], "claims": [], "events": []}
    for tables in (alpha_tables(), beta_tables()):
        ((bid, fields),) = tables["briefing"].items()
        document["briefings"].append({"id": bid, **fields})
        for name in ("sources", "claims", "events"):
            document[name] += [{"id": eid, "briefing": bid, **rec} for eid, rec in tables[name].items()]
        document["actors"] += [{"id": aid, "briefings": [bid], **rec} for aid, rec in tables["actors"].items()
                               if aid not in {a["id"] for a in document["actors"]}]  # fmt: skip
    ghaani = next(a for a in document["actors"] if a["id"] == "actor:ghaani")
    ghaani["briefings"] = ["briefing:alpha", "briefing:beta"]
    ghaani["views"] = {"briefing:alpha": alpha_tables()["actors"]["actor:ghaani"],
                       "briefing:beta": beta_tables()["actors"]["actor:ghaani"]}  # fmt: skip
    document["notes"] = [_note(MINE, "theirs"), _note(NEW, "new")]
    file = root / "in.json"
    file.write_text(json.dumps(document))
    return ["--no-shipped", "--library", str(root / "empty"), "--data-dir", str(data)], file


def _killing_syscalls(at: int) -> None:
    """From now on, the ``at``-th call of any of SYSCALLS kills this process instead of happening."""
    count = 0
    for name in SYSCALLS:
        real: Callable[..., Any] = getattr(os, name)

        def wrapper(*args: Any, _real: Callable[..., Any] = real, **kwargs: Any) -> Any:
            nonlocal count
            count += 1
            if count == at:
                os.kill(os.getpid(), signal.SIGKILL)
            return _real(*args, **kwargs)

        setattr(os, name, wrapper)


def _child(args: list[str], at: int) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    if at:
        _killing_syscalls(at)
    os._exit(main(args))


def _run_child(args: list[str], at: int = 0, kill_after: float | None = None) -> int | None:
    process = multiprocessing.get_context("fork").Process(target=_child, args=(args, at))
    process.start()
    if kill_after is not None:
        time.sleep(kill_after)
        os.kill(process.pid, signal.SIGKILL)  # type: ignore[arg-type]
    process.join(30)
    return process.exitcode


def _state(data: Path) -> tuple[str, bool, tuple[str, ...]]:
    """What the reader has: alpha's title, whether beta is there, the texts of their notes (read by plain json)."""
    alpha = json.loads((data / "library" / "alpha.json").read_text())["briefing"]["briefing:alpha"]["title"]
    notes = json.loads((data / "notes.json").read_text())["notes"]
    return alpha, (data / "library" / "beta.json").exists(), tuple(sorted(n["text"] for n in notes.values()))


NOTHING = ("Alpha, the reader's old copy", False, ("mine",))
EVERYTHING = ("Alpha crisis", True, ("mine", "new", "theirs"))


def _check_next_command(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[str, bool, tuple[str, ...]]:
    """The next command finds the library whole, says nothing is broken, and leaves no import behind."""
    data = Path(args[args.index("--data-dir") + 1])
    code = main([*args, "list", "briefings", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert [line for line in err.splitlines() if "interrupted import" not in line] == []
    briefings = [b["id"] for b in json.loads(out)]
    state = _state(data)
    assert briefings == (["briefing:alpha", "briefing:beta"] if state[1] else ["briefing:alpha"])
    return state


def _no_leftovers(args: list[str]) -> None:
    data = Path(args[args.index("--data-dir") + 1])
    assert not (data / "import-journal.json").exists() and not (data / "import-staging").exists()
    assert not [p for p in data.rglob("*.tmp")], "temp files of the killed import are cleaned up"


def _kill_at_every_point(capsys: pytest.CaptureFixture[str], root: Path, rounds: int) -> dict[str, int]:
    seen = {"kills": 0, "points": 0, "nothing": 0, "everything": 0}
    for round_ in range(rounds):
        at = 1
        while True:
            args, file = _setup(root / f"r{round_}-at{at}")
            code = _run_child([*args, "import", str(file)], at)
            if code == 0:
                assert _check_next_command(capsys, args) == EVERYTHING
                _no_leftovers(args)
                break
            assert code == -signal.SIGKILL, f"killed at call {at}: exit {code}"
            state = _check_next_command(capsys, args)
            assert state in (NOTHING, EVERYTHING), f"killed at call {at}: partial import {state}"
            _no_leftovers(args)
            seen["kills"] += 1
            seen["nothing" if state == NOTHING else "everything"] += 1
            at += 1
        seen["points"] = max(seen["points"], at - 1)
    return seen


def test_an_import_killed_at_any_point_is_all_there_or_not_at_all(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    seen = _kill_at_every_point(capsys, tmp_path, rounds=1)
    print(f"\nkill points: {seen}")
    assert seen["points"] >= 10 and seen["nothing"] and seen["everything"]


@pytest.mark.slow
def test_imports_killed_at_random_moments(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    seen = _kill_at_every_point(capsys, tmp_path / "points", rounds=5)
    rng = random.Random(3)
    states = {NOTHING: 0, EVERYTHING: 0}
    for run in range(300):
        args, file = _setup(tmp_path / f"t{run}")
        _run_child([*args, "import", str(file)], kill_after=rng.uniform(0.0, 0.25))
        state = _check_next_command(capsys, args)
        assert state in states, f"run {run}: partial import {state}"
        _no_leftovers(args)
        states[state] += 1
    print(f"\nkill points: {seen}; random kills: {states}")
    assert all(states.values())


def test_a_damaged_journal_commits_nothing_is_kept_aside_and_said(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args, _ = _setup(tmp_path)
    data = Path(args[args.index("--data-dir") + 1])
    (data / "import-staging").mkdir()
    (data / "import-staging" / ".briefing-import").touch()  # as an import marks its staging folder
    (data / "import-staging" / "beta.json").write_text(json.dumps(beta_tables()))
    (data / "import-journal.json").write_text('{"format": "briefing-import-journal/1", "files": [')
    code = main([*args, "list", "briefings"])
    _, err = capsys.readouterr()
    assert code == 0
    (line,) = err.splitlines()
    journal = data / "import-journal.json"
    assert line.startswith(f"briefing: {journal}: an interrupted import's journal could not be read")
    (kept,) = data.glob("import-journal.json.corrupt-*")
    assert kept.read_text().startswith('{"format": "briefing-import-journal/1"')
    assert _state(data) == NOTHING
    _no_leftovers(args)


def test_a_journal_that_parses_but_is_no_journal_is_set_aside_once_and_imports_work_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A draft written over the journal (a JSON file, but no journal) made every command and import fail for ever."""
    args, file = _setup(tmp_path)
    data = Path(args[args.index("--data-dir") + 1])
    journal = data / "import-journal.json"
    journal.write_text(json.dumps({"briefing": {"briefing:draft": {"title": "a draft"}}}))
    code = main([*args, "list", "briefings"])
    _, err = capsys.readouterr()
    assert code == 0
    (kept,) = data.glob("import-journal.json.corrupt-*")
    assert err.splitlines() == [
        f"briefing: {journal}: an interrupted import's journal could not be read (it is not a "
        f"briefing-import-journal/1 journal); it is kept at {kept}; the files it had staged were discarded "
        "and nothing of it was added: import them again"
    ]
    assert json.loads(kept.read_text())["briefing"] == {"briefing:draft": {"title": "a draft"}}
    assert main([*args, "list", "briefings"]) == 0
    assert capsys.readouterr().err == ""
    assert main([*args, "import", str(file)]) == 0
    capsys.readouterr()
    assert _state(data) == EVERYTHING
    _no_leftovers(args)


def test_a_folder_named_import_staging_made_by_hand_is_never_deleted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args, file = _setup(tmp_path)
    data = Path(args[args.index("--data-dir") + 1])
    mine = data / "import-staging" / "my-notes.txt"
    mine.parent.mkdir()
    mine.write_text("my own work")
    assert main([*args, "list", "briefings"]) == 0
    assert capsys.readouterr().err == ""
    assert mine.read_text() == "my own work"
    assert main([*args, "import", str(file)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"briefing: nothing imported: {mine.parent}: holds files no import wrote; "
        "move it away to import (an import stages its files there)\n"
    )
    assert mine.read_text() == "my own work" and _state(data) == NOTHING
    assert main([*args, "list", "briefings"]) == 0 and capsys.readouterr().err == ""
    mine.rename(tmp_path / "my-notes.txt")
    assert main([*args, "import", str(file)]) == 0
    capsys.readouterr()
    assert _state(data) == EVERYTHING
    _no_leftovers(args)


def test_an_import_killed_after_staging_is_still_discarded_by_the_next_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """What an import itself staged (its marker first) goes; the line says so."""
    args, file = _setup(tmp_path)
    data = Path(args[args.index("--data-dir") + 1])
    from briefing.store import imports

    staged: list[str] = []
    real_stage = imports._stage

    def stage_then_die(staging: Path, files: object) -> object:
        real_stage(staging, files)  # type: ignore[arg-type]
        staged.extend(sorted(p.name for p in staging.iterdir()))
        shutil.copytree(staging, tmp_path / "kept-staging")
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(imports, "_stage", stage_then_die)
        assert main([*args, "import", str(file)]) != 0
    capsys.readouterr()
    assert len(staged) == 3  # the marker and the two briefings
    shutil.copytree(tmp_path / "kept-staging", data / "import-staging")  # as a kill -9 would have left it
    assert main([*args, "list", "briefings"]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert "an interrupted import was discarded" in line
    assert _state(data) == NOTHING
    _no_leftovers(args)
