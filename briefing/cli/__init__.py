"""The ``briefing`` command: argument parsing and printing only.

Each sub-command lives in its own module with a ``register(subparsers)``
function; this module adds the global options, dispatches, and turns every
error a user may cause into one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from briefing import __version__
from briefing.cli import commands_read, output
from briefing.errors import BriefingError
from briefing.workspace import Workspace

Handler = Callable[[argparse.Namespace, Workspace], int]

COMMAND_MODULES = [commands_read]


def _optional_modules() -> list[object]:
    """Command modules added by later work; each registers itself if present."""
    import importlib

    found = []
    for name in (
        "commands_search",
        "commands_notes",
        "commands_io",
        "commands_extract",
        "commands_serve",
        "commands_bench",
    ):
        try:
            found.append(importlib.import_module(f"briefing.cli.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"briefing.cli.{name}":
                raise
    return found


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        action="append",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="add a folder of briefing files to the library (repeatable; also BRIEFING_LIBRARY)",
    )
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="where notes, settings and the search cache live (also BRIEFING_HOME)",
    )
    common.add_argument(
        "--no-shipped",
        action="store_true",
        default=argparse.SUPPRESS,
        help="leave the briefings that ship with briefing out of the library",
    )
    # Global options are accepted before or after the command; SUPPRESS keeps a
    # sub-command's unset copy from overwriting a value given before it.
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Browse structured news briefings: actors, claims, timelines, sources and your notes.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in [*COMMAND_MODULES, *_optional_modules()]:
        module.register(sub, common)  # type: ignore[attr-defined]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its own one-line message
        return int(exc.code or 0)
    try:
        workspace = Workspace.from_options(
            getattr(args, "library", None),
            getattr(args, "data_dir", None),
            include_shipped=not getattr(args, "no_shipped", False),
        )
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            from briefing.ui.run import run_browser

            return run_browser(workspace)
        return handler(args, workspace)
    except BriefingError as exc:
        output.error(str(exc))
        return 1
    except KeyboardInterrupt:
        output.error("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 141
