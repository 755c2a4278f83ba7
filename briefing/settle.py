"""Which of a set of briefing files that reference each other hold together.

A briefing may reference an actor another briefing defines; a file that is
rejected takes its ids with it, and so every file that leaned on them.
``settle`` finds the largest set of files that hold together, whatever the
order they come in (the library's load, and ``briefing import`` checking
new files against the library).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from briefing.errors import BriefingError, Problem, ValidationError
from briefing.model.fields import TABLES
from briefing.model.validation import NOT_DEFINED

T = TypeVar("T")


@dataclass(frozen=True)
class Candidate(Generic[T]):
    """A file to accept or reject: its name, the ids it defines, and its check against the ids it may use."""

    name: str
    defines: set[str]
    check: Callable[[Container[str]], T]


@dataclass
class Outcome(Generic[T]):
    """What ``check`` returned for an accepted file (``value``), or why it was rejected (``problems``)."""

    value: T | None = None
    problems: list[Problem] = field(default_factory=list)


class _Known:
    """The ids a file may reference: ``base``, plus those the files still accepted define.

    It remembers which of the latter a check leaned on (``used``), so that
    only the files that leaned on a file rejected since are checked again.
    """

    __slots__ = ("accepted", "base", "gone", "used")

    def __init__(self, base: Container[str], accepted: set[str], gone: dict[str, list[str]]) -> None:
        self.base, self.accepted, self.gone = base, accepted, gone
        self.used: set[str] = set()

    def __contains__(self, item: object) -> bool:
        if item in self.base:
            return True
        if item in self.accepted:
            self.used.add(item)
            return True
        return False

    def missing_reason(self, item: str) -> str:
        files = self.gone.get(item)
        if not files:
            return NOT_DEFINED
        return f"is defined only in {', '.join(files)}, which was rejected"


def settle(candidates: Sequence[Candidate[T]], base: Container[str] = frozenset()) -> list[Outcome[T]]:
    """Check files that may reference each other until no accepted file leans on a rejected one.

    A file's references resolve against ``base`` and the ids of the files
    accepted so far; a rejected file's ids are withdrawn and every file that
    used one is checked again, until nothing changes.  The result is the
    largest set of files that hold together, whatever order they come in;
    a reference to an id that only rejected files define says so, naming them.
    Outcomes are in the order of ``candidates``.
    """
    outcomes: list[Outcome[T]] = [Outcome() for _ in candidates]
    accepted = set(range(len(candidates)))
    used: dict[int, set[str]] = {}
    gone: dict[str, list[str]] = {}
    provided = _union(candidates, accepted)
    pending = sorted(accepted)
    while pending:
        rejected_now = []
        for index in pending:
            known = _Known(base, provided, gone)
            try:
                outcomes[index].value = candidates[index].check(known)
                used[index] = known.used
                continue
            except ValidationError as exc:
                outcomes[index].problems = list(exc.problems)
            except BriefingError as exc:
                outcomes[index].problems = [Problem(candidates[index].name, "", "", getattr(exc, "reason", str(exc)))]
            rejected_now.append(index)
        if not rejected_now:
            break
        accepted.difference_update(rejected_now)
        still = _union(candidates, accepted)
        lost = {i for i in provided - still if i not in base}
        for item in lost:
            gone[item] = sorted(c.name for k, c in enumerate(candidates) if k not in accepted and item in c.defines)
        provided = still
        pending = [index for index in sorted(accepted) if used[index] & lost]
        for index in pending:
            outcomes[index].value = None
    return outcomes


def _union(candidates: Sequence[Candidate[T]], indices: Iterable[int]) -> set[str]:
    ids: set[str] = set()
    for index in indices:
        ids |= candidates[index].defines
    return ids


def defined_ids(tables: Any) -> set[str]:
    ids: set[str] = set()
    if isinstance(tables, dict):
        for name in TABLES:
            table = tables.get(name)
            if isinstance(table, dict):
                ids.update(k for k in table if isinstance(k, str))
    return ids
