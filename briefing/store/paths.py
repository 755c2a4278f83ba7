"""Where things live: library folders and the user's own data dir."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "briefing"
LIBRARY_ENV = "BRIEFING_LIBRARY"
HOME_ENV = "BRIEFING_HOME"
CONFIG_ENV = "BRIEFING_CONFIG"


def shipped_content() -> Path:
    """The briefings that ship with the project (the repository's content/)."""
    packaged = Path(__file__).resolve().parent.parent / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "content"


def resolved(path: Path) -> Path:
    """``path`` made absolute with its links followed, as far as they go: a symlink loop is no crash."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return path.absolute()


def library_dirs(
    extra: list[Path] | None = None, data: Path | None = None, *, include_shipped: bool = True
) -> list[Path]:
    """The library: shipped content, BRIEFING_LIBRARY, --library, then the user's imports."""
    dirs: list[Path] = [shipped_content()] if include_shipped else []
    env = os.environ.get(LIBRARY_ENV, "")
    dirs += [Path(part) for part in env.split(os.pathsep) if part]
    dirs += list(extra or [])
    if data is not None:
        dirs.append(user_library(data))
    seen: set[Path] = set()
    unique = []
    for folder in dirs:
        key = resolved(folder)
        if key not in seen:
            seen.add(key)
            unique.append(folder)
    return unique


def data_dir(override: Path | None = None) -> Path:
    """The reader's own data (notes, search cache, settings); never content."""
    if override is not None:
        return override
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir(data_override: Path | None = None) -> Path:
    """Where the reader's own configuration (the keymap) lives.

    BRIEFING_CONFIG if set; else, when the data dir was chosen (``--data-dir``,
    BRIEFING_HOME), that same folder, so one folder holds a whole setup;
    else the platform's config dir (``~/.config/briefing`` on Linux).
    """
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    if data_override is not None:
        return data_override
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def keymap_path(config: Path) -> Path:
    return config / "keys.toml"


def user_library(data: Path) -> Path:
    """Where ``briefing import`` puts briefings."""
    return data / "library"


def notes_path(data: Path) -> Path:
    return data / "notes.json"


def pins_path(data: Path) -> Path:
    return data / "pins.json"


def unread_path(data: Path) -> Path:
    return data / "unread.json"


def settings_path(data: Path) -> Path:
    return data / "settings.json"


def cache_dir(data: Path) -> Path:
    return data / "cache"


def import_journal_path(data: Path) -> Path:
    """What an import is about to do, written before it changes anything (see ``briefing.store.imports``)."""
    return data / "import-journal.json"


def import_staging_dir(data: Path) -> Path:
    """Where an import writes its briefing files before moving them into the user library."""
    return data / "import-staging"
