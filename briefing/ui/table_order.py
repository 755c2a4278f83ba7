"""Putting the entry table's list in order: the order each kind of list is in, and the work of sorting it.

The work runs in the table's thread worker: ``put_in_order`` answers an
``OrderRequest`` with an ``OrderedList``, which the table shows on the event
loop.  ``SortChoices`` is plain data, the column and direction the reader
chose for each kind of list.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.library import Library, LibraryEntity
from briefing.model.vocabulary import EntityKind
from briefing.ui.listing import COLUMNS, DEFAULT_SORT, entries, sorted_entries
from briefing.ui.row_filter import RowWords
from briefing.ui.table_layout import content_widths


@dataclass(frozen=True, slots=True)
class OrderRequest:
    """What the worker is asked for: one list, in one order."""

    serial: int
    library: Library
    kind: EntityKind
    briefing_id: str | None
    key: str
    reverse: bool
    rows: list[LibraryEntity] | None
    """The entries as last listed, or None to list them afresh."""
    in_order: bool = False
    """``rows`` are the whole list in the order asked for: the filter keeps its order, nothing is sorted."""
    measure: bool = True
    """Measure the columns (a list listed afresh, unless only its filter changed: the columns keep still)."""
    words: tuple[str, ...] = ()
    """The filter's words: only the rows that hold each of them are listed."""
    row_words: RowWords | None = None
    """What each row says, kept between the filter's keys (needed when there are ``words``)."""


@dataclass(frozen=True, slots=True)
class OrderedList:
    """The answer: a list in order, where each id is in it, and its columns' widths when it was listed afresh."""

    rows: list[LibraryEntity]
    index: dict[str, int]
    widths: list[int] | None
    total: int | None
    """Rows before the filter, when the list was listed afresh (None: as before)."""


def put_in_order(request: OrderRequest) -> OrderedList:
    """List the entries if asked, put them in order, measure the columns (slow for long lists: not on the loop)."""
    library = request.library
    rows = request.rows if request.rows is not None else entries(library, request.kind, request.briefing_id)
    whole = request.rows is None or request.in_order
    total = len(rows) if whole else None
    widths = content_widths(library, COLUMNS[request.kind], rows) if request.rows is None and request.measure else None
    if request.words and request.row_words is not None:
        rows = request.row_words.matching(rows, request.words)
    if request.in_order:
        ordered = rows
    else:
        spec = {c.key: c for c in COLUMNS[request.kind]}
        ordered = sorted_entries(library, rows, spec[request.key], request.reverse)
    index = {entity.id: row for row, entity in enumerate(ordered)}
    return OrderedList(ordered, index, widths, total)


class SortChoices:
    """The column and direction each kind of list is sorted by, kept as the reader moves between lists."""

    def __init__(self) -> None:
        self._chosen: dict[EntityKind, tuple[str, bool]] = {}

    def of(self, kind: EntityKind) -> tuple[str, bool]:
        """The column key and whether reversed."""
        return self._chosen.get(kind, (DEFAULT_SORT[kind], False))

    def choose(self, kind: EntityKind, key: str, reverse: bool | None = None) -> None:
        """Sort by column ``key``; with ``reverse`` None, choosing the current column again flips its order."""
        current, was_reversed = self.of(kind)
        if reverse is None:
            reverse = not was_reversed if key == current else False
        self._chosen[kind] = (key, reverse)

    def next_column(self, kind: EntityKind) -> str:
        """The column after the current one, round to the first."""
        keys = [c.key for c in COLUMNS[kind]]
        return keys[(keys.index(self.of(kind)[0]) + 1) % len(keys)]
