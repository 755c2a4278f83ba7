"""The index as a cache file: reused while content is unchanged, rebuilt when it is not or is damaged."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from briefing.library import Library
from briefing.search.cache import cache_path
from briefing.search.index import SearchCancelled, SearchIndex
from briefing.workspace import Workspace
from tests.factories import alpha_tables, make_library_dir, write_tables
from tests.search.conftest import NOTES, gamma_tables, note


def test_a_second_start_with_unchanged_content_reuses_the_cache(library: Library, cache: Path) -> None:
    first = SearchIndex.open(cache, library, NOTES)
    assert first.rebuild_reason == "missing"
    assert first.ensure_built() is True and first.builds == 1
    first.close()
    stamp = cache.stat().st_mtime_ns

    second = SearchIndex.open(cache, Library.load(library.folders), NOTES)
    assert second.rebuild_reason is None and second.is_ready
    assert second.ensure_built() is False and second.builds == 0
    assert second.search("Khazali").ids[0] == "actor:qais-khazali"
    assert cache.stat().st_mtime_ns == stamp


def test_editing_a_briefing_file_rebuilds_the_index(library: Library, cache: Path, lib_dir: Path) -> None:
    SearchIndex.open(cache, library).ensure_built()
    tables = alpha_tables()
    tables["events"]["event:convoy-ied"]["title"] = "Roadside bomb near Hillah"
    write_tables(lib_dir / "alpha.json", tables)

    changed = Library.load([lib_dir])
    assert changed.fingerprint != library.fingerprint
    index = SearchIndex.open(cache, changed)
    assert index.rebuild_reason == "stale"
    assert index.ensure_built() is True
    assert index.search("hillah").ids == ["event:convoy-ied"]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_bytes(b"\x00garbage" * 500), id="garbage bytes"),
        pytest.param(lambda path: path.write_bytes(b""), id="empty file"),
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[:3000]), id="cut short"),
    ],
)
def test_a_damaged_cache_is_rebuilt_silently(library: Library, cache: Path, damage) -> None:  # type: ignore[no-untyped-def]
    SearchIndex.open(cache, library).ensure_built()
    damage(cache)
    index = SearchIndex.open(cache, library)
    assert index.rebuild_reason in ("corrupt", "schema")
    assert index.search("Khazali").ids[0] == "actor:qais-khazali"
    assert index.builds == 1


def test_a_cache_of_another_schema_is_rebuilt(library: Library, cache: Path) -> None:
    SearchIndex.open(cache, library).ensure_built()
    with sqlite3.connect(cache) as conn:
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'schema'")
    index = SearchIndex.open(cache, library)
    assert index.rebuild_reason == "schema"
    index.ensure_built()
    assert index.builds == 1 and index.search("qaani").hits


def test_a_cache_damaged_while_open_is_rebuilt_on_the_next_search(library: Library, cache: Path) -> None:
    index = SearchIndex.open(cache, library)
    index.ensure_built()
    assert index._conn is not None
    index._conn.execute("DROP TABLE entries")
    assert index.search("Khazali").ids[0] == "actor:qais-khazali"
    assert index.builds == 2


def test_notes_are_kept_in_the_cache(library: Library, cache: Path) -> None:
    SearchIndex.open(cache, library, NOTES).ensure_built()
    again = SearchIndex.open(cache, library, NOTES)
    assert again.builds == 0
    assert again.search("kind:note").ids == [n.id for n in NOTES]
    fewer = SearchIndex.open(cache, library, NOTES[:1])
    assert fewer.search("kind:note").ids == [NOTES[0].id]


def test_building_reports_progress_and_can_be_cancelled(library: Library, cache: Path) -> None:
    seen: list[tuple[int, int]] = []
    index = SearchIndex.open(cache, library)
    with pytest.raises(SearchCancelled):
        index.ensure_built(progress=lambda done, total: seen.append((done, total)), cancelled=lambda: True)
    assert not index.is_ready and not cache.exists()
    assert not list(cache.parent.glob("*.tmp"))

    assert index.ensure_built(progress=lambda done, total: seen.append((done, total))) is True
    assert seen and seen[-1][0] == seen[-1][1] == len(library)


def test_a_build_in_a_worker_thread_serves_searches_from_other_threads(library: Library, cache: Path) -> None:
    index = SearchIndex.open(cache, library, NOTES)
    worker = threading.Thread(target=index.ensure_built)
    worker.start()
    worker.join()
    queries = ["Khazali", "convoy", "kind:event from:2020-09", "actor:ghaani", "qaani OR quds"] * 8
    expected = {q: index.search(q).ids for q in queries}
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(lambda q: (q, index.search(q).ids), queries))
    assert all(ids == expected[q] for q, ids in found)


def test_a_library_made_in_memory_is_indexed_in_memory(library: Library) -> None:
    documents = [library.document(b) for b in library.briefings]
    in_memory = Library.from_documents(documents)
    index = SearchIndex.open(Path("/nonexistent/never-written.sqlite"), in_memory)
    assert index.rebuild_reason == "in memory"
    assert index.search("Khazali").ids[0] == "actor:qais-khazali"


def test_the_workspace_hands_out_one_index_cached_in_the_data_dir(small_workspace: Workspace) -> None:
    index = small_workspace.search_index()
    assert index is small_workspace.search_index()
    index.ensure_built()
    expected = cache_path(small_workspace.data_dir, small_workspace.library_dirs)
    assert index.path == expected and expected.exists()
    assert expected.parent == small_workspace.data_dir / "cache"
    assert index.search("qaani").ids[0] == "actor:ghaani"


def test_a_data_dir_that_cannot_be_written_costs_the_cache_not_the_search(library: Library, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    index = SearchIndex.open(blocker / "cache" / "search.sqlite", library)
    assert index.search("Khazali").ids[0] == "actor:qais-khazali"
    assert index.rebuild_reason is not None and index.rebuild_reason.startswith("cache not writable")


def test_the_cache_answers_whether_it_holds_an_entry_only_while_it_is_current(
    library: Library, cache: Path, lib_dir: Path
) -> None:
    from briefing.library_files import fingerprint_of
    from briefing.search.cache import cache_holds

    fingerprint = fingerprint_of([lib_dir])
    assert fingerprint == library.fingerprint
    assert not cache_holds(cache, fingerprint, "actor:qais-khazali"), "no cache yet"
    SearchIndex.open(cache, library, NOTES).ensure_built()
    assert cache_holds(cache, fingerprint, "actor:qais-khazali")
    assert not cache_holds(cache, fingerprint, "actor:nobody")
    with sqlite3.connect(cache) as conn:
        assert conn.execute("SELECT kind FROM entries WHERE id = ?", (NOTES[0].id,)).fetchone() == ("note",)
    assert not cache_holds(cache, fingerprint, NOTES[0].id), "a note is indexed, but is not an entry"
    assert not cache_holds(cache, "0" * 16, "actor:qais-khazali"), "another library's fingerprint: stale"
    cache.write_bytes(b"not a database at all" * 100)
    assert not cache_holds(cache, fingerprint, "actor:qais-khazali")


# -- a cache replaced by another process, a cache path that is no file -------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def run_briefing(data: Path, lib: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``briefing`` run as another process would run it, in another terminal."""
    command = [sys.executable, "-m", "briefing", "--no-shipped", "--library", str(lib), "--data-dir", str(data)]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT, timeout=60)


