"""export_files: one rule for where an export may go, for the command line and the browser alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import StoreError
from briefing.export_files import ExportRequest, export_to_file, would_replace
from briefing.workspace import Workspace

SHIPPED = "briefing:iraq-convoy-attacks-2020"


def test_would_replace_a_file_or_a_link_but_not_a_new_name_or_a_device(tmp_path: Path) -> None:
    existing = tmp_path / "a.md"
    existing.write_text("x", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "nowhere.md")
    assert would_replace(existing) and would_replace(tmp_path / "link.md")
    assert not would_replace(tmp_path / "new.md") and not would_replace(Path("/dev/null"))


def test_export_to_file_refuses_without_force_and_replaces_with_it(tmp_path: Path) -> None:
    workspace = Workspace.from_options(None, tmp_path / "data")
    target = tmp_path / "brief.json"
    target.write_text("keep", encoding="utf-8")
    request = ExportRequest("json", SHIPPED, target)
    with pytest.raises(StoreError, match="already exists"):
        export_to_file(workspace, request)
    assert target.read_text(encoding="utf-8") == "keep"
    summary = export_to_file(workspace, ExportRequest("json", SHIPPED, target, force=True))
    assert summary.briefings == 1 and summary.entries > 100 and target.read_text(encoding="utf-8") != "keep"


def test_the_reader_s_own_data_is_never_an_export(tmp_path: Path) -> None:
    workspace = Workspace.from_options(None, tmp_path / "data")
    (tmp_path / "data").mkdir()
    with pytest.raises(StoreError, match="part of your library or data"):
        export_to_file(workspace, ExportRequest("md", None, tmp_path / "data" / "settings.json", force=True))


def test_the_pins_are_the_reader_s_own_data_too(tmp_path: Path) -> None:
    workspace = Workspace.from_options(None, tmp_path / "data")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "pins.json").write_text('{"pins": []}', encoding="utf-8")
    with pytest.raises(StoreError, match="part of your library or data"):
        export_to_file(workspace, ExportRequest("md", None, tmp_path / "data" / "pins.json", force=True))
