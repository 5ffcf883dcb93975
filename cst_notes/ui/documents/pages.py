"""A PDF out of the app: its pages on screen (``PagesView``), on paper, on disk and in the system's viewer.

The PySide6 Essentials wheel has no QtPdf, so pypdfium2 rasterises the pages for the preview and
for printing; bytes that are not a readable PDF raise ValueError. ``PdfOutputs`` saves, prints and
opens a PDF through the Save dialog, the print dialog and the viewer, which tests replace.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QRectF, QSizeF, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from cst_notes.files import make_private_folder, safe_file_name, this_machines_memory_folder, write_atomically

POINTS_PER_INCH = 72.0
# Pages are sent to the printer as pictures: 300 dpi prints text crisply, while the 1200 dpi a
# high-resolution QPrinter reports would make a bitmap of over 500 MB of every A4 page.
PRINT_DPI_LIMIT = 300
W = TypeVar("W", bound=QWidget)
PAGE_GAP, MIN_PAGE_WIDTH, MAX_PAGE_WIDTH = 14, 160, 1100
VIEW_STYLE = """
QScrollArea#pages_area, QWidget#pages { background: #d7dade; }
QLabel#page { background: white; border: 1px solid #a9aeb5; }
QLabel#pages_message { color: #8e1b1b; font-size: 12pt; padding: 24px; }
QLabel#pages_message[waiting="true"] { color: #5f6368; }
"""


# PDFium is not safe to use from two threads at once: the preview renders pages in the
# background thread (``ui.widgets.background``) while the GUI thread may print or count pages.
_pdfium = threading.RLock()


@contextlib.contextmanager
def _opened(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    """``pdf`` open in PDFium, which no other thread uses until it is closed again."""
    with _pdfium:
        try:
            document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise ValueError(f"the PDF could not be read ({exc})") from exc
        try:
            yield document
        finally:
            document.close()


def page_count(pdf: bytes) -> int:
    with _opened(pdf) as document:
        return len(document)


def _image(page: pdfium.PdfPage, scale: float, *, for_print: bool = False) -> QImage:
    bitmap = page.render(
        scale=scale,
        prefer_bgrx=True,  # 4 bytes a pixel: Qt's fastest format, and rows stay aligned
        rev_byteorder=True,  # RGBx, the byte order QImage.Format_RGBX8888 reads
        optimize_mode="print" if for_print else None,
    )
    try:
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
        return image.copy()  # own the pixels: the bitmap's buffer goes with it
    finally:
        bitmap.close()


def page_images(pdf: bytes, width_px: int) -> list[QImage]:
    """Every page of ``pdf``, rendered ``width_px`` pixels wide (the height keeps the page's proportions)."""
    if width_px < 1:
        raise ValueError(f"a page cannot be {width_px} pixels wide")
    with _opened(pdf) as document:
        return [_image(page, width_px / page.get_width()) for page in document]


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class PagesView(QStackedWidget):
    """The pages of a PDF one below the other, as wide as the view; or, in their place, a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(VIEW_STYLE)
        self.pages = _named(QWidget(), "pages")
        self._column = QVBoxLayout(self.pages)
        self._column.setSpacing(PAGE_GAP)
        self._column.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self._column.addStretch()
        self.page_labels: list[QLabel] = []
        self.area = _named(QScrollArea(widgetResizable=True), "pages_area")
        self.area.setWidget(self.pages)
        self.message = _named(QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter), "pages_message")
        self.message.setProperty("waiting", False)
        self.addWidget(self.area)
        self.addWidget(self.message)
        self.page_count, self.drawn_width = 0, 0

    def page_width(self) -> int:
        """The width pages are drawn at: the view's, less a scroll bar and the margins."""
        bar = self.area.verticalScrollBar().sizeHint().width()
        available = self.area.maximumViewportSize().width() - bar - 2 * (PAGE_GAP + 1)  # 1: the page's border
        return max(MIN_PAGE_WIDTH, min(MAX_PAGE_WIDTH, available))

    def needs_redraw(self) -> bool:
        return self.page_count > 0 and abs(self.page_width() - self.drawn_width) > 2

    def pixel_width(self) -> int:
        """The width in device pixels to render pages at for this view (``page_images``)."""
        return round(self.page_width() * self.devicePixelRatioF())

    def show_pdf(self, pdf: bytes) -> int:
        """Draw every page of ``pdf`` at the view's width; returns the number of pages (ValueError if unreadable)."""
        return self.show_images(page_images(pdf, self.pixel_width()))

    def show_images(self, images: list[QImage]) -> int:
        """Show pages already rendered (``page_images`` at ``pixel_width()``, in any thread); returns their number."""
        ratio = self.devicePixelRatioF()
        self.drawn_width = round(images[0].width() / ratio) if images else self.page_width()
        while len(self.page_labels) < len(images):
            label = _named(QLabel(), "page")
            self._column.insertWidget(len(self.page_labels), label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        for n, label in enumerate(self.page_labels):
            if n < len(images):
                pixmap = QPixmap.fromImage(images[n])
                pixmap.setDevicePixelRatio(ratio)
                label.setPixmap(pixmap)
            label.setVisible(n < len(images))
        self.page_count = len(images)
        self.setCurrentWidget(self.area)
        return self.page_count

    def show_message(self, text: str, *, waiting: bool = False) -> None:
        """``text`` in place of the pages: why there are none (in red), or, ``waiting``, that they are on their way."""
        self.page_count = 0
        if self.message.property("waiting") != waiting:
            self.message.setProperty("waiting", waiting)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def show_waiting(self, text: str) -> None:
        """``text`` (in grey) in place of the pages while they are being made."""
        self.show_message(text, waiting=True)


def printer_for(pdf: bytes, document_name: str) -> QPrinter:
    """A high-resolution printer set to the paper size of the PDF's first page, printing at actual size."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document_name)
    with _opened(pdf) as document:
        if len(document):
            width, height = document[0].get_size()
            size = QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
            printer.setPageSize(size)
    printer.setFullPage(True)  # the PDF has its own margins: place it on the whole sheet, not the printable area
    return printer


def _chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The page indexes to print, honouring a page range and a reversed order chosen in the print dialog."""
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage(), min(count, printer.toPage() or count)
    pages = list(range(first - 1, last))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def _fitted(image: QImage, area: QRectF) -> QRectF:
    """``image`` as large as fits in ``area``, keeping its proportions, centred."""
    scale = min(area.width() / image.width(), area.height() / image.height())
    size = QSizeF(image.width() * scale, image.height() * scale)
    left = area.left() + (area.width() - size.width()) / 2
    top = area.top() + (area.height() - size.height()) / 2
    return QRectF(left, top, size.width(), size.height())


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint the pages of ``pdf`` onto ``printer``, one sheet each; returns the number of pages printed.

    Each page is rendered at the printer's resolution (at most ``PRINT_DPI_LIMIT``) and fitted to
    the painter's area (the whole sheet with ``setFullPage(True)``). Raises OSError if the printer
    cannot start, ValueError if ``pdf`` is not a readable PDF.
    """
    with _opened(pdf) as document:
        pages = _chosen_pages(printer, len(document))
        if not pages:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        try:
            area = QRectF(painter.viewport())
            scale = min(printer.resolution(), PRINT_DPI_LIMIT) / POINTS_PER_INCH
            for n, index in enumerate(pages):
                if n and not printer.newPage():
                    raise OSError(f"the printer stopped after {n} pages")
                image = _image(document[index], scale, for_print=True)
                painter.drawImage(_fitted(image, area), image)
            return len(pages)
        finally:
            painter.end()


def ask_print(parent: QWidget, printer: QPrinter, pages: int) -> bool:
    """Qt's print dialog on ``printer``, with a page range of 1 to ``pages``; True if the user chose Print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(1, pages))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    """Qt's Save dialog; the chosen path (always ending in .pdf), or None if cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, "Save PDF", str(suggested), "PDF documents (*.pdf)")
    path = Path(name) if name else None
    return path if path is None or path.suffix.lower() == ".pdf" else path.with_name(f"{path.name}.pdf")


def open_in_viewer(path: Path) -> bool:
    """Open ``path`` in the system's PDF viewer; False if no application took it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def file_name(patient: str, title: str, day: dt.date) -> str:
    """'<patient> - Session summary 2026-11-24.pdf', safe on every file system (and under 255 bytes)."""
    return f"{safe_file_name(patient, 'Patient')} - {title} {day.isoformat()}.pdf"


TEMP_PREFIX = "cst-notes-"
NO_PLAIN_COPY = (
    "This practice's records are encrypted, and this computer has no folder held in memory for the "
    "viewer's copy, so no copy was written: save the document where you choose, or print it."
)
LEFTOVER_AGE = dt.timedelta(days=1)
_temporary: list[Path] = []  # the copies this run made for the viewer


def _remove_at_quit(folder: Path) -> None:
    if not _temporary:
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(remove_temporary_copies)
    _temporary.append(folder)


def remove_temporary_copies() -> None:
    """The patient documents this run handed to the viewer: not left in the temporary folder."""
    while _temporary:
        shutil.rmtree(_temporary.pop(), ignore_errors=True)


def remove_old_copies(temp_folder: Path, now: dt.datetime | None = None) -> None:
    """Copies an earlier run left (it crashed, or was killed) once they are a day old."""
    now = now or dt.datetime.now()
    for folder in temp_folder.glob(f"{TEMP_PREFIX}*"):
        try:
            old = now - dt.datetime.fromtimestamp(folder.stat().st_mtime) > LEFTOVER_AGE
        except OSError:
            continue
        if old and folder.is_dir() and folder not in _temporary:
            shutil.rmtree(folder, ignore_errors=True)


class PdfOutputs:
    """Where a finished PDF goes: a file the user names, the printer, the system's PDF viewer.

    The windows are reached through attributes that tests replace: ``ask_save_path`` (the Save
    dialog), ``ask_print`` (the print dialog), ``open_file`` (the viewer). Each method returns what
    it did and the sentence to tell the user (None and "" if the user cancelled); a failure is an
    OSError whose message says what went wrong.
    """

    def __init__(self) -> None:
        self.ask_save_path: Callable[[QWidget, Path], Path | None] = ask_save_path
        self.ask_print: Callable[[QWidget, QPrinter, int], bool] = ask_print
        self.open_file: Callable[[Path], bool] = open_in_viewer
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self.documents_folder = Path(documents) if documents else Path.home()
        self.temp_folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation))
        self.memory_folder = this_machines_memory_folder()  # for an encrypted practice's copies

    def save(self, parent: QWidget, pdf: bytes, name: str) -> tuple[Path | None, str]:
        target = self.ask_save_path(parent, self.documents_folder / name)
        if target is None:
            return None, ""
        try:
            write_atomically(target, pdf)
        except OSError as exc:
            raise OSError(f"{target.name} could not be saved: {exc.strerror or exc}") from exc
        return target, f"Saved {target}"

    def print(self, parent: QWidget, pdf: bytes, name: str, pages: int) -> tuple[int | None, str]:
        printer = printer_for(pdf, name.removesuffix(".pdf"))
        if not self.ask_print(parent, printer, pages):
            return None, ""
        try:
            printed = print_pdf(pdf, printer)
        except (OSError, ValueError) as exc:
            raise OSError(f"Could not print: {exc}") from exc
        return printed, f"Sent {printed} page{'' if printed == 1 else 's'} to {printer.printerName() or 'the printer'}."

    def open(self, pdf: bytes, name: str, *, encrypted: bool = False) -> tuple[Path | None, str]:
        """A copy in a new private temporary folder, handed to the system's viewer. The copy is
        removed when the app quits (the viewer may still be reading it until then); copies a crash
        left behind are removed a day later.

        ``encrypted``: the practice's database is encrypted, so no plain copy may reach the disk:
        the copy goes to a folder held in memory (``memory_folder``), and where there is none
        nothing is written and the message says what to do instead."""
        folder = self.memory_folder if encrypted else self.temp_folder
        if folder is None:
            raise OSError(NO_PLAIN_COPY)
        try:
            make_private_folder(folder)
            remove_old_copies(folder)
            copies = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=folder))
            _remove_at_quit(copies)
            path = copies / name
            write_atomically(path, pdf)
        except OSError as exc:
            raise OSError(f"The temporary copy could not be written: {exc.strerror or exc}") from exc
        if not self.open_file(path):
            raise OSError(f"No PDF viewer could be started. The copy is at {path}")
        where = " (held in memory, not on the disk)" if encrypted else ""
        return path, f"Opened a temporary copy in the PDF viewer{where}: {path}"
