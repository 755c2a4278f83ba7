"""No module outside the compat modules uses a private name of Textual or TinyDB.

The frameworks change their private names without notice; ``briefing/ui/textual_compat.py``
and ``briefing/store/tinydb_compat.py`` hold every use of them, each with its
own test of the name it relies on.  Anywhere else in ``briefing/`` or
``tests/`` a private name (one leading underscore) of theirs is a finding:

- an import of a private module or name (``textual._context``, ``from tinydb.table import _x``);
- ``thing._name`` (or ``getattr(thing, "_name")``) on anything but ``self``, ``cls`` or ``super()``,
  where the frameworks define ``_name`` (our own private helpers, such as ``library._index``, are not theirs);
- in a class of ours whose bases (or, for a mixin, whose subclasses' bases) include a framework class,
  ``self._name``, ``cls._name`` or ``super()._name`` or a method or class attribute named ``_name``,
  where one of those framework classes defines ``_name``: that reads, sets or overrides their internals.
  Handlers named ``_on_<event>`` are Textual's documented convention (it runs each class's own
  handler in turn, replacing none), so they are not findings.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
import types
from collections.abc import Iterator
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ("textual", "tinydb")
COMPAT_MODULES = frozenset({"briefing/ui/textual_compat.py", "briefing/store/tinydb_compat.py"})
COMPAT_TESTS = frozenset({"test_textual_compat.py", "test_tinydb_compat.py"})
"""The compat modules' own tests, wherever they are under tests/: they name the internals they guard."""


class Finding(NamedTuple):
    path: str
    line: int
    name: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _framework(module: str) -> bool:
    return module.partition(".")[0] in FRAMEWORKS


def _defined(tree: ast.AST) -> set[str]:
    """The private names a piece of source defines: functions, classes, assigned names, ``self._x = …``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and _is_self(node.value):
            names.add(node.attr)
    return {name for name in names if _private(name)}


@cache
def framework_names() -> frozenset[str]:
    """Every private name defined anywhere in the installed frameworks."""
    names: set[str] = set()
    for package in FRAMEWORKS:
        root = Path(inspect.getfile(importlib.import_module(package))).parent
        for file in root.rglob("*.py"):
            names |= _defined(ast.parse(file.read_text(encoding="utf-8")))
    return frozenset(names)


@cache
def _class_names(klass: type) -> frozenset[str]:
    """The private names a framework class defines: its attributes, and what its methods set on ``self``."""
    names = {name for name in vars(klass) if _private(name)}
    # A class without source (a C type, one made at run time) has only its attributes.
    with suppress(OSError, TypeError):
        names |= _defined(ast.parse(textwrap.dedent(inspect.getsource(klass))))
    return frozenset(names)


def _subclasses(klass: type) -> Iterator[type]:
    for sub in klass.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _framework_names_of(klass: type) -> frozenset[str]:
    """What the framework classes that ``klass``'s instances are (itself, or any subclass of it) define."""
    names: set[str] = set()
    for kind in {klass, *_subclasses(klass)}:
        for base in kind.__mro__:
            if _framework(base.__module__):
                names |= _class_names(base)
    return frozenset(names)


