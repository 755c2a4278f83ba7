"""``annotate``, ``notes`` and ``notes rm`` as a reader (or a script) runs them."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.text import Text

from briefing.cli import main, output
from briefing.store.notes import NotesStore
from tests.factories import alpha_tables, make_library_dir
from tests.special_files import kind_of, null_device

ROOT = Path(__file__).resolve().parents[2]

NOTE_ID = re.compile(r"note:[0-9a-z]{26}")


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 160-column console, so that a table row is one line (the 80-column case has its own test)."""
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setattr(output, "_stdout", None)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], small_dir: Path, data: Path):  # type: ignore[no-untyped-def]
    def run(*args: str, library: Path = small_dir, data_dir: Path = data) -> tuple[int, str, str]:
        code = main([*args, "--no-shipped", "--library", str(library), "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def notes_file(data: Path) -> Path:
    return data / "notes.json"


def test_annotate_prints_only_the_new_note_id_once_it_is_on_disk(cli, data: Path) -> None:
    code, out, err = cli("annotate", "actor:ghaani", "Compare with [b]later[/b] statements", "--tag", "#Verify")

    assert (code, err) == (0, "")
    assert NOTE_ID.fullmatch(out.strip()) and out.count("\n") == 1
    record = json.loads(notes_file(data).read_text(encoding="utf-8"))["notes"][out.strip()]
    assert (record["target"], record["text"], record["tags"]) == (
        "actor:ghaani",
        "Compare with [b]later[/b] statements",
        ["verify"],
    )


def test_annotate_reads_the_text_from_stdin_with_a_dash(cli, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("first line\nsecond line\n"))
    code, out, _ = cli("annotate", "event:talks", "-", "--flag", "follow-up")

    assert code == 0
    (note,) = NotesStore(notes_file(data)).all()
    assert (note.id, note.text, note.flag) == (out.strip(), "first line\nsecond line", "follow-up")


def test_annotate_from_stdin_that_is_not_utf8_says_where_and_writes_nothing(
    cli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait")))
    code, out, err = cli("annotate", "event:talks", "-")

    assert (code, out) == (1, "")
    assert err == "briefing: standard input: not UTF-8 text (byte 0xE9 at offset 3); nothing was written\n"
    assert not notes_file(data).exists()


def test_a_full_standard_output_is_named_in_the_error(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "briefing", "--data-dir", str(tmp_path), "list", "actors"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert (result.returncode, result.stderr) == (1, "briefing: standard output: No space left on device\n")


@pytest.mark.parametrize("entity_id", ["actor:nobody", "nonsense"])
def test_annotate_on_an_unknown_entry_fails_and_writes_nothing(cli, data: Path, entity_id: str) -> None:
    code, out, err = cli("annotate", entity_id, "a note")

    assert code == 1 and out == ""
    assert err.startswith("briefing: ") and err.count("\n") == 1
    assert "no such entry" in err or "not an id" in err
    assert not notes_file(data).exists()


def test_annotate_with_empty_text_says_so(cli, data: Path) -> None:
    code, out, err = cli("annotate", "actor:ghaani", "   ")

    assert (code, out) == (1, "")
    assert err == "briefing: note text is empty\n"
    assert not notes_file(data).exists()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output taken for a terminal (tables), not a pipe (tab-separated lines)."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setattr(output, "_stdout", None)


def test_notes_lists_every_note_with_its_entry(cli, terminal) -> None:
    first = cli("annotate", "actor:ghaani", "Check the date", "--flag", "verify", "--tag", "iraq")[1].strip()
    second = cli("annotate", "event:convoy-ied", "Casualty figures differ")[1].strip()

    code, out, err = cli("notes")

    assert (code, err) == (0, "")
    assert "notes · 2" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("note:")}
    assert set(lines) == {first, second}
    assert "Esmail Qaani" in lines[first] and "verify" in lines[first] and "#iraq" in lines[first]
    assert "IED strikes" in lines[second] and "Casualty figures" in out


def test_in_80_columns_a_note_id_stays_whole_so_it_can_be_copied(
    cli, terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    note_id = cli("annotate", "actor:ghaani", "A long note " * 10, "--tag", "verify", "--flag", "follow-up")[1].strip()

    out = cli("notes")[1]

    shown = [Text.from_ansi(line).plain for line in out.splitlines()]
    assert max(len(line) for line in shown) <= 80
    assert any(line.startswith(note_id + " ") for line in shown)


def test_piped_notes_are_one_tab_separated_line_each_whatever_their_length(cli) -> None:
    note_id = cli("annotate", "actor:ghaani", "A long note " * 10, "--tag", "verify")[1].strip()

    header, line = cli("notes")[1].splitlines()

    assert header.split("\t") == ["id", "entry", "flag", "tags", "note", "updated"]
    assert line.split("\t")[:4] == [note_id, "Esmail Qaani", "", "#verify"]


def test_notes_of_one_entry_and_json_shape(cli) -> None:
    mine = cli("annotate", "actor:ghaani", "On Qaani", "--tag", "a", "--tag", "b")[1].strip()
    cli("annotate", "actor:quds-force", "On the Quds Force")

    code, out, _ = cli("notes", "actor:ghaani", "--json")

    assert code == 0
    (record,) = json.loads(out)
    assert record["id"] == mine
    assert set(record) == {"id", "target", "text", "tags", "flag", "created", "updated", "label", "orphaned"}
    assert (record["target"], record["text"], record["tags"], record["flag"]) == (
        "actor:ghaani",
        "On Qaani",
        ["a", "b"],
        None,
    )
    assert (record["label"], record["orphaned"]) == ("Esmail Qaani", False)


def test_notes_filters_by_tag_and_flag(cli) -> None:
    cli("annotate", "actor:ghaani", "tagged", "--tag", "verify")
    cli("annotate", "actor:ghaani", "flagged", "--flag", "disputed")

    assert [r["text"] for r in json.loads(cli("notes", "--tag", "#Verify", "--json")[1])] == ["tagged"]
    assert [r["text"] for r in json.loads(cli("notes", "--flag", "disputed", "--json")[1])] == ["flagged"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--tag", "none"], "no notes tagged #none"),
        (["--flag", "disputed"], "no notes flagged disputed"),
        (["actor:quds-force"], "no notes on Quds Force"),
        (["--orphaned"], "no notes orphaned"),
    ],
)
def test_a_selection_that_matches_no_note_says_so_on_stderr_and_exits_1(cli, args: list[str], said: str) -> None:
    cli("annotate", "actor:ghaani", "tagged", "--tag", "verify")
    code, out, err = cli("notes", *args)
    assert (code, out) == (1, "")
    assert err == f"briefing: {said} (1 note in all; 'briefing notes' lists them)\n"
    code, out, err = cli("notes", *args, "--json")
    assert (code, json.loads(out)) == (1, []) and said in err


def test_with_no_notes_at_all_notes_says_how_to_add_one(cli) -> None:
    code, out, err = cli("notes", "--tag", "none")
    assert (code, err) == (0, "")
    assert out == "no notes yet: add one with 'briefing annotate ID TEXT'\n"


def test_notes_of_an_unknown_entry_without_notes_fails(cli) -> None:
    code, out, err = cli("notes", "actor:nobody")
    assert (code, out) == (1, "")
    assert "actor:nobody: no such entry" in err


def test_a_note_whose_entry_left_the_library_is_kept_and_marked_orphaned(cli, tmp_path: Path) -> None:
    note_id = cli("annotate", "event:beta-visit", "On the visit")[1].strip()
    only_alpha = make_library_dir(tmp_path / "alpha-only", alpha_tables())

    code, out, _ = cli("notes", library=only_alpha)
    assert code == 0
    (line,) = [line for line in out.splitlines() if line.startswith(note_id)]
    assert "event:beta-visit (orphaned)" in line

    (record,) = json.loads(cli("notes", "--json", library=only_alpha)[1])
    assert (record["id"], record["orphaned"], record["label"]) == (note_id, True, "event:beta-visit")
    assert json.loads(cli("notes", "event:beta-visit", "--json", library=only_alpha)[1])[0]["id"] == note_id
    assert [r["id"] for r in json.loads(cli("notes", "--orphaned", "--json", library=only_alpha)[1])] == [note_id]


def test_notes_rm_deletes_a_note_and_prints_its_id(cli, data: Path) -> None:
    gone = cli("annotate", "actor:ghaani", "delete me")[1].strip()
    kept = cli("annotate", "actor:ghaani", "keep me")[1].strip()

    assert cli("notes", "rm", gone) == (0, gone + "\n", "")
    assert [r["id"] for r in json.loads(cli("notes", "--json")[1])] == [kept]
    assert cli("notes", "--rm", kept) == (0, kept + "\n", "")
    assert NotesStore(notes_file(data)).all() == []


def test_notes_rm_of_an_unknown_note_fails(cli) -> None:
    code, _, err = cli("notes", "rm", "note:01aaaaaaaaaaaaaaaaaaaaaaaa")
    assert code == 1 and "note:01aaaaaaaaaaaaaaaaaaaaaaaa: no such note" in err
    code, _, err = cli("notes", "rm", "actor:ghaani")
    assert code == 1 and "not a note id" in err


def test_list_notes_and_show_include_the_notes(cli) -> None:
    note_id = cli("annotate", "actor:ghaani", "Listed everywhere")[1].strip()

    assert [r["id"] for r in json.loads(cli("list", "notes", "--json")[1])] == [note_id]
    assert json.loads(cli("show", "actor:ghaani", "--json")[1])["notes"] == [note_id]
    assert "Listed everywhere" in cli("show", "actor:ghaani")[1]


def test_export_carries_the_notes_and_import_brings_them_back(cli, tmp_path: Path) -> None:
    cli("annotate", "actor:ghaani", "Exported note", "--tag", "x", "--flag", "important")
    cli("annotate", "event:talks", "Another")
    exported = tmp_path / "export.json"
    assert cli("export", "--format", "json", "--notes", "-o", str(exported))[0] == 0
    notes_before = json.loads(cli("notes", "--json")[1])
    assert [n["id"] for n in json.loads(exported.read_text(encoding="utf-8"))["notes"]] == [
        n["id"] for n in notes_before
    ]

    empty = tmp_path / "empty-library"
    empty.mkdir()
    elsewhere = tmp_path / "other-data"
    code, out, err = cli("import", str(exported), library=empty, data_dir=elsewhere)
    assert (code, err) == (0, "")
    assert "notes: 2 added" in out

    assert json.loads(cli("notes", "--json", library=empty, data_dir=elsewhere)[1]) == notes_before
    assert "notes: 0 added" in cli("import", str(exported), library=empty, data_dir=elsewhere)[1]


def test_a_corrupt_notes_file_is_kept_and_reported_not_overwritten(cli, data: Path) -> None:
    data.mkdir(parents=True)
    damaged = b'{"notes": {"note:01aaaaaaaaaaaaaaaaaaaaaaaa": {"text": "half a no'
    notes_file(data).write_bytes(damaged)

    code, out, err = cli("annotate", "actor:ghaani", "new note")
    assert (code, out) == (1, "")
    assert "cannot be read" in err and "read-only" in err and "notes.json.corrupt-" in err

    code, _, err = cli("notes")
    assert code == 1 and "read-only" in err

    assert notes_file(data).read_bytes() == damaged
    (copy,) = data.glob("notes.json.corrupt-*")
    assert copy.read_bytes() == damaged


@pytest.mark.parametrize(
    "args",
    [
        ("notes", "rm", "note:" + "x" * 5000),
        ("notes", "rm", "actor:" + "y" * 5000),
        ("notes", "actor:" + "z" * 5000),
        ("annotate", "note:" + "w" * 5000, "text"),
    ],
    ids=["rm-note", "rm-actor", "notes-of", "annotate-a-note"],
)
def test_a_huge_id_is_quoted_shortened_in_the_one_line_error(cli, args: tuple[str, ...]) -> None:
    code, _, err = cli(*args)
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert len(err) < 300


def _index(library: Path, data: Path) -> None:
    """Build the search cache as a search (in the browser or the command line) leaves it."""
    from briefing.workspace import Workspace

    workspace = Workspace.from_options([library], data, include_shipped=False)
    workspace.search_index().ensure_built()
    workspace.search_index().close()


def test_annotate_with_a_current_search_cache_does_not_load_the_library(
    cli, small_dir: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.library import Library

    _index(small_dir, data)

    def no_load(*args: object, **kwargs: object) -> Library:
        raise AssertionError("the library was loaded")

    monkeypatch.setattr(Library, "load", no_load)
    code, out, err = cli("annotate", "actor:ghaani", "checked from the cache")
    assert (code, err) == (0, "")
    (note,) = NotesStore(notes_file(data)).all()
    assert (note.id, note.target) == (out.strip(), "actor:ghaani")


def test_annotate_asks_the_library_when_the_cache_is_stale_or_names_a_note(cli, small_dir: Path, data: Path) -> None:
    _index(small_dir, data)
    code, out, _ = cli("annotate", "actor:ghaani", "first")
    assert code == 0
    code, _, err = cli("annotate", out.strip(), "a note on a note")
    assert code == 1 and "no such entry" in err, "a note is in the cache, but is not an entry to annotate"

    (small_dir / "alpha.json").unlink()
    code, _, err = cli("annotate", "event:convoy-ied", "gone from the library")
    assert code == 1 and "event:convoy-ied: no such entry in the library" in err, "the stale cache still lists it"
    assert len(NotesStore(notes_file(data)).all()) == 1


def test_two_data_dirs_sharing_notes_through_a_symlink_see_the_same_notes(cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert cli("annotate", "actor:ghaani", "from B", data_dir=b)[0] == 0
    a.mkdir()
    notes_file(a).symlink_to(notes_file(b))

    code, out, err = cli("annotate", "actor:ghaani", "from A", data_dir=a)
    assert (code, err) == (0, "")

    assert notes_file(a).is_symlink()
    assert out.strip() in json.loads(notes_file(b).read_text(encoding="utf-8"))["notes"]
    for data_dir in (a, b):
        listed = json.loads(cli("notes", "--json", data_dir=data_dir)[1])
        assert sorted(n["text"] for n in listed) == ["from A", "from B"], data_dir


SPECIAL_NOTES = {
    "fifo": lambda path: os.mkfifo(path),
    "directory": lambda path: path.mkdir(),
    "device": null_device,  # not /dev/zero: a regression would read it until memory ran out
}


@pytest.mark.parametrize("kind", sorted(SPECIAL_NOTES))
@pytest.mark.parametrize("command", [["annotate", "actor:ghaani", "a note"], ["notes"], ["export", "--notes"]])
def test_a_special_file_at_the_notes_path_is_one_line_never_a_hang(
    small_dir: Path, data: Path, kind: str, command: list[str]
) -> None:
    data.mkdir()
    SPECIAL_NOTES[kind](notes_file(data))
    before = kind_of(notes_file(data))
    options = ["--no-shipped", "--library", str(small_dir), "--data-dir", str(data)]
    done = subprocess.run(
        [sys.executable, "-m", "briefing", *options, *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=20,
        env={**os.environ, "BRIEFING_HOME": str(data)},
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"briefing: {notes_file(data)}: ")
    assert "not a regular file" in done.stderr or "is a directory" in done.stderr
    assert kind_of(notes_file(data)) == before


def test_a_note_pasted_with_terminal_colours_keeps_its_words_and_none_of_the_sequence(cli, data: Path) -> None:
    code, out, _ = cli("annotate", "actor:ghaani", "\x1b[31mred flag\x1b[0m: check")
    assert code == 0
    code, out, _ = cli("notes", "--json")
    texts = [n["text"] for n in json.loads(out)]
    assert texts == ["red flag: check"], "no '[31m' left behind by the ESC taken out"
