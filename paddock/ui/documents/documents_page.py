"""The Documents page: an event's official documents, previewed, saved, printed, packed.

The list on the left holds every document of the event selected in the header, grouped
by session, each with how it stands or what it waits for. Choosing one makes its PDF on
the thread pool (with a connection of the worker's own) and shows the pages; Save PDF
writes those same bytes, Print sends them to a printer, Event pack writes every document
of the event into a folder. A starting grid also lists the stewards' amendments, and
takes a new one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError
from paddock.services.season import season_overview
from paddock.ui.common.no_events import EventBody
from paddock.ui.common.pdf_pages import PDFIUM_LOCK, page_count, render_page
from paddock.ui.common.pdf_preview import PdfPreview
from paddock.ui.common.theme import set_style_property as set_state
from paddock.ui.documents.documents_catalogue import (
    Catalogue,
    DocumentChoice,
    DocumentKind,
    document_catalogue,
    file_name,
    on_own_connection,
    render_document,
)
from paddock.ui.documents.documents_grid import GridAmendments
from paddock.ui.documents.documents_list import DocumentList
from paddock.ui.documents.documents_output import PdfOutput, documents_folder
from paddock.ui.documents.documents_style import documents_style_sheet
from paddock.ui.documents.warmup import start_warmup
from paddock.ui.season.session_facts_dialog import SessionFactsDialog
from paddock.ui.workers import TaskRunner

if TYPE_CHECKING:
    from paddock.services.database import Database
    from paddock.services.documents import EventPack

log = logging.getLogger(__name__)

ALL_CLASSES = "All classes"
#: The pause after a choice before its document is made (see `DocumentsPage._render`).
RENDER_DELAY_MS = 150


@dataclass(frozen=True)
class Preview:
    """A document made on the pool: its PDF, page count and first page as an image."""

    pdf: bytes
    pages: int
    first_page: QImage


def make_preview(db_path: Path | str | None, choice: DocumentChoice,
                 class_name: str | None) -> Preview:
    """Make ``choice``'s PDF and rasterise its first page (runs on the pool)."""
    pdf = on_own_connection(db_path, lambda db: render_document(db, choice, class_name))
    return Preview(pdf, page_count(pdf), render_page(pdf, 0))


def write_event_pack(db_path: Path | str | None, event: int, folder: Path) -> EventPack:
    """Write every document of ``event`` into ``folder`` (runs on the pool)."""
    from paddock.services.documents import event_pack

    # The tyre sheet's barcode pages are joined with PDFium: one caller at a time.
    with PDFIUM_LOCK:
        return on_own_connection(db_path, lambda db: event_pack(db, event=str(event),
                                                                folder=folder))


