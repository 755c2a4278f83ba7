"""A parsed query: its words as a tree of terms, its filters, and the warnings the parser gave."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model.dates import When


@dataclass(frozen=True, slots=True)
class Term:
    """A word, a word's start (``prefix``) or a quoted phrase, as folded words."""

    words: tuple[str, ...]
    raw: str
    column: int
    prefix: bool = False
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Not:
    child: Node
    column: int


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Not | And | Or


@dataclass(frozen=True, slots=True)
class Filter:
    """``name:value``.  Vocabulary filters carry their checked ``values``; dates carry ``when``."""

    name: str
    value: str
    column: int
    negated: bool = False
    values: tuple[str, ...] = ()
    when: When | None = None


@dataclass(frozen=True, slots=True)
class Query:
    source: str
    text: Node | None = None
    filters: tuple[Filter, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.text is None and not self.filters

    def filters_named(self, name: str) -> list[Filter]:
        return [f for f in self.filters if f.name == name]

    def terms(self) -> list[Term]:
        """The terms a hit must (or may) contain: the ones to highlight."""
        found: list[Term] = []

        def walk(node: Node | None) -> None:
            match node:
                case Term():
                    found.append(node)
                case And(children) | Or(children):
                    for child in children:
                        walk(child)
                case _:
                    pass  # a Not, or nothing: excluded words are never highlighted

        walk(self.text)
        return found
