"""The reader's pins (bookmarks): entries they want at hand, in the data dir beside the notes.

One small JSON file, ``{"pins": ["actor:qais-khazali", ...]}``, oldest
pin first, read and written under its lock, replaced atomically.  A second
browser's pins are kept (each change reads the file again under the lock).
A file that cannot be read raises :class:`CorruptFileError` and is never
written over: the reader's pins are theirs to recover.
"""

from __future__ import annotations

from pathlib import Path

from briefing.errors import CorruptFileError
from briefing.model.ids import ID_RE
from briefing.store.files import dump_json, read_json, write_atomic
from briefing.store.locks import locked


def load_pins(path: Path) -> tuple[str, ...]:
    """The pinned ids, oldest first; none when there is no file."""
    data = read_json(path)
    if data is None:
        return ()
    if not isinstance(data, dict) or not isinstance(data.get("pins"), list):
        raise CorruptFileError(path, 'expected {"pins": [ids]}')
    return tuple(dict.fromkeys(item for item in data["pins"] if isinstance(item, str) and ID_RE.fullmatch(item)))


def set_pin(path: Path, entity_id: str, pinned: bool) -> tuple[str, ...]:
    """Pin ``entity_id`` (last) or unpin it; the pins as they now are."""
    with locked(path):
        current = load_pins(path)
        pins = tuple(p for p in current if p != entity_id) + ((entity_id,) if pinned else ())
        if pinned and entity_id in current:
            pins = current  # already pinned: it keeps its place
        if pins != current:
            write_atomic(path, dump_json({"pins": list(pins)}))
    return pins
