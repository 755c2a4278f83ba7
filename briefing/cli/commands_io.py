"""``export`` and ``import``: moving briefings in and out of the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Container
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from briefing.cli import output
from briefing.cli.destination import add_output_options
from briefing.errors import BriefingError, Problem, StoreError, ValidationError
from briefing.export.interchange import documents_from_interchange, interchange_ids, is_interchange
from briefing.export.registry import EXPORTERS
from briefing.export_files import ExportRequest, export_to_file, render_export
from briefing.library import Library
from briefing.library_files import fingerprint_of
from briefing.model.controls import taken_out
from briefing.model.entities import Actor, Briefing, BriefingDocument, Note
from briefing.model.ids import slug_of
from briefing.model.records import document_from_tables
from briefing.news import imported
from briefing.settle import Candidate, defined_ids, settle
from briefing.store import paths
from briefing.store.briefings import encode_file, read_tables
from briefing.store.imports import commit
from briefing.store.locks import locked
from briefing.store.note_merge import MergePlan
from briefing.store.paths import resolved
from briefing.store.unread import change_unread
from briefing.text import one_line
from briefing.text import path as text_path
from briefing.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help="export the library or one briefing")
    p.add_argument("--format", default="json", choices=sorted(EXPORTERS), help="output format (default json)")
    p.add_argument("--briefing", metavar="ID", help="export only this briefing")
    p.add_argument("--notes", action="store_true", help="include your notes (left out unless asked: they are yours)")
    add_output_options(p)
    p.set_defaults(handler=run_export)

    p = sub.add_parser("import", parents=[common], help="validate briefing files, then add them to your library")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(handler=run_import)


@dataclass
class ReadResult:
    docs: list[BriefingDocument] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    taken_out: list[Problem] = field(default_factory=list)
    """Control characters found in the file's strings: an import stores them without (``model.controls``)."""


def read_any(path: Path, known: set[str] | Library) -> ReadResult:
    """One briefing file or interchange document, validated against the library (see ``read_together``)."""
    return read_together([path], known)[0]


def read_together(paths: list[Path], known: set[str] | Library) -> list[ReadResult]:
    """Briefing files or interchange documents given together, validated against each other and the library.

    A file may reference what another file given with it defines.  Given the
    Library itself, references resolve only against entries of briefings
    that none of the files replaces (so a file that drops an entry its own
    old copy had is still caught), and an id that another briefing already
    defines is a problem.  A file that leans on a file rejected here is
    rejected too, saying so (``settle``).  Nothing here writes anything.
    """
    results = [ReadResult() for _ in paths]
    readable: list[tuple[int, Any, bool]] = []
    for index, path in enumerate(paths):
        try:
            data = read_tables(path)
        except StoreError as exc:
            results[index].problems = [Problem(str(path), "", "", exc.reason)]
            continue
        interchange = is_interchange(data)
        data, found = taken_out(data, interchange=interchange)
        results[index].taken_out = [Problem(str(path), *where) for where in found]
        readable.append((index, data, interchange))
    replaced = {bid for _, data, interchange in readable for bid in _briefing_ids(data, interchange)}
    base = ids_outside(known, replaced) if isinstance(known, Library) else known
    candidates = [
        Candidate(
            str(paths[index]),
            interchange_ids(data) if interchange else defined_ids(data),
            partial(_documents, data, str(paths[index]), interchange),
        )
        for index, data, interchange in readable
    ]
    for (index, data, interchange), outcome in zip(readable, settle(candidates, base), strict=True):
        result, file = results[index], str(paths[index])
        result.docs = outcome.value or []
        result.problems = outcome.problems
        if interchange:
            try:
                result.notes = notes_from_interchange(data, file)
            except ValidationError as exc:
                result.problems += exc.problems
        if isinstance(known, Library):
            result.problems += _clashes(known, result.docs, file)
    _clashes_between(results, paths)
    return results


def _documents(data: Any, file: str, interchange: bool, known: Container[str]) -> list[BriefingDocument]:
    if interchange:
        return documents_from_interchange(data, file, known)
    return [document_from_tables(data, file, known)]


def _briefing_ids(data: Any, interchange: bool) -> set[str]:
    """The briefing ids a file defines, as far as its shape allows reading them."""
    if interchange:
        records = data.get("briefings")
        if not isinstance(records, list):
            return set()
        return {r["id"] for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)}
    table = data.get("briefing") if isinstance(data, dict) else None
    return set(table) if isinstance(table, dict) else set()


