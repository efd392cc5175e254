"""The layout of the package: each module in its stage, no stage importing a later one, small parts.

The pipeline (docs/architecture.md): the records -> load -> validate -> tables -> assess -> answer
-> render -> cli. A module may import from its own stage and earlier ones only, whether at the
top of the file or inside a function (imports for type checkers only do not count).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "sanctions_gap"

STAGES = [
    # 0: the records and what every stage uses
    ("__init__", "errors", "perf", "lazy", "models", "sources", "dataset"),
    ("loader",),  # 1: YAML with line numbers
    ("validate", "cache"),  # 2: typed, checked datasets (or a cached one)
    ("frame", "panel"),  # 3: tidy tables and level arrays
    ("engine.assess", "engine.select", "engine.tidy"),  # 4: a group on a date
    ("engine", "coverage", "entities"),  # 5: the questions (entities: from OpenSanctions exports)
    ("render", "export"),  # 6: one renderer per format, one view per report
    ("cli", "__main__"),  # 7: arguments, output, exit codes
]
MODULE_LINES = 700
FUNCTION_LINES = 65


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def stage_of(name: str) -> int:
    """The stage of a module: the longest prefix that a stage lists."""
    best: tuple[int, int] | None = None
    for stage, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if name == prefix or name.startswith(prefix + "."):
                if best is None or len(prefix) > best[1]:
                    best = (stage, len(prefix))
    assert best is not None, f"sanctions_gap.{name} is in no stage of tests/test_architecture.py"
    return best[0]


MODULES = sorted(PACKAGE.rglob("*.py"))


def _runtime_imports(tree: ast.Module) -> list[str]:
    """The sanctions_gap modules imported outside ``if TYPE_CHECKING:`` blocks."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return [
        name.removeprefix("sanctions_gap.") for name in found if name.startswith("sanctions_gap")
    ]


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_stage_imports_a_later_one(path: Path) -> None:
    name = module_name(path)
    mine = stage_of(name)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    later = [
        imported
        for imported in _runtime_imports(tree)
        if imported != "sanctions_gap" and stage_of(imported) > mine
    ]
    assert not later, f"{name} (stage {mine}) imports later stages: {later}"


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_each_module_says_what_it_is_for_and_stays_small(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring, f"{path.name} has no docstring"
    first = docstring.splitlines()[0]
    assert first.endswith("."), f"{path.name}: the first line is one sentence: {first!r}"
    assert len(text.splitlines()) <= MODULE_LINES, path.name


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_functions_read_on_one_screen(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > FUNCTION_LINES
    ]
    assert not long, f"{path.name}: {long}"


def test_the_stage_table_itself_catches_a_later_import() -> None:
    # The guard above must be able to fail: a validation module importing the engine would.
    assert stage_of("validate.files") < stage_of("engine.comparison")
    assert stage_of("engine.assess") < stage_of("engine.comparison")
    assert stage_of("render.views.compare") < stage_of("cli.reporting")
