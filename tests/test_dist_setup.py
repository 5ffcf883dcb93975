"""make dist's set-up (issue 19): the tools it needs are asked for like the tests' ones."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence

import pytest

from cst_notes import system_deps as D


def test_make_dist_asks_for_the_metadata_validators_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(D, "ldconfig_libraries", lambda: {n.provides for n in D.QT})
    monkeypatch.setattr(D, "apt_candidates", lambda packages: set(packages))
    gone = {"desktop-file-validate", "appstreamcli"}
    monkeypatch.setattr(shutil, "which", lambda command: None if command in gone else f"/usr/bin/{command}")
    said: list[str] = []
    assert D.run(D.DIST_TOOLS, is_root=False, out=said.append) == 1
    assert said[-1].strip() == D.install_line(["appstream", "desktop-file-utils"])


def test_make_dist_asks_for_binutils_when_the_assembler_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt's trimmed ICU data is put in a library with as and ld (bundle/icu_data.py)."""
    monkeypatch.setattr(D, "ldconfig_libraries", lambda: {n.provides for n in D.QT})
    monkeypatch.setattr(D, "apt_candidates", lambda packages: set(packages))
    monkeypatch.setattr(shutil, "which", lambda command: None if command == "as" else f"/usr/bin/{command}")
    said: list[str] = []
    assert D.run(D.DIST_TOOLS, is_root=False, out=said.append) == 1
    assert said[-1].strip() == D.install_line(["binutils"])


@pytest.mark.parametrize(("argv", "asks_for_validators"), [(["--dist"], True), (["--test"], False), ([], False)])
def test_only_make_dist_asks_for_its_tools(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], asks_for_validators: bool
) -> None:
    """`make test` keeps asking for what it asked before: the bundle's tools come with --dist only."""
    asked: list[str] = []

    def run(needs: Sequence[D.Need], *, is_root: bool) -> int:
        asked.extend(n.provides for n in needs)
        return 0

    monkeypatch.setattr(D, "run", run)
    assert D.main(argv) == 0
    assert ("desktop-file-validate" in asked) is asks_for_validators
    assert ("appstreamcli" in asked) is asks_for_validators


def test_a_python_without_its_shared_library_beside_it_asks_for_debians_libpython(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Debian's python3 has libpython3.X.so.1.0 in a package of its own, which PyInstaller needs."""
    import sysconfig

    real = sysconfig.get_config_var
    monkeypatch.setattr(sysconfig, "get_config_var", lambda name: "/nowhere" if name == "LIBDIR" else real(name))
    [need] = D.libpython_need()
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert need.provides == f"libpython{version}.so.1.0"
    assert need.packages == (f"libpython{version}",)
