"""The STIX 2.1 export as the registry lists it; the bundle itself is built in ``briefing.export.stix``.

stix2 takes about 150 ms and 14 MB to import, so it is imported only when
a STIX export is made, not whenever the formats are listed (the browser's
export dialog, ``briefing export --help``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from briefing.export.base import Exporter
from briefing.library import Library
from briefing.model.entities import Note as ReaderNote


class StixExporter(Exporter):
    name = "stix"
    suffix = ".json"
    description = "a STIX 2.1 bundle: reports, threat actors, identities, relationships and notes"

    def render(self, library: Library, notes: Sequence[ReaderNote], briefing_id: str | None = None) -> str:
        from briefing.export.stix import build_bundle

        # stix2's own pretty printer takes seconds on a few hundred objects; its plain one is fast.
        bundle = json.loads(build_bundle(library, notes, briefing_id).serialize())
        return json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
