"""A print preview of one PDF: its pages as images, one at a time, fitted to the view.

The document's bytes are made elsewhere (on the pool); the preview rasterises the pages it
shows on the pool as well (`paddock.ui.common.pdf_pages`), keeping the last few, and only scales
the finished image on the UI thread.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from paddock.ui.common.pdf_pages import PREVIEW_DPI, render_page
from paddock.ui.workers import TaskRunner

#: Pages kept rasterised (about 8 MB each at the preview's resolution).
CACHED_PAGES = 6
#: Room around the page on the grey desk, in pixels.
DESK_MARGIN = 18
#: Logical pixels per inch on screen: "100 %" shows the page at its paper size.
SCREEN_DPI = 96


class Zoom(Enum):
    FIT_WIDTH = "Fit width"
    WHOLE_PAGE = "Whole page"
    ACTUAL = "100 %"
    LARGE = "150 %"


class PdfPreview(QWidget):
    """Shows a PDF page by page: "Page X of Y", previous / next, fit width or whole page.

    Args:
        runner: rasterises pages off the UI thread.

    Signals:
        page_shown(int): the page now on screen (0 = first), once its image is there.
    """

    page_shown = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._pdf: bytes | None = None
        self._count = 0
        self._index = 0
        self._images: dict[int, QImage] = {}
        self._generation = 0
        self._waiting_for: int | None = None
        self._zoom = Zoom.FIT_WIDTH
        self._build()
        self.show_message("Choose a document on the left to see it here.")

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        self.previous_button = QPushButton("◀  Previous")
        self.previous_button.setObjectName("previousPageButton")
        self.previous_button.setToolTip("Previous page (Page Up)")
        self.previous_button.clicked.connect(lambda: self.go_to_page(self._index - 1))
        self.next_button = QPushButton("Next  ▶")
        self.next_button.setObjectName("nextPageButton")
        self.next_button.setToolTip("Next page (Page Down)")
        self.next_button.clicked.connect(lambda: self.go_to_page(self._index + 1))
        self.page_label = QLabel()
        self.page_label.setObjectName("mutedText")
        self.page_label.setMinimumWidth(90)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_combo = QComboBox()
        self.zoom_combo.setObjectName("zoomCombo")
        for zoom in Zoom:
            self.zoom_combo.addItem(zoom.value, zoom)
        self.zoom_combo.setToolTip("How large the page is shown")
        self.zoom_combo.currentIndexChanged.connect(
            lambda _i: self.set_zoom(self.zoom_combo.currentData()))

        toolbar = QFrame()
        toolbar.setObjectName("previewToolbar")
        row = QHBoxLayout(toolbar)
        row.setContentsMargins(8, 6, 8, 6)
        row.setSpacing(6)
        row.addWidget(self.previous_button)
        row.addWidget(self.page_label)
        row.addWidget(self.next_button)
        row.addStretch(1)
        zoom_caption = QLabel("Zoom")
        zoom_caption.setObjectName("mutedText")
        row.addWidget(zoom_caption)
        row.addWidget(self.zoom_combo)

        self.page = QLabel()
        self.page.setObjectName("previewPage")
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        shadow = QGraphicsDropShadowEffect(self.page)
        shadow.setBlurRadius(14)
        shadow.setOffset(0, 2)
        shadow.setColor(QColor(0, 0, 0, 70))
        self.page.setGraphicsEffect(shadow)
        holder = QWidget()
        holder.setObjectName("previewDesk")
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(DESK_MARGIN, DESK_MARGIN, DESK_MARGIN, DESK_MARGIN)
        holder_layout.addWidget(self.page, 0, Qt.AlignmentFlag.AlignHCenter
                                | Qt.AlignmentFlag.AlignTop)
        holder_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("previewDesk")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(holder)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("previewBusy")
        self.busy_bar.setRange(0, 0)  # no known length: a moving busy indicator
        self.busy_bar.setMaximumWidth(220)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        message_box = QWidget()
        message_box.setObjectName("previewDesk")
        message_layout = QVBoxLayout(message_box)
        message_layout.addStretch(1)
        message_layout.addWidget(self.message)
        message_layout.addSpacing(10)
        message_layout.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        message_layout.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(message_box)
        self.stack.addWidget(self.scroll_area)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(toolbar)
        layout.addWidget(self.stack, 1)

        for keys, step in ((QKeySequence.StandardKey.MoveToPreviousPage, -1),
                           (QKeySequence.StandardKey.MoveToNextPage, 1)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.go_to_page(self._index + s))

    # --- what is shown --------------------------------------------------------------

    @property
    def pdf(self) -> bytes | None:
        """The document shown, or None while there is none."""
        return self._pdf

    @property
    def page_count(self) -> int:
        return self._count

    @property
    def page_index(self) -> int:
        """The page on screen, 0 = first."""
        return self._index

    def page_image(self) -> QImage | None:
        """The rasterised page on screen, or None while it is being made."""
        return self._images.get(self._index) if self._pdf is not None else None

    def page_pixmap_width(self) -> int:
        """How wide the page is drawn, in logical pixels (0 when no page is shown)."""
        pixmap = self.page.pixmap()
        if pixmap is None or pixmap.isNull():
            return 0
        return round(pixmap.width() / pixmap.devicePixelRatio())

    def show_message(self, text: str) -> None:
        """Show no document, only ``text`` ("No results for R1 yet")."""
        self._drop_document()
        self.message.setText(text)
        self.busy_bar.hide()
        self.stack.setCurrentIndex(0)
        self._update_controls()

    def show_busy(self, text: str) -> None:
        """Show ``text`` with a moving bar while the next document is made."""
        self.show_message(text)
        self.busy_bar.show()

    def show_document(self, pdf: bytes, pages: int, first_page: QImage) -> None:
        """Show ``pdf`` (``pages`` pages) from its first page, already rasterised."""
        self._drop_document()
        self._pdf, self._count = pdf, pages
        self._images[0] = first_page
        self.stack.setCurrentIndex(1)
        self.go_to_page(0)

    def go_to_page(self, index: int) -> None:
        """Show page ``index`` (0 = first); it is rasterised on the pool unless kept."""
        if self._pdf is None or not 0 <= index < self._count:
            return
        self._index = index
        image = self._images.get(index)
        if image is not None:
            self._display(image)
            self._update_controls()
            self.page_shown.emit(index)
            return
        self._waiting_for = index
        self._update_controls()
        pdf, generation = self._pdf, self._generation
        self._runner.run(lambda: render_page(pdf, index),
                         on_success=lambda img: self._rendered(generation, index, img),
                         on_failure=lambda error: self._render_failed(generation, error))

    def set_zoom(self, zoom: Zoom) -> None:
        """Fit the page's width, show it whole, or at 100 % / 150 % of its paper size."""
        self._zoom = zoom
        index = self.zoom_combo.findData(zoom)
        if index >= 0 and index != self.zoom_combo.currentIndex():
            self.zoom_combo.setCurrentIndex(index)
        image = self.page_image()
        if image is not None:
            self._display(image)

    # --- internals ------------------------------------------------------------------

    def _drop_document(self) -> None:
        self._generation += 1
        self._pdf, self._count, self._index = None, 0, 0
        self._images.clear()
        self._waiting_for = None
        self.page.clear()

    def _rendered(self, generation: int, index: int, image: QImage) -> None:
        if generation != self._generation:
            return  # a page of a document no longer shown
        self._images[index] = image
        # Keep the pages around the one shown; the others are made again when asked.
        while len(self._images) > CACHED_PAGES:
            farthest = max(self._images, key=lambda i: abs(i - self._index))
            del self._images[farthest]
        if index == self._index:
            self._waiting_for = None
            self._display(image)
            self._update_controls()
            self.page_shown.emit(index)

    def _render_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.show_message(f"This page could not be shown:\n{error}")

    def _target_width(self, image: QImage) -> int:
        # Measured from the scroll area, less a vertical scroll bar whether shown or not:
        # a page fitted to the width is taller than the view, so the bar will appear.
        frame = 2 * self.scroll_area.frameWidth()
        bar = self.scroll_area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        room_w = max(120, self.scroll_area.width() - frame - bar - 2 * DESK_MARGIN)
        room_h = max(120, self.scroll_area.height() - frame - 2 * DESK_MARGIN)
        if self._zoom is Zoom.FIT_WIDTH:
            return room_w
        if self._zoom is Zoom.WHOLE_PAGE:
            return min(room_w, round(room_h * image.width() / image.height()))
        factor = 1.0 if self._zoom is Zoom.ACTUAL else 1.5
        paper_inches = image.width() / PREVIEW_DPI
        return round(paper_inches * SCREEN_DPI * factor)

    def _display(self, image: QImage) -> None:
        ratio = self.devicePixelRatioF()
        width = self._target_width(image)
        scaled = image.scaledToWidth(max(1, round(width * ratio)),
                                     Qt.TransformationMode.SmoothTransformation)
        pixmap = QPixmap.fromImage(scaled)
        pixmap.setDevicePixelRatio(ratio)
        self.page.setPixmap(pixmap)
        self.page.setFixedSize(pixmap.size() / ratio)

    def _update_controls(self) -> None:
        has_document = self._pdf is not None
        self.previous_button.setEnabled(has_document and self._index > 0)
        self.next_button.setEnabled(has_document and self._index < self._count - 1)
        self.zoom_combo.setEnabled(has_document)
        if not has_document:
            self.page_label.setText("")
        elif self._waiting_for is not None:
            self.page_label.setText(f"Page {self._index + 1} of {self._count} …")
        else:
            self.page_label.setText(f"Page {self._index + 1} of {self._count}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        image = self.page_image()
        if image is not None and self._zoom in (Zoom.FIT_WIDTH, Zoom.WHOLE_PAGE):
            self._display(image)

