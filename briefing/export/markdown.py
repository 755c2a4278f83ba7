"""``--format md``: a briefing as a Markdown document a person reads.

Per briefing: a heading, the summary, the actors (role, aliases, relations),
the claims by date with who makes them, the timeline grouped by month, the
sources, then the reader's notes grouped by entry (when the export carries
them).  It is written to be sent: entries are named, never given by id, and
a paragraph that several events share is a footnote, given once.  Every piece of content is escaped
(:func:`inline`, :func:`block`) so that a name such as ``# x``, ``a | b`` or
``[x](y)`` shows as written and never becomes a heading, table or link.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from briefing.export.base import Exporter
from briefing.library import Library
from briefing.model.entities import Actor, BriefingDocument, Claim, Event, Note, Source
from briefing.model.vocabulary import RELATION_LABELS, Precision, event_kind_label
from briefing.text import clean, one_line

NameOf = Callable[[str], str]
"""An actor's (or any entry's) name as escaped Markdown, given its id."""

_SPECIAL = re.compile(r"([\\`*_{}\[\]#|<>~&$])")
_LINE_START = re.compile(r"^([-+=:]|\d+(?=[.)]))")


def inline(value: object) -> str:
    """Content as literal Markdown text on one line: every character that means something is escaped."""
    escaped = _SPECIAL.sub(r"\\\1", one_line(value))
    # What a list item, heading underline or numbered list would take as syntax at the start of a block.
    return _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), escaped)


_NOTE_INERT = re.compile(r"([\[\]<>&|])")
_HEADING = re.compile(r"^(\s*)(#)", re.MULTILINE)


def note_text(value: object, indent: str) -> str:
    """A note as the reader wrote it, in Markdown (emphasis, lists, code), but inert: no link, image, table or HTML
    (their brackets and bars escaped, so they read as written, as in the browser), no heading to break the brief's
    outline; every line indented under the note's list item."""
    text = _HEADING.sub(r"\1\\\2", _NOTE_INERT.sub(r"\\\1", clean(value).strip()))
    return "\n".join(indent + line if line.strip() else "" for line in text.splitlines()).strip()


def block(value: object, indent: str = "") -> str:
    """Content of several paragraphs: each paragraph one escaped line, blank lines between."""
    paragraphs = [inline(p) for p in re.split(r"\n\s*\n", clean(value)) if p.strip()]
    return f"\n\n{indent}".join(paragraphs)


def _month(event: Event) -> str:
    if event.when.precision is Precision.YEAR:
        return f"{event.when.start.year}"
    return f"{event.when.start:%B %Y}"


class MarkdownExporter(Exporter):
    name = "md"
    suffix = ".md"
    description = "Markdown: each briefing's summary, actors, claims by date, timeline by month, sources and notes"

    def render(self, library: Library, notes: Sequence[Note], briefing_id: str | None = None) -> str:
        wanted = [briefing_id] if briefing_id else sorted(library.briefings)
        notes_by_briefing, orphans = _place_notes(library, notes, wanted)
        footnotes = Footnotes()
        parts = [_briefing(library, library.document(bid), notes_by_briefing.get(bid, []), footnotes) for bid in wanted]
        if orphans and briefing_id is None:
            parts.append("## Notes on entries not in the library\n\n" + _notes(library, orphans))
        if not parts:
            parts.append("*No briefings in the library.*\n")
        return "\n".join(parts)


class Footnotes:
    """Paragraphs that several entries share, each given once as a footnote (``[^1]``) the entries point to.

    A briefing drafted from one article often describes a run of like events
    in the same words ("One of the dates the source lists..."): printed under
    each, the brief would read the paragraph twenty times.  Numbers run on
    across the briefings of one document, as footnote labels must be unique.
    """

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._shared: set[str] = set()
        self._defined: set[str] = set()

    def share(self, paragraphs: Sequence[str]) -> None:
        """Take note of the paragraphs that appear more than once in ``paragraphs``."""
        seen: set[str] = set()
        for paragraph in paragraphs:
            key = clean(paragraph).strip()
            if key and key in seen:
                self._shared.add(key)
            seen.add(key)

    def mark(self, paragraph: str) -> str:
        """`` [^N]`` for a shared paragraph (numbered on first use), else nothing."""
        key = clean(paragraph).strip()
        if key not in self._shared:
            return ""
        number = self._numbers.setdefault(key, len(self._numbers) + 1)
        return f" [^{number}]"

    def definitions(self, paragraphs: Sequence[str]) -> str:
        """The footnotes marked in ``paragraphs`` and not yet defined, in the order of their numbers."""
        keys = {clean(p).strip() for p in paragraphs} & (self._numbers.keys() - self._defined)
        self._defined |= keys
        numbered = sorted((self._numbers[k], k) for k in keys)
        return "\n".join(f"[^{number}]: {block(text, '    ')}" for number, text in numbered)


