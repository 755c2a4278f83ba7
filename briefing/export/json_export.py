"""``--format json``: the ``briefing/1`` interchange document."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from briefing.export.base import Exporter
from briefing.export.interchange import export_library
from briefing.library import Library
from briefing.model.entities import Note

# JSON escapes C0 controls itself; these it would write raw, and a terminal
# reading the export on stdout would obey them (or, the tag characters and
# interlinear annotations, hide text in).  Escaped, they read back the same.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufff9-\ufffb\U000e0000-\U000e007f]")


def _escape(match: re.Match[str]) -> str:
    return json.dumps(match.group())[1:-1]  # \uXXXX, a surrogate pair beyond the BMP


class JsonExporter(Exporter):
    name = "json"
    suffix = ".json"
    description = "the briefing/1 interchange format; briefing import reads it back"

    def render(self, library: Library, notes: Sequence[Note], briefing_id: str | None = None) -> str:
        document = json.dumps(export_library(library, notes, briefing_id), indent=2, sort_keys=True, ensure_ascii=False)
        return _TERMINAL_UNSAFE.sub(_escape, document) + "\n"
