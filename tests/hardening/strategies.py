"""Hypothesis strategies for hostile input: strange text, broken values and mutated briefings.

Mutations start from the factories' briefings and break one thing at a
time: a field of the wrong type, a missing field, an unknown word, a huge or
empty string, deep nesting, an id made duplicate or dangling, text full of
control characters, lone surrogates and right-to-left overrides.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from hypothesis import strategies as st

from briefing.model.vocabulary import (
    EVENT_KINDS,
    ActorKind,
    ClaimKind,
    ClaimStatus,
    Precision,
    RelationType,
)
from tests.factories import alpha_tables, beta_tables

# Fragments a terminal, Rich, Markdown, CSV or a bidi renderer would act on.
HOSTILE_FRAGMENTS = (
    "\x1b[2J\x1b[H",  # clear screen
    "\x1b[31m",  # colour
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52 clipboard write
    "\x9b31m",  # 8-bit CSI
    "\x9d0;title\x9c",  # 8-bit OSC
    "\x00",
    "\x07",
    "\x08",
    "\r",
    "\x7f",
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2069",
    "\ud800",  # lone surrogate
    "\udfff",
    "[bold]x[/bold]",
    "[/]",
    "[link=https://evil.example]x[/link]",
    ":smile:",
    '=HYPERLINK("https://evil.example")',
    "# heading",
    "| a | b |",
    "قيس الخزعلي",
    "卡塔伊卜真主党",
    "\u200f",
    "\n",
    "\t",
)

# Every character class, surrogates included (Hypothesis leaves them out of text() by default).
any_character = st.characters(codec=None, categories=None, exclude_categories=())


def hostile_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Text with the fragments above mixed with any characters at all."""
    piece = st.one_of(any_character, st.sampled_from(HOSTILE_FRAGMENTS))
    return st.lists(piece, max_size=max_size).map("".join)


def json_values(max_leaves: int = 8) -> st.SearchStrategy[Any]:
    """Any value JSON can carry (and a few it parses leniently)."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        hostile_text(),
    )
    return st.recursive(
        leaves,
        lambda children: st.lists(children, max_size=3) | st.dictionaries(hostile_text(6), children, max_size=3),
        max_leaves=max_leaves,
    )


WORDS = sorted(
    {
        *(k.value for k in ActorKind),
        *(k.value for k in ClaimKind),
        *(s.value for s in ClaimStatus),
        *(p.value for p in Precision),
        *(r.value for r in RelationType),
        *EVENT_KINDS,
        "militia",
        "Person",
        "",
    }
)
IDS = (
    "actor:ghaani",
    "actor:quds-force",
    "actor:nobody",
    "source:wire-2021",
    "source:beta-report",
    "claim:qaani-warns",
    "event:talks",
    "event:convoy-ied",
    "briefing:alpha",
    "briefing:beta",
    "note:01abc",
    "Actor:Ghaani",
    "actor:",
    "actor:a b",
    "actor:ghaani\n",
)


def deep(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def replacements() -> st.SearchStrategy[Any]:
    """What a mutation may put in place of a value."""
    return st.one_of(
        json_values(),
        st.sampled_from(WORDS),
        st.sampled_from(IDS),
        st.lists(st.sampled_from(IDS), max_size=3),
        st.sampled_from(["", " ", "2021-02-31", "2021-13-01", "21-03-01", "2021-03-01T00:00", "０２０２１-03-01"]),
        st.integers(min_value=1, max_value=300).map(lambda n: "x" * (n * 1000)),  # up to 300 KB
        st.integers(min_value=1, max_value=400).map(lambda n: deep("x", n)),
        st.just({"type": "leads", "target": "actor:nobody", "note": ""}),
    )


Slot = tuple[Any, Any]  # (container, key or index)


def _slots(value: Any) -> list[Slot]:
    """Every place in a nested structure that a mutation can change."""
    out: list[Slot] = []
    if isinstance(value, dict):
        for key, child in value.items():
            out.append((value, key))
            out.extend(_slots(child))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.append((value, index))
            out.extend(_slots(child))
    return out


MUTATIONS = ("replace", "delete", "add-field", "rename-key", "duplicate-id", "empty-container")


def mutate(tables: dict[str, Any], draw: Any) -> None:
    """Break one thing in ``tables``, in place."""
    slots = _slots(tables)
    if not slots:  # everything already deleted
        tables["briefing"] = draw(json_values())
        return
    container, key = draw(st.sampled_from(slots))
    how = draw(st.sampled_from(MUTATIONS))
    if how == "replace":
        container[key] = draw(replacements())
    elif how == "delete":
        del container[key]
    elif how == "add-field" and isinstance(container, dict):
        container[draw(st.one_of(hostile_text(8), st.sampled_from(IDS), st.sampled_from(WORDS)))] = draw(json_values())
    elif how == "rename-key" and isinstance(container, dict):
        new_key = draw(st.one_of(st.sampled_from(IDS), hostile_text(8), st.sampled_from(WORDS)))
        container[new_key] = container.pop(key)
    elif how == "duplicate-id":
        # the same id in another table, or an entity moved to a table of another kind
        names = [name for name in ("sources", "actors", "claims", "events") if isinstance(tables.get(name), dict)]
        records = [r for name in names for r in tables[name].values()]
        if names and records:
            record = copy.deepcopy(draw(st.sampled_from(records)))
            tables[draw(st.sampled_from(names))][draw(st.sampled_from(IDS))] = record
    elif how == "empty-container":
        container[key] = draw(st.sampled_from([{}, [], "", None]))


@st.composite
def mutated_tables(draw: Any, max_mutations: int = 4) -> dict[str, Any]:
    """A factory briefing with one to ``max_mutations`` things broken."""
    tables = draw(st.sampled_from([alpha_tables, beta_tables]))()
    for _ in range(draw(st.integers(min_value=1, max_value=max_mutations))):
        mutate(tables, draw)
    return tables


# -- valid briefings with hostile (but legal) content --------------------------------------------


def legal_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Hostile text that validation accepts: everything but lone surrogates."""
    return hostile_text(max_size).map(lambda s: "".join(c for c in s if not "\ud800" <= c <= "\udfff"))


