"""Project-wide checks: lint clean, and the layers keep their direction."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([_tool("ruff"), "check", "--quiet", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing(tmp_path: Path) -> None:
    """``mypy --strict`` over briefing/ (its settings are in pyproject.toml)."""
    result = subprocess.run(
        [_tool("mypy"), "--cache-dir", str(tmp_path / "mypy-cache")], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_data_layers_never_import_the_ui() -> None:
    result = subprocess.run([_tool("lint-imports")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_itself_round_a_circle() -> None:
    """Every import counts, under ``TYPE_CHECKING`` and inside functions too: a circle is a knot for a reader."""
    graph = grimp.build_graph("briefing")
    circles = [sorted(group) for group in _strongly_connected(graph) if len(group) > 1]
    assert circles == []


def _strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's algorithm over the package's own modules, iteratively (no recursion limit to meet)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    modules = sorted(m for m in graph.modules if m.startswith("briefing"))

    def imports(module: str) -> list[str]:
        return sorted(m for m in graph.find_modules_directly_imported_by(module) if m.startswith("briefing"))

    for root in modules:
        if root in order:
            continue
        work = [(root, iter(imports(root)))]
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == order[module]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == module:
                            break
                    groups.append(group)
            elif child not in order:
                order[child] = low[child] = len(order)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(imports(child))))
            elif child in on_stack:
                low[module] = min(low[module], order[child])
    return groups
