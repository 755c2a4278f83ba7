"""What the notes tests share: a notes path in a temporary data dir, a strict store on it, the file as JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.model.entities import Note
from briefing.store.notes import NotesStore

STAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "notes.json"


@pytest.fixture
def store(path: Path) -> NotesStore:
    return NotesStore(path)


def by_id(*notes: Note) -> list[Note]:
    """Notes in the order the store lists them: by id, which is by time to the millisecond."""
    return sorted(notes, key=lambda n: n.id)


def stored(path: Path) -> dict[str, dict]:
    """The notes table as any JSON reader sees the file."""
    return json.loads(path.read_text(encoding="utf-8"))["notes"]


def fixed_note(note_id: str, text: str, updated: str, target: str = "actor:ghaani") -> Note:
    """A note made on 2024-01-01, as an import brings it."""
    return Note(note_id, target, text, created="2024-01-01T00:00:00.000Z", updated=updated)