def _place_notes(
    library: Library, notes: Sequence[Note], wanted: list[str]
) -> tuple[dict[str, list[Note]], list[Note]]:
    """Each note under the first exported briefing its entry belongs to; the rest are orphans."""
    placed: dict[str, list[Note]] = defaultdict(list)
    orphans: list[Note] = []
    for note in notes:
        home = next((b for b in wanted if b in library.briefings_of(note.target)), None)
        if home is not None:
            placed[home].append(note)
        elif not library.briefings_of(note.target):
            orphans.append(note)
    return placed, orphans


def _briefing(library: Library, doc: BriefingDocument, notes: list[Note], footnotes: Footnotes) -> str:
    b = doc.briefing
    facts = [f"*{inline(b.date.label)}*" if b.date else ""]
    if b.tags:
        facts.append("tags: " + ", ".join(inline(t) for t in b.tags))
    out = [f"# {inline(b.title)}\n"]
    if any(facts):
        out.append(" · ".join(f for f in facts if f) + "\n")
    if b.summary.strip():
        out.append(block(b.summary) + "\n")
    names = {a.id: a.name for a in doc.actors}
    cite = _Citations(doc.sources, library)

    def name(entity_id: str) -> str:
        return inline(names.get(entity_id) or library.label(entity_id))

    if doc.actors:
        out.append(f"## Actors ({len(doc.actors)})\n")
        links = _relations(doc.actors)
        actors = sorted(doc.actors, key=lambda a: (a.name.casefold(), a.id))
        out.append("\n".join(_actor(actor, links.get(actor.id, []), name) for actor in actors) + "\n")
    if doc.claims:
        out.append(f"## Claims ({len(doc.claims)})\n")
        claims = sorted(doc.claims, key=_claim_order)
        out.append("\n".join(_claim(claim, name, cite) for claim in claims) + "\n")
    out += _timeline(library.timeline(b.id), name, cite, footnotes)
    if doc.sources:
        out.append(f"## Sources ({len(doc.sources)})\n")
        out.append("\n".join(_source(source) for source in doc.sources) + "\n")
    if notes:
        out.append(f"## Notes ({len(notes)})\n")
        out.append(_notes(library, notes))
    return "\n".join(out)


def _claim_order(claim: Claim) -> tuple[bool, str, str, str]:
    """By date (undated last), then id: the order things were said in."""
    when = claim.date
    return (when is None, when.start.isoformat() if when else "", when.last.isoformat() if when else "", claim.id)


def _timeline(events: list[Event], name: NameOf, cite: _Citations, footnotes: Footnotes) -> list[str]:
    if not events:
        return []
    footnotes.share([event.description for event in events])
    out = [f"## Timeline ({len(events)})\n"]
    by_month: dict[str, list[Event]] = {}
    for event in events:
        by_month.setdefault(_month(event), []).append(event)
    for month, group in by_month.items():
        out.append(f"### {inline(month)}\n")
        out.append("\n".join(_event(event, name, cite, footnotes) for event in group) + "\n")
    shared = footnotes.definitions([event.description for event in events])
    if shared:
        out.append(shared + "\n")
    return out


Relations = dict[str, list[tuple[str, str, str]]]


def _relations(actors: list[Actor]) -> Relations:
    """Each actor's relations within one briefing, both ways: (label, other actor, note)."""
    links: Relations = defaultdict(list)
    for actor in actors:
        for relation in actor.relations:
            forward, backward = RELATION_LABELS[relation.type]
            links[actor.id].append((forward, relation.target, relation.note))
            links[relation.target].append((backward, actor.id, relation.note))
    return links


