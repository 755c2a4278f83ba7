"""``annotate`` and ``notes``: the reader's own notes from the command line.

``briefing annotate ID TEXT`` prints the new note's id, and only that, once
the note is on disk, so a script can keep it.  ``briefing notes [ID]`` lists
notes, all or of one entry; a note whose entry has left the library is kept
and marked orphaned.  ``briefing notes rm NOTE_ID`` (or ``--rm NOTE_ID``)
deletes one and prints its id.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rich.table import Table

from briefing.cli import output
from briefing.errors import BriefingError, NotFoundError
from briefing.export.interchange import note_record
from briefing.export.summary import counted
from briefing.library import Library
from briefing.model.entities import Note
from briefing.model.ids import is_id, kind_of
from briefing.model.preview import preview, shown_name
from briefing.model.vocabulary import EntityKind, NoteFlag
from briefing.notebook import Notebook
from briefing.store.note_records import NoteError, check_flag, check_text, normalise_tag, normalise_tags
from briefing.store.notes import orphans
from briefing.text import one_line, shorten
from briefing.workspace import Workspace

FLAGS = [flag.value for flag in NoteFlag]
HEADERS = ["id", "entry", "flag", "tags", "note", "updated"]
SHARING = {"entry": 1, "note": 2}  # the columns that share what width is left, and in what ratio
ORPHANED = "orphaned"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "annotate",
        parents=[common],
        help="add a note to an entry; prints the note's id once it is on disk",
        description="Add a note to an entry of the library. Prints the new note's id, and nothing else, "
        "once the note is safely on disk.",
    )
    p.add_argument("id", metavar="ID", help="the entry to annotate, e.g. actor:qais-khazali")
    p.add_argument("text", metavar="TEXT", help="the note's text; '-' reads it from standard input")
    p.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="tag the note, e.g. --tag verify (repeatable)"
    )
    p.add_argument("--flag", choices=FLAGS, help="flag the note")
    p.set_defaults(handler=run_annotate)

    p = sub.add_parser(
        "notes",
        parents=[common],
        help="list notes, all or of one entry; 'notes rm NOTE_ID' deletes one",
        usage="briefing notes [ID] [--json] [--tag TAG] [--flag FLAG] [--orphaned]\n       briefing notes rm NOTE_ID",
        description="List your notes, all of them or those of one entry (or one note, given its id). "
        "'briefing notes rm NOTE_ID' deletes a note and prints its id.",
    )
    p.add_argument("words", nargs="*", metavar="ID", help="an entry id, a note id, or: rm NOTE_ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="only notes with this tag (repeatable)")
    p.add_argument("--flag", choices=FLAGS, help="only notes with this flag")
    p.add_argument("--orphaned", action="store_true", help="only notes whose entry is no longer in the library")
    p.add_argument("--rm", metavar="NOTE_ID", help="delete this note (the same as 'notes rm NOTE_ID')")
    p.set_defaults(handler=run_notes_command)


def read_stdin() -> str:
    """Standard input as UTF-8 text; bytes that are not are one message saying where, not a surrogate later."""
    try:
        raw = sys.stdin.buffer.read()
    except AttributeError:  # a text stream with no bytes under it (a test's StringIO): text already
        return sys.stdin.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BriefingError(
            f"standard input: not UTF-8 text (byte 0x{raw[exc.start]:02X} at offset {exc.start}); nothing was written"
        ) from None


def run_annotate(args: argparse.Namespace, workspace: Workspace) -> int:
    text = read_stdin() if args.text == "-" else args.text
    check_text(text, typed=True)
    normalise_tags(args.tag)
    check_flag(args.flag)
    if not workspace.has_entry(args.id):
        workspace.library.require(args.id)  # says what is wrong with the id
    note = workspace.notebook.add(args.id, text, tags=args.tag, flag=args.flag)
    sys.stdout.write(note.id + "\n")
    sys.stdout.flush()
    return 0


def run_notes_command(args: argparse.Namespace, workspace: Workspace) -> int:
    words: list[str] = args.words
    if args.rm is not None:
        if words:
            raise BriefingError("notes --rm takes no other ID")
        return run_remove(args.rm, workspace)
    if words and words[0] == "rm":
        if len(words) != 2:
            raise BriefingError("usage: briefing notes rm NOTE_ID")
        return run_remove(words[1], workspace)
    if len(words) > 1:
        raise BriefingError(f"expected one ID at most, got {len(words)} (to delete a note: briefing notes rm NOTE_ID)")
    args.target = words[0] if words else None
    return run_notes(args, workspace)


def run_remove(note_id: str, workspace: Workspace) -> int:
    if not is_id(note_id) or kind_of(note_id) is not EntityKind.NOTE:
        raise NoteError(f"{preview(note_id)} is not a note id (expected note:…; 'briefing notes' lists them)")
    note = workspace.notebook.delete(note_id)
    output.line(note.id)
    return 0


def run_notes(args: argparse.Namespace, workspace: Workspace) -> int:
    """List notes; also ``briefing list notes`` (which sets only ``target`` and ``json``)."""
    notebook = workspace.notebook
    library = workspace.library
    notes = _selected(args, notebook, library)
    orphaned = {note.id for note in orphans(notes, library)}
    if getattr(args, "orphaned", False):
        notes = [note for note in notes if note.id in orphaned]
    if notebook.problem:
        output.error(notebook.problem)
    there = len(notebook.all())
    if args.json:
        output.print_json([_json_record(note, library, note.id in orphaned) for note in notes])
    elif notes:
        cells = output.Cells.for_stdout()
        _print_table([_row(note, library, note.id in orphaned, cells) for note in notes])
    elif not notebook.read_only and not there:
        output.line("no notes yet: add one with 'briefing annotate ID TEXT'")
    if not notes and there:  # as a search that matches nothing: said on stderr, exit 1
        in_all = f"{counted(there, 'note')} in all; 'briefing notes' lists them"
        output.error(f"no notes {_selection(args, library)} ({in_all})")
        return 1
    return 1 if notebook.read_only else 0


def _selection(args: argparse.Namespace, library: Library) -> str:
    """What ``notes`` was asked for, in words: ``on Esmail Qaani tagged #verify``."""
    parts = []
    target: str | None = getattr(args, "target", None)
    if target is not None:
        parts.append(f"on {library.label(target)}")
    tags = [normalise_tag(tag) for tag in getattr(args, "tag", None) or []]
    if tags:
        parts.append("tagged " + " ".join(f"#{tag}" for tag in tags))
    if getattr(args, "flag", None):
        parts.append(f"flagged {args.flag}")
    if getattr(args, "orphaned", False):
        parts.append(ORPHANED)
    if getattr(args, "briefing", None):
        parts.append(f"in {library.label(args.briefing)}")
    return " ".join(parts) or "match"


