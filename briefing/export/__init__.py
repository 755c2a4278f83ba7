"""Exporters: the JSON interchange format, Markdown, CSV and STIX."""
