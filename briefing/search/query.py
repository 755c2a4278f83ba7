"""The search query language: parsed into a tree, compiled to a safe FTS5 expression.

What a reader can type::

    khazali convoy          every word must match (in any order, any field); so does khazali AND convoy
    "supply convoy"         the words side by side
    kata*                   any word starting with "kata"
    rocket OR ied           either side
    convoy -british         leave out entries with "british"
    (rocket OR ied) babil   parentheses group
    kind:event              actor, briefing, claim, event, note, source (also plural)
    actor:khazali           entries linked to an actor: name, alias (diacritics and case
                            folded), slug or id; the actor's own entry matches too
    briefing:ID             id, slug or the start of a slug
    type:ied                event kind: slug, start of a slug, or a word of its label
                            ("type:ied", "type:drone"); "type:rocket" = rocket attacks
    status:confirmed        claim status (reported, confirmed, disputed, unverified)
    tag:WORD  flag:verify   the reader's notes
    from:2020-09  to:"sept 20 2020"
                            dates as a person writes them; from: keeps entries whose
                            dates reach that period's first day or later, to: those that
                            start on its last day or earlier

``OR``, ``AND`` and ``NOT`` (= ``-``) are operators only in capitals; ``AND``
says what a space between two terms says, and like ``OR`` it needs a term
on each side.  A
repeated kind:, briefing:, type:, status: or flag: filter means any of them;
repeated actor: and tag: filters must all hold.  A filter may be negated
(``-kind:claim``) but belongs to the whole query, not inside parentheses or
an OR.  A word such as ``http://x`` whose prefix is not a filter name is
just words.

Leniency, so that a query being typed never turns red for nothing: an
unclosed quote or parenthesis is closed at the end, with a warning; symbols
with no letters or digits are ignored, with a warning; control characters
are spaces.  Everything else that cannot mean anything is a ``QueryError``
naming the problem and its column (1-based).

Safety: the compiled FTS5 expression is made only of operators this module
writes and double-quoted strings of folded words (letters and digits), so
nothing a reader types is ever read by FTS5 as syntax.

The parts: ``lexer`` cuts the text into words, phrases, filters and
operators; the parser here builds the tree (``query_tree``); filter values
are checked against the vocabulary in ``query_filters``; every error is a
``QueryError`` (``query_errors``).  The tree's names are importable from
here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from briefing.search.folding import words
from briefing.search.lexer import Lexeme, Lexer, sanitise
from briefing.search.query_errors import QueryError
from briefing.search.query_filters import check_filter
from briefing.search.query_tree import And, Filter, Node, Not, Or, Query, Term
from briefing.text import shorten

__all__ = [
    "And",
    "Filter",
    "Node",
    "Not",
    "Or",
    "Query",
    "QueryError",
    "Term",
    "TextMatch",
    "parse",
    "text_match",
    "to_fts",
]

MAX_QUERY_LENGTH = 1000
MAX_TERMS = 64
MAX_DEPTH = 16


# -- parsing ----------------------------------------------------------------


class _Parser:
    def __init__(self, lexemes: list[Lexeme], warnings: list[str], partial: bool) -> None:
        self.items = lexemes
        self.pos = 0
        self.warnings = warnings
        self.partial = partial
        self.filters: list[Filter] = []
        self.terms = 0

    def peek(self) -> Lexeme | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def parse(self) -> Node | None:
        node = self.parse_or(depth=0, top=True)
        extra = self.peek()
        if extra is not None:  # only a ')' can stop the top level early
            raise QueryError("')' closes nothing", extra.column)
        return node

    def parse_or(self, depth: int, top: bool) -> Node | None:
        if depth > MAX_DEPTH:
            raise QueryError(f"parentheses nested too deep (at most {MAX_DEPTH})", self._column())
        branches: list[Node | None] = [self.parse_and(depth, top, in_or=False)]
        while (item := self.peek()) is not None and item.kind == "or":
            self.pos += 1
            if branches[-1] is None:
                raise QueryError("OR needs something before it", item.column)
            following = self.peek()
            if following is None or following.kind in ("or", "rparen"):
                if self.partial and following is None:
                    self.warnings.append(f"ignored the OR at column {item.column}: nothing follows it")
                    break
                raise QueryError("OR needs something after it", item.column)
            branches.append(self.parse_and(depth, top=False, in_or=True))
            if branches[-1] is None:
                raise QueryError("OR needs something after it", item.column)
        present = [b for b in branches if b is not None]
        if len(present) > 1:
            for branch in present:
                self._no_exclusion_in_or(branch)
            return Or(tuple(present))
        return present[0] if present else None

    def _no_exclusion_in_or(self, node: Node) -> None:
        if isinstance(node, Not):
            raise QueryError("an excluded term cannot be one side of an OR", node.column)
        if isinstance(node, And) and all(isinstance(c, Not) for c in node.children):
            raise QueryError("each side of an OR needs a word that is not excluded", node.children[0].column)  # type: ignore[union-attr]

    def parse_and(self, depth: int, top: bool, in_or: bool) -> Node | None:
        children: list[Node] = []
        operand = False  # a word, group or filter so far: what an AND joins to what follows it
        while (item := self.peek()) is not None and item.kind not in ("or", "rparen"):
            if item.kind == "and":
                self._conjunction(item, after=operand)
                continue
            node = self.parse_unary(depth, top)
            operand = True
            if node is not None:
                children.append(node)
        if not children:
            return None
        if not top and all(isinstance(c, Not) for c in children):
            where = children[0].column  # type: ignore[union-attr]
            if in_or:
                raise QueryError("an excluded term cannot be one side of an OR", where)
            raise QueryError("a group needs a word that is not excluded", where)
        return children[0] if len(children) == 1 else And(tuple(children))

    def _conjunction(self, item: Lexeme, after: bool) -> None:
        """An AND between two terms says what a space says; one with nothing on a side is a mistake, as with OR."""
        self.pos += 1
        if not after:
            raise QueryError("AND needs something before it", item.column)
        following = self.peek()
        if following is None or following.kind in ("and", "or", "rparen"):
            if self.partial and following is None:
                self.warnings.append(f"ignored the AND at column {item.column}: nothing follows it")
                return
            raise QueryError("AND needs something after it", item.column)

    def parse_unary(self, depth: int, top: bool) -> Node | None:
        item = self.peek()
        assert item is not None
        if item.kind in ("not",):
            self.pos += 1
            following = self.peek()
            if following is None or following.kind in ("or", "rparen", "and"):
                if self.partial and following is None:
                    self.warnings.append(f"ignored the '-' or NOT at column {item.column}: nothing follows it")
                    return None
                raise QueryError(
                    f"{shorten(item.text, 40)} must be followed by the word or filter to leave out", item.column
                )
            if following.kind == "filter":
                self.pos += 1
                self._add_filter(following, top, negated=True)
                return None
            if following.kind == "not":
                raise QueryError("one '-' is enough", following.column)
            child = self.parse_atom(depth, top)
            return Not(child, item.column) if child is not None else None
        return self.parse_atom(depth, top)

    def parse_atom(self, depth: int, top: bool) -> Node | None:
        item = self.peek()
        assert item is not None
        self.pos += 1
        if item.kind == "lparen":
            inner = self.parse_or(depth + 1, top=False)
            closing = self.peek()
            if closing is None:
                self.warnings.append(f"closed the parenthesis opened at column {item.column}")
            else:
                self.pos += 1
            if inner is None:
                if self.partial and closing is None:
                    return None
                raise QueryError("nothing inside the parentheses", item.column)
            return inner
        if item.kind == "filter":
            self._add_filter(item, top, negated=False)
            return None
        if item.kind in ("word", "phrase"):
            return self._term(item)
        raise QueryError(f"{shorten(item.text, 40)} needs something before it", item.column)

    def _term(self, item: Lexeme) -> Term | None:
        found = tuple(words(item.text))
        if not found:
            if item.kind == "phrase" and not item.text.strip():
                if self.partial:
                    return None
                raise QueryError("empty quotes", item.column)
            self.warnings.append(f"ignored {shorten(item.text, 20)!r} at column {item.column}: no letters or digits")
            return None
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QueryError(f"too many terms (at most {MAX_TERMS})", item.column)
        return Term(found, item.text, item.column, prefix=item.prefix, quoted=item.kind == "phrase")

    def _add_filter(self, item: Lexeme, top: bool, negated: bool) -> None:
        if not top:
            raise QueryError(
                f"{shorten(item.text, 40)}: applies to the whole query; put it outside parentheses and OR", item.column
            )
        self.filters.append(check_filter(item.text, item.value, item.column, negated))

    def _column(self) -> int | None:
        item = self.peek()
        return item.column if item else None


def parse(source: str, *, partial: bool = False) -> Query:
    """The query typed by a reader, as a tree; a ``QueryError`` says what is wrong where.

    ``partial`` is for a query still being typed: its last word (of two
    letters or more) is taken as a prefix, and a trailing OR, '-' or '(' is
    ignored rather than an error.  A last word of one letter stays a word (as
    a prefix it would match most of a large library), with a warning saying so.
    """
    if len(source) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"the query is {len(source):,} characters long; at most {MAX_QUERY_LENGTH:,} are allowed",
            MAX_QUERY_LENGTH + 1,
        )
    text = sanitise(source)
    warnings: list[str] = []
    lexemes = Lexer(text, warnings, partial).lexemes()
    last = lexemes[-1] if lexemes else None
    if partial and last is not None and last.kind == "word" and not text.endswith(" "):
        if len(last.text) > 1:
            lexemes[-1] = replace(last, prefix=True)
        elif last.text.isalnum():
            warnings.append(f"{last.text!r} is matched as a whole word: type more to match words starting with it")
    parser = _Parser(lexemes, warnings, partial)
    node = parser.parse()
    return Query(source, node, tuple(parser.filters), tuple(warnings))


# -- compiling to FTS5 ------------------------------------------------------------


def _quote(term: Term) -> str:
    phrase = " ".join(term.words).replace('"', '""')
    return f'"{phrase}"' + ("*" if term.prefix else "")


def to_fts(node: Node) -> str:
    """``node`` as an FTS5 expression; it must contain a term that is not excluded."""
    match node:
        case Term():
            return _quote(node)
        case Or(children):
            return "(" + " OR ".join(to_fts(c) for c in children) + ")"
        case And(children):
            positive = [c for c in children if not isinstance(c, Not)]
            negative = [c.child for c in children if isinstance(c, Not)]
            expression = "(" + " AND ".join(to_fts(c) for c in positive) + ")"
            for child in negative:
                expression = f"({expression} NOT {to_fts(child)})"
            return expression
        case Not():
            raise ValueError("an excluded term alone has no FTS5 expression")
    raise TypeError(node)


@dataclass(frozen=True, slots=True)
class TextMatch:
    """The text part of a query: what must match, and what must not (either may be empty)."""

    include: str | None
    exclude: list[str] = field(default_factory=list)


def text_match(query: Query) -> TextMatch | None:
    """The FTS5 expressions of a query's words; None when it has only filters."""
    node = query.text
    if node is None:
        return None
    if isinstance(node, Not):
        return TextMatch(None, [to_fts(node.child)])
    if isinstance(node, And):
        positive = [c for c in node.children if not isinstance(c, Not)]
        negative = [to_fts(c.child) for c in node.children if isinstance(c, Not)]
        include = to_fts(And(tuple(positive))) if positive else None
        return TextMatch(include, negative)
    return TextMatch(to_fts(node))
