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
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from briefing.errors import BriefingError
from briefing.model.dates import DateError, When, parse_loose
from briefing.model.vocabulary import EVENT_KINDS, ClaimStatus, EntityKind, NoteFlag, chart_series
from briefing.search.folding import fold, words
from briefing.text import shorten

MAX_QUERY_LENGTH = 1000
MAX_TERMS = 64
MAX_DEPTH = 16

FILTER_NAMES = ("kind", "actor", "briefing", "type", "status", "tag", "flag", "from", "to")
ANY_OF = frozenset({"kind", "briefing", "type", "status", "flag"})
"""Filters that, repeated, mean any of their values; the others must all hold."""


class QueryError(BriefingError):
    """A query that cannot mean anything; ``column`` (1-based) says where."""

    def __init__(self, message: str, column: int | None = None) -> None:
        self.reason = message
        self.column = column
        where = f"column {column}: " if column is not None else ""
        super().__init__(f"query: {where}{message}")


# -- the tree ----------------------------------------------------------------


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


# -- lexing -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexeme:
    kind: str  # word, phrase, filter, lparen, rparen, or, and, not
    text: str
    column: int
    prefix: bool = False
    value: str = ""
    negated: bool = False


_QUOTES = {'"': '"', "“": "”", "„": "“", "”": "”"}
_SPECIAL = set('()"“”„')


def _sanitise(source: str) -> str:
    """Control characters and odd spaces become plain spaces, so columns stay true."""
    return "".join(" " if (ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) else ch for ch in source)


class _Lexer:
    def __init__(self, text: str, warnings: list[str], partial: bool = False) -> None:
        self.text = text
        self.pos = 0
        self.warnings = warnings
        self.partial = partial

    def lexemes(self) -> list[_Lexeme]:
        out: list[_Lexeme] = []
        text = self.text
        while True:
            while self.pos < len(text) and text[self.pos] == " ":
                self.pos += 1
            if self.pos >= len(text):
                return out
            start = self.pos
            ch = text[start]
            if ch == "(":
                out.append(_Lexeme("lparen", ch, start + 1))
                self.pos += 1
            elif ch == ")":
                out.append(_Lexeme("rparen", ch, start + 1))
                self.pos += 1
            elif ch in _QUOTES:
                out.append(self._phrase())
            elif ch == "-":
                if self.partial and start + 1 >= len(text):
                    self.warnings.append(f"ignored the '-' at column {start + 1}: nothing follows it")
                    self.pos += 1
                elif start + 1 >= len(text) or text[start + 1] in " )":
                    raise QueryError("'-' must be followed by the word or filter to leave out", start + 1)
                else:
                    out.append(_Lexeme("not", ch, start + 1))
                    self.pos += 1
            else:
                out.append(self._word())

    def _phrase(self) -> _Lexeme:
        start = self.pos
        close = _QUOTES[self.text[start]]
        end = self.text.find(close, start + 1)
        if end < 0 and close != '"':
            end = self.text.find('"', start + 1)
        if end < 0:
            self.warnings.append(f"closed the quote opened at column {start + 1}")
            end = len(self.text)
        body = self.text[start + 1 : end]
        self.pos = min(end + 1, len(self.text))
        prefix = False
        while self.pos < len(self.text) and self.text[self.pos] == "*":
            prefix = True
            self.pos += 1
        return _Lexeme("phrase", body, start + 1, prefix=prefix)

    def _word(self) -> _Lexeme:
        start = self.pos
        text = self.text
        while self.pos < len(text) and text[self.pos] != " " and text[self.pos] not in _SPECIAL:
            if text[self.pos] == ":" and text[start : self.pos].lower() in FILTER_NAMES:
                return self._filter(start)
            self.pos += 1
        raw = text[start : self.pos]
        if raw in ("OR", "AND", "NOT"):
            return _Lexeme(raw.lower(), raw, start + 1)
        stripped = raw.rstrip("*")
        if not stripped:
            raise QueryError("'*' must end a word, as in convoy*", start + 1)
        return _Lexeme("word", stripped, start + 1, prefix=stripped != raw)

    def _filter(self, start: int) -> _Lexeme:
        text = self.text
        name = text[start : self.pos].lower()
        self.pos += 1  # the colon
        if self.pos < len(text) and text[self.pos] in _QUOTES:
            value = self._phrase().text
        else:
            value_start = self.pos
            while self.pos < len(text) and text[self.pos] != " " and text[self.pos] not in "()":
                self.pos += 1
            value = text[value_start : self.pos]
        if not value.strip():
            raise QueryError(f"{name}: needs a value{_choices_hint(name)}", start + 1)
        return _Lexeme("filter", name, start + 1, value=value.strip())


