"""Offending values shown in one-line messages: short, escaped, whatever the input.

A message about bad input quotes the input, and the input may be a
megabyte of text, a list nested a thousand deep or a string full of
terminal escapes.  ``preview`` quotes it as a short ``repr`` (escapes are
spelt out, never sent); ``shown_name`` keeps an ordinary id or field name
as it is and previews anything else.
"""

from __future__ import annotations

import re
from typing import Any

PREVIEW_LENGTH = 60
_PLAIN_NAME_RE = re.compile(r"[\w:.\[\]-]{0,80}")


def preview(value: Any, length: int = PREVIEW_LENGTH) -> str:
    """A short repr of a value for a one-line message, however big or deep the value is."""
    try:
        shown = repr(value)
    except RecursionError:
        shown = f"a deeply nested {type(value).__name__}"
    return shown if len(shown) <= length else shown[: length - 1] + "…"


def shown_name(name: Any) -> str:
    """An id or field name as given, or its short repr when it could break a one-line message."""
    return name if isinstance(name, str) and _PLAIN_NAME_RE.fullmatch(name) else preview(name)
