"""Validating a briefing file's tables: every problem at once, each located by file, entity id and field.

The field checks themselves are in ``briefing.model.fields``; this module
walks the tables, checks ids, references (which may point at ids defined
elsewhere in the library), date ranges and paragraph numbers.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Any, Protocol, runtime_checkable

from briefing.errors import Problem
from briefing.model.dates import DateError, parse_iso
from briefing.model.fields import REFERENCES, RELATION_TYPE, SPECS, TABLES, check_text
from briefing.model.ids import ID_RE, kind_of
from briefing.model.preview import preview, shown_name
from briefing.model.vocabulary import EntityKind


class _Collector:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, entity: str, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, shown_name(entity), shown_name(field), message))


_Record = tuple[EntityKind, str, dict[str, Any]]
"""A record as validation reads it: its kind, its id, its fields."""


def validate_tables(tables: Any, file: str, external_ids: Container[str] = frozenset()) -> list[Problem]:
    """Every problem in one briefing file's tables.

    ``external_ids`` are ids defined elsewhere in the library, which
    references may point at (an actor defined in another briefing).
    """
    out = _Collector(file)
    if not isinstance(tables, dict):
        out.add("", "", f"expected an object of tables, got {type(tables).__name__}")
        return out.problems
    for name in tables:
        if name not in TABLES:
            out.add("", name, f"unknown table (expected: {', '.join(TABLES)})")
    briefing_table = tables.get("briefing")
    if not isinstance(briefing_table, dict) or len(briefing_table) != 1:
        count = len(briefing_table) if isinstance(briefing_table, dict) else 0
        out.add("", "briefing", f"a briefing file holds exactly one briefing, found {count}")

    defined, records = _entity_records(out, tables)
    resolvable = Either(defined, external_ids)
    sources = tables.get("sources")
    paragraphs = {
        sid: rec.get("paragraphs", 0)
        for sid, rec in (sources.items() if isinstance(sources, dict) else ())
        if isinstance(rec, dict)
    }
    for kind, entity_id, record in records:
        _check_references(out, kind, entity_id, record, resolvable)
        _check_dates(out, kind, entity_id, record)
        _check_paragraph(out, entity_id, record, paragraphs)
    return out.problems


def _entity_records(out: _Collector, tables: dict[str, Any]) -> tuple[set[str], list[_Record]]:
    """The ids each table defines, and the records with a well-formed id of the table's kind, fields checked."""
    defined: set[str] = set()
    records: list[_Record] = []
    for name, kind in TABLES.items():
        table = tables.get(name, {})
        if not isinstance(table, dict):
            out.add("", name, f"expected an object mapping ids to records, got {type(table).__name__}")
            continue
        for entity_id, record in table.items():
            if not ID_RE.fullmatch(entity_id):
                out.add(entity_id, "id", "malformed id (expected KIND:slug, slug of a-z 0-9 -)")
                continue
            if kind_of(entity_id) is not kind:
                out.add(entity_id, "id", f"a {kind_of(entity_id)} id in the {name} table")
                continue
            if entity_id in defined:
                out.add(entity_id, "id", "duplicate id")
                continue
            defined.add(entity_id)
            if not isinstance(record, dict):
                out.add(entity_id, "", f"expected an object, got {type(record).__name__}")
                continue
            _check_fields(out, kind, entity_id, record)
            records.append((kind, entity_id, record))
    return defined, records


def _check_fields(out: _Collector, kind: EntityKind, entity_id: str, record: dict[str, Any]) -> None:
    spec = SPECS[kind]
    if not spec.keys() >= record.keys():
        for name in record:
            if name not in spec:
                out.add(entity_id, name, f"unknown field (expected: {', '.join(spec)})")
    for name, field_spec in spec.items():
        if name not in record:
            if field_spec.required:
                out.add(entity_id, name, "missing")
            continue
        message = field_spec.check(record[name])
        if message:
            out.add(entity_id, name, message)
    if kind is EntityKind.ACTOR and isinstance(record.get("relations"), list):
        for index, relation in enumerate(record["relations"]):
            _check_relation(out, entity_id, index, relation)


