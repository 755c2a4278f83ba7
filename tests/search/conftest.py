from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing.library import Library
from briefing.model.entities import Note
from briefing.model.vocabulary import NoteFlag
from briefing.search.index import SearchIndex
from tests.factories import alpha_tables, beta_tables, make_library_dir


def gamma_tables() -> dict[str, Any]:
    """A third briefing: a militia leader, his group, a passing mention of him, and some hostile text."""
    return {
        "briefing": {
            "briefing:gamma": {"title": "Gamma militias", "summary": "Militia leaders.", "date": "2020-09-28"}
        },
        "sources": {
            "source:gamma-wire": {
                "title": "Gamma wire",
                "publisher": "Wire",
                "author": "",
                "date": "2020-09-28",
                "url": "",
                "paragraphs": 3,
            }
        },
        "actors": {
            "actor:qais-khazali": {
                "name": "Qais Khazali",
                "kind": "person",
                "aliases": ["Qais al-Khazali"],
                "role": "leader of Asaib Ahl al-Haq",
                "description": "",
                "relations": [{"type": "leads", "target": "actor:asaib-ahl-al-haq", "note": ""}],
            },
            "actor:asaib-ahl-al-haq": {
                "name": "Asaib Ahl al-Haq",
                "kind": "armed-group",
                "aliases": ["AAH", "Asa'ib Ahl al-Haq"],
                "role": "Iranian-backed Iraqi militia",
                "description": "Led by Qais Khazali since 2006.",
                "relations": [],
            },
        },
        "claims": {
            "claim:khazali-statement": {
                "text": "Militias should let the United States leave Iraq.",
                "attributed_to": ["actor:qais-khazali"],
                "about": [],
                "kind": "statement",
                "status": "reported",
                "date": "2020-09-27",
                "precision": "day",
                "source": "source:gamma-wire",
                "paragraph": 1,
            },
            "claim:markup": {
                "text": "A [bold]loud[/bold] claim with \x1b[31mescape\x1b[0m codes about the convoy.",
                "attributed_to": ["source:gamma-wire"],
                "about": [],
                "kind": "assessment",
                "status": "disputed",
                "date": "2020-09-20",
                "precision": "day",
                "source": "source:gamma-wire",
                "paragraph": 2,
            },
        },
        "events": {
            "event:passing-mention": {
                "title": "Rocket attack on a base",
                "description": "Analysts compared it with threats by Khazali in the spring.",
                "kind": "shelling-artillery-missile-attack",
                "date": "2020-09-15",
                "end": None,
                "precision": "day",
                "location": "Baghdad",
                "actors": [],
                "source": "source:gamma-wire",
                "paragraph": 3,
            },
            "event:convoy-september": {
                "title": "IED attack on a supply convoy",
                "description": "",
                "kind": "remote-explosive-ied",
                "date": "2020-09-02",
                "end": None,
                "precision": "day",
                "location": "Babil",
                "actors": ["actor:asaib-ahl-al-haq"],
                "source": "source:gamma-wire",
                "paragraph": 2,
            },
            "event:convoy-august": {
                "title": "IED attack on a supply convoy",
                "description": "",
                "kind": "remote-explosive-ied",
                "date": "2020-08-23",
                "end": None,
                "precision": "day",
                "location": "Dhi Qar",
                "actors": [],
                "source": "source:gamma-wire",
                "paragraph": 2,
            },
        },
    }


def all_tables() -> tuple[dict[str, Any], ...]:
    return (alpha_tables(), beta_tables(), gamma_tables())


def note(note_id: str, target: str, text: str, tags: tuple[str, ...] = (), flag: NoteFlag | None = None) -> Note:
    stamp = "2021-03-11T10:00:00.000Z"
    return Note(note_id, target, text, stamp, stamp, tags, flag)


NOTES = (
    note("note:01hzz0000000000000000000aa", "claim:qaani-warns", "Check against the Quds statements", ("follow-up",)),
    note(
        "note:01hzz0000000000000000000bb", "actor:qais-khazali", "Compare with later remarks", ("aah",), NoteFlag.VERIFY
    ),
)


@pytest.fixture
def lib_dir(tmp_path: Path) -> Path:
    return make_library_dir(tmp_path / "lib", *all_tables())


@pytest.fixture
def library(lib_dir: Path) -> Library:
    return Library.load([lib_dir])


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "search.sqlite"


@pytest.fixture
def index(library: Library, cache: Path) -> SearchIndex:
    built = SearchIndex.open(cache, library, NOTES)
    built.ensure_built()
    return built


@pytest.fixture
def ids(index: SearchIndex) -> Callable[..., list[str]]:
    """The ids a query finds, best first."""

    def run(query: str, limit: int = 50, **options: Any) -> list[str]:
        return index.search(query, limit=limit, **options).ids

    return run
