"""Imports run down the timeline (DESIGN.md, rules of the house), read from the source with
`ast`: imports at module level and inside functions alike.

Migrations are walked like every other module. Django writes a migration's references to
other apps as strings (`dependencies`, `to="partnerships.side"`), not as imports, so they
need no exemption; an import a person adds to a migration is checked like any other."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "jumelage"
FOUNDATIONS = ("core", "accounts", "notifications", "optimize")
STAGES = (
    "partnerships",
    "hosting",
    "calls",
    "review",
    "selection",
    "exchange",
    "matchmaking",
    "followup",
    "reports",
    "api",
    "demo",
)
APPS = sorted(
    path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _resolve(module: str, imported: str, names: list[str]) -> list[str]:
    """The modules of this project an import statement loads (a name imported from a
    package is its submodule when one exists)."""
    if not imported.startswith("jumelage"):
        return []
    found = [f"{imported}.{name}" for name in names if f"{imported}.{name}" in MODULES]
    return found or [imported]


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".")
    is_package = MODULES[module].name == "__init__.py"
    base = package[: len(package) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str) -> list[tuple[str, int]]:
    """(imported module of this project, line) for every import in `module`."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [name for alias in node.names for name in _resolve(module, alias.name, [])]
        elif isinstance(node, ast.ImportFrom):
            names = [alias.name for alias in node.names]
            targets = _resolve(module, _absolute(module, node), names)
        else:
            continue
        found += [(target, node.lineno) for target in targets if target != module]
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in APPS else None


def _forbidden(source: str, target: str) -> bool:
    if source == target or target is None or source is None:
        return False
    if source in FOUNDATIONS:
        return target in STAGES
    if source in STAGES and target in STAGES:
        return STAGES.index(target) > STAGES.index(source)
    return False


def test_every_app_is_a_foundation_or_a_stage():
    assert set(APPS) <= set(FOUNDATIONS) | set(STAGES)


@pytest.mark.parametrize("app", APPS)
def test_an_app_imports_only_the_foundations_and_earlier_stages(app):
    wrong = [
        f"{MODULES[module].relative_to(ROOT)}:{line} imports {target}"
        for module, imports in GRAPH.items()
        if _app(module) == app
        for target, line in imports
        if _forbidden(app, _app(target))
    ]
    assert wrong == []


def _cycles() -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target, _line in GRAPH.get(module, []):
            if target not in GRAPH:
                continue
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while (member := stack.pop()) != module:
                on_stack.discard(member)
                group.append(member)
            on_stack.discard(module)
            group.append(module)
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return groups


@pytest.mark.parametrize("app", APPS)
def test_no_modules_of_an_app_import_each_other_in_a_circle(app):
    assert [group for group in _cycles() if any(_app(m) == app for m in group)] == []


def test_the_walk_sees_imports_inside_functions():
    # The apps load their registrations inside AppConfig.ready(): the walk must see them.
    assert "jumelage.review.panels" in {target for target, _ in GRAPH["jumelage.review.apps"]}


def test_the_walk_finds_a_circle_and_an_import_up_the_timeline():
    assert _forbidden("calls", "review") and _forbidden("core", "partnerships")
    assert not _forbidden("review", "calls") and not _forbidden("core", "notifications")
    GRAPH["jumelage.core.x"] = [("jumelage.core.y", 1)]
    GRAPH["jumelage.core.y"] = [("jumelage.core.x", 1)]
    try:
        assert ["jumelage.core.x", "jumelage.core.y"] in _cycles()
    finally:
        del GRAPH["jumelage.core.x"], GRAPH["jumelage.core.y"]
