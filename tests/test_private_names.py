"""No module of cst_notes uses another module's private names (those starting with one underscore):
what two modules share has a public home."""

from __future__ import annotations

import ast
from pathlib import Path

import cst_notes

ROOT = Path(cst_notes.__file__).parent


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def borrowed_private_names(source: str) -> list[str]:
    """``from m import _x``, and ``m._x`` where ``m`` is an imported module or name."""
    tree = ast.parse(source)
    imported: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"from {'.' * node.level}{node.module or ''} import {alias.name}")
                imported.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            imported |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
            continue
        if _private(node.attr) and node.value.id in imported:
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names() -> None:
    found = {
        str(path.relative_to(ROOT)): names
        for path in sorted(ROOT.rglob("*.py"))
        if (names := borrowed_private_names(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_a_borrowed_private_name_is_found() -> None:
    found = borrowed_private_names("from .intake_summary import _identity\n")
    assert found == ["from .intake_summary import _identity"]
    assert borrowed_private_names("from . import intake_summary as parts\nparts._birth(kit)\n") == ["parts._birth"]
    assert borrowed_private_names("import os\nos.path\nself._x\n_y = 1\nclass A:\n    def __init__(self): ...\n") == []
