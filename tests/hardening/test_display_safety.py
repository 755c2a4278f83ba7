"""Whatever a briefing, a file name or an argument holds, the terminal only ever receives plain text.

Each command runs over a hostile briefing (markup in names, escape
sequences for the screen, hyperlinks and the clipboard, bidi overrides, C1
controls, a 100 KB claim, Arabic and wide CJK names) and a broken file with
control characters in its name; every byte it prints is scanned.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import output
from briefing.text import clean, input_line, one_line, path, text
from tests.factories import write_tables
from tests.hardening.helpers import (
    ARABIC,
    CJK,
    LONG_CLAIM,
    MARKUP,
    ROOT,
    hostile_tables,
    run,
    unsafe_in,
    without_taken_out,
)

BROKEN_NAME = "broken \x1b[2J\u202e\x9b31m \udcff.json"  # \udcff: a file name byte that is not UTF-8
BROKEN_SHOWN = "broken \\x1b[2J\\u202e\\x9b31m \\xff.json"
"""How a message names it: every control character and the byte spelt out, so the name is the file's."""
BROKEN_CONTENT = json.dumps(
    {"briefing": {"briefing:x\x1b[31m": {"title": "\x1b]52;c;ZXZpbA==\x07"}}, "\u202eevents": 3}
)


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    write_tables(lib / "alpha.json", hostile_tables())
    (lib / BROKEN_NAME).write_text(BROKEN_CONTENT, encoding="utf-8")
    return lib


READ_COMMANDS = [
    ["list"],
    ["list", "actors"],
    ["list", "claims"],
    ["list", "events"],
    ["list", "sources"],
    ["list", "actors", "--json"],
    ["show", "briefing:alpha"],
    ["show", "actor:ghaani"],
    ["show", "actor:quds-force"],
    ["show", "actor:cjk"],
    ["show", "claim:qaani-warns"],
    ["show", "claim:markup"],
    ["show", "event:convoy-ied"],
    ["show", "source:wire-2021"],
    ["show", "actor:ghaani", "--json"],
    ["export", "--format", "md"],
    ["export", "--format", "csv"],
    ["export", "--format", "json"],
    ["export", "--format", "stix"],
    ["show", "actor:\x1b[2J\u202e"],
    ["show", "\x1b]52;c;ZXZpbA==\x07"],
    ["list", "events", "--briefing", "briefing:\x1b[31m"],
]


def _printed(result_out: str, command: list[str]) -> str:
    # CSV ends its records with \r\n (RFC 4180); a lone \r from content would still be caught.
    return result_out.replace("\r\n", "\n") if "csv" in command else result_out


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c).encode("unicode_escape").decode())
def test_no_command_prints_a_control_character_from_content(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    hostile_dir: Path,
    tmp_path: Path,
    command: list[str],
    terminal: bool,
) -> None:
    if terminal:  # Rich then writes colours: those are the only escape sequences allowed
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.setattr(output, "_stdout", None)
    result = run(capsys, "--library", hostile_dir, "--data-dir", tmp_path / "data", *command)
    assert result.code in (0, 1)
    assert unsafe_in(_printed(result.out, command), terminal=terminal) == []
    assert unsafe_in(result.err) == []
    assert "Traceback" not in result.err
    assert all(line.startswith("briefing: ") for line in result.err.splitlines())  # a warning, then an error


def test_names_print_literally_never_as_markup(capsys: pytest.CaptureFixture[str], hostile_dir: Path) -> None:
    listing = run(capsys, "--library", hostile_dir, "list", "actors")
    assert listing.code == 0
    for name in (MARKUP, ARABIC, CJK):
        assert name in listing.out
    shown = run(capsys, "--library", hostile_dir, "show", "actor:ghaani")
    assert shown.out.splitlines()[0] == MARKUP
    assert "[/]" in shown.out  # an alias that would close every style, printed as it is
    assert "[link=https://evil.example]a link[/link]" in shown.out
    assert ":smile:" in shown.out
    closing = run(capsys, "--library", hostile_dir, "show", "claim:markup")
    assert (closing.code, closing.out.splitlines()[0]) == (0, "[/]")


