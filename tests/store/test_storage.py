"""The atomic, locked TinyDB storage: never a torn file, never a lost write."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.table import Document

from briefing.errors import CorruptFileError, StoreError
from briefing.store import files, locks
from briefing.store.files import SpecialFileError, dump_json, read_json, write_atomic
from briefing.store.locks import lock_path, locked
from briefing.store.storage import AtomicJSONStorage, IdTinyDB, open_db, transaction
from tests.special_files import (
    fifo_that_cannot_hang,
    kind_of,
    listening_socket,
    null_device,
    temp_files,
    visible,
)

FORK = multiprocessing.get_context("fork")


def test_a_missing_or_empty_file_reads_as_nothing(tmp_path: Path) -> None:
    assert AtomicJSONStorage(tmp_path / "missing.json").read() is None
    (tmp_path / "empty.json").write_text("  \n")
    assert AtomicJSONStorage(tmp_path / "empty.json").read() is None


def test_tinydb_reads_and_writes_through_it(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.insert({"name": "Qaani", "kind": "person"})
    db.close()
    again = TinyDB(path, storage=AtomicJSONStorage)
    assert again.all() == [{"name": "Qaani", "kind": "person"}]
    again.close()


def test_the_file_is_pretty_printed_with_sorted_keys(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    AtomicJSONStorage(path).write({"b": {"1": {"z": 1, "a": "é"}}, "a": {}})
    text = path.read_text(encoding="utf-8")
    assert text == '{\n  "a": {},\n  "b": {\n    "1": {\n      "a": "é",\n      "z": 1\n    }\n  }\n}\n'


def test_json_keyword_arguments_are_honoured(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage, indent=None, ensure_ascii=True)
    db.insert({"name": "Qâani"})
    db.close()
    text = path.read_text()
    assert "\n" not in text.strip()
    assert "\\u00e2" in text


def test_a_new_file_gets_ordinary_permissions_and_an_old_one_keeps_its_own(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    write_atomic(path, b"{}")
    assert path.stat().st_mode & 0o777 == 0o666 & ~files._current_umask()
    path.chmod(0o640)
    write_atomic(path, b"{}")
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_write_without_the_lock_leaves_no_lock_file(tmp_path: Path) -> None:
    path = tmp_path / "export.md"
    write_atomic(path, b"# x\n", lock=False)
    assert path.read_bytes() == b"# x\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.md"]


def test_a_crash_before_the_replace_leaves_the_previous_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    write_atomic(path, dump_json({"_default": {"1": {"v": "old"}}}))
    before = path.read_bytes()

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(StoreError, match="No space left"):
        write_atomic(path, dump_json({"_default": {"1": {"v": "new" * 10_000}}}))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_crash_while_writing_the_data_leaves_the_previous_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    write_atomic(path, dump_json({"v": "old"}))
    before = path.read_bytes()
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "Input/output error")))
    with pytest.raises(StoreError):
        write_atomic(path, dump_json({"v": "new"}))
    assert path.read_bytes() == before


def _write_forever(path: str, started: multiprocessing.synchronize.Event) -> None:
    big = {"_default": {str(i): {"text": "x" * 200, "n": i} for i in range(5_000)}}
    n = 0
    while True:
        big["_default"]["0"]["n"] = n
        write_atomic(Path(path), dump_json(big))
        started.set()
        n += 1


def _kill_mid_write(path: Path, after_s: float) -> None:
    started = FORK.Event()
    child = FORK.Process(target=_write_forever, args=(str(path), started))
    child.start()
    assert started.wait(30), "the writer never finished a first write"
    time.sleep(after_s)
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join()


def test_a_writer_killed_mid_write_leaves_a_whole_file_and_the_next_write_cleans_up(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    _kill_mid_write(path, 0.15)
    data = json.loads(path.read_text())
    assert len(data["_default"]) == 5_000
    write_atomic(path, dump_json({"after": True}))
    assert json.loads(path.read_text()) == {"after": True}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.slow
def test_many_kills_mid_write_never_tear_the_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    for attempt in range(40):
        _kill_mid_write(path, 0.01 + (attempt % 10) * 0.02)
        assert len(json.loads(path.read_text())["_default"]) == 5_000


def test_stale_temp_files_of_a_crashed_writer_are_removed_by_the_next_locked_write(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    stale = [tmp_path / ".notes.json.abc123.tmp", tmp_path / ".notes.json.zz.tmp"]
    for file in stale:
        file.write_text('{"half')
    other = tmp_path / ".other.json.abc.tmp"
    other.write_text("not ours")
    write_atomic(path, b"{}")
    assert not any(f.exists() for f in stale)
    assert other.exists()


def test_a_corrupt_file_raises_with_its_path_and_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b'{"_default": {"1": {"text": "half a no')
    before = path.read_bytes()
    db = open_db(path)
    with pytest.raises(CorruptFileError) as caught:
        db.table("_default").insert(Document({"text": "new"}, doc_id="note:x"))
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"_default": [1, 2]}', "not an object of documents"),
        (b'{"_default": {"1": 5}}', "not an object of documents"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"n": ' + b"9" * 5_000 + b"}", "unreadable JSON"),
    ],
)
def test_unreadable_files_are_corrupt_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    with pytest.raises(CorruptFileError, match=reason):
        AtomicJSONStorage(path).read()
    assert path.read_bytes() == content


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        read_json(tmp_path)


def test_writing_over_a_directory_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(StoreError, match="cannot write"):
        write_atomic(tmp_path / "out", b"{}", lock=False)


def test_a_folder_that_cannot_be_made_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(StoreError):
        write_atomic(tmp_path / "file" / "db.json", b"{}")


def test_id_tables_use_our_string_ids(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    db = open_db(path)
    notes = db.table("notes")
    notes.insert(Document({"text": "first"}, doc_id="note:01a"))
    notes.insert_multiple([Document({"text": "second"}, doc_id="note:01b")])
    assert notes.get(doc_id="note:01a") == {"text": "first"}
    assert sorted(d.doc_id for d in notes.all()) == ["note:01a", "note:01b"]
    notes.remove(doc_ids=["note:01a"])
    with pytest.raises(ValueError, match="already exists"):
        notes.insert(Document({"text": "again"}, doc_id="note:01b"))
    with pytest.raises(TypeError, match="explicit id"):
        notes.insert({"text": "no id"})
    assert json.loads(path.read_text()) == {"notes": {"note:01b": {"text": "second"}}}
    assert isinstance(db, IdTinyDB)


def _insert_many(path: str, prefix: str, count: int) -> None:
    for i in range(count):
        with transaction(Path(path)) as db:
            db.table("notes").insert(Document({"n": i}, doc_id=f"note:{prefix}-{i:04d}"))


def test_two_processes_writing_through_transactions_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    with locked(path):  # the parent has used the lock before forking: the children must still get their own
        pass
    count = 40
    workers = [FORK.Process(target=_insert_many, args=(str(path), name, count)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    ids = set(json.loads(path.read_text())["notes"])
    assert ids == {f"note:{p}-{i:04d}" for p in ("a", "b") for i in range(count)}


def test_threads_writing_through_transactions_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    threads = [threading.Thread(target=_insert_many, args=(str(path), name, 25)) for name in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(json.loads(path.read_text())["notes"]) == 75


def test_the_lock_is_reentrant_within_a_thread(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with locked(path), transaction(path) as db:
        db.table("notes").insert(Document({"n": 1}, doc_id="note:a"))
    assert lock_path(path).exists()
    assert json.loads(path.read_text()) == {"notes": {"note:a": {"n": 1}}}


def _hold_lock(path: str, held: multiprocessing.synchronize.Event, release: multiprocessing.synchronize.Event) -> None:
    with locked(Path(path)):
        held.set()
        release.wait(30)


def test_a_lock_held_too_long_by_another_process_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    held, release = FORK.Event(), FORK.Event()
    holder = FORK.Process(target=_hold_lock, args=(str(path), held, release))
    holder.start()
    try:
        assert held.wait(30)
        monkeypatch.setattr(locks, "LOCK_TIMEOUT_S", 0.2)
        monkeypatch.setattr(locks, "_locks", {})
        with pytest.raises(StoreError, match="another briefing process holds the lock"):
            write_atomic(path, b"{}")
    finally:
        release.set()
        holder.join(30)


# -- symlinks, special files and what a write leaves beside its file ---------------------------


def test_a_write_through_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    """Two data dirs share one file through a link: the lock, the temp file and the replace are the target's."""
    target = tmp_path / "b" / "notes.json"
    target.parent.mkdir()
    target.write_bytes(b"{}")
    link = tmp_path / "a" / "notes.json"
    link.parent.mkdir()
    link.symlink_to(target)
    (target.parent / ".notes.json.k1LLed99.tmp").write_bytes(b'{"half')  # a writer killed beside the target

    write_atomic(link, b'{"new": 1}')

    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes() == b'{"new": 1}'
    assert visible(link.parent) == ["notes.json"] and visible(target.parent) == ["notes.json"]
    assert lock_path(target).exists() and not lock_path(link).exists()
    assert temp_files(tmp_path) == []