class DocumentsPage(QWidget):
    """Previews, saves and prints the documents of the event chosen in the header.

    Args:
        db: the open database (read on the main thread only).
        event_number: the event shown first, or None until one is chosen.
        runner: makes the PDFs off the UI thread (default: a runner of the page's own).

    Signals:
        status(str): a line for the window's status bar.
        preview_ready(): the preview shows a new document, or says why it cannot.
        grid_changed(): a grid amendment was added or taken back here.
        pack_written(object): the `EventPack` written by Event pack.
        season_page_requested(): the season has no events and the official asked for the
            Season page to add them.
    """

    status = Signal(str)
    preview_ready = Signal()
    grid_changed = Signal()
    pack_written = Signal(object)
    season_page_requested = Signal()

    def __init__(
        self,
        db: Database,
        event_number: int | None,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.runner = runner if runner is not None else TaskRunner(parent=self)
        self._event: int | None = None
        self._catalogue: Catalogue | None = None
        self._choice: DocumentChoice | None = None
        self._class: str | None = None
        self._generation = 0
        self._rendering = False
        self._packing = False
        self._stale = False
        # The first document after the list is read is made at once; the pause is for
        # an official arrowing down the list (see `_render`).
        self._at_once = False
        self._in_flight: tuple[object, str | None] | None = None
        self._early = False
        start_warmup()
        self.setObjectName("documentsPage")
        self.setStyleSheet(documents_style_sheet())
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self._start_render)

        self.output = PdfOutput(self.runner, self, db_path=self._db.path)
        self.output.status.connect(self.status)
        self.output.printed.connect(lambda _pages: self._update_actions())
        self._build()
        self.set_event(event_number)

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel("Documents")
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSummary")
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.summary)

        self.pack_button = QPushButton("Event pack…")
        self.pack_button.setObjectName("eventPackButton")
        self.pack_button.setToolTip("Write every document of the event that can be made "
                                    "into one folder")
        self.pack_button.clicked.connect(lambda: self.write_event_pack())
        self.facts_button = QPushButton("Session facts…")
        self.facts_button.setObjectName("sessionFactsButton")
        self.facts_button.setToolTip("The chosen document's session: date, scheduled start, "
                                     "length and conditions, as its documents print them")
        self.facts_button.clicked.connect(lambda: self.edit_session_facts())
        top = QHBoxLayout()
        top.addLayout(heading)
        top.addStretch(1)
        top.addWidget(self.facts_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.pack_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.message = QLabel()
        self.message.setObjectName("checkMessages")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        # Left: the documents, and a grid's amendments under them.
        self.document_list = DocumentList()
        self.document_list.chosen.connect(self._chosen)
        self.grid_panel = GridAmendments(self._db)
        self.grid_panel.changed.connect(self._grid_changed)
        self.grid_panel.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(8)
        left_layout.addWidget(self.document_list, 1)
        left_layout.addWidget(self.grid_panel)
        left.setMinimumWidth(250)

        # Right: what is shown, its state, what can be done with it, then the pages.
        self.document_title = QLabel()
        self.document_title.setObjectName("documentHeading")
        self.state_badge = QLabel()
        self.state_badge.setObjectName("stateBadge")
        self.amended_badge = QLabel("AMENDED")
        self.amended_badge.setObjectName("amendedBadge")
        self.amended_badge.setToolTip("The stewards changed this grid by hand: the "
                                      "amendments are printed under it")
        self.amended_badge.hide()
        self.class_combo = QComboBox()
        self.class_combo.setObjectName("documentClass")
        self.class_combo.setMinimumWidth(130)
        self.class_combo.setToolTip("Make the document for one class")
        self.class_combo.currentIndexChanged.connect(self._class_changed)
        self.class_caption = QLabel("Class")
        self.class_caption.setObjectName("mutedText")
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setObjectName("savePdfButton")
        self.save_button.setProperty("primary", "true")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setToolTip("Save this document as a PDF file (Ctrl+S)")
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.print_button = QPushButton("Print…")
        self.print_button.setObjectName("printButton")
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.setToolTip("Print this document (Ctrl+P)")
        self.print_button.clicked.connect(lambda: self.print_document())

        title_row = QHBoxLayout()
        title_row.setSpacing(10)
        title_row.addWidget(self.document_title)
        title_row.addWidget(self.state_badge)
        title_row.addWidget(self.amended_badge)
        title_row.addStretch(1)
        title_row.addWidget(self.class_caption)
        title_row.addWidget(self.class_combo)
        title_row.addSpacing(6)
        title_row.addWidget(self.print_button)
        title_row.addWidget(self.save_button)

        self.preview = PdfPreview(self.runner)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(8)
        right_layout.addLayout(title_row)
        right_layout.addWidget(self.preview, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 800])

        self.event_body = EventBody(self, "Documents", "each event's documents are made "
                                    "from its entries, tyres and results.")
        self.event_body.panel.season_page_requested.connect(self.season_page_requested)
        layout = QVBoxLayout(self.event_body.body)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)
        self._show_heading()

    # --- choosing what is shown -----------------------------------------------------

    def set_event(self, number: int | None) -> None:
        """Show the documents of event ``number``; the same document when it has one (None:
        the season has no events)."""
        self._event = number
        self.message.hide()
        self._show_event_body()
        self.refresh()

    def _show_event_body(self) -> None:
        if self._event is None:
            self.event_body.show_no_events(season_overview(self._db).year)
        else:
            self.event_body.show_body()

    def current_event(self) -> int | None:
        return self._event

    @property
    def catalogue(self) -> Catalogue | None:
        """The documents listed, with their states."""
        return self._catalogue

    @property
    def choice(self) -> DocumentChoice | None:
        """The document chosen."""
        return self._choice

    @property
    def busy(self) -> bool:
        """Whether a document or an event pack is being made."""
        return self._rendering or self._packing

    def refresh(self) -> None:
        """Read the list again (the data changed) and remake the document shown.

        A hidden page only notes that it is out of date, and catches up when shown: the
        tyre desk's scans and the timing office's imports do not wait for documents
        nobody is looking at.
        """
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._show_event_body()
        keep = self._choice.key if self._choice is not None else None
        self._catalogue = None
        if self._event is not None:
            try:
                self._catalogue = document_catalogue(self._db, self._event)
            except PaddockError as exc:
                log.warning("Documents page: %s", exc.message)
        self._fill_classes()
        self.document_list.set_catalogue(self._catalogue)
        self._update_summary()
        self._choice = None
        self._at_once = True
        chosen = self._catalogue is not None and (
            (keep is not None and self.document_list.select(keep))
            or self._select_first())
        self._at_once = False
        if not chosen:
            self._chosen(None)

    def _select_first(self) -> bool:
        catalogue = self._catalogue
        return bool(catalogue and catalogue.available
                    and self.document_list.select(catalogue.available[0].key))

    def select_document(self, kind: str, session: str | None = None,
                        race: int | None = None) -> bool:
        """Choose a document of the list (its key in the catalogue, e.g. a `DocumentKind`);
        False when it is not there or cannot be made."""
        return self.document_list.select((str(kind), session, race))

    def set_class(self, class_name: str | None) -> None:
        """Make the document for one class (None: all classes), when it takes one."""
        index = self.class_combo.findData(class_name or "")
        if index >= 0:
            self.class_combo.setCurrentIndex(index)

    def _fill_classes(self) -> None:
        classes = self._catalogue.classes if self._catalogue is not None else ()
        current = self._class or ""
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        self.class_combo.addItem(ALL_CLASSES, "")
        for name in classes:
            self.class_combo.addItem(name, name)
        index = self.class_combo.findData(current)
        self.class_combo.setCurrentIndex(max(0, index))
        self._class = str(self.class_combo.currentData() or "") or None
        self.class_combo.blockSignals(False)

    def _class_changed(self) -> None:
        self._class = str(self.class_combo.currentData() or "") or None
        if self._choice is not None and self._choice.takes_class:
            self._render()

    def _chosen(self, choice: DocumentChoice | None) -> None:
        self._choice = choice
        self.message.hide()
        if choice is not None and choice.kind == DocumentKind.GRID:
            assert choice.event is not None and choice.race is not None
            self.grid_panel.set_grid(choice.event, choice.race, choice.session_name)
            self.grid_panel.show()
        else:
            self.grid_panel.hide()
        self._show_heading()
        if choice is None:
            self._generation += 1
            self._rendering = False
            self._in_flight = None
            self._render_timer.stop()
            if self._event is None:
                text = "Choose an event in the header to see its documents."
            elif self._catalogue is None:
                text = "The documents of this event cannot be read just now."
            else:
                text = "Choose a document on the left to see it here."
            self.preview.show_message(text)
            self._update_actions()
            return
        self._render()

    # --- making the preview ---------------------------------------------------------

    def _render(self) -> None:
        """Make the chosen document on the pool, once the choice has settled.

        The render starts after a short pause: an official arrowing down the list
        starts one render, for the document they stop on, not one per document passed.
        A render whose document is no longer chosen is ignored when it answers.
        """
        choice = self._choice
        if choice is None:
            return
        class_name = self._class if choice.takes_class else None
        if self._early and self._rendering and self._in_flight == (choice.key, class_name):
            return  # already being made: the first document, started before the list
        self._generation += 1
        self._rendering = True
        self.preview.show_busy(f"Making the {self._what(choice, class_name)}…")
        self._update_actions()
        if self._at_once:
            self._render_timer.stop()
            self._start_render()
        else:
            self._render_timer.start()

    def _start_render(self) -> None:
        choice = self._choice
        if choice is None or not self._rendering:
            return
        self._make(choice, self._class if choice.takes_class else None)

    def _make(self, choice: DocumentChoice, class_name: str | None) -> None:
        generation = self._generation
        self._in_flight = (choice.key, class_name)
        db_path = self._db.location
        self.runner.run(lambda: make_preview(db_path, choice, class_name),
                        on_success=lambda preview: self._previewed(generation, preview),
                        on_failure=lambda error: self._preview_failed(generation, error))

    def _previewed(self, generation: int, preview: Preview) -> None:
        if generation != self._generation:
            return  # another document was chosen meanwhile
        self._rendering = False
        self._in_flight = None
        self.preview.show_document(preview.pdf, preview.pages, preview.first_page)
        self._update_actions()
        self.preview_ready.emit()

    def _preview_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._rendering = False
        self._in_flight = None
        if isinstance(error, PaddockError):
            text = f"This document cannot be made yet:\n{error.message}"
        else:
            log.error("Making a document failed", exc_info=error)
            text = f"This document could not be made:\n{error!r}"
        self.preview.show_message(text)
        self._update_actions()
        self.preview_ready.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            # The page is drawn first; the list is read and the first document started
            # right after, in the same turn of the event loop's queue.
            self.preview.show_busy("Reading the event's documents…")
            QTimer.singleShot(0, self._catch_up)

    def _catch_up(self) -> None:
        if not self._stale:
            return
        if self._choice is None and self._event is not None:
            # Nothing shown yet: the page opens on the event's entry list (always the
            # first document, always ready), so it is started before the list is read.
            self._generation += 1
            self._rendering = True
            self._make(DocumentChoice(DocumentKind.ENTRY_LIST.value, "Entry list", "Event",
                                      self._event, ""), None)
            self._early = True
        try:
            self.refresh()
        finally:
            self._early = False

    @staticmethod
    def _what(choice: DocumentChoice, class_name: str | None) -> str:
        """The document in words: "Race 1 classification (Pro)"."""
        text = choice.full_title[0].lower() + choice.full_title[1:]
        if text.startswith(("race", "qualifying", "free practice")):
            text = text[0].upper() + text[1:]
        return text + (f" ({class_name})" if class_name else "")

    def _show_heading(self) -> None:
        choice = self._choice
        if choice is None:
            self.document_title.setText("No document chosen")
            self.state_badge.hide()
            self.amended_badge.hide()
        else:
            self.document_title.setText(choice.full_title)
            if choice.official is None:
                self.state_badge.hide()
            elif choice.official:
                self.state_badge.setText("OFFICIAL" + (f" · REV {choice.revision}"
                                                       if choice.revision else ""))
                set_state(self.state_badge, "state", "official")
                self.state_badge.show()
            else:
                self.state_badge.setText("PROVISIONAL")
                set_state(self.state_badge, "state", "provisional")
                self.state_badge.show()
            self.amended_badge.setVisible(choice.amended)
        takes_class = choice is not None and choice.takes_class
        self.class_combo.setVisible(takes_class)
        self.class_caption.setVisible(takes_class)

    def _update_summary(self) -> None:
        catalogue = self._catalogue
        if catalogue is None:
            self.summary.setText("Choose an event in the header" if self._event is None
                                 else "")
            return
        ready = len(catalogue.available)
        total = len(catalogue.choices)
        self.summary.setText(f"{catalogue.event_name}  ·  {catalogue.season_year} season  ·  "
                             f"{ready} of {total} documents can be made now")

    def _update_actions(self) -> None:
        shown = self.preview.pdf is not None and not self._rendering
        self.save_button.setEnabled(shown)
        self.print_button.setEnabled(shown and not self.output.printing)
        self.pack_button.setEnabled(self._catalogue is not None and not self._packing)
        self.facts_button.setEnabled(self._choice is not None and self._choice.session is not None
                                     and self._choice.event is not None)
        if self._rendering or self._packing or self.output.printing:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    # --- save, print, pack ----------------------------------------------------------

    def save_pdf(self, target: Path | None = None) -> Path | None:
        """Save the document shown (ask where unless ``target`` is given); where it went."""
        pdf, choice = self.preview.pdf, self._choice
        if pdf is None or choice is None or self._rendering:
            return None
        class_name = self._class if choice.takes_class else None
        return self.output.save(pdf, file_name(choice, class_name),
                                self._what(choice, class_name), target)

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Print the document shown (ask for the printer unless given); whether it started."""
        pdf, choice = self.preview.pdf, self._choice
        if pdf is None or choice is None or self._rendering:
            return False
        class_name = self._class if choice.takes_class else None
        started = self.output.print(pdf, self._what(choice, class_name), printer)
        self._update_actions()
        return started

    def write_event_pack(self, folder: Path | None = None) -> bool:
        """Write every document of the event into a folder (asked unless given), on the pool.

        Return:
            Whether the pack was started.
        """
        catalogue = self._catalogue
        if catalogue is None or self._packing:
            return False
        if folder is None:
            start = self.output.last_folder or documents_folder()
            name = QFileDialog.getExistingDirectory(
                self, f"Event pack – {catalogue.event_name}: choose a folder", str(start))
            if not name:
                return False
            folder = Path(name)
        self._packing = True
        self._update_actions()
        self.status.emit(f"Writing the {catalogue.event_name} event pack to {folder}…")
        db_path, event = self._db.location, catalogue.event_number
        self.runner.run(lambda: write_event_pack(db_path, event, folder),
                        on_success=self._pack_done, on_failure=self._pack_failed)
        return True

    def _pack_done(self, pack: EventPack) -> None:
        self._packing = False
        self.output.last_folder = pack.folder
        count = len(pack.written)
        noun = "document" if count == 1 else "documents"
        text = f"✓  Event pack: {count} {noun} written to {pack.folder}."
        if pack.skipped:
            text += "\nNot made yet: " + "; ".join(pack.skipped) + "."
        self._show_message(text, "ok")
        self.status.emit(f"Event pack: {count} {noun} written to {pack.folder}")
        self._update_actions()
        self.pack_written.emit(pack)

    def _pack_failed(self, error: BaseException) -> None:
        self._packing = False
        if isinstance(error, PaddockError):
            text = "Event pack not written: " + error.message
        else:
            log.error("Event pack failed", exc_info=error)
            text = f"Event pack not written: {error!r}"
        self._show_message(text, "problem")
        self.status.emit("Event pack not written")
        self._update_actions()

    def _show_message(self, text: str, state: str) -> None:
        self.message.setText(text)
        set_state(self.message, "state", state)
        self.message.show()

    # --- session facts ---------------------------------------------------------------

    def edit_session_facts(self) -> SessionFactsDialog | None:
        """Open the facts dialog of the chosen document's session; return it once closed.

        Saved facts are printed at once: the list is read again and the document remade.
        """
        choice = self._choice
        if choice is None or choice.session is None or choice.event is None:
            return None
        dialog = SessionFactsDialog(self._db, event=str(choice.event), session=choice.session,
                                    parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.status.emit(f"{dialog.saved.name}: session facts saved")
            self.refresh()
        return dialog

    # --- grid amendments ------------------------------------------------------------

    def add_grid_amendment(self) -> object:
        """Open the amendment dialog of the grid shown (None when no grid is shown)."""
        if self._choice is None or self._choice.kind != DocumentKind.GRID:
            return None
        return self.grid_panel.add_amendment()

    def _grid_changed(self, text: str) -> None:
        self.status.emit(text)
        self.grid_changed.emit()
        self.refresh()

