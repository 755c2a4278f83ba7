"""``export`` and ``import``: the round trip, and bad input that never changes anything."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.store.briefings import briefing_files
from tests.cli.test_read_commands import snapshot
from tests.factories import alpha_tables, beta_tables, write_tables
from tests.special_files import temp_files, visible

ROOT = Path(__file__).resolve().parents[2]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--no-shipped", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_json_is_the_interchange_document(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    code, out, err = cli(capsys, "--library", str(small_dir), "export")
    assert (code, err) == (0, "briefing: exported 2 briefings (8 entries) as json to standard output\n")
    data = json.loads(out)
    assert data["format"] == "briefing/1"
    assert [b["id"] for b in data["briefings"]] == ["briefing:alpha", "briefing:beta"]
    (ghaani,) = [a for a in data["actors"] if a["id"] == "actor:ghaani"]
    assert ghaani["briefings"] == ["briefing:alpha", "briefing:beta"]
    assert set(ghaani["views"]) == {"briefing:alpha", "briefing:beta"}


def test_export_import_export_is_lossless(capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    assert cli(capsys, "--library", str(small_dir), "export", "-o", str(first))[0] == 0
    empty, data = tmp_path / "empty", tmp_path / "data"
    code, out, err = cli(capsys, "--library", str(empty), "--data-dir", str(data), "import", str(first))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"imported briefing:alpha -> {data / 'library' / 'alpha.json'}",
        f"imported briefing:beta -> {data / 'library' / 'beta.json'}",
    ]
    second = tmp_path / "second.json"
    assert cli(capsys, "--library", str(empty), "--data-dir", str(data), "export", "-o", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()
    assert json.loads((data / "library" / "alpha.json").read_text()) == json.loads(
        (small_dir / "alpha.json").read_text()
    )


def test_importing_a_briefing_file_and_then_updating_it(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    code, out, _ = cli(capsys, "--data-dir", str(data), "import", str(small_dir / "alpha.json"))
    assert code == 0
    assert out.startswith("imported briefing:alpha")
    code, out, _ = cli(capsys, "--data-dir", str(data), "import", str(small_dir / "alpha.json"))
    assert code == 0
    assert out.startswith("updated briefing:alpha")
    assert [p.name for p in (data / "library").glob("*.json")] == ["alpha.json"]


def test_import_refuses_a_briefing_already_in_another_library_folder(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    copy = write_tables(tmp_path / "elsewhere" / "alpha-copy.json", alpha_tables())
    data = tmp_path / "data"
    before = snapshot(small_dir, data)
    code, out, err = cli(capsys, "--library", str(small_dir), "--data-dir", str(data), "import", str(copy))
    assert code == 1
    assert f"{copy}: briefing:alpha: id: a briefing with this id is already in the library" in out
    assert "nothing imported" in err
    assert snapshot(small_dir, data) == before
    assert not (data / "library").exists()


def test_import_refuses_the_same_briefing_twice_in_one_go(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    alpha = str(small_dir / "alpha.json")
    code, out, _ = cli(capsys, "--data-dir", str(data), "import", alpha, alpha)
    assert code == 1
    assert "given twice" in out
    assert not (data / "library").exists()


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Name -> (file, what its problem line must say)."""
    folder = tmp_path / "bad"
    folder.mkdir()
    files: dict[str, tuple[Path, str]] = {}

    def add(name: str, content: bytes, expect: str) -> None:
        path = folder / name
        path.write_bytes(content)
        files[name] = (path, expect)

    files["missing"] = (folder / "missing.json", "no such file")
    (folder / "a-directory.json").mkdir()
    files["directory"] = (folder / "a-directory.json", "is a directory")
    add("latin1.json", '{"briefing": {"briefing:x": {"title": "Qâani"}}}'.encode("latin-1"), "not UTF-8")
    add("truncated.json", json.dumps(alpha_tables()).encode()[:-40], "line 1 column")
    add("empty.json", b"", "empty file")
    add("deep.json", b"[" * 50_000 + b"]" * 50_000, "nested too deeply")
    add("list.json", b"[1, 2, 3]", "expected an object of tables")
    wrong = alpha_tables()
    wrong["events"]["event:talks"]["actors"] = {"actor:ghaani": True}
    wrong["sources"] = ["source:wire-2021"]
    add("wrong-types.json", json.dumps(wrong).encode(), "event:talks: actors: expected a list of text")
    add(
        "bad-interchange.json",
        json.dumps({"format": "briefing/1", "briefings": "all of them", "events": [{"id": 3}]}).encode(),
        "briefings: expected a list",
    )
    add(
        "interchange-wrong-types.json",
        json.dumps(
            {
                "format": "briefing/1",
                "briefings": [{"id": "briefing:x", "title": "X"}],
                "events": [{"id": "event:e", "briefing": ["briefing:x"], "date": [[[[1]]]]}],
                "actors": [{"id": "actor:a", "briefings": ["briefing:x"], "views": "no"}],
            }
        ).encode(),
        "event:e: briefing: ['briefing:x'] is not a briefing in this file",
    )
    add("wrong-format.json", json.dumps({"format": "briefing/99"}).encode(), "format: expected 'briefing/1'")
    text = json.dumps(alpha_tables(), indent=2, sort_keys=True)
    twice = text.replace('"actor:quds-force": {', '"actor:ghaani": {"name": "again"},\n    "actor:quds-force": {')
    line = twice.splitlines().index('    "actor:ghaani": {"name": "again"},') + 1
    add("duplicate-key.json", twice.encode(), f"duplicate key 'actor:ghaani' at line {line} column 5")
    interchange = '{"format": "briefing/1",\n "briefings": [{"id": "briefing:x",\n   "title": "X", "title": "Y"}]}'
    add("interchange-duplicate-key.json", interchange.encode(), "duplicate key 'title' at line 3 column 18")
    return files


