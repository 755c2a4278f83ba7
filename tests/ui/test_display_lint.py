"""A lint of the browser's code: no string reaches a widget except through ``briefing.text``.

It reads the source (no app runs) and flags what it can tell for sure from
the syntax alone:

* a string built on the spot (an f-string, ``str(...)``, ``+``, ``%`` or
  ``.format``) handed straight to ``Static``, ``Label``, ``Content``,
  ``.update``, a border title, a tooltip or ``set_label``: it should have
  gone through ``text()``/``one_line()`` first;
* markup turned on (``markup=True``) anywhere: content is never markup;
* Textual's ``Input`` or ``TextArea`` built directly, or ``SuggestFromList``
  outside ``text_entry``: ``LineInput``, ``TextEditor`` and ``LastNameSuggester``
  clean what those draw from the plain string.

A name or attribute passed on (``Static(title)``) cannot be judged without
types and is left to the walk over hostile content (``test_terminal_safety``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "briefing" / "ui"

SHOWS_FIRST_ARGUMENT = {"Static", "Label", "Content", "update", "set_label"}
SHOWN_ATTRIBUTES = {"border_title", "border_subtitle", "tooltip", "title", "sub_title"}
DRAW_THEIR_VALUE = {"Input", "TextArea"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _stringy(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _built(node: ast.expr) -> bool:
    """A string made on the spot from other values."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return any(_stringy(side) for side in (node.left, node.right))
    if isinstance(node, ast.Call):
        return (isinstance(node.func, ast.Name) and node.func.id == "str") or _name(node.func) == "format"
    return False




def problems(source: str, filename: str) -> Iterator[str]:
    tree = ast.parse(source, filename)
    for node in ast.walk(tree):
        where = f"{filename}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            called = _name(node.func)
            if called in SHOWS_FIRST_ARGUMENT and node.args and _built(node.args[0]):
                yield f"{where}: {called}() of a string built here: pass it through briefing.text"
            if called in DRAW_THEIR_VALUE:
                yield f"{where}: {called}() draws its value raw: use LineInput / TextEditor (text_entry.py)"
            if called == "SuggestFromList" and not filename.endswith("text_entry.py"):
                yield f"{where}: SuggestFromList draws raw suggestions: use text_entry.LastNameSuggester"
            for keyword in node.keywords:
                if keyword.arg == "markup" and isinstance(keyword.value, ast.Constant) and keyword.value.value:
                    yield f"{where}: markup on: content is never markup"
        elif isinstance(node, ast.ClassDef) and not filename.endswith("text_entry.py"):
            if any(_name(base) == "Suggester" for base in node.bases):
                yield f"{where}: a Suggester draws its suggestions raw: keep them in text_entry.py, cleaned"
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in SHOWN_ATTRIBUTES and _built(node.value):
                    yield f"{where}: {target.attr} of a string built here: pass it through briefing.text"


def ui_problems() -> list[str]:
    found: list[str] = []
    for path in sorted(UI.rglob("*.py")):
        found += problems(path.read_text(encoding="utf-8"), str(path.relative_to(UI.parent.parent)))
    return found


def test_the_browser_hands_widgets_no_uncleaned_string() -> None:
    assert ui_problems() == []


@pytest.mark.parametrize(
    "line",
    [
        'Static(f"{actor.name}")',
        "Label(str(exc))",
        'widget.update("Loading " + path)',
        'Content("{} skipped".format(name))',
        'self.border_title = f"{outline.title}"',
        'self.tooltip = "about " + name',
        "self.notify(message, markup=True)",
        "Input(value=query)",
        "TextArea(note.text)",
        "SuggestFromList(names)",
        "class Names(Suggester):\n    pass",
    ],
)
def test_the_lint_catches(line: str) -> None:
    assert list(problems(line, "briefing/ui/example.py")), line


@pytest.mark.parametrize(
    "line",
    [
        'Static(text(f"{actor.name}"))',
        'Label("tags")',
        "widget.update(text(message, single_line=True))",
        "self.border_title = Content(shorten(outline.title, 60))",
        'self.notify(f"{exc}", markup=False)',
        "LineInput(one_line(tags))",
        'Static(Text(f"{count} events"))',
    ],
)
def test_the_lint_lets_cleaned_strings_by(line: str) -> None:
    assert list(problems(line, "briefing/ui/example.py")) == [], line
