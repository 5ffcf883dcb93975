"""PDF pages as images, for the preview and for printing (pypdfium2: the Essentials wheel has no QtPdf)."""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72


def _image(page: pdfium.PdfPage, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB(A) byte order, as QImage expects
    width, height = bitmap.width, bitmap.height
    fmt = QImage.Format.Format_RGBA8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888
    image = QImage(bytes(bitmap.buffer), width, height, bitmap.stride, fmt)
    return image.copy()  # own the pixels: the bitmap's buffer goes away


def page_images(pdf: bytes, width_px: int) -> list[QImage]:
    """Every page rendered ``width_px`` pixels wide."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [_image(page, width_px / page.get_width()) for page in document]
    finally:
        document.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page onto ``printer`` at its resolution; returns the number of pages printed."""
    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise OSError("the printer could not be started")
    try:
        count = 0
        for page in document:
            if count:
                printer.newPage()
            scale = printer.resolution() / POINTS_PER_INCH
            image = _image(page, scale)
            fitted = image.scaled(
                painter.viewport().size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawImage(0, 0, fitted)
            count += 1
        return count
    finally:
        painter.end()
        document.close()
