"""The export formats by name."""

from __future__ import annotations

from briefing.export.base import Exporter
from briefing.export.json_export import JsonExporter

EXPORTERS: dict[str, Exporter] = {exporter.name: exporter for exporter in (JsonExporter(),)}