def test_arabic_and_wide_names_print_whole(capsys: pytest.CaptureFixture[str], hostile_dir: Path) -> None:
    for entity_id, name in (("actor:quds-force", ARABIC), ("actor:cjk", CJK)):
        result = run(capsys, "--library", hostile_dir, "show", entity_id)
        assert result.out.splitlines()[0] == name


def test_a_100_kb_claim_is_shown_whole(capsys: pytest.CaptureFixture[str], hostile_dir: Path) -> None:
    result = run(capsys, "--library", hostile_dir, "show", "claim:qaani-warns")
    assert result.code == 0
    assert "".join(result.out.split()).count("andon") == LONG_CLAIM.count("and on")


def test_json_output_escapes_what_a_terminal_would_obey_and_reads_back_the_same(
    capsys: pytest.CaptureFixture[str], hostile_dir: Path
) -> None:
    result = run(capsys, "--library", hostile_dir, "show", "actor:ghaani", "--json")
    assert unsafe_in(result.out) == []
    assert json.loads(result.out)["aliases"] == hostile_tables()["actors"]["actor:ghaani"]["aliases"]


def test_problems_with_hostile_files_are_clean_located_lines(
    capsys: pytest.CaptureFixture[str], hostile_dir: Path, tmp_path: Path
) -> None:
    broken = hostile_dir / BROKEN_NAME
    for command in ("validate", "import"):
        result = run(capsys, "--library", tmp_path / "empty", "--data-dir", tmp_path / "data", command, broken)
        assert result.code == 1
        assert unsafe_in(result.out) == [] and unsafe_in(result.err) == []
        assert len(result.err.splitlines()) == 1
        lines = result.out.splitlines()
        assert lines and all(line.startswith(f"{hostile_dir}/{BROKEN_SHOWN}: ") for line in lines)
        assert any("briefing:x\\x1b[31m" in line and "malformed id" in line for line in lines)


def test_listing_warns_about_a_broken_file_with_a_clean_name(
    capsys: pytest.CaptureFixture[str], hostile_dir: Path
) -> None:
    result = run(capsys, "--library", hostile_dir, "list")
    assert result.code == 0
    assert BROKEN_SHOWN in result.err  # the control characters and the byte that is not UTF-8 shown, not dropped
    assert unsafe_in(result.err) == []


