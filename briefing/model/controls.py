"""Control characters in text that comes in: found and located, or taken out of what a person typed.

What a terminal would obey (ESC and the other C0 controls, DEL, the 8-bit
C1 controls such as CSI U+009B) and what reorders text as it is shown (bidi
embeddings, overrides and isolates, the "Trojan Source" characters) has no
place in a note.  A note that arrives in a file holding one is refused,
located to the character; a note typed in the editor or given to
``annotate`` has them taken out.  Newline and tab are text, and so is a
carriage return (a line end, which the notes store makes a newline).  The bidi
marks LRM, RLM and ALM are left in: Arabic and Hebrew text uses them, and
the display drops them (``briefing.text``).
"""

from __future__ import annotations

import re

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_problem(value: str) -> str | None:
    """None when ``value`` holds no control character, else which one and where (1-based column)."""
    found = _CONTROL_RE.search(value)
    if found is None:
        return None
    return f"control character U+{ord(found.group()):04X} at column {found.start() + 1}"


def without_controls(value: str) -> str:
    """``value`` with every control character taken out (newline, tab and carriage return stay)."""
    return _CONTROL_RE.sub("", value)
