"""From a parsed query to SQL: filters pushed into FTS5 and rowid ranges, never applied in Python.

A query with words is one FTS5 MATCH: the reader's words restricted to the
text columns, filter tokens to the facets column, a kind and a date range
turned into a rowid range (see ``schema`` for the layout), and only what a
range cannot say exactly (a date's edge, a common kind) checked against
``entries`` row by row.  A query of filters alone reads the same
index in rowid order, block by block, so that it lists entries by date
without sorting them.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from briefing.library import Library
from briefing.model.vocabulary import EntityKind
from briefing.search import documents
from briefing.search.documents import TEXT_COLUMNS, UNIVERSE, WEIGHTS
from briefing.search.names import ActorNames
from briefing.search.query import Filter, Query, QueryError
from briefing.search.query_filters import ANY_OF
from briefing.search.schema import Layout, Span, rowids_of
from briefing.text import shorten

RANK_WINDOW = 300
"""At most this many matches are ranked: the first ones in rowid order (actors, then newest first)."""

RARE_KIND = 0.1
"""A kind with fewer entries than this share of the library is filtered inside FTS5, by token."""

SLICES_KEPT = 256
"""At most this many date ranges' slices are remembered."""

_DATED_KINDS = frozenset({EntityKind.BRIEFING, EntityKind.SOURCE, EntityKind.EVENT, EntityKind.CLAIM})
_EMPTY: Span = (1, 0)
FULL = "*"
"""``window_sql``'s score: rank by the query's own expression."""


@dataclass(frozen=True, slots=True)
class ByField:
    """``window_sql``'s score without bm25: where all the ``needles`` are, name before title before the rest.

    A needle is a phrase as the text columns hold it (folded words between
    spaces): " rocket " for a word, " kata" for a word's start.  The name and
    title are read from ``entries``, whose small rows cost half as much to
    read as FTS5's content rows.
    """

    needles: tuple[str, ...]
    any_of: bool = False
    """Where any of the needles is, rather than all (for a query with OR)."""
    scores: tuple[float, float, float] = (10.0, 5.0, 1.0)

    def select(self) -> tuple[str, list[object]]:
        def all_in(column: str) -> str:
            joiner = " OR " if self.any_of else " AND "
            return "(" + joiner.join(f"instr(' ' || e.{column} || ' ', ?) > 0" for _ in self.needles) + ")"

        name, title, other = self.scores
        sql = f"CASE WHEN {all_in('name')} THEN {-name} WHEN {all_in('title')} THEN {-title} ELSE {-other} END"
        return sql, [*self.needles, *self.needles]


@dataclass(frozen=True, slots=True)
class FacetGroup:
    """Entries with any of ``tokens`` (or, negated, with none of them)."""

    tokens: tuple[str, ...]
    negated: bool = False


@dataclass
class Plan:
    kinds: frozenset[str] | None = None  # None: every kind
    groups: list[FacetGroup] = field(default_factory=list)
    first_day: date | None = None
    last_day: date | None = None
    impossible: bool = False
    warnings: list[str] = field(default_factory=list)
    named: set[int] = field(default_factory=set)
    """Rowids of the actors an actor: filter names, listed before what links to them."""

    @property
    def dated(self) -> bool:
        return self.first_day is not None or self.last_day is not None


def make_plan(query: Query, conn: sqlite3.Connection, library: Library, names: ActorNames) -> Plan:
    plan = Plan()
    kinds: set[str] | None = None
    excluded: set[str] = set()
    any_of: dict[str, list[str]] = defaultdict(list)
    for flt in query.filters:
        if flt.name == "kind":
            if flt.negated:
                excluded.update(flt.values)
            else:
                kinds = (kinds or set()) | set(flt.values)
        elif flt.name in ("from", "to"):
            _add_date(plan, flt)
        else:
            tokens = _facet_tokens(plan, flt, conn, library, names)
            if flt.negated:
                if tokens:
                    plan.groups.append(FacetGroup(tuple(tokens), negated=True))
            elif flt.name in ANY_OF:
                any_of[flt.name].extend(tokens)
            elif tokens:
                plan.groups.append(FacetGroup(tuple(tokens)))
            else:
                plan.impossible = True
    for tokens in any_of.values():
        if not tokens:
            plan.impossible = True
        plan.groups.append(FacetGroup(tuple(dict.fromkeys(tokens))))
    if kinds is not None or excluded:
        plan.kinds = frozenset((kinds if kinds is not None else set(map(str, EntityKind))) - excluded)
        if not plan.kinds:
            plan.impossible = True
    if plan.first_day and plan.last_day and plan.first_day > plan.last_day:
        plan.impossible = True
    return plan