def test_a_chain_of_links_is_followed_to_its_last_target_which_a_write_creates(tmp_path: Path) -> None:
    first, second, last = tmp_path / "first.json", tmp_path / "second.json", tmp_path / "last" / "last.json"
    last.parent.mkdir()
    second.symlink_to(last)
    first.symlink_to(second)
    write_atomic(first, b"{}")
    assert first.is_symlink() and second.is_symlink() and last.read_bytes() == b"{}"


def test_a_loop_of_links_is_one_error_and_stays_as_it_is(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(StoreError, match="a loop of symbolic links"):
        write_atomic(loop, b"{}")
    assert loop.is_symlink()


def test_lock_files_are_hidden_beside_the_file_they_guard(tmp_path: Path) -> None:
    write_atomic(tmp_path / "alpha.json", b"{}")
    assert visible(tmp_path) == ["alpha.json"]
    assert lock_path(tmp_path / "alpha.json") == tmp_path / ".alpha.json.lock"


@pytest.mark.parametrize("kind", ["fifo", "directory", "socket", "char"])
def test_a_data_file_that_is_a_special_file_is_never_replaced(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "notes.json"
    with contextlib.ExitStack() as stack:
        if kind == "fifo":
            stack.enter_context(fifo_that_cannot_hang(path))
        elif kind == "directory":
            path.mkdir()
        elif kind == "socket":
            stack.enter_context(listening_socket(path))
        else:
            null_device(path)
        with pytest.raises(SpecialFileError, match=r"cannot write: is a .*, not a regular file"):
            write_atomic(path, b"{}")
        assert kind_of(path) == kind
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("kind", ["fifo", "directory", "char"])
def test_reading_a_special_file_never_blocks(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "settings.json"
    with contextlib.ExitStack() as stack:
        released = stack.enter_context(fifo_that_cannot_hang(path)) if kind == "fifo" else lambda: False
        if kind == "directory":
            path.mkdir()
        elif kind == "char":
            null_device(path)
        with pytest.raises(SpecialFileError):
            read_json(path)
        assert not released()


def test_a_write_that_fails_leaves_no_temp_file_whatever_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"{}")
    assert temp_files(tmp_path) == [] and not path.exists()
