"""What each table of a briefing file may hold: its fields' checks and which kinds a reference may name.

``SPECS`` gives every field of every kind of record a check (None when the
value is fine, else what is wrong), whether it is required and its default;
``REFERENCES`` the kinds of entity each reference field may point at.
``briefing.model.validation`` applies them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from briefing.model.preview import preview
from briefing.model.vocabulary import (
    EVENT_KINDS,
    ActorKind,
    ClaimKind,
    ClaimStatus,
    EntityKind,
    Precision,
    RelationType,
)

TABLES: dict[str, EntityKind] = {
    "briefing": EntityKind.BRIEFING,
    "sources": EntityKind.SOURCE,
    "actors": EntityKind.ACTOR,
    "claims": EntityKind.CLAIM,
    "events": EntityKind.EVENT,
}

Check = Callable[[Any], str | None]
"""A field check: None when the value is fine, else what is wrong."""


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def check_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected text, got {type(value).__name__}"
    if not value.isascii() and _SURROGATE_RE.search(value):
        return "contains an invalid character (a lone UTF-16 surrogate)"
    return None


def _url(value: Any) -> str | None:
    """A source's address: none, or an absolute http(s) URL with a host.

    Exports make it a link (STIX ``external_references``, Markdown), and a
    ``javascript:``, ``data:`` or ``file:`` address there runs or opens
    something on the reader's machine when followed.
    """
    if problem := check_text(value):
        return problem
    if not value:
        return None
    try:
        parts = urlsplit(value)
        fine = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # an unclosed [IPv6] host
        fine = False
    if fine:
        return None
    return f"not an http(s) address: {preview(value)}"


def _nonempty(value: Any) -> str | None:
    return check_text(value) or (None if value.strip() else "must not be empty")


def _texts(value: Any) -> str | None:
    if not isinstance(value, list):
        return f"expected a list of text, got {type(value).__name__}"
    for item in value:
        if not isinstance(item, str):
            return f"expected a list of text, found {preview(item)}"
        problem = check_text(item)
        if problem:
            return problem
    return None


def _one_of(words: Iterable[str]) -> Check:
    listed = sorted(words)
    allowed = frozenset(listed)

    def check(value: Any) -> str | None:
        if isinstance(value, str) and value in allowed:
            return None
        return f"unknown value {preview(value)} (expected one of: {', '.join(listed)})"

    return check


def _optional_int(value: Any) -> str | None:
    """A paragraph number: 1-based, or null when not known."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        return None
    return f"expected a paragraph number (1 or more) or null, got {preview(value)}"


def _count(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return None
    return f"expected a whole number, got {preview(value)}"


def _ids(value: Any) -> str | None:
    return _texts(value)


def _some_ids(value: Any) -> str | None:
    return _texts(value) or (None if value else "must name at least one actor (or the source)")


def _relations(value: Any) -> str | None:
    if not isinstance(value, list):
        return f"expected a list of relations, got {type(value).__name__}"
    return None


@dataclass(frozen=True)
class FieldSpec:
    check: Check
    required: bool = True
    default: Any = None


_PRECISION = _one_of(p.value for p in Precision)
RELATION_TYPE = _one_of(r.value for r in RelationType)
_DATE = FieldSpec(check_text, required=False)
_NULLABLE_DATE = FieldSpec(lambda v: None if v is None else check_text(v), required=False)

SPECS: dict[EntityKind, dict[str, FieldSpec]] = {
    EntityKind.BRIEFING: {
        "title": FieldSpec(_nonempty),
        "summary": FieldSpec(check_text, False, ""),
        "date": _NULLABLE_DATE,
        "tags": FieldSpec(_texts, False, []),
    },
    EntityKind.SOURCE: {
        "title": FieldSpec(_nonempty),
        "publisher": FieldSpec(check_text, False, ""),
        "author": FieldSpec(check_text, False, ""),
        "date": _NULLABLE_DATE,
        "url": FieldSpec(_url, False, ""),
        "paragraphs": FieldSpec(_count, False, 0),
    },
    EntityKind.ACTOR: {
        "name": FieldSpec(_nonempty),
        "kind": FieldSpec(_one_of(k.value for k in ActorKind)),
        "aliases": FieldSpec(_texts, False, []),
        "role": FieldSpec(check_text, False, ""),
        "description": FieldSpec(check_text, False, ""),
        "relations": FieldSpec(_relations, False, []),
    },
    EntityKind.CLAIM: {
        "text": FieldSpec(_nonempty),
        "attributed_to": FieldSpec(_some_ids),
        "about": FieldSpec(_ids, False, []),
        "kind": FieldSpec(_one_of(k.value for k in ClaimKind)),
        "status": FieldSpec(_one_of(s.value for s in ClaimStatus)),
        "date": _NULLABLE_DATE,
        "precision": FieldSpec(_PRECISION, False, "day"),
        "source": FieldSpec(check_text),
        "paragraph": FieldSpec(_optional_int, False, None),
    },
    EntityKind.EVENT: {
        "title": FieldSpec(_nonempty),
        "description": FieldSpec(check_text, False, ""),
        "kind": FieldSpec(_one_of(EVENT_KINDS)),
        "date": FieldSpec(check_text),
        "end": _NULLABLE_DATE,
        "precision": FieldSpec(_PRECISION, False, "day"),
        "location": FieldSpec(check_text, False, ""),
        "actors": FieldSpec(_ids, False, []),
        "source": FieldSpec(check_text),
        "paragraph": FieldSpec(_optional_int, False, None),
    },
}

# Which kinds of entity each reference field may point at.
REFERENCES: dict[EntityKind, dict[str, frozenset[EntityKind]]] = {
    EntityKind.CLAIM: {
        "attributed_to": frozenset({EntityKind.ACTOR, EntityKind.SOURCE}),
        "about": frozenset({EntityKind.ACTOR}),
        "source": frozenset({EntityKind.SOURCE}),
    },
    EntityKind.EVENT: {
        "actors": frozenset({EntityKind.ACTOR}),
        "source": frozenset({EntityKind.SOURCE}),
    },
}
