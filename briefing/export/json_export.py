"""``--format json``: the ``briefing/1`` interchange document."""

from __future__ import annotations

import json
from collections.abc import Sequence

from briefing.export.base import Exporter
from briefing.export.interchange import export_library
from briefing.library import Library
from briefing.model.entities import Note


class JsonExporter(Exporter):
    name = "json"
    suffix = ".json"
    description = "the briefing/1 interchange format; briefing import reads it back"

    def render(self, library: Library, notes: Sequence[Note], briefing_id: str | None = None) -> str:
        return (
            json.dumps(export_library(library, notes, briefing_id), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )
