"""The standalone bundle in dist/ (issue 19), started as a user would start it: no virtual
environment, no Python on PATH, nothing from the environment but a home folder and a locale.

`make dist-test` builds the bundle and runs these; `make test` runs them only when a bundle is
present in dist/, and skips them otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cst_notes import APP_ID

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "dist" / "cst-notes"
EXECUTABLE = BUNDLE / "cst-notes"

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not EXECUTABLE.is_file(), reason="no bundle in dist/ (make dist-test builds and tests one)"),
]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """As `env -i` would give it: PATH holds one empty folder, so no python (nor anything else) is found."""
    empty = home / "empty-path"
    empty.mkdir(exist_ok=True)
    env = {"HOME": str(home), "PATH": str(empty), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", **extra}
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("python", path=env["PATH"]) is None
    return env


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXECUTABLE), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    db = home / "demo.sqlite"
    made = run(["demo", "--db", str(db), "--patients", "6", "--sessions", "3"], clean_env(home), home)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("added 6 patients and 18 sessions")
    return db


def loaded_libraries(ld_debug_files: list[Path]) -> list[str]:
    """The shared libraries the dynamic loader initialised, from glibc's LD_DEBUG=libs trace."""
    found = []
    for file in ld_debug_files:
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
            if "calling init:" in line:
                found.append(line.split("calling init:", 1)[1].strip())
    return found


def test_check_runs_on_the_demo_database_with_the_bundles_own_python(demo: Path, tmp_path: Path) -> None:
    trace = tmp_path / "ld"
    env = clean_env(demo.parent, LD_DEBUG="libs", LD_DEBUG_OUTPUT=str(trace))
    checked = run(["check", "--db", str(demo)], env, tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[0] == "ok"
    assert "6 patients, 18 sessions" in checked.stdout
    libraries = loaded_libraries(sorted(tmp_path.glob("ld.*")))
    pythons = [lib for lib in libraries if "libpython" in Path(lib).name]
    assert pythons, "the trace shows no libpython at all"
    inside = str(BUNDLE.resolve()) + os.sep
    assert all(os.path.realpath(lib).startswith(inside) for lib in pythons), pythons
    # Nothing of this test's virtual environment or of the Python it was made from is loaded.
    elsewhere = {str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix, "/usr/lib/python3")}
    assert not [lib for lib in libraries if any(os.path.realpath(lib).startswith(p + os.sep) for p in elsewhere)]


def test_the_main_window_renders_to_png(demo: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    shot = tmp_path / "main-window.png"
    shown = run(["--db", str(demo), "--screenshot", str(shot)], clean_env(demo.parent), tmp_path)
    assert shown.returncode == 0, shown.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) >= (800, 500)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20, "the screenshot is (nearly) one colour: nothing was drawn"


def test_the_bundle_writes_documents_in_bengali_and_hindi(demo: Path, tmp_path: Path) -> None:
    """The catalogues and Babel's data for bn and hi are in the bundle (its locale data is trimmed: a
    missing locale would stop the export, which writes dates with Babel's month names)."""
    for language, heading in (("bn", "অগ্রগতির বিবরণ"), ("hi", "प्रगति रिपोर्ट")):
        out = tmp_path / f"{language}.pdf"
        args = ["export-pdf", "--db", str(demo), "--patient", "1", "--kind", "progress", "--language", language]
        made = run([*args, "--out", str(out)], clean_env(demo.parent), tmp_path)
        assert made.returncode == 0, made.stderr
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert heading in text


def test_the_bundle_carries_its_desktop_file_icons_and_metainfo() -> None:
    share = BUNDLE / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == (size, size)


@pytest.mark.parametrize(
    ("tool", "args", "file"),
    [
        ("desktop-file-validate", [], f"share/applications/{APP_ID}.desktop"),
        ("appstreamcli", ["validate", "--no-net", "--explain"], f"share/metainfo/{APP_ID}.metainfo.xml"),
    ],
)
def test_the_metadata_validates(tool: str, args: list[str], file: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (make dist-test installs it)")
    checked = subprocess.run([tool, *args, str(BUNDLE / file)], capture_output=True, text=True, timeout=60, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