def _add_date(plan: Plan, flt: Filter) -> None:
    if flt.negated:
        other = "to" if flt.name == "from" else "from"
        raise QueryError(f"-{flt.name}: cannot be negated; use {other}: instead", flt.column)
    assert flt.when is not None
    if flt.name == "from":
        day = flt.when.start
        plan.first_day = max(plan.first_day, day) if plan.first_day else day
    else:
        day = flt.when.last
        plan.last_day = min(plan.last_day, day) if plan.last_day else day


def _facet_tokens(plan: Plan, flt: Filter, conn: sqlite3.Connection, library: Library, names: ActorNames) -> list[str]:
    match flt.name:
        case "actor":
            ids = names.named(flt.value)
            if not ids:
                plan.warnings.append(f"no actor is named {shorten(flt.value, 40)!r}")
            rowids = rowids_of(conn, ids)
            if not flt.negated:
                plan.named.update(rowids.values())
            return [documents.actor_facet(rowids[i]) for i in ids if i in rowids]
        case "briefing":
            bid = briefing_named(flt, library)
            rowids = rowids_of(conn, [bid])
            return [documents.briefing_facet(rowids[bid])] if bid in rowids else []
        case "type":
            return [documents.type_facet(v) for v in flt.values]
        case "status":
            return [documents.status_facet(v) for v in flt.values]
        case "flag":
            return [documents.flag_facet(v) for v in flt.values]
        case "tag":
            return [documents.tag_facet(flt.value.lstrip("#"))]
    raise QueryError(f"unknown filter {flt.name}:", flt.column)


def briefing_named(flt: Filter, library: Library) -> str:
    """The briefing ``briefing:value`` means: an id, a slug or the start of exactly one slug."""
    value = flt.value.strip().lower()
    briefings = library.briefings
    for candidate in (value, f"briefing:{value}"):
        if candidate in briefings:
            return candidate
    slug = value.removeprefix("briefing:")
    starting = sorted(b for b in briefings if b.removeprefix("briefing:").startswith(slug))
    if len(starting) == 1:
        return starting[0]
    shown = starting or sorted(briefings)
    listed = ", ".join(shorten(b, 30) for b in shown[:3]) + (", ..." if len(shown) > 3 else "")
    asked = shorten(flt.value, 40)
    if starting:
        raise QueryError(f"briefing:{asked} could be {listed}", flt.column)
    raise QueryError(f"briefing:{asked} is no briefing in the library (there are: {listed or 'none'})", flt.column)


# -- SQL -----------------------------------------------------------------------


def _marks(values: object) -> str:
    return ", ".join("?" * len(values))  # type: ignore[arg-type]


def _date_checks(plan: Plan, max_span: int) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if plan.first_day is not None:
        where += ["e.last >= ?", "e.start >= ?"]
        params += [plan.first_day.isoformat(), (plan.first_day - timedelta(days=max_span)).isoformat()]
    if plan.last_day is not None:
        where += ["e.start <= ?", "e.start != ''"]
        params += [plan.last_day.isoformat()]
    return where, params


def _start_of(conn: sqlite3.Connection, rowid: int) -> str:
    start: str = conn.execute("SELECT start FROM entries WHERE rowid = ?", (rowid,)).fetchone()[0]
    return start


