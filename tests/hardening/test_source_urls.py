"""A source's address is none or an http(s) URL: exports make it a link, and a javascript: link runs when followed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.model.validation import validate_tables
from tests.factories import SOURCE, alpha_tables, write_tables
from tests.hardening.helpers import run, snapshot

REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "ftp://files.example/report.pdf",
    "//evil.example/path",
    "https:///no-host",
    "http://[::1",
    "www.example.com/report",
]
ACCEPTED = ["", "https://www.reuters.com/world/middle-east/", "http://example.com", "HTTPS://Example.com:8443/a?b#c"]


def _with_url(url: str) -> dict[str, object]:
    tables = alpha_tables()
    tables["sources"][SOURCE]["url"] = url
    return tables


@pytest.mark.parametrize("url", REFUSED)
def test_a_source_url_that_is_not_http_is_a_located_problem(url: str) -> None:
    (problem,) = validate_tables(_with_url(url), "alpha.json")
    assert (problem.entity, problem.field) == (SOURCE, "url")
    assert str(problem) == f"alpha.json: {SOURCE}: url: not an http(s) address: {url!r}"


@pytest.mark.parametrize("url", ACCEPTED)
def test_no_address_or_an_http_one_is_fine(url: str) -> None:
    assert validate_tables(_with_url(url), "alpha.json") == []


def test_validate_and_import_refuse_a_javascript_source_and_change_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "in" / "alpha.json"
    write_tables(bad, _with_url("javascript:alert(1)"))
    data = tmp_path / "data"
    said = f"{bad}: {SOURCE}: url: not an http(s) address: 'javascript:alert(1)'"

    validated = run(capsys, "validate", bad)
    assert validated.code == 1 and said in validated.out + validated.err

    before = snapshot(data)
    imported = run(capsys, "--library", tmp_path / "empty", "--data-dir", data, "import", bad)
    assert imported.code == 1 and said in imported.out + imported.err
    assert snapshot(data) == before


def test_an_interchange_document_with_a_javascript_source_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib, data = tmp_path / "lib", tmp_path / "data"
    write_tables(lib / "alpha.json", alpha_tables())
    exported = run(capsys, "--library", lib, "export", "--format", "json")
    document = json.loads(exported.out)
    (source,) = [s for s in document["sources"] if s["id"] == SOURCE]
    source["url"] = "data:text/html,<script>alert(1)</script>"
    given = tmp_path / "all.json"
    given.write_text(json.dumps(document), encoding="utf-8")

    imported = run(capsys, "--library", tmp_path / "empty", "--data-dir", data, "import", given)
    assert imported.code == 1
    assert f"{given}: {SOURCE}: url: not an http(s) address: 'data:text/html,<script>alert(1)</script>'" in (
        imported.out + imported.err
    )
    assert not (data / "library").exists() or not list((data / "library").iterdir())


@pytest.mark.parametrize("form", ["stix", "md"])
def test_a_library_file_with_a_javascript_source_never_reaches_an_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str
) -> None:
    lib = tmp_path / "lib"
    write_tables(lib / "alpha.json", _with_url("javascript:alert(1)"))
    exported = run(capsys, "--library", lib, "--data-dir", tmp_path / "data", "export", "--format", form)
    assert "javascript:" not in exported.out
    assert "url: not an http(s) address: 'javascript:alert(1)'" in exported.err
