"""A generated library of N entries with the shape of real briefings.

Many briefings of a few hundred entries each; a pool of actors shared
between briefings (with aliases and relations); dated events of many kinds
over several years; claims of realistic length attributed to actors.  The
same seed always gives the same library, so runs are comparable.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from briefing.model.vocabulary import EVENT_KINDS, ActorKind, ClaimKind, ClaimStatus, RelationType
from briefing.store.files import dump_json

ENTRIES_PER_BRIEFING = 500

_SYLLABLES = "al ba da fa ha ja ka la ma na qa ra sa ta wa za ki mi ri su yo ne hu".split()
_WORDS = (
    "convoy attack militia rocket embassy logistics province border ministry forces statement sanctions "
    "withdrawal drone strike negotiations ceasefire pipeline protest election parliament commander "
    "investigation supply route checkpoint base airport shipment warning coalition envoy council "
    "report officials security agreement talks pressure smuggling patrol deployment missile network"
).split()
_PLACES = "Baghdad Basra Erbil Mosul Karbala Najaf Hillah Babil Anbar Kirkuk Diyala Samarra Fallujah".split()


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(parts))


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return (" ".join(words).capitalize()) + "."


def generate(
    folder: Path, entries: int, *, seed: int = 7, progress: Callable[[int, int], None] | None = None
) -> list[str]:
    """Write briefing files with about ``entries`` entities into ``folder``; returns actor names."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    briefings = max(1, entries // ENTRIES_PER_BRIEFING)
    pool_size = max(20, entries // 50)
    actors = [(f"actor:a{i}", _name(rng, rng.choice((1, 2, 2, 3)))) for i in range(pool_size)]
    kinds = list(EVENT_KINDS)
    seen: set[str] = set()
    written = 0
    for b in range(briefings):
        budget = entries // briefings + (1 if b < entries % briefings else 0)
        tables = _briefing(rng, b, budget, actors, kinds, seen)
        (folder / f"synthetic-{b:05d}.json").write_bytes(dump_json(tables))
        written += budget
        if progress:
            progress(written, entries)
    return [name for _, name in actors]


def _briefing(
    rng: random.Random, number: int, budget: int, actors: list[tuple[str, str]], kinds: list[str], seen: set[str]
) -> dict[str, Any]:
    """One briefing using ``budget`` new library entries (an actor already seen elsewhere merges, so costs none)."""
    source = f"source:synthetic-{number:05d}"
    start = date(2015, 1, 1) + timedelta(days=rng.randint(0, 3000))
    tables = _heading(rng, f"briefing:synthetic-{number:05d}", source, start)
    budget -= 2
    cast = rng.sample(actors, min(len(actors), max(3, budget // 10)))
    for aid, name in cast:
        tables["actors"][aid] = _actor(rng, name, [a for a, _ in cast if a != aid])
    budget -= sum(1 for aid, _ in cast if aid not in seen)
    seen.update(aid for aid, _ in cast)
    cast_ids = [aid for aid, _ in cast]
    for i in range(max(0, budget)):
        day = start + timedelta(days=rng.randint(0, 400))
        involved = rng.sample(cast_ids, min(len(cast_ids), rng.randint(1, 3)))
        if i % 2:
            tables["claims"][f"claim:s{number}-{i}"] = _claim(rng, involved, day, source)
        else:
            tables["events"][f"event:s{number}-{i}"] = _event(rng, involved, day, source, kinds)
    return tables


def _heading(rng: random.Random, bid: str, source: str, start: date) -> dict[str, Any]:
    """A briefing file's tables with its briefing and its one source, no actors, claims or events yet."""
    return {
        "briefing": {
            bid: {
                "title": _sentence(rng, 3, 6)[:-1],
                "summary": _sentence(rng, 20, 40),
                "tags": [],
                "date": start.isoformat(),
            }
        },
        "sources": {
            source: {
                "title": _sentence(rng, 5, 9)[:-1],
                "publisher": "Synthetic Wire",
                "author": "",
                "url": "",
                "paragraphs": 40,
                "date": start.isoformat(),
            }
        },
        "actors": {},
        "claims": {},
        "events": {},
    }


def _actor(rng: random.Random, name: str, others: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "kind": rng.choice(list(ActorKind)).value,
        "aliases": [name.replace("a", "e", 1), name.upper()[:4]],
        "role": _sentence(rng, 3, 8)[:-1],
        "description": _sentence(rng, 15, 40),
        "relations": [{"type": rng.choice(list(RelationType)).value, "target": rng.choice(others), "note": ""}]
        if others and rng.random() < 0.5
        else [],
    }


def _claim(rng: random.Random, involved: list[str], day: date, source: str) -> dict[str, Any]:
    return {
        "text": _sentence(rng, 12, 45),
        "attributed_to": involved[:1],
        "about": involved[1:],
        "kind": rng.choice(list(ClaimKind)).value,
        "status": rng.choice(list(ClaimStatus)).value,
        "date": day.isoformat(),
        "precision": "day",
        "source": source,
        "paragraph": rng.randint(1, 40),
    }


def _event(rng: random.Random, involved: list[str], day: date, source: str, kinds: list[str]) -> dict[str, Any]:
    return {
        "title": _sentence(rng, 4, 10)[:-1],
        "description": _sentence(rng, 10, 30),
        "kind": rng.choice(kinds),
        "date": day.isoformat(),
        "end": None,
        "precision": "day",
        "location": rng.choice(_PLACES),
        "actors": involved,
        "source": source,
        "paragraph": rng.randint(1, 40),
    }


HUGE_CLAIM = "claim:synthetic-huge"


def huge_claim(folder: Path, characters: int = 5_000_000) -> str:
    """Write a briefing of one claim ``characters`` long (as many bytes) into ``folder``; returns its id.

    The bench gives it only to the child that times stalls of the event loop
    (``briefing.bench.stalls``), so that no other figure changes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    bid, source, actor = "briefing:synthetic-huge", "source:synthetic-huge", "actor:synthetic-huge"
    filler = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor. "
    body = (filler * (characters // len(filler) + 1))[:characters]
    tables = {
        "briefing": {bid: {"title": "A claim of five megabytes", "summary": "", "tags": [], "date": "2020-01-01"}},
        "sources": {
            source: {
                "title": "A long transcript",
                "publisher": "Synthetic Wire",
                "author": "",
                "url": "",
                "paragraphs": 1,
                "date": "2020-01-01",
            }
        },
        "actors": {
            actor: {
                "name": "Verbose Speaker",
                "kind": "person",
                "aliases": [],
                "role": "",
                "description": "",
                "relations": [],
            }
        },
        "claims": {
            HUGE_CLAIM: {
                "text": body,
                "attributed_to": [actor],
                "about": [],
                "kind": "statement",
                "status": "reported",
                "date": "2020-01-01",
                "precision": "day",
                "source": source,
                "paragraph": 1,
            }
        },
        "events": {},
    }
    (folder / "synthetic-huge.json").write_bytes(dump_json(tables))
    return HUGE_CLAIM