def _date_slice(plan: Plan, conn: sqlite3.Connection, layout: Layout) -> Span:
    """The part of the dated block that can hold entries within the plan's dates.

    The block is in order of first day, newest first, so a from: date cuts off
    its tail and a to: date its head; each cut is a binary search by rowid,
    made once per pair of dates (a query typed on keeps its dates).
    """
    key = (plan.first_day, plan.last_day)
    cut = layout.slices.get(key)
    if cut is None:
        if len(layout.slices) >= SLICES_KEPT:
            layout.slices.clear()
        cut = layout.slices[key] = _cut_dates(plan, conn, layout)
    return cut


def _cut_dates(plan: Plan, conn: sqlite3.Connection, layout: Layout) -> Span:
    lo, hi = layout.dated
    if lo > hi:
        return _EMPTY
    if plan.first_day is not None:
        earliest = (plan.first_day - timedelta(days=layout.max_span)).isoformat()
        # The last row starting on or after ``earliest``.
        low, high = lo, hi + 1
        while low < high:
            middle = (low + high) // 2
            if _start_of(conn, middle) >= earliest:
                low = middle + 1
            else:
                high = middle
        hi = low - 1
    if plan.last_day is not None:
        latest = plan.last_day.isoformat()
        # The first row starting on or before ``latest``.
        low, high = lo, hi + 1
        while low < high:
            middle = (low + high) // 2
            if _start_of(conn, middle) <= latest:
                high = middle
            else:
                low = middle + 1
        lo = low
    return (lo, hi) if lo <= hi else _EMPTY


def _blocks(plan: Plan, conn: sqlite3.Connection, layout: Layout) -> list[tuple[Span, bool]]:
    """The parts of the index the plan's kinds and dates can be in, in listing order, and whether to read
    each backwards: actors by name, then dated entries oldest first, undated ones, notes."""
    kinds = plan.kinds if plan.kinds is not None else frozenset(map(str, EntityKind))
    blocks: list[tuple[Span, bool]] = []
    if EntityKind.ACTOR in kinds and not plan.dated:
        blocks.append((layout.actors, False))
    if kinds & _DATED_KINDS:
        blocks.append((_date_slice(plan, conn, layout) if plan.dated else layout.dated, True))
        if not plan.dated:
            blocks.append((layout.undated, False))
    if EntityKind.NOTE in kinds:
        blocks.append((layout.notes, False))
    return [(span, backwards) for span, backwards in blocks if span[0] <= span[1]]


def rowid_span(plan: Plan, conn: sqlite3.Connection, layout: Layout) -> Span | None:
    """The rowids that can hold the plan's kinds and dates; None when that is all of them."""
    if plan.kinds is None and not plan.dated:
        return None
    blocks = _blocks(plan, conn, layout)
    if not blocks:
        return _EMPTY
    return min(span[0] for span, _ in blocks), max(span[1] for span, _ in blocks)


def _kind_filter(plan: Plan, layout: Layout) -> tuple[list[FacetGroup], list[str], list[object]]:
    """A kind filter as a facet token (for a rare kind) or as a check of each row (for a common one)."""
    kinds = plan.kinds
    if kinds is None or kinds in ({EntityKind.ACTOR}, {EntityKind.NOTE}):
        return [], [], []
    if sum(layout.counts.get(k, 0) for k in kinds) <= RARE_KIND * max(layout.total, 1):
        return [FacetGroup(tuple(documents.kind_facet(k) for k in sorted(kinds)))], [], []
    params: list[object] = [*sorted(kinds)]
    return [], [f"e.kind IN ({_marks(kinds)})"], params


def _facet_match(tokens: tuple[str, ...] | list[str]) -> str:
    return "facets : (" + " OR ".join(f'"{token}"' for token in tokens) + ")"


def match_expression(groups: list[FacetGroup], include: str | None, exclude: list[str]) -> str:
    """The whole FTS5 expression: filter tokens and the reader's words, each in their own columns."""
    parts = [_facet_match(g.tokens) for g in groups if not g.negated]
    if include is not None:
        parts.append(f"{TEXT_COLUMNS} : {include}")
    expression = " AND ".join(parts) if parts else _facet_match([UNIVERSE])
    for group in groups:
        if group.negated:
            expression = f"({expression}) NOT {_facet_match(group.tokens)}"
    for excluded in exclude:
        expression = f"({expression}) NOT {TEXT_COLUMNS} : {excluded}"
    return expression


