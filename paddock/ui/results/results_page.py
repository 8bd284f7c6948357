"""The Results page: a session's classification, its timing files, penalties and revisions.

The timing office picks a session of the event, loads its timing files (button or drag and
drop; the import runs on the thread pool), records the stewards' penalties, types results
for a session without time cards, and publishes the classification as official. Every
change goes through ``services.results``; the page then reloads what it shows and emits
``results_changed``.

Above the classification, the timing-system panel (`results_check`) says how it compares
with the timing system's own results file (``services.timing_check``), after every change:
it offers the time penalty that file shows and the lap it counts, and asks DNS or DNF for
each car without a crossing; each opens a dialog where an official confirms with a reason.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError
from paddock.services import entries as entry_service
from paddock.services import results as result_service
from paddock.services.catalogue import document_type
from paddock.services.export import ExportResult
from paddock.services.results import (
    ImportSummary,
    PenaltyView,
    ResultRowView,
    RevisionView,
    SessionResults,
)
from paddock.services.season import EventView, event_view, season_overview
from paddock.services.timing_check import SessionCheck, check_session
from paddock.timing.sniff import HEAD_BYTES, Sniffed, sniff
from paddock.ui.common.dialogs import message_area, show_message
from paddock.ui.common.no_events import EventBody
from paddock.ui.common.tables import TextTableModel, configure_table, size_text_columns
from paddock.ui.common.theme import set_style_property
from paddock.ui.documents.documents_catalogue import on_own_connection
from paddock.ui.documents.documents_output import PdfOutput, documents_folder
from paddock.ui.file_actions import show_refusal
from paddock.ui.results.results_cars import CarChoice, cars_in, entered_cars
from paddock.ui.results.results_check import ElidedLabel, TimingCheckPanel
from paddock.ui.results.results_penalty_dialog import PenaltyDialog
from paddock.ui.results.results_publish_dialog import (
    BulletinDialog,
    CorrectionReasonDialog,
    PublishDialog,
    WithdrawDialog,
)
from paddock.ui.results.results_revision_dialog import RevisionDialog
from paddock.ui.results.results_status_dialog import CarStatusDialog
from paddock.ui.results.results_style import results_style_sheet
from paddock.ui.results.results_table import (
    PENALTY_COLUMNS,
    REVISION_COLUMNS,
    SOURCE_COLUMNS,
    ResultsFilterProxy,
    ResultsTableModel,
    fit_name_columns,
    local_time,
    penalty_rows,
    penalty_summary,
    revision_rows,
    size_result_columns,
    source_rows,
)
from paddock.ui.results.results_typed_dialog import TypedResultDialog
from paddock.ui.workers import TaskRunner

if TYPE_CHECKING:
    from paddock.services.database import Database

log = logging.getLogger(__name__)

#: The classification's row: the font's height and this much (compact enough for 20 rows
#: of a 28-car race on a 1366×768 screen).
ROW_PADDING = 6
#: The height of the lower panel (penalties, revisions, files) when open.
PANEL_HEIGHT = 170
#: Below this page height the secondary panels start closed (a 768-pixel screen).
COMPACT_HEIGHT = 760
#: Driver and team shrink to fit the width, never below this.
NAME_FLOOR = 130
#: The kinds of file whose rows are laps: a session loaded from them has no typed lines.
LAP_KINDS = ("alkamel-time-cards", "generic-laps")


def load_timing_files(db_path: Path | str | None, event: str, session: str, files: Sequence[Path],
                      reason: str) -> ImportSummary:
    """Import timing files with a connection of this thread's own (runs on the pool)."""
    return on_own_connection(db_path, lambda db: result_service.import_results(
        db, event=event, session=session, files=files, reason=reason))


def classification_pdf(db_path: Path | str | None, event: str, session: str,
                       revision: int | None) -> bytes:
    """The classification document of ``revision`` (None: as it stands) through the
    catalogue, with a connection of this thread's own (runs on the pool)."""
    from paddock.services.catalogue import build

    return on_own_connection(db_path, lambda db: build(
        db, "classification", event=event, session=session, revision=revision))


def export_session(db_path: Path | str | None, event: str, session: str, format: str,
                   target: Path) -> ExportResult:
    """Write the session's results as CSV or JSON (``services.export``; runs on the pool)."""
    from paddock.services.export import export_results

    return on_own_connection(db_path, lambda db: export_results(
        db, event=event, session=session, format=format, output=target))


#: What a file is, in words, when it is not a timing file (`paddock.timing.sniff`).
WHAT_IT_IS = {
    Sniffed.EMPTY: "is empty",
    Sniffed.PNG: "is a PNG picture",
    Sniffed.JPEG: "is a JPEG picture",
    Sniffed.GIF: "is a GIF picture",
    Sniffed.PDF: "is a PDF document",
    Sniffed.ZIP: "is a ZIP archive (an Excel .xlsx or Word file is one)",
    Sniffed.OLE: "is an old Office document (.xls or .doc)",
    Sniffed.BINARY: "is not a text file",
    Sniffed.ENTRY_LIST: "is an entry list (number, first_name, last_name…): import it on the "
                        "Entries page (File → Import entries)",
}
#: What the Results page expects, said once.
EXPECTED = ("a timing file was expected: the timing system's CSV export (Al Kamel results or "
            "time cards, or generic results or laps)")


