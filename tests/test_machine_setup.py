"""Setting up on the machines people have: the Debian/Ubuntu packages, found by what they provide
(issue 14, item 15), and build metadata setuptools will keep taking (item 16)."""

from __future__ import annotations

import glob
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cst_notes import system_deps as D

REPO = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable
DEBIAN_13 = D.os_release('PRETTY_NAME="Debian GNU/Linux 13 (trixie)"\nID=debian\nVERSION_ID="13"\n')
DEBIAN_12 = D.os_release('ID=debian\nVERSION_ID="12"\n')
UBUNTU_24 = D.os_release('ID=ubuntu\nVERSION_ID="24.04"\n')
GLIB = next(n for n in D.QT if n.provides == "libglib-2.0.so.0")


def test_glib_installed_under_its_debian_13_name_is_found() -> None:
    """On Debian 13 libglib2.0-0t64 provides libglib-2.0.so.0; the old package name is not
    installed there, and asking dpkg for it made `make run` ask for it forever."""
    libraries = {n.provides for n in D.QT}
    assert D.missing(D.QT, libraries) == []
    assert D.missing(D.QT, libraries - {"libglib-2.0.so.0"}) == [GLIB]


@pytest.mark.parametrize(
    ("release", "apt_knows", "package"),
    [
        (DEBIAN_13, {"libglib2.0-0t64"}, "libglib2.0-0t64"),
        (DEBIAN_12, {"libglib2.0-0"}, "libglib2.0-0"),
        (DEBIAN_13, set(), "libglib2.0-0t64"),  # before `apt-get update`: by the release
        (UBUNTU_24, set(), "libglib2.0-0t64"),
        (DEBIAN_12, set(), "libglib2.0-0"),
        ({}, set(), "libglib2.0-0t64"),
    ],
)
def test_the_package_to_install_is_the_one_this_release_has(
    release: dict[str, str], apt_knows: set[str], package: str
) -> None:
    assert D.choose(GLIB, apt_knows, release) == package


def test_without_root_it_prints_one_line_to_run_as_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(D, "ldconfig_libraries", lambda: {n.provides for n in D.QT} - {"libglib-2.0.so.0"})
    monkeypatch.setattr(D, "apt_candidates", lambda packages: {"libglib2.0-0t64"})
    monkeypatch.setattr(shutil, "which", lambda command: f"/usr/bin/{command}")
    said: list[str] = []
    assert D.run(D.QT, is_root=False, out=said.append) == 1
    assert said[-1].strip() == "apt-get update && apt-get install -y --no-install-recommends libglib2.0-0t64"
    assert not any("sudo" in line for line in said)


def test_make_test_asks_for_poppler_utils_when_pdftotext_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text-extraction tests read PDFs with pdftotext: without it, the one line names poppler-utils, once."""
    monkeypatch.setattr(D, "ldconfig_libraries", lambda: {n.provides for n in D.QT})
    monkeypatch.setattr(D, "apt_candidates", lambda packages: set(packages))
    monkeypatch.setattr(shutil, "which", lambda command: None if command == "pdftotext" else f"/x/{command}")
    monkeypatch.setattr(glob, "glob", lambda pattern: [pattern.replace("*", "15")])
    said: list[str] = []
    assert D.run(D.TEST_TOOLS, is_root=False, out=said.append) == 1
    assert "pdftotext" in said[0]
    assert said[-1].strip() == "apt-get update && apt-get install -y --no-install-recommends poppler-utils"


def test_make_test_asks_for_postgresql_when_no_server_binaries_are_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clinic tests start a real PostgreSQL: Debian keeps initdb off PATH, under
    /usr/lib/postgresql/<version>/bin, so it is looked for there, and missing it names ``postgresql``."""
    monkeypatch.setattr(D, "ldconfig_libraries", lambda: {n.provides for n in D.QT})
    monkeypatch.setattr(D, "apt_candidates", lambda packages: set(packages))
    monkeypatch.setattr(shutil, "which", lambda command: f"/usr/bin/{command}")  # a psql client alone is not enough
    looked_for: list[str] = []

    def nothing_found(pattern: str) -> list[str]:
        looked_for.append(pattern)
        return []

    monkeypatch.setattr(glob, "glob", nothing_found)
    said: list[str] = []
    assert D.run(D.TEST_TOOLS, is_root=False, out=said.append) == 1
    assert looked_for == ["/usr/lib/postgresql/*/bin/initdb"]
    assert said[-1].strip() == "apt-get update && apt-get install -y --no-install-recommends postgresql"
    monkeypatch.setattr(glob, "glob", lambda pattern: ["/usr/lib/postgresql/17/bin/initdb"])
    assert D.run(D.TEST_TOOLS, is_root=False, out=said.append) == 0


