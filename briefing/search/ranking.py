"""How the matches of a query are ordered.

bm25 with field weights (``documents.WEIGHTS``: a name match outranks a
title, a title a passing mention), over the first ``plan.RANK_WINDOW``
matches in rowid order (or as many as asked for, when that is more), and any actor whose whole name or alias is exactly
the query before everything else.

bm25 counts, for each phrase it ranks by, every entry that has the phrase.
For a word in tens of thousands of entries that count is most of the cost of
a search, so:

* words that must all match, some rare and some common (in ``COMMON`` or
  more entries): ranked by the rare ones alone.  A common word adds next to
  nothing to bm25 anyway (its inverse document frequency is near zero).
* only common words (also with OR and parentheses): ranked by where they
  match, name before title before the rest, and within that newest first,
  the rowid order.
* only excluded words (``-convoy``): newest first, with no score.

In a library where no word is that common (any real one of a few thousand
entries) the ranking is plain bm25.
"""

from __future__ import annotations

import heapq
import sqlite3

from briefing.search.documents import TEXT_COLUMNS
from briefing.search.plan import FULL, RANK_WINDOW, ByField, Plan, window_sql
from briefing.search.query import And, Not, Query, Term, TextMatch, to_fts
from briefing.search.schema import Layout

COMMON = 1000
EXACT_BOOST = 100.0
"""Added to the score of an actor whose whole name or alias is exactly the query."""


Ranked = list[tuple[int, float | None]]
"""(rowid, score) pairs, best first; the score is None where nothing ranks them (a listing by filters alone)."""


class Ranker:
    def __init__(self) -> None:
        self._common: dict[str, bool] = {}

    def forget(self) -> None:
        self._common.clear()

    def is_common(self, conn: sqlite3.Connection, phrase: str) -> bool:
        common = self._common.get(phrase)
        if common is None:
            probe = "SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ? LIMIT ?)"
            (found,) = conn.execute(probe, (f"{TEXT_COLUMNS} : {phrase}", COMMON)).fetchone()
            common = found >= COMMON
            if len(self._common) > 4096:
                self._common.clear()
            self._common[phrase] = common
        return common

    def _score(self, conn: sqlite3.Connection, query: Query, plan: Plan) -> str | ByField | None:
        """What bm25 ranks by, or whether to rank by field (see ``plan.window_sql``)."""
        node = query.text
        children = node.children if isinstance(node, And) else (node,) if node is not None else ()
        terms = [c for c in children if not isinstance(c, Not)]
        if not terms:
            return None
        if not all(isinstance(t, Term) for t in terms):
            every = query.terms()
            if every and all(self.is_common(conn, to_fts(t)) for t in every):
                return ByField(tuple(_needle(t) for t in every), any_of=True)
            return FULL
        quoted = [to_fts(t) for t in terms]
        rare = [q for q in quoted if not self.is_common(conn, q)]
        if not rare:
            return ByField(tuple(_needle(t) for t in terms))  # type: ignore[arg-type]
        if len(rare) == len(quoted) and not plan.groups and len(terms) == len(children):
            return FULL
        return f"{TEXT_COLUMNS} : ({' AND '.join(rare)})"

    def rank(
        self,
        conn: sqlite3.Connection,
        query: Query,
        words: TextMatch,
        plan: Plan,
        layout: Layout,
        exact: set[int],
        limit: int,
    ) -> tuple[Ranked, int, bool]:
        """The best ``limit`` (rowid, score) pairs, best first; how many were ranked; whether there may be more.

        Asked for more than the window holds (``--limit all``), the window widens to hold them.
        """
        score = self._score(conn, query, plan)
        size = max(RANK_WINDOW, limit)
        built = window_sql(plan, words.include, words.exclude, conn, layout, score, size)
        if built is None:
            return [], 0, False
        window = conn.execute(*built).fetchall()
        more = len(window) > limit or len(window) >= size
        if score is None:  # only words left out: nothing to rank by, so no score, in index order
            return [(rowid, None) for rowid in heapq.nsmallest(limit, (r for r, _ in window))], len(window), more
        scored = [(rowid, -value + (EXACT_BOOST if rowid in exact else 0.0)) for rowid, value in window]
        best = heapq.nsmallest(limit, scored, key=lambda item: (-item[1], item[0]))
        return [*best], len(window), more


def _needle(term: Term) -> str:
    return " " + " ".join(term.words) + ("" if term.prefix else " ")
