"""Where a write through a symbolic link lands, and which links a write may follow.

A path that is a symlink is written through: the link's final target is
found once (``final_path``), and the lock, the temp file and the replace are
all beside and onto that target, so the link stays a link and everyone
sharing the target sees the write.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from briefing.errors import StoreError


def final_path(path: Path) -> Path:
    """Where a write to ``path`` lands: absolute, every symlink followed to its last target (which may not exist)."""
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # realpath stops where links loop
        raise StoreError(path, "cannot write: a loop of symbolic links")
    return target


MAX_LINKS = 40
"""As many symbolic links as the kernel follows in one path before it says ELOOP."""


def check_links_followed(path: Path) -> None:
    """Refuse a path that follows a symlink the kernel's ``fs.protected_symlinks`` rule would not.

    In a sticky folder anyone can write to (/tmp), another user can plant a
    link named as our output, pointing at a file of ours.  ``final_path``
    reads links (``readlink`` is not a follow, so the kernel's own check
    never runs) and the write then lands on the file itself.  So, as the
    kernel does: a link in such a folder is followed only if it is ours, or
    the folder's owner's.  Every link on the way counts, not only the last.
    """
    for link, folder, owner in _links_on_the_way(Path(path)):
        mode = folder.st_mode
        if mode & stat.S_ISVTX and mode & stat.S_IWOTH and owner not in (os.geteuid(), folder.st_uid):
            raise StoreError(
                path,
                f"cannot write through {link}: a symbolic link in a folder anyone can write to, "
                f"owned by neither you nor the folder's owner (uid {owner})",
            )


def _links_on_the_way(path: Path) -> Iterator[tuple[Path, os.stat_result, int]]:
    """Each symlink a walk of ``path`` follows, with the stat of the folder it is in and its owner."""
    parts = list(reversed(path.absolute().parts))
    current = Path(parts.pop())  # the root
    hops = 0
    while parts:
        name = parts.pop()
        if name in ("", "."):
            continue
        if name == "..":
            current = current.parent
            continue
        candidate = current / name
        try:
            info = os.lstat(candidate)
        except OSError:  # not there (yet): nothing more to follow
            current = candidate
            continue
        if not stat.S_ISLNK(info.st_mode):
            current = candidate
            continue
        hops += 1
        if hops > MAX_LINKS:
            return  # a loop: final_path says so
        try:
            folder, target = os.stat(current), os.readlink(candidate)
        except OSError:
            return
        yield candidate, folder, info.st_uid
        target_parts = Path(target).parts
        if Path(target).is_absolute():
            current = Path(target_parts[0])
            target_parts = target_parts[1:]
        parts.extend(reversed(target_parts))
