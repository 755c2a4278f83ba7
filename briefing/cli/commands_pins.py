"""``pins``, ``pin`` and ``unpin``: the entries the reader keeps at hand (the browser's b and its Pinned list)."""

from __future__ import annotations

import argparse

from briefing.cli import output
from briefing.cli.entry_names import entry_named
from briefing.store import paths
from briefing.store.pins import load_pins, set_pin
from briefing.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("pins", parents=[common], help="your pinned entries, oldest pin first")
    p.add_argument("--json", action="store_true", help="print JSON: [{id, kind, title, in_library}]")
    p.set_defaults(handler=run_pins)
    for name, pinned in (("pin", True), ("unpin", False)):
        q = sub.add_parser(name, parents=[common], help=f"{name} an entry (by id, or by its name, alias or title)")
        q.add_argument("id", metavar="ID|NAME")
        q.set_defaults(handler=run_pin, pinned=pinned)


def run_pins(args: argparse.Namespace, workspace: Workspace) -> int:
    library = workspace.library
    rows = []
    for entity_id in load_pins(paths.pins_path(workspace.data_dir)):
        entity = library.get(entity_id)
        rows.append(
            {
                "id": entity_id,
                "kind": entity_id.split(":", 1)[0],
                "title": library.label(entity_id) if entity is not None else "",
                "in_library": entity is not None,
            }
        )
    if args.json:
        output.print_json(rows)
    elif rows:
        cells = [[r["id"], r["title"] or "(not in the library now)"] for r in rows]
        output.print_table(["id", "title"], cells, title=f"pins · {len(rows)}")
    else:
        output.error("no pins yet: briefing pin ID, or b in the browser")
    return 0


def run_pin(args: argparse.Namespace, workspace: Workspace) -> int:
    entity_id = entry_named(args.id, workspace.library)
    if entity_id is None:
        return 1
    if args.pinned:
        workspace.library.require(entity_id)  # an unknown id is an error; unpinning one the library lost is not
    path = paths.pins_path(workspace.data_dir)
    was = entity_id in load_pins(path)
    set_pin(path, entity_id, args.pinned)
    if args.pinned:
        output.error(f"{entity_id} was pinned already" if was else f"pinned {entity_id}")
    else:
        output.error(f"unpinned {entity_id}" if was else f"{entity_id} was not pinned")
    return 0
