"""What a note is made of: its stamps and fields checked, and a note as a stored or interchange record.

A stored record (table ``notes`` of ``notes.json``, keyed by note id) holds
``target``, ``text``, ``tags``, ``flag``, ``created`` and ``updated`` (ISO
8601 UTC with milliseconds), and ``imported_from`` (the file) on a note an
import kept beside the reader's own.  A note's target is any well-formed
entity id: it need not be in the library, so a note outlives its entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from briefing.errors import BriefingError, Problem, ValidationError
from briefing.model.controls import control_problem, without_controls
from briefing.model.entities import Note
from briefing.model.ids import is_id, kind_of
from briefing.model.preview import preview, shown_name
from briefing.model.vocabulary import EntityKind, NoteFlag

MAX_TEXT_BYTES = 1_000_000
MAX_TAG_LENGTH = 64
RECORD_FIELDS = ("target", "text", "tags", "flag", "created", "updated", "imported_from")


class NoteError(BriefingError):
    """A note that cannot be stored as given: empty text, a malformed target, a bad tag or flag."""


# -- checking what a note is made of -------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")
_TAG_RE = re.compile(r"[^\W_][\w-]*")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def now_stamp() -> str:
    """Now, as stored in ``created`` and ``updated``: ``2024-05-01T12:34:56.789Z``."""
    return format_stamp(datetime.now(UTC))


def format_stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_stamp(value: object) -> str:
    """An ISO 8601 time with a zone, normalised to UTC with milliseconds."""
    if not isinstance(value, str):
        raise NoteError(f"expected an ISO 8601 time such as 2024-05-01T12:34:56.789Z, got {preview(value)}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise NoteError(f"{preview(value)} is not an ISO 8601 time such as 2024-05-01T12:34:56.789Z") from None
    if moment.tzinfo is None:
        raise NoteError(f"{preview(value)} has no time zone (add Z for UTC)")
    return format_stamp(moment)


def check_target(target: object) -> str:
    if not is_id(target):
        raise NoteError(f"{preview(target)} is not an entry id (expected KIND:slug, e.g. actor:qais-khazali)")
    assert isinstance(target, str)
    if kind_of(target) is EntityKind.NOTE:
        raise NoteError(f"{shown_name(target)}: a note annotates an entry, not another note")
    return target


def check_text(text: object, *, typed: bool = False) -> str:
    """The text as stored: line ends made ``\\n``, blank lines around it dropped; never empty.

    A control character (``model.controls``) is refused, located, in text
    from a file; in text a person ``typed`` (the editor, ``annotate``) it is
    taken out.
    """
    if not isinstance(text, str):
        raise NoteError(f"note text must be text, got {type(text).__name__}")
    if _SURROGATES.search(text):
        raise NoteError("note text is not valid Unicode (it holds a lone surrogate)")
    if typed:
        text = without_controls(text)
    elif problem := control_problem(text):
        raise NoteError(problem)
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip().lstrip("\n")
    if not text.strip():
        raise NoteError("note text is empty")
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_BYTES:
        raise NoteError(f"note text is {size:,} bytes; the most a note holds is {MAX_TEXT_BYTES:,}")
    return text


def normalise_tag(tag: object) -> str:
    """``'#Verify'`` -> ``'verify'``; a tag is one word of letters, digits, ``-`` and ``_``."""
    if not isinstance(tag, str):
        raise NoteError(f"a tag must be text, got {type(tag).__name__}")
    if _CONTROL_RE.search(tag) or _SURROGATES.search(tag):
        raise NoteError(f"tag {preview(tag)} holds control characters")
    word = unicodedata.normalize("NFC", tag.strip()).removeprefix("#").casefold()
    if not word:
        raise NoteError("a tag is empty")
    if any(ch.isspace() for ch in word):
        raise NoteError(f"tag {preview(tag)} has spaces; use hyphens: {preview('-'.join(word.split()))}")
    if not _TAG_RE.fullmatch(word):
        raise NoteError(f"tag {preview(tag)}: use letters, digits, '-' and '_' only, starting with a letter or digit")
    if len(word) > MAX_TAG_LENGTH:
        raise NoteError(f"tag {preview(tag)} is longer than {MAX_TAG_LENGTH} characters")
    return word


def normalise_tags(tags: Iterable[object]) -> tuple[str, ...]:
    if isinstance(tags, str):
        raise NoteError(f"tags must be a list of words, got the text {preview(tags)}")
    if not isinstance(tags, list | tuple):
        raise NoteError(f"tags must be a list of words, got {preview(tags)}")
    return tuple(dict.fromkeys(normalise_tag(tag) for tag in tags))


def check_flag(flag: object) -> NoteFlag | None:
    if flag is None or flag == "":
        return None
    try:
        if isinstance(flag, str):  # NoteFlag(x) of anything else is a ValueError too
            return NoteFlag(flag)
    except ValueError:
        pass
    allowed = ", ".join(f.value for f in NoteFlag)
    raise NoteError(f"unknown flag {preview(flag)} (expected one of: {allowed})")


def checked(note: Note) -> Note:
    """A Note with every field checked and normalised."""
    if not is_id(note.id) or kind_of(note.id) is not EntityKind.NOTE:
        raise NoteError(f"{preview(note.id)} is not a note id (expected note:…)")
    created = parse_stamp(note.created)
    updated = parse_stamp(note.updated)
    if updated < created:
        raise NoteError(f"{note.id}: updated ({updated}) is before created ({created})")
    return Note(
        id=note.id,
        target=check_target(note.target),
        text=check_text(note.text),
        created=created,
        updated=updated,
        tags=normalise_tags(note.tags),
        flag=check_flag(note.flag),
        imported_from=check_origin(note.imported_from),
    )


def check_origin(value: object) -> str | None:
    """``imported_from``: the name of a file, one line of text, or nothing."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or _CONTROL_RE.search(value) or _SURROGATES.search(value):
        raise NoteError(f"imported_from must be a file name, got {preview(value)}")
    return value


