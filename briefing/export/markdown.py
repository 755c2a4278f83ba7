"""``--format md``: a briefing as a Markdown document a person reads.

Per briefing: a heading, the summary, the actors (role, aliases, relations),
the claims with who makes them, the timeline grouped by month, the sources,
then the reader's notes grouped by entry.  Every piece of content is escaped
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


def block(value: object, indent: str = "") -> str:
    """Content of several paragraphs: each paragraph one escaped line, blank lines between."""
    paragraphs = [inline(p) for p in re.split(r"\n\s*\n", clean(value)) if p.strip()]
    return f"\n\n{indent}".join(paragraphs)


def _code(entity_id: str) -> str:
    """An id in a code span; ids are ``KIND:slug`` and need no escaping."""
    return f"`{entity_id}`"


def _month(event: Event) -> str:
    if event.when.precision is Precision.YEAR:
        return f"{event.when.start.year}"
    return f"{event.when.start:%B %Y}"


class MarkdownExporter(Exporter):
    name = "md"
    suffix = ".md"
    description = "Markdown: each briefing's summary, actors, claims, timeline by month, sources and your notes"

    def render(self, library: Library, notes: Sequence[Note], briefing_id: str | None = None) -> str:
        wanted = [briefing_id] if briefing_id else sorted(library.briefings)
        notes_by_briefing, orphans = _place_notes(library, notes, wanted)
        parts = [_briefing(library, library.document(bid), notes_by_briefing.get(bid, [])) for bid in wanted]
        if orphans and briefing_id is None:
            parts.append("## Notes on entries not in the library\n\n" + _notes(library, orphans))
        if not parts:
            parts.append("*No briefings in the library.*\n")
        return "\n".join(parts)


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


def _briefing(library: Library, doc: BriefingDocument, notes: list[Note]) -> str:
    b = doc.briefing
    facts = [f"*{inline(b.date.label)}*" if b.date else "", _code(b.id)]
    if b.tags:
        facts.append("tags: " + ", ".join(inline(t) for t in b.tags))
    out = [f"# {inline(b.title)}\n", " · ".join(f for f in facts if f) + "\n"]
    if b.summary.strip():
        out.append(block(b.summary) + "\n")
    names = {a.id: a.name for a in doc.actors}
    sources = {s.id: s for s in doc.sources}

    def name(entity_id: str) -> str:
        return inline(names.get(entity_id) or library.label(entity_id))

    if doc.actors:
        out.append(f"## Actors ({len(doc.actors)})\n")
        links = _relations(doc.actors)
        actors = sorted(doc.actors, key=lambda a: (a.name.casefold(), a.id))
        out.append("\n".join(_actor(actor, links.get(actor.id, []), name) for actor in actors) + "\n")
    if doc.claims:
        out.append(f"## Claims ({len(doc.claims)})\n")
        out.append("\n".join(_claim(claim, name, sources) for claim in doc.claims) + "\n")
    events = library.timeline(b.id)
    if events:
        out.append(f"## Timeline ({len(events)})\n")
        by_month: dict[str, list[Event]] = {}
        for event in events:
            by_month.setdefault(_month(event), []).append(event)
        for month, group in by_month.items():
            out.append(f"### {inline(month)}\n")
            out.append("\n".join(_event(event, name, sources) for event in group) + "\n")
    if doc.sources:
        out.append(f"## Sources ({len(doc.sources)})\n")
        out.append("\n".join(_source(source) for source in doc.sources) + "\n")
    if notes:
        out.append(f"## Notes ({len(notes)})\n")
        out.append(_notes(library, notes))
    return "\n".join(out)


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
    lines = [f"{head} · {_code(actor.id)}"]
    if actor.aliases:
        lines.append("  - also known as: " + ", ".join(inline(a) for a in actor.aliases))
    for label, other, note in links:
        lines.append(f"  - {inline(label)} {name(other)}" + (f" ({inline(note)})" if note else ""))
    if actor.description.strip():
        lines.append("\n  " + block(actor.description, "  ") + "\n")
    return "\n".join(lines)


def _cite(source_id: str, paragraph: int | None, sources: dict[str, Source], name: NameOf) -> str:
    source = sources.get(source_id)
    title = f"*{inline(source.title)}*" if source else name(source_id)
    return f"{title}, paragraph {paragraph}" if paragraph else title


def _claim(claim: Claim, name: NameOf, sources: dict[str, Source]) -> str:
    who = ", ".join(name(a) if a not in sources else f"*{inline(sources[a].title)}*" for a in claim.attributed_to)
    facts = [inline(claim.claim_kind), inline(claim.status)]
    if claim.date:
        facts.append(inline(claim.date.label))
    line = f"- {inline(claim.text)} — {who} ({', '.join(facts)}) · {_code(claim.id)}"
    details = []
    if claim.about:
        details.append("  - about: " + ", ".join(name(a) for a in claim.about))
    details.append("  - source: " + _cite(claim.source, claim.paragraph, sources, name))
    return "\n".join([line, *details])


def _event(event: Event, name: NameOf, sources: dict[str, Source]) -> str:
    facts = [inline(event_kind_label(event.event_kind))]
    if event.location:
        facts.append(inline(event.location))
    line = f"- **{inline(event.when.label)}** — {inline(event.title)} ({'; '.join(facts)}) · {_code(event.id)}"
    details = []
    if event.actors:
        details.append("  - actors: " + ", ".join(name(a) for a in event.actors))
    details.append("  - source: " + _cite(event.source, event.paragraph, sources, name))
    if event.description.strip():
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
    return f"- *{inline(source.title)}* — {', '.join(facts)} · {_code(source.id)}"


def _notes(library: Library, notes: Sequence[Note]) -> str:
    by_entry: dict[str, list[Note]] = {}
    for note in sorted(notes, key=lambda n: (n.created, n.id)):
        by_entry.setdefault(note.target, []).append(note)
    out = []
    for target, group in by_entry.items():
        out.append(f"### {inline(library.label(target))} · {_code(target)}\n")
        for note in group:
            flag = f"⚑ {inline(note.flag)} · " if note.flag else ""
            tags = " " + " ".join(inline(f"#{t}") for t in note.tags) if note.tags else ""
            text = block(note.text, "  ") or "*(empty note)*"
            out.append(f"- {inline(note.updated[:10])} · {flag}{text}{tags}")
        out.append("")
    return "\n".join(out)
