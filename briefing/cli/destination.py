"""Where ``export -o`` and ``extract -o`` write: one rule for both commands.

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

import argparse
import os
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

from briefing.errors import StoreError
from briefing.store import paths
from briefing.store.briefings import briefing_files
from briefing.store.files import replaces_a_file
from briefing.store.links import check_links_followed, final_path
from briefing.store.locks import LOCK_SUFFIX, TEMP_SUFFIX
from briefing.store.outputs import is_stream
from briefing.store.paths import resolved
from briefing.workspace import Workspace

OUTPUT_HELP = (
    "write to FILE instead of stdout: atomically (a temp file beside it, then a rename), through a symlink "
    "onto its target, which the link keeps pointing at; a FIFO or a character device (/dev/null, a terminal) "
    "is written as a stream; a socket, a block device or a folder is refused, and so is any file of your "
    "library or data dir, and a symlink someone else planted in a shared folder such as /tmp"
)
FORCE_HELP = (
    "replace FILE if it is an existing file, or write through FILE if it is a symlink to no file yet "
    "(a FIFO or a device needs no --force)"
)


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=OUTPUT_HELP)
    parser.add_argument("--force", action="store_true", help=FORCE_HELP)


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
    for own in (paths.notes_path(data), paths.settings_path(data), paths.import_journal_path(data)):
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
