"""The one place where content becomes display text.

Strings from briefings, notes, file names and queries are data.  They are
never parsed as Rich or Textual markup, and terminal control characters in
them never reach the terminal: Rich passes ESC, OSC 8 links and OSC 52
clipboard writes straight through even with markup off.  ``clean`` strips
C0 and C1 controls (except newline and tab), DEL, bidi overrides and
isolates, and lone surrogates; ``text`` wraps the result in a Rich ``Text``
built from the plain string, so brackets stay brackets.
"""

from __future__ import annotations

import re

from rich.style import Style, StyleType
from rich.text import Text

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f"  # C0 controls but tab and newline, and DEL
    "\x80-\x9f"  # C1 controls (8-bit CSI, OSC, ...)
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\ud800-\udfff"  # lone surrogates
    "]"
)


def clean(value: object) -> str:
    """``value`` as a string that is safe to send to a terminal."""
    return _UNSAFE.sub("", value if isinstance(value, str) else str(value))


def one_line(value: object) -> str:
    """Clean text folded to one line, for table cells and titles."""
    return " ".join(clean(value).split())


def text(value: object, style: StyleType = "", *, single_line: bool = False) -> Text:
    """A Rich Text of content: literal, never markup."""
    plain = one_line(value) if single_line else clean(value)
    return Text(plain, style=style, no_wrap=False, end="")


def shorten(value: object, width: int) -> str:
    """One clean line cut to ``width`` characters with an ellipsis.

    A long value is folded from its start only, as far as the cut needs: a
    5 MB claim cut to a table cell took 0.1 s to clean and fold whole.
    """
    raw = value if isinstance(value, str) else str(value)
    head = 4 * width + 64
    if len(raw) > head and len(start := one_line(raw[:head])) > width:
        return start[: max(width - 1, 0)] + "…"
    line = one_line(raw)
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"


def join(*parts: Text | str, sep: str = "") -> Text:
    """Concatenate Texts; plain ``str`` parts are treated as content (cleaned)."""
    out = Text(end="")
    for index, part in enumerate(parts):
        if index and sep:
            out.append(sep)
        out.append_text(part if isinstance(part, Text) else text(part))
    return out


MATCH_STYLE = Style(bold=True, underline=True)


def highlighted(value: object, spans: list[tuple[int, int]], style: StyleType = MATCH_STYLE) -> Text:
    """Content with the given character ranges (of the cleaned text) emphasised."""
    out = text(value)
    for start, end in spans:
        out.stylize(style, start, end)
    return out
