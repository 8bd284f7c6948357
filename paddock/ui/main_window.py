"""The main window: navigation on the left, the season header, one page per area."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import paddock
from paddock.services.demo_season import is_demo
from paddock.services.season import season_overview
from paddock.ui.entries.entries_page import EntriesPage
from paddock.ui.file_actions import DatabaseActions, FileActions, window_title
from paddock.ui.first_start import DemoBanner
from paddock.ui.live import LiveRefresh
from paddock.ui.season.season_header import SeasonHeader
from paddock.ui.season.season_switch import SeasonSwitch
from paddock.ui.workers import TaskRunner

if TYPE_CHECKING:
    from paddock.services.database import Database
    from paddock.services.live import ChangeWatcher
    from paddock.ui.championship.championship_page import ChampionshipPage
    from paddock.ui.documents.documents_output import PdfOutput
    from paddock.ui.documents.documents_page import DocumentsPage
    from paddock.ui.results.results_page import ResultsPage
    from paddock.ui.tyres.tyres_page import TyresPage

ENTRIES, TYRES, RESULTS, DOCUMENTS, CHAMPIONSHIP, SEASON = range(6)

#: How long a status line stays (a "Saved … to …" must be seen).
STATUS_MS = 10_000
#: After the window first shows, when the documents are warmed up (see ui.documents.warmup).
DOCUMENTS_WARMUP_MS = 1_500
#: The window's keyboard shortcuts, as Help → Keyboard shortcuts lists them.
SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    ("Ctrl+P", "Print the page's document (classification, document, standings, entry "
     "list, tyre sheet)", "Every page"),
    ("Ctrl+S", "Save the page's document as a PDF", "Every page"),
    ("Ctrl+I", "Import timing files", "Results"),
    ("Ctrl+I", "Import entries (CSV)", "Every other page"),
    ("Ctrl+D", "Add a stewards' decision", "Results"),
    ("Ctrl+Shift+E", "Export results (CSV or JSON)", "Every page"),
    ("Ctrl+E", "Export the entry list PDF", "Every page"),
    ("Ctrl+N", "Add an entry", "Entries"),
    ("Ctrl+F", "Find an entry", "Entries"),
    ("F2 / F3", "Register / Check mode", "Tyres"),
    ("F4", "Choose the car", "Tyres"),
    ("F6", "Tyre type", "Tyres"),
    ("Ctrl+1 … Ctrl+6", "Entries, Tyres, Results, Documents, Championship, Season",
     "Every page"),
    ("Ctrl+O", "Open a database", "Every page"),
    ("F1", "This list", "Every page"),
    ("Ctrl+Q", "Quit", "Every page"),
)
#: Room left for the window's title bar before the window manager says how high it is.
TITLE_BAR_ALLOWANCE = 32

_GEOMETRY_KEY = "window/geometry"
_STATE_KEY = "window/state"
_PAGE_KEY = "window/page"
_EVENT_KEY = "window/event"
_ENTRY_COLUMNS_KEY = "entries/header"


class MainWindow(QMainWindow):
    """Paddock's window over one open database.

    Signals:
        database_opened(object): File → Connect to server… opened this `Database`; the
            application shows it in a new window (and closes this one and its database).

    Args:
        db: the open database; the window does not close it.
        settings: where geometry, state and the current page are kept
            (default: the application's ``QSettings``).
        runner: runs slow work off the UI thread (default: on the global thread pool).
        live: watch the database for other desks' changes (see `LiveRefresh`).
        watcher: what answers "changed?" (default: the services' watcher of ``db``).
    """

    database_opened = Signal(object)

    def __init__(
        self,
        db: Database,
        *,
        settings: QSettings | None = None,
        runner: TaskRunner | None = None,
        live: bool = True,
        watcher: ChangeWatcher | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings if settings is not None else QSettings()
        self.runner = runner if runner is not None else TaskRunner(parent=self)
        self.setObjectName("mainWindow")
        self.demo = is_demo(db)
        self.setWindowTitle(window_title(db.where, demo=self.demo))
        self.setMinimumSize(760, 520)
        self._fitted = False

        self.header = SeasonHeader(season_overview(db))
        self.season_switch = SeasonSwitch(db, self.header, parent=self)
        self.file_actions = FileActions(db.location, self.runner, self, self._settings,
                                        self.header.current_event)
        self.database_actions = DatabaseActions(db.location, db.where, self, self._settings)
        self.database_actions.database_opened.connect(self.database_opened)
        self.database_actions.season_made.connect(self.season_switch.switch_to)
        self.database_actions.status.connect(lambda text: self._status_message(text))

        self.entries_page = EntriesPage(db)
        # The other pages are built, and their modules imported, when first shown: the
        # window opens on the entries as fast as the database layer allows.
        self._built: dict[int, QWidget] = {ENTRIES: self.entries_page}
        self.pages: list[QWidget] = [self.entries_page] + [_PageSlot() for _ in range(5)]
        self.page_titles = ["Entries", "Tyres", "Results", "Documents", "Championship",
                            "Season"]

        self.navigation = QListWidget()
        self.stack = QStackedWidget()
        self._pdf_output: PdfOutput | None = None
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self._update_event_actions()

        self.file_actions.entries_imported.connect(lambda _count: self.entries_page.refresh())
        # Pages never reach into each other: the window relays the event and the changes
        # to the pages built so far (one built later starts from the current state).
        self.header.event_changed.connect(self._event_changed)
        self.header.events_gone.connect(lambda: self._event_changed(None))
        self.season_switch.switched.connect(lambda _year: self.reload_all())
        self.season_switch.refused.connect(self._status_message)
        self.entries_page.entries_changed.connect(
            lambda: self._refresh(TYRES, RESULTS, DOCUMENTS, CHAMPIONSHIP))
        self.file_actions.entries_imported.connect(
            lambda _count: self._refresh(TYRES, RESULTS, DOCUMENTS, CHAMPIONSHIP))
        self.file_actions.status.connect(self._status_message)
        self.runner.busy_changed.connect(self._show_busy)

        # Live desks: what another desk (a window, the CLI, a server's desk) changes shows
        # here without a click; a database that cannot be reached is said at once.
        self.live = LiveRefresh(db, watcher=watcher, parent=self)
        self.live.changed.connect(self.reload_all)
        self.live.lost.connect(self._database_lost)
        self.live.back.connect(self._database_back)
        if live:
            self.live.start()

        self.resize(1320, 820)
        self._restore_settings()
        self.fit_to_screen()

    # --- layout ---------------------------------------------------------------------

    def _build_central(self) -> None:
        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(184)
        name = QLabel("PADDOCK")
        name.setObjectName("appName")
        tagline = QLabel("Porsche Carrera Cup North America")
        tagline.setObjectName("appTagline")
        tagline.setWordWrap(True)
        self.navigation.setObjectName("navigation")
        self.navigation.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.navigation.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, title in enumerate(self.page_titles, start=1):
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} (Ctrl+{number})")
            self.navigation.addItem(item)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 12)
        side.setSpacing(0)
        side.addWidget(name)
        side.addWidget(tagline)
        side.addWidget(self.navigation, 1)
        version = QLabel(f"Version {paddock.__version__}")
        version.setObjectName("appTagline")
        side.addWidget(version)

        for page in self.pages:
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.show_page)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        self.banner = QLabel()
        self.banner.setObjectName("unreachableBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("#unreachableBanner { background: #b3261e; color: white; "
                                  "font-weight: 600; padding: 8px 16px; }")
        self.banner.hide()
        column.addWidget(self.banner)
        self.demo_banner = DemoBanner()
        self.demo_banner.clear_requested.connect(lambda: self.database_actions.clear_demo())
        self.demo_banner.setVisible(self.demo)
        column.addWidget(self.demo_banner)
        column.addWidget(self.stack, 1)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(content, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_timing_action = QAction("Import &timing files…", self)
        self.import_timing_action.setToolTip("Load timing files into the session shown on the "
                                             "Results page")
        self.import_timing_action.triggered.connect(self.import_timing_files)
        self.print_action = QAction("&Print…", self)
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.setToolTip("Print the current page's document")
        self.print_action.triggered.connect(self.print_current)
        self.save_pdf_action = QAction("&Save PDF…", self)
        self.save_pdf_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_pdf_action.setToolTip("Save the current page's document as a PDF")
        self.save_pdf_action.triggered.connect(self.save_current_pdf)
        self.export_results_action = QAction("E&xport results (CSV or JSON)…", self)
        self.export_results_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_results_action.setToolTip("Export the session shown on the Results page")
        self.export_results_action.triggered.connect(self.export_results)
        self.connect_action = QAction("&Connect to server…", self)
        self.connect_action.setToolTip("Open the paddock's PostgreSQL server (its URL)")
        self.connect_action.triggered.connect(self.connect_to_server)
        self.database_actions.add_to(file_menu)
        file_menu.addAction(self.connect_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_timing_action)
        file_menu.addAction(self.file_actions.import_entries_action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.save_pdf_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_results_action)
        file_menu.addAction(self.file_actions.export_entry_list_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("&View")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.page_actions: list[QAction] = []
        for index, title in enumerate(self.page_titles):
            action = QAction(title, self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.show_page(i))
            group.addAction(action)
            view_menu.addAction(action)
            self.page_actions.append(action)

        help_menu = self.menuBar().addMenu("&Help")
        shortcuts = QAction("&Keyboard shortcuts", self)
        shortcuts.setShortcut(QKeySequence("F1"))
        shortcuts.triggered.connect(self.show_shortcuts)
        help_menu.addAction(shortcuts)
        about = QAction("&About Paddock", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no known length: a moving busy indicator
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.database_label = QLabel(f"Database: {self._db.where}")
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setToolTip(self._db.where)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.statusBar().addPermanentWidget(self.database_label)

    def fit_to_screen(self) -> None:
        """Keep the window inside its screen's available area (never larger): a saved or
        default size from a bigger screen shrinks to a 1366×768 laptop's."""
        screen = self.screen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        inner = self.geometry()
        # Before the window is shown the frame is not known: allow for a title bar.
        extra_w = max(frame.width() - inner.width(), 0)
        extra_h = max(frame.height() - inner.height(), 0) or TITLE_BAR_ALLOWANCE
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if self.isMaximized() or self.isFullScreen():
            return
        self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
        y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, area.x()), max(y, area.y()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.fit_to_screen()
            # Once the window is up and idle, load what the first document needs, so the
            # Documents page's first preview does not wait for it.
            from paddock.ui.documents.warmup import start_warmup

            QTimer.singleShot(DOCUMENTS_WARMUP_MS, start_warmup)

    # --- behaviour ------------------------------------------------------------------

    def page(self, index: int) -> QWidget:
        """Page ``index`` (0 = Entries), built now if it has not been yet."""
        built = self._built.get(index)
        if built is None:
            built = self._build_page(index)
            self._built[index] = built
            slot = self.pages[index]
            assert isinstance(slot, _PageSlot)
            slot.hold(built)
        return built

    def _build_page(self, index: int) -> QWidget:
        db, event, status = self._db, self.header.current_event(), self._status_message
        page: QWidget
        if index == TYRES:
            from paddock.ui.tyres.tyres_page import TyresPage

            page = TyresPage(db, event)
            page.season_page_requested.connect(lambda: self.show_page(SEASON))
            # The documents (tyre sheet) are made from the tyres.
            page.tyres_changed.connect(lambda: self._refresh(DOCUMENTS))
        elif index == RESULTS:
            from paddock.ui.results.results_page import ResultsPage

            page = ResultsPage(db, event, runner=self.runner)
            page.season_page_requested.connect(lambda: self.show_page(SEASON))
            page.results_changed.connect(lambda: self._refresh(DOCUMENTS, CHAMPIONSHIP))
            page.status.connect(status)
        elif index == DOCUMENTS:
            from paddock.ui.documents.documents_page import DocumentsPage

            page = DocumentsPage(db, event, runner=self.runner)
            page.season_page_requested.connect(lambda: self.show_page(SEASON))
            self._own_page_output(page)
            # A class pole bonus is read from the grid: an amendment may move points.
            page.grid_changed.connect(lambda: self._refresh(CHAMPIONSHIP))
            page.status.connect(status)
        elif index == SEASON:
            from paddock.ui.season.season_page import SeasonPage

            page = SeasonPage(db)
            page.season_changed.connect(self.reload_all)
            page.season_made.connect(lambda _year: self.season_switch.refresh())
            page.status.connect(status)
        elif index == CHAMPIONSHIP:
            from paddock.ui.championship.championship_page import ChampionshipPage

            page = ChampionshipPage(db, runner=self.runner)
            page.season_page_requested.connect(lambda: self.show_page(SEASON))
            self._own_page_output(page)
            page.status.connect(status)
        else:
            raise IndexError(index)
        return page

    def _status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    @property
    def pdf_output(self) -> PdfOutput:
        """Print and save for the pages without their own (Entries, Tyres); made on first
        use (the PDF modules are not loaded before)."""
        if self._pdf_output is None:
            from paddock.ui.documents.documents_output import PdfOutput

            self._pdf_output = PdfOutput(self.runner, self, db_path=self._db.path)
            self._pdf_output.status.connect(self._status_message)
        return self._pdf_output

    def _refresh(self, *indexes: int) -> None:
        for index in indexes:
            page = self._built.get(index)
            if page is not None:
                page.refresh()  # type: ignore[attr-defined]

    def reload_all(self) -> None:
        """Another desk changed the database: every page built so far reloads (each keeps
        its selection; a hidden Documents or Championship page catches up when shown)."""
        self.season_switch.refresh()
        # The demo may have been cleared at another desk: the banner and title follow.
        self.demo = is_demo(self._db)
        self.demo_banner.setVisible(self.demo)
        self.setWindowTitle(window_title(self._db.where, demo=self.demo))
        self._refresh(ENTRIES, TYRES, RESULTS, DOCUMENTS, CHAMPIONSHIP, SEASON)

    def _database_lost(self, reason: str) -> None:
        where = "Database" if self._db.is_sqlite else "Server"
        self.banner.setText(f"{where} unreachable — changes cannot be saved; retrying…")
        self.banner.setToolTip(reason)
        self.banner.show()
        # Stays until the database answers again (the reason is in the banner's tooltip).
        self.statusBar().showMessage(f"{where} unreachable; retrying…")
        self.statusBar().setToolTip(reason)

    def _database_back(self) -> None:
        self.banner.hide()
        self.statusBar().setToolTip("")
        self._status_message("The database can be reached again; the pages are reloaded")

    def _event_changed(self, number: int | None) -> None:
        """Relay the header's event (None: the season shown has no events)."""
        for index in (TYRES, RESULTS, DOCUMENTS, SEASON):
            page = self._built.get(index)
            if page is not None and (number is not None or index != SEASON):
                page.set_event(number)  # type: ignore[attr-defined]
        self._update_event_actions()

    def _update_event_actions(self) -> None:
        """What works on an event is off while the season shown has none."""
        has_event = self.header.current_event() is not None
        for action in (self.import_timing_action, self.export_results_action):
            action.setEnabled(has_event)
        # The entry list and the standings are the season's; the other documents an event's.
        season_wide = self.current_page() in (ENTRIES, CHAMPIONSHIP, SEASON)
        for action in (self.print_action, self.save_pdf_action):
            action.setEnabled(has_event or season_wide)

    @property
    def tyres_page(self) -> TyresPage:
        return self.page(TYRES)  # type: ignore[return-value]

    @property
    def results_page(self) -> ResultsPage:
        return self.page(RESULTS)  # type: ignore[return-value]

    @property
    def documents_page(self) -> DocumentsPage:
        return self.page(DOCUMENTS)  # type: ignore[return-value]

    @property
    def championship_page(self) -> ChampionshipPage:
        return self.page(CHAMPIONSHIP)  # type: ignore[return-value]

    def show_page(self, index: int) -> None:
        """Show page ``index`` (0 = Entries) and mark it in the navigation and View menu."""
        if not 0 <= index < len(self.pages):
            return
        self.page(index)
        self.stack.setCurrentIndex(index)
        if self.navigation.currentRow() != index:
            self.navigation.setCurrentRow(index)
        self.page_actions[index].setChecked(True)
        self._update_shortcuts(index)
        self._update_event_actions()
        if self.pages[index] is self.entries_page:
            self.entries_page.focus_table()

    def current_page(self) -> int:
        return self.stack.currentIndex()

    # --- one shortcut scheme ----------------------------------------------------------

    def _update_shortcuts(self, index: int) -> None:
        """Ctrl+I imports what the page takes: timing files on Results, entries elsewhere."""
        results = index == RESULTS
        self.import_timing_action.setShortcut(QKeySequence("Ctrl+I") if results
                                              else QKeySequence())
        self.file_actions.import_entries_action.setShortcut(
            QKeySequence() if results else QKeySequence("Ctrl+I"))

    def _own_page_output(self, page: QWidget) -> None:
        """A page's own Print/Save buttons keep no shortcut of their own: Ctrl+P and Ctrl+S
        are the window's (one action each, no ambiguous shortcut), which call the page."""
        for name in ("print_button", "save_button"):
            button = getattr(page, name, None)
            if button is not None and hasattr(button, "setShortcut"):
                button.setShortcut(QKeySequence())

    def import_timing_files(self) -> None:
        """File → Import timing files: into the session shown on the Results page."""
        self.show_page(RESULTS)
        self.results_page.choose_files()

    def export_results(self) -> bool:
        """File → Export results: the session shown on the Results page, CSV or JSON."""
        self.show_page(RESULTS)
        return self.results_page.export_results()

    def print_current(self) -> bool:
        """Ctrl+P: print the current page's document (the classification on Results, the
        document shown on Documents, the standings, the entry list, the tyre sheet)."""
        page = self.page(self.current_page())
        for name in ("print_document", "print_standings"):
            act = getattr(page, name, None)
            if callable(act):
                return bool(act())
        return self._event_document(print_it=True)

    def save_current_pdf(self) -> bool:
        """Ctrl+S: save the current page's document as a PDF; the status bar says where."""
        page = self.page(self.current_page())
        act = getattr(page, "save_pdf", None)
        if callable(act):
            return bool(act())
        return self._event_document(print_it=False)

    def _event_document(self, *, print_it: bool) -> bool:
        """The Entries and Tyres pages' document (entry list, tyre sheet) through the
        catalogue, made off the UI thread, printed or saved with the Documents helpers."""
        from paddock.ui.common.pdf_pages import PDFIUM_LOCK
        from paddock.ui.documents.documents_catalogue import on_own_connection

        event = self.header.current_event()
        index = self.current_page()
        key = "tyres" if index == TYRES else "entry-list"
        if key == "tyres" and event is None:
            self._status_message("Choose an event first: the tyre sheet is an event's")
            return False
        what = "tyre allocation" if key == "tyres" else "entry list"
        stem = f"event-{event}-{key}" if event is not None else "season-entry-list"
        db_path = self._db.location

        def make() -> bytes:
            from contextlib import nullcontext

            from paddock.services.catalogue import build

            with PDFIUM_LOCK if key == "tyres" else nullcontext():
                return on_own_connection(db_path, lambda db: build(
                    db, key, event=None if event is None else str(event)))

        def done(pdf: bytes) -> None:
            if print_it:
                self.pdf_output.print(pdf, what)
            else:
                self.pdf_output.save(pdf, f"{stem}.pdf", what)

        def failed(error: BaseException) -> None:
            message = getattr(error, "message", repr(error))
            self._status_message(f"The {what} was not made: {message}")

        self._status_message(f"Making the {what}…")
        self.runner.run(make, on_success=done, on_failure=failed)
        return True

    def connect_to_server(self, url: str | None = None) -> bool:
        """File → Connect to server…: open a server's database by URL (asked for when not
        given), remember the URL, and hand the database over (`database_opened`).

        Return:
            Whether a database was opened.
        """
        from paddock.errors import DatabaseError
        from paddock.services.database import open_database
        from paddock.ui.connect_dialog import ConnectDialog, remember_server

        if url is None:
            dialog = ConnectDialog(self._settings, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            url = dialog.url()
        self._status_message("Connecting to the server…")
        try:
            db = open_database(url, create=False)
        except DatabaseError as exc:
            QMessageBox.warning(self, "Paddock cannot open the server", exc.message)
            self._status_message("Not connected: " + exc.message)
            return False
        remember_server(self._settings, url)
        self.database_opened.emit(db)
        return True

    def show_shortcuts(self) -> QDialog:
        """Help → Keyboard shortcuts: every shortcut of the window, where it works."""
        dialog = QDialog(self)
        dialog.setObjectName("shortcutsDialog")
        dialog.setWindowTitle("Keyboard shortcuts")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        table = QTableWidget(len(SHORTCUTS), 3, dialog)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels(["Keys", "Does", "Where"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, entry in enumerate(SHORTCUTS):
            for column, text in enumerate(entry):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(620, min(560, 80 + 30 * len(SHORTCUTS)))
        dialog.show()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Paddock",
            f"<b>Paddock {paddock.__version__}</b><br>"
            "Trackside operations for the Porsche Carrera Cup North America: "
            "entries, tyres, results and documents.<br><br>"
            f"Database: {self._db.where}",
        )

    def _show_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    # --- settings -------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self._settings.value(_GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self._settings.value(_STATE_KEY)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        columns = self._settings.value(_ENTRY_COLUMNS_KEY)
        if isinstance(columns, QByteArray):
            self.entries_page.restore_header_state(columns)
        event = self._settings.value(_EVENT_KEY)
        if event is not None:
            # A hand-edited or stale setting keeps the first event.
            with contextlib.suppress(TypeError, ValueError):
                self.header.select_event(int(event))
        # Whatever the settings file holds: int() below checks it.
        page: Any = self._settings.value(_PAGE_KEY, 0)
        try:
            self.show_page(int(page))
        except (TypeError, ValueError):
            self.show_page(0)
        if self.current_page() < 0 or self.navigation.currentRow() < 0:
            self.show_page(0)

    def save_settings(self) -> None:
        """Remember geometry, toolbars, page, event and the entry table's columns."""
        self._settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(_STATE_KEY, self.saveState())
        self._settings.setValue(_PAGE_KEY, self.current_page())
        event = self.header.current_event()
        if event is not None:
            self._settings.setValue(_EVENT_KEY, event)
        self._settings.setValue(_ENTRY_COLUMNS_KEY, self.entries_page.header_state())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A render or import still running must end before the database closes.
        self.runner.wait(10_000)
        self.live.stop()
        self.save_settings()
        self.season_switch.release()
        super().closeEvent(event)


class _PageSlot(QWidget):
    """Where a page will stand once it is first shown."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def hold(self, page: QWidget) -> None:
        layout = self.layout()
        assert layout is not None
        layout.addWidget(page)
