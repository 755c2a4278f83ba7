"""Narrowing a list to the rows that hold every word typed in its filter line, as lnav and toolong do.

A row's words are what the reader sees in it (each cell's text, the date as
the list writes it) with the whole of its free text (a claim's text, not
just the part that fits) and an actor's aliases, so ``aah`` finds Asaib Ahl
al-Haq.  They are gathered once per list, the first time it is filtered, in
the table's worker thread, and kept for the next keys typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefing.library import Library, LibraryEntity
from briefing.model.entities import Actor
from briefing.ui.listing import Column


def filter_words(query: str) -> tuple[str, ...]:
    """The words of a filter line, casefolded: a row is shown when it holds each of them."""
    return tuple(query.casefold().split())


class RowWords:
    """What each row of one list says, casefolded, built as rows are first asked about."""

    def __init__(self, library: Library, columns: tuple[Column, ...]) -> None:
        self.library = library
        self.columns = columns
        self._said: dict[str, str] = {}

    def of(self, entity: LibraryEntity) -> str:
        said = self._said.get(entity.id)
        if said is None:
            said = self._said[entity.id] = self._gather(entity)
        return said

    def _gather(self, entity: LibraryEntity) -> str:
        parts: list[str] = []
        for column in self.columns:
            parts.append(column.cell(self.library, entity).plain)
            if isinstance(key := column.sort(self.library, entity), str):
                parts.append(key)  # the whole text, where the cell shows the start of it
        if isinstance(entity, Actor):
            parts.extend(entity.aliases)
        return "\n".join(parts).casefold()

    def gather(self, rows: Iterable[LibraryEntity]) -> None:
        """What every one of ``rows`` says, ahead of the first words typed."""
        for entity in rows:
            self.of(entity)

    def matching(self, rows: Iterable[LibraryEntity], words: tuple[str, ...]) -> list[LibraryEntity]:
        """The rows that hold every word, in their order."""
        return [entity for entity in rows if all(word in self.of(entity) for word in words)]
