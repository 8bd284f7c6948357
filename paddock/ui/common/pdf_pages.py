"""PDF pages as images, for the on-screen preview and for the printer (pypdfium2).

PDFium is not thread-safe: every call into it from the UI package holds `PDFIUM_LOCK`,
so a preview page rendered on one pool thread never overlaps a print job or an event
pack on another. The functions here take plain bytes and return `QImage`s, which (unlike
pixmaps) may be made on any thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from paddock.errors import PaddockError

#: Held around every PDFium call made by the UI (PDFium allows one caller at a time).
PDFIUM_LOCK = threading.Lock()

#: PDF units are points (1/72 in).
POINTS_PER_INCH = 72
#: Preview pages are rendered at 144 dpi: sharp at "fit width" on a laptop screen, and
#: scaled down (not re-rendered) when the window narrows.
PREVIEW_DPI = 144
#: Printing renders each page at the printer's resolution, but never above this: text
#: at 300 dpi is crisp on paper, and a Letter page at the 1200 dpi a PDF printer reports
#: would be a half-gigabyte image.
MAX_PRINT_DPI = 300


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` has.

    Raises:
        PaddockError: the bytes are not a PDF PDFium can read.
    """
    with PDFIUM_LOCK:
        document = _open(pdf)
        try:
            return len(document)
        finally:
            document.close()


def render_page(pdf: bytes, index: int, dpi: float = PREVIEW_DPI) -> QImage:
    """Page ``index`` (0 = first) of ``pdf`` as an RGB image at ``dpi``.

    Raises:
        IndexError: no such page.
        PaddockError: the bytes are not a PDF PDFium can read.
    """
    with PDFIUM_LOCK:
        document = _open(pdf)
        try:
            if not 0 <= index < len(document):
                raise IndexError(f"page {index + 1} of a {len(document)}-page document")
            return _rasterise(document[index], dpi)
        finally:
            document.close()


def print_pdf(pdf: bytes, printer: QPrinter,
              on_page: Callable[[int, int], None] | None = None) -> int:
    """Send every page of ``pdf`` to ``printer`` as an image at the printer's resolution.

    Each page fills the paper at its own proportions (the document's margins are the
    PDF's). The orientation follows the first page. Painting on a `QPrinter` is allowed
    on a worker thread, so this may run on the pool once the dialog has closed.

    Args:
        pdf: the document.
        printer: a configured printer (from `QPrintDialog`, or a PDF file printer in tests).
        on_page: called with (page number from 1, page count) after each page.

    Return:
        The number of pages printed.

    Raises:
        PaddockError: the PDF cannot be read or the printer cannot be started.
    """
    with PDFIUM_LOCK:
        document = _open(pdf)
    try:
        with PDFIUM_LOCK:
            count = len(document)
            if not count:
                return 0
            first = document[0]
            width, height = first.get_size()
            first.close()
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if width > height
                                   else QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PaddockError(f"the printer '{printer.printerName()}' could not be started")
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            for index in range(count):
                if index and not printer.newPage():
                    raise PaddockError(f"the printer refused page {index + 1}")
                with PDFIUM_LOCK:
                    image = _rasterise(document[index], dpi)
                paper = printer.pageLayout().fullRectPixels(printer.resolution())
                painter.drawImage(_fitted(image, paper), image)
                if on_page is not None:
                    on_page(index + 1, count)
        finally:
            painter.end()
        return count
    finally:
        with PDFIUM_LOCK:
            document.close()


def _open(pdf: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise PaddockError(f"the document could not be read as a PDF ({exc})") from exc


def _rasterise(page: pdfium.PdfPage, dpi: float) -> QImage:
    """The page as an image; the pixels are copied out before PDFium's bitmap is freed."""
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
    try:
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_RGBX8888)
        return image.copy()
    finally:
        bitmap.close()
        page.close()


def _fitted(image: QImage, area: QRect) -> QRectF:
    """The largest rectangle with the image's proportions, centred in ``area``."""
    scale = min(area.width() / image.width(), area.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF(area.x() + (area.width() - width) / 2,
                  area.y() + (area.height() - height) / 2, width, height)
