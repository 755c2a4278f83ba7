"""Where the commands and the browser get their data: one object, built once.

A Workspace knows the library folders and the user's data dir, loads the
library, and hands out the notebook (the reader's notes) and the search index.  The command
line and the browser (and the tests) build it the same way, with
``Workspace.from_options``.  The data layers are imported on first use:
building a Workspace is part of the browser's start, before its first frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import StoreError
from briefing.store import paths

if TYPE_CHECKING:
    from briefing.library import Library, Progress
    from briefing.notebook import Notebook
    from briefing.search.index import SearchIndex
    from briefing.store.notes import NotesStore


@dataclass
class Workspace:
    library_dirs: list[Path]
    data_dir: Path
    _library: Library | None = field(default=None, repr=False)
    _notes: NotesStore | None = field(default=None, repr=False)
    _notebook: Notebook | None = field(default=None, repr=False)
    _search: SearchIndex | None = field(default=None, repr=False)
    recovery: str | None = None
    """What finishing (or discarding) an import interrupted earlier did, or why it could not; see ``settle_imports``."""
    _imports_settled: bool = field(default=False, repr=False)
    config_dir: Path | None = None
    """Where the keymap is (``paths.config_dir``); None: the data dir."""

    @classmethod
    def from_options(
        cls,
        library: list[Path] | None = None,
        data_dir: Path | None = None,
        *,
        include_shipped: bool = True,
    ) -> Workspace:
        data = paths.data_dir(data_dir)
        dirs = paths.library_dirs(library, data, include_shipped=include_shipped)
        return cls(dirs, data, config_dir=paths.config_dir(data_dir))

    @property
    def keymap_path(self) -> Path:
        return paths.keymap_path(self.config_dir or self.data_dir)

    @property
    def user_library(self) -> Path:
        return paths.user_library(self.data_dir)

    def settle_imports(self) -> None:
        """Finish an import a kill interrupted, before anything reads the library or the notes (once)."""
        if self._imports_settled:
            return
        self._imports_settled = True
        from briefing.store.imports import pending, recover
        from briefing.store.unread import sweep_unread

        sweep_unread(paths.unread_path(self.data_dir))  # the import marks its entries unread after its commit

        if pending(self.data_dir):
            from briefing.errors import BriefingError

            try:
                self.recovery = recover(self.data_dir, self.notes)
            except BriefingError as exc:
                self.recovery = f"an interrupted import could not be finished: {exc}"

    def load_library(self, progress: Progress | None = None) -> Library:
        from briefing.library import Library

        self.settle_imports()
        self._library = Library.load(self.library_dirs, progress)
        return self._library

    @property
    def loaded_library(self) -> Library | None:
        """The library if some command has loaded it, without loading it."""
        return self._library

    @property
    def library(self) -> Library:
        if self._library is None:
            return self.load_library()
        return self._library

    def unreadable_folders(self) -> list[StoreError]:
        """The library folders that cannot be listed (a symlink loop, a file, no permission), left out of the library.

        Listing a folder is cheap, and a command may answer without loading the
        library (``annotate`` from the search cache), so this looks for itself.
        """
        from briefing.store.briefings import briefing_files

        unreadable = []
        for folder in self.library_dirs:
            try:
                briefing_files(folder)
            except StoreError as exc:
                unreadable.append(exc)
        return unreadable

    def has_entry(self, entity_id: str) -> bool:
        """Whether the library has this entry, read from a current search cache when one is there.

        ``briefing annotate`` asks this: on a large library, loading it to find
        one id took most of the command's time (2 s at 100,000 entries); the
        cache, keyed to the files' sizes and times, answers in milliseconds.
        """
        if self._library is None:
            from briefing.library_files import fingerprint_of
            from briefing.search.cache import cache_holds, cache_path

            if cache_holds(cache_path(self.data_dir, self.library_dirs), fingerprint_of(self.library_dirs), entity_id):
                return True
        return entity_id in self.library

    # -- full-text search (see briefing.search.index) ----------------------------

    def search_index(self) -> SearchIndex:
        """The search index of this library and the reader's notes, opened from its cache (built on first use).

        Call ``ensure_built()`` on it (in a worker) before searching to build a missing or stale cache.
        """
        from briefing.search.cache import cache_path
        from briefing.search.index import SearchIndex

        library = self.library
        if self._search is None or self._search.library is not library:
            if self._search is not None:
                self._search.close()
            path = cache_path(self.data_dir, self.library_dirs)
            self._search = SearchIndex.open(path, library, notes=self.notes.all())
        return self._search

    # -- the reader's notes (see briefing.store.notes) --------------------------

    @property
    def notes(self) -> NotesStore:
        """The notes store, opened read-only (with ``problem`` set) if the notes file is corrupt."""
        if self._notes is None:
            from briefing.store.notes import NotesStore

            self._notes = NotesStore.open(paths.notes_path(self.data_dir))
            self.settle_imports()
        return self._notes

    @property
    def notebook(self) -> Notebook:
        """The notes as the browser and the commands write them: the store, the search index kept in step, undo."""
        if self._notebook is None:
            from briefing.notebook import Notebook

            self._notebook = Notebook(lambda: self.notes)
        return self._notebook
