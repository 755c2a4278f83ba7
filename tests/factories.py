"""Small briefings built in code, for tests that need a library of their own."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

SOURCE = "source:wire-2021"


def alpha_tables() -> dict[str, Any]:
    """A small briefing: two actors, a claim and two events."""
    return {
        "briefing": {
            "briefing:alpha": {
                "title": "Alpha crisis",
                "summary": "A small test briefing.",
                "date": "2021-03-10",
                "tags": ["test"],
            }
        },
        "sources": {
            SOURCE: {
                "title": "Wire report",
                "publisher": "Test Wire",
                "author": "",
                "date": "2021-03-09",
                "url": "",
                "paragraphs": 5,
            }
        },
        "actors": {
            "actor:ghaani": {
                "name": "Esmail Qaani",
                "kind": "person",
                "aliases": ["Ismael Ghaani", "Esmaïl Qâani"],
                "role": "commander of the Quds Force",
                "description": "Commander since 2020.",
                "relations": [{"type": "leads", "target": "actor:quds-force", "note": ""}],
            },
            "actor:quds-force": {
                "name": "Quds Force",
                "kind": "armed-group",
                "aliases": ["IRGC-QF"],
                "role": "external arm of the IRGC",
                "description": "",
                "relations": [],
            },
        },
        "claims": {
            "claim:qaani-warns": {
                "text": "Qaani says the convoys will be targeted.",
                "attributed_to": ["actor:ghaani"],
                "about": ["actor:quds-force"],
                "kind": "threat",
                "status": "reported",
                "date": "2021-03-08",
                "precision": "day",
                "source": SOURCE,
                "paragraph": 2,
            }
        },
        "events": {
            "event:convoy-ied": {
                "title": "IED strikes a supply convoy",
                "description": "",
                "kind": "remote-explosive-ied",
                "date": "2021-03-05",
                "end": None,
                "precision": "day",
                "location": "Babil",
                "actors": ["actor:quds-force"],
                "source": SOURCE,
                "paragraph": 3,
            },
            "event:talks": {
                "title": "Talks in March",
                "description": "",
                "kind": "diplomatic-consultation",
                "date": "2021-03-01",
                "end": None,
                "precision": "month",
                "location": "",
                "actors": ["actor:ghaani"],
                "source": SOURCE,
                "paragraph": None,
            },
        },
    }


def beta_tables() -> dict[str, Any]:
    """A second briefing that shares actor:ghaani with alpha, described differently."""
    return {
        "briefing": {"briefing:beta": {"title": "Beta follow-up", "summary": "", "date": "2021-04-01", "tags": []}},
        "sources": {
            "source:beta-report": {
                "title": "Follow-up",
                "publisher": "Other Wire",
                "author": "A. Writer",
                "date": "2021-04-01",
                "url": "",
                "paragraphs": 0,
            }
        },
        "actors": {
            "actor:ghaani": {
                "name": "Esmail Qaani",
                "kind": "person",
                "aliases": ["Ghaani"],
                "role": "",
                "description": "Succeeded Soleimani.",
                "relations": [],
            }
        },
        "claims": {},
        "events": {
            "event:beta-visit": {
                "title": "Visit to Karbala",
                "description": "",
                "kind": "visit",
                "date": "2021-03-28",
                "end": "2021-03-29",
                "precision": "day",
                "location": "Karbala",
                "actors": ["actor:ghaani"],
                "source": "source:beta-report",
                "paragraph": None,
            }
        },
    }


def write_tables(path: Path, tables: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tables, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def make_library_dir(folder: Path, *tables: dict[str, Any]) -> Path:
    """A folder of briefing files; alpha and beta when no tables are given."""
    tables = tables or (alpha_tables(), beta_tables())
    for t in tables:
        (bid,) = t["briefing"]
        write_tables(folder / f"{bid.split(':', 1)[1]}.json", copy.deepcopy(t))
    return folder
