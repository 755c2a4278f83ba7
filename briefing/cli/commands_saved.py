"""``saved``: the searches the reader keeps under a name (the browser's navigation lists them too)."""

from __future__ import annotations

import argparse

from briefing.cli import output
from briefing.cli.commands_search import EXIT_BAD_QUERY
from briefing.errors import NotFoundError
from briefing.model.saved_searches import SavedSearch, checked_name, same_name
from briefing.search.query import QueryError, parse
from briefing.store import paths
from briefing.store.settings import forget_search, load_settings, rename_search, save_search
from briefing.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "saved",
        parents=[common],
        help="your saved searches with their counts; 'saved add NAME QUERY', 'saved mv NAME NEW', 'saved rm NAME'",
        description="Searches kept under a name: listed here and in the browser's navigation, run with "
        "briefing search --saved NAME.",
    )
    p.add_argument(
        "action", nargs="?", choices=["add", "mv", "rm"], help="add, rename or remove one (list them without)"
    )
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument(
        "query", nargs="*", metavar="QUERY", help="for add: words and filters, as for search; for mv: the new name"
    )
    p.add_argument("--json", action="store_true", help="print the list as JSON: [{name, query, count, more}]")
    p.set_defaults(handler=run_saved)


def run_saved(args: argparse.Namespace, workspace: Workspace) -> int:
    settings_file = paths.settings_path(workspace.data_dir)
    if args.action is None:
        return _list(args, workspace)
    if args.name is None:
        output.error(f"saved {args.action} needs a NAME")
        return EXIT_BAD_QUERY
    if args.action == "rm":
        known = load_settings(settings_file).saved_searches
        if not any(same_name(s.name, args.name) for s in known):
            raise NotFoundError(f"no saved search is called {args.name!r}")
        forget_search(settings_file, args.name)
        output.error(f"forgot the saved search {args.name!r}")
        return 0
    if args.action == "mv":
        new_name = checked_name(" ".join(args.query))
        rename_search(settings_file, args.name, new_name)
        output.error(f"renamed the saved search {args.name!r} to {new_name!r}")
        return 0
    query = " ".join(args.query)
    try:
        parse(query)
    except QueryError as exc:
        output.error(str(exc))
        return EXIT_BAD_QUERY
    if not query.strip():
        output.error("saved add needs a QUERY after the NAME")
        return EXIT_BAD_QUERY
    name = checked_name(args.name)
    save_search(settings_file, SavedSearch(name, query))
    output.error(f"saved {query!r} as {name!r}")
    return 0


def _list(args: argparse.Namespace, workspace: Workspace) -> int:
    saved = load_settings(paths.settings_path(workspace.data_dir)).saved_searches
    index = workspace.search_index() if saved else None
    rows = []
    for search in saved:
        try:
            count, more = index.count(search.query) if index is not None else (0, False)
        except QueryError:
            count, more = 0, False
        rows.append({"name": search.name, "query": search.query, "count": count, "more": more})
    if args.json:
        output.print_json(rows)
    elif rows:
        cells = [[r["name"], r["query"], f"{r['count']}{'+' if r['more'] else ''}"] for r in rows]
        output.print_table(["name", "query", "hits"], cells, title=f"saved searches · {len(rows)}")
    else:
        output.error("no saved searches yet: briefing saved add NAME QUERY, or ctrl+s in the browser's search")
    return 0
