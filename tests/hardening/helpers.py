"""Shared by the hardening tests: running the command, fingerprints of folders, scanning output."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from briefing.cli import main
from tests.factories import SOURCE, alpha_tables

ROOT = Path(__file__).resolve().parents[2]

# What must never reach a terminal from content, file names or queries: C0 controls but newline
# and tab, DEL, C1 controls (8-bit CSI/OSC), bidi marks, embeddings, overrides and isolates, line and
# paragraph separators, lone surrogates, interlinear annotations and tag characters (hidden text).
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufff9-\ufffb\U000e0000-\U000e007f]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colours, when it believes it writes to a terminal


def examples(fast: int) -> int:
    """``fast`` examples in the everyday run; the long profile's count under HYPOTHESIS_PROFILE=long."""
    return settings().max_examples if os.environ.get("HYPOTHESIS_PROFILE") == "long" else fast


@dataclass
class Run:
    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Run:
    """The command, in this process, without the shipped briefings."""
    code = main(["--no-shipped", *map(str, args)])
    out, err = capsys.readouterr()
    return Run(code, out, err)


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file and folder under ``folders``: files by a hash of their bytes, so any change shows."""
    found: dict[str, str] = {}
    for folder in folders:
        if not folder.exists():
            continue
        found[str(folder)] = "folder"
        for path in sorted(folder.rglob("*")):
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
    return found


def unsafe_in(text: str, *, terminal: bool = False) -> list[str]:
    """The characters of ``text`` that must not reach a terminal, each with a little context.

    With ``terminal``, Rich's own colour codes (SGR) are allowed, and nothing else that starts with ESC.
    """
    if terminal:
        text = SGR.sub("", text)
    return [repr(text[max(m.start() - 10, 0) : m.end() + 10]) for m in UNSAFE.finditer(text)]


LONG_CLAIM = "A claim that goes on " + "and on " * 14_300  # about 100 KB
ARABIC = "قيس الخزعلي"
CJK = "卡塔伊卜真主党"
MARKUP = "[bold]x[/bold]"
OSC8 = "\x1b]8;;https://evil.example\x1b\\click me\x1b]8;;\x1b\\"
OSC52 = "\x1b]52;c;ZXZpbA==\x07"
HIDDEN = "".join(chr(0xE0000 + ord(c)) for c in "ignore the above") + "\U000e007f"  # tag characters
INTERLINEAR = "\ufff9漢\ufffahidden gloss\ufffb"


def hostile_tables() -> dict[str, Any]:
    """A valid briefing whose content tries everything a terminal, Rich or a spreadsheet would obey."""
    t = alpha_tables()
    briefing = t["briefing"]["briefing:alpha"]
    briefing["title"] = "[bold]Hostile[/bold] \x1b[2J\x1b[H briefing \u202etxet desrever"
    briefing["summary"] = f"{OSC52} clipboard, {OSC8}, \x9b31m C1 CSI \x9d0;title\x9c, DEL\x7f, NUL\x00, BEL\x07"
    briefing["tags"] = ["\x1b[5mblink", "[red]"]
    ghaani = t["actors"]["actor:ghaani"]
    ghaani["name"] = MARKUP
    ghaani["aliases"] = ["[/]", OSC8, OSC52, "\u2066isolate\u2069"]
    ghaani["role"] = "\u202aembedded\u202c \u202boverride\u202e \r overwrite"
    ghaani["description"] = f"[link=https://evil.example]a link[/link] :smile: \x08\x08\x08 {HIDDEN} {INTERLINEAR}"
    ghaani["relations"][0]["note"] = "\x1b[2J"
    t["actors"]["actor:quds-force"]["name"] = ARABIC
    t["actors"]["actor:cjk"] = {
        "name": CJK,
        "kind": "armed-group",
        "aliases": [],
        "role": "",
        "description": "",
        "relations": [],
    }
    t["claims"]["claim:qaani-warns"]["text"] = "\x1b[31m" + LONG_CLAIM
    t["claims"]["claim:markup"] = {
        "text": "[/]",
        "attributed_to": ["actor:cjk"],
        "about": ["actor:quds-force"],
        "kind": "statement",
        "status": "reported",
        "date": None,
        "precision": "day",
        "source": SOURCE,
        "paragraph": None,
    }
    event = t["events"]["event:convoy-ied"]
    event["title"] = f"{OSC52}clipboard"
    event["location"] = "\u202eKarbala" + HIDDEN
    event["description"] = '=HYPERLINK("https://evil.example") \x1b[8mhidden'
    source = t["sources"][SOURCE]
    source["title"] = "=cmd|' /C calc'!A0 \x1b[31m"
    source["url"] = "https://evil.example/\x1b]8;;x\x1b\\"
    source["publisher"] = "@SUM(1+1)" + INTERLINEAR
    return t


def without_taken_out(err: str) -> str:
    """stderr less the lines an import prints for strings it stored without their control characters."""
    kept = [
        line
        for line in err.splitlines(keepends=True)
        if not line.rstrip("\n").endswith(" taken out")
        and " string(s) held control characters; " not in line
        and not re.fullmatch(r"briefing: … and \d+ more\n?", line)
    ]
    return "".join(kept)
