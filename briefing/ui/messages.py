"""Messages that travel up to the App from anywhere in the browser."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from briefing.model.saved_searches import SavedSearch


@dataclass
class OpenEntry(Message):
    """Open an entry (any ``KIND:slug`` id) in the detail view, joining the history."""

    entity_id: str


@dataclass
class EntryHighlighted(Message):
    """Show an entry in the detail view, leaving the history alone: a list's cursor came to it.

    Sent only while that list has focus, so results arriving as the reader types
    leave the detail view alone.
    """

    entity_id: str


@dataclass
class DeleteNote(Message):
    """Delete a note, once the reader has said yes (from the notes list, or a note under an entry)."""

    note_id: str


@dataclass
class KeepSearch(Message):
    """Save a search under a name (the reader named it): the app writes the settings."""

    search: SavedSearch


@dataclass
class RenameSearch(Message):
    """Give a saved search a new name (the reader typed it): the app writes the settings."""

    name: str
    new_name: str


@dataclass
class ForgetSearch(Message):
    """Forget the saved search of this name (the reader said yes)."""

    name: str
