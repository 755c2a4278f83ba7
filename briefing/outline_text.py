"""An outline as lines of plain text: what ``briefing show`` prints and what "copy as text" copies.

One formatter for both: each row is a list of pieces, each with the role
it plays (title, a reference's id, ...); the command line gives each role
a style, the clipboard takes the plain text.  Content is cleaned here, so
neither can carry a control character on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from briefing.outline import Outline, Ref
from briefing.text import clean

Role = Literal["title", "meta", "heading", "label", "text", "missing", "id"]
Piece = tuple[str, Role]
Row = list[Piece]

LABEL_WIDTH = 14


def outline_rows(view: Outline, *, entry_only: bool = False) -> Iterator[Row]:
    """Title, id and subtitle, body, then each section; an empty row between parts.

    ``entry_only`` leaves out the sections that are not the entry itself
    ("Mentioned in", which can run to thousands of lines, and the notes).
    """
    yield [(clean(view.title), "title")]
    yield [(clean(view.id + (f" · {view.subtitle}" if view.subtitle else "")), "meta")]
    if view.body:
        yield []
        yield [(clean(view.body), "text")]
    for section in view.sections:
        if entry_only and not section.of_entry:
            continue
        yield []
        yield [(clean(section.title), "heading")]
        for line in section.lines:
            row: Row = [("  ", "text")]
            if line.label:
                row.append((clean(f"{line.label:<{LABEL_WIDTH}} "), "label"))
            for part in line.parts:
                if isinstance(part, Ref):
                    row.append((clean(part.label), "missing" if part.missing else "text"))
                    row.append((" [missing]" if part.missing else clean(f" [{part.id}]"), "id"))
                else:
                    row.append((clean(part), "text"))
            yield row


def outline_plain(view: Outline) -> str:
    """The entry itself as plain text, one row a line."""
    return "\n".join("".join(piece for piece, _role in row) for row in outline_rows(view, entry_only=True))
