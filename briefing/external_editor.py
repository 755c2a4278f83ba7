"""A note written in the reader's own editor: which command, the draft file, and what came back.

The command comes from ``$VISUAL`` then ``$EDITOR``, split as a shell
would (``code --wait``); with neither set there is no guess (no silent
``vi``).  The draft is a private temporary file (mode 0600, as
``mkstemp`` makes it) that the caller removes only once the note is safe.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from briefing.errors import BriefingError
from briefing.text import path

Outcome = Literal["unchanged", "changed", "emptied", "failed"]

EDITOR_VARIABLES = ("VISUAL", "EDITOR")


class EditorError(BriefingError):
    """The editor cannot be run: not set right, not found, not executable."""


def editor_command(environ: Mapping[str, str]) -> list[str] | None:
    """The editor's command and arguments, None when neither variable is set."""
    for name in EDITOR_VARIABLES:
        value = environ.get(name, "")
        if not value.strip():
            continue
        try:
            return shlex.split(value)
        except ValueError as exc:
            raise EditorError(f"${name} cannot be read as a command ({exc})") from None
    return None


def draft_file(text: str) -> Path:
    """A new private file holding ``text``, for the editor."""
    fd, name = tempfile.mkstemp(prefix="briefing-note-", suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)
    return Path(name)


def run_editor(command: Sequence[str], file: Path) -> int:
    """Run the editor on ``file`` and wait for it; its exit status."""
    program = shutil.which(command[0])
    if program is None:
        raise EditorError(f"editor not found or not executable: {path(command[0])}")
    try:
        return subprocess.run([program, *command[1:], str(file)], check=False).returncode
    except OSError as exc:
        raise EditorError(f"editor {path(command[0])} could not be run: {exc.strerror}") from None


def outcome(before: str, after: str, status: int) -> Outcome:
    """What the editing came to; the line end an editor adds on saving is not a change."""
    if status != 0:
        return "failed"
    if after.rstrip("\n") == before.rstrip("\n"):
        return "unchanged"
    return "emptied" if not after.strip() else "changed"


def read_back(file: Path) -> str:
    """The draft as the editor left it (an error names the file: the reader's text is in it)."""
    try:
        return file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise EditorError(f"cannot read {path(file)}: {exc.strerror}") from None
