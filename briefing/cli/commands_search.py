"""``search``: ranked full-text search over the library and the reader's notes."""

from __future__ import annotations

import argparse
import difflib

from rich.text import Text

from briefing.cli import output
from briefing.errors import NotFoundError
from briefing.model.saved_searches import same_name
from briefing.search.query import QueryError
from briefing.search.results import SearchHit, SearchResults
from briefing.store import paths
from briefing.store.settings import load_settings
from briefing.text import highlighted
from briefing.workspace import Workspace

EXIT_FOUND, EXIT_NONE, EXIT_BAD_QUERY = 0, 1, 2

QUERY_HELP = """\
query language:
  khazali convoy         every word must match (case and accents do not matter); AND between them says the same
  "supply convoy"        the words side by side
  kata*                  words starting with kata
  rocket OR ied          either      convoy -british   leave out     ( ) group
  kind:event             actor, briefing, claim, event, note, source
  actor:khazali          entries linked to an actor (name, alias, slug or id)
  briefing:ID            one briefing (id, slug or the start of one)
  type:ied               event kind (slug, start of one, or a word of its label)
  status:confirmed       claim status      tag:WORD  flag:verify   notes
  from:2020-09 to:"sept 20 2020"   dates as you would write them
  filters alone list entries by date, e.g. briefing search kind:event from:2020-09
  a query that starts with '-' goes after '--':  briefing search -- -kind:claim khazali

exit status: 0 something matched, 1 nothing matched (like grep), 2 the query is malformed
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "search",
        parents=[common],
        help="search the library and your notes",
        description="Ranked full-text search over every briefing in the library and your notes.",
        epilog=QUERY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", nargs="*", metavar="QUERY", help="words and filters; several arguments are joined")
    p.add_argument("--saved", metavar="NAME", help="run the search you saved as NAME (see briefing saved)")
    p.add_argument(
        "--limit", type=limit, default=20, metavar="N", help="at most N results, or 'all' of them (default 20)"
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print JSON: a list of {id, kind, title, snippet, score, date, ...}, best first; score is how well "
        "the words match (higher is better; null for filters alone, which list by date), date is ISO",
    )
    p.set_defaults(handler=run_search)


ALL = 2**62
"""``--limit all``: more entries than any library holds, and still an integer SQLite takes as a LIMIT."""


def limit(value: str) -> int:
    """A ``--limit``: a whole number from 1, or ``all``."""
    if value.strip().casefold() == "all":
        return ALL
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or 'all', got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more, or 'all'")
    return number


def saved_query(workspace: Workspace, name: str) -> str:
    """The query saved as ``name``; an unknown name is an error that offers the nearest."""
    saved = load_settings(paths.settings_path(workspace.data_dir)).saved_searches
    found = next((s for s in saved if same_name(s.name, name)), None)
    if found is None:
        near = difflib.get_close_matches(name, [s.name for s in saved], n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ("; briefing saved lists them" if saved else "")
        raise NotFoundError(f"no saved search is called {name!r}{hint}")
    return found.query


def run_search(args: argparse.Namespace, workspace: Workspace) -> int:
    query = " ".join(args.query)
    if args.saved is not None:
        if query.strip():
            output.error("give a query or --saved NAME, not both")
            return EXIT_BAD_QUERY
        query = saved_query(workspace, args.saved)
    if not query.strip():
        output.error("the query is empty: give words, \"a phrase\" or filters such as kind:claim (see the README)")
        return EXIT_BAD_QUERY
    index = workspace.search_index()
    if index.notice:
        output.error(index.notice)
    cells = output.Cells.for_stdout()
    try:
        results = index.search(query, limit=args.limit, whole=cells.whole and not args.json)
    except QueryError as exc:
        output.error(str(exc))
        return EXIT_BAD_QUERY
    for warning in results.warnings:
        output.error(f"note: {warning}")
    if args.json:
        output.print_json([hit.as_json() for hit in results.hits])
        if not results.hits:
            _suggest(results, to_stderr=True)
        return EXIT_FOUND if results.hits else EXIT_NONE
    # Piped, stdout carries the rows alone, and no match is the exit status alone (as with grep);
    # a suggestion, or there being more, goes to stderr.
    aside = output.as_lines(len(results.hits))
    if not results.hits:
        if not aside:
            output.line(f"No entries match {query!r}.")
        _suggest(results, to_stderr=aside)
        return EXIT_NONE
    output.print_table(["id", "kind", "date", "match"], [_row(hit, cells) for hit in results.hits])
    if results.more:
        more = "there are more: use --limit N or --limit all, or add words and filters"
        _say(f"{len(results.hits)} shown; {more}", aside)
    return EXIT_FOUND


def _say(message: str, aside: bool) -> None:
    if aside:
        output.error(message)
    else:
        output.line(message)


def _row(hit: SearchHit, cells: output.Cells) -> list[object]:
    match = highlighted(hit.title, list(hit.title_spans))
    match.stylize("bold")
    if hit.snippet:
        match.append("\n")
        match.append_text(highlighted(hit.snippet, list(hit.spans)))
    return [hit.id, str(hit.kind), cells.date(hit.when), match]


def _suggest(results: SearchResults, *, to_stderr: bool) -> None:
    if not results.suggestions:
        return
    line = "Did you mean: " + " or ".join(repr(s) for s in results.suggestions) + "?"
    if to_stderr:
        output.error(line)
    else:
        output.console().print(Text(line, style="italic"))
