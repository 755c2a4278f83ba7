"""The ``briefing`` command: argument parsing and printing only.

Each sub-command lives in its own module with a ``register(subparsers)``
function; this module adds the global options, dispatches, and turns every
error a user may cause into one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

from briefing import __version__
from briefing.cli import commands_read, output
from briefing.errors import BriefingError
from briefing.text import clean, one_line, path
from briefing.workspace import Workspace

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

Handler = Callable[[argparse.Namespace, Workspace], int]

COMMAND_MODULES = [commands_read]


def _optional_modules() -> list[ModuleType]:
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
        "commands_keys",
        "commands_saved",
        "commands_pins",
        "commands_news",
    ):
        try:
            found.append(importlib.import_module(f"briefing.cli.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"briefing.cli.{name}":
                raise
    return found


class _Parser(argparse.ArgumentParser):
    """argparse echoes what was typed ("unrecognized arguments: ..."); this one cleans what it prints."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(clean(message), file)

    def error(self, message: str) -> NoReturn:
        """One line, as every other error is, and where to read more; not argparse's usage block."""
        command = one_line(self.prog).removeprefix("briefing").strip()
        where = f"{command}: " if command else ""
        sys.stderr.write(f"briefing: {where}{one_line(message)} (see {one_line(self.prog)} --help)\n")
        raise SystemExit(2)


def _tolerant_stdout() -> None:
    """A character the terminal's encoding cannot show prints as "?" rather than ending in a traceback.

    ``export`` checks for itself that its document fits, since a lossy export would be worse than none.
    """
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with suppress(OSError, ValueError):
            reconfigure(errors="replace")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
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
    parser = _Parser(
        prog="briefing",
        description="Browse structured news briefings: actors, claims, timelines, sources and your notes.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in [*COMMAND_MODULES, *_optional_modules()]:
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_stdout()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its own one-line message
        return int(exc.code or 0)
    workspace: Workspace | None = None
    handler: Handler | None = None
    try:
        workspace = Workspace.from_options(
            getattr(args, "library", None),
            getattr(args, "data_dir", None),
            include_shipped=not getattr(args, "no_shipped", False),
        )
        handler = getattr(args, "handler", None)
        if handler is None:
            from briefing.ui.run import run_browser

            return run_browser(workspace)
        for unreadable in workspace.unreadable_folders():
            output.error(f"library folder {unreadable}; skipped")
        code: int = handler(args, workspace)
        return code
    except BriefingError as exc:
        output.error(str(exc))
        return 1
    except KeyboardInterrupt:
        output.error("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 141
    except OSError as exc:  # a file error some layer did not turn into a StoreError: still one line
        where = f"{path(exc.filename)}: " if exc.filename else _unnamed_stream(exc)
        output.error(f"{where}{exc.strerror or exc}")
        return 1
    finally:
        if handler is not None and workspace is not None:
            with suppress(BrokenPipeError, OSError):
                report_library_problems(workspace)


def _unnamed_stream(exc: OSError) -> str:
    """Where an OSError naming no file was writing: standard output, for what a full or broken ``> FILE`` gives.

    Every file the layers below write is named in their errors; what is left
    without a name is the flush of stdout into a full disk or a device.
    """
    if exc.errno not in _OUTPUT_ERRORS:
        return ""
    with suppress(OSError, ValueError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  the interpreter's own flush at exit must not fail again
    return "standard output: "


_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.ENXIO})


def report_library_problems(workspace: Workspace) -> None:
    """Whatever a command did, a library it loaded with files skipped or partly loaded is said on stderr.

    So is an interrupted import the command finished or threw away first.

    A summary line naming the files, then the problems themselves (the first
    ``output.LISTED``): without them, ``show`` prints links as missing and
    ``export`` leaves entries out with nothing to say why.
    """
    if workspace.recovery:
        output.error(workspace.recovery)
    library = workspace.loaded_library
    if library is None:
        return
    folders = {str(folder) for folder in library.folders}  # a folder that cannot be listed: main has said so
    problems = [p for p in library.problems if p.file not in folders]
    if not problems:
        return
    files = ", ".join(sorted({path(p.file) if p.file else "(unknown file)" for p in problems}))
    output.error_list(
        f"{len(problems)} problem(s) in {files}; skipped or partly loaded (briefing validate FILE for more):",
        problems,
        " (briefing validate FILE lists them all)",
    )
