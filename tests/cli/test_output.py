from __future__ import annotations

import pytest
from rich.text import Text

from briefing.cli import output


def test_long_listings_print_as_clean_tab_separated_lines(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[f"actor:a{n}", f"Name\x1b[31m {n}\n[bold]"] for n in range(output.PLAIN_ABOVE + 1)]
    output.print_table(["id", "name"], rows)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "id\tname"
    assert lines[1] == "actor:a0\tName 0 [bold]"
    assert len(lines) == output.PLAIN_ABOVE + 2


ROWS = [["event:2020-09-british-diplomatic-convoy-attack", "event", "Attack on a British diplomatic convoy " * 3]]


def test_into_a_pipe_even_a_short_listing_is_one_line_a_row(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(output, "_stdout", None)
    output.print_table(["id", "kind", "title"], ROWS, title="events · 1")
    assert capsys.readouterr().out.splitlines() == ["id\tkind\ttitle", "\t".join(ROWS[0]).rstrip()]


def test_on_a_terminal_a_short_listing_is_a_table(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setattr(output, "_stdout", None)
    output.print_table(["id", "kind", "title"], ROWS, title="events · 1")
    shown = [Text.from_ansi(line).plain.rstrip() for line in capsys.readouterr().out.splitlines()]
    assert shown[0] == "events · 1"
    assert len(shown) > 3 and max(map(len, shown)) <= 80
