from __future__ import annotations

import pytest

from briefing.cli import output


def test_long_listings_print_as_clean_tab_separated_lines(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [[f"actor:a{n}", f"Name\x1b[31m {n}\n[bold]"] for n in range(output.PLAIN_ABOVE + 1)]
    output.print_table(["id", "name"], rows)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "id\tname"
    assert lines[1] == "actor:a0\tName[31m 0 [bold]"
    assert len(lines) == output.PLAIN_ABOVE + 2
