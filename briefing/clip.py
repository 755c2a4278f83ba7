"""What the reader copies of an entry: its text, a citation, its id; and the sources behind an entry.

The copy is plain text for the system clipboard.  Textual sends it over
OSC 52 base64-encoded, so nothing in it can end that sequence early; but a
title with ESC or a bidi override in it would still be pasted somewhere
else as it is.  Every copy is cleaned (``clipboard_text``) before it leaves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefing.errors import BriefingError
from briefing.library import Library
from briefing.model.entities import Actor, Briefing, Claim, Event, Source
from briefing.model.vocabulary import EntityKind
from briefing.outline import outline
from briefing.outline_text import outline_plain
from briefing.text import clean, one_line

ClipKind = Literal["text", "citation", "id"]
CLIP_KINDS: tuple[ClipKind, ...] = ("text", "citation", "id")

CLIP_NAMES: dict[ClipKind, str] = {"text": "text", "citation": "citation", "id": "id"}
"""How a notice names what was copied: "Copied citation of …"."""


@dataclass(frozen=True)
class Clip:
    """A copy ready for the clipboard: ``value`` is what is copied, ``about`` the entry's label (for the notice)."""

    kind: ClipKind
    value: str
    about: str


def clipboard_text(value: str) -> str:
    """``value`` without control characters (newlines and tabs stay): what may go to the clipboard."""
    return clean(value)


def sources_of(library: Library, entity_id: str) -> list[Source]:
    """The sources behind an entry, first cited first: itself, its source, or the sources of what names it."""
    entity = library.require(entity_id)
    match entity:
        case Source():
            ids = [entity.id]
        case Claim() | Event():
            ids = [entity.source]
        case Briefing():
            ids = [source.id for source in library.in_briefing(entity.id, EntityKind.SOURCE)]
        case Actor():
            ids = [c.source for c in library.claims_by(entity.id)] + [m.source for m in library.backlinks(entity.id)]
    found = (library.get(source_id) for source_id in dict.fromkeys(ids))
    return [source for source in found if isinstance(source, Source)]


def citation(source: Source) -> str:
    """``Title. Publisher, 3 Aug 2020. URL``, leaving out what the source does not have."""
    title = one_line(source.title)
    parts = [title if title.endswith((".", "?", "!")) else f"{title}."]
    where = ", ".join(p for p in (one_line(source.publisher), source.date.label if source.date else "") if p)
    if where:
        parts.append(f"{where}.")
    if url := one_line(source.url):
        parts.append(url)
    return " ".join(parts)


def clip(library: Library, entity_id: str, kind: ClipKind) -> Clip:
    """The copy of one entry; ``BriefingError`` when there is nothing of that kind to copy (no source to cite)."""
    about = library.label(entity_id)
    if kind == "id":
        return Clip(kind, clipboard_text(entity_id), about)
    if kind == "text":
        return Clip(kind, clipboard_text(outline_plain(outline(library, entity_id))), about)
    sources = sources_of(library, entity_id)
    if not sources:
        raise BriefingError(f"{entity_id} has no source to cite")
    return Clip(kind, clipboard_text(citation(sources[0])), about)