# -- parsing ----------------------------------------------------------------


class _Parser:
    def __init__(self, lexemes: list[_Lexeme], warnings: list[str], partial: bool) -> None:
        self.items = lexemes
        self.pos = 0
        self.warnings = warnings
        self.partial = partial
        self.filters: list[Filter] = []
        self.terms = 0

    def peek(self) -> _Lexeme | None:
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

    def _conjunction(self, item: _Lexeme, after: bool) -> None:
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

    def _term(self, item: _Lexeme) -> Term | None:
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

    def _add_filter(self, item: _Lexeme, top: bool, negated: bool) -> None:
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
    text = _sanitise(source)
    warnings: list[str] = []
    lexemes = _Lexer(text, warnings, partial).lexemes()
    last = lexemes[-1] if lexemes else None
    if partial and last is not None and last.kind == "word" and not text.endswith(" "):
        if len(last.text) > 1:
            lexemes[-1] = replace(last, prefix=True)
        elif last.text.isalnum():
            warnings.append(f"{last.text!r} is matched as a whole word: type more to match words starting with it")
    parser = _Parser(lexemes, warnings, partial)
    node = parser.parse()
    return Query(source, node, tuple(parser.filters), tuple(warnings))


# -- filters whose values come from the vocabulary ------------------------------


KIND_WORDS: dict[str, EntityKind] = {k.value: k for k in EntityKind} | {f"{k.value}s": k for k in EntityKind}


def _choices_hint(name: str) -> str:
    choices = {
        "kind": ", ".join(k.value for k in EntityKind),
        "status": ", ".join(s.value for s in ClaimStatus),
        "flag": ", ".join(f.value for f in NoteFlag),
    }.get(name)
    return f" (one of: {choices})" if choices else ""


def _pick(name: str, value: str, choices: list[str], column: int) -> str:
    """An exact choice, or the only one that starts with ``value``."""
    wanted = value.lower()
    if wanted in choices:
        return wanted
    starting = [c for c in choices if c.startswith(wanted)]
    if len(starting) == 1:
        return starting[0]
    if starting:
        raise QueryError(f"{name}:{shorten(value, 40)} could be {', '.join(starting)}", column)
    raise QueryError(f"{name}:{shorten(value, 40)} is not one of: {', '.join(choices)}", column)


def event_kinds_for(value: str) -> tuple[str, ...]:
    """The event kinds ``type:value`` means; empty when none.

    An exact slug; else the slugs starting with it; else those whose label has
    the value's words ("ied", "drone"); else the kinds of a chart series
    ("rocket").
    """
    wanted = value.lower().strip()
    if wanted in EVENT_KINDS:
        return (wanted,)
    starting = tuple(slug for slug in EVENT_KINDS if slug.startswith(wanted))
    if starting:
        return starting
    asked = set(words(value))
    if asked:
        labelled = tuple(slug for slug, (label, _) in EVENT_KINDS.items() if asked <= set(words(label)))
        if labelled:
            return labelled
    return tuple(slug for slug in EVENT_KINDS if fold(chart_series(slug)) == fold(wanted) and wanted != "other")


def check_filter(name: str, value: str, column: int, negated: bool = False) -> Filter:
    """A filter with its value checked against the vocabulary (or read as a date)."""
    base = Filter(name, value, column, negated)
    if name == "kind":
        kind = KIND_WORDS.get(value.lower())
        if kind is None:
            choice = _pick(name, value, [k.value for k in EntityKind], column)
            kind = EntityKind(choice)
        return replace(base, values=(kind.value,))
    if name == "status":
        return replace(base, values=(_pick(name, value, [s.value for s in ClaimStatus], column),))
    if name == "flag":
        return replace(base, values=(_pick(name, value, [f.value for f in NoteFlag], column),))
    if name == "type":
        kinds = event_kinds_for(value)
        if not kinds:
            some = ", ".join(list(EVENT_KINDS)[:3])
            raise QueryError(f"type:{shorten(value, 40)} is no event kind (e.g. {some}, ...)", column)
        return replace(base, values=kinds)
    if name in ("from", "to"):
        try:
            when = parse_loose(value)
        except DateError as exc:
            raise QueryError(
                f"{name}:{shorten(value, 40)} is not a date I can read; "
                'write e.g. 2020, 2020-09, 2020-09-20 or "20 Sep 2020"',
                column,
            ) from exc
        return replace(base, when=when)
    return base


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
