"""Run the browser from the command line."""

from __future__ import annotations

from briefing.ui.app import create_app
from briefing.workspace import Workspace


def run_browser(workspace: Workspace) -> int:
    """Open the browser on ``workspace``; the exit status when the reader quits (0)."""
    app = create_app(workspace)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