def _selected(args: argparse.Namespace, notebook: Notebook, library: Library) -> list[Note]:
    target: str | None = getattr(args, "target", None)
    if target is None:
        notes = notebook.all()
    elif is_id(target) and kind_of(target) is EntityKind.NOTE:
        notes = [notebook.require(target)]
    else:
        notes = notebook.for_target(target)
        if not notes and target not in library:
            library.require(target)
            raise NotFoundError(f"{shown_name(target)}: no such entry in the library")
    tags = [normalise_tag(tag) for tag in getattr(args, "tag", None) or []]
    if tags:
        notes = [note for note in notes if all(tag in note.tags for tag in tags)]
    flag = getattr(args, "flag", None)
    if flag:
        notes = [note for note in notes if note.flag == flag]
    briefing = getattr(args, "briefing", None)
    if briefing:
        library.require(briefing)
        notes = [note for note in notes if briefing in library.briefings_of(note.target)]
    return notes


def _row(note: Note, library: Library, orphaned: bool, cells: output.Cells) -> list[str]:
    """A note's row: its first line on a terminal, its whole text on one line into a pipe."""
    entry = f"{note.target} ({ORPHANED})" if orphaned else cells.text(library.label(note.target), 40)
    return [
        note.id,
        entry,
        str(note.flag or ""),
        " ".join(f"#{tag}" for tag in note.tags),
        one_line(note.text) if cells.whole else shorten(note.label, 80),
        note.updated[:10],
    ]


def _print_table(rows: list[list[str]]) -> None:
    """Like ``output.print_table``, but a note's id is never folded (``notes rm`` needs it whole)."""
    if output.as_lines(len(rows)):
        output.print_plain(HEADERS, rows)
        return
    table = Table(
        title=f"notes · {len(rows)}", title_justify="left", header_style="bold", box=None, pad_edge=False, expand=True
    )
    for header in HEADERS:
        ratio = SHARING.get(header)
        table.add_column(header, no_wrap=ratio is None, overflow="ellipsis" if ratio is None else "fold", ratio=ratio)
    for row in rows:
        table.add_row(*(one_line(cell) for cell in row))
    output.console().print(table)


def _json_record(note: Note, library: Library, orphaned: bool) -> dict[str, Any]:
    """A note as in ``briefing export``, plus its entry's label and whether it is orphaned."""
    return {**note_record(note), "label": library.label(note.target), "orphaned": orphaned}
