"""``serve``: the same browser in a web browser, through textual-serve.

Each visitor gets their own ``briefing`` process, started with this
invocation's library and data dir, so notes written on the web page land in
the same notes file as the terminal's.  Only pages of this server opened with
the token it prints reach them (briefing/cli/serve_guard.py says how).
"""

from __future__ import annotations

import argparse
import shlex
import sys

from briefing.cli import output
from briefing.errors import BriefingError
from briefing.store.paths import resolved
from briefing.workspace import Workspace

DEFAULT_MAX_SESSIONS = 4


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "serve",
        parents=[common],
        help="serve the browser to a web browser (textual-serve)",
        description="Serve the browser to a web browser. It prints the address to open, with a token that is new "
        "each run; a page without it (another web site's, say) is refused.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--max-sessions",
        type=_positive,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"at most N browser sessions (each one a briefing process) at once (default {DEFAULT_MAX_SESSIONS})",
    )
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host other than this machine; the printed token is then all that keeps others out, "
        "and the connection is not encrypted",
    )
    p.set_defaults(handler=run_serve)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: not a whole number of at least 1")
    return number


def app_command(workspace: Workspace) -> str:
    """The shell command each web session runs: this library, this data dir, no shipped-content surprises.

    Each value is joined to its option (``--library=-lib``): as a word of its
    own, a folder named like an option would be read as one.
    """
    parts = [sys.executable, "-m", "briefing", "--no-shipped", f"--data-dir={workspace.data_dir}"]
    for folder in workspace.library_dirs:
        if resolved(folder) != resolved(workspace.user_library):
            parts.append(f"--library={folder}")
    return shlex.join(parts)


def run_serve(args: argparse.Namespace, workspace: Workspace) -> int:
    if not 0 < args.port < 65536:
        raise BriefingError(f"--port {args.port}: not a port number")
    from briefing.cli.serve_guard import GuardedServer, is_loopback

    if not is_loopback(args.host):
        if not args.allow_remote:
            output.error(f"--host {args.host}: other machines could reach it; add --allow-remote if you mean that")
            return 2
        output.error(
            f"--allow-remote: whoever reaches {args.host}:{args.port} with the token below can read the library and "
            "write notes; the connection is not encrypted"
        )
    server = GuardedServer(
        app_command(workspace), host=args.host, port=args.port, max_sessions=args.max_sessions, title="briefing"
    )
    try:
        server.serve()
    except OSError as exc:
        raise BriefingError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return 0
