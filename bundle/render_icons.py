"""Render the app icon's SVG into the PNG sizes a desktop looks for, in the freedesktop layout.

    QT_QPA_PLATFORM=offscreen python bundle/render_icons.py SVG HICOLOR_FOLDER ICON_NAME

writes HICOLOR_FOLDER/scalable/apps/ICON_NAME.svg and HICOLOR_FOLDER/NxN/apps/ICON_NAME.png.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a readable SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(argv: list[str]) -> int:
    svg, hicolor, name = Path(argv[0]), Path(argv[1]), argv[2]
    _app = QGuiApplication([])
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable / f"{name}.svg")
    for size in SIZES:
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        if not render(svg, size).save(str(folder / f"{name}.png")):  # PNG, from the suffix
            raise SystemExit(f"could not write {folder / name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
