"""The one place where content becomes display text.

Strings from briefings, notes, file names and queries are data.  They are
never parsed as Rich or Textual markup, and terminal control characters in
them never reach the terminal: Rich passes ESC, OSC 8 links and OSC 52
clipboard writes straight through even with markup off.  ``clean`` drops
terminal control sequences whole (``ESC [31m``, not just its ESC), then strips
C0 and C1 controls (except newline and tab), DEL, bidi embeddings, overrides
and isolates, the bidi marks LRM, RLM and ALM, lone surrogates, the tag
characters U+E0000-U+E007F (invisible, they can carry a hidden copy of any
ASCII text) and the interlinear annotation characters U+FFF9-U+FFFB, and
makes the line and paragraph separators U+2028/U+2029 newlines; ``text``
wraps the result in a Rich ``Text`` built from the plain string, so
brackets stay brackets.  The zero-width joiner and non-joiner and the
variation selectors stay: Persian words and emoji are written with them.

A byte of a file name that is not UTF-8 reaches Python as a surrogate
escape (U+DC80-U+DCFF, ``os.fsdecode``); ``clean`` shows it as ``\\xNN``
rather than dropping it.  ``path`` is the helper for a file name in a
message: it spells out every control character too (``\\x1b``, ``\\u202e``),
so the name printed is the name of the file.

Every string a widget shows goes through here: content, notes, file names,
exception messages, settings, and the values of inputs and text areas,
which Textual draws itself from the plain string.
"""

from __future__ import annotations

import os
import re

from rich.style import Style, StyleType
from rich.text import Text

from briefing.model.controls import CONTROL_SEQUENCE

_SHOWN_OTHERWISE = (
    "\u061c\u200e\u200f"  # bidi marks: ALM, LRM, RLM
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\ud800-\udfff"  # lone surrogates
    "\ufff9-\ufffb"  # interlinear annotation: text a terminal would show that a reader is not meant to see
    "\U000e0000-\U000e007f"  # tag characters: invisible, an ASCII copy of hidden text
)
"""What neither content nor a file name may send to the terminal as it is, beyond the controls."""

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f"  # C0 controls but tab and newline, and DEL
    "\x80-\x9f"  # C1 controls (8-bit CSI, OSC, ...)
    f"{_SHOWN_OTHERWISE}]"
)


def _replacement(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\u2028\u2029":
        return "\n"
    if "\udc80" <= char <= "\udcff":  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{ord(char) - 0xDC00:02x}"
    return ""


def clean(value: object) -> str:
    """``value`` as a string that is safe to send to a terminal."""
    plain = value if isinstance(value, str) else str(value)
    # The search box calls this per hit and per keystroke: a search alone when nothing needs replacing.
    if not _UNSAFE.search(plain):
        return plain
    return _UNSAFE.sub(_replacement, CONTROL_SEQUENCE.sub("", plain))


_PATH_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_SHOWN_OTHERWISE}]")  # tab and newline too: a name is one line


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        code -= 0xDC00
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def path(value: object) -> str:
    """A file name (str, bytes or a path) for a message, as one line that names that file and no other.

    What ``clean`` would drop from content is spelt out instead, as ``\\xNN``
    or ``\\uNNNN``: every control character (C0 with newline and tab, DEL,
    C1), the bidi controls and marks, and a byte that is not UTF-8.  A name
    with ESC in it then prints as ``broken \\x1b[2J.json``, not as the
    different name ``broken [2J.json``.  Cleaning the result again, as a
    whole message line is, changes nothing.
    """
    name = os.fsdecode(value) if isinstance(value, str | bytes | os.PathLike) else str(value)
    return _PATH_UNSAFE.sub(_escaped, name) if _PATH_UNSAFE.search(name) else name


def one_line(value: object) -> str:
    """Clean text folded to one line, for table cells and titles."""
    return " ".join(clean(value).split())


def input_line(value: object) -> str:
    """Clean text as the value of a one-line input: line breaks and tabs become spaces, the rest stays as typed.

    Not ``one_line``: a query's spaces mean something (a trailing space ends
    a word that would otherwise match as a prefix).
    """
    return clean(value).replace("\n", " ").replace("\t", " ")


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
