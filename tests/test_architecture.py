"""docs/architecture.md stays the map: every module is on it, and imports keep one
direction (no cycles between packages, no Prefect in the stage packages)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "newsquotes"
STAGES = ["ingest", "clean", "nlp", "entities", "quotes", "corpus", "contracts", "output", "run"]


def modules() -> list[str]:
    return sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name not in {"__init__.py"}
    )


def test_every_module_is_on_the_map_and_the_map_names_no_other():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w/]+\.py)`", text)) - {"flows/news_pipeline.py"}
    missing = [module for module in modules() if module not in named]
    stale = sorted(name for name in named if not (PACKAGE / name).exists())
    assert missing == [], f"modules missing from docs/architecture.md: {missing}"
    assert stale == [], f"docs/architecture.md names modules that do not exist: {stale}"


def imports_of(path: Path) -> set[str]:
    """The newsquotes top-level packages or modules a file imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
            if node.module == "newsquotes":
                names = [f"newsquotes.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {name.split(".")[1] for name in names if name.startswith("newsquotes.")}
    return found


def owner(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0].removesuffix(".py")


def test_packages_import_each_other_without_cycles():
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        graph.setdefault(owner(path), set()).update(imports_of(path) - {owner(path)})
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        assert node not in trail, f"import cycle: {' -> '.join([*trail, node])}"
        if node in done:
            return
        for target in sorted(graph.get(node, ())):
            visit(target, [*trail, node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])


def test_stage_packages_never_import_prefect():
    offenders = [
        path.relative_to(PACKAGE).as_posix()
        for stage in STAGES
        for path in (PACKAGE / stage).rglob("*.py")
        if re.search(r"^\s*(from|import) prefect", path.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []
