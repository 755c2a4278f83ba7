"""The hits of a search: the ranked rows of the index turned into what the reader sees.

Each row's entry is looked up in the library (or the notes), and its title
and a snippet are cut and marked where the query's words match.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from functools import lru_cache

from briefing.library import Library, LibraryEntity
from briefing.model.dates import When
from briefing.model.entities import Note
from briefing.model.vocabulary import EntityKind
from briefing.search import documents
from briefing.search.query import Query
from briefing.search.ranking import Ranked
from briefing.search.results import Highlighter, SearchHit, snippet, title_of


@lru_cache(maxsize=4096)
def _label(when: When) -> str:
    return when.label


def hits_of(
    conn: sqlite3.Connection,
    library: Library,
    notes: Mapping[str, Note],
    query: Query,
    ranked: Ranked,
    *,
    whole: bool = False,
) -> list[SearchHit]:
    """The hits for ranked rows of the index: each entry found in the library or the notes, title and snippet marked.

    ``whole``: titles and snippets uncut, for output that promises never to cut text (a pipe).
    """
    if not ranked:
        return []
    numbers = [rowid for rowid, _ in ranked]
    marks = ", ".join("?" * len(numbers))
    sql = f"SELECT rowid, id, kind FROM entries WHERE rowid IN ({marks})"
    found = {rowid: (entry_id, kind) for rowid, entry_id, kind in conn.execute(sql, numbers)}
    tables = _tables(library, notes)
    highlighter = Highlighter(query.terms())
    hits = []
    for rowid, score in ranked:
        entry_id, kind = found.get(rowid, ("", EntityKind.NOTE))
        entity = tables[kind].get(entry_id)
        if entity is not None:
            hits.append(_hit(entity, score, library, highlighter, whole=whole))
    return hits


def _tables(library: Library, notes: Mapping[str, Note]) -> dict[str, Mapping[str, LibraryEntity | Note]]:
    """Where each kind's entries are, keyed by EntityKind, a StrEnum, so the kind as stored (a str) finds its table."""
    return {
        EntityKind.ACTOR: library.actors,
        EntityKind.BRIEFING: library.briefings,
        EntityKind.CLAIM: library.claims,
        EntityKind.EVENT: library.events,
        EntityKind.SOURCE: library.sources,
        EntityKind.NOTE: notes,
    }


def _hit(
    entity: LibraryEntity | Note, score: float | None, library: Library, highlighter: Highlighter, *, whole: bool
) -> SearchHit:
    title, title_spans = title_of(documents.display_title(entity), highlighter, whole=whole)
    text, spans = snippet(documents.snippet_fields(entity, library), highlighter, besides=title, whole=whole)
    when = documents.date_of(entity)
    owner = entity.target if isinstance(entity, Note) else entity
    return SearchHit(
        id=entity.id,
        kind=entity.kind,
        title=title,
        snippet=text,
        score=score,
        briefings=library.briefings_of(owner),
        date=_label(when) if when is not None else "",
        title_spans=title_spans,
        spans=spans,
        when=when,
    )
