"""Where an export or a draft may be written, and an export written there: one rule for the command line and browser.

The reader's own data is never an output: the notes, the settings, the
search cache, the files of the user library, the import journal and its
staging folder, the lock and temp files of the data dir and the library
folders, and every briefing file of the library (loaded or not) are
refused, whatever the path that leads to them (a symlink, a hard link,
``..``).  An existing file, or a symlink to none yet, is replaced only with
``--force``; then, as a new file, it is written atomically (no lock file),
through a symlink onto the link's target (``outputs.write_output``).  A
symlink in a sticky folder anyone can write to (/tmp) is followed only if
it is the reader's or the folder owner's, as the kernel's
``fs.protected_symlinks`` rule has it.  A FIFO or a character device is
written as a stream; a socket, a block device or a folder is refused.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import BriefingError, StoreError
from briefing.export.registry import EXPORTERS
from briefing.export.summary import ExportSummary, notes_of_export
from briefing.model.entities import Note
from briefing.store import paths
from briefing.store.briefings import briefing_files
from briefing.store.files import replaces_a_file
from briefing.store.links import check_links_followed, final_path
from briefing.store.locks import LOCK_SUFFIX, TEMP_SUFFIX
from briefing.store.outputs import is_stream, write_output
from briefing.store.paths import resolved
from briefing.workspace import Workspace


@dataclass(frozen=True)
class ExportRequest:
    """What to export (a format of the registry, one briefing or the whole library, with or without notes) and where."""

    format: str
    briefing_id: str | None
    path: Path
    with_notes: bool = False
    force: bool = False


def render_export(
    workspace: Workspace, format: str, briefing_id: str | None, *, with_notes: bool
) -> tuple[str, ExportSummary]:
    """The document and what it holds; the notes only ``with_notes`` (the others are counted as left out)."""
    library = workspace.library
    # Left out, the notes are only counted: a notes file that cannot be read does not stop the export.
    there = workspace_notes(workspace) if with_notes else workspace.notebook.all()
    concerned = notes_of_export(library, there, briefing_id)
    notes = concerned if with_notes else []
    document = EXPORTERS[format].render(library, notes, briefing_id)
    return document, ExportSummary.of(format, library, briefing_id, len(notes), len(concerned) - len(notes))


def export_to_file(workspace: Workspace, request: ExportRequest) -> ExportSummary:
    """Write the export ``request`` asks for, under ``check_output``'s rule; nothing is written if it is refused."""
    check_output(request.path, workspace, force=request.force, instead="export to another file")
    document, summary = render_export(workspace, request.format, request.briefing_id, with_notes=request.with_notes)
    write_output(request.path, document.encode("utf-8"))
    return summary


def would_replace(path: Path) -> bool:
    """Whether writing ``path`` needs the reader's yes (``--force``): it replaces a file, or writes through a link."""
    return not is_stream(path) and (replaces_a_file(path) or path.is_symlink())


def workspace_notes(workspace: Workspace) -> list[Note]:
    """The notes an export carries; a notes file that cannot be read stops it, since the export would lack them."""
    notebook = workspace.notebook
    notes = notebook.all()
    if notebook.read_only and notebook.problem:
        raise BriefingError(notebook.problem)
    return notes


def check_output(output: Path, workspace: Workspace, *, force: bool, instead: str) -> None:
    """Refuse, before any work, an output that would destroy the reader's data or an unasked-for file.

    ``instead`` ends the message for the reader's own data ("export to another file").
    """
    check_links_followed(output)
    target = final_path(output)
    if _is_own(target, workspace):
        raise StoreError(output, f"is part of your library or data; {instead}")
    if is_stream(output) or force:
        return
    if replaces_a_file(output):
        raise StoreError(output, "already exists (use --force to replace it)")
    if output.is_symlink():  # the file would appear where the link points, which the reader may not expect
        raise StoreError(
            output, f"is a symbolic link to {target}, which does not exist yet (use --force to write there)"
        )


def _is_own(target: Path, workspace: Workspace) -> bool:
    data = workspace.data_dir
    folders = [paths.cache_dir(data), paths.user_library(data), paths.import_staging_dir(data)]
    if any(target.is_relative_to(resolved(folder)) for folder in folders):
        return True
    for own in (
        paths.notes_path(data),
        paths.settings_path(data),
        paths.pins_path(data),
        paths.unread_path(data),
        paths.import_journal_path(data),
    ):
        if _same_file(target, own) or any(_is_companion(target, path) for path in (own.absolute(), resolved(own))):
            return True
    if _is_lock_or_temp(target, [data, *workspace.library_dirs]):
        return True
    return any(_same_file(target, path) for path in _library_files(workspace))


def _is_lock_or_temp(target: Path, folders: list[Path]) -> bool:
    """A lock (``.X.lock``) or temp file (``.X.….tmp``) in the data dir or a library folder, whatever X is.

    Replaced, a lock no longer excludes anyone (the holder locks the old
    file); a temp file is a write under way.
    """
    hidden = target.name.startswith(".") and target.name.endswith((LOCK_SUFFIX, TEMP_SUFFIX))
    return hidden and any(target.parent == resolved(folder) for folder in folders)


def _is_companion(target: Path, own: Path) -> bool:
    """The file itself, its lock, its temp files and the copies kept of it when it did not parse."""
    return target.parent == resolved(own.parent) and target.name.startswith((own.name, f".{own.name}"))


def _library_files(workspace: Workspace) -> Iterator[Path]:
    """Every briefing file of the library, including those that failed to load (someone's work in progress)."""
    yield from workspace.library.files.values()
    for folder in workspace.library_dirs:
        with suppress(StoreError):
            yield from briefing_files(folder)


def _same_file(target: Path, path: Path) -> bool:
    if resolved(path) == target:
        return True
    try:
        return os.path.samefile(target, path)
    except OSError:
        return False
