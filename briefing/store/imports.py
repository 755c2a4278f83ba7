"""Adding briefings and notes to the reader's data all at once, or not at all, even under kill -9.

An import writes several files (briefings into the user library, the
notes file); a process killed between two of them would leave half an
import.  So an import goes through a journal:

1. Under the import lock (``import-journal.json.lock`` in the data dir), and
   the notes file's lock, it decides which notes to add (``plan_merge``).
2. It writes every briefing file into ``import-staging/`` in the data dir
   (each one complete and fsynced), touching nothing the reader sees.  The
   first file there is a marker (``.briefing-import``): a folder of that
   name without it is someone's own, and is never written into or removed.
3. It writes ``import-journal.json``, atomically: each staged file and the
   path it goes to, and the notes to add, with their ids.  This is the
   commit point: before it, the import did not happen; after it, it did.
4. It applies the journal: each staged file is renamed over its target
   (one ``os.replace``, same file system), the notes are added in one write
   of the notes file, and the journal and the staging folder are removed.

Applying a journal twice does what applying it once does: a staged file
already renamed is no longer there to rename, a note id already in the
notes file is left as it is.  So the next start (``recover``, run by the
Workspace before the library or the notes are read) finishes an import it
finds a journal for, and throws away a staging folder without a journal,
which an import killed before its commit point left behind.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import CorruptFileError, StoreError
from briefing.model.entities import Note
from briefing.store import paths
from briefing.store.files import SpecialFileError, dump_json, fsync_dir, is_regular_file, read_json, write_atomic
from briefing.store.links import final_path
from briefing.store.locks import locked
from briefing.store.note_merge import Incoming, MergePlan
from briefing.store.note_records import NoteError, note_of_record, record_of_note
from briefing.store.notes import NotesStore
from briefing.store.notes_read_only import keep_corrupt_copy

JOURNAL_FORMAT = "briefing-import-journal/1"
MARKER = ".briefing-import"
"""Written first into the staging folder: what says the folder is an import's to remove."""


@dataclass(frozen=True)
class Committed:
    """A finished import: the files it wrote (and whether each replaced one), and what it did with notes."""

    files: list[tuple[Path, bool]]
    notes: MergePlan


def commit(
    data_dir: Path, files: Sequence[tuple[Path, bytes]], notes: NotesStore | None, incoming: Iterable[Incoming] = ()
) -> Committed:
    """Write ``files`` (target path, bytes) and merge the ``incoming`` notes as one step; see the module docstring."""
    journal, staging = paths.import_journal_path(data_dir), paths.import_staging_dir(data_dir)
    incoming = list(incoming)
    with ExitStack() as held:
        held.enter_context(locked(journal))
        _recover_locked(data_dir, notes)
        if notes is not None:
            held.enter_context(locked(notes.path))
        plan = notes.plan_merge(incoming) if notes is not None and incoming else MergePlan()
        replaced = [target.exists() for target, _ in files]
        try:
            record = {
                "format": JOURNAL_FORMAT,
                "files": _stage(staging, files),
                "notes": [{"id": note.id, **record_of_note(note)} for note in plan.new],
            }
            write_atomic(journal, dump_json(record))
        except BaseException:
            if not journal.exists():  # before the commit point: as if the import had never started
                _remove_staging(staging)
            raise
        _apply(data_dir, _read_journal(journal, record), notes)
    return Committed([(target, was) for (target, _), was in zip(files, replaced, strict=True)], plan)


def _stage(staging: Path, files: Sequence[tuple[Path, bytes]]) -> list[dict[str, str]]:
    """Each file written whole into the staging folder, after its marker; the journal's entries for them."""
    _make_folder(staging)
    _mark(staging)
    entries: list[dict[str, str]] = []
    names: set[str] = set()
    for index, (target, data) in enumerate(files):
        staged = staging / (target.name if target.name not in names else f"{index}-{target.name}")
        names.add(staged.name)
        try:
            destination = final_path(target)  # a link in the user library is written through, and stays a link
            is_regular_file(destination)  # a FIFO, device or folder there is refused, never replaced
            write_atomic(staged, data, lock=False)
        except StoreError as exc:  # the reader knows the file by where it was going
            raise StoreError(target, exc.reason) from None
        entries.append({"staged": staged.name, "target": str(destination)})
    return entries


def pending(data_dir: Path) -> bool:
    """Whether an import was interrupted here (cheap: a few stats, for every start).

    A staging folder without the marker, and not empty, is not an import's:
    nothing is pending there (``commit`` says so if an import needs it).
    """
    staging = paths.import_staging_dir(data_dir)
    return paths.import_journal_path(data_dir).exists() or (staging.exists() and _is_ours(staging))


def recover(data_dir: Path, notes: NotesStore | None) -> str | None:
    """Finish an interrupted import, or throw away what one left before its commit point; what was done."""
    if not pending(data_dir):
        return None
    with locked(paths.import_journal_path(data_dir)):
        return _recover_locked(data_dir, notes)


def _recover_locked(data_dir: Path, notes: NotesStore | None) -> str | None:
    journal, staging = paths.import_journal_path(data_dir), paths.import_staging_dir(data_dir)
    try:
        record = read_json(journal)
        parsed = None if record is None else _read_journal(journal, record)
    except CorruptFileError as exc:
        # write_atomic never leaves half a journal: this one was damaged afterwards, so it commits nothing
        return _set_aside(journal, staging, exc.reason)
    except SpecialFileError as exc:
        raise StoreError(journal, f"{exc.reason}, not an import's journal; move it away to import") from None
    if parsed is None:
        if not staging.exists():
            return None
        if not _remove_staging(staging):
            return _not_ours(staging)
        return "an interrupted import was discarded (it had not got as far as its journal): nothing of it was added"
    files, added = _apply(data_dir, parsed, notes)
    return f"an interrupted import was finished: {files} briefing file(s) moved in, {added} note(s) added"


