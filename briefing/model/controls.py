"""Control characters in text that comes in: found, located, and taken out.

What a terminal would obey (ESC and the other C0 controls, DEL, the 8-bit
C1 controls such as CSI U+009B) and what reorders text as it is shown (bidi
embeddings, overrides and isolates, the "Trojan Source" characters) has no
place in a note or a briefing.  A note typed in the editor or given to
``annotate`` has them taken out; a file given to ``import`` is stored with
them taken out of every string, each one named (``taken_out``), so a stray
character does not cost the reader a colleague's whole file.  Newline and
tab are text, and so is a carriage return (a line end, which the notes store
makes a newline).  The bidi marks LRM, RLM and ALM are left in: Arabic and
Hebrew text uses them, and the display drops them (``briefing.text``).
Content read from a library folder is shown through ``briefing.text`` and
never reaches the terminal raw either way.
"""

from __future__ import annotations

import re

CONTROL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erasing (ESC [ 31 m)
    r"|(?:\x1b[\]P_^X]|[\x9d\x90\x9f\x9e\x98])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC, DCS, APC, PM, SOS strings
    r"|\x1b[ -/]+[0-~]"  # a character set chosen (ESC ( B): a lone ESC before a letter goes alone
)
"""A terminal control sequence, dropped whole: without it only ESC would go, and "[31m" be shown.  A string
(OSC, DCS, ...) that never ends loses only its introducer: what follows is shown, inert without it."""

_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_problem(value: str) -> str | None:
    """None when ``value`` holds no control character, else which one and where (1-based column)."""
    found = _CONTROL_RE.search(value)
    if found is None:
        return None
    return f"control character U+{ord(found.group()):04X} at column {found.start() + 1}"


def without_controls(value: str) -> str:
    """``value`` with every control sequence and character taken out (newline, tab and carriage return stay)."""
    return _CONTROL_RE.sub("", CONTROL_SEQUENCE.sub("", value))


def taken_out(data: object, *, interchange: bool) -> tuple[object, list[tuple[str, str, str]]]:
    """An imported document with control characters taken out of every string, and where each was.

    Import stores what a colleague's tool left in a string (an ESC from a
    terminal paste, a form feed from a PDF) without it, rather than refusing
    the whole file; each string it changed is named as (entity id, field,
    what was found), so the import can say so.  ``data`` is the parsed JSON
    of a briefing file (``{table: {id: record}}``) or of an interchange
    document (``{table: [record with "id"]}``); nothing else is changed.
    """
    found: list[tuple[str, str, str]] = []

    def scrub(value: object, entity: str, field: str) -> object:
        if isinstance(value, str):
            problem = control_problem(value)
            if problem is None:
                return value
            found.append((entity, field, f"{problem} taken out"))
            return without_controls(value)
        if isinstance(value, list):
            return [scrub(item, entity, f"{field}[{index}]") for index, item in enumerate(value)]
        if isinstance(value, dict):
            return {key: scrub(item, entity, f"{field}.{key}" if field else str(key)) for key, item in value.items()}
        return value

    if not isinstance(data, dict):
        return data, found
    out: dict[object, object] = {}
    for table, records in data.items():
        if interchange and isinstance(records, list):
            out[table] = [
                scrub(record, str(record.get("id", "")) if isinstance(record, dict) else "", "")
                for record in records
            ]
        elif not interchange and isinstance(records, dict):
            out[table] = {entity: scrub(record, str(entity), "") for entity, record in records.items()}
        else:
            out[table] = scrub(records, "", str(table))
    return out, found
