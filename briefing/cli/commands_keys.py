"""``keys``: every key of the browser by binding id, as the reader's keymap file has them."""

from __future__ import annotations

import argparse

from briefing.cli import output
from briefing.errors import BriefingError
from briefing.text import path as shown_path
from briefing.workspace import Workspace


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "keys",
        parents=[common],
        help="list the browser's keys by binding id, with those your keymap file (keys.toml) changes",
        description="Each binding id, its usual keys, the keys it has now and what it does. Rebind one in the "
        'keymap file, under [keys]: for example  timeline = "T"  or  search = "slash,ctrl+f".',
    )
    p.add_argument("--json", action="store_true", help="print the keys as JSON")
    p.set_defaults(handler=run_keys)


def run_keys(args: argparse.Namespace, workspace: Workspace) -> int:
    from briefing.ui.app import BriefingApp
    from briefing.ui.keymap import binding_homes, bindings_by_id, load_keymap, usual_keys

    known = bindings_by_id([BriefingApp, *binding_homes()])
    keymap = load_keymap(workspace.keymap_path, known)
    rows = []
    for binding_id, bindings in sorted(known.items()):
        usual, binding = usual_keys(bindings), bindings[0]
        rows.append(
            {
                "id": binding_id,
                "usual": usual,
                "now": keymap.keys.get(binding_id, usual),
                "does": binding.tooltip or binding.description,
            }
        )
    if args.json:
        output.print_json({"keymap": str(keymap.path), "keys": rows, "problems": keymap.problems})
    else:
        output.print_table(["id", "usual", "now", "does"], [list(row.values()) for row in rows], title="keys")
        output.error(f"keymap: {shown_path(keymap.path)}" + ("" if keymap.path.exists() else " (none yet)"))
    if keymap.problems:
        raise BriefingError(keymap.notice or "")
    return 0
