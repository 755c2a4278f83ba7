"""``export`` and ``import``: moving briefings in and out of the library."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from briefing.cli import output
from briefing.errors import BriefingError, Problem, StoreError, ValidationError
from briefing.export.interchange import documents_from_interchange, is_interchange
from briefing.export.registry import EXPORTERS
from briefing.model.entities import BriefingDocument, Note
from briefing.model.ids import slug_of
from briefing.model.records import document_from_tables
from briefing.store.briefings import read_tables, save_file
from briefing.store.storage import read_json, write_atomic
from briefing.workspace import Workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help="export the library or one briefing")
    p.add_argument("--format", default="json", choices=sorted(EXPORTERS), help="output format (default json)")
    p.add_argument("--briefing", metavar="ID", help="export only this briefing")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout")
    p.set_defaults(handler=run_export)

    p = sub.add_parser("import", parents=[common], help="validate briefing files, then add them to your library")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(handler=run_import)


@dataclass
class ReadResult:
    docs: list[BriefingDocument] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_any(path: Path, known_ids: set[str]) -> ReadResult:
    """A briefing file or an interchange document, validated against the library's ids."""
    result = ReadResult()
    try:
        data = read_json(path)
        if is_interchange(data):
            result.docs = documents_from_interchange(data, str(path), known_ids)
            result.notes = notes_from_interchange(data, str(path))
        else:
            result.docs = [document_from_tables(read_tables(path), str(path), known_ids)]
    except ValidationError as exc:
        result.problems = exc.problems
    except StoreError as exc:
        result.problems = [Problem(str(path), "", "", exc.reason)]
    return result


def notes_from_interchange(data: dict, file: str) -> list[Note]:
    """Notes in an interchange document; the notes store validates and merges them."""
    try:
        from briefing.store.notes import notes_from_records
    except ModuleNotFoundError:
        return []
    return notes_from_records(data.get("notes", []), file)


def run_export(args: argparse.Namespace, workspace: Workspace) -> int:
    library = workspace.library
    if args.briefing:
        library.require(args.briefing)
        if args.briefing not in library.briefings:
            raise BriefingError(f"{args.briefing} is not a briefing id")
    notes = workspace_notes(workspace)
    document = EXPORTERS[args.format].render(library, notes, args.briefing)
    if args.output:
        write_atomic(args.output, document.encode("utf-8"))
    else:
        sys.stdout.write(document)
    return 0


def workspace_notes(workspace: Workspace) -> list[Note]:
    all_notes = getattr(workspace, "all_notes", None)
    return list(all_notes()) if all_notes else []


def run_import(args: argparse.Namespace, workspace: Workspace) -> int:
    library = workspace.library
    known = {e.id for e in library.entities()}
    results = [read_any(path, known) for path in args.files]
    problems = [p for r in results for p in r.problems]
    target = workspace.user_library
    docs = [doc for r in results for doc in r.docs]
    for doc in docs:
        existing = library.files.get(doc.briefing.id)
        if existing is not None and existing.parent.resolve() != target.resolve():
            problems.append(
                Problem(str(existing), doc.briefing.id, "id", "a briefing with this id is already in the library")
            )
    if problems:
        for problem in problems:
            output.line(str(problem))
        output.error(f"nothing imported: {len(problems)} problem(s)")
        return 1
    for doc in docs:
        path = target / f"{slug_of(doc.briefing.id)}.json"
        verb = "updated" if path.exists() else "imported"
        save_file(path, doc)
        output.line(f"{verb} {doc.briefing.id} -> {path}")
    notes = [n for r in results for n in r.notes]
    if notes:
        merge = getattr(workspace, "import_notes", None)
        if merge is None:
            raise BriefingError("this file carries notes, but the notes store is not available")
        added = merge(notes)
        output.line(f"notes: {added} added")
    return 0
