"""The browser application: app-wide keys, loading the library, the theme, and the screens.

:func:`create_app` builds the app for the command line and for the tests
alike.  The first frame is the start screen, which needs nothing but
Textual; the library, the search index and the browser's own modules load
in thread workers after it, and the browser screen replaces the start
screen once the library is there.  What the reader does on that screen is
the screen's business (``screens/browser.py``).  Modules used only after
the first frame are imported where they are used, for the same reason.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from briefing.errors import BriefingError
from briefing.store import paths
from briefing.text import clean, one_line
from briefing.ui.app_settings import SettingsKeeping
from briefing.ui.commands import AppCommands, EntryCommands, PaletteSource
from briefing.ui.messages import OpenEntry
from briefing.ui.notices import added_notice, problems_notice
from briefing.ui.screens.start import StartScreen
from briefing.ui.worker_stop import WorkerCancelled

if TYPE_CHECKING:
    from briefing.library import Library
    from briefing.search.index import SearchIndex
    from briefing.search.results import SearchResults
    from briefing.ui.history import History
    from briefing.ui.jump_index import JumpIndex
    from briefing.ui.keymap import UserKeymap
    from briefing.ui.places import Place
    from briefing.ui.screens.browser import BrowserScreen
    from briefing.workspace import Workspace

SEARCH_LIMIT = 50
"""Results shown for a query in the browser."""


WATCH_GROUP = "library-watch"
"""The worker that watches the library folders: it runs as long as the app, so waiting for every worker
to finish (as a test does) means every other one."""


class LoadCancelled(Exception):
    """The app closed while the library was still loading."""


class BriefingApp(SettingsKeeping):
    TITLE = "briefing"
    CSS_PATH = "app.tcss"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {"start": StartScreen}
    """The start screen until the library is loaded, then the browser (a mode ``browse-N`` of its own, so that a
    reloaded library's browser replaces it whole)."""
    DEFAULT_MODE = "start"
    COMMANDS = {AppCommands, EntryCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit", tooltip="Quit briefing", id="quit"),
        # Not in the footer: the top line ends in "? help", and at 80 columns the footer has room for no more.
        Binding("question_mark", "help", "help", key_display="?", show=False, tooltip="This list of keys", id="help"),
        Binding(
            "ctrl+t", "change_theme", "theme", show=False, tooltip="Choose a colour theme (remembered)", id="theme"
        ),
    ]

    class LibraryLoaded(Message):
        def __init__(
            self, library: Library, index: JumpIndex, notes_problem: str | None, keymap: UserKeymap
        ) -> None:
            super().__init__()
            self.library = library
            self.index = index
            self.notes_problem = notes_problem
            """Why the notes could not be opened, if they could not."""
            self.keymap = keymap

    class SearchReady(Message):
        """The search index is built (or was found in the cache)."""

        def __init__(self, index: SearchIndex) -> None:
            super().__init__()
            self.index = index

    class LibraryChanged(Message):
        """A briefing file in a library folder was added, changed or removed (another terminal's import)."""

    class LibraryReloaded(Message):
        def __init__(self, library: Library, index: JumpIndex) -> None:
            super().__init__()
            self.library = library
            self.index = index

    class NotesReloaded(Message):
        """Another process wrote the notes; they are re-read and the search index is in step."""

    class LoadProgress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.library: Library | None = None
        self.jump_index: JumpIndex | None = None
        self.user_keys: dict[str, str] = {}
        """The keys the reader's keymap file rebinds, by binding id (applied once the library is in)."""
        self.keymap_file = workspace.keymap_path
        self.search_index: SearchIndex | None = None
        self._browser: BrowserScreen | None = None
        self._reload: BriefingApp.LibraryReloaded | None = None
        self._browsers = 0
        """A reloaded library waiting for the reader to close a dialog before it replaces the browser."""
        self.start_settings()

    @property
    def browser(self) -> BrowserScreen:
        """The browser screen; it exists once the library has loaded."""
        if self._browser is None:
            raise RuntimeError("the browser screen is shown once the library has loaded")
        return self._browser

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, ours and Textual's, through ``briefing.text``: a message names files
        and quotes errors, and a toast draws its words straight from the string."""
        super().notify(clean(message), title=one_line(title), severity=severity, timeout=timeout, markup=markup)

    def on_mount(self) -> None:
        self.watch_theme_setting()

    def on_ready(self) -> None:
        """The first frame is on screen: now load the library."""
        self.load_library()

    # -- the library ---------------------------------------------------------

    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise LoadCancelled
            self.post_message(self.LoadProgress(done, total))

        from briefing.library import Library
        from briefing.ui.jump_index import JumpIndex
        from briefing.ui.keymap import binding_homes, bindings_by_id, load_keymap
        from briefing.ui.screens import browser  # noqa: F401  imported here, off the event loop

        try:
            library = self.workspace.load_library(progress)
            index = JumpIndex.build(library)
        except LoadCancelled:
            return
        except BriefingError as exc:
            self.notify(str(exc), title="Cannot load the library", severity="error", markup=False)
            library, index = Library(), JumpIndex([])
        notes_problem = None
        try:
            self.workspace.notebook.open()
        except BriefingError as exc:
            notes_problem = f"Notes are unavailable: {exc}"
        keymap = load_keymap(self.workspace.keymap_path, bindings_by_id([type(self), *binding_homes()]))
        if not worker.is_cancelled:
            gc.freeze()  # the library, out of the collector's way: see _search_ready
            self.post_message(self.LibraryLoaded(library, index, notes_problem, keymap))

    @on(LoadProgress)
    def _load_progress(self, message: LoadProgress) -> None:
        for screen in self.screen_stack:  # under the help screen, if the reader opened it
            if isinstance(screen, StartScreen):
                screen.progress(message.done, message.total)

    @on(LibraryLoaded)
    def _library_loaded(self, message: LibraryLoaded) -> None:

        self.library = message.library
        self.jump_index = message.index
        self.user_keys = message.keymap.keys
        self.set_keymap(self.user_keys)
        if message.keymap.notice:
            self.notify(message.keymap.notice, severity="warning", timeout=15, markup=False)
        starts = [screen for screen in self.screen_stack if isinstance(screen, StartScreen)]
        search = starts[0].pending_search if starts else None
        self._browser = browser = self._new_browser(message.library, search=search)
        self._put_browser(browser)  # over the help or palette the reader may have opened meanwhile
        if message.library.problems:
            self._report_problems(message.library)
        if self.workspace.recovery:
            self.notify(self.workspace.recovery, title="Import", severity="warning", timeout=30, markup=False)
        self.build_search_index()
        self._start_notes(message.notes_problem)
        self.watch_library()

    # -- a library folder changed while the browser is open -----------------------

    @work(thread=True, exclusive=True, group=WATCH_GROUP)
    def watch_library(self) -> None:
        from briefing.library_watch import library_changes

        worker = get_current_worker()
        try:
            for _ in library_changes(self.workspace.library_dirs, WorkerCancelled(worker)):
                self.post_message(self.LibraryChanged())
        except (OSError, RuntimeError, ValueError) as exc:  # no file events (a full inotify table, …)
            self.notify(f"New briefings show after a restart: {exc}", severity="warning", markup=False)

    @on(LibraryChanged)
    def _library_changed(self) -> None:
        self.reload_library()

    @work(thread=True, exclusive=True, group="library")
    def reload_library(self) -> None:
        from briefing.ui.jump_index import JumpIndex

        try:
            library = self.workspace.load_library()
            index = JumpIndex.build(library)
        except BriefingError as exc:
            self.notify(str(exc), title="Cannot reload the library", severity="error", markup=False)
            return
        self._mark_arrivals(library)
        if not get_current_worker().is_cancelled:
            self.post_message(self.LibraryReloaded(library, index))

    def _mark_arrivals(self, library: Library) -> None:
        """In the reload's worker: what the new library has and the shown one had not is unread."""
        from briefing.news import arrivals
        from briefing.store.unread import change_unread

        before = self.library
        if before is None:
            return
        try:
            marks = paths.unread_path(self.workspace.data_dir)
            change_unread(marks, arrived=arrivals(before, library), briefings=library.briefings)
        except BriefingError as exc:
            self.notify(f"New entries are not marked unread: {exc}", severity="warning", markup=False)

    @on(LibraryReloaded)
    def _library_reloaded(self, message: LibraryReloaded) -> None:
        """The new library replaces the browser, at the same place, once no dialog is open over it."""

        old = self.browser
        if self.screen is not old:
            if self._reload is None:
                self.set_timer(0.5, self._retry_reload)
            self._reload = message
            return
        self._reload = None
        added = [b for b in message.library.briefings if b not in old.library.briefings]
        self.library, self.jump_index = message.library, message.index
        self._browser = browser = self._new_browser(message.library, history=old.history)
        self._put_browser(browser)
        gc.unfreeze()  # the old library may go now; the new one is frozen once its search index is ready
        self.notify(added_notice(message.library, added), markup=False)
        if message.library.problems:
            self._report_problems(message.library)
        self.build_search_index()

    def _new_browser(
        self, library: Library, *, search: str | None = None, history: History[Place] | None = None
    ) -> BrowserScreen:
        """The browser on ``library``, handed what it needs of the workspace and the settings."""
        from briefing.export_files import export_to_file
        from briefing.ui.screens.browser import BrowserScreen

        return BrowserScreen(
            library,
            self.workspace.notebook,
            recent_queries=self.settings.recent_queries,
            search=search,
            history=history,
            exporter=partial(export_to_file, self.workspace),
            saved=self.settings.saved_searches,
            pins_file=paths.pins_path(self.workspace.data_dir),
            unread_file=paths.unread_path(self.workspace.data_dir),
        )

    def _put_browser(self, browser: BrowserScreen) -> None:
        """Show ``browser`` in a mode of its own, and drop the mode (and the screens) it replaces."""
        replaced = self.current_mode
        self._browsers += 1
        mode = f"browse-{self._browsers}"
        self.add_mode(mode, lambda: browser)
        self.switch_mode(mode)
        self.remove_mode(replaced)

    def _retry_reload(self) -> None:
        reload, self._reload = self._reload, None
        if reload is not None:
            self._library_reloaded(reload)

    def _start_notes(self, problem: str | None) -> None:
        if problem is not None:
            self.notify(problem, severity="error", markup=False)
            return
        notebook = self.workspace.notebook
        with suppress(BriefingError):
            if notebook.problem:
                self.notify(f"Notes are read-only: {notebook.problem}", severity="error", timeout=30, markup=False)
        self.set_interval(1.0, self._watch_notes, name="watch notes")

    # -- search ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="search-index")
    def build_search_index(self) -> None:
        """Open the cached index, or build it, off the event loop; search waits for it."""
        from briefing.search.index import SearchCancelled

        worker = get_current_worker()
        try:
            index = self.workspace.search_index()
            index.ensure_built(cancelled=lambda: worker.is_cancelled)
        except SearchCancelled:
            return
        except BriefingError as exc:
            self.notify(f"Search is unavailable: {exc}", severity="error", markup=False)
            return
        if index.notice:
            self.notify(index.notice, severity="warning", timeout=10, markup=False)
        if not worker.is_cancelled:
            self.post_message(self.SearchReady(index))

    @on(SearchReady)
    def _search_ready(self, message: SearchReady) -> None:
        self.search_index = message.index
        self.workspace.notebook.attach_index(message.index)
        # The library and the search's lookups live as long as the app: out of the collector's way (frozen), a
        # full collection walks only what came after them.  Walking a 100,000-entry library's objects held every
        # thread, the event loop's too, for 0.2 s each time a worker's allocations set one off.
        gc.freeze()
        self.browser.search_ready(self.search, message.index.count)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, and those of the screen the palette was opened on (the browser's views)."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, PaletteSource):
            yield from screen.palette_commands()

    def search(self, query: str) -> SearchResults | None:
        """Run a query typed in the browser (partial: the last word counts as a prefix)."""
        index = self.search_index
        return None if index is None else index.search(query, limit=SEARCH_LIMIT, partial=True)

    def _report_problems(self, library: Library) -> None:
        title, lines = problems_notice(library)
        self.notify(lines, title=title, severity="warning", timeout=30, markup=False)

    # -- the reader's notes, written by another process ----------------------

    def _watch_notes(self) -> None:
        """Notes written by another process (a second browser, ``briefing annotate``) appear within a second."""
        with suppress(BriefingError):
            if self.workspace.notebook.changed_elsewhere():
                self._reload_notes()

    @work(thread=True, exclusive=True, group="notes-reload")
    def _reload_notes(self) -> None:
        with suppress(BriefingError):
            self.workspace.notebook.reload()
            self.post_message(self.NotesReloaded())

    @on(NotesReloaded)
    def _notes_reloaded(self) -> None:
        self.browser.notes_changed(None)

    # -- app-wide messages and keys --------------------------------------------

    @on(OpenEntry)
    def _open_entry(self, message: OpenEntry) -> None:
        """From the palette or a dialog: open the entry in the browser."""
        if self._browser is None:
            return
        if self.screen is not self.browser:
            self.pop_screen()
        self.browser.open(message.entity_id)

    def action_help(self) -> None:
        from briefing.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())



def create_app(workspace: Workspace) -> BriefingApp:
    """The browser on ``workspace``: what ``briefing`` runs, and what the tests drive."""
    return BriefingApp(workspace)
