"""``briefing extract``: a draft that validates, a reminder that it is one, and one clear line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.model.validation import validate_tables
from briefing.store.briefings import load_file
from tests.ingest.seed import SEED, seed_text

ARTICLE = """Militia leader tells the US to go

Qais Khazali said on September 20 that US forces must leave Iraq.
Convoys for US facilities were attacked by IEDs on September 2, 3 and 15.
"""


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--no-shipped", "extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_prints_a_draft_briefing_that_validates(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    code, out, err = cli(capsys, str(article), "--date", "2020-09-28")
    assert code == 0
    tables = json.loads(out)
    assert validate_tables(tables, "stdout") == []
    assert list(tables["briefing"]) == ["briefing:militia-leader-tells-the-us-to-go"]
    assert len(tables["events"]) == 4
    lines = err.splitlines()
    assert lines[0] == "extracted article.txt: 2 paragraphs, 3 actors, 1 claims, 4 events (3 IED, 1 other)"
    assert lines[1] == "dates without a year read against 2020-09-28 (--date)"
    assert lines[-1].startswith("DRAFT: claims, titles and descriptions are quoted from or follow the source")
    assert "rewrite them in your own words" in lines[-1]


def test_without_a_date_it_says_what_it_assumed(capsys: pytest.CaptureFixture[str], article: Path) -> None:
    code, _, err = cli(capsys, str(article))
    assert code == 0
    assert "no --date: dates without a year read against" in err
    assert "give --date to be sure" in err


def test_writes_a_briefing_file_and_never_overwrites_unasked(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path
) -> None:
    target = tmp_path / "draft.json"
    code, out, err = cli(capsys, str(article), "--date", "2020-09-28", "-o", str(target))
    assert (code, out) == (0, "")
    assert f"wrote briefing:militia-leader-tells-the-us-to-go -> {target}" in err
    doc = load_file(target)
    assert doc.briefing.summary.startswith("DRAFT extracted from article.txt")
    assert {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")} == {"article.txt", "draft.json"}
    assert not list(tmp_path.glob("*.tmp"))  # the lock file beside it is hidden: .draft.json.lock

    target.write_text("my edits", encoding="utf-8")
    code, _, err = cli(capsys, str(article), "-o", str(target))
    assert code == 1
    assert err == f"briefing: {target}: already exists (use --force to replace it)\n"
    assert target.read_text(encoding="utf-8") == "my edits"

    code, _, _ = cli(capsys, str(article), "-o", str(target), "--force")
    assert code == 0
    assert load_file(target).briefing.id == "briefing:militia-leader-tells-the-us-to-go"


def test_reads_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = __import__("io").BytesIO(ARTICLE.encode("utf-8"))

    monkeypatch.setattr(sys, "stdin", Stdin)
    code, out, err = cli(capsys, "-", "--date", "2020-09-28")
    assert code == 0
    assert json.loads(out)["sources"]
    assert err.startswith("extracted standard input:")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        (b"", "empty article"),
        (b"  \n\n\t\n", "empty article"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00binary", "not a text file (it holds binary data)"),
        (b"caf\xe9 au lait", "not UTF-8 text (byte 3)"),
    ],
)
def test_unreadable_articles_are_one_clear_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, problem: str
) -> None:
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    code, out, err = cli(capsys, str(path))
    assert (code, out) == (1, "")
    assert err == f"briefing: {path}: {problem}\n"


def test_a_folder_is_not_an_article(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, str(tmp_path))
    assert code == 1
    assert err == f"briefing: {tmp_path}: is a directory, expected a text file\n"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2020-02-31", "2020-02-31 is no real day: February 2020 has 29 days"),
        ("Sept 28", "expected an ISO date YYYY-MM-DD"),
    ],
)
def test_a_bad_date_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], article: Path, value: str, problem: str
) -> None:
    code, out, err = cli(capsys, str(article), "--date", value)
    assert (code, out) == (1, "")
    assert err.startswith(f"briefing: --date: {problem}")
    assert len(err.splitlines()) == 1


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "--no-shipped", "extract", str(binary)],
        capture_output=True,
        text=True,
        env={"BRIEFING_HOME": str(tmp_path / "home"), "PATH": ""},
    )
    assert result.returncode == 1
    assert result.stderr == f"briefing: {binary}: not a text file (it holds binary data)\n"


def test_the_seed_article_through_the_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    seed_text()
    target = tmp_path / "seed.json"
    code, _, err = cli(capsys, str(SEED), "--date", "2020-09-28", "-o", str(target))
    assert code == 0
    doc = load_file(target)
    kinds = [e.event_kind for e in doc.events]
    assert kinds.count("remote-explosive-ied") >= 14
    assert kinds.count("shelling-artillery-missile-attack") >= 21
    assert "(14 IED, 21 rocket" in err


def test_a_draft_of_the_shipped_briefings_article_imports_beside_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The shipped briefing was made from the seed article: a draft of it dates the same attacks alike."""
    seed_text()
    target = tmp_path / "seed.json"
    code = main(["extract", str(SEED), "--date", "2020-09-28", "-o", str(target)])
    _, err = capsys.readouterr()
    assert code == 0
    assert "numbered (-2, ...) to keep clear of entries already in your library" in err
    assert main(["import", str(target)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["list", "briefings", "--json"]) == 0
    briefings = {b["id"] for b in json.loads(capsys.readouterr().out)}
    assert {"briefing:iraq-convoy-attacks-2020", load_file(target).briefing.id} <= briefings


@pytest.mark.parametrize("how", ["the same path", "a symlink to it", "a hard link to it", "through .."])
def test_the_draft_never_replaces_the_article_it_reads(
    capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path, how: str
) -> None:
    before = article.read_bytes()
    given = {
        "the same path": article,
        "a symlink to it": tmp_path / "link.txt",
        "a hard link to it": tmp_path / "hard.txt",
        "through ..": article.parent / "sub" / ".." / article.name,
    }[how]
    if how == "a symlink to it":
        given.symlink_to(article)
    elif how == "a hard link to it":
        given.hardlink_to(article)
    elif how == "through ..":
        (article.parent / "sub").mkdir()
    for source, output in ((article, given), (given, article)):
        code, out, err = cli(capsys, str(source), "-o", str(output), "--force")
        assert (code, out) == (1, ""), how
        assert err == f"briefing: {output}: is the article being read ({source}); write the draft to another file\n"
        assert article.read_bytes() == before