def window_sql(
    plan: Plan,
    include: str | None,
    exclude: list[str],
    conn: sqlite3.Connection,
    layout: Layout,
    score: str | ByField | None,
    size: int = RANK_WINDOW,
) -> tuple[str, list[object]] | None:
    """SQL for the ranking window (its first ``size`` matches) of a query with words, as (rowid, bm25) rows;
    None if nothing can match.

    ``score`` is what bm25 ranks by: ``FULL`` for the query itself, another
    expression over the window the query selects; or None for no ranking
    (rows in rowid order, bm25 0); or a ``ByField``, see there.  bm25 first counts, for every phrase it
    ranks by, the entries that have it: for a word in half of a large
    library that costs more than all the rest of a search.
    """
    groups = list(plan.groups)
    where: list[str] = []
    params: list[object] = []
    span = rowid_span(plan, conn, layout)
    if span == _EMPTY:
        return None
    if span is not None:
        where.append("f.rowid BETWEEN ? AND ?")
        params += list(span)
    checks, check_params = _date_checks(plan, layout.max_span)
    kind_groups, kind_checks, kind_params = _kind_filter(plan, layout)
    groups += kind_groups
    checks += kind_checks
    check_params += kind_params
    expression = match_expression(groups, include, exclude)
    join = ""
    if checks or isinstance(score, ByField):
        join = "CROSS JOIN entries AS e ON e.rowid = f.rowid"
        where += checks
        params += check_params
    window = f"FROM fts AS f {join} WHERE {' AND '.join(['f.fts MATCH ?', *where])} LIMIT {int(size)}"
    return _scored(window, expression, params, score)


def _scored(
    window: str, expression: str, params: list[object], score: str | ByField | None
) -> tuple[str, list[object]]:
    """The rows of ``window`` (MATCH ``expression``, then ``params``) with what ``score`` says (see ``window_sql``)."""
    weights = ", ".join(str(w) for w in WEIGHTS)
    if score is None:
        return f"SELECT f.rowid, 0.0 {window}", [expression, *params]
    if isinstance(score, ByField):
        select, select_params = score.select()
        return f"SELECT f.rowid, {select} {window}", [*select_params, expression, *params]
    if score == FULL:
        return f"SELECT f.rowid, bm25(f.fts, {weights}) {window}", [expression, *params]
    # The unary + keeps SQLite from looking each rowid up in FTS5, which would count the phrases again each time.
    sql = (
        f"SELECT s.rowid, bm25(s.fts, {weights}) FROM fts AS s "
        f"WHERE s.fts MATCH ? AND +s.rowid IN (SELECT f.rowid {window})"
    )
    return sql, [score, expression, *params]


def list_sql(plan: Plan, conn: sqlite3.Connection, layout: Layout) -> list[tuple[str, list[object]]]:
    """For a query of filters alone, one query per block in listing order (see ``_blocks``).

    Each yields rowids and wants one last parameter: how many rows.  Rows
    come in index order, so no query sorts, however many entries match.
    """
    groups = list(plan.groups)
    checks, params = _date_checks(plan, layout.max_span)
    kind_groups, kind_checks, kind_params = _kind_filter(plan, layout)
    groups += kind_groups
    checks += kind_checks
    params += kind_params
    expression = match_expression(groups, None, [])
    join = "CROSS JOIN entries AS e ON e.rowid = f.rowid" if checks else ""
    queries = []
    for (low, high), backwards in _blocks(plan, conn, layout):
        where = " AND ".join(["f.fts MATCH ?", "f.rowid BETWEEN ? AND ?", *checks])
        order = "DESC" if backwards else "ASC"
        sql = f"SELECT f.rowid FROM fts AS f {join} WHERE {where} ORDER BY f.rowid {order} LIMIT ?"
        queries.append((sql, [expression, low, high, *params]))
    return queries
