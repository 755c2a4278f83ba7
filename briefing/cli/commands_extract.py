"""``extract``: an article's text to a draft briefing, for a person to finish.

The draft validates as a briefing file, but its claims quote the source:
the command says so on stderr every time, and the draft's summary says so
until someone rewrites it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from briefing.cli.destination import add_output_options
from briefing.errors import BriefingError, StoreError
from briefing.export_files import check_output
from briefing.ingest.dates import DateError, parse_article_date
from briefing.ingest.extract import DRAFT_REMINDER, Draft, extract
from briefing.model.records import tables_of
from briefing.model.vocabulary import CHART_SERIES, series_of
from briefing.store.files import dump_json
from briefing.store.links import final_path
from briefing.store.outputs import write_output
from briefing.text import one_line, path
from briefing.workspace import Workspace

MAX_ARTICLE_BYTES = 2_000_000
STDIN = "-"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "extract",
        parents=[common],
        help="draft a briefing from an article's text (to be rewritten before it ships)",
        description="Read an article (UTF-8 text) and write a draft briefing file: its dates, actors, "
        "attributed statements and dated events, found by rules. The draft validates, but its claims quote "
        "the source: rewrite them in your own words before shipping.",
    )
    p.add_argument("article", type=Path, metavar="ARTICLE", help="the article as a text file ('-' reads stdin)")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the article's publication date; dates without a year are read against it "
        "(default: the latest date the article gives)",
    )
    add_output_options(p)
    p.set_defaults(handler=run_extract)


def read_article(path: Path) -> str:
    """An article's text; a missing, unreadable, binary, non-UTF-8 or empty file is a one-line error."""
    if str(path) == STDIN:
        raw = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        path = Path("<stdin>")
    else:
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_ARTICLE_BYTES + 1)
        except FileNotFoundError:
            raise StoreError(path, "no such file") from None
        except IsADirectoryError:
            raise StoreError(path, "is a directory, expected a text file") from None
        except OSError as exc:
            raise StoreError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_ARTICLE_BYTES:
        raise StoreError(path, f"too large for an article (over {MAX_ARTICLE_BYTES // 1_000_000} MB)")
    if b"\x00" in raw:
        raise StoreError(path, "not a text file (it holds binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StoreError(path, f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise StoreError(path, "empty article")
    return text


def _check_not_the_article(output: Path, article: Path) -> None:
    """The draft never replaces the article it is made from, by any name (a link, a hard link, ``..``)."""
    if str(article) == STDIN:
        return
    try:
        same = os.path.samefile(final_path(output), article)
    except OSError:  # one of them is not there (yet): they cannot be one file
        return
    if same:
        raise StoreError(output, f"is the article being read ({article}); write the draft to another file")


def article_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_article_date(value)
    except DateError as exc:
        raise BriefingError(f"--date: {exc}") from None


def run_extract(args: argparse.Namespace, workspace: Workspace) -> int:
    when = article_date(args.date)
    output: Path | None = args.output
    if output is not None:
        check_output(output, workspace, force=args.force, instead="write the draft to another file")
        _check_not_the_article(output, args.article)
    text = read_article(args.article)
    # The name as a message shows it: a byte that is not UTF-8 or a control character would make the draft invalid.
    name = "standard input" if str(args.article) == STDIN else path(args.article.name)
    draft = extract(text, name=name, article_date=when, library_ids=workspace.library)
    data = dump_json(tables_of(draft.document))
    if output is not None:
        write_output(output, data)
    else:
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
    for line in report(draft, name, output):
        sys.stderr.write(one_line(line) + "\n")
    sys.stderr.flush()
    return 0


def report(draft: Draft, name: str, output: Path | None) -> list[str]:
    """What the draft holds and what it still needs, for stderr."""
    doc = draft.document
    series = Counter(series_of(e.event_kind) for e in doc.events)
    by_series = ", ".join(f"{series[s]} {s.label}" for s in CHART_SERIES if series[s])
    lines = [
        f"extracted {name}: {len(draft.article.paragraphs)} paragraphs, {len(doc.actors)} actors, "
        f"{len(doc.claims)} claims, {len(doc.events)} events" + (f" ({by_series})" if by_series else ""),
    ]
    if draft.date_given:
        lines.append(f"dates without a year read against {draft.article_date.isoformat()} (--date)")
    else:
        lines.append(
            f"no --date: dates without a year read against {draft.article_date.isoformat()}, "
            "the latest date in the article (or today); give --date to be sure"
        )
    if draft.moved:
        lines.append(
            f"{draft.moved} id{'s' if draft.moved != 1 else ''} numbered (-2, ...) to keep clear of entries "
            "already in your library; actors keep theirs, and are merged with the library's"
        )
    if output is not None:
        lines.append(f"wrote {doc.briefing.id} -> {path(output)}")
    lines.append(f"DRAFT: {DRAFT_REMINDER}.")
    return lines
