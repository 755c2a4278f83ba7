"""Where ``export -o`` and ``extract -o`` write: one rule for both (briefing/cli/destination.py).

The reader's own data is never an output; a symlink is written through to
its target and stays a link; a FIFO or a character device receives the data
as a stream and stays what it is; a socket or a folder is refused; an
existing file is replaced only with --force.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.store.locks import lock_path
from tests.cli.test_extract_command import ARTICLE
from tests.special_files import FifoReader, kind_of, listening_socket, null_device, temp_files, visible

COMMANDS = ["export", "extract"]
ROOT = Path(__file__).resolve().parents[2]
MARK = {"export": b'"format": "briefing/1"', "extract": b'"briefing:militia-leader-tells-the-us-to-go"'}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], small_dir: Path, data: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    def run(command: str, *args: str | Path) -> tuple[int, str, str]:
        what = ["extract", str(article), "--date", "2020-09-28"] if command == "extract" else [command]
        code = main(["--no-shipped", "--library", str(small_dir), "--data-dir", str(data), *what, *map(str, args)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_output_writes_its_target_and_keeps_the_link(run, command: str, tmp_path: Path) -> None:
    target = tmp_path / "real" / "out.json"
    target.parent.mkdir()
    link = tmp_path / "links" / "out.json"
    link.parent.mkdir()
    link.symlink_to(target)

    assert run(command, "-o", link)[0] == 1  # a link to no file yet: see the dangling link's test
    code, _, err = run(command, "-o", link, "--force")
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == target
    assert MARK[command] in target.read_bytes()

    target.write_text("my edits", encoding="utf-8")
    code, _, err = run(command, "-o", link)
    assert code == 1
    assert err == f"briefing: {link}: already exists (use --force to replace it)\n"
    assert target.read_text(encoding="utf-8") == "my edits"

    code, _, err = run(command, "-o", link, "--force")
    assert code == 0, err
    assert link.is_symlink() and MARK[command] in target.read_bytes()
    assert visible(link.parent) == ["out.json"] and visible(target.parent) == ["out.json"]
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_a_character_device_stays_a_device_and_gets_the_output(run, command: str, tmp_path: Path) -> None:
    device = null_device(tmp_path / "null")
    code, _, err = run(command, "-o", device)
    assert code == 0, err
    assert kind_of(device) == "char"
    assert visible(tmp_path) == sorted(["article.txt", "lib", "null"])


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_gets_the_output_as_a_stream_and_stays_a_fifo(run, command: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = FifoReader(fifo)
    reader.start()
    code, _, err = run(command, "-o", fifo)
    received = reader.received()
    assert code == 0, err
    assert kind_of(fifo) == "fifo"
    assert MARK[command] in received
    json.loads(received)
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", ["socket", "directory"])
def test_a_socket_or_a_folder_is_refused_and_left_as_it_is(run, command: str, kind: str, tmp_path: Path) -> None:
    path = tmp_path / "out"
    if kind == "directory":
        path.mkdir()
        code, out, err = run(command, "-o", path, "--force")
        assert list(path.iterdir()) == []
    else:
        with listening_socket(path):
            code, out, err = run(command, "-o", path, "--force")
    assert (code, out) == (1, "")
    assert err == f"briefing: {path}: cannot write: is a {kind}, not a regular file\n"
    assert kind_of(path) == kind
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_replaced_only_with_force(run, command: str, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run(command, "-o", target)
    assert code == 1
    assert err == f"briefing: {target}: already exists (use --force to replace it)\n"
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run(command, "-o", target, "--force")[0] == 0
    assert MARK[command] in target.read_bytes()


def _own_files(data: Path, small_dir: Path, tmp_path: Path) -> dict[str, Path]:
    """Name -> a path to a file of the reader's own data or library (made to exist)."""
    (data / "library").mkdir(parents=True)
    (data / "library" / "draft.json").write_text('{"briefing": {"briefing:draft": {"title": "my work in pro', "utf-8")
    (data / "cache").mkdir()
    (data / "cache" / "search-0123456789ab.sqlite").write_bytes(b"SQLite format 3\x00")
    (data / "settings.json").write_text('{"theme": "nord"}\n', encoding="utf-8")
    (small_dir / "broken.json").write_text('{"briefing": ', encoding="utf-8")
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "to-notes.json").symlink_to(data / "notes.json")
    os.link(data / "notes.json", tmp_path / "links" / "hard-notes.json")
    return {
        "notes": data / "notes.json",
        "settings": data / "settings.json",
        "search cache": data / "cache" / "search-0123456789ab.sqlite",
        "user library file": data / "library" / "draft.json",
        "library briefing": small_dir / "alpha.json",
        "broken briefing in the library": small_dir / "broken.json",
        "notes through a symlink": tmp_path / "links" / "to-notes.json",
        "notes through a hard link": tmp_path / "links" / "hard-notes.json",
        "notes through ..": data / "library" / ".." / "notes.json",
        "the notes lock": lock_path(data / "notes.json"),
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_own_data_is_never_an_output_even_with_force(
    run, command: str, data: Path, small_dir: Path, tmp_path: Path
) -> None:
    assert run("annotate", "actor:ghaani", "mine")[0] == 0
    own = _own_files(data, small_dir, tmp_path)
    before = {name: path.read_bytes() for name, path in own.items()}
    instead = "export to another file" if command == "export" else "write the draft to another file"
    for name, path in own.items():
        code, out, err = run(command, "-o", path, "--force")
        assert (code, out) == (1, ""), name
        assert err.splitlines()[0] == f"briefing: {path}: is part of your library or data; {instead}", name
        assert path.read_bytes() == before[name], name
    assert (tmp_path / "links" / "to-notes.json").is_symlink()
    code, out, _ = run("export", "--notes")
    assert [n["text"] for n in json.loads(out)["notes"]] == ["mine"]


@pytest.mark.parametrize("command", COMMANDS)
def test_the_rule_is_in_both_commands_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert main([command, "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    for words in ("through a symlink onto its target", "a FIFO or a character device", "written as a stream"):
        assert words in text
    assert "a socket, a block device or a folder is refused" in text
    assert "--force replace FILE if it is an existing file" in text


@pytest.mark.parametrize("command", COMMANDS)
def test_stdout_redirected_to_a_file_is_written_as_a_stream(command: str, small_dir: Path, tmp_path: Path) -> None:
    """``-o /dev/stdout > file`` writes into what the shell opened, as a shell's own ``>`` would.

    Tested through /proc/self/fd/1, the same descriptor: a regression that
    renamed a temp file over /dev/stdout would break the machine's, and /proc
    refuses the rename.
    """
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    what = ["extract", str(article)] if command == "extract" else ["export"]
    captured = tmp_path / "captured.json"
    options = ["--no-shipped", "--library", str(small_dir)]
    with captured.open("wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "briefing", *options, *what, "-o", "/proc/self/fd/1"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=60,
            env={**os.environ, "BRIEFING_HOME": str(tmp_path / "home")},
        )
    assert done.returncode == 0, done.stderr
    assert MARK[command] in captured.read_bytes()
    assert visible(tmp_path) == ["article.txt", "captured.json", "lib"]


@pytest.mark.parametrize("command", COMMANDS)
def test_the_import_journal_staging_locks_and_temp_files_are_never_an_output(
    run, command: str, data: Path, small_dir: Path
) -> None:
    """Written over, the journal made every later command fail; a lock or temp file replaced breaks its writer."""
    assert run("annotate", "actor:ghaani", "mine")[0] == 0
    before = sorted(p.name for p in data.iterdir())
    for path in [
        data / "import-journal.json",
        data / "import-staging",
        data / "import-staging" / "alpha.json",
        data / ".import-journal.json.lock",
        data / ".anything.lock",
        data / ".import-journal.json.k2j3h4.tmp",
        small_dir / ".alpha.json.lock",
        small_dir / ".alpha.json.a1b2c3.tmp",
    ]:
        code, out, err = run(command, "-o", path, "--force")
        assert (code, out) == (1, ""), path
        assert err.splitlines()[0].startswith(f"briefing: {path}: is part of your library or data;"), path
        assert not path.exists() or path.name.endswith(".lock"), path
    assert sorted(p.name for p in data.iterdir()) == before
    code, out, err = run("list", "briefings")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_output_leaves_no_lock_file_beside_it_or_beside_a_links_target(run, command: str, tmp_path: Path) -> None:
    """An output is no data file of briefing's: the atomic replace is enough, and the reader's folders stay clean."""
    out, target = tmp_path / "out" / "export.json", tmp_path / "elsewhere" / "real.json"
    out.parent.mkdir()
    target.parent.mkdir()
    link = out.parent / "link.json"
    link.symlink_to(target)
    for path in (out, out, link, link):
        code, _, err = run(command, "-o", path, "--force")
        assert code == 0, err
    assert MARK[command] in out.read_bytes() and MARK[command] in target.read_bytes()
    assert sorted(p.name for p in out.parent.iterdir()) == ["export.json", "link.json"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["real.json"]


needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="os.lchown to another uid")
OTHER_UID = 54321


def _sticky_folder(tmp_path: Path) -> Path:
    """A folder like /tmp: anyone may write to it, only a file's owner may remove or rename it."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    return folder


@needs_root
@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_planted_in_a_sticky_shared_folder_by_someone_else_is_not_followed(
    run, command: str, tmp_path: Path
) -> None:
    """The classic /tmp symlink attack, refused as the kernel's fs.protected_symlinks would."""
    shared = _sticky_folder(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("the victim's file", encoding="utf-8")
    (tmp_path / "real").mkdir()
    planted = {"link to a file": shared / "out.json", "link to a folder": shared / "dir"}
    planted["link to a file"].symlink_to(victim)
    planted["link to a folder"].symlink_to(tmp_path / "real")
    for name, link in planted.items():
        os.lchown(link, OTHER_UID, OTHER_UID)
        output = link if name == "link to a file" else link / "out.json"
        code, out, err = run(command, "-o", output, "--force")
        assert (code, out) == (1, ""), name
        assert err == (
            f"briefing: {output}: cannot write through {link}: a symbolic link in a folder anyone can write to, "
            f"owned by neither you nor the folder's owner (uid {OTHER_UID})\n"
        ), name
    assert victim.read_text(encoding="utf-8") == "the victim's file"
    assert list((tmp_path / "real").iterdir()) == []


@needs_root
@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_in_a_sticky_folder_owned_by_you_or_the_folders_owner_is_followed(
    run, command: str, tmp_path: Path
) -> None:
    shared = _sticky_folder(tmp_path)
    mine, target = shared / "mine.json", tmp_path / "mine-target.json"
    mine.symlink_to(target)
    assert run(command, "-o", mine, "--force")[0] == 0
    assert MARK[command] in target.read_bytes()
    os.chown(shared, OTHER_UID, OTHER_UID)
    owners, owners_target = shared / "owners.json", tmp_path / "owners-target.json"
    owners.symlink_to(owners_target)
    os.lchown(owners, OTHER_UID, OTHER_UID)
    assert run(command, "-o", owners, "--force")[0] == 0
    assert MARK[command] in owners_target.read_bytes()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_dangling_link_is_an_existing_output_that_needs_force(run, command: str, tmp_path: Path) -> None:
    """Without --force the file would appear somewhere the reader may not expect: the link's target."""
    link, target = tmp_path / "out.json", tmp_path / "elsewhere" / "appears.json"
    target.parent.mkdir()
    link.symlink_to(target)
    code, out, err = run(command, "-o", link)
    assert (code, out) == (1, "")
    assert err == (
        f"briefing: {link}: is a symbolic link to {target}, which does not exist yet (use --force to write there)\n"
    )
    assert not target.exists()
    assert run(command, "-o", link, "--force")[0] == 0
    assert link.is_symlink() and MARK[command] in target.read_bytes()
