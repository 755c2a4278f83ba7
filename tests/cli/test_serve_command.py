from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.cli.commands_serve import app_command
from briefing.workspace import Workspace


def test_each_web_session_runs_the_browser_on_the_same_library_and_notes(small_dir: Path, tmp_path: Path) -> None:
    workspace = Workspace.from_options([small_dir], tmp_path / "data", include_shipped=False)
    argv = shlex.split(app_command(workspace))
    assert argv[1:3] == ["-m", "briefing"]
    assert f"--data-dir={tmp_path / 'data'}" in argv
    assert f"--library={small_dir}" in argv
    assert "--no-shipped" in argv


def test_serve_refuses_an_impossible_port(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 1
    assert "not a port number" in capsys.readouterr().err


def test_a_symlink_loop_in_the_library_is_passed_on_not_a_traceback(small_dir: Path, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    workspace = Workspace.from_options([small_dir, loop], tmp_path / "data", include_shipped=False)
    argv = shlex.split(app_command(workspace))
    assert f"--library={loop}" in argv and f"--library={small_dir}" in argv


def test_a_folder_whose_name_starts_with_a_dash_reaches_each_web_session(tmp_path: Path) -> None:
    """``--library=-lib``: the session's command line must not split an option from a value that looks like one."""
    from briefing.cli import build_parser

    library, data = tmp_path / "-lib", tmp_path / "-data"
    workspace = Workspace.from_options([Path("-lib"), library], Path("-data"), include_shipped=False)
    argv = shlex.split(app_command(workspace))
    args = build_parser().parse_args(argv[3:])
    assert args.library == [Path("-lib"), library] and args.data_dir == Path("-data")
    workspace = Workspace.from_options([library], data, include_shipped=False)
    args = build_parser().parse_args(shlex.split(app_command(workspace))[3:])
    assert args.library == [library] and args.data_dir == data
