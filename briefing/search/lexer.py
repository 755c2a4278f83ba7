"""The query's words: a typed query cut into words, phrases, filters, parentheses and operators."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.search.query_errors import QueryError
from briefing.search.query_filters import FILTER_NAMES, choices_hint


@dataclass(frozen=True, slots=True)
class Lexeme:
    kind: str  # word, phrase, filter, lparen, rparen, or, and, not
    text: str
    column: int
    prefix: bool = False
    value: str = ""
    negated: bool = False


_QUOTES = {'"': '"', "“": "”", "„": "“", "”": "”"}
_SPECIAL = set('()"“”„')


def sanitise(source: str) -> str:
    """Control characters and odd spaces become plain spaces, so columns stay true."""
    return "".join(" " if (ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) else ch for ch in source)


class Lexer:
    def __init__(self, text: str, warnings: list[str], partial: bool = False) -> None:
        self.text = text
        self.pos = 0
        self.warnings = warnings
        self.partial = partial

    def lexemes(self) -> list[Lexeme]:
        out: list[Lexeme] = []
        text = self.text
        while True:
            while self.pos < len(text) and text[self.pos] == " ":
                self.pos += 1
            if self.pos >= len(text):
                return out
            start = self.pos
            ch = text[start]
            if ch == "(":
                out.append(Lexeme("lparen", ch, start + 1))
                self.pos += 1
            elif ch == ")":
                out.append(Lexeme("rparen", ch, start + 1))
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
                    out.append(Lexeme("not", ch, start + 1))
                    self.pos += 1
            else:
                out.append(self._word())

    def _phrase(self) -> Lexeme:
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
        return Lexeme("phrase", body, start + 1, prefix=prefix)

    def _word(self) -> Lexeme:
        start = self.pos
        text = self.text
        while self.pos < len(text) and text[self.pos] != " " and text[self.pos] not in _SPECIAL:
            if text[self.pos] == ":" and text[start : self.pos].lower() in FILTER_NAMES:
                return self._filter(start)
            self.pos += 1
        raw = text[start : self.pos]
        if raw in ("OR", "AND", "NOT"):
            return Lexeme(raw.lower(), raw, start + 1)
        stripped = raw.rstrip("*")
        if not stripped:
            raise QueryError("'*' must end a word, as in convoy*", start + 1)
        return Lexeme("word", stripped, start + 1, prefix=stripped != raw)

    def _filter(self, start: int) -> Lexeme:
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
            raise QueryError(f"{name}: needs a value{choices_hint(name)}", start + 1)
        return Lexeme("filter", name, start + 1, value=value.strip())
