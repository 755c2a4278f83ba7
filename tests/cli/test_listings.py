"""Listings (``list``, ``notes``, ``search``) on the shipped briefing: whole rows and ISO dates into a pipe.

The README promises one full line a row into a pipe or a file, for ``grep``,
``cut`` and ``sort``; on a terminal, tables cut to fit and dates read as a
person reads them.
"""

from __future__ import annotations

import json
import re

import pytest

from briefing.cli import main, output

ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?")
LONG_CLAIM = "Iraq should not open an investigation into the rocket attacks on US targets."
LONG_NOTE = "AAH leader. " + "Keeps the US guessing about the next strike; " * 6 + "\nSecond line of the note."


@pytest.fixture(autouse=True)
def narrow_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(output, "_stdout", None)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setattr(output, "_stdout", None)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def column(out: str, name: str) -> list[str]:
    header, *rows = out.splitlines()
    where = header.split("\t").index(name)
    return [row.split("\t")[where] for row in rows]


def test_piped_list_of_claims_gives_each_claim_whole(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "claims")
    assert code == 0
    assert "…" not in out
    assert LONG_CLAIM in column(out, "claim")
    assert "claim:aah-no-iraqi-probe-of-rocket-attacks\tstatement\tAsaib Ahl al-Haq\t" + LONG_CLAIM in out


def test_on_a_terminal_the_claims_table_still_fits(capsys: pytest.CaptureFixture[str], terminal: None) -> None:
    code, out, _ = run(capsys, "list", "claims")
    assert code == 0 and "…" in out
    assert LONG_CLAIM not in out


def test_piped_notes_give_the_whole_note_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    note_id = run(capsys, "annotate", "actor:qais-khazali", LONG_NOTE, "--tag", "aah")[1].strip()
    code, out, _ = run(capsys, "notes")
    assert code == 0
    assert "…" not in out
    (row,) = out.splitlines()[1:]
    assert row.split("\t")[:5] == [note_id, "Qais Khazali", "", "#aah", " ".join(LONG_NOTE.split())]


def test_piped_search_never_cuts_a_title_or_a_snippet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "united", "states", "--limit", "50")
    assert code == 0
    assert "…" not in out
    assert all(len(row.split("\t")) == 4 for row in out.splitlines())


def test_piped_listings_give_iso_dates_that_sort(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "events")
    assert code == 0
    dates = column(out, "date")
    assert dates[0] == "2017-09-25"
    assert "2020-01/2020-09" in dates  # a range of months, at its precision
    assert all(ISO.fullmatch(day) for day in dates), dates
    assert dates == sorted(dates)  # the listing is in date order, and the text sorts as the dates do
    assert column(run(capsys, "list")[1], "date") == ["2020-09-28"]


def test_search_gives_iso_dates_piped_and_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "khazali", "kind:claim")
    assert code == 0
    assert set(column(out, "date")) == {"2020-09-27"}
    hits = json.loads(run(capsys, "search", "kind:event", "rocket", "--json", "--limit", "100")[1])
    assert len(hits) > 20 and all(ISO.fullmatch(hit["date"]) for hit in hits)
    assert "2020-07-24" in {hit["date"] for hit in hits}


def test_on_a_terminal_dates_read_as_a_person_reads_them(capsys: pytest.CaptureFixture[str], terminal: None) -> None:
    code, out, _ = run(capsys, "list", "events")
    assert code == 0 and "25 Sep 2017" in out and "2017-09-25" not in out.replace("event:2017-09-25", "")