def _is_self(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in ("self", "cls")
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"


def _our_module(node: ast.AST, namespace: dict[str, Any]) -> bool:
    """Whether ``node`` names a module (``os``, ``output``) that is not a framework's."""
    if not isinstance(node, ast.Name):
        return False
    value = namespace.get(node.id)
    return isinstance(value, types.ModuleType) and not _framework(value.__name__)


def _imports(path: str, tree: ast.Module) -> Iterator[Finding]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _framework(alias.name) and any(_private(part) for part in alias.name.split(".")):
                    yield Finding(path, node.lineno, alias.name, f"imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and _framework(node.module):
            private_module = any(_private(part) for part in node.module.split("."))
            for alias in node.names:
                if private_module or _private(alias.name):
                    yield Finding(path, node.lineno, alias.name, f"imports {alias.name} from {node.module}")


def _accesses(path: str, tree: ast.Module, namespace: dict[str, Any]) -> Iterator[Finding]:
    """``thing._name`` and ``getattr(thing, "_name")`` on anything but self, cls and super()."""
    theirs = framework_names()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr in theirs:
            if not _is_self(node.value) and not _our_module(node.value, namespace):
                yield Finding(path, node.lineno, node.attr, f"uses {ast.unparse(node)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) >= 2
            and isinstance(name := node.args[1], ast.Constant)
            and isinstance(name.value, str)
            and _private(name.value)
            and name.value in theirs
            and not _our_module(node.args[0], namespace)
        ):
            yield Finding(path, node.lineno, name.value, f"uses {ast.unparse(node)}")


def _in_classes(path: str, body: list[ast.stmt], owner: object) -> Iterator[Finding]:
    """In each class of ``body`` (found on ``owner``, a module or class), what reaches its framework bases."""
    for node in body:
        if not isinstance(node, ast.ClassDef):
            continue
        klass = getattr(owner, node.name, None)
        if not inspect.isclass(klass):
            continue
        theirs = _framework_names_of(klass)
        for item in node.body:
            if isinstance(item, ast.ClassDef):
                continue
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                if item.name in theirs and not item.name.startswith("_on_"):
                    yield Finding(path, item.lineno, item.name, f"{node.name} overrides {item.name}")
            elif isinstance(item, ast.Assign | ast.AnnAssign):
                targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in theirs:
                        yield Finding(path, item.lineno, target.id, f"{node.name} redefines {target.id}")
            for sub in ast.walk(item):
                if isinstance(sub, ast.Attribute) and sub.attr in theirs and _is_self(sub.value):
                    yield Finding(path, sub.lineno, sub.attr, f"{node.name} uses {ast.unparse(sub)}")
        yield from _in_classes(path, node.body, klass)


def findings(path: str, source: str, module: types.ModuleType) -> list[Finding]:
    """What in ``source`` (the text of ``module``, as ``path``) uses a private name of the frameworks."""
    tree = ast.parse(source)
    return [
        *_imports(path, tree),
        *_accesses(path, tree, vars(module)),
        *_in_classes(path, tree.body, module),
    ]


def _scanned() -> Iterator[tuple[str, Path]]:
    for folder in ("briefing", "tests"):
        for file in sorted((ROOT / folder).rglob("*.py")):
            path = file.relative_to(ROOT).as_posix()
            if "__snapshots__" in file.parts or file.name == "__main__.py":
                continue  # a __main__ runs its program when imported
            if path in COMPAT_MODULES or (folder == "tests" and file.name in COMPAT_TESTS):
                continue
            yield path, file


def _module(path: str) -> types.ModuleType:
    parts = path.removesuffix(".py").split("/")
    return importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))


def test_no_module_but_the_compat_modules_uses_a_private_name_of_textual_or_tinydb() -> None:
    found = [
        finding
        for path, file in _scanned()
        for finding in findings(path, file.read_text(encoding="utf-8"), _module(path))
    ]
    assert not found, "private framework names outside the compat modules:\n" + "\n".join(map(str, found))


SNIPPET = """
import os
from textual.app import App
from textual._context import active_app
from textual.widget import Widget


class Mixin:
    def count(self) -> int:
        return len(self._nodes)


class Ours(Mixin, Widget):
    def _on_click(self, event) -> None:
        self._clicks = self._clicks + 1

    def _size_updated(self, *args) -> bool:
        return True

    def go(self, app: App) -> object:
        os._exit
        return app._driver, getattr(app, "_display")


class Plain:
    def __init__(self) -> None:
        self._driver = None

    def go(self) -> object:
        return self._driver
"""


def test_the_scan_finds_each_kind_of_use_and_leaves_our_own_private_names() -> None:
    module = types.ModuleType("snippet")
    exec(compile(SNIPPET, "snippet.py", "exec"), vars(module))
    found = {(finding.name, finding.what) for finding in findings("snippet.py", SNIPPET, module)}
    assert found == {
        ("active_app", "imports active_app from textual._context"),
        ("_nodes", "Mixin uses self._nodes"),
        ("_size_updated", "Ours overrides _size_updated"),
        ("_driver", "uses app._driver"),
        ("_display", "uses getattr(app, '_display')"),
    }
