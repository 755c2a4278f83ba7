"""The reader's settings (the browser's theme, ...) in the user data dir.

One small JSON object, written atomically under the file lock.  Keys this
version does not know are kept when writing, so an older and a newer
``briefing`` can share a data dir.  A file that cannot be read raises
:class:`CorruptFileError`; the browser then starts with the defaults and says
so, and the next change of a setting replaces the broken file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from briefing.errors import CorruptFileError
from briefing.model.saved_searches import SavedSearch, SearchNameError, checked_name, same_name
from briefing.store.files import dump_json, read_json, write_atomic
from briefing.store.locks import locked


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str | None = None
    """The name of a Textual theme; None means the default."""
    recent_queries: tuple[str, ...] = ()
    """Searches typed in the browser, newest last (the up arrow recalls them)."""
    saved_searches: tuple[SavedSearch, ...] = ()
    """Searches the reader named, in the order they were first saved."""


RECENT_QUERIES_KEPT = 50


def _raw(path: Path) -> dict[str, Any]:
    data = read_json(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorruptFileError(path, f"expected a JSON object of settings, found {type(data).__name__}")
    return data


def load_settings(path: Path) -> Settings:
    """The settings stored at ``path``; the defaults when there is no file.

    A value of the wrong type is ignored (its default is used): a hand-edited
    typo should not cost the reader every other setting.
    """
    data = _raw(path)
    theme = data.get("theme")
    queries = data.get("recent_queries")
    recent = tuple(q for q in queries if isinstance(q, str) and q) if isinstance(queries, list) else ()
    return Settings(
        theme=theme if isinstance(theme, str) and theme else None,
        recent_queries=recent[-RECENT_QUERIES_KEPT:],
        saved_searches=_saved(data.get("saved_searches")),
    )


def _saved(value: object) -> tuple[SavedSearch, ...]:
    """The saved searches as stored; one edited into something else by hand is left out, the others kept."""
    if not isinstance(value, list):
        return ()
    found: list[SavedSearch] = []
    for item in value:
        if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("query"), str):
            try:
                name = checked_name(item["name"])
            except SearchNameError:
                continue
            if not any(same_name(name, s.name) for s in found):
                found.append(SavedSearch(name, item["query"]))
    return tuple(found)


def save_settings(path: Path, settings: Settings) -> None:
    """Write ``settings`` over what is stored, keeping keys this version does not know."""
    with locked(path):
        try:
            data = _raw(path)
        except CorruptFileError:
            data = {}
        data.update(
            {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(settings).items()}
        )  # asdict makes each saved search a {"name", "query"} object
        write_atomic(path, dump_json(data))


def update_settings(path: Path, **changes: Any) -> Settings:
    """Change some settings on disk and return the result (read and written under one lock)."""
    with locked(path):
        try:
            current = load_settings(path)
        except CorruptFileError:
            current = Settings()
        updated = replace(current, **changes)
        save_settings(path, updated)
    return updated


def save_search(path: Path, search: SavedSearch) -> Settings:
    """Keep ``search`` (a search of the same name, whatever its case, takes the new query), read and written under
    one lock: a second browser's saved searches are kept."""
    with locked(path):
        current = _current(path)
        kept = [s for s in current.saved_searches if not same_name(s.name, search.name)]
        at = next((i for i, s in enumerate(current.saved_searches) if same_name(s.name, search.name)), len(kept))
        kept.insert(at, search)
        updated = replace(current, saved_searches=tuple(kept))
        save_settings(path, updated)
    return updated


def forget_search(path: Path, name: str) -> Settings:
    """Drop the saved search called ``name`` (whatever its case); nothing changes if there is none."""
    with locked(path):
        current = _current(path)
        updated = replace(
            current, saved_searches=tuple(s for s in current.saved_searches if not same_name(s.name, name))
        )
        save_settings(path, updated)
    return updated


def rename_search(path: Path, name: str, new_name: str) -> Settings:
    """Give the saved search called ``name`` the name ``new_name`` (whatever their case), in its place.

    Another search already called ``new_name`` raises :class:`SearchNameError` (forget it first), as
    does a ``name`` no saved search has: nothing is written then.
    """
    with locked(path):
        current = _current(path)
        searches = current.saved_searches
        if not any(same_name(s.name, name) for s in searches):
            raise SearchNameError(f"no saved search is called {name!r}")
        if not same_name(name, new_name) and any(same_name(s.name, new_name) for s in searches):
            raise SearchNameError(f"a saved search is called {new_name!r} already (forget it first)")
        renamed = tuple(SavedSearch(new_name, s.query) if same_name(s.name, name) else s for s in searches)
        updated = replace(current, saved_searches=renamed)
        save_settings(path, updated)
    return updated


def _current(path: Path) -> Settings:
    try:
        return load_settings(path)
    except CorruptFileError:
        return Settings()


def remember_query(path: Path, query: str) -> Settings:
    """Add a search to the recent ones (moved to the end if already there)."""
    with locked(path):
        try:
            current = load_settings(path)
        except CorruptFileError:
            current = Settings()
        queries = (*(q for q in current.recent_queries if q != query), query)
        updated = replace(current, recent_queries=queries[-RECENT_QUERIES_KEPT:])
        save_settings(path, updated)
    return updated
