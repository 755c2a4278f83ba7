"""Search results, and the snippets that show why an entry matched.

A snippet is plain text plus the (start, end) spans of the words that
matched, so the browser and the command line style it with
``briefing.text.highlighted`` and no content is ever read as markup.
Spans index the snippet exactly as given (already cleaned, one line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from briefing.model.dates import When
from briefing.model.vocabulary import EntityKind
from briefing.search.folding import INVISIBLE_CLASS, word_spans
from briefing.search.query import Term
from briefing.text import one_line

Span = tuple[int, int]

SNIPPET_WIDTH = 160
TITLE_WIDTH = 200
SCAN_WIDTH = 1000
"""Only this much of a long field is searched for the words to show."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    kind: EntityKind
    title: str
    snippet: str
    score: float | None
    """How well the entry matches the query's words (higher is better); None in a listing by filters alone."""
    briefings: tuple[str, ...] = ()
    date: str = ""
    """The entry's date as a reader reads it ("3 Aug 2020"); ``when`` is the date itself."""
    title_spans: tuple[Span, ...] = ()
    spans: tuple[Span, ...] = ()
    when: When | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": str(self.kind),
            "title": self.title,
            "snippet": self.snippet,
            "score": None if self.score is None else _significant(self.score),
            "briefings": list(self.briefings),
            "date": self.when.iso if self.when else "",
            "highlights": [list(span) for span in self.spans],
            "title_highlights": [list(span) for span in self.title_spans],
        }


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The best hits of one query.

    ``matched`` counts the entries considered (at most the index's ranking
    window); ``more`` is true when there may be more matches than were
    ranked or returned.
    """

    query: str
    hits: list[SearchHit] = field(default_factory=list)
    matched: int = 0
    more: bool = False
    warnings: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    elapsed_ms: float = 0.0

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Any:
        return iter(self.hits)

    @property
    def ids(self) -> list[str]:
        return [hit.id for hit in self.hits]


def _significant(score: float) -> float:
    """A score to six significant digits, not decimals.

    bm25 gives a word found in more than half of the entries next to no
    weight (FTS5 floors its inverse document frequency at 1e-6): in a
    briefing about Iraq, every hit for "iraq" scores a few millionths.
    Rounded to decimals they all read 0.0; to significant digits they keep
    their order.
    """
    return float(f"{score:.6g}")


_NOT_PLAIN = re.compile(rf"[^\W\x00-\x7f]|['`’‘_\u0300-\u036f{INVISIBLE_CLASS}]")
"""A letter or digit beyond ASCII, a combining mark, or what may join words (an apostrophe, an invisible
character): text that needs folding word by word."""


class Highlighter:
    """Finds the words of a query's terms in a text: whole words, or starts of words for a prefix."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.exact: set[str] = set()
        self.prefixes: set[str] = set()
        for term in terms:
            *whole, last = term.words
            self.exact.update(whole)
            (self.prefixes if term.prefix else self.exact).add(last)
            if len(term.words) > 1:
                # A word written with an apostrophe is indexed joined as well: "kataib".
                self.exact.add("".join(term.words))
        # Every match contains one of these, as it stands in lower-cased text: a cheap test first.
        self._needles = tuple({*self.exact, *self.prefixes})
        alternatives = [re.escape(w) for w in sorted(self.exact, key=len, reverse=True)]
        alternatives += [re.escape(p) + "[a-z0-9]*" for p in sorted(self.prefixes, key=len, reverse=True)]
        self._ascii = re.compile(rf"(?<![a-z0-9])(?:{'|'.join(alternatives)})(?![a-z0-9])") if alternatives else None

    def __bool__(self) -> bool:
        return self._ascii is not None

    def may_match(self, text: str) -> bool:
        """False when ``text`` surely holds none of the words: a cheap test, before a field is cleaned.

        Cleaning only drops control codes and folds spaces, so a word the raw
        text lacks it lacks too, but for a word a control code splits.
        """
        if self._ascii is None:
            return False
        if not _is_plain(text):
            return True
        lowered = text.lower()
        return any(needle in lowered for needle in self._needles)

    def spans(self, text: str) -> list[Span]:
        if self._ascii is None:
            return []
        if _is_plain(text):
            # Folding leaves such text as it is but for case, so positions in it are positions in the text.
            lowered = text.lower()
            if not any(needle in lowered for needle in self._needles):
                return []
            return [(m.start(), m.end()) for m in self._ascii.finditer(lowered)]
        found = [
            (start, end)
            for start, end, word in word_spans(text)
            if word in self.exact or any(word.startswith(p) for p in self.prefixes)
        ]
        return _merge(found)


def _is_plain(text: str) -> bool:
    if text.isascii():
        return "'" not in text and "`" not in text and "_" not in text
    return _NOT_PLAIN.search(text) is None


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def excerpt(text: str, spans: list[Span], width: int = SNIPPET_WIDTH) -> tuple[str, tuple[Span, ...]]:
    """A window of ``text`` (one clean line) around its first match, and the spans within it."""
    if len(text) <= width:
        return text, tuple(spans)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 4, len(text) - width))
    if start > 0:
        space = text.find(" ", start, first) if first > start else -1
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space > 0 else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = tuple((s + shift, min(e, end) + shift) for s, e in spans if s >= start and s < end)
    return prefix + text[start:end] + suffix, inside


def snippet(
    fields: Iterable[str], highlighter: Highlighter, besides: str = "", *, whole: bool = False
) -> tuple[str, tuple[Span, ...]]:
    """The first field where a query word appears, cut around it; else the first non-empty field.

    A field that reads the same as ``besides`` (the title shown above it, as
    a short note's text is) is passed over: the snippet says something more.
    ``whole``: the field uncut (on one line), for output that is never cut.
    """
    fallback = ""
    for raw in fields:
        head = raw if whole else raw[:SCAN_WIDTH]
        if fallback and not highlighter.may_match(head):
            continue
        line = one_line(head)
        if not line or line == besides:
            continue
        fallback = fallback or line
        if highlighter:
            spans = highlighter.spans(line)
            if spans:
                return (line, tuple(spans)) if whole else excerpt(line, spans)
    return (fallback, ()) if whole else excerpt(fallback, [])


def title_of(raw: str, highlighter: Highlighter, *, whole: bool = False) -> tuple[str, tuple[Span, ...]]:
    line = one_line(raw)
    if len(line) > TITLE_WIDTH and not whole:
        line = line[: TITLE_WIDTH - 1] + "…"
    spans = highlighter.spans(line) if highlighter else []
    return line, tuple(spans)
