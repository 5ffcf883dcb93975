"""cst_notes.reports imports only reportlab, Babel (the catalogues), the standard library, the domain and
the resource paths."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import cst_notes.reports

ALLOWED = ("reportlab", "babel", "cst_notes.domain", "cst_notes.paths")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_reports_import_only_what_the_layer_rule_allows() -> None:
    folder = Path(cst_notes.reports.__file__).parent
    modules = sorted(folder.glob("*.py"))
    assert len(modules) >= 10
    for path in modules:
        for name in _imports(path):
            top = name.split(".")[0]
            allowed = top in sys.stdlib_module_names or name == "__future__" or name.startswith(ALLOWED)
            assert allowed, f"{path.name} imports {name}"


def test_modules_stay_small() -> None:
    folder = Path(cst_notes.reports.__file__).parent
    for path in folder.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path.name
