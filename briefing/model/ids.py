"""Entity ids: ``KIND:slug``, one scheme for everything."""

from __future__ import annotations

import os
import re
import time
import unicodedata

from briefing.model.vocabulary import EntityKind

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
ID_RE = re.compile(r"(briefing|source|actor|claim|event|note):[a-z0-9][a-z0-9-]*")


def is_id(value: object) -> bool:
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


_KINDS = {str(kind): kind for kind in EntityKind}


def kind_of(entity_id: str) -> EntityKind:
    """The kind named by an id's prefix; the id must be well formed (else ValueError)."""
    prefix = entity_id.split(":", 1)[0]
    try:
        return _KINDS[prefix]
    except KeyError:
        raise ValueError(f"{prefix!r} is not a kind of entry") from None


def slug_of(entity_id: str) -> str:
    return entity_id.split(":", 1)[1]


def make_id(kind: EntityKind | str, slug: str) -> str:
    return f"{EntityKind(kind)}:{slug}"


def slugify(text: str, max_length: int = 60) -> str:
    """A slug from free text: ASCII-folded, lower case, hyphen-separated."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "x"


_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def new_note_id() -> str:
    """A unique, time-sortable note id (a lower-case ULID).

    48 bits of milliseconds then 80 random bits, in Crockford base32, so ids
    made by separate processes never collide and sort by creation time.
    """
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return make_id(EntityKind.NOTE, "".join(reversed(chars)))