def wrong_kind(path: Path) -> str | None:
    """One sentence when ``path`` is not a timing file (a picture, a PDF, an entry list, an
    empty file...): what it is and what was expected; None when it may be one (or cannot be
    read: the import says why)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None
    found = sniff(head)
    if found.is_timing_candidate:
        return None
    return f"{path.name} {WHAT_IT_IS[found.kind]}; {EXPECTED}."


def _dragged_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files being dragged, or [] when anything else (a link, text) is among them."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = []
    for url in mime.urls():
        if not url.isLocalFile():
            return []
        paths.append(Path(url.toLocalFile()))
    return paths


class ResultsPage(QWidget):
    """Shows and changes one session's results through ``services.results``.

    Args:
        db: the open database (used on the main thread only).
        event_number: the event shown first, or None until one is chosen.
        runner: runs imports off the UI thread (default: a runner of the page's own).

    Signals:
        results_changed(): files were loaded, a penalty or typed line recorded, or a
            revision published from this page.
        status(str): a line for the window's status bar.
        season_page_requested(): the season has no events and the official asked for the
            Season page to add them.
    """

    results_changed = Signal()
    status = Signal(str)
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
        self._event: EventView | None = None
        self._session: str | None = None
        self._results: SessionResults | None = None
        self._revisions: tuple[RevisionView, ...] = ()
        self._check: SessionCheck | None = None
        self._has_laps = False
        self._importing = False
        self._revision_dialogs: list[RevisionDialog] = []
        self._previewing = False
        self._pending: tuple[PenaltyView, ...] = ()
        # None for the event: the season has no events (the page says so, nothing acts).
        self._no_events = event_number is None
        self.setObjectName("resultsPage")
        self.setAcceptDrops(True)
        self.setStyleSheet(results_style_sheet())
        self.output = PdfOutput(self.runner, self, db_path=db.path)
        self.output.status.connect(self.status)
        self._rendering = False

        self._build()
        # Page shortcuts: active only while the page is shown (Ctrl+P, Ctrl+S and Ctrl+I
        # are the window's, and reach the page through it).
        self.decision_action = QAction("Add decision…", self)
        self.decision_action.setShortcut(QKeySequence("Ctrl+D"))
        self.decision_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.decision_action.triggered.connect(
            lambda: self.add_penalty() if self.penalty_button.isEnabled() else None)
        self.addAction(self.decision_action)
        if event_number is not None:
            self.set_event(event_number)
        else:
            self.refresh()

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel("Results")
        title.setObjectName("pageTitle")
        self.summary = ElidedLabel()
        self.summary.setObjectName("pageSummary")

        self.class_combo = QComboBox()
        self.class_combo.setObjectName("classFilter")
        self.class_combo.addItem("All classes", "")
        for name in entry_service.entry_choices(self._db).classes:
            self.class_combo.addItem(name, name)
        self.class_combo.setToolTip("Show one class, with the gaps within the class")
        self.class_combo.setMinimumWidth(150)
        self.class_combo.currentIndexChanged.connect(self._class_changed)
        class_caption = QLabel("Class")
        class_caption.setObjectName("mutedText")

        # One line: the title, what is shown, the class filter (the classification keeps
        # the height of a 768-pixel screen).
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(title, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.summary, 1, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(class_caption, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.class_combo, 0, Qt.AlignmentFlag.AlignVCenter)

        # The session switch, then what state the session's classification is in.
        self.session_group = QButtonGroup(self)
        self.session_group.setExclusive(True)
        self.session_buttons: dict[str, QPushButton] = {}
        self.session_row = QHBoxLayout()
        self.session_row.setSpacing(0)
        self.badge = QLabel()
        self.badge.setObjectName("resultsBadge")
        self.state_details = ElidedLabel()
        self.state_details.setObjectName("mutedText")
        self.hash_label = QLabel()
        self.hash_label.setObjectName("contentHash")
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash_label.setToolTip(
            "Fingerprint of the classification: printed on its document, it tells two "
            "copies apart")
        state_row = QHBoxLayout()
        state_row.setSpacing(10)
        state_row.addLayout(self.session_row)
        state_row.addSpacing(16)
        state_row.addWidget(self.badge)
        state_row.addWidget(self.state_details, 1)
        state_row.addWidget(self.hash_label)

        self.import_button = QPushButton("Import timing files…")
        self.import_button.setObjectName("importTimingButton")
        self.import_button.setToolTip(
            "Load Al Kamel or generic CSV files into this session (or drop them on the page)")
        self.import_button.clicked.connect(self.choose_files)
        self.penalty_button = QPushButton("Add decision…")
        self.penalty_button.setObjectName("addPenaltyButton")
        self.penalty_button.setToolTip("Record a stewards' decision against a car (Ctrl+D); "
                                       "on an official session it waits in the bulletin")
        self.penalty_button.clicked.connect(lambda: self.add_penalty())
        self.typed_button = QPushButton("Type a result…")
        self.typed_button.setObjectName("typedResultButton")
        self.typed_button.clicked.connect(lambda: self.type_result())
        self.publish_button = QPushButton("Publish…")
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setProperty("primary", "true")
        self.publish_button.clicked.connect(lambda: self.publish())
        self.preview_button = QPushButton("Preview bulletin")
        self.preview_button.setObjectName("previewButton")
        self.preview_button.setCheckable(True)
        self.preview_button.setToolTip("Show the classification the pending decisions would "
                                       "publish (not official)")
        self.preview_button.toggled.connect(self.set_preview)
        self.preview_button.hide()

        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("importBusy")
        self.busy_bar.setRange(0, 0)  # no known length: a moving busy indicator
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.busy_label = QLabel()
        self.busy_label.setObjectName("mutedText")
        self.busy_label.hide()

        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.import_button)
        actions.addWidget(self.penalty_button)
        actions.addWidget(self.typed_button)
        actions.addSpacing(8)
        actions.addWidget(self.busy_bar)
        actions.addWidget(self.busy_label)
        actions.addStretch(1)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.publish_button)

        self.message = message_area()
        self.message.setObjectName("checkMessages")
        self.message.hide()

        self.check_panel = TimingCheckPanel()
        self.check_panel.penalty_requested.connect(self.record_suggested_penalty)
        self.check_panel.reinstate_requested.connect(self.reinstate_lap)
        self.check_panel.status_requested.connect(self.settle_car)

        self.model = ResultsTableModel(self)
        self.proxy = ResultsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("resultsTable")
        configure_table(self.table, self.fontMetrics().height() + ROW_PADDING)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._row_double_clicked)
        size_result_columns(self.table, self.model)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.preview_banner = QLabel()
        self.preview_banner.setObjectName("previewBanner")
        self.preview_banner.setWordWrap(True)
        self.preview_banner.setStyleSheet(
            "QLabel#previewBanner { background: #fff3cd; color: #7a4b00; border: 2px dashed "
            "#d98c00; border-radius: 4px; padding: 4px 8px; font-weight: 600; }")
        self.preview_banner.hide()
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.setSpacing(4)
        table_layout.addWidget(self.preview_banner)
        table_layout.addWidget(self.stack, 1)

        row_height = self.fontMetrics().height() + 8
        self.penalty_model = TextTableModel(PENALTY_COLUMNS, self)
        self.penalty_table = self._side_table("penaltyTable", self.penalty_model, row_height)
        self.revision_model = TextTableModel(REVISION_COLUMNS, self)
        self.revision_table = self._side_table("revisionTable", self.revision_model,
                                               row_height)
        self.revision_table.doubleClicked.connect(
            lambda index: self.open_revision(self.revision_model.value(index.row()).revision))
        self.open_revision_button = QPushButton("Open revision…")
        self.open_revision_button.setObjectName("openRevisionButton")
        self.open_revision_button.setToolTip("Show the selected revision as published, "
                                             "read-only")
        self.open_revision_button.clicked.connect(self._open_selected_revision)
        self.revision_table.selectionModel().selectionChanged.connect(self._update_actions)
        revisions_box = QWidget()
        self.print_revision_button = QPushButton("Print…")
        self.print_revision_button.setObjectName("printRevisionButton")
        self.print_revision_button.setToolTip("Print the selected revision's classification")
        self.print_revision_button.clicked.connect(
            lambda: self._with_selected_revision(self.print_revision))
        self.save_revision_button = QPushButton("Save PDF…")
        self.save_revision_button.setObjectName("saveRevisionButton")
        self.save_revision_button.setToolTip("Save the selected revision's classification as "
                                             "a PDF")
        self.save_revision_button.clicked.connect(
            lambda: self._with_selected_revision(self.save_revision_pdf))
        revisions_layout = QHBoxLayout(revisions_box)
        revisions_layout.setContentsMargins(0, 4, 0, 0)
        revisions_layout.setSpacing(6)
        revisions_layout.addWidget(self.revision_table, 1)
        open_row = QVBoxLayout()
        open_row.addWidget(self.open_revision_button)
        open_row.addWidget(self.print_revision_button)
        open_row.addWidget(self.save_revision_button)
        open_row.addStretch(1)
        revisions_layout.addLayout(open_row)
        self.pending_model = TextTableModel(PENALTY_COLUMNS, self)
        self.pending_table = self._side_table("pendingTable", self.pending_model, row_height)
        self.pending_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.withdraw_button = QPushButton("Withdraw…")
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.setToolTip("Take back the selected pending decision, with a reason")
        self.withdraw_button.clicked.connect(lambda: self.withdraw())
        self.bulletin_button = QPushButton("Publish bulletin…")
        self.bulletin_button.setObjectName("bulletinButton")
        self.bulletin_button.setToolTip("Publish every pending decision as ONE revision")
        self.bulletin_button.clicked.connect(lambda: self.publish())
        pending_box = QWidget()
        pending_layout = QHBoxLayout(pending_box)
        pending_layout.setContentsMargins(0, 4, 0, 0)
        pending_layout.setSpacing(6)
        pending_layout.addWidget(self.pending_table, 1)
        pending_buttons = QVBoxLayout()
        pending_buttons.addWidget(self.withdraw_button)
        pending_buttons.addWidget(self.bulletin_button)
        pending_buttons.addStretch(1)
        pending_layout.addLayout(pending_buttons)
        self.source_model = TextTableModel(SOURCE_COLUMNS, self)
        self.source_table = self._side_table("sourceTable", self.source_model, row_height)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("resultsTabs")
        self.tabs.setDocumentMode(True)
        self.panel_toggle = QToolButton()
        self.panel_toggle.setObjectName("panelToggle")
        self.panel_toggle.setAutoRaise(True)
        self.panel_toggle.clicked.connect(lambda: self.set_panel_open(not self._panel_open))
        self.tabs.setCornerWidget(self.panel_toggle, Qt.Corner.TopRightCorner)
        self.tabs.tabBarClicked.connect(self._tab_clicked)
        self.tabs.addTab(pending_box, "Pending decisions")
        self.tabs.addTab(self.penalty_table, "Penalties")
        self.tabs.addTab(revisions_box, "Revisions")
        self.tabs.addTab(self.source_table, "Timing files")

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, PANEL_HEIGHT])
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self._panel_open: bool = True
        self._panel_chosen = False  # the official opened or closed it: no more automatics
        self._update_panel_toggle()

        self.event_body = EventBody(self, "Results", "results are loaded per event and "
                                    "session.")
        self.event_body.panel.season_page_requested.connect(self.season_page_requested)
        layout = QVBoxLayout(self.event_body.body)
        layout.setContentsMargins(20, 10, 20, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(state_row)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.check_panel)
        layout.addWidget(self.splitter, 1)

    # --- fitting a short screen -----------------------------------------------------------

    @property
    def panel_open(self) -> bool:
        """Whether the lower panel (pending decisions, penalties, revisions, files) is open."""
        return self._panel_open

    def set_panel_open(self, open_: bool, *, chosen: bool = True) -> None:
        """Open the lower panel, or fold it to its tabs (the classification takes the room)."""
        self._panel_chosen = self._panel_chosen or chosen
        self._panel_open = open_
        folded = self.tabs.tabBar().sizeHint().height() + 2
        self.tabs.setMinimumHeight(folded)
        total = sum(self.splitter.sizes()) or self.splitter.height()
        low = PANEL_HEIGHT if open_ else folded
        if not open_:
            self.tabs.setMaximumHeight(folded)
        else:
            self.tabs.setMaximumHeight(16_777_215)
        self.splitter.setSizes([max(total - low, 1), low])
        self._update_panel_toggle()

    def _update_panel_toggle(self) -> None:
        self.panel_toggle.setText("▾ Hide" if self._panel_open else "▴ Show")
        self.panel_toggle.setToolTip("Fold the panel to its tabs: the classification takes "
                                     "the room" if self._panel_open else
                                     "Open the panel (or click a tab)")

    def _tab_clicked(self, index: int) -> None:
        if index < 0:
            return
        if not self._panel_open:
            self.set_panel_open(True)
        elif index == self.tabs.currentIndex():
            self.set_panel_open(False)

    def _splitter_moved(self, _pos: int, _index: int) -> None:
        self._panel_chosen = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = self.height() < COMPACT_HEIGHT
        self.check_panel.set_compact(compact)
        if not self._panel_chosen and compact == self._panel_open:
            self.set_panel_open(not compact, chosen=False)
        if self.model.rowCount() and event.size().width() != event.oldSize().width():
            # Wider again: the names get their room back, then everything fits again.
            fit_name_columns(self.table, self.model)
            self._fit_columns()

    def _fit_columns(self) -> None:
        """The standard columns fit the table's width: driver and team give up room first."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        if room <= 0:
            return
        stretch = [i for i, c in enumerate(self.model.columns) if c.stretch]
        minimum = header.minimumSectionSize()
        fixed = sum(header.sectionSize(i) for i in range(header.count())
                    if i not in stretch and not header.isSectionHidden(i))
        excess = fixed + minimum * len(stretch) - room
        if excess <= 0:
            return
        names = [i for i in (self.model.column_of("driver"), self.model.column_of("team"))
                 if i is not None]
        for index in names:
            give = min(excess, max(header.sectionSize(index) - NAME_FLOOR, 0))
            header.resizeSection(index, header.sectionSize(index) - give)
            excess -= give

    def _side_table(self, name: str, model: TextTableModel, row_height: int) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        configure_table(table, row_height)
        table.setModel(model)
        size_text_columns(table, model)
        return table

    # --- choosing what is shown -----------------------------------------------------------

    def set_event(self, number: int | None) -> None:
        """Show event ``number``; the same session as before when the event has it (None:
        the season has no events)."""
        self._no_events = number is None
        self._event = None
        if number is not None:
            try:
                self._event = event_view(self._db, str(number))
            except PaddockError as exc:
                log.warning("Results page: %s", exc.message)
        codes = self._event.sessions if self._event is not None else ()
        for button in self.session_buttons.values():
            self.session_group.removeButton(button)
            self.session_row.removeWidget(button)
            button.deleteLater()
        self.session_buttons = {}
        for code in codes:
            button = QPushButton(code)
            button.setObjectName("sessionButton")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _checked=False, c=code: self.set_session(c))
            self.session_group.addButton(button)
            self.session_row.addWidget(button)
            self.session_buttons[code] = button
        if self._session not in codes:
            self._session = codes[0] if codes else None
        self.set_session(self._session)

    def set_session(self, code: str | None) -> None:
        """Show session ``code`` ("FP1", "Q", "R1"...) of the current event."""
        self._session = code if code in self.session_buttons else None
        if self._session is not None:
            self.session_buttons[self._session].setChecked(True)
        self.message.hide()
        self.check_panel.reset_details()
        self.refresh()

    def current_event(self) -> int | None:
        return None if self._event is None else self._event.number

    def current_session(self) -> str | None:
        return self._session

    @property
    def results(self) -> SessionResults | None:
        """What the page shows: the session's results as they stand."""
        return self._results

    @property
    def check(self) -> SessionCheck | None:
        """How the classification compares with the timing system's results file."""
        return self._check

    @property
    def busy(self) -> bool:
        """Whether an import is running."""
        return self._importing

    def set_class(self, class_name: str) -> None:
        """Show one class's cars ("" for all), with the gaps within the class."""
        index = self.class_combo.findData(class_name)
        if index >= 0:
            self.class_combo.setCurrentIndex(index)

    def _class_changed(self) -> None:
        class_name = str(self.class_combo.currentData() or "")
        self.proxy.set_class_name(class_name)
        self.model.set_by_class(bool(class_name))
        self._update_empty_state()

    # --- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the session's results, penalties, revisions and files from the database,
        and how the classification compares with the timing system's results file."""
        self._results, self._revisions, self._has_laps = None, (), False
        self._check = None
        check_problem = ""
        sources: list[tuple[str, str, int, datetime, str]] = []
        if self._event is not None and self._session is not None:
            key = str(self._event.number)
            try:
                self._results = result_service.session_results(
                    self._db, event=key, session=self._session, preview=self._previewing)
                self._revisions = tuple(result_service.revisions(
                    self._db, event=key, session=self._session))
                sources = list(result_service.session_sources(
                    self._db, event=key, session=self._session))
            except PaddockError as exc:
                self._show_message(exc.message, "problem")
            if self._results is not None:
                try:
                    self._check = check_session(self._db, event=key, session=self._session)
                except PaddockError as exc:
                    check_problem = f"Cannot compare just now: {exc.message}"
        self.check_panel.set_check(
            self._check, check_problem,
            deleted_laps={v.row.number: v.row.deleted_laps
                          for v in (self._results.rows if self._results else ())})
        # The preview is not what the timing system is compared with: its banner stands in.
        self.check_panel.setVisible(self._results is not None and not self._results.preview)
        self._has_laps = any(kind in LAP_KINDS for _n, kind, *_rest in sources)
        results = self._results
        self._pending = results.pending if results is not None else ()
        if self._previewing and (results is None or not results.preview):
            # Nothing pending any more (published, withdrawn, another session): no preview.
            self._previewing = False
            self.preview_button.setChecked(False)
        time_zone = self._event.time_zone if self._event is not None else ""

        previous_kind = self.model.kind
        if results is None:
            self.model.set_results((), previous_kind)
        else:
            # The notes of the classification name the decisions it holds: the pending ones
            # only in the preview.
            shown = results.penalties if results.preview else tuple(
                p for p in results.penalties if not p.pending)
            self.model.set_results(results.rows, results.session_kind, shown)
            if results.session_kind != previous_kind:
                size_result_columns(self.table, self.model)
            else:
                fit_name_columns(self.table, self.model)
            self._fit_columns()
        self.penalty_model.set_rows(
            penalty_rows(results.penalties if results else (), time_zone),
            results.penalties if results else ())
        self.revision_model.set_rows(revision_rows(self._revisions, time_zone),
                                     self._revisions)
        self.pending_model.set_rows(penalty_rows(self._pending, time_zone), self._pending)
        self.source_model.set_rows(source_rows(sources, time_zone), sources)
        self.tabs.setTabText(0, f"Pending decisions ({len(self._pending)})")
        self.tabs.setTabText(1, f"Penalties ({self.penalty_model.rowCount()})")
        self.tabs.setTabText(2, f"Revisions ({self.revision_model.rowCount()})")
        self.tabs.setTabText(3, f"Timing files ({self.source_model.rowCount()})")
        self.tabs.setTabVisible(0, bool(self._pending) or bool(results and results.official))
        self._update_preview_banner()
        self._update_header()
        self._update_empty_state()
        self._update_actions()
        if self._no_events:
            self.event_body.show_no_events(season_overview(self._db).year)
        else:
            self.event_body.show_body()
        self.decision_action.setEnabled(not self._no_events)

    def _update_header(self) -> None:
        results, event = self._results, self._event
        if event is None:
            self.summary.setText("Choose an event in the header")
        elif results is None:
            self.summary.setText(event.name)
        else:
            parts = [event.name, results.session_name]
            ranked = sum(1 for v in results.rows if v.row.position is not None)
            if results.rows:
                parts.append(f"{len(results.rows)} cars, {ranked} ranked")
            if results.session_kind == "race" and results.rows and results.min_laps:
                parts.append(f"{results.min_laps} of {results.winner_laps} laps to be "
                             "classified")
            self.summary.setText("  ·  ".join(parts))
        if results is None:
            self.badge.setText("NO SESSION")
            set_style_property(self.badge, "state", "empty")
            self.state_details.setText("")
            self.hash_label.setText("")
            return
        time_zone = event.time_zone if event is not None else ""
        if results.preview:
            self.badge.setText(f"PREVIEW · REV {results.revision} · NOT OFFICIAL")
            set_style_property(self.badge, "state", "provisional")
            self.state_details.setText(f"What the bulletin would publish: {results.reason}")
        elif results.official:
            self.badge.setText(f"OFFICIAL · REV {results.revision}")
            set_style_property(self.badge, "state", "official")
            when = "" if results.published_at is None else local_time(
                results.published_at, time_zone)
            latest = self._revisions[-1] if self._revisions else None
            by = f" by {latest.published_by}" if latest is not None else ""
            self.state_details.setText(
                f"Published {when}{by}  ·  {results.reason or 'first publication'}")
        elif results.rows:
            self.badge.setText("PROVISIONAL")
            set_style_property(self.badge, "state", "provisional")
            self.state_details.setText("Not published: changes as files, penalties and "
                                       "typed lines come in")
        else:
            self.badge.setText("NO RESULTS")
            set_style_property(self.badge, "state", "empty")
            self.state_details.setText("")
        self.hash_label.setText(f"Hash {results.content_hash}" if results.rows else "")

    def _update_empty_state(self) -> None:
        results = self._results
        if self._event is None:
            text = "Choose an event in the header to see its results."
        elif self._session is None:
            text = f"{self._event.name} has no sessions."
        elif results is None:
            text = "These results cannot be read just now."
        elif not results.rows:
            text = (f"No results for {results.session_name} yet.\n\n"
                    "Import its timing files (Import timing files…, or drop the CSV files "
                    "here), or type the results car by car.")
        elif self.proxy.rowCount() == 0:
            text = f"No {self.proxy.class_name} car in {results.session_name}."
        else:
            self.stack.setCurrentWidget(self.table)
            return
        self.empty_label.setText(text)
        self.stack.setCurrentWidget(self.empty_label)

    def _update_actions(self) -> None:
        results = self._results
        ready = results is not None and not self._importing
        has_rows = bool(results and results.rows)
        self.import_button.setEnabled(ready)
        self.penalty_button.setEnabled(ready and has_rows)
        self.typed_button.setEnabled(ready and not self._has_laps)
        self.typed_button.setToolTip(
            "This session's results come from the time cards: correct them with a penalty "
            "or a corrected file" if self._has_laps else
            "Type a car's result by hand (no time cards for this session)")
        pending = len(self._pending)
        official = results is not None and (results.official or results.preview)
        self.preview_button.setVisible(bool(pending))
        self.bulletin_button.setEnabled(ready and bool(pending))
        self.withdraw_button.setEnabled(
            ready and bool(pending) and self.pending_table.selectionModel().hasSelection())
        if results is None or not official:
            self.publish_button.setText("Publish official…")
            self.publish_button.setEnabled(ready and has_rows)
            self.publish_button.setToolTip("Publish the classification as OFFICIAL revision 1")
        elif pending:
            self.publish_button.setText(f"Publish bulletin ({pending})…")
            self.publish_button.setEnabled(ready)
            self.publish_button.setToolTip(
                f"Publish the {pending} pending decision{'s' if pending > 1 else ''} as ONE "
                "revision")
        else:
            # Every correction of an official session publishes its own revision, so with
            # no decision pending the service has nothing new to publish.
            latest = results.revision
            self.publish_button.setText(f"Publish revision {latest + 1}…")
            self.publish_button.setEnabled(False)
            self.publish_button.setToolTip(
                f"Nothing changed since revision {latest}: a correction publishes its own "
                "revision, and decisions kept pending publish together as a bulletin")
        chosen = self.revision_table.selectionModel().hasSelection()
        self.open_revision_button.setEnabled(chosen)
        self.print_revision_button.setEnabled(chosen and not self._rendering)
        self.save_revision_button.setEnabled(chosen and not self._rendering)
        for button in self.session_buttons.values():
            button.setEnabled(not self._importing)

    def _show_message(self, text: str, state: str) -> None:
        show_message(self.message, text, state)
        self.message.show()

    def selected_car(self) -> str | None:
        """The car of the selected classification row, or None."""
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.view(self.proxy.mapToSource(indexes[0]).row()).row.number

    def select_car(self, number: str) -> bool:
        """Select car ``number``'s row; False when it is not shown."""
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            if self.model.view(source.row()).row.number == number:
                self.table.selectRow(row)
                return True
        return False

    def shown_numbers(self) -> list[str]:
        """The car numbers in the order the table shows them."""
        return [self.model.view(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
                .row.number for row in range(self.proxy.rowCount())]

    # --- importing ------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Ask for timing files and load them into the current session."""
        if self._event is None or self._session is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation) or str(Path.home())
        names, _filter = QFileDialog.getOpenFileNames(
            self, f"Import timing files – {self._session_name()}", folder,
            "Timing files (*.csv *.CSV *.txt);;All files (*)")
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: Sequence[Path | str], reason: str | None = None) -> bool:
        """Load timing files into the current session on the thread pool.

        An official session first asks for the reason of the correction (unless given).
        The outcome shows when the work is over: what was loaded, or the refusal with its
        ``FILE:LINE``.

        Return:
            Whether the import was started.
        """
        results = self._results
        if self._importing or results is None or self._event is None or not paths:
            return False
        files = [Path(p) for p in paths]
        # A picture, a PDF, an entry list, an empty file: said in one sentence, nothing read.
        refusals = [text for text in map(wrong_kind, files) if text]
        if refusals:
            self._show_message("Not loaded: " + " ".join(refusals), "problem")
            self.status.emit(refusals[0])
            return False
        names = ", ".join(f.name for f in files)
        official = self._official_revision()
        if official is not None and reason is None:
            dialog = CorrectionReasonDialog(session_name=results.session_name,
                                            revision=official,
                                            what=f"Loading {names}", parent=self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            reason = dialog.reason()
        db_path, event, session = self._db.location, str(self._event.number), results.session_code
        given = reason or ""
        self._set_importing(True, f"Loading {names}…")
        self.runner.run(
            lambda: load_timing_files(db_path, event, session, files, given),
            on_success=lambda summary: self._imported(summary, results.session_name),
            on_failure=self._import_failed,
        )
        return True

    def _set_importing(self, importing: bool, text: str = "") -> None:
        self._importing = importing
        self.busy_bar.setVisible(importing)
        self.busy_label.setVisible(importing)
        self.busy_label.setText(text)
        if importing:
            self.setCursor(Qt.CursorShape.BusyCursor)
            self.status.emit(text)
        else:
            self.unsetCursor()
        self._update_actions()

    def _imported(self, summary: ImportSummary, session_name: str) -> None:
        self._set_importing(False)
        self.refresh()
        names = ", ".join(Path(f).name for f in summary.files)
        kinds = ", ".join(sorted({k.replace("-", " ") for k in summary.kinds}))
        counts = [f"{summary.cars} cars"]
        if summary.laps:
            counts.append(f"{summary.laps} laps")
        if summary.result_lines:
            counts.append(f"{summary.result_lines} result lines")
        text = f"✓  Loaded {names} ({kinds}) into {session_name}: {', '.join(counts)}."
        if summary.revision is not None:
            text += f" Published as OFFICIAL revision {summary.revision}."
        if summary.check:
            text += f" Timing system check: {summary.check}."
        self._show_message(text, "ok")
        # The status bar is one short line: what came in and the check, not every file name.
        files = "1 file" if len(summary.files) == 1 else f"{len(summary.files)} files"
        line = f"{session_name}: {files} loaded ({', '.join(counts)})"
        if summary.check:
            line += f"; timing system check: {summary.check}"
        self.status.emit(line)
        self.results_changed.emit()

    def _import_failed(self, error: BaseException) -> None:
        self._set_importing(False)
        if isinstance(error, PaddockError):
            self._show_message("Import refused: nothing was changed.\n" + error.message,
                               "problem")
            self.status.emit("Import refused: nothing was changed")
            show_refusal(self, "Import timing files", error.message)
        else:
            log.error("Import of timing files failed", exc_info=error)
            self._show_message("Import failed: nothing was changed.", "problem")
            QMessageBox.critical(self, "Import timing files",
                                 f"An unexpected error stopped the import:\n{error!r}")

    # Files dragged from the file manager land on the current session.

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        # Any local file is taken: one that is not a timing file is named as what it is.
        if self.import_button.isEnabled() and _dragged_paths(event):
            event.acceptProposedAction()
            set_style_property(self.table, "dropTarget", "true")
            self.status.emit(f"Drop to load into {self._session_name()}")
            return
        event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        set_style_property(self.table, "dropTarget", "false")
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        set_style_property(self.table, "dropTarget", "false")
        paths = _dragged_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_files(paths)

    # --- penalties, typed lines, publishing -----------------------------------------------

    def _session_name(self) -> str:
        return self._results.session_name if self._results is not None else (
            self._session or "")

    def _official_revision(self) -> int | None:
        results = self._results
        if results is not None and results.preview:
            return results.revision - 1  # the preview is of the next revision
        return results.revision if results is not None and results.official else None

    def _cars(self) -> tuple[CarChoice, ...]:
        if self._event is None:
            return ()
        return entered_cars(self._db, self._event.number)

    def add_penalty(self, car: str | None = None, *, kind: str | None = None,
                    seconds: int | None = None, lap: int | None = None,
                    context: str = "") -> PenaltyDialog | None:
        """Open the penalty dialog (for ``car``, else the selected car) and record it.

        Args:
            kind, seconds, lap: pre-filled in the dialog, for an official to confirm.
            context: why the dialog comes pre-filled, shown at its top.

        Return:
            The dialog once closed, or None when no session is shown.
        """
        results, event = self._results, self._event
        if results is None or event is None:
            return None
        dialog = PenaltyDialog(
            self._db, event=str(event.number), session=results.session_code,
            session_name=results.session_name,
            cars=cars_in(results.rows) or self._cars(),
            official_revision=self._official_revision(),
            car=car or self.selected_car(), kind=kind, seconds=seconds, lap=lap,
            context=context, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.outcome is not None:
            penalty = dialog.outcome.penalty
            text = (f"✓  Decision {penalty.decision}: car {penalty.number}, "
                    f"{penalty_summary(penalty)} – {penalty.reason}.")
            if dialog.outcome.revision is not None:
                text += (f" {results.session_name} published as OFFICIAL revision "
                         f"{dialog.outcome.revision}.")
            elif penalty.pending:
                text += " Pending: it goes out with the stewards' bulletin (Publish bulletin)."
                self.tabs.setCurrentIndex(0)
            self._changed(text)
            self.select_car(penalty.number)
        return dialog

    def record_suggested_penalty(self, car: str, seconds: int) -> PenaltyDialog | None:
        """Offer the time penalty the timing system's results file shows for ``car``.

        The penalty dialog opens pre-filled (time, ``seconds``, the car); an official
        confirms it with the stewards' reason, or cancels: nothing is recorded before.
        """
        context = (f"In the timing system's results file, car {car}'s total is {seconds} s "
                   "longer than its time at the line: a time penalty applied there. Record "
                   "it only as the stewards decided, with their reason and decision number.")
        return self.add_penalty(car, kind="time", seconds=seconds, context=context)

    def reinstate_lap(self, car: str, lap: int) -> PenaltyDialog | None:
        """Offer to reinstate lap ``lap`` of ``car``: deleted here, the timing system's best.

        The penalty dialog opens pre-filled; an official confirms with the reason.
        """
        context = (f"The timing system counts car {car}'s lap {lap} as its best lap; here it "
                   "is deleted. Reinstate it only as the stewards decided, with their reason.")
        return self.add_penalty(car, kind="reinstate-lap", lap=lap, context=context)

    def settle_car(self, car: str, status: str) -> CarStatusDialog | None:
        """Ask why car ``car``, with no crossing of the line, is DNS or DNF, and record it.

        Return:
            The dialog once closed, or None when no session is shown.
        """
        results, event = self._results, self._event
        if results is None or event is None:
            return None
        dialog = CarStatusDialog(
            self._db, event=str(event.number), session=results.session_code,
            session_name=results.session_name, car=car, status=status,
            official_revision=self._official_revision(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            text = f"✓  Car {car} listed {dialog.status().upper()} in {results.session_name}."
            if dialog.saved.official and self._official_revision() != dialog.saved.revision:
                text += f" Published as OFFICIAL revision {dialog.saved.revision}."
            self._changed(text)
            self.select_car(car)
        return dialog

    def type_result(self, car: str | None = None) -> TypedResultDialog | None:
        """Open the typed-result dialog (for ``car``, else the selected car) and save it.

        Return:
            The dialog once closed, or None when no session is shown.
        """
        results, event = self._results, self._event
        if results is None or event is None or self._has_laps:
            return None
        lines: dict[str, ResultRowView] = {v.row.number: v for v in results.rows}
        dialog = TypedResultDialog(
            self._db, event=str(event.number), session=results.session_code,
            session_name=results.session_name, race=results.session_kind == "race",
            cars=self._cars(), lines=lines, official_revision=self._official_revision(),
            car=car or self.selected_car(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            number = dialog.car() or ""
            action = "deleted" if dialog.deleted else "saved"
            text = f"✓  Car {number}'s typed line {action}."
            if dialog.saved.official and self._official_revision() != dialog.saved.revision:
                text += f" Published as OFFICIAL revision {dialog.saved.revision}."
            self._changed(text)
            self.select_car(number)
        return dialog

    def publish(self) -> PublishDialog | BulletinDialog | None:
        """Ask to publish the session as the next official revision, and publish it.

        Return:
            The dialog once closed (the bulletin's when decisions are pending), or None
            when there is nothing to publish.
        """
        results, event = self._results, self._event
        if results is None or event is None or not results.rows:
            return None
        if self._pending:
            return self.publish_bulletin()
        revision = results.revision + 1 if results.official else 1
        dialog = PublishDialog(self._db, event=str(event.number),
                               session=results.session_code,
                               session_name=results.session_name, revision=revision,
                               check=self._check, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.published is not None:
            self._changed(f"✓  {results.session_name} published as OFFICIAL revision "
                          f"{dialog.published.revision}.")
        return dialog

    def publish_bulletin(self) -> BulletinDialog | None:
        """Confirm the pending decisions, listed, and publish them as ONE revision."""
        results, event = self._results, self._event
        if results is None or event is None or not self._pending:
            return None
        revision = results.revision if results.preview else results.revision + 1
        dialog = BulletinDialog(self._db, event=str(event.number),
                                session=results.session_code,
                                session_name=results.session_name, pending=self._pending,
                                revision=revision, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.published is not None:
            count = len(self._pending)
            self._previewing = False
            self.preview_button.setChecked(False)
            self._changed(f"✓  Stewards' bulletin: {count} decision{'s' if count > 1 else ''} "
                          f"published as {results.session_name} OFFICIAL revision "
                          f"{dialog.published.revision}.")
        return dialog

    def set_preview(self, on: bool) -> None:
        """Show the classification the pending decisions would publish (or the official)."""
        on = bool(on and self._pending)
        if on == self._previewing:
            return
        self._previewing = on
        if self.preview_button.isChecked() != on:
            self.preview_button.setChecked(on)
        self.refresh()

    @property
    def previewing(self) -> bool:
        return self._previewing

    def _update_preview_banner(self) -> None:
        results = self._results
        self.preview_button.setText("Show official" if self._previewing else
                                    "Preview bulletin")
        if results is not None and results.preview:
            count = len(results.pending)
            self.preview_banner.setText(
                f"PREVIEW — NOT OFFICIAL: what the {count} pending "
                f"decision{'s' if count > 1 else ''} would publish as revision "
                f"{results.revision} (official: revision {results.revision - 1})")
            self.preview_banner.show()
        else:
            self.preview_banner.hide()

    def withdraw(self, decision: str | None = None) -> WithdrawDialog | None:
        """Withdraw a pending decision (``decision``, else the selected one), with a reason."""
        results, event = self._results, self._event
        if results is None or event is None:
            return None
        if decision is None:
            indexes = self.pending_table.selectionModel().selectedRows()
            if not indexes:
                return None
            penalty = self._pending[indexes[0].row()]
        else:
            found = [p for p in self._pending if p.decision == decision]
            if not found:
                return None
            penalty = found[0]
        dialog = WithdrawDialog(self._db, event=str(event.number),
                                session=results.session_code, penalty=penalty, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.withdrawn:
            self._changed(f"✓  Decision {penalty.decision} (car {penalty.number}) withdrawn "
                          "from the bulletin.")
        return dialog

    def _changed(self, text: str) -> None:
        self.refresh()
        self._show_message(text, "ok")
        self.status.emit(text.removeprefix("✓  "))
        self.results_changed.emit()

    def _row_double_clicked(self, index: QModelIndex) -> None:
        # Typed sessions: a double-click corrects the car's line.
        if not self._has_laps and index.isValid():
            car = self.model.view(self.proxy.mapToSource(index).row()).row.number
            self.type_result(car)

    # --- revisions ------------------------------------------------------------------------

    def open_revision(self, revision: int) -> RevisionDialog | None:
        """Show published revision ``revision`` of the session, read-only, in its own window."""
        results, event = self._results, self._event
        if results is None or event is None:
            return None
        try:
            past = result_service.revision_results(
                self._db, event=str(event.number), session=results.session_code,
                revision=revision)
        except PaddockError as exc:
            self._show_message(exc.message, "problem")
            return None
        latest = self._revisions[-1].revision if self._revisions else revision
        dialog = RevisionDialog(past, latest=latest, time_zone=event.time_zone, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.print_requested.connect(lambda number: self.print_revision(number))
        dialog.save_requested.connect(lambda number: self.save_revision_pdf(number))
        self._revision_dialogs.append(dialog)
        dialog.finished.connect(lambda _code, d=dialog: self._revision_dialogs.remove(d))
        dialog.show()
        return dialog

    def _open_selected_revision(self) -> None:
        indexes = self.revision_table.selectionModel().selectedRows()
        if indexes:
            self.open_revision(self.revision_model.value(indexes[0].row()).revision)

    def _with_selected_revision(self, act: object) -> None:
        indexes = self.revision_table.selectionModel().selectedRows()
        if indexes and callable(act):
            act(self.revision_model.value(indexes[0].row()).revision)

    # --- printing and saving --------------------------------------------------------------

    def _document_names(self, revision: int | None) -> tuple[str, str]:
        """The file name and the words for the classification of ``revision``."""
        results, event = self._results, self._event
        assert results is not None and event is not None
        stem = document_type("classification").file_stem(short=event.short_name,
                                                          code=results.session_code)
        if revision is None:
            revision = results.revision if results.official else None
        if revision is None:
            return f"{stem}-provisional.pdf", f"{results.session_name} classification"
        return (f"{stem}-rev{revision}.pdf",
                f"{results.session_name} classification, revision {revision}")

    def _render(self, revision: int | None, then: object) -> bool:
        """Make the classification document of ``revision`` on the pool, then ``then(pdf)``."""
        results, event = self._results, self._event
        if results is None or event is None or not results.rows or self._rendering:
            return False
        if revision is None and results.preview:
            revision = results.revision - 1  # a preview is never printed: the official is
        file, what = self._document_names(revision)
        self._rendering = True
        self._update_actions()
        self.status.emit(f"Making the {what}…")
        db_path, key, code = self._db.location, str(event.number), results.session_code

        def done(pdf: bytes) -> None:
            self._rendering = False
            self._update_actions()
            assert callable(then)
            then(pdf, file, what)

        def failed(error: BaseException) -> None:
            self._rendering = False
            self._update_actions()
            message = error.message if isinstance(error, PaddockError) else repr(error)
            if not isinstance(error, PaddockError):
                log.error("Making the %s failed", what, exc_info=error)
            self._show_message(f"The {what} cannot be made: {message}", "problem")
            self.status.emit(f"The {what} was not made")

        self.runner.run(lambda: classification_pdf(db_path, key, code, revision),
                        on_success=done, on_failure=failed)
        return True

    def print_revision(self, revision: int | None = None,
                       printer: QPrinter | None = None) -> bool:
        """Print the classification of ``revision`` (None: as it stands); whether started.

        The document is made off the UI thread, then the printer is asked for (unless
        given) and the pages rendered to it on the pool (the Documents page's helper)."""
        return self._render(revision, lambda pdf, _file, what: self.output.print(
            pdf, what, printer))

    def save_revision_pdf(self, revision: int | None = None,
                          target: Path | None = None) -> bool:
        """Save the classification of ``revision`` (None: as it stands) as a PDF; ask where
        unless ``target`` is given. The status bar says where it went."""
        return self._render(revision, lambda pdf, file, what: self.output.save(
            pdf, file, what, target))

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Ctrl+P on this page: the classification as it stands."""
        return self.print_revision(None, printer)

    def save_pdf(self, target: Path | None = None) -> bool:
        """Ctrl+S on this page: the classification as it stands, as a PDF."""
        return self.save_revision_pdf(None, target)

    @property
    def rendering(self) -> bool:
        return self._rendering

    def export_results(self, target: Path | None = None) -> bool:
        """Export the session's results as CSV (the timing service's layout) or JSON, as
        `paddock export results` does; ask where unless ``target`` is given (its suffix
        chooses the format). The status bar says where it went."""
        results, event = self._results, self._event
        if results is None or event is None or not results.rows or self._rendering:
            if results is not None and not results.rows:
                self.status.emit(f"No results for {results.session_name} to export")
            return False
        if target is None:
            stem = f"{event.short_name}-{results.session_code}-results"
            folder = self.output.last_folder or documents_folder()
            name, chosen = QFileDialog.getSaveFileName(
                self, f"Export {results.session_name} results", str(folder / f"{stem}.csv"),
                "CSV (*.csv);;JSON with every lap (*.json)")
            if not name:
                self.status.emit("Results not exported")
                return False
            target = Path(name)
            if target.suffix.lower() not in (".csv", ".json"):
                target = target.with_name(target.name + (
                    ".json" if "json" in chosen.lower() else ".csv"))
        format = "json" if target.suffix.lower() == ".json" else "csv"
        db_path, key, code = self._db.path, str(event.number), results.session_code
        self._rendering = True
        self._update_actions()
        self.status.emit(f"Exporting {results.session_name} results…")

        def done(outcome: ExportResult) -> None:
            self._rendering = False
            self._update_actions()
            self.output.last_folder = outcome.path.parent
            self.status.emit(f"Exported {results.session_name} results ({outcome.cars} cars, "
                             f"{format.upper()}) to {outcome.path}")

        def failed(error: BaseException) -> None:
            self._rendering = False
            self._update_actions()
            message = error.message if isinstance(error, PaddockError) else repr(error)
            self._show_message(f"Not exported: {message}", "problem")
            self.status.emit("Results not exported")

        self.runner.run(lambda: export_session(db_path, key, code, format, target),
                        on_success=done, on_failure=failed)
        return True
