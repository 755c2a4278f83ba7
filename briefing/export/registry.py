"""The export formats by name."""

from __future__ import annotations

from briefing.export.base import Exporter
from briefing.export.csv_export import CsvExporter
from briefing.export.json_export import JsonExporter
from briefing.export.markdown import MarkdownExporter
from briefing.export.stix_format import StixExporter

EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter for exporter in (JsonExporter(), MarkdownExporter(), CsvExporter(), StixExporter())
}
