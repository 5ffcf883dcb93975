"""The resources are found in a checkout and inside the standalone bundle (issue 19)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cst_notes import paths

REPO = Path(__file__).resolve().parents[1]


def test_in_a_checkout_the_resources_are_beside_the_package() -> None:
    assert paths.resources_folder() == REPO / "resources"
    assert (paths.FONTS / "NotoSans-Regular.ttf").is_file()


def test_frozen_the_resources_are_in_the_bundles_own_folder(tmp_path: Path) -> None:
    """PyInstaller sets sys.frozen and sys._MEIPASS (dist/cst-notes/_internal); the spec file puts
    resources/ there. Run in a fresh interpreter, as the bundle imports cst_notes.paths first."""
    bundle = tmp_path / "cst-notes" / "_internal"
    code = (
        "import sys; sys.frozen = True; sys._MEIPASS = sys.argv[1]\n"
        "from cst_notes import paths\n"
        "print(paths.RESOURCES); print(paths.FONTS); print(paths.EXPORT_SCHEMA)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(bundle)], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    assert out == [
        str(bundle / "resources"),
        str(bundle / "resources" / "fonts"),
        str(bundle / "resources" / "cst-notes-export.schema.json"),
    ]


def test_the_spec_file_puts_the_resources_where_the_frozen_app_looks() -> None:
    spec = (REPO / "bundle" / "cst-notes.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec
    assert paths.resources_folder(frozen_in="/opt/cst-notes/_internal") == Path("/opt/cst-notes/_internal/resources")
