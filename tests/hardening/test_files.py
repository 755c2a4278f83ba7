"""Files that cannot be read or written: one clear line naming the path, exit 1, nothing torn or lost.

Tests run as root here, where chmod cannot make a file unreadable, so
unreadable files, read-only folders and full disks are simulated by making
the system calls fail as the kernel would (a real chmod test runs too when
the tests do not run as root).
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing.errors import StoreError
from briefing.store.briefings import briefing_files
from briefing.store.files import read_json, write_atomic
from briefing.workspace import Workspace
from tests.factories import alpha_tables, beta_tables, write_tables
from tests.hardening.helpers import ROOT, run, snapshot

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _under(path: Any, root: Path) -> bool:
    try:
        return Path(os.fsdecode(path)).resolve().is_relative_to(root.resolve())
    except (TypeError, ValueError):
        return False


def make_read_only(monkeypatch: pytest.MonkeyPatch, root: Path, code: int = errno.EROFS) -> None:
    """Every attempt to create, change or remove anything under ``root`` fails with ``code``."""

    def failing(real: Callable[..., Any], path_args: int = 1, flags_arg: int | None = None) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            writes = flags_arg is None or args[flags_arg] & _WRITE_FLAGS
            if writes and any(_under(p, root) for p in args[:path_args]):
                raise OSError(code, os.strerror(code), os.fsdecode(args[0]))
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(os, "open", failing(os.open, flags_arg=1))
    monkeypatch.setattr(os, "mkdir", failing(os.mkdir))
    monkeypatch.setattr(os, "replace", failing(os.replace, path_args=2))
    monkeypatch.setattr(os, "rename", failing(os.rename, path_args=2))
    monkeypatch.setattr(os, "unlink", failing(os.unlink))


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp")) if folder.exists() else []


# -- reading ---------------------------------------------------------------------------------------


def simulate_unreadable(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.resolve() == target.resolve():
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


@pytest.mark.parametrize("command", ["validate", "import"])
def test_an_unreadable_file_is_a_located_problem(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str
) -> None:
    file = write_tables(tmp_path / "in" / "alpha.json", alpha_tables())
    simulate_unreadable(monkeypatch, file)
    result = run(capsys, "--library", tmp_path / "lib", "--data-dir", tmp_path / "data", command, file)
    assert result.code == 1
    assert result.out == f"{file}: cannot read: Permission denied\n"
    assert len(result.err.splitlines()) == 1
    assert not (tmp_path / "data" / "library").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_a_located_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = write_tables(tmp_path / "in" / "alpha.json", alpha_tables())
    file.chmod(0)
    try:
        result = run(capsys, "--library", tmp_path / "lib", "validate", file)
    finally:
        file.chmod(0o644)
    assert (result.code, result.out) == (1, f"{file}: cannot read: Permission denied\n")


def test_an_unreadable_briefing_in_the_library_is_reported_and_the_rest_still_lists(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, small_dir: Path
) -> None:
    simulate_unreadable(monkeypatch, small_dir / "beta.json")
    result = run(capsys, "--library", small_dir, "list")
    assert result.code == 0
    assert "briefing:alpha" in result.out and "briefing:beta" not in result.out
    assert result.err.startswith("briefing: 1 problem(s) in ") and str(small_dir / "beta.json") in result.err


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (json.dumps(alpha_tables()).encode()[:-1], "line 1 column"),
        (json.dumps(alpha_tables()).encode()[: len(json.dumps(alpha_tables())) // 2], "line 1 column"),
        ('{"briefing": "Qâani"}'.encode("latin-1"), "not UTF-8 text"),
        (b"\xef\xbb\xbf" + json.dumps(alpha_tables()).encode(), "line 1 column 1"),
        (b"\x00" * 100, "line 1 column 1"),
    ],
    ids=["truncated-by-a-byte", "truncated-by-half", "latin-1", "byte-order-mark", "zeros"],
)
def test_a_broken_file_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, expect: str
) -> None:
    file = tmp_path / "in" / "alpha.json"
    file.parent.mkdir()
    file.write_bytes(content)
    result = run(capsys, "--library", tmp_path / "lib", "--data-dir", tmp_path / "data", "import", file)
    assert result.code == 1
    (line,) = result.out.splitlines()
    assert line.startswith(f"{file}: ") and expect in line
    assert not (tmp_path / "data" / "library").exists()


def test_a_fifo_is_refused_rather_than_waited_on(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = run(capsys, "--library", tmp_path / "lib", "validate", fifo)
    assert (result.code, result.out) == (1, f"{fifo}: not a regular file\n")


def test_a_device_is_refused_rather_than_read_for_ever(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a regular file"):
        read_json(Path("/dev/zero"))


def test_a_directory_where_a_file_is_expected_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "alpha.json"
    folder.mkdir()
    result = run(capsys, "--library", tmp_path / "lib", "validate", folder)
    assert (result.code, result.out) == (1, f"{folder}: is a directory, expected a file\n")


def test_a_file_given_as_a_library_folder_is_reported(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    result = run(capsys, "--library", small_dir / "alpha.json", "--library", small_dir, "list")
    assert result.code == 0
    assert "briefing:alpha" in result.out
    assert str(small_dir / "alpha.json") in result.err


def test_a_library_folder_that_cannot_be_listed_is_reported(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, small_dir: Path, tmp_path: Path
) -> None:
    locked_out = tmp_path / "locked"
    locked_out.mkdir()
    real = os.listdir

    def listdir(path: Any = ".") -> list[str]:
        if Path(path) == locked_out:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", listdir)
    with pytest.raises(StoreError, match="cannot list the folder: Permission denied"):
        briefing_files(locked_out)
    result = run(capsys, "--library", locked_out, "--library", small_dir, "list")
    assert result.code == 0
    assert "briefing:alpha" in result.out
    assert str(locked_out) in result.err and "Traceback" not in result.err


# -- writing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_importing_into_a_read_only_data_dir_is_one_line_and_leaves_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, code: int
) -> None:
    file = write_tables(tmp_path / "in" / "alpha.json", alpha_tables())
    data = tmp_path / "data"
    write_tables(data / "library" / "beta.json", beta_tables())
    before = snapshot(data)
    make_read_only(monkeypatch, data, code)
    result = run(capsys, "--library", tmp_path / "lib", "--data-dir", data, "import", file)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(f"briefing: nothing imported: {data / 'import-journal.json'}: cannot write: ")
    assert os.strerror(code) in result.err and result.err.count("\n") == 1
    monkeypatch.undo()
    assert snapshot(data) == before


def test_reading_commands_work_in_a_read_only_data_dir(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, small_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    Workspace.from_options([small_dir], data, include_shipped=False).notes.add("actor:ghaani", "a note")
    make_read_only(monkeypatch, tmp_path)
    for command in (["list", "actors"], ["show", "actor:ghaani"], ["export", "--format", "md", "--notes"]):
        result = run(capsys, "--library", small_dir, "--data-dir", data, *command)
        said = "briefing: exported 2 briefings (8 entries) and 1 note as md to standard output\n"
        said = said if command[0] == "export" else ""
        assert (result.code, result.err) == (0, said), command
    assert "a note" in result.out


def test_exporting_into_a_read_only_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, small_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()
    make_read_only(monkeypatch, target.parent)
    result = run(capsys, "--library", small_dir, "export", "-o", target)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"briefing: {target}: cannot write: Read-only file system\n"
    monkeypatch.undo()
    assert list(target.parent.iterdir()) == []


class DiskFull:
    """Makes one step of an atomic write fail with ENOSPC, as a full disk does.

    ``only`` limits the failure to writes whose file name contains it.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, step: str, only: str = "") -> None:
        real_mkstemp, real_fdopen, real_fsync, real_replace = tempfile.mkstemp, os.fdopen, os.fsync, os.replace
        doomed: set[int] = set()  # descriptors of the temp files whose write is to fail

        def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
            fd, name = real_mkstemp(*args, **kwargs)
            if only in Path(name).name:
                doomed.add(fd)
            return fd, name

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(fd, *args, **kwargs)
            if step == "write" and fd in doomed:
                write = handle.write

                def half_then_full(data: bytes) -> int:
                    write(data[: len(data) // 2])
                    handle.flush()
                    raise self.error()

                handle.write = half_then_full
            return handle

        def fsync(fd: int) -> None:
            if step == "fsync" and fd in doomed:
                raise self.error()
            real_fsync(fd)

        def replace(src: Any, dst: Any) -> None:
            if step == "replace" and only in Path(os.fsdecode(dst)).name:
                raise self.error()
            real_replace(src, dst)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(os, "fdopen", fdopen)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)

    @staticmethod
    def error() -> OSError:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


STEPS = ["write", "fsync", "replace"]


@pytest.mark.parametrize("step", STEPS)
def test_a_full_disk_leaves_the_old_file_whole_and_no_temp_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, step: str
) -> None:
    target = tmp_path / "notes.json"
    target.write_bytes(b'{"old": true}\n')
    DiskFull(monkeypatch, step)
    with pytest.raises(StoreError) as caught:
        write_atomic(target, b'{"new": true}\n' * 1000)
    assert str(caught.value) == f"{target}: cannot write: No space left on device"
    assert target.read_bytes() == b'{"old": true}\n'
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("step", STEPS)
def test_a_full_disk_during_import_imports_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, step: str
) -> None:
    """The second briefing cannot be written: the first, already written, is taken back out."""
    alpha = write_tables(tmp_path / "in" / "alpha.json", alpha_tables())
    beta = write_tables(tmp_path / "in" / "beta.json", beta_tables())
    data = tmp_path / "data"
    DiskFull(monkeypatch, step, only="beta")
    result = run(capsys, "--library", tmp_path / "lib", "--data-dir", data, "import", alpha, beta)
    assert (result.code, result.out) == (1, "")
    target = data / "library" / "beta.json"
    assert result.err == f"briefing: nothing imported: {target}: cannot write: No space left on device\n"
    assert sorted(p.name for p in (data / "library").glob("*.json")) == []
    assert temp_files(data) == []


