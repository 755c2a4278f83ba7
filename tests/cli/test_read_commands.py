"""``list``, ``show`` and ``validate`` as a user (or a script) runs them."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main, output
from tests.factories import alpha_tables, write_tables

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], lib: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--no-shipped", "--library", str(lib), *args])
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file under the folders, by path, with a hash of its bytes."""
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        if folder.exists()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("kind", "ids"),
    [
        ("briefings", ["briefing:alpha", "briefing:beta"]),
        ("actors", ["actor:ghaani", "actor:quds-force"]),
        ("claims", ["claim:qaani-warns"]),
        ("events", ["event:talks", "event:convoy-ied", "event:beta-visit"]),
        ("sources", ["source:beta-report", "source:wire-2021"]),
    ],
)
def test_list_json_gives_every_entry_of_a_kind(
    capsys: pytest.CaptureFixture[str], small_dir: Path, kind: str, ids: list[str]
) -> None:
    code, out, err = run(capsys, small_dir, "list", kind, "--json")
    assert (code, err) == (0, "")
    assert [record["id"] for record in json.loads(out)] == ids


def test_list_defaults_to_briefings_as_a_table(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    code, out, _ = run(capsys, small_dir, "list")
    assert code == 0
    assert "briefing:alpha" in out
    assert "Alpha crisis" in out


def test_list_events_as_a_table_shows_dates_and_kinds(
    capsys: pytest.CaptureFixture[str], small_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setattr(output, "_stdout", None)
    code, out, _ = run(capsys, small_dir, "list", "events")
    assert code == 0
    assert "5 Mar 2021" in out
    assert "IED strikes a supply convoy" in out
    assert out.index("event:talks") < out.index("event:convoy-ied") < out.index("event:beta-visit")


def test_list_of_one_briefing(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    code, out, _ = run(capsys, small_dir, "list", "events", "--briefing", "briefing:beta", "--json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == ["event:beta-visit"]


def test_list_warns_about_broken_files_but_lists_the_rest(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    (small_dir / "torn.json").write_text("{")
    code, out, err = run(capsys, small_dir, "list", "--json")
    assert code == 0
    assert len(json.loads(out)) == 2
    assert "torn.json" in err
    assert "briefing validate" in err


def test_show_prints_the_outline(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    code, out, err = run(capsys, small_dir, "show", "actor:ghaani")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Esmail Qaani"
    assert "actor:ghaani · person · commander of the Quds Force" in lines[1]
    assert any("leads" in line and "Quds Force [actor:quds-force]" in line for line in lines)
    assert "Mentioned in (3)" in out


def test_show_json_has_the_record_backlinks_and_relations(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    code, out, _ = run(capsys, small_dir, "show", "actor:quds-force", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["id"] == "actor:quds-force"
    assert record["name"] == "Quds Force"
    assert set(record["mentioned_in"]) == {"claim:qaani-warns", "event:convoy-ied"}
    assert record["relations_all"] == [
        {"label": "led by", "type": "leads", "other": "actor:ghaani", "note": "", "outgoing": False}
    ]


def test_show_content_prints_literally_never_as_markup(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    t = alpha_tables()
    t["actors"]["actor:quds-force"]["name"] = "[bold red]Quds[/] \x1b[31mForce"
    lib = tmp_path / "lib"
    write_tables(lib / "alpha.json", t)
    code, out, _ = run(capsys, lib, "show", "actor:quds-force")
    assert code == 0
    assert out.splitlines()[0] == "[bold red]Quds[/] Force"
    assert "\x1b" not in out


@pytest.mark.parametrize("entity_id", ["actor:nobody", "nonsense", "note:01abc", "", "?!"])
def test_show_of_an_unknown_id_is_one_line_on_stderr_and_exit_1(
    capsys: pytest.CaptureFixture[str], small_dir: Path, entity_id: str
) -> None:
    code, out, err = run(capsys, small_dir, "show", entity_id)
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("briefing: ")


def test_validate_a_good_file_exits_0(capsys: pytest.CaptureFixture[str], small_dir: Path) -> None:
    code, out, _ = run(capsys, small_dir, "validate", str(small_dir / "alpha.json"))
    assert code == 0
    assert out.startswith("ok: 1 file(s) valid")


def test_validate_a_broken_file_names_file_id_and_field_for_every_problem_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    t = alpha_tables()
    t["events"]["event:convoy-ied"]["date"] = "2021-02-31"
    t["events"]["event:talks"]["kind"] = "chat"
    t["claims"]["claim:qaani-warns"]["about"] = ["actor:nobody"]
    t["actors"]["actor:quds-force"]["relations"] = [{"type": "leads", "target": "claim:qaani-warns"}]
    broken = write_tables(tmp_path / "drafts" / "alpha-draft.json", t)
    data = tmp_path / "data"
    before = snapshot(small_dir, broken.parent, data)

    code = main(["--no-shipped", "--library", str(small_dir), "--data-dir", str(data), "validate", str(broken)])
    out, err = capsys.readouterr()

    assert code == 1
    lines = sorted(out.splitlines())
    assert lines[:3] == [
        f"{broken}: actor:quds-force: relations[0].target: claim:qaani-warns is a claim, expected a actor",
        f"{broken}: claim:qaani-warns: about[0]: dangling reference: actor:nobody is not defined",
        f"{broken}: event:convoy-ied: date: 2021-02-31 is no real day: February 2021 has 28 days",
    ]
    assert lines[3].startswith(f"{broken}: event:talks: kind: unknown value 'chat' (expected one of: ")
    assert len(lines) == 4
    assert "4 problem(s) in 1 file(s)" in err
    assert snapshot(small_dir, broken.parent, data) == before


def test_validate_does_not_let_a_file_lean_on_its_own_old_copy_in_the_library(
    capsys: pytest.CaptureFixture[str], small_dir: Path
) -> None:
    t = alpha_tables()
    del t["actors"]["actor:quds-force"]  # still referenced by the claim and an event
    path = write_tables(small_dir / "alpha.json", t)
    code, out, _ = run(capsys, small_dir, "validate", str(path))
    assert code == 1
    assert "dangling reference: actor:quds-force" in out


def test_validate_reports_an_id_another_briefing_already_uses(
    capsys: pytest.CaptureFixture[str], small_dir: Path, tmp_path: Path
) -> None:
    t = alpha_tables()
    t["briefing"] = {"briefing:gamma": t["briefing"]["briefing:alpha"]}
    path = write_tables(tmp_path / "gamma.json", t)
    code, out, _ = run(capsys, small_dir, "validate", str(path))
    assert code == 1
    assert f"{path}: event:talks: id: already defined in briefing:alpha" in out


def test_the_command_never_shows_a_traceback(small_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"briefing": {"briefing:x": {"title": 1}}, "events": [[[')
    for args in (["validate", str(broken)], ["show", "actor:nobody"], ["show", "actor:ghaani"]):
        result = subprocess.run(
            [sys.executable, "-m", "briefing", "--no-shipped", "--library", str(small_dir), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
        assert "Traceback" not in result.stderr
        if args[1] == "actor:ghaani":
            assert result.returncode == 0
            assert "Esmail Qaani" in result.stdout
        else:
            assert result.returncode == 1
            assert result.stderr.startswith("briefing: ")


def test_list_of_something_that_is_not_a_briefing_is_an_error(
    capsys: pytest.CaptureFixture[str], small_dir: Path
) -> None:
    code, out, err = run(capsys, small_dir, "list", "events", "--briefing", "actor:ghaani")
    assert (code, out) == (1, "")
    assert "not a briefing" in err


def shipped(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """A command on the shipped briefing alone."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["Pompeo", "pompéo", "MIKE POMPEO", "mike-pompeo"])
def test_show_takes_an_entry_by_its_name_or_alias(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = shipped(capsys, "show", name)
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == ["Mike Pompeo", "actor:mike-pompeo · person · US Secretary of State"]


def test_show_by_name_folds_punctuation_as_search_does_and_gives_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = shipped(capsys, "show", "asaib ahl al haq", "--json")
    assert code == 0 and json.loads(out)["id"] == "actor:asaib-ahl-al-haq"
    code, out, _ = shipped(capsys, "show", "US faces crossroads in Iraq with threat of embassy closure")
    assert code == 0 and out.splitlines()[1].startswith("source:jpost-us-crossroads-iraq-2020 · ")


def test_show_of_a_name_several_entries_share_lists_them_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = shipped(capsys, "show", "Rocket attack on US targets")
    assert (code, out) == (1, "")
    head, *candidates = err.splitlines()
    assert head == "briefing: 'Rocket attack on US targets' is the name of 21 entries; show one by its id:"
    assert len(candidates) == 21
    assert candidates[0] == "briefing: event:2020-07-24-rocket-attack (Rocket attack on US targets, 24 Jul 2020)"


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("Pompio", "'Pompeo' (actor:mike-pompeo)"), ("Kazali", "'Khazali' (actor:qais-khazali)")],
)
def test_show_of_a_misspelt_name_says_did_you_mean(
    capsys: pytest.CaptureFixture[str], name: str, suggestion: str
) -> None:
    code, out, err = shipped(capsys, "show", name)
    assert (code, out) == (1, "")
    assert err == f"briefing: no entry is named {name!r}; did you mean: {suggestion}?\n"


def test_show_of_a_name_nothing_has_offers_no_example_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = shipped(capsys, "show", "Zanzibar")
    assert (code, out) == (1, "")
    assert err == "briefing: no entry is named 'Zanzibar'; briefing search 'Zanzibar' looks for it in the text\n"


def test_show_into_a_pipe_prints_each_row_whole(tmp_path: Path) -> None:
    """It wrapped at 80 columns, leaving an id alone at the start of a line."""
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "--data-dir", str(tmp_path), "show", "actor:asaib-ahl-al-haq"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert result.returncode == 0
    rows = [line for line in result.stdout.splitlines() if "[claim:aah-no-iraqi-probe-of-rocket-attacks]" in line]
    assert rows and all("Iraq should not open an investigation" in row for row in rows)
    assert not any(line.startswith("[claim:") for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["export", "--format", "xml"], "briefing: export: argument --format: invalid choice: 'xml'"),
        (["list", "widgets"], "briefing: list: argument KIND: invalid choice: 'widgets'"),
        (["nosuch"], "briefing: argument COMMAND: invalid choice: 'nosuch'"),
    ],
)
def test_a_bad_argument_is_one_line_naming_the_command_s_help(
    capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(said) and "--help)" in err, err