def ids_outside(library: Library, briefing_ids: set[str]) -> set[str]:
    """The ids of the library's entries that some briefing other than ``briefing_ids`` defines."""
    ids = {b for b in library.briefings if b not in briefing_ids}
    for entity in library.entities():
        if not isinstance(entity, Briefing) and set(library.briefings_of(entity.id)) - briefing_ids:
            ids.add(entity.id)
    return ids


def _clashes(library: Library, docs: list[BriefingDocument], file: str) -> list[Problem]:
    """Sources, claims and events whose ids another briefing of the library already uses."""
    problems = []
    for doc in docs:
        for entity in doc.own_entries():
            other = library.get(entity.id)
            if other is not None and not isinstance(other, Actor | Briefing) and other.briefing != doc.briefing.id:
                problems.append(Problem(file, entity.id, "id", f"already defined in {other.briefing}"))
    return problems


def _clashes_between(results: list[ReadResult], paths: list[Path]) -> None:
    """Sources, claims and events that two briefings of the files given together both define.

    The library would skip the second when it loads, and that briefing would
    lose it; actors are shared by design.  The later file gets the problem,
    naming the earlier one.
    """
    first: dict[str, tuple[str, str]] = {}
    for result, path in zip(results, paths, strict=True):
        for doc in result.docs:
            bid = doc.briefing.id
            for entity in doc.own_entries():
                file, owner = first.setdefault(entity.id, (str(path), bid))
                if owner != bid:
                    result.problems.append(
                        Problem(str(path), entity.id, "id", f"also defined in {file} ({owner}), given with it")
                    )


def print_problems(problems: list[Problem]) -> None:
    """One problem per line on stdout, never wrapped, so scripts can read them."""
    for problem in problems:
        _say(str(problem))


def _say(message: str) -> None:
    """One clean line on stdout, whatever the terminal's width."""
    sys.stdout.write(one_line(message) + "\n")
    sys.stdout.flush()


def notes_from_interchange(data: dict[str, Any], file: str) -> list[Note]:
    """Notes in an interchange document; the notes store validates and merges them."""
    try:
        from briefing.store.note_records import notes_from_records
    except ModuleNotFoundError:
        return []
    try:
        return notes_from_records(data.get("notes", []), file)
    except BriefingError:
        raise
    except Exception as exc:  # the notes store's own checks missed something: still one line, not a trace
        raise ValidationError([Problem(file, "", "notes", f"unreadable notes: {exc}")]) from None


def run_export(args: argparse.Namespace, workspace: Workspace) -> int:
    library = workspace.library
    if args.briefing:
        library.require(args.briefing)
        if args.briefing not in library.briefings:
            raise BriefingError(f"{args.briefing} is not a briefing id")
    if args.output:
        request = ExportRequest(args.format, args.briefing, args.output, with_notes=args.notes, force=args.force)
        summary = export_to_file(workspace, request)
    else:
        document, summary = render_export(workspace, args.format, args.briefing, with_notes=args.notes)
        _check_fits_stdout(document)
        sys.stdout.write(document)
        sys.stdout.flush()
    output.error(summary.written(text_path(args.output) if args.output else "standard output"))
    if summary.left_out():
        output.error(summary.left_out())
    return 0


