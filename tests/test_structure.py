"""The package's shape: no import circle, no module reading another's private names, and
markdown-it-py's internals imported in one module only.

Read from the source (the AST of every module under ``scraper/``), not from ``sys.modules``:
an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "scraper"
# The public API of markdown-it-py; everything else in it is internal to it.
MARKDOWN_IT_PUBLIC = {"markdown_it", "markdown_it.token"}
MARKDOWN_IT_INTERNALS_MODULE = "errcat.extract.parse.commonmark"


def module_name(path: Path) -> str:
    parts = ["errcat", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of the imports under ``if TYPE_CHECKING:`` (no import happens there)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports(name: str) -> list[tuple[str, list[str], int]]:
    """``(module imported from, names imported, line)`` for every import of module ``name``
    (relative imports resolved), except those for type checkers only."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    skip = type_checking_only(tree)
    out = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            out.extend((alias.name, [], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package(name) else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, *([base] if base else [])])
            out.append((base, [alias.name for alias in node.names], node.lineno))
    return out


def dependencies(name: str) -> set[str]:
    """The package's modules that ``name`` imports (a submodule imported by name counts as
    itself, not as its package)."""
    deps = set()
    for base, names, _ in imports(name):
        if not base.startswith("errcat"):
            continue
        for imported in names or [""]:
            sub = f"{base}.{imported}" if imported else base
            deps.add(sub if sub in MODULES else base)
    deps.discard(name)
    return {d for d in deps if d in MODULES}


def circles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    graph = {name: dependencies(name) for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in graph:
        if name not in index:
            visit(name)
    return found


def test_the_package_is_read():
    assert {"errcat.extract", "errcat.extract.parse.pieces", "errcat.extract.read"} <= set(MODULES)
    assert "errcat.extract.parse.plain" in dependencies("errcat.extract.parse.pieces")


def test_no_import_circle_in_extract():
    assert [c for c in circles() if any(m.startswith("errcat.extract") for m in c)] == []


def test_no_import_circle_in_the_package():
    assert circles() == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_names_of_other_modules(name: str):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    bound: dict[str, str] = {}  # local name → package module it stands for
    for base, names, line in imports(name):
        if not base.startswith("errcat"):
            continue
        for imported in names:
            private = imported.startswith("_") and not imported.startswith("__")
            assert not private, f"{name}:{line} imports {base}.{imported}"
            if f"{base}.{imported}" in MODULES:
                bound[imported] = f"{base}.{imported}"
    for alias in (a for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names):
        if alias.asname and alias.name in bound:
            bound[alias.asname] = bound[alias.name]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            raise AssertionError(f"{name}:{node.lineno} reads {bound[node.value.id]}.{node.attr}")


def test_markdown_it_internals_in_one_module():
    users = {
        name
        for name in MODULES
        for base, _, _ in imports(name)
        if base.startswith("markdown_it") and base not in MARKDOWN_IT_PUBLIC
    }
    assert users == {MARKDOWN_IT_INTERNALS_MODULE}


def test_markdown_it_pin_is_a_compatible_release():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"markdown-it-py~=4.0"' in text