def make_no_file(path: Path, kind: str) -> None:
    """A folder or a FIFO where the cache file should be."""
    path.parent.mkdir(parents=True)
    if kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)


def another_process_imports_and_searches(tmp_path: Path, data: Path, lib: Path) -> None:
    gamma = write_tables(tmp_path / "in" / "gamma.json", gamma_tables())
    for args in (["import", str(gamma)], ["search", "khazali"]):
        result = run_briefing(data, lib, *args)
        assert result.returncode == 0, result.stderr


def test_a_note_saved_after_another_process_rebuilt_the_cache_is_found(tmp_path: Path) -> None:
    lib, data = make_library_dir(tmp_path / "lib"), tmp_path / "data"
    workspace = Workspace.from_options([lib], data, include_shipped=False)
    index = workspace.search_index()
    index.ensure_built()
    opened = cache_path(data, workspace.library_dirs).stat().st_ino

    another_process_imports_and_searches(tmp_path, data, lib)
    assert cache_path(data, workspace.library_dirs).stat().st_ino != opened, "the other process replaced the file"

    index.update_note(note("note:01hzz0000000000000000000cc", "actor:ghaani", "zebrafish remark"))
    assert index.search("zebrafish").ids == ["note:01hzz0000000000000000000cc"]
    assert index.search("qaani").ids[0] == "actor:ghaani", "the library this process shows is still searched"
    index.remove_note("note:01hzz0000000000000000000cc")
    assert not index.search("zebrafish").hits
    index.index_notes(NOTES)
    assert index.search("kind:note").ids == [n.id for n in NOTES]
    assert run_briefing(data, lib, "search", "khazali").returncode == 0


def test_a_cache_rebuilt_by_another_process_of_the_same_library_is_taken_over(library: Library, cache: Path) -> None:
    index = SearchIndex.open(cache, library, NOTES)
    index.ensure_built()
    SearchIndex.open(cache, Library.load(library.folders)).rebuild()

    index.update_note(note("note:01hzz0000000000000000000cc", "actor:ghaani", "zebrafish remark"))
    assert index.search("zebrafish").ids == ["note:01hzz0000000000000000000cc"]
    assert index.rebuild_reason is None, "the new file is current for this library: it is used"
    with sqlite3.connect(cache) as conn:
        assert conn.execute("SELECT count(*) FROM entries WHERE kind = 'note'").fetchone() == (3,)


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_cache_path_that_is_no_file_is_searched_without_in_one_line(tmp_path: Path, kind: str) -> None:
    lib, data = make_library_dir(tmp_path / "lib"), tmp_path / "data"
    path = cache_path(data, Workspace.from_options([lib], data, include_shipped=False).library_dirs)
    make_no_file(path, kind)

    result = run_briefing(data, lib, "search", "qaani")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("actor:ghaani")
    assert result.stderr.splitlines() == [
        f"briefing: search cache {path}: {'a folder' if kind == 'folder' else 'a FIFO (named pipe)'}, not a file; "
        "searching without it (the index is built in memory)"
    ]
    assert path.is_dir() if kind == "folder" else stat.S_ISFIFO(path.stat().st_mode), "left as it was"