def _check_fits_stdout(document: str) -> None:
    """A terminal whose encoding cannot carry the export gets an error, not a lossy copy."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        document.encode(encoding)
    except UnicodeEncodeError:
        raise BriefingError(
            f"standard output's encoding ({encoding}) cannot carry this export;"
            " write it to a file with -o FILE, or set PYTHONIOENCODING=utf-8"
        ) from None
    except LookupError:
        pass


def run_import(args: argparse.Namespace, workspace: Workspace) -> int:
    """Check the files against the library, then write them under the import lock, checked again if it changed.

    Two imports at once would each check against a library without the
    other's files, and both get in (two briefings with one claim id, or one
    briefing in two files).  So the writing is done under the import lock,
    and a library that changed since it was read (its files' fingerprint) is
    read and checked again under it: a second import waits, then sees what
    the first one added.  Bad input is refused before the lock, touching
    nothing in the data dir.
    """
    library = workspace.library
    plan = _plan_import(args.files, library, workspace.user_library)
    if plan.problems:
        return _refused(plan.problems)
    try:
        with locked(paths.import_journal_path(workspace.data_dir)):
            if fingerprint_of(workspace.library_dirs) != library.fingerprint:
                library = workspace.load_library()
                plan = _plan_import(args.files, library, workspace.user_library)
                if plan.problems:
                    return _refused(plan.problems)
            return _carry_out(plan, args.files, workspace, library)
    except StoreError as exc:  # the lock itself: a read-only data dir, another import holding it too long
        output.error(f"nothing imported: {exc}")
        return 1


@dataclass
class ImportPlan:
    """The files read, where each briefing goes, and what stops the import."""

    results: list[ReadResult]
    destinations: dict[str, Path]
    problems: list[Problem]


def _plan_import(files: list[Path], library: Library, target: Path) -> ImportPlan:
    results = read_together(files, library)
    problems = [p for r in results for p in r.problems]
    destinations: dict[str, Path] = {}
    for result, path in zip(results, files, strict=True):
        for doc in result.docs:
            bid = doc.briefing.id
            existing = library.files.get(bid)
            if bid in destinations:
                problems.append(Problem(str(path), bid, "id", "this briefing is given twice in this import"))
            elif existing is not None and resolved(existing.parent) != resolved(target):
                problems.append(
                    Problem(
                        str(path),
                        bid,
                        "id",
                        f"a briefing with this id is already in the library ({text_path(existing)})",
                    )
                )
            else:
                destinations[bid] = existing or _free_path(target, slug_of(bid), set(destinations.values()))
    return ImportPlan(results, destinations, problems)


def _refused(problems: list[Problem]) -> int:
    print_problems(problems)
    output.error(f"nothing imported: {len(problems)} problem(s)")
    return 1


def _carry_out(plan: ImportPlan, paths_given: list[Path], workspace: Workspace, library: Library) -> int:
    results = plan.results
    docs = [doc for r in results for doc in r.docs]
    incoming = [(note, str(path)) for r, path in zip(results, paths_given, strict=True) for note in r.notes]
    if not docs and not incoming:
        _say("nothing to import")
        return 0
    files = [(plan.destinations[doc.briefing.id], encode_file(doc)) for doc in docs]
    try:
        done = commit(workspace.data_dir, files, workspace.notes if incoming else None, incoming)
    except BriefingError as exc:
        output.error(f"nothing imported: {exc}")
        return 1
    for doc, (path, replaced) in zip(docs, done.files, strict=True):
        _say(f"{'updated' if replaced else 'imported'} {doc.briefing.id} -> {text_path(path)}")
    _mark_new(workspace, library, docs)
    if incoming:
        _say(notes_report(done.notes))
    report_taken_out([p for r in results for p in r.taken_out], "stored without them")
    return 0


def _mark_new(workspace: Workspace, before: Library, docs: list[BriefingDocument]) -> None:
    """What the import added is unread, for the browser's What's new (and ``news``); the import stands if that
    fails.  Nothing is said on success: stdout is the import's record, a line a file, and stderr is for trouble."""
    arrived = imported(before, docs)
    try:
        change_unread(
            paths.unread_path(workspace.data_dir), arrived=arrived, seen_briefings=[d.briefing.id for d in docs]
        )
    except BriefingError as exc:
        output.error(f"the new entries are not marked unread: {exc}")


def report_taken_out(found: list[Problem], outcome: str) -> None:
    """On stderr: the strings of the files that held control characters, which an import stores without."""
    if not found:
        return
    output.error_list(f"{len(found)} string(s) held control characters; {outcome}:", found)


def notes_report(plan: MergePlan) -> str:
    """``notes: 2 added, 1 already there, 1 kept beside yours as note:… (differs)``."""
    parts = [f"{len(plan.added)} added"]
    if plan.already:
        parts.append(f"{plan.already} already there")
    if plan.beside:
        differ = "differs" if len(plan.beside) == 1 else "each differs"
        parts.append(f"{len(plan.beside)} kept beside yours as {', '.join(n.id for n in plan.beside)} ({differ})")
    return "notes: " + ", ".join(parts)


def _free_path(folder: Path, slug: str, taken: set[Path]) -> Path:
    """A new file for an imported briefing that overwrites nothing.

    The obvious name may hold another briefing, or a file that failed to
    load (someone's work in progress): either is kept, and the import takes
    the next free name.
    """
    candidate, number = folder / f"{slug}.json", 1
    while candidate in taken or candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = folder / f"{slug}-{number}.json"
    return candidate
