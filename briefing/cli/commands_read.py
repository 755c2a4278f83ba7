"""``list``, ``show`` and ``validate``: reading the library."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.text import Text

from briefing.cli import output
from briefing.cli.entry_names import entry_named
from briefing.errors import NotFoundError
from briefing.export.interchange import entity_record
from briefing.library import Library, LibraryEntity
from briefing.model.entities import Actor, Briefing, Claim, Event, Source
from briefing.model.vocabulary import EntityKind
from briefing.outline import Outline, outline
from briefing.outline_text import Role, outline_rows
from briefing.text import text as safe_text
from briefing.workspace import Workspace

LIST_KINDS = {
    "briefings": EntityKind.BRIEFING,
    "sources": EntityKind.SOURCE,
    "actors": EntityKind.ACTOR,
    "claims": EntityKind.CLAIM,
    "events": EntityKind.EVENT,
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("list", parents=[common], help="list briefings, actors, claims, events or sources")
    p.add_argument(
        "kind",
        nargs="?",
        default="briefings",
        choices=[*LIST_KINDS, "notes"],
        metavar="KIND",
        help="briefings (default), actors, claims, events, sources or notes",
    )
    p.add_argument("--briefing", metavar="ID", help="only entries of this briefing")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run_list)

    p = sub.add_parser("show", parents=[common], help="show one entry with its links and backlinks")
    p.add_argument(
        "id",
        metavar="ID",
        help="an id (actor:qais-khazali), or an entry's name, alias or title (Khazali; case and accents do not matter)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=run_show)

    p = sub.add_parser("validate", parents=[common], help="check briefing files; exit 1 listing every problem")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(handler=run_validate)


def _row(library: Library, entity: LibraryEntity, cells: output.Cells) -> list[Any]:
    match entity:
        case Briefing():
            counts = [
                len(library.in_briefing(entity.id, k)) for k in (EntityKind.ACTOR, EntityKind.CLAIM, EntityKind.EVENT)
            ]
            return [entity.id, cells.date(entity.date), entity.title, *map(str, counts)]
        case Actor():
            return [entity.id, entity.name, str(entity.actor_kind), cells.text(entity.role, 50)]
        case Claim():
            who = ", ".join(library.label(a) for a in entity.attributed_to)
            return [entity.id, str(entity.claim_kind), cells.text(who, 30), cells.text(entity.text, 70)]
        case Event():
            return [entity.id, cells.date(entity.when), entity.event_kind, cells.text(entity.title, 60)]
        case Source():
            return [entity.id, cells.date(entity.date), entity.publisher, entity.title]
    raise TypeError(entity)


HEADERS = {
    EntityKind.BRIEFING: ["id", "date", "title", "actors", "claims", "events"],
    EntityKind.ACTOR: ["id", "name", "kind", "role"],
    EntityKind.CLAIM: ["id", "kind", "by", "claim"],
    EntityKind.EVENT: ["id", "date", "kind", "title"],
    EntityKind.SOURCE: ["id", "date", "publisher", "title"],
}


def _sort_key(entity: LibraryEntity) -> Any:
    if isinstance(entity, Event):
        return (entity.when.start.isoformat(), entity.id)
    if isinstance(entity, Actor):
        return (entity.name.casefold(), entity.id)
    return ("", entity.id)


def run_list(args: argparse.Namespace, workspace: Workspace) -> int:
    if args.kind == "notes":
        from briefing.cli.commands_notes import run_notes  # notes have their own command

        args.target = None
        return run_notes(args, workspace)
    library = workspace.library
    kind = LIST_KINDS[args.kind]
    if args.briefing:
        if not isinstance(library.require(args.briefing), Briefing):
            raise NotFoundError(f"{args.briefing} is not a briefing id")
        entities = library.in_briefing(args.briefing, kind)
    else:
        entities = library.all(kind)
    entities = sorted(entities, key=_sort_key)
    if args.json:
        output.print_json([entity_record(e, library) for e in entities])
        return 0
    cells = output.Cells.for_stdout()
    rows = [_row(library, e, cells) for e in entities]
    output.print_table(HEADERS[kind], rows, title=f"{args.kind} · {len(entities)}")
    return 0


def run_show(args: argparse.Namespace, workspace: Workspace) -> int:
    library = workspace.library
    entry_id = entry_named(args.id, library)
    if entry_id is None:
        return 1
    notes = workspace.notebook.for_target(entry_id)
    view = outline(library, entry_id, notes)
    if args.json:
        record = entity_record(library.require(entry_id), library)
        record["mentioned_in"] = [e.id for e in library.backlinks(entry_id)]
        if isinstance(library.get(entry_id), Actor):
            record["relations_all"] = [
                {
                    "label": link.label,
                    "type": str(link.type),
                    "other": link.other,
                    "note": link.note,
                    "outgoing": link.outgoing,
                }
                for link in library.relations(entry_id)
            ]
        record["notes"] = [n.id for n in notes]
        output.print_json(record)
        return 0
    print_outline(view)
    return 0


ROLE_STYLES: dict[Role, str] = {
    "title": "bold",
    "meta": "dim",
    "heading": "bold underline",
    "label": "cyan",
    "text": "",
    "missing": "red",
    "id": "dim",
}


def print_outline(view: Outline) -> None:
    """The outline as ``outline_text`` lays it out (as "copy as text" copies it), styled for a terminal."""
    console = output.console()
    for row in outline_rows(view):
        line = Text()
        for piece, role in row:
            line.append_text(safe_text(piece, ROLE_STYLES[role]))
        console.print(line, soft_wrap=output.piped())  # into a pipe, one whole line a row, as the listings


def run_validate(args: argparse.Namespace, workspace: Workspace) -> int:
    library = workspace.library
    from briefing.cli.commands_io import print_problems, read_together, report_taken_out

    results = read_together(args.files, library)
    problems = [p for result in results for p in result.problems]
    print_problems(problems)
    if problems:
        output.error(f"{len(problems)} problem(s) in {len({p.file for p in problems})} file(s)")
        return 1
    report_taken_out([p for result in results for p in result.taken_out], "import stores them without")
    output.line(f"ok: {len(args.files)} file(s) valid")
    return 0