def _set_aside(journal: Path, staging: Path, reason: str) -> str:
    """A journal that cannot be read, kept under another name so that the next import can write its own."""
    try:
        kept = keep_corrupt_copy(journal, journal.read_bytes())
        journal.unlink()
    except OSError as exc:
        raise StoreError(journal, f"cannot set aside an unreadable journal: {exc.strerror or exc}") from None
    fsync_dir(journal.parent)
    said = f"{journal}: an interrupted import's journal could not be read ({reason}); it is kept at {kept}"
    if not _remove_staging(staging):
        return f"{said}; nothing of that import was added: import its files again; {_not_ours(staging)}"
    return f"{said}; the files it had staged were discarded and nothing of it was added: import them again"


NOT_OURS = "holds files no import wrote; move it away to import (an import stages its files there)"


def _not_ours(staging: Path) -> str:
    return f"{staging}: {NOT_OURS}"


Parsed = tuple[list[tuple[str, Path]], list[Note]]
"""A journal read: (staged file name, target) for each file, and the notes to add."""


def _apply(data_dir: Path, parsed: Parsed, notes: NotesStore | None) -> tuple[int, int]:
    """Carry out a journal; safe to run again on one it already carried out (partly or wholly)."""
    journal, staging = paths.import_journal_path(data_dir), paths.import_staging_dir(data_dir)
    entries, planned = parsed
    moved = 0
    for staged_name, target in entries:
        staged = staging / staged_name
        if not staged.exists():
            continue  # moved before the interruption
        _make_folder(target.parent)
        _move(staged, target)
        moved += 1
    added = 0
    if planned:
        if notes is None:
            notes = NotesStore(paths.notes_path(data_dir))
        added = notes.put_new(planned)
    try:
        journal.unlink()
    except OSError as exc:
        raise StoreError(journal, f"cannot remove: {exc.strerror or exc}") from None
    fsync_dir(journal.parent)
    _remove_staging(staging)
    return moved, added


def _move(staged: Path, target: Path) -> None:
    """One staged file into place: renamed, or copied atomically where the target is on another file system.

    Either way the staged copy goes only once the target holds it whole, so
    carrying out the journal again after a crash finishes the job.
    """
    try:
        os.replace(staged, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:  # a link in the user library may point to another file system
            raise StoreError(target, f"cannot write: {exc.strerror or exc}") from None
        write_atomic(target, staged.read_bytes(), lock=False)
        staged.unlink()
    fsync_dir(target.parent)


def _read_journal(journal: Path, record: Any) -> Parsed:
    """The staged files and targets, and the notes, of a journal; one that is no journal is a CorruptFileError."""

    def bad(why: str) -> CorruptFileError:
        return CorruptFileError(journal, why)

    if not isinstance(record, dict) or record.get("format") != JOURNAL_FORMAT:
        raise bad(f"it is not a {JOURNAL_FORMAT} journal")
    files, notes = record.get("files"), record.get("notes")
    if not isinstance(files, list) or not isinstance(notes, list):
        raise bad("it lacks its files or notes")
    entries = []
    for entry in files:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("staged", "target")):
            raise bad("it holds a damaged file entry")
        name = entry["staged"]
        if Path(name).name != name or name.startswith("."):
            raise bad(f"it names a staged file outside its folder: {json.dumps(name)}")
        entries.append((name, Path(entry["target"])))
    try:
        planned = [note_of_record(r.get("id"), r) for r in notes if isinstance(r, dict)]
    except NoteError as exc:
        raise bad(f"it holds a damaged note ({exc})") from None
    return entries, planned


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(folder, f"cannot create folder: {exc.strerror or exc}") from None


def _mark(staging: Path) -> None:
    """The marker, before any staged file: from now on the folder is this import's to remove."""
    if not _is_ours(staging):
        raise StoreError(staging, NOT_OURS)
    try:
        os.close(os.open(staging / MARKER, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644))
    except OSError as exc:
        raise StoreError(staging, f"cannot write: {exc.strerror or exc}") from None
    fsync_dir(staging)


def _is_ours(staging: Path) -> bool:
    """Whether the staging folder is an import's: it has the marker, or is empty (killed before the marker)."""
    if (staging / MARKER).exists():
        return True
    try:
        with os.scandir(staging) as entries:
            return next(entries, None) is None
    except OSError:
        return False


def _remove_staging(staging: Path) -> bool:
    """Remove an import's staging folder, its marker last (so a kill halfway leaves one still marked); False: not ours.

    A folder of that name that someone made (no marker, not empty) is left as it is.
    """
    if not staging.exists():
        return True
    if not _is_ours(staging):
        return False
    with suppress(OSError), os.scandir(staging) as entries:
        for entry in list(entries):
            if entry.name != MARKER:
                _remove_entry(Path(entry.path))
    with suppress(OSError):
        (staging / MARKER).unlink()
    with suppress(OSError):
        staging.rmdir()
    fsync_dir(staging.parent)
    return True


def _remove_entry(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(OSError):
            path.unlink()