def required_text(max_size: int = 12) -> st.SearchStrategy[str]:
    return legal_text(max_size).filter(lambda s: s.strip() != "")


@st.composite
def iso_day(draw: Any) -> str:
    return draw(st.dates()).isoformat()


@st.composite
def valid_tables(draw: Any, briefing_slug: str = "fuzz") -> dict[str, Any]:
    """A valid briefing whose every free-text field is drawn from hostile (legal) text."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    n_actors = draw(st.integers(1, 5))
    actor_ids = [f"actor:{briefing_slug}-a{i}" for i in range(n_actors)]
    source_ids = [f"source:{briefing_slug}-s{i}" for i in range(draw(st.integers(1, 2)))]
    paragraphs = {sid: draw(st.integers(0, 20)) for sid in source_ids}
    tables: dict[str, Any] = {
        "briefing": {
            f"briefing:{briefing_slug}": {
                "title": draw(required_text()),
                "summary": draw(legal_text(40)),
                "date": draw(st.one_of(st.none(), iso_day())),
                "tags": draw(st.lists(legal_text(6), max_size=3)),
            }
        },
        "sources": {
            sid: {
                "title": draw(required_text()),
                "publisher": draw(legal_text()),
                "author": draw(legal_text()),
                "date": draw(st.one_of(st.none(), iso_day())),
                "url": draw(st.one_of(st.just(""), legal_text().map("https://evil.example/".__add__))),
                "paragraphs": paragraphs[sid],
            }
            for sid in source_ids
        },
        "actors": {},
        "claims": {},
        "events": {},
    }
    for aid in actor_ids:
        others = [a for a in actor_ids if a != aid]
        tables["actors"][aid] = {
            "name": draw(required_text()),
            "kind": draw(st.sampled_from([k.value for k in ActorKind])),
            "aliases": draw(st.lists(legal_text(8), max_size=3)),
            "role": draw(legal_text()),
            "description": draw(legal_text(30)),
            "relations": [
                {
                    "type": draw(st.sampled_from([r.value for r in RelationType])),
                    "target": t,
                    "note": draw(legal_text()),
                }
                for t in (rng.sample(others, rng.randint(0, len(others))) if others else [])
            ],
        }

    def paragraph(source: str) -> int | None:
        count = paragraphs[source]
        return (
            draw(st.one_of(st.none(), st.integers(1, count)))
            if count
            else draw(st.one_of(st.none(), st.integers(1, 99)))
        )

    for i in range(draw(st.integers(0, 4))):
        source = rng.choice(source_ids)
        when = draw(st.one_of(st.none(), iso_day()))
        tables["claims"][f"claim:{briefing_slug}-c{i}"] = {
            "text": draw(required_text(40)),
            "attributed_to": rng.sample([*actor_ids, source], rng.randint(1, 2)),
            "about": rng.sample(actor_ids, rng.randint(0, len(actor_ids))),
            "kind": draw(st.sampled_from([k.value for k in ClaimKind])),
            "status": draw(st.sampled_from([s.value for s in ClaimStatus])),
            "date": when,
            "precision": draw(st.sampled_from([p.value for p in Precision])) if when else "day",
            "source": source,
            "paragraph": paragraph(source),
        }
    for i in range(draw(st.integers(0, 4))):
        source = rng.choice(source_ids)
        start = draw(st.dates())
        end = draw(st.one_of(st.none(), st.dates(min_value=start)))
        tables["events"][f"event:{briefing_slug}-e{i}"] = {
            "title": draw(required_text()),
            "description": draw(legal_text(30)),
            "kind": draw(st.sampled_from(sorted(EVENT_KINDS))),
            "date": start.isoformat(),
            "end": end.isoformat() if end else None,
            "precision": draw(st.sampled_from([p.value for p in Precision])),
            "location": draw(legal_text()),
            "actors": rng.sample(actor_ids, rng.randint(0, len(actor_ids))),
            "source": source,
            "paragraph": paragraph(source),
        }
    return tables
