"""The Debian and Ubuntu packages the app needs, found by what they provide.

``make`` runs this with the system's ``python3`` before the virtual environment exists, so it uses
the standard library only::

    python3 -m cst_notes.system_deps          # what the app needs to run
    python3 -m cst_notes.system_deps --test   # and what the tests need

A library is looked for by its file name (``libglib-2.0.so.0``), a tool by its command (or, for one
kept off ``PATH``, by the file pattern where its package puts it), so that a
package renamed between releases (Debian 13 and Ubuntu 24.04 call ``libglib2.0-0``
``libglib2.0-0t64``) is still found once installed. When something is missing, root gets it
installed; anyone else gets the one line to run as root, and the exit status 1.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    """Something the app needs, and the packages that provide it, newest name first."""

    provides: str  # a shared library's file name, a command, a Python module, or a file pattern (glob)
    packages: tuple[str, ...]
    kind: str = "library"  # "library", "command", "module" or "file"


def _libraries(*pairs: tuple[str, str | tuple[str, ...]]) -> tuple[Need, ...]:
    return tuple(Need(lib, (pkgs,) if isinstance(pkgs, str) else pkgs) for lib, pkgs in pairs)


# What Qt needs at run time (the xcb ones for a desktop session).
QT = _libraries(
    ("libGL.so.1", "libgl1"),
    ("libEGL.so.1", "libegl1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libglib-2.0.so.0", ("libglib2.0-0t64", "libglib2.0-0")),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-xinerama.so.0", "libxcb-xinerama0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
)
# Where Debian's and Ubuntu's PostgreSQL server packages put initdb (pg_ctl and postgres beside it).
POSTGRESQL_INITDB = "/usr/lib/postgresql/*/bin/initdb"

# Tools the tests use to look at PDFs (pdftoppm renders pages, pdftotext reads their text back).
TEST_TOOLS = (
    Need("pdftoppm", ("poppler-utils",), "command"),
    Need("pdftotext", ("poppler-utils",), "command"),
    Need("qpdf", ("qpdf",), "command"),
    # The clinic server's tests start a real PostgreSQL (tests/clinic/conftest.py). Debian's
    # ``postgresql`` installs its server binaries under /usr/lib/postgresql/<version>/bin, off PATH.
    Need(POSTGRESQL_INITDB, ("postgresql",), "file"),
)

# What make dist needs: strip (binutils) for the bundle's libraries, as and ld (binutils) for Qt's
# trimmed ICU data (bundle/icu_data.py), and the tools that check the .desktop file and the
# AppStream metadata (make dist-test).
DIST_TOOLS = (
    Need("strip", ("binutils",), "command"),
    Need("objdump", ("binutils",), "command"),
    Need("as", ("binutils",), "command"),
    Need("ld", ("binutils",), "command"),
    Need("desktop-file-validate", ("desktop-file-utils",), "command"),
    Need("appstreamcli", ("appstream",), "command"),
)

_LIBRARY_FOLDERS = ("/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib")


def venv_need(version: tuple[int, int] | None = None) -> Need:
    """``python3 -m venv`` needs ensurepip, which Debian packages apart."""
    major, minor = version or sys.version_info[:2]
    return Need("ensurepip", (f"python{major}.{minor}-venv", "python3-venv"), "module")


def libpython_need() -> tuple[Need, ...]:
    """PyInstaller puts the Python library in the bundle: Debian packages it apart (libpython3.11),
    a Python built with --enable-shared (pyenv, python.org) has it beside itself."""
    import sysconfig

    major, minor = sys.version_info[:2]
    name = sysconfig.get_config_var("INSTSONAME") or f"libpython{major}.{minor}.so.1.0"
    if os.path.exists(os.path.join(sysconfig.get_config_var("LIBDIR") or "", name)):
        return ()
    return (Need(name, (f"libpython{major}.{minor}",)),)


def ldconfig_libraries() -> set[str]:
    """The file names of the libraries the dynamic linker knows (its cache, else the usual folders)."""
    names: set[str] = set()
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig", shutil.which("ldconfig")):
        if ldconfig and os.path.exists(ldconfig):
            try:
                out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False).stdout
            except OSError:
                continue
            names.update(line.split()[0] for line in out.splitlines()[1:] if line.strip())
            break
    for folder in _LIBRARY_FOLDERS:
        for pattern in ("*.so*", "*/*.so*"):
            names.update(os.path.basename(p) for p in glob.glob(os.path.join(folder, pattern)))
    return names


def _has_module(name: str) -> bool:
    import importlib

    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


def missing(
    needs: Iterable[Need],
    libraries: set[str],
    has_command: Callable[[str], bool] = lambda c: shutil.which(c) is not None,
    has_module: Callable[[str], bool] = _has_module,
    has_file: Callable[[str], bool] = lambda pattern: bool(glob.glob(pattern)),
) -> list[Need]:
    checks = {"library": lambda n: n in libraries, "command": has_command, "module": has_module, "file": has_file}
    return [need for need in needs if not checks[need.kind](need.provides)]


def os_release(text: str | None = None) -> dict[str, str]:
    if text is None:
        try:
            with open("/etc/os-release", encoding="utf-8") as f:
                text = f.read()
        except OSError:
            return {}
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key.strip(): value.strip().strip('"') for key, value in pairs}


def _before_t64(release: dict[str, str]) -> bool:
    """Releases from before the 64-bit time_t renames (Debian 13, Ubuntu 24.04) use the old names."""
    try:
        version = float(release.get("VERSION_ID", ""))
    except ValueError:
        return False
    if release.get("ID") == "debian":
        return version < 13
    if release.get("ID") == "ubuntu":
        return version < 24.04
    return False


def apt_candidates(packages: Iterable[str]) -> set[str]:
    """The packages apt could install (those its lists know, with a candidate version)."""
    names = list(packages)
    if not names or shutil.which("apt-cache") is None:
        return set()
    out = subprocess.run(["apt-cache", "policy", *names], capture_output=True, text=True, check=False).stdout
    known: set[str] = set()
    current = ""
    for line in out.splitlines():
        if line and not line[0].isspace() and line.endswith(":"):
            current = line[:-1]
        elif line.strip().startswith("Candidate:") and "(none)" not in line:
            known.add(current)
    return known


def choose(need: Need, candidates: set[str], release: dict[str, str]) -> str:
    """The package to install for a need: the one apt knows, else the name this release uses."""
    for package in need.packages:
        if package in candidates:
            return package
    return need.packages[-1] if _before_t64(release) else need.packages[0]


def install_line(packages: Sequence[str]) -> str:
    return "apt-get update && apt-get install -y --no-install-recommends " + " ".join(packages)


def run(needs: Sequence[Need], *, is_root: bool, out: Callable[[str], None] = print) -> int:
    if shutil.which("dpkg") is None:
        gone = missing(needs, ldconfig_libraries())
        if gone:
            out("Not a Debian or Ubuntu system: install what provides " + ", ".join(n.provides for n in gone))
        return 0
    gone = missing(needs, ldconfig_libraries())
    if not gone:
        return 0
    if is_root:
        out("Installing what is missing: " + ", ".join(n.provides for n in gone))
        subprocess.run(["apt-get", "update", "-qq"], check=False)
    every = {p for need in gone for p in need.packages}
    packages = sorted({choose(need, apt_candidates(every), os_release()) for need in gone})
    if not is_root:
        out("Missing packages (" + ", ".join(n.provides for n in gone) + "). Run this as root, then make again:")
        out("  " + install_line(packages))
        return 1
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages], check=False, env=env)
    still = missing(gone, ldconfig_libraries())
    if still:
        out("Still missing after installing " + " ".join(packages) + ": " + ", ".join(n.provides for n in still))
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m cst_notes.system_deps", description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="also what the tests need")
    parser.add_argument("--dist", action="store_true", help="also what make dist and make dist-test need")
    args = parser.parse_args(argv)
    dist = (*DIST_TOOLS, *libpython_need()) if args.dist else ()
    needs = (*QT, venv_need(), *(TEST_TOOLS if args.test else ()), *dist)
    return run(needs, is_root=os.geteuid() == 0)


if __name__ == "__main__":
    sys.exit(main())
