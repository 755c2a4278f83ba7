"""The README's examples work on the shipped briefing: a reader who copies one finds something."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDERS = re.compile(r"\b(ID|WORD)\b|flag:|tag:")
"""Examples that stand for any value, or are about the reader's own notes (none ship)."""


def _query_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("### The query language", 1)[1].split("```", 2)[1]
    examples = []
    for line in block.splitlines():
        for example in re.split(r" {3,}", line.strip())[::2]:  # example, its meaning, example, ...
            if example and not PLACEHOLDERS.search(example) and not example.startswith(("(", "AND")):
                examples.append(example)
    return examples


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace.from_options([], tmp_path_factory.mktemp("data"))


@pytest.mark.parametrize("example", _query_examples())
def test_every_query_example_finds_something_in_the_shipped_briefing(shipped: Workspace, example: str) -> None:
    assert shipped.search_index().search(example).ids, f"{example!r} matches nothing in the shipped briefing"