def test_every_bad_input_gives_located_one_line_problems_exit_1_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    for name, (path, expect) in _bad_inputs(tmp_path).items():
        before = snapshot(small_dir, data, path.parent)
        for command in ("import", "validate"):
            code, out, err = cli(capsys, "--library", str(small_dir), "--data-dir", str(data), command, str(path))
            assert code == 1, (name, command)
            assert any(line.startswith(f"{path}: ") and expect in line for line in out.splitlines()), (name, out)
            assert len(err.splitlines()) == 1, (name, err)
        assert snapshot(small_dir, data, path.parent) == before, name


def test_bad_input_never_shows_a_traceback(small_dir: Path, tmp_path: Path) -> None:
    files = [str(path) for path, _ in _bad_inputs(tmp_path).values()]
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "--no-shipped", "--library", str(small_dir), "import", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"BRIEFING_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "home" / "library").exists()


def test_one_bad_file_among_good_ones_imports_nothing(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    bad = beta_tables()
    bad["events"]["event:beta-visit"]["kind"] = "tourism"
    bad_path = write_tables(tmp_path / "in" / "beta.json", bad)
    data = tmp_path / "data"
    code, out, _ = cli(capsys, "--data-dir", str(data), "import", str(small_dir / "alpha.json"), str(bad_path))
    assert code == 1
    assert "event:beta-visit: kind" in out
    assert not (data / "library").exists()


def test_import_refuses_an_entry_id_another_briefing_uses(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    t = beta_tables()
    t["events"]["event:talks"] = t["events"].pop("event:beta-visit")
    path = write_tables(tmp_path / "beta.json", t)
    code, out, _ = cli(capsys, "--library", str(small_dir), "--data-dir", str(tmp_path / "d"), "import", str(path))
    assert code == 1
    assert f"{path}: event:talks: id: already defined in briefing:alpha" in out


@pytest.mark.parametrize("fmt", ["json", "md", "csv", "stix"])
def test_every_format_can_be_restricted_to_one_briefing_and_written_to_a_file(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path, fmt: str
) -> None:
    out_file = tmp_path / "out" / f"export.{fmt}"
    out_file.parent.mkdir()
    args = ["--library", str(small_dir), "export", "--format", fmt, "--briefing", "briefing:beta", "-o", str(out_file)]
    code, out, err = cli(capsys, *args)
    assert (code, out, err) == (0, "", f"briefing: exported 1 briefing (3 entries) as {fmt} to {out_file}\n")
    text = out_file.read_text(encoding="utf-8")
    assert "event:beta-visit" in text or "Visit to Karbala" in text
    assert "event:convoy-ied" not in text
    assert "IED strikes a supply convoy" not in text
    assert [p.name for p in out_file.parent.iterdir() if not p.name.startswith(".")] == [out_file.name]
    assert not list(out_file.parent.glob("*.tmp"))
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {r["briefing"] for r in rows} == {"briefing:beta"}


def test_export_of_an_unknown_briefing_is_an_error(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    code, out, err = cli(capsys, "--library", str(small_dir), "export", "--briefing", "briefing:nope")
    assert (code, out) == (1, "")
    assert "briefing:nope" in err
    code, _, err = cli(capsys, "--library", str(small_dir), "export", "--briefing", "actor:ghaani")
    assert code == 1
    assert "not a briefing" in err


def test_export_to_a_folder_that_is_not_writable_is_one_line(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    code, out, err = cli(capsys, "--library", str(small_dir), "export", "-o", str(tmp_path))
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert "cannot write" in err


def test_an_unknown_format_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    code, _, err = cli(capsys, "--library", str(small_dir), "export", "--format", "pdf")
    assert code == 2
    assert "invalid choice" in err


def test_notes_travel_with_the_round_trip(capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("briefing.cli.commands_notes", reason="the notes commands are not there yet")
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    code, _, err = cli(
        capsys, "--library", str(small_dir), "--data-dir", str(mine), "annotate", "actor:ghaani", "[x](y)"
    )
    assert (code, err) == (0, "")
    first = tmp_path / "first.json"
    export = ["export", "--notes", "-o"]
    assert cli(capsys, "--library", str(small_dir), "--data-dir", str(mine), *export, str(first))[0] == 0
    assert len(json.loads(first.read_text())["notes"]) == 1
    code, out, _ = cli(capsys, "--library", str(tmp_path / "empty"), "--data-dir", str(theirs), "import", str(first))
    assert code == 0
    assert "notes: 1 added" in out
    second = tmp_path / "second.json"
    assert cli(capsys, "--library", str(tmp_path / "empty"), "--data-dir", str(theirs), *export, str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()


def test_a_library_with_a_rejected_file_says_so_and_exports_what_imports_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.test_library import leaning_chain

    folder = tmp_path / "lib"
    write_tables(folder / "alpha.json", alpha_tables())
    rejected, leaning, _ = leaning_chain(folder, ("gamma.json", "delta.json", "epsilon.json"))
    code, out, err = cli(capsys, "--library", str(folder), "show", "actor:ghaani")
    assert code == 0
    assert "[missing]" not in out
    lines = err.splitlines()
    assert lines[0].startswith("briefing: 3 problem(s) in ") and str(rejected) in lines[0]
    assert f"briefing: {leaning}: actor:delta-chief: relations[0].target: dangling reference" in err
    assert len(lines) == 4
    exported = tmp_path / "export.json"
    code, _, err = cli(capsys, "--library", str(folder), "export", "-o", str(exported))
    assert code == 0 and "skipped or partly loaded" in err
    code, out, err = cli(
        capsys, "--library", str(tmp_path / "empty"), "--data-dir", str(tmp_path / "d"), "import", str(exported)
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"imported briefing:alpha -> {tmp_path / 'd' / 'library' / 'alpha.json'}"]


def _mutual(folder: Path, b_kind: str = "visit") -> tuple[Path, Path]:
    """Two briefings that lean on each other: each one's event names an actor only the other defines."""
    from tests.test_library import _briefing

    a = _briefing("mutual-a", {"actor:a-side": {}}, {"event:a-meets": {"actors": ["actor:b-side"]}})
    b = _briefing("mutual-b", {"actor:b-side": {}}, {"event:b-meets": {"actors": ["actor:a-side"], "kind": b_kind}})
    return write_tables(folder / "a.json", a), write_tables(folder / "b.json", b)


@pytest.mark.parametrize("order", [1, -1], ids=["a-b", "b-a"])
def test_files_given_together_are_checked_against_each_other(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path, order: int
) -> None:
    files = [str(p) for p in _mutual(tmp_path / "in")][::order]
    data = tmp_path / "data"
    code, out, err = cli(capsys, "--library", str(small_dir), "--data-dir", str(data), "validate", *files)
    assert (code, out, err) == (0, "ok: 2 file(s) valid\n", "")
    code, out, err = cli(capsys, "--library", str(small_dir), "--data-dir", str(data), "import", *files)
    assert (code, err) == (0, "")
    assert sorted(line.split(" -> ")[0] for line in out.splitlines()) == [
        "imported briefing:mutual-a",
        "imported briefing:mutual-b",
    ]
    code, out, err = cli(capsys, "--library", str(small_dir), "--data-dir", str(data), "show", "event:a-meets")
    assert (code, err) == (0, "")
    assert "[missing]" not in out and "[actor:b-side]" in out


def test_a_file_leaning_on_a_rejected_file_given_with_it_is_rejected_too(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    a, b = _mutual(tmp_path / "in", b_kind="tourism")
    data = tmp_path / "data"
    for command in ("validate", "import"):
        code, out, _ = cli(capsys, "--library", str(small_dir), "--data-dir", str(data), command, str(a), str(b))
        assert code == 1
        assert (
            f"{a}: event:a-meets: actors[0]: dangling reference: actor:b-side"
            f" is defined only in {b}, which was rejected"
        ) in out.splitlines()
        assert any(line.startswith(f"{b}: event:b-meets: kind: unknown value 'tourism'") for line in out.splitlines())
    assert not (data / "library").exists()


def test_import_keeps_a_differing_note_beside_the_readers_own_and_says_so(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    base = ["--library", str(small_dir), "--data-dir", str(data)]
    code, out, _ = cli(capsys, *base, "annotate", "actor:ghaani", "my own reading")
    assert code == 0
    (mine,) = [word for word in out.split() if word.startswith("note:")]
    code, out, _ = cli(capsys, *base, "notes", "--json")
    (shown,) = json.loads(out)
    record = {name: shown[name] for name in ("target", "text", "tags", "flag", "created", "updated")}
    theirs = {**record, "id": mine, "text": "their reading", "updated": "2999-01-01T00:00:00.000Z"}
    new = {**record, "id": "note:01hzzzzzzzzzzzzzzzzzzzzzzz", "text": "a new one"}
    file = tmp_path / "theirs.json"
    file.write_text(json.dumps({"format": "briefing/1", "notes": [theirs, new]}), encoding="utf-8")

    code, out, err = cli(capsys, *base, "import", str(file))

    assert (code, err) == (0, "")
    (line,) = out.splitlines()
    assert line.startswith("notes: 1 added, 1 kept beside yours as note:") and line.endswith(" (differs)")
    beside = line.split(" as ")[1].split()[0]
    code, out, _ = cli(capsys, *base, "notes", "--json")
    notes = {n["id"]: n for n in json.loads(out)}
    assert notes[mine]["text"] == "my own reading"
    assert notes[beside]["text"] == "their reading" and "imported" in notes[beside]["tags"]
    assert notes["note:01hzzzzzzzzzzzzzzzzzzzzzzz"]["text"] == "a new one"
    assert all(n["updated"] < "2999" for n in notes.values())

    code, out, err = cli(capsys, *base, "import", str(file))
    assert (code, out, err) == (0, "notes: 0 added, 2 already there\n", "")


def test_import_writes_through_a_symlinked_file_of_the_user_library(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    """The user library's alpha.json links to the reader's working copy: an update lands there, the link stays."""
    data = tmp_path / "data"
    working = write_tables(tmp_path / "work" / "alpha.json", alpha_tables())
    link = data / "library" / "alpha.json"
    link.parent.mkdir(parents=True)
    link.symlink_to(working)
    revised = alpha_tables()
    revised["briefing"]["briefing:alpha"]["title"] = "Alpha, revised"
    incoming = write_tables(tmp_path / "in" / "alpha.json", revised)

    code, out, err = cli(capsys, "--library", str(tmp_path / "empty"), "--data-dir", str(data), "import", str(incoming))

    assert (code, err) == (0, "")
    assert out == f"updated briefing:alpha -> {link}\n"
    assert link.is_symlink() and link.resolve() == working
    assert json.loads(working.read_text())["briefing"]["briefing:alpha"]["title"] == "Alpha, revised"
    assert visible(link.parent) == ["alpha.json"] and visible(working.parent) == ["alpha.json"]
    assert temp_files(tmp_path) == []


def test_writes_leave_only_the_files_a_reader_expects_in_their_folders(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    """Lock files are hidden (.NAME.lock) and no temp file is left: ls shows what was written, and only that."""
    data, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    common = ["--library", str(tmp_path / "empty"), "--data-dir", str(data)]
    assert cli(capsys, *common, "import", str(small_dir / "alpha.json"), str(small_dir / "beta.json"))[0] == 0
    assert cli(capsys, *common, "annotate", "actor:ghaani", "a note")[0] == 0
    assert cli(capsys, *common, "export", "-o", str(out / "all.json"))[0] == 0
    assert cli(capsys, *common, "export", "--format", "md", "-o", str(out / "all.md"))[0] == 0

    assert visible(data / "library") == ["alpha.json", "beta.json"]
    assert "notes.json" in visible(data) and not [name for name in visible(data) if name.endswith((".lock", ".tmp"))]
    assert visible(out) == ["all.json", "all.md"]
    assert temp_files(tmp_path) == []
    assert [p.name for p in briefing_files(data / "library")] == ["alpha.json", "beta.json"]