def test_a_full_disk_during_an_update_puts_the_old_briefing_back(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    old = write_tables(data / "library" / "alpha.json", alpha_tables())
    before = old.read_bytes()
    changed = alpha_tables()
    changed["briefing"]["briefing:alpha"]["title"] = "Alpha, revised"
    alpha = write_tables(tmp_path / "in" / "alpha.json", changed)
    beta = write_tables(tmp_path / "in" / "beta.json", beta_tables())
    DiskFull(monkeypatch, "replace", only="beta")
    result = run(capsys, "--library", tmp_path / "lib", "--data-dir", data, "import", alpha, beta)
    assert result.code == 1 and "nothing imported" in result.err
    assert old.read_bytes() == before
    assert not (data / "library" / "beta.json").exists()


def test_notes_that_cannot_be_merged_take_the_imported_briefings_back_out(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    Workspace.from_options([small_dir], mine, include_shipped=False).notes.add("actor:ghaani", "a note")
    exported = tmp_path / "export.json"
    assert run(capsys, "--library", small_dir, "--data-dir", mine, "export", "--notes", "-o", exported).code == 0
    (theirs).mkdir()
    (theirs / "notes.json").write_bytes(b"{ this is not json")
    result = run(capsys, "--library", tmp_path / "empty", "--data-dir", theirs, "import", exported)
    assert result.code == 1
    assert result.err.startswith("briefing: nothing imported: ") and str(theirs / "notes.json") in result.err
    assert list((theirs / "library").glob("*.json")) == []
    assert (theirs / "notes.json").read_bytes() == b"{ this is not json"


def test_import_never_writes_over_a_file_it_did_not_load(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """alpha.json in the user library is someone's broken draft: importing briefing:alpha keeps it."""
    data = tmp_path / "data"
    draft = data / "library" / "alpha.json"
    draft.parent.mkdir(parents=True)
    draft.write_text('{"briefing": {"briefing:alpha": {"title": "my unfinished dr', encoding="utf-8")
    before = draft.read_bytes()
    file = write_tables(tmp_path / "in" / "alpha.json", alpha_tables())
    result = run(capsys, "--library", tmp_path / "lib", "--data-dir", data, "import", file)
    assert result.code == 0
    assert result.out == f"imported briefing:alpha -> {data / 'library' / 'alpha-2.json'}\n"
    assert draft.read_bytes() == before


@pytest.mark.parametrize("name", ["alpha.json", "notes.json"])
def test_export_refuses_to_write_over_the_library_or_the_notes(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path, name: str
) -> None:
    data = tmp_path / "data"
    Workspace.from_options([small_dir], data, include_shipped=False).notes.add("actor:ghaani", "a note")
    target = small_dir / name if name == "alpha.json" else data / name
    before = target.read_bytes()
    result = run(capsys, "--library", small_dir, "--data-dir", data, "export", "-o", target)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"briefing: {target}: is part of your library or data; export to another file\n"
    assert target.read_bytes() == before


def test_a_real_process_with_a_full_disk_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    file = write_tables(tmp_path / "in" / "alpha.json", alpha_tables())
    data = tmp_path / "data"
    script = (
        "import errno, os, sys\n"
        "def full(*args): raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "os.fsync = full\n"
        "from briefing.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    args = ["--no-shipped", "--library", str(tmp_path / "lib"), "--data-dir", str(data), "import", str(file)]
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT, timeout=60, env=os.environ
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        done.stderr
        == f"briefing: nothing imported: {data / 'library' / 'alpha.json'}: cannot write: No space left on device\n"
    )
    assert done.stdout == ""
    assert temp_files(data) == []


@pytest.mark.parametrize("where", ["--library", "--data-dir", "export -o", "validate"])
def test_a_symlink_loop_is_one_line_not_a_crash(capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    args = {
        "--library": ["--library", loop, "list"],
        "--data-dir": ["--data-dir", loop, "list"],
        "export -o": ["--library", tmp_path / "lib", "export", "-o", loop],
        "validate": ["--library", tmp_path / "lib", "validate", loop],
    }[where]
    result = run(capsys, *args)
    assert "Traceback" not in result.err
    if where in ("--library", "--data-dir"):
        assert result.code == 0
    elif where == "export -o":  # a write goes through a link to its target, and a loop has none
        assert (result.code, result.err) == (1, f"briefing: {loop}: cannot write: a loop of symbolic links\n")
        assert loop.is_symlink()
    else:
        assert result.code == 1
        assert str(loop) in result.out + result.err
        assert "symbolic links" in result.out + result.err
