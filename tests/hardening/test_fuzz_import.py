"""Import under fuzzing: a broken file is refused with located problems, and nothing on disk changes.

The user's data dir already holds an imported briefing and a note; every
rejected import must leave it, and every library folder, byte for byte as
it was.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefing.errors import ValidationError
from briefing.export.interchange import documents_from_interchange, export_library
from briefing.library import Library
from briefing.model.records import document_from_tables
from briefing.workspace import Workspace
from tests.factories import alpha_tables, beta_tables, make_library_dir, write_tables
from tests.hardening.helpers import examples, run, snapshot, without_taken_out
from tests.hardening.strategies import json_values, mutate, mutated_tables
from tests.hardening.test_fuzz_validation import assert_readable

fuzz = settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


def interchange_document() -> dict[str, Any]:
    docs = [document_from_tables(alpha_tables(), "alpha"), document_from_tables(beta_tables(), "beta")]
    document = export_library(Library.from_documents(docs))
    document["notes"] = [
        {
            "id": "note:01hzx0000000000000000000aa",
            "target": "actor:ghaani",
            "text": "check [this] \x1b[31m",
            "tags": ["verify"],
            "flag": "verify",
            "created": "2024-05-01T12:00:00.000Z",
            "updated": "2024-05-01T12:00:00.000Z",
        }
    ]
    return document


@st.composite
def mutated_interchange(draw: Any) -> dict[str, Any]:
    document = copy.deepcopy(interchange_document())
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        mutate(document, draw)
    return document


@settings(parent=fuzz, max_examples=examples(150))
@given(mutated_interchange())
def test_a_mutated_interchange_document_gives_located_problems_or_briefings(document: dict[str, Any]) -> None:
    try:
        docs = documents_from_interchange(document, "in.json")
    except ValidationError as exc:
        assert_readable(exc.problems, "in.json")
    else:
        assert all(doc.briefing.id in {b.get("id") for b in document["briefings"]} for doc in docs)


@settings(parent=fuzz, max_examples=examples(60))
@given(json_values(max_leaves=20))
def test_any_json_value_claiming_the_format_is_problems_never_an_exception(value: Any) -> None:
    document = {"format": "briefing/1", "briefings": value} if not isinstance(value, dict) else value
    document.setdefault("format", "briefing/1")
    try:
        documents_from_interchange(document, "in.json")
    except ValidationError as exc:
        assert_readable(exc.problems, "in.json")


@pytest.fixture(scope="module")
def data_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding an imported briefing (beta) and a note on one of its actors."""
    root = tmp_path_factory.mktemp("template")
    data = root / "data"
    source = make_library_dir(root / "source", beta_tables())
    workspace = Workspace.from_options([], data, include_shipped=False)
    (data / "library").mkdir(parents=True)
    shutil.copy(source / "beta.json", data / "library" / "beta.json")
    workspace.notes.add("actor:ghaani", "an earlier note")
    assert (data / "notes.json").is_file()
    return data


def _fresh(template: Path, tmp: Path) -> tuple[Path, Path, Path]:
    root = Path(tmp)
    data = root / "data"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(template, data)
    return root, data, make_library_dir(root / "shared", gamma_tables())


def gamma_tables() -> dict[str, Any]:
    """A briefing of another library folder that shares an actor with alpha."""
    quds = {**alpha_tables()["actors"]["actor:quds-force"], "description": "Gamma's view."}
    return {"briefing": {"briefing:gamma": {"title": "Gamma"}}, "actors": {"actor:quds-force": quds}}


def _import(capsys: pytest.CaptureFixture[str], file: Path, root: Path, data: Path, lib: Path) -> None:
    before = snapshot(data, lib, file.parent)
    result = run(capsys, "--library", lib, "--data-dir", data, "import", file)
    assert "Traceback" not in result.err
    event("accepted" if result.code == 0 else "rejected")
    if result.code == 0:
        assert without_taken_out(result.err) == ""
        assert result.out.startswith(("imported", "updated", "nothing to import", "notes:"))
        reloaded = Workspace.from_options([lib], data, include_shipped=False).library
        assert not reloaded.problems, reloaded.problems
    else:
        assert result.code == 1
        assert len(result.err.splitlines()) == 1 and result.err.startswith("briefing: nothing imported")
        lines = result.out.splitlines()
        assert lines and all(line.startswith(f"{file}: ") for line in lines)
        assert snapshot(data, lib, file.parent) == before


@settings(parent=fuzz)
@given(tables=mutated_tables())
def test_a_rejected_briefing_file_changes_nothing_on_disk(
    capsys: pytest.CaptureFixture[str], data_template: Path, tmp_path_factory: pytest.TempPathFactory, tables: Any
) -> None:
    root, data, lib = _fresh(data_template, tmp_path_factory.getbasetemp() / "import-tables")
    file = root / "in" / "alpha.json"
    file.parent.mkdir()
    file.write_text(json.dumps(tables), encoding="utf-8")
    _import(capsys, file, root, data, lib)


@settings(parent=fuzz)
@given(document=mutated_interchange())
def test_a_rejected_interchange_document_changes_nothing_on_disk(
    capsys: pytest.CaptureFixture[str],
    data_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    document: dict[str, Any],
) -> None:
    root, data, lib = _fresh(data_template, tmp_path_factory.getbasetemp() / "import-interchange")
    file = root / "in" / "export.json"
    file.parent.mkdir()
    file.write_text(json.dumps(document), encoding="utf-8")
    _import(capsys, file, root, data, lib)


@pytest.mark.slow
@settings(parent=fuzz, max_examples=1_000)
@given(tables=mutated_tables(max_mutations=8))
def test_many_rejected_briefing_files_change_nothing_on_disk(
    capsys: pytest.CaptureFixture[str], data_template: Path, tmp_path_factory: pytest.TempPathFactory, tables: Any
) -> None:
    root, data, lib = _fresh(data_template, tmp_path_factory.getbasetemp() / "import-many")
    file = write_tables(root / "in" / "alpha.json", tables)
    _import(capsys, file, root, data, lib)
