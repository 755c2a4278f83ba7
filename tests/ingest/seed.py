"""The seed article the extractor was built against, read in place when this machine has it.

It is never copied into the repository: tests that need it skip when it is absent.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

SEED = Path("/work/shared/seeds/000_3a95ae8d279ce84b.txt")
SEED_DATE = date(2020, 9, 28)


def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed article is not on this machine ({SEED})")
    return SEED.read_text(encoding="utf-8")
