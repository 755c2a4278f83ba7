"""The briefing files that make up a library, and the fingerprint that changes when any of them does."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from briefing.errors import Problem, StoreError
from briefing.store.briefings import briefing_files
from briefing.store.paths import resolved


def fingerprint_of(folders: Iterable[Path]) -> str:
    """The ``fingerprint`` the library of these folders has, read off its files without loading them."""
    return fingerprint(listed(folders)[0])


def listed(folders: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The briefing files of the folders, and a problem for each folder that cannot be listed."""
    paths: list[Path] = []
    problems: list[Problem] = []
    for folder in folders:
        try:
            paths += briefing_files(folder)
        except StoreError as exc:
            problems.append(Problem(exc.path, "", "", exc.reason))
    return paths, problems


def fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        # fsencode: a file name need not be UTF-8, and its bytes are what identify it
        digest.update(os.fsencode(resolved(path)) + f"\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]
