"""``serve``: the same browser in a web browser, through textual-serve.

Each visitor gets their own ``briefing`` process, started with this
invocation's library and data dir, so notes written on the web page land in
the same notes file as the terminal's.
"""

from __future__ import annotations

import argparse
import shlex
import sys

from briefing.cli import output
from briefing.errors import BriefingError
from briefing.workspace import Workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="serve the browser to a web browser (textual-serve)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(handler=run_serve)


def app_command(workspace: Workspace) -> str:
    """The shell command each web session runs: this library, this data dir, no shipped-content surprises."""
    parts = [sys.executable, "-m", "briefing", "--no-shipped", "--data-dir", str(workspace.data_dir)]
    for folder in workspace.library_dirs:
        if folder.resolve() != workspace.user_library.resolve():
            parts += ["--library", str(folder)]
    return shlex.join(parts)


def run_serve(args: argparse.Namespace, workspace: Workspace) -> int:
    if not 0 < args.port < 65536:
        raise BriefingError(f"--port {args.port}: not a port number")
    from textual_serve.server import Server

    server = Server(app_command(workspace), host=args.host, port=args.port, title="briefing")
    output.error(f"serving on http://{args.host}:{args.port} (ctrl+c stops)")
    try:
        server.serve()
    except OSError as exc:
        raise BriefingError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return 0
