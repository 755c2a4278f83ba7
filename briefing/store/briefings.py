"""Briefing files: one TinyDB file per briefing (see docs/format.md)."""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from briefing.errors import CorruptFileError, Problem, StoreError
from briefing.model.entities import BriefingDocument
from briefing.model.records import document_from_tables, tables_of, validate_tables
from briefing.store.storage import dump_json, read_json, write_atomic

BRIEFING_SUFFIX = ".json"


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen = dict(pairs)
    if len(seen) != len(pairs):
        keys: set[str] = set()
        for key, _ in pairs:
            if key in keys:
                raise _DuplicateKey(key)
            keys.add(key)
    return seen


def read_tables(path: Path) -> Any:
    """The raw tables of a briefing file; duplicate ids are an error, not silently merged."""
    try:
        data = read_json(path, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as exc:
        raise CorruptFileError(path, f"duplicate key {exc.args[0]!r}") from None
    if data is None:
        if not path.exists():
            raise StoreError(path, "no such file")
        raise CorruptFileError(path, "empty file")
    return data


def check_file(path: Path, external_ids: Mapping[str, Any] | set[str] = frozenset()) -> list[Problem]:
    """Every problem with one briefing file, including being unreadable."""
    try:
        tables = read_tables(path)
    except StoreError as exc:
        return [Problem(str(path), "", "", exc.reason)]
    return validate_tables(tables, str(path), external_ids)


def load_file(path: Path, external_ids: Mapping[str, Any] | set[str] = frozenset()) -> BriefingDocument:
    """A validated briefing; raises StoreError or ValidationError, naming the file."""
    return document_from_tables(read_tables(path), str(path), external_ids)


def save_file(path: Path, doc: BriefingDocument) -> None:
    write_atomic(path, dump_json(tables_of(doc)))


def briefing_files(folder: Path) -> list[Path]:
    """The briefing files of a library folder, in a stable order; a folder not there yet has none.

    Raises StoreError for a folder that cannot be listed, or a path that is
    not a folder at all (a file given to --library by mistake).
    """
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise StoreError(folder, "not a folder (a library is a folder of briefing files)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreError(folder, "a symlink loop, not a folder") from None
        raise StoreError(folder, f"cannot list the folder: {exc.strerror or exc}") from None
    return [folder / name for name in names if name.endswith(BRIEFING_SUFFIX) and not name.startswith(".")]
