"""No module of cst_notes imports itself round a circle (through other modules, lazily inside a
function, or only for type checking): import-linter's contracts check the layers, this checks
every pair of modules, the ui's rooms included."""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    found = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if imported.startswith("cst_notes.") and graph.chain_exists(imported, importer):
                found.append((importer, imported))
    return found


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("cst_notes", cache_dir=None)
    assert _cycles(graph) == []


def test_a_cycle_is_found() -> None:
    graph = grimp.ImportGraph()
    for module in ("cst_notes.a", "cst_notes.b", "cst_notes.c"):
        graph.add_module(module)
    graph.add_import(importer="cst_notes.a", imported="cst_notes.b")
    graph.add_import(importer="cst_notes.b", imported="cst_notes.c")
    assert _cycles(graph) == []
    graph.add_import(importer="cst_notes.c", imported="cst_notes.a")
    assert len(_cycles(graph)) == 3
