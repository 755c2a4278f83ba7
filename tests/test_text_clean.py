"""``clean`` drops a terminal control sequence whole: a note pasted from a coloured terminal shows its words."""

from __future__ import annotations

import pytest

from briefing.model.controls import without_controls
from briefing.text import clean


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m text", "red text"),  # SGR colours
        ("\x1b[2J\x1b[Hcleared", "cleared"),  # erase and cursor home
        ("\x9b31mC1 CSI", "C1 CSI"),  # the 8-bit CSI
        ("a \x1b]8;;https://x.test\x07link\x1b]8;;\x07 b", "a link b"),  # an OSC 8 hyperlink, BEL-terminated
        ("a \x1b]52;c;aGk=\x1b\\b", "a b"),  # an OSC 52 clipboard write, ST-terminated
        ("title \x1b]0;unterminated", "title ]0;unterminated"),  # no terminator: only the ESC, inert
        ("\x1bPdevice\x1b\\ok", "ok"),  # DCS
        ("ascii\x1b(B here", "ascii here"),  # a character set chosen
        ("lone\x1bc here", "lonec here"),  # a lone ESC goes alone: the letter after it may be a word's
        ("[bold]brackets[/bold] stay", "[bold]brackets[/bold] stay"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
    ],
)
def test_control_sequences_go_whole_and_the_words_stay(raw: str, shown: str) -> None:
    assert clean(raw) == shown
    assert without_controls(raw) == shown, "what a note or an import stores is the same text"


def test_a_lone_escape_and_other_controls_still_go() -> None:
    assert clean("a\x1bb\x07c\x00d") == "abcd"
    assert clean("end\x1b") == "end"
