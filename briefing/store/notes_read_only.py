"""A notes file that does not parse: the copy kept beside it, and the store's read-only mode.

``NotesStore.open(path)`` (what the browser and the command line use) meets
a file that does not parse, at opening or later, like this:

* its bytes are copied, untouched, beside it as
  ``notes.json.corrupt-<UTC time>`` (once: an identical copy already there
  is reused); the original is never written, moved or truncated;
* the store is read-only: ``read_only`` is True and ``problem`` says what is
  wrong, where the copy is and what to do; reads return the notes last read
  from the file (none if it never parsed); every write raises
  ``NotesReadOnlyError`` with that message;
* it becomes writable again by itself once the file parses (repaired,
  restored or removed by the reader): every read and write looks again.

A FIFO, a device or a folder at the path is read-only too, with nothing to
copy.  A file that parses but holds a damaged note record is not read-only:
``problem`` counts the records skipped.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing.errors import CorruptFileError, StoreError
from briefing.store.files import SpecialFileError, read_regular_bytes


@dataclass
class ReadOnlyMode:
    """Whether the notes file at ``path`` can be written, and what the reader is told when it cannot."""

    path: Path
    read_only: bool = False
    reason: str = ""
    problem: str | None = None
    corrupt_copy: Path | None = None
    _corrupt_raw: bytes | None = None

    def enter(self, exc: CorruptFileError | SpecialFileError) -> None:
        """The file does not parse (or is no file): keep a copy, stop writing, say so."""
        if isinstance(exc, SpecialFileError):  # nothing to copy: the reader replaces it with a file, or removes it
            self.corrupt_copy, self._corrupt_raw = None, None
            kept = "it is left as it is"
        else:
            self._keep_copy()
            kept = f"a copy is kept at {self.corrupt_copy}" if self.corrupt_copy else "the file has since gone"
        self.read_only = True
        self.reason = (
            f"your notes file cannot be read ({exc.reason}); notes are read-only and nothing will be written "
            f"to it; {kept}. Repair or remove the file to take notes again"
        )
        self.problem = f"{self.path}: {self.reason}"

    def _keep_copy(self) -> None:
        """Copy the unparsable file aside, once for the same bytes."""
        try:
            raw = read_regular_bytes(self.path)
        except SpecialFileError:  # replaced by a FIFO or a folder since it failed to parse
            raw = None
        if raw is not None and not (self.read_only and self.corrupt_copy and raw == self._corrupt_raw):
            self.corrupt_copy = keep_corrupt_copy(self.path, raw)
            self._corrupt_raw = raw

    def leave(self, damaged: int) -> None:
        """The file parses: writable again; ``damaged`` records were skipped by reads."""
        self.read_only = False
        self.corrupt_copy = None
        self.problem = (
            f"{self.path}: {damaged} damaged note record(s) skipped (kept in the file as they are)" if damaged else None
        )


def keep_corrupt_copy(path: Path, raw: bytes) -> Path:
    """Copy a file that does not parse beside it (``NAME.corrupt-<UTC time>``); reuse an identical copy."""
    for existing in sorted(path.parent.glob(f"{glob.escape(path.name)}.corrupt-*")):
        try:
            if existing.stat().st_size == len(raw) and existing.read_bytes() == raw:
                return existing
        except OSError:
            continue
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        copy_path = path.with_name(f"{path.name}.corrupt-{stamp}{suffix}")
        try:
            with open(copy_path, "xb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            return copy_path
        except FileExistsError:
            continue
        except OSError as exc:
            reason = exc.strerror or exc
            raise StoreError(copy_path, f"cannot keep a copy of the damaged notes file: {reason}") from None
    raise StoreError(path, "cannot find a free name for a copy of the damaged notes file")