def _check_relation(out: _Collector, entity_id: str, index: int, relation: Any) -> None:
    where = f"relations[{index}]"
    if not isinstance(relation, dict):
        out.add(entity_id, where, f"expected an object, got {type(relation).__name__}")
        return
    for name in relation:
        if name not in ("type", "target", "note"):
            out.add(entity_id, f"{where}.{name}", "unknown field (expected: type, target, note)")
    message = RELATION_TYPE(relation.get("type"))
    if message:
        out.add(entity_id, f"{where}.type", message)
    if not isinstance(relation.get("target"), str):
        out.add(entity_id, f"{where}.target", "missing or not an actor id")
    if "note" in relation and (message := check_text(relation["note"])):
        out.add(entity_id, f"{where}.note", message)


def _reference_fields(kind: EntityKind, record: dict[str, Any]) -> Iterable[tuple[str, Any, frozenset[EntityKind]]]:
    for name, allowed in REFERENCES.get(kind, {}).items():
        value = record.get(name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield f"{name}[{index}]", item, allowed
        elif value is not None:
            yield name, value, allowed
    if kind is EntityKind.ACTOR and isinstance(record.get("relations"), list):
        for index, relation in enumerate(record["relations"]):
            if isinstance(relation, dict) and isinstance(relation.get("target"), str):
                yield f"relations[{index}].target", relation["target"], frozenset({EntityKind.ACTOR})


@runtime_checkable
class ExplainsMissing(Protocol):
    """An id collection that can say why an id is not in it (``briefing.settle``'s view of the accepted files)."""

    def missing_reason(self, item: str) -> str: ...


class Either:
    """Membership in either of two id collections, without copying a library-sized set per file."""

    def __init__(self, first: Container[str], second: Container[str]) -> None:
        self.first, self.second = first, second

    def __contains__(self, item: object) -> bool:
        return item in self.first or item in self.second

    def missing_reason(self, item: str) -> str:
        """Why ``item`` is not there: a collection may know better than "is not defined" (see ``settle``)."""
        for ids in (self.first, self.second):
            if isinstance(ids, ExplainsMissing) and (reason := ids.missing_reason(item)) != NOT_DEFINED:
                return reason
        return NOT_DEFINED


NOT_DEFINED = "is not defined"


def _check_references(
    out: _Collector, kind: EntityKind, entity_id: str, record: dict[str, Any], resolvable: Either
) -> None:
    for where, value, allowed in _reference_fields(kind, record):
        if not isinstance(value, str):
            continue  # already reported as mistyped
        if not ID_RE.fullmatch(value):
            out.add(entity_id, where, f"malformed reference {preview(value)}")
        elif kind_of(value) not in allowed:
            expected = " or ".join(sorted(allowed))
            out.add(entity_id, where, f"{value} is a {kind_of(value)}, expected a {expected}")
        elif value not in resolvable:
            out.add(entity_id, where, f"dangling reference: {value} {resolvable.missing_reason(value)}")
        elif value == entity_id:
            out.add(entity_id, where, "refers to itself")


def _check_dates(out: _Collector, kind: EntityKind, entity_id: str, record: dict[str, Any]) -> None:
    days = {}
    for name in ("date", "end") if kind is EntityKind.EVENT else ("date",):
        value = record.get(name)
        if isinstance(value, str):
            try:
                days[name] = parse_iso(value)
            except DateError as exc:
                out.add(entity_id, name, str(exc))
    if "date" in days and "end" in days and days["end"] < days["date"]:
        out.add(entity_id, "end", f"range ends ({record['end']}) before it starts ({record['date']})")


def _check_paragraph(out: _Collector, entity_id: str, record: dict[str, Any], paragraphs: dict[str, Any]) -> None:
    paragraph, source = record.get("paragraph"), record.get("source")
    if not isinstance(paragraph, int) or isinstance(paragraph, bool) or not isinstance(source, str):
        return
    count = paragraphs.get(source)
    if isinstance(count, int) and count and not 1 <= paragraph <= count:
        out.add(entity_id, "paragraph", f"{paragraph} is outside {source}, which has {count} paragraphs")