def test_an_error_naming_a_hostile_path_is_one_clean_line(
    capsys: pytest.CaptureFixture[str], hostile_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "no \x1b]8;;x\x1b\\ such \u202e folder" / "out.md"
    result = run(capsys, "--library", hostile_dir, "export", "--format", "md", "-o", target)
    assert (result.code, result.out) == (1, "")
    error, *library_report = result.err.splitlines()
    assert error.startswith("briefing: ") and "no \\x1b]8;;x\\x1b\\ such \\u202e folder/out.md: cannot write" in error
    assert library_report and all(BROKEN_SHOWN in line for line in library_report)
    assert unsafe_in(result.err) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["--bogus\x1b[2J\u202e"],
        ["list", "\x1b]52;c;ZXZpbA==\x07"],
        ["show"],
        ["show", "a", "b\x9b31m\u2066"],
        ["export", "--format", "\x1b[2Jpdf"],
    ],
)
def test_the_argument_parser_echoes_arguments_clean(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    result = run(capsys, *argv)
    assert result.code == 2
    assert result.err and unsafe_in(result.err) == []


def test_a_real_process_prints_clean_utf8_bytes(hostile_dir: Path, tmp_path: Path) -> None:
    """Once through a real process and its real stdout, bytes and all, coloured as on a terminal."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "BRIEFING_HOME": str(tmp_path / "home"), "FORCE_COLOR": "1"}
    base = [sys.executable, "-m", "briefing", "--no-shipped", "--library", str(hostile_dir)]
    for command in (["list", "actors"], ["show", "actor:ghaani"], ["validate", str(hostile_dir / BROKEN_NAME)]):
        done = subprocess.run([*base, *command], capture_output=True, cwd=ROOT, timeout=60, env=env)
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # strict: no lone surrogates either
        assert "Traceback" not in err
        assert unsafe_in(out, terminal=True) == [], command
        assert unsafe_in(err) == [], command
        if command[0] == "list":
            assert ARABIC in out and CJK in out and MARKUP in out


def test_a_terminal_that_cannot_show_a_name_gets_a_placeholder_not_a_traceback(hostile_dir: Path) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONIOENCODING": "ascii"}
    base = [sys.executable, "-m", "briefing", "--no-shipped", "--library", str(hostile_dir)]
    shown = subprocess.run([*base, "show", "actor:quds-force"], capture_output=True, cwd=ROOT, timeout=60, env=env)
    assert shown.returncode == 0
    assert shown.stdout.splitlines()[0] == ARABIC.encode("ascii", "replace")
    assert b"Traceback" not in shown.stderr
    exported = subprocess.run([*base, "export", "--format", "md"], capture_output=True, cwd=ROOT, timeout=60, env=env)
    assert (exported.returncode, exported.stdout) == (1, b"")
    error, *library_report = exported.stderr.splitlines()
    assert b"PYTHONIOENCODING=utf-8" in error and b"Traceback" not in exported.stderr
    assert library_report and all(BROKEN_SHOWN.encode() in line for line in library_report)


# -- briefing.text: the one place content becomes display text ------------------------------------

MUST_GO = [
    *(chr(c) for c in range(0x00, 0x20) if chr(c) not in "\n\t"),
    "\x7f",
    *(chr(c) for c in range(0x80, 0xA0)),
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\ufff9",  # interlinear annotation anchor, separator, terminator
    "\ufffa",
    "\ufffb",
    *(chr(c) for c in range(0xE0000, 0xE0080)),  # tag characters
    "\ud800",
    "\udbff",
    "\udc00",
    "\udfff",
]


@pytest.mark.parametrize("char", MUST_GO, ids=lambda c: f"U+{ord(c):04X}")
def test_clean_removes_every_character_a_terminal_would_act_on(char: str) -> None:
    # After the 8-bit CSI a letter ends the sequence ("CSI b" is a command) and goes with it; a tab does not.
    after = "\tb" if char == "\x9b" else "b"
    assert clean(f"a{char}{after}") == f"a{after}"
    assert one_line(f"a{char}{after}") == one_line(f"a{after}")
    assert text(f"a{char}{after}").plain == f"a{after}"


def test_clean_keeps_text_people_write() -> None:
    persian, emoji = "می\u200cخواهم", "❤\ufe0f 👨\u200d👩\u200d👧 ✌\U0001f3fd"  # ZWNJ; VS16, ZWJ
    for value in (ARABIC, CJK, "Qâani – «x» ✓ 😀", "[bold]x[/bold]", "line\nnext\tcell", "a\u200db", persian, emoji):
        assert clean(value) == value
    assert one_line("a\nb\tc  d") == "a b c d"


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c"], ids=["LRM", "RLM", "ALM"])
def test_clean_removes_the_bidi_marks(char: str) -> None:
    assert clean(f"{ARABIC}{char} x") == f"{ARABIC} x"
    assert text(f"a{char}b").plain == "ab"


def test_line_and_paragraph_separators_are_line_breaks() -> None:
    assert clean("one\u2028two\u2029three") == "one\ntwo\nthree"
    assert one_line("one\u2028two\u2029three") == "one two three"
    assert input_line("a\u2028b\tc ") == "a b c "


def test_a_file_name_byte_that_is_not_utf8_is_shown_as_an_escape() -> None:
    name = os.fsdecode(b"caf\xe9 \x1b[2J.json")
    assert clean(name) == "caf\\xe9 .json"  # the erase-screen sequence goes whole
    assert path(Path(name)) == path(os.fsencode(name)) == "caf\\xe9 \\x1b[2J.json", "the name of that file, not another"
    assert clean("\udc00\ud800") == ""  # a surrogate no file name byte makes is dropped


def test_import_reports_clean_lines_whatever_the_folder_names(
    capsys: pytest.CaptureFixture[str], hostile_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data \x1b[2J\u202e\x9b"
    result = run(capsys, "--library", tmp_path / "empty", "--data-dir", data, "import", hostile_dir / "alpha.json")
    assert (result.code, without_taken_out(result.err)) == (0, "")
    assert result.out == f"imported briefing:alpha -> {path(data / 'library' / 'alpha.json')}\n"
    assert "\\x1b[2J\\u202e\\x9b" in result.out  # the folder's controls spelt out, so the path printed is the real one
    assert unsafe_in(result.out) == [] and unsafe_in(result.err) == []


def test_an_os_error_naming_a_file_in_bytes_names_it_readably(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.workspace import Workspace

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", b"/data/caf\xe9 \x1b]0;pwned\x07.json")

    monkeypatch.setattr(Workspace, "from_options", refuse)
    result = run(capsys, "list")
    assert (result.code, result.out) == (1, "")
    assert result.err == "briefing: /data/caf\\xe9 \\x1b]0;pwned\\x07.json: Permission denied\n"


# -- file names in messages: the name printed is the file's -----------------------------------------

NAMED = {
    "ESC": ("\x1b[31m", "\\x1b[31m"),
    "newline and tab": ("\n\t", "\\x0a\\x09"),
    "DEL and BEL": ("\x7f\x07", "\\x7f\\x07"),
    "C1 CSI": ("\x9b", "\\x9b"),
    "bidi override and isolate": ("\u202e\u2066", "\\u202e\\u2066"),
    "LRM, RLM, ALM": ("\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"),
    "line separator": ("\u2028", "\\u2028"),
    "tag character": ("\U000e0041", "\\U000e0041"),
}


@pytest.mark.parametrize("inside", NAMED.values(), ids=NAMED.keys())
def test_path_spells_out_every_control_character_of_a_file_name(inside: tuple[str, str]) -> None:
    raw, shown = inside
    name = f"/lib/bad{raw} \udcfe.json"
    assert path(name) == path(Path(name)) == path(os.fsencode(name)) == f"/lib/bad{shown} \\xfe.json"
    assert clean(path(name)) == one_line(path(name)) == path(name), "a message line cleaned again: no double escape"
    assert path("/lib/ordinary  café.json") == "/lib/ordinary  café.json"


def test_validate_list_and_the_problem_summary_name_a_file_with_controls_as_it_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    write_tables(lib / "alpha.json", hostile_tables())
    bad = lib / "bad\x1b[2J\u202e\n.json"
    bad.write_text("{", encoding="utf-8")
    shown = f"{lib}/bad\\x1b[2J\\u202e\\x0a.json"

    validated = run(capsys, "validate", bad)
    assert validated.code == 1 and validated.out.startswith(f"{shown}: "), validated.out
    listed = run(capsys, "--library", lib, "--data-dir", tmp_path / "data", "list")
    assert listed.code == 0
    assert listed.err.splitlines()[0].startswith(f"briefing: 1 problem(s) in {shown}; skipped")
    assert listed.err.splitlines()[1].startswith(f"briefing: {shown}: ")
    missing = run(capsys, "validate", lib / "gone\x1b]0;x\x07.json")
    assert missing.code == 1 and f"{lib}/gone\\x1b]0;x\\x07.json" in missing.out + missing.err
    for result in (validated, listed, missing):
        assert unsafe_in(result.out) == [] and unsafe_in(result.err) == []


def test_extract_names_an_article_with_controls_and_bytes_that_are_not_utf8(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / os.fsdecode(b"art\xfb\x1b[2J.txt")
    article.write_text("Esmail Qaani met Qais Khazali in Baghdad on 3 March 2021.\n", encoding="utf-8")
    out = tmp_path / "draft\x1b[31m.json"
    result = run(capsys, "--data-dir", tmp_path / "data", "extract", article, "-o", out)
    assert result.code == 0, result.err
    assert "extracted art\\xfb\\x1b[2J.txt: " in result.err
    assert f"-> {tmp_path}/draft\\x1b[31m.json" in result.err
    assert (
        "DRAFT extracted from art\\xfb\\x1b[2J.txt"
        in json.loads(out.read_text("utf-8"))["briefing"].popitem()[1]["summary"]
    )
    assert unsafe_in(result.err) == []
