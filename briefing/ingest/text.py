"""An article's text as a headline and numbered paragraphs, each split into sentences.

Articles arrive as pasted or scraped text: paragraphs one per line or
separated by blank lines, sometimes hard-wrapped, with a headline, a
standfirst, a byline and photo captions on top.  Paragraphs are numbered
from 1 in the article's body, after that front matter, so that a claim's
``paragraph`` points where a reader of the published article would look.

The first line is the headline only when it looks like one: short, not
ended by a full stop, with more text under it.  Otherwise (a one-paragraph
article, a first line that is a sentence of the body) everything is body,
and the title is the start of the first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

_CAPTION_RE = re.compile(
    r"\b(?:photo|image|picture|video|illustrative)\s*(?:credit|courtesy|by)\b|^\(?\s*(?:credit|photo|image|caption)\s*:",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"^By\s+(?P<author>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\s*$")
_CLUTTER_RE = re.compile(
    r"^(?:advertisement|share this article|share on \w+|read more\b|related:|subscribe\b|listen to this article)",
    re.IGNORECASE,
)
_TERMINAL_RE = re.compile(r"[.!?:;\"”’)\]…]$")
_FRONT_MATTER_REACH = 6
"""A photo caption among the first paragraphs closes the front matter (headline, standfirst, byline)."""
HEADLINE_CHARS = 120
"""A first line longer than this is a paragraph of the body, not a headline."""
TITLE_CHARS = 80
"""An article without a headline is titled by the start of its first sentence, cut to this length."""


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    """Where the sentence starts in its paragraph's text."""
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    number: int
    """Counted from 1 in the article's body."""
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Article:
    title: str
    """The headline; for an article without one, the start of its first sentence."""
    paragraphs: tuple[Paragraph, ...]
    author: str = ""
    front_matter: tuple[str, ...] = field(default=())
    """Standfirst and other lines above the body that are not numbered."""
    skipped: tuple[str, ...] = field(default=())
    """Captions and page clutter left out of the body."""


def normalise(text: str) -> str:
    """Newlines as ``\\n``, one kind of space, no control characters or lone surrogates."""
    text = _NEWLINES_RE.sub("\n", text)
    text = _CONTROL_RE.sub(" ", text)
    return "\n".join(_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Lines of a block cut at a fixed width, as in e-mail or a terminal copy."""
    if len(lines) < 2:
        return False
    widest = max(len(line) for line in lines)
    body = lines[:-1]
    if not 40 <= widest <= 100 or all(_TERMINAL_RE.search(line) for line in body):
        return False
    return sum(len(line) >= 0.75 * widest for line in body) >= 2 * len(body) / 3


def _joins_next(line: str, following: str) -> bool:
    """A line that runs on into the next (a sentence broken by a stray newline)."""
    if _TERMINAL_RE.search(line):
        return False
    return following[:1].islower() or len(line) >= 50


def _is_headline(line: str, rest: str) -> bool:
    """Whether the first line is a headline: short, with no full stop at its end, and text under it.

    "U.S." at the end is an abbreviation, not a full stop; a line that runs on
    into the next one (which starts in lower case) is a sentence broken by a
    newline.
    """
    following = rest.lstrip("\n")
    if not following or len(line) > HEADLINE_CHARS or following[:1].islower():
        return False
    return not line.endswith(".") or _ACRONYM_RE.search(line) is not None


def _raw_paragraphs(text: str) -> tuple[str, list[str]]:
    """The headline ("" when the first line is no headline), and the paragraphs of the text under it."""
    text = text.strip()
    headline, _, rest = text.partition("\n")
    if not _is_headline(headline, rest):
        headline, rest = "", text
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", rest):
        lines = [line for line in block.split("\n") if line]
        if not lines:
            continue
        if _looks_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
            continue
        current = lines[0]
        for line in lines[1:]:
            if _joins_next(current, line):
                current = f"{current} {line}"
            else:
                paragraphs.append(current)
                current = line
        paragraphs.append(current)
    return headline, paragraphs


def _is_caption(paragraph: str, captions: list[str]) -> bool:
    if _CAPTION_RE.search(paragraph):
        return True
    # Scraped pages often repeat a caption without its credit line.
    return len(paragraph) >= 40 and any(paragraph in caption for caption in captions)


def split_article(text: str) -> Article:
    """The headline, front matter and numbered body paragraphs of an article."""
    title, rest = _raw_paragraphs(normalise(text))
    if not title and not rest:
        return Article("", ())
    captions = [p for p in rest if _CAPTION_RE.search(p)]
    kept: list[tuple[int, str]] = []
    skipped: list[str] = []
    for index, paragraph in enumerate(rest):
        if _is_caption(paragraph, captions) or _CLUTTER_RE.match(paragraph):
            skipped.append(paragraph)
        else:
            kept.append((index, paragraph))
    top_captions = [i for i, p in enumerate(rest[:_FRONT_MATTER_REACH]) if p in skipped]
    body_from = top_captions[-1] + 1 if top_captions else 0
    front = [p for i, p in kept if i < body_from]
    body = [p for i, p in kept if i >= body_from]
    author = ""
    for candidate in (*front, *body[:2]):
        byline = _BYLINE_RE.match(candidate)
        if byline:
            author = byline["author"]
            front = [*front, candidate] if candidate in body else front
            body = [p for p in body if p != candidate]
            break
    paragraphs = tuple(Paragraph(n, p, tuple(split_sentences(p))) for n, p in enumerate(body, start=1))
    return Article(title or _title_from(paragraphs, rest), paragraphs, author, tuple(front), tuple(skipped))


def _title_from(paragraphs: tuple[Paragraph, ...], rest: list[str]) -> str:
    """A title for an article without a headline: its first sentence, cut at a word near ``TITLE_CHARS``."""
    first = paragraphs[0].sentences[0].text if paragraphs and paragraphs[0].sentences else rest[0]
    first = first.rstrip(".") or first
    if len(first) <= TITLE_CHARS:
        return first
    cut = first[: TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:—–-")
    return f"{cut or first[: TITLE_CHARS - 1]}…"


ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Dr Prof Gen Lt Col Maj Sgt Capt Cpl Adm Brig Cmdr Gov Sen Rep Pres Rev Hon St Mt Ft Jr Sr
    No Nos vs v etc al Inc Ltd Co Corp Dept Univ Fig approx est
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun""".split()
)
_SENTENCE_STARTERS = frozenset(
    """The This That These Those There It He She They We I A An But And Or So Yet However Meanwhile Still In On At
    After Before While When As If Since According His Her Its Their Our Some Many Most""".split()
)
_BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ACRONYM_RE = re.compile(r"(?:[A-Za-z]\.){2,}$")
_WORD_BEFORE_RE = re.compile(r"[\w.’'-]+$")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if text[match.start()] != ".":
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 40), match.start() + 1)
    word = before.group() if before else ""
    bare = word.rstrip(".").split("-")[-1]
    if bare in ABBREVIATIONS or (len(bare) == 1 and bare.isupper()):
        return False
    if _ACRONYM_RE.search(word):
        following = re.match(r"[\"“‘'(\[]?(\w+)", text[match.end() :])
        return following is not None and following.group(1) in _SENTENCE_STARTERS
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a paragraph, not broken after abbreviations such as U.S., Gen., Mr. or Sept."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if _is_boundary(text, match):
            end = len(text[: match.end()].rstrip())
            sentences.append(Sentence(text[start:end], start, end))
            start = match.end()
    if text[start:].strip():
        end = len(text.rstrip())
        sentences.append(Sentence(text[start:end], start, end))
    return sentences
