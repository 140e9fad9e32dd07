"""docs/architecture.md stays the map of the code, and imports keep one direction.

Every module of `src/newsquotes/` is named on the map by its path and the map names no
module that is gone; packages import each other without cycles; the stage packages never
import Prefect. Static checks only (files and `ast`): nothing is imported, no Prefect.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newsquotes"
MAP = ROOT / "docs" / "architecture.md"
STAGES = ["ingest", "clean", "nlp", "entities", "quotes", "corpus", "contracts", "output", "run"]
STAGES += ["report"]  # not a stage, but pure functions too: no Prefect
NOT_ON_THE_MAP = {"__init__.py", "__main__.py"}  # a package's surface, not a module's job


def python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def module_paths() -> list[str]:
    """Every module as the map writes it: `ingest/plan.py`, `flow.py`."""
    return [
        path.relative_to(PACKAGE).as_posix()
        for path in python_files()
        if path.name not in NOT_ON_THE_MAP
    ]


def named_on_the_map() -> set[str]:
    """Every `something.py` the map names in backticks."""
    return set(re.findall(r"`([\w./-]+\.py)`", MAP.read_text(encoding="utf-8")))


def test_every_module_is_on_the_map():
    missing = sorted(set(module_paths()) - named_on_the_map())
    assert not missing, f"docs/architecture.md does not name these modules: {missing}"


def test_the_map_names_no_module_that_is_gone():
    # Paths outside the package (`flows/news_pipeline.py`) count when they exist from the root.
    stale = sorted(
        name
        for name in named_on_the_map()
        if not (PACKAGE / name).is_file() and not (ROOT / name).is_file()
    )
    assert not stale, f"docs/architecture.md names modules that do not exist: {stale}"


def owner(path: Path) -> str:
    """The top-level package or module a file belongs to: `ingest`, `flow`, `newsquotes`."""
    parts = path.relative_to(PACKAGE).parts
    if parts == ("__init__.py",):
        return "newsquotes"
    return parts[0].removesuffix(".py")


def dotted_name(path: Path) -> list[str]:
    """`src/newsquotes/ingest/plan.py` -> ["newsquotes", "ingest", "plan"]."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported_modules(path: Path) -> list[str]:
    """Every module a file imports."""
    package = dotted_name(path) if path.name == "__init__.py" else dotted_name(path)[:-1]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: list[str]) -> list[str]:
    """Every module `source` imports, anywhere in it (functions too), relative ones resolved
    against `package`. `from a import b` gives `a` and `a.b`: `b` may be a module."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append(module)
            found += [f"{module}.{alias.name}" for alias in node.names]
    return found


def top_level(module: str) -> str | None:
    """The newsquotes package or top-level module that `module` belongs to, if any."""
    parts = module.split(".")
    if parts[0] != "newsquotes" or len(parts) < 2:
        return None
    name = parts[1]
    if (PACKAGE / name / "__init__.py").is_file() or (PACKAGE / f"{name}.py").is_file():
        return name
    return None  # a name defined in newsquotes/__init__.py (`__version__`)


def package_graph() -> dict[str, dict[str, str]]:
    """package -> {package it imports: one module that does, for the message}."""
    graph: dict[str, dict[str, str]] = {}
    for path in python_files():
        source = owner(path)
        edges = graph.setdefault(source, {})
        for module in imported_modules(path):
            target = top_level(module)
            if target and target != source:
                edges.setdefault(target, path.relative_to(PACKAGE).as_posix())
    return graph


def find_cycle(graph: dict[str, dict[str, str]]) -> list[str] | None:
    """One cycle of the graph as [a, b, ..., a], or None."""
    done: set[str] = set()
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in trail:
            return [*trail[trail.index(node) :], node]
        if node in done:
            return None
        trail.append(node)
        for target in sorted(graph.get(node, {})):
            if cycle := visit(target):
                return cycle
        trail.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        if cycle := visit(node):
            return cycle
    return None


def test_find_cycle_reports_the_cycle():
    graph = {"a": {"b": ""}, "b": {"c": ""}, "c": {"a": ""}, "d": {"a": ""}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": ""}, "b": {}}) is None


def test_imports_are_found_anywhere_and_relative_ones_resolved():
    source = """
import newsquotes.records
from newsquotes import settings, __version__
from . import plan
from ..output.parts import write_part

def later():
    from newsquotes.nlp import analyse_batch
"""
    found = imports_in(source, ["newsquotes", "ingest"])
    assert {top_level(module) for module in found} - {None} == {
        "records",
        "settings",
        "ingest",
        "output",
        "nlp",
    }
    assert "newsquotes.ingest.plan" in found


def test_packages_import_each_other_without_cycles():
    graph = package_graph()
    cycle = find_cycle(graph)
    if cycle:
        steps = [f"{a} -> {b} ({graph[a][b]})" for a, b in zip(cycle, cycle[1:], strict=False)]
        raise AssertionError("import cycle between packages: " + "; ".join(steps))


def test_stage_packages_never_import_prefect():
    offenders = sorted(
        {
            f"{path.relative_to(PACKAGE).as_posix()} imports {module.split('.')[0]}"
            for stage in STAGES
            for path in (PACKAGE / stage).rglob("*.py")
            for module in imported_modules(path)
            if module.split(".")[0] == "prefect" or module.startswith("prefect_")
        }
    )
    assert not offenders, f"Prefect belongs in flow.py and cli/ only: {offenders}"


def reachable(graph: dict[str, dict[str, str]], start: str) -> set[str]:
    """The packages `start` imports, directly or through others."""
    seen: set[str] = set()
    pending = [start]
    while pending:
        for target in graph.get(pending.pop(), {}):
            if target not in seen:
                seen.add(target)
                pending.append(target)
    return seen


def test_stage_packages_never_import_the_flow_or_the_command():
    graph = package_graph()
    wrong = {
        stage: sorted(reached)
        for stage in STAGES
        if (reached := reachable(graph, stage) & {"flow", "cli"})
    }
    assert not wrong, f"stage packages that import the Prefect side, maybe indirectly: {wrong}"
