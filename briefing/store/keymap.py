"""The reader's keymap file: TOML, a ``[keys]`` table of binding ids and the keys for each.

::

    [keys]
    timeline = "T"                 # one key
    search = "slash,ctrl+f"        # several, comma-separated
    next_hit = ["n", "ctrl+n"]     # or a list

Only reading is here: whether an id names a binding is the browser's to
say (``briefing.ui.keymap``).  A file that cannot be used raises
:class:`CorruptFileError` saying where (the TOML error's line); it is
never written, so the reader's file stays as they left it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from briefing.errors import CorruptFileError, StoreError

MAX_BYTES = 1_000_000


def read_keymap(path: Path) -> dict[str, str]:
    """The keys of each binding id in ``path``, each as Textual's comma-separated keys; {} with no file."""
    try:
        if not path.exists():
            return {}
        if not path.is_file():
            raise StoreError(path, "is not a regular file")
        data = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise StoreError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise CorruptFileError(path, f"is over {MAX_BYTES:,} bytes: not a keymap")
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CorruptFileError(path, f"is not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise CorruptFileError(path, f"is not valid TOML: {exc}") from None
    return _keys(path, parsed)


def _keys(path: Path, parsed: dict[str, object]) -> dict[str, str]:
    others = [name for name in parsed if name != "keys"]
    if others:
        raise CorruptFileError(path, f"has {others[0]!r} outside the [keys] table, the only one a keymap has")
    table = parsed.get("keys", {})
    if not isinstance(table, dict):
        raise CorruptFileError(path, 'keys must be a table: [keys], then one id = "key" per line')
    keys: dict[str, str] = {}
    for binding_id, value in table.items():
        if isinstance(value, list) and value and all(isinstance(key, str) for key in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            raise CorruptFileError(path, f'[keys] {binding_id}: expected a key such as "T" or a list of them')
        keys[binding_id] = ",".join(part.strip() for part in value.split(","))
    return keys
