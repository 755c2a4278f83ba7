"""Printing for the command line: safe text, tables, JSON, one-line errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table

from briefing.model.dates import When
from briefing.text import clean, one_line, shorten

_stdout: Console | None = None


def console() -> Console:
    """stdout as a Rich console; markup and emoji codes off, so content prints literally."""
    global _stdout
    if _stdout is None:
        _stdout = Console(markup=False, emoji=False, highlight=False, soft_wrap=False)
    return _stdout


def stderr_console() -> Console:
    """stderr as a Rich console, for progress bars that must not mix with the output."""
    return Console(stderr=True, markup=False, emoji=False, highlight=False)


def error(message: str) -> None:
    """One line on stderr, cleaned of control characters."""
    sys.stderr.write(f"briefing: {one_line(message)}\n")
    sys.stderr.flush()


LISTED = 20
"""Items named under a summary line on stderr; the rest are counted."""


def error_list(summary: str, items: Sequence[object], more: str = "") -> None:
    """A summary line on stderr, then the first ``LISTED`` items a line each, then how many more (``more`` after)."""
    error(summary)
    for item in items[:LISTED]:
        error(str(item))
    if len(items) > LISTED:
        error(f"… and {len(items) - LISTED} more{more}")


def print_json(data: Any) -> None:
    """JSON on stdout.  Non-ASCII is escaped, so no control character reaches the terminal raw."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=True) + "\n")
    sys.stdout.flush()


def line(value: object = "") -> None:
    # soft_wrap: a line stays one line when piped, whatever the terminal width.
    console().print(clean(value), markup=False, highlight=False, emoji=False, crop=False, soft_wrap=True)


PLAIN_ABOVE = 1_000
"""Listings longer than this print as tab-separated lines: laying out a Rich table of 100,000 rows takes a minute."""


def as_lines(rows: int) -> bool:
    """Whether a listing prints as tab-separated lines rather than a table.

    Into a pipe or a file it always does: a row stays one line whatever the
    width (a table cut to 80 columns folds ids and names over several), so
    ``grep``, ``cut`` and ``sort`` see whole rows.  On a terminal, only a
    listing too long to lay out as a table does.
    """
    return rows > PLAIN_ABOVE or not console().is_terminal


def piped() -> bool:
    """Whether stdout is a pipe or a file rather than a terminal: then a listing is for scripts."""
    return not console().is_terminal


@dataclass(frozen=True, slots=True)
class Cells:
    """How a listing writes its cells: for the eye on a terminal, for scripts into a pipe or a file.

    On a terminal text is cut to fit a table and dates read "3 Aug 2020";
    into a pipe no text is ever cut (a row is one whole line, as the README
    promises) and dates are ISO (``When.iso``), so that ``sort`` sorts them.
    """

    whole: bool

    @classmethod
    def for_stdout(cls) -> Cells:
        return cls(whole=piped())

    def text(self, value: object, width: int) -> str:
        return one_line(value) if self.whole else shorten(value, width)

    def date(self, when: When | None) -> str:
        if when is None:
            return ""
        return when.iso if self.whole else when.label


def print_plain(headers: list[str], rows: list[list[Any]]) -> None:
    """One line a row, fields separated by tabs, each cleaned to one line."""
    write = sys.stdout.write
    write("\t".join(headers) + "\n")
    for row in rows:
        write("\t".join(one_line(cell.plain if hasattr(cell, "plain") else cell) for cell in row) + "\n")
    sys.stdout.flush()


def print_table(headers: list[str], rows: list[list[Any]], title: str = "") -> None:
    if as_lines(len(rows)):
        print_plain(headers, rows)
        return
    out = Table(title=clean(title) or None, title_justify="left", header_style="bold", box=None, pad_edge=False)
    last = len(headers) - 1
    for index, header in enumerate(headers):
        # Ids fold rather than lose characters; short fields (dates, kinds) stay on one line;
        # the last, free-text column keeps room to wrap.
        middle = 0 < index < last
        out.add_column(
            header,
            overflow="ellipsis" if middle else "fold",
            no_wrap=middle,
            max_width=16 if middle else None,
        )
    for row in rows:
        out.add_row(*(cell if not isinstance(cell, str) else one_line(cell) for cell in row))
    console().print(out)