def _actor(actor: Actor, links: list[tuple[str, str, str]], name: NameOf) -> str:
    head = f"- **{inline(actor.name)}** ({inline(actor.actor_kind)})"
    if actor.role:
        head += f" — {inline(actor.role)}"
    lines = [head]
    if actor.aliases:
        lines.append("  - also known as: " + ", ".join(inline(a) for a in actor.aliases))
    for label, other, note in links:
        lines.append(f"  - {inline(label)} {name(other)}" + (f" ({inline(note)})" if note else ""))
    if actor.description.strip():
        lines.append("\n  " + block(actor.description, "  ") + "\n")
    return "\n".join(lines)


class _Citations:
    """How an entry names its source: by title; in a briefing of one source, as "the source", by paragraph."""

    def __init__(self, sources: Sequence[Source], library: Library) -> None:
        self.sources = {s.id: s for s in sources}
        self.only = sources[0].id if len(sources) == 1 else None
        self.library = library

    def title(self, source_id: str) -> str:
        source = self.sources.get(source_id)
        return f"*{inline(source.title)}*" if source else inline(self.library.label(source_id))

    def speaker(self, source_id: str) -> str:
        """A source as who makes a claim (its own assessment)."""
        return "The source" if source_id == self.only else self.title(source_id)

    def __call__(self, source_id: str, paragraph: int | None) -> str:
        if paragraph and source_id == self.only:
            return f"paragraph {paragraph}"
        title = self.title(source_id)
        return f"{title}, paragraph {paragraph}" if paragraph else title


def _claim(claim: Claim, name: NameOf, cite: _Citations) -> str:
    who = ", ".join(cite.speaker(a) if a in cite.sources else name(a) for a in claim.attributed_to)
    when = f"**{inline(claim.date.label)}** — " if claim.date else ""
    line = f"- {when}{who}: {inline(claim.text)} ({inline(claim.claim_kind)}, {inline(claim.status)})"
    details = []
    if claim.about:
        details.append("  - about: " + ", ".join(name(a) for a in claim.about))
    details.append("  - source: " + cite(claim.source, claim.paragraph))
    return "\n".join([line, *details])


def _event(event: Event, name: NameOf, cite: _Citations, footnotes: Footnotes) -> str:
    facts = [inline(event_kind_label(event.event_kind))]
    if event.location:
        facts.append(inline(event.location))
    mark = footnotes.mark(event.description)
    line = f"- **{inline(event.when.label)}** — {inline(event.title)} ({'; '.join(facts)}){mark}"
    details = []
    if event.actors:
        details.append("  - actors: " + ", ".join(name(a) for a in event.actors))
    details.append("  - source: " + cite(event.source, event.paragraph))
    if event.description.strip() and not mark:
        details.append("\n  " + block(event.description, "  ") + "\n")
    return "\n".join([line, *details])


def _source(source: Source) -> str:
    facts = [inline(f) for f in (source.publisher, source.author) if f]
    if source.date:
        facts.append(inline(source.date.label))
    if source.paragraphs:
        facts.append(f"{source.paragraphs} paragraphs")
    if source.url:
        facts.append(inline(source.url))
    return f"- *{inline(source.title)}*" + (f" — {', '.join(facts)}" if facts else "")


def _notes(library: Library, notes: Sequence[Note]) -> str:
    by_entry: dict[str, list[Note]] = {}
    for note in sorted(notes, key=lambda n: (n.created, n.id)):
        by_entry.setdefault(note.target, []).append(note)
    out = []
    for target, group in by_entry.items():
        out.append(f"### {inline(library.label(target))}\n")
        for note in group:
            flag = f"⚑ {inline(note.flag)} · " if note.flag else ""
            tags = " " + " ".join(f"#{t}" for t in note.tags) if note.tags else ""  # letters, digits, - and _
            text = note_text(note.text, "  ") or "*(empty note)*"
            out.append(f"- {inline(note.updated[:10])} · {flag}{text}{tags}")
        out.append("")
    return "\n".join(out)
