"""Briefing files: one TinyDB file per briefing (see docs/format.md)."""

from __future__ import annotations

import errno
import json
import json.scanner
import os
import re
from collections.abc import Callable, Container
from pathlib import Path
from typing import Any

from briefing.errors import CorruptFileError, Problem, StoreError
from briefing.model.entities import BriefingDocument
from briefing.model.records import document_from_tables, tables_of
from briefing.model.validation import validate_tables
from briefing.store.files import dump_json, read_json, write_atomic

BRIEFING_SUFFIX = ".json"

# json.decoder's helpers for the pure-Python scanner; typeshed leaves scanstring out.
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
# json.decoder.WHITESPACE, which always matches
_WHITESPACE = re.compile(r"[ \t\n\r]*", re.VERBOSE | re.MULTILINE | re.DOTALL)


class _DuplicateKey(Exception):
    """Not a ValueError, so that ``read_json`` lets it through rather than calling the file unreadable."""


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
        raise CorruptFileError(path, _duplicate_key_message(path, exc.args[0])) from None
    if data is None:
        if not path.exists():
            raise StoreError(path, "no such file")
        raise CorruptFileError(path, "empty file")
    return data


def _duplicate_key_message(path: Path, key: str) -> str:
    """``duplicate key 'X' at line L``: json's hook gets the pairs but no position, so the text is scanned again."""
    try:
        found = duplicate_key_position(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        found = None
    if found is None:  # the file changed under us: say what is known
        return f"duplicate key {key!r}"
    key, line, column = found
    return f"duplicate key {key!r} at line {line} column {column}"


def duplicate_key_position(text: str) -> tuple[str, int, int] | None:
    """The first key, in reading order, that repeats within one object, with its line and column (from 1).

    Only for the error path: it walks the document with json's pure-Python
    scanner, which is far slower than the C one used to read files.
    """
    found: list[tuple[str, int]] = []

    def parse_object(s_and_end: tuple[str, int], strict: bool, scan_once: Any, *_: Any) -> tuple[dict[str, Any], int]:
        text, end = s_and_end
        seen: dict[str, Any] = {}
        end = _skip_space(text, end)
        if text[end : end + 1] == "}":
            return seen, end + 1
        while True:
            if text[end : end + 1] != '"':
                raise ValueError("expected a key")
            key, after = _scanstring(text, end + 1, strict)
            if key in seen:
                found.append((key, end))
                raise _DuplicateKey(key)
            after = _skip_space(text, after)
            if text[after : after + 1] != ":":
                raise ValueError("expected ':'")
            seen[key], end = scan_once(text, _skip_space(text, after + 1))
            end = _skip_space(text, end)
            if text[end : end + 1] == "}":
                return seen, end + 1
            if text[end : end + 1] != ",":
                raise ValueError("expected ','")
            end = _skip_space(text, end + 1)

    class Decoder(json.JSONDecoder):
        """json's decoder with ``parse_object`` above, which its pure-Python scanner calls (the C one does not)."""

        def __init__(self) -> None:
            super().__init__()
            self.parse_object = parse_object
            # py_make_scanner is missing from typeshed (only make_scanner, the C one when there is one, is typed)
            self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]

    try:
        Decoder().decode(text)
    except _DuplicateKey:
        key, position = found[0]
        line = text.count("\n", 0, position) + 1
        return key, line, position - (text.rfind("\n", 0, position) + 1) + 1
    return None


def _skip_space(text: str, index: int) -> int:
    space = _WHITESPACE.match(text, index)
    return space.end() if space is not None else index


def check_file(path: Path, external_ids: Container[str] = frozenset()) -> list[Problem]:
    """Every problem with one briefing file, including being unreadable."""
    try:
        tables = read_tables(path)
    except StoreError as exc:
        return [Problem(str(path), "", "", exc.reason)]
    return validate_tables(tables, str(path), external_ids)


def load_file(path: Path, external_ids: Container[str] = frozenset()) -> BriefingDocument:
    """A validated briefing; raises StoreError or ValidationError, naming the file."""
    return document_from_tables(read_tables(path), str(path), external_ids)


def encode_file(doc: BriefingDocument) -> bytes:
    """A briefing file's bytes: pretty-printed, sorted keys, so that a diff reads well."""
    return dump_json(tables_of(doc))


def save_file(path: Path, doc: BriefingDocument) -> None:
    write_atomic(path, encode_file(doc))


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
