"""A TinyDB Storage that never tears a file, and tables keyed by our own string ids.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write
leaves half a file.  ``AtomicJSONStorage`` writes through
``files.write_atomic`` (a temp file, then a replace, under the file's lock);
``transaction`` holds the lock around a whole read-modify-write.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from briefing.errors import CorruptFileError, StoreError
from briefing.store.files import dump_json, read_json, write_atomic
from briefing.store.locks import locked


class AtomicJSONStorage(Storage):
    """TinyDB storage: JSON, pretty-printed with sorted keys, written atomically under a lock.

    Extra keyword arguments go to ``json.dumps`` (TinyDB's convention).
    """

    def __init__(self, path: str | Path, create_dirs: bool = True, **json_kwargs: Any) -> None:
        super().__init__()
        self.path = Path(path)
        self.json_kwargs = json_kwargs
        if create_dirs:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(self.path.parent, f"cannot create folder: {exc.strerror or exc}") from None

    def read(self) -> dict[str, dict[str, Any]] | None:
        data = read_json(self.path)
        if data is None:
            return None
        if not isinstance(data, dict):
            raise CorruptFileError(self.path, f"expected a JSON object of tables, found {type(data).__name__}")
        for name, table in data.items():
            if not isinstance(table, dict) or not all(isinstance(doc, dict) for doc in table.values()):
                raise CorruptFileError(self.path, f"table {name!r} is not an object of documents")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomic(self.path, dump_json(data, **self.json_kwargs))

    def close(self) -> None:
        pass


class IdTable(Table):
    """A TinyDB table keyed by our own string ids (``note:01j…``), not integers.

    TinyDB's integer ids are counted per process and collide between
    processes; ours are made by the caller and never do.
    """

    # TinyDB's stubs type ids as int throughout, but its code only ever calls document_id_class on them.
    document_id_class = str  # type: ignore[assignment]  # str ids are the point of this table

    def insert(self, document: Mapping[str, Any]) -> int:
        _require_id(document)
        return super().insert(document)

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> list[int]:
        documents = list(documents)
        for document in documents:
            _require_id(document)
        return super().insert_multiple(documents)

    def get_by_id(self, doc_id: str) -> Document | None:
        """The document stored under ``doc_id``, if any: ``get(doc_id=...)`` for a str id."""
        found: Document | None = self.get(doc_id=doc_id)  # type: ignore[call-overload]  # stubs: ids are int
        return found

    def remove_ids(self, doc_ids: list[str]) -> None:
        """Remove these documents: ``remove(doc_ids=...)`` for str ids."""
        self.remove(doc_ids=doc_ids)  # type: ignore[arg-type]  # stubs: ids are int


def id_document(record: Mapping[str, Any], doc_id: str) -> Document:
    """A record to insert into an IdTable under ``doc_id``."""
    return Document(record, doc_id=doc_id)  # type: ignore[arg-type]  # stubs: ids are int


def _require_id(document: Mapping[str, Any]) -> None:
    """Refuse a document without an id, which TinyDB would number itself."""
    if not isinstance(document, Document):
        raise TypeError("insert Documents with an explicit id: this table has no automatic ids")


class IdTinyDB(TinyDB):
    table_class = IdTable


def open_db(path: Path, **json_kwargs: Any) -> IdTinyDB:
    """A TinyDB on ``path`` with atomic, locked writes and string ids."""
    return IdTinyDB(path, storage=AtomicJSONStorage, **json_kwargs)


@contextmanager
def transaction(path: Path) -> Iterator[IdTinyDB]:
    """A read-modify-write under the lock, on data re-read inside the lock."""
    with locked(path):
        db = open_db(path)
        try:
            yield db
        finally:
            db.close()
