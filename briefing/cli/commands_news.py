"""``news``: what arrived since the reader last looked (the browser's What's new), for scripts too."""

from __future__ import annotations

import argparse

from briefing.cli import output
from briefing.store import paths
from briefing.store.unread import change_unread, load_unread
from briefing.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("news", parents=[common], help="entries that arrived since you last looked, latest first")
    p.add_argument("--json", action="store_true", help="print JSON: [{id, kind, title, arrived}]")
    p.add_argument("--read-all", action="store_true", help="mark them all read (What's new is empty after)")
    p.set_defaults(handler=run_news)


def run_news(args: argparse.Namespace, workspace: Workspace) -> int:
    path = paths.unread_path(workspace.data_dir)
    if args.read_all:
        count = len(load_unread(path).unread)
        change_unread(path, all_read=True)
        output.error(f"marked {count} entr{'y' if count == 1 else 'ies'} read")
        return 0
    library = workspace.library
    rows = [
        {"id": entity_id, "kind": entity_id.split(":", 1)[0], "title": library.label(entity_id), "arrived": stamp}
        for entity_id, stamp in reversed(list(load_unread(path).unread.items()))
        if entity_id in library
    ]
    if args.json:
        output.print_json(rows)
    elif rows:
        cells = [[r["arrived"][:16].replace("T", " "), r["id"], r["title"]] for r in rows]
        output.print_table(["arrived (UTC)", "id", "title"], cells, title=f"new · {len(rows)}")
    else:
        output.error("nothing new since you last looked")
    return 0
