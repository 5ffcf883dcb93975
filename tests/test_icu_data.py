"""bundle/icu_data.py, which trims Qt's ICU data for the standalone bundle (issue 19): the package is
read and written back exactly, the items Qt loads are kept, and Qt sorts with the trimmed library as
it does with the whole one (collation is what Qt loads ICU's data for)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import PySide6
import pytest

REPO = Path(__file__).resolve().parents[1]
QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"
ICU_DATA = sorted(QT_LIB.glob("libicudata.so.*"))

pytestmark = pytest.mark.skipif(not ICU_DATA, reason="PySide6 without its own ICU (not Linux)")


def icu_data() -> ModuleType:
    spec = importlib.util.spec_from_file_location("icu_data", REPO / "bundle" / "icu_data.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def test_the_package_is_written_back_byte_for_byte() -> None:
    m = icu_data()
    symbol, data = m.data_symbol(ICU_DATA[0].read_bytes())
    assert symbol.startswith("icudt")
    package = m.read_package(data)
    assert len(package.items) > 3000
    assert m.write_package(package) == data


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("coll/ucadata.icu", True),  # the root collation every locale starts from
        ("coll/sv.res", True),
        ("coll/bn.res", True),
        ("root.res", True),
        ("pool.res", True),
        ("likelySubtags.res", True),
        ("supplementalData.res", True),
        ("nfkc.nrm", True),
        ("zone/root.res", True),  # a left-out locale's time-zone names fall back to root's
        ("zone/de.res", False),
        ("de.res", False),
        ("sr_Latn_RS.res", False),
        ("es_419.res", False),
        ("ca_ES_VALENCIA.res", False),
        ("ibm-943_P15A-2003.cnv", False),
        ("brkitr/char.brk", False),
        ("translit/root.res", False),
        ("unames.icu", False),
    ],
)
def test_what_is_kept(item: str, kept: bool) -> None:
    assert icu_data().wanted(f"icudt73l/{item}") is kept


PROBE = """
import json, sys
from PySide6.QtCore import QCollator, QLocale
words = ["zebra", "bär", "äpfel", "apfel"]
out = {"mapped": [l.split()[-1] for l in open("/proc/self/maps") if "libicudata" in l][0]}
for name in ("de_DE", "sv_SE"):
    out[name] = sorted(words, key=QCollator(QLocale(name)).sortKey)
numeric = QCollator(QLocale("en_US"))
numeric.setNumericMode(True)
out["numeric"] = sorted(["a10", "a9", "a100"], key=numeric.sortKey)
out["bn_IN"] = sorted(["খ", "অ", "ক"], key=QCollator(QLocale("bn_IN")).sortKey)
print(json.dumps(out))
"""


@pytest.mark.skipif(shutil.which("as") is None or shutil.which("ld") is None, reason="no binutils (as, ld)")
def test_qt_sorts_each_language_with_the_trimmed_library(tmp_path: Path) -> None:
    smaller = tmp_path / ICU_DATA[0].name
    made = subprocess.run(
        [sys.executable, str(REPO / "bundle" / "icu_data.py"), str(ICU_DATA[0]), str(smaller)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert smaller.stat().st_size < ICU_DATA[0].stat().st_size / 4
    # libicuuc finds libicudata by its RUNPATH: LD_LIBRARY_PATH comes first.
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    probed = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=False)
    assert probed.returncode == 0, probed.stderr
    sorted_by = json.loads(probed.stdout)
    assert Path(sorted_by["mapped"]) == smaller
    assert sorted_by["de_DE"] == ["apfel", "äpfel", "bär", "zebra"]
    assert sorted_by["sv_SE"] == ["apfel", "bär", "zebra", "äpfel"]  # Swedish's own rule: ä after z
    assert sorted_by["numeric"] == ["a9", "a10", "a100"]
    assert sorted_by["bn_IN"] == ["অ", "ক", "খ"]