def record_of_note(note: Note) -> dict[str, Any]:
    """A note as stored in the notes table (its id is the key); ``imported_from`` only when set."""
    record = {
        "target": note.target,
        "text": note.text,
        "tags": list(note.tags),
        "flag": str(note.flag) if note.flag else None,
        "created": note.created,
        "updated": note.updated,
    }
    if note.imported_from is not None:
        record["imported_from"] = note.imported_from
    return record


def note_of_record(note_id: object, record: Mapping[str, Any]) -> Note:
    """A stored record as a Note; raises NoteError when the record (or its id) is damaged."""
    if not isinstance(note_id, str) or not is_id(note_id) or kind_of(note_id) is not EntityKind.NOTE:
        raise NoteError(f"{preview(note_id)} is not a note id")
    tags = record.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise NoteError(f"{note_id}: tags must be a list of words")
    for name in ("text", "created", "updated"):
        if not isinstance(record.get(name), str):
            raise NoteError(f"{note_id}: {name} is missing or not text")
    if not record["text"].strip():
        raise NoteError(f"{note_id}: text is empty")
    return Note(
        id=note_id,
        target=check_target(record.get("target")),
        text=record["text"],
        created=record["created"],
        updated=record["updated"],
        tags=tuple(tags),
        flag=check_flag(record.get("flag")),
        imported_from=check_origin(record.get("imported_from")),
    )


# -- notes in interchange documents -----------------------------------------------------

_INTERCHANGE_FIELDS = ("id", *RECORD_FIELDS)


def notes_from_records(records: Any, file: str) -> list[Note]:
    """Notes from the ``notes`` list of a ``briefing/1`` document, checked.

    Raises ValidationError listing every problem, located by file, note id
    (or its position) and field.  Times are normalised to UTC; ``tags`` and
    ``flag`` may be left out; ``updated`` defaults to ``created``.
    """
    if not isinstance(records, list):
        raise ValidationError([Problem(file, "", "notes", "expected a list of notes")])
    problems: list[Problem] = []
    notes: list[Note] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        where = f"notes[{index}]"
        if not isinstance(record, dict):
            problems.append(Problem(file, where, "", f"expected an object, got {type(record).__name__}"))
            continue
        note_id = record.get("id")
        if isinstance(note_id, str) and is_id(note_id) and kind_of(note_id) is EntityKind.NOTE:
            where = note_id
            if note_id in seen:
                problems.append(Problem(file, where, "id", "duplicate note id"))
            seen.add(note_id)
        else:
            problems.append(
                Problem(file, where, "id", f"expected a note id such as note:01hz…, got {preview(note_id)}")
            )
        found = _record_problems(record)
        problems += [Problem(file, where, name, message) for name, message in found]
        if not found and where == note_id:
            notes.append(_note_from_checked_record(record))
    if problems:
        raise ValidationError(problems)
    return notes


def _record_problems(record: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in record:
        if name not in _INTERCHANGE_FIELDS:
            found.append((name, f"unknown field (expected: {', '.join(_INTERCHANGE_FIELDS)})"))
    checks: dict[str, Callable[[Any], object]] = {
        "target": check_target,
        "text": check_text,
        "tags": normalise_tags,
        "flag": check_flag,
        "created": parse_stamp,
        "updated": parse_stamp,
        "imported_from": check_origin,
    }
    for name, check in checks.items():
        if name not in record:
            if name in ("target", "text", "created"):
                found.append((name, "missing"))
            continue
        try:
            check(record[name])
        except NoteError as exc:
            found.append((name, str(exc)))
    if not found and "updated" in record and parse_stamp(record["updated"]) < parse_stamp(record["created"]):
        found.append(("updated", "is before created"))
    return found


def _note_from_checked_record(record: dict[str, Any]) -> Note:
    created = parse_stamp(record["created"])
    return Note(
        id=record["id"],
        target=record["target"],
        text=check_text(record["text"]),
        created=created,
        updated=parse_stamp(record.get("updated", created)),
        tags=normalise_tags(record.get("tags", [])),
        flag=check_flag(record.get("flag")),
        imported_from=check_origin(record.get("imported_from")),
    )
