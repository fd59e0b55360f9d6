"""The package tree is the architecture: each layer imports only layers below it, and no module imports itself
back through others. The layers, top to bottom (packages on one line are independent of each other):"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mtcheck

LAYERS: list[tuple[str, ...]] = [
    ("__main__",),
    ("cli", "distributed"),
    ("run",),
    ("reporters",),
    ("engine",),
    ("results",),
    ("rules",),
    ("align", "readers"),
    ("facts",),
    ("config",),
    ("model",),
    ("text",),
    ("store",),
    ("locales", "schema"),
]
PACKAGE = Path(mtcheck.__file__).parent
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every mtcheck module ``path`` imports, at the top or inside a function (a lazy import is still a
    dependency), resolved to absolute names."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("mtcheck"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.startswith("mtcheck"):
                found.add(name)
                found.update(f"{name}.{alias.name}" for alias in node.names)
    return {name for name in found if _exists(name)}


def _exists(name: str) -> bool:
    if name == "mtcheck":
        return True
    relative = Path(*name.split(".")[1:])
    return (PACKAGE / relative.with_suffix(".py")).is_file() or (PACKAGE / relative / "__init__.py").is_file()


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None  # None: the root package (it holds only __version__)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def test_every_package_has_a_layer() -> None:
    layers = {_layer(name) for name in MODULES} - {None}
    assert layers <= set(RANK), f"packages or modules without a layer: {sorted(layers - set(RANK))}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down(module: str) -> None:
    own = _layer(module)
    if own is None:
        assert GRAPH[module] <= {"mtcheck"}, "the root package must stay a plain version holder"
        return
    upward = [
        name for name in sorted(GRAPH[module])
        if (other := _layer(name)) is not None and other != own and RANK[other] <= RANK[own]
    ]
    assert not upward, f"{module} ({own}) imports from its own level or above: {upward}"


def test_no_import_cycles() -> None:
    """No module reaches itself through its imports (model <-> segment and pipeline <-> workers were two)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for other in sorted(GRAPH.get(name, ())):
            if other not in GRAPH or other == name or name.startswith(other + "."):
                continue  # a module's own package (its __init__ runs first) is not a cycle
            if state.get(other) == 1:
                cycle = stack[stack.index(other):] + [other]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if other not in state:
                visit(other)
        stack.pop()
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name)


def test_each_package_says_what_it_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "import" in doc.lower(), f"{init.parent.name}/__init__.py does not say what it may import"
