"""The reader's keymap (``keys.toml``): which binding ids there are, and the file checked against them.

Every binding a reader may want to rebind has an ``id``; the keymap file
names ids and their new keys, and Textual's ``App.set_keymap`` does the
rebinding.  Here: the ids (from the classes that declare bindings, so the
list is never out of date), the file's entries checked against them, and
the problems said in one line each, naming the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

from briefing.errors import StoreError
from briefing.store.keymap import read_keymap
from briefing.text import path as shown_path

_KEY_RE = re.compile(r"^((ctrl|alt|shift|super|meta|hyper)\+)*([a-z0-9_]+|[A-Z]|[^\sa-zA-Z0-9])$")


def binding_homes() -> list[type[DOMNode]]:
    """Every class of ours below the app that declares bindings (imported late: the first frame needs none)."""
    from briefing.ui.screens.browser import BrowserScreen
    from briefing.ui.screens.confirm import Confirm
    from briefing.ui.screens.copy_choice import CopyChoice
    from briefing.ui.screens.export_dialog import ExportDialog
    from briefing.ui.screens.help import HelpScreen
    from briefing.ui.screens.name_prompt import NamePrompt
    from briefing.ui.screens.note_editor import NoteEditor
    from briefing.ui.screens.source_choice import SourceChoice
    from briefing.ui.screens.start import StartScreen
    from briefing.ui.widgets.actor_network import ActorNetwork
    from briefing.ui.widgets.detail_view import DetailView, MorePages, ShowMore
    from briefing.ui.widgets.entry_list import EntryList
    from briefing.ui.widgets.entry_table import EntryTable
    from briefing.ui.widgets.event_list import EventList
    from briefing.ui.widgets.filter_line import FilterLine
    from briefing.ui.widgets.link import Link
    from briefing.ui.widgets.motion_tree import MotionTree
    from briefing.ui.widgets.navigation import Navigation
    from briefing.ui.widgets.news_list import NewsList
    from briefing.ui.widgets.note_table import NoteTable
    from briefing.ui.widgets.notes_list import NotesList
    from briefing.ui.widgets.result_list import ResultList
    from briefing.ui.widgets.search_view import SearchView
    from briefing.ui.widgets.timeline_view import TimelineView

    return [
        StartScreen,
        BrowserScreen,
        SearchView,
        ResultList,
        EntryList,
        EntryTable,
        FilterLine,
        NoteTable,
        DetailView,
        Link,
        ShowMore,
        MorePages,
        Navigation,
        MotionTree,
        TimelineView,
        EventList,
        ActorNetwork,
        NotesList,
        NewsList,
        NoteEditor,
        Confirm,
        CopyChoice,
        SourceChoice,
        ExportDialog,
        NamePrompt,
        HelpScreen,
    ]


def bindings_by_id(classes: Iterable[type[DOMNode]]) -> dict[str, list[Binding]]:
    """Each id's bindings (one per key) where it is first declared, in the order of ``classes`` and their bases."""
    found: dict[str, list[Binding]] = {}
    for cls in classes:
        for klass in reversed(cls.__mro__):
            if klass.__module__.startswith("briefing.") and "BINDINGS" in klass.__dict__:
                declared: dict[str, list[Binding]] = {}
                for binding in Binding.make_bindings(klass.__dict__["BINDINGS"]):
                    if binding.id and binding.id not in found:
                        declared.setdefault(binding.id, []).append(binding)
                found.update(declared)
    return found


def usual_keys(bindings: list[Binding]) -> str:
    """The keys of one id's bindings, as a keymap file writes them."""
    return ",".join(dict.fromkeys(binding.key for binding in bindings))


@dataclass(frozen=True)
class UserKeymap:
    path: Path
    keys: dict[str, str]
    """The entries that name a binding, with keys that are keys; the others are in ``problems``."""
    problems: list[str]

    @property
    def notice(self) -> str | None:
        """One line for the reader when the file has problems: which file, what, and that the rest applies."""
        if not self.problems:
            return None
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        kept = "the other keys apply" if self.keys else "the usual keys apply"
        return f"Keymap {shown_path(self.path)}: {self.problems[0]}{more}; {kept}"


def load_keymap(path: Path, known: Mapping[str, list[Binding]]) -> UserKeymap:
    """The keymap file at ``path`` checked against the ``known`` binding ids; a broken file is no keymap."""
    try:
        raw = read_keymap(path)
    except StoreError as exc:
        return UserKeymap(path, {}, [exc.reason])
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in raw.items():
        if binding_id not in known:
            near = difflib.get_close_matches(binding_id, list(known), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else " (briefing keys lists them)"
            problems.append(f"no binding has the id {binding_id!r}{hint}")
        elif bad := [key for key in value.split(",") if not _KEY_RE.match(key)]:
            problems.append(f"{binding_id}: {bad[0]!r} is not a key name (such as T, ctrl+f, f5, pageup)")
        else:
            keys[binding_id] = value
    return UserKeymap(path, keys, problems)
