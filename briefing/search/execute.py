"""Running a parsed query on the open index: its plan, then a listing (filters alone) or a ranking (words).

``SearchIndex.search`` calls ``execute`` under its lock and turns the rows
into hits (``hits.hits_of``).
"""

from __future__ import annotations

import sqlite3

from briefing.library import Library
from briefing.search import schema
from briefing.search.names import ActorNames
from briefing.search.plan import Plan, list_sql, make_plan
from briefing.search.query import Query, text_match
from briefing.search.ranking import Ranked, Ranker
from briefing.search.schema import Layout


def execute(
    conn: sqlite3.Connection,
    query: Query,
    limit: int,
    library: Library,
    names: ActorNames,
    layout: Layout,
    ranker: Ranker,
) -> tuple[Plan, Ranked, int, bool]:
    """The plan of ``query``; its best ``limit`` (rowid, score) pairs; how many matched; whether there are more."""
    plan = make_plan(query, conn, library, names)
    if plan.impossible:
        return plan, [], 0, False
    words = text_match(query)
    if words is None:
        rows: list[int] = []
        for sql, params in list_sql(plan, conn, layout):
            rows += [rowid for (rowid,) in conn.execute(sql, [*params, limit + 1 - len(rows)])]
            if len(rows) > limit:
                break
        rows.sort(key=lambda rowid: rowid not in plan.named)
        return plan, [(rowid, None) for rowid in rows[:limit]], min(len(rows), limit), len(rows) > limit
    ranked, matched, more = ranker.rank(conn, query, words, plan, layout, _exact_rowids(conn, query, names), limit)
    return plan, ranked, matched, more


def _exact_rowids(conn: sqlite3.Connection, query: Query, names: ActorNames) -> set[int]:
    """Actors whose whole name or alias is exactly the words of the query."""
    terms = query.terms()
    if not terms or any(t.prefix for t in terms):
        return set()
    ids = names.exactly([word for term in terms for word in term.words])
    if not ids:
        return set()
    return set(schema.rowids_of(conn, sorted(ids)).values())