def test_the_apt_cache_reading_keeps_only_installable_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = (
        "libglib2.0-0t64:\n  Installed: (none)\n  Candidate: 2.84.4-3\n  Version table:\n"
        "libglib2.0-0:\n  Installed: (none)\n  Candidate: (none)\n"
    )
    monkeypatch.setattr(shutil, "which", lambda command: "/usr/bin/apt-cache")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=policy, stderr=""))
    assert D.apt_candidates(["libglib2.0-0t64", "libglib2.0-0"]) == {"libglib2.0-0t64"}


def test_this_machine_has_what_the_app_and_tests_need() -> None:
    """The real probe, run as make runs it: with the system's python and the standard library only."""
    result = subprocess.run(
        [SYSTEM_PYTHON, "-S", "-m", "cst_notes.system_deps", "--test"],  # -S: no site-packages
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert {"libglib-2.0.so.0", "libxcb-cursor.so.0"} <= D.ldconfig_libraries()


def test_the_build_metadata_uses_forms_setuptools_will_keep() -> None:
    """The table form of project.license stops working after 2027-02-18; the build requirement has
    an upper bound, so a new setuptools is taken on purpose (issue 14, item 16)."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "LicenseRef-Proprietary"
    [setuptools] = project["build-system"]["requires"]
    assert setuptools.startswith("setuptools>=77,<")


def test_as_root_it_installs_then_checks_again(monkeypatch: pytest.MonkeyPatch) -> None:
    found = [{n.provides for n in D.QT} - {"libglib-2.0.so.0"}, {n.provides for n in D.QT}]
    ran: list[list[str]] = []

    def fake_run(argv: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        ran.append(argv)
        return subprocess.CompletedProcess(argv, 0, stdout="", stderr="")

    monkeypatch.setattr(D, "ldconfig_libraries", lambda: found.pop(0))
    monkeypatch.setattr(D, "apt_candidates", lambda packages: {"libglib2.0-0t64", "libglib2.0-0"})
    monkeypatch.setattr(shutil, "which", lambda command: f"/usr/bin/{command}")
    monkeypatch.setattr(subprocess, "run", fake_run)
    said: list[str] = []
    assert D.run(D.QT, is_root=True, out=said.append) == 0
    assert ran == [
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "libglib2.0-0t64"],
    ]


def test_as_root_it_says_what_installing_did_not_bring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(D, "ldconfig_libraries", lambda: {n.provides for n in D.QT} - {"libxcb-cursor.so.0"})
    monkeypatch.setattr(D, "apt_candidates", lambda packages: set())
    monkeypatch.setattr(shutil, "which", lambda command: f"/usr/bin/{command}")
    monkeypatch.setattr(subprocess, "run", lambda argv, **_: subprocess.CompletedProcess(argv, 100, "", ""))
    said: list[str] = []
    assert D.run(D.QT, is_root=True, out=said.append) == 1
    assert said[-1] == "Still missing after installing libxcb-cursor0: libxcb-cursor.so.0"
