"""The app's part in the reader's settings: read once at the start, written in thread workers.

A base of :class:`~briefing.ui.app.BriefingApp`.  What is written: each
query the reader runs (the search history), the saved searches (kept,
renamed, forgotten, from the browser's messages) and the theme.  Each write
reads the file again under its lock (``store/settings.py``), so a second
browser's settings are kept, and posts ``SettingsSaved`` with the settings as
they now are; the browser is handed a changed list of saved searches.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.message import Message
from textual.theme import Theme

from briefing.errors import BriefingError
from briefing.store import paths
from briefing.store.settings import (
    Settings,
    forget_search,
    load_settings,
    remember_query,
    rename_search,
    save_search,
    update_settings,
)
from briefing.text import one_line
from briefing.ui.messages import ForgetSearch, KeepSearch, RenameSearch

if TYPE_CHECKING:
    from briefing.ui.screens.browser import BrowserScreen
    from briefing.ui.widgets.search_view import SearchView
    from briefing.workspace import Workspace


class SettingsKeeping(App[int]):
    workspace: Workspace
    _browser: BrowserScreen | None
    settings: Settings

    class SettingsSaved(Message):
        def __init__(self, settings: Settings) -> None:
            super().__init__()
            self.settings = settings

    def start_settings(self) -> None:
        """Read the settings (the defaults if they cannot be read, said once the app is up) and apply the theme."""
        self._settings_problem: str | None = None
        self.settings = self._read_settings()
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def watch_theme_setting(self) -> None:
        """Say why the settings were not read, if so, and remember the theme the reader picks from now on."""
        if self._settings_problem:
            self.notify(self._settings_problem, severity="warning", timeout=10, markup=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    @property
    def settings_path(self) -> Path:
        return paths.settings_path(self.workspace.data_dir)

    def _read_settings(self) -> Settings:
        try:
            return load_settings(self.settings_path)
        except BriefingError as exc:
            self._settings_problem = f"Settings ignored, using the defaults: {exc}"
            return Settings()

    def on_search_view_searched(self, message: SearchView.Searched) -> None:
        """A query the reader ran in the browser: into the search history of the settings."""
        self.remember_query(message.query)

    @work(thread=True, group="settings")
    def remember_query(self, query: str) -> None:
        # Losing one entry of the search history is not worth interrupting the reader.
        with suppress(BriefingError):
            self.post_message(self.SettingsSaved(remember_query(self.settings_path, query)))

    @on(SettingsSaved)
    def _settings_saved(self, message: SettingsSaved) -> None:
        saved_before = self.settings.saved_searches
        self.settings = message.settings
        if message.settings.saved_searches != saved_before and self._browser is not None:
            self._browser.show_saved(message.settings.saved_searches)

    @on(KeepSearch)
    def _keep_search(self, message: KeepSearch) -> None:
        search = message.search
        self.change_saved(partial(save_search, self.settings_path, search), f"Saved search: {one_line(search.name)}")

    @on(RenameSearch)
    def _rename_search(self, message: RenameSearch) -> None:
        said = f"Saved search renamed: {one_line(message.new_name)}"
        self.change_saved(partial(rename_search, self.settings_path, message.name, message.new_name), said)

    @on(ForgetSearch)
    def _forget_search(self, message: ForgetSearch) -> None:
        self.change_saved(partial(forget_search, self.settings_path, message.name), None)

    @work(thread=True, group="settings")
    def change_saved(self, change: Callable[[], Settings], said: str | None) -> None:
        """Write the saved searches (under the settings' lock, so a second browser's are kept), then say so."""
        try:
            self.post_message(self.SettingsSaved(change()))
        except BriefingError as exc:
            self.notify(f"Saved searches unchanged: {exc}", severity="error", markup=False)
            return
        if said:
            self.notify(said, markup=False)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self._save_theme(theme.name)

    @work(thread=True, exclusive=True, group="settings")
    def _save_theme(self, name: str) -> None:
        try:
            self.post_message(self.SettingsSaved(update_settings(self.settings_path, theme=name)))
        except BriefingError as exc:
            self.notify(f"Theme not saved: {exc}", severity="warning", markup=False)
