"""File menu work that reads or writes files: the databases (new, open, recent, a copy, a
new season, clearing the demo), the entry list PDF and the entries import.

The export and the import run on the thread pool with their own database connection,
opened from the path: a SQLite connection (and anything loaded through it) belongs to the
thread that opened it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QWidget,
)

from paddock.errors import PaddockError
from paddock.services.output_paths import write_output
from paddock.ui.workers import TaskRunner

log = logging.getLogger(__name__)

_LAST_FOLDER_KEY = "files/last_folder"


def render_entry_list(db_path: Path | str | None, event: int | None = None) -> bytes:
    """Make the entry list PDF with a connection of this thread's own (runs on the pool).

    Args:
        db_path: the database file (None, a server: refused, it has no file to reopen).
        event: the event's number for an event entry list; None for the season's.
    """
    # Imported here: the PDF renderer (reportlab) is heavy and only needed now.
    from paddock.services.documents import entry_list_pdf
    from paddock.ui.documents.documents_catalogue import on_own_connection

    return on_own_connection(
        db_path, lambda db: entry_list_pdf(db, None if event is None else str(event)))


def import_entries(db_path: Path | str | None, csv_path: Path) -> int:
    """Import an entry list CSV with a connection of this thread's own (runs on the pool)."""
    from paddock.services.entries import import_entries_csv
    from paddock.ui.documents.documents_catalogue import on_own_connection

    return on_own_connection(db_path, lambda db: import_entries_csv(db, csv_path))


#: A refusal longer than this shows its first lines, and every line under "Show Details".
MAX_SHOWN_PROBLEMS = 10


def show_refusal(parent: QWidget, title: str, message: str) -> None:
    """Tell the user an operation was refused, with each problem (``FILE:LINE: what``)."""
    lines = message.splitlines() or [message]
    box = QMessageBox(QMessageBox.Icon.Warning, title, "Nothing was changed.",
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("refusalBox")
    shown = lines[:MAX_SHOWN_PROBLEMS]
    more = len(lines) - len(shown)
    text = "\n".join(shown)
    if more:
        text += f"\n… and {more} more (Show Details lists them all)"
        box.setDetailedText(message)
    box.setInformativeText(text)
    box.exec()


class FileActions(QObject):
    """The File menu's export and import actions and the work behind them.

    Signals:
        entries_imported(int): entries were added by an import (how many).
        status(str): a line for the status bar.
        finished(): an export or import is over, whatever the outcome (for tests).
    """

    entries_imported = Signal(int)
    status = Signal(str)
    finished = Signal()

    def __init__(
        self,
        db_path: Path | str | None,
        runner: TaskRunner,
        window: QWidget,
        settings: QSettings,
        current_event: Callable[[], int | None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self._db_path = db_path
        self._runner = runner
        self._window = window
        self._settings = settings
        self._current_event = current_event

        self.export_entry_list_action = QAction("&Export entry list PDF…", self)
        self.export_entry_list_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_entry_list_action.setToolTip(
            "Make the entry list PDF of the event selected in the header and save it")
        self.export_entry_list_action.triggered.connect(self.export_entry_list)

        self.import_entries_action = QAction("&Import entries CSV…", self)
        self.import_entries_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_entries_action.setToolTip("Add the entries of a CSV file, all rows or none")
        self.import_entries_action.triggered.connect(self.import_entries)

    # --- export ---------------------------------------------------------------------

    def export_entry_list(self) -> None:
        """Render the entry list on the pool, then ask where to save it."""
        self.export_entry_list_action.setEnabled(False)
        self.status.emit("Making the entry list PDF…")
        db_path, event = self._db_path, self._current_event()
        self._runner.run(
            lambda: render_entry_list(db_path, event),
            on_success=self._save_entry_list,
            on_failure=lambda error: self._failed("Export entry list", error),
        )

    def _save_entry_list(self, pdf: bytes) -> None:
        try:
            event = self._current_event()
            name = "entry-list.pdf" if event is None else f"entry-list-event-{event}.pdf"
            suggested = self._last_folder() / name
            name, _filter = QFileDialog.getSaveFileName(
                self._window, "Save entry list", str(suggested), "PDF documents (*.pdf)")
            if not name:
                self.status.emit("Entry list not saved")
                return
            target = Path(name)
            if target.suffix.lower() != ".pdf":
                target = target.with_name(target.name + ".pdf")
            try:
                # Whole or not at all, and never over the database or its backups.
                db_file = self._db_path if isinstance(self._db_path, Path) else None
                write_output(target, pdf, db_path=db_file)
            except PaddockError as exc:
                QMessageBox.critical(self._window, "Export entry list",
                                     f"Not saved: {exc.message}")
                self.status.emit("Entry list not saved")
                return
            self._remember_folder(target)
            self.status.emit(f"Entry list saved to {target}")
        finally:
            self.export_entry_list_action.setEnabled(True)
            self.finished.emit()

    # --- import ---------------------------------------------------------------------

    def import_entries(self) -> None:
        """Ask for a CSV file and import it on the pool; report the count or the error."""
        name, _filter = QFileDialog.getOpenFileName(
            self._window, "Import entries", str(self._last_folder()),
            "CSV files (*.csv);;All files (*)")
        if not name:
            return
        csv_path = Path(name)
        self._remember_folder(csv_path)
        self.import_entries_action.setEnabled(False)
        self.status.emit(f"Importing {csv_path.name}…")
        db_path = self._db_path
        self._runner.run(
            lambda: import_entries(db_path, csv_path),
            on_success=lambda count: self._imported(csv_path, count),
            on_failure=lambda error: self._failed("Import entries", error),
        )

    def _imported(self, csv_path: Path, count: int) -> None:
        self.import_entries_action.setEnabled(True)
        noun = "entry" if count == 1 else "entries"
        self.status.emit(f"Imported {count} {noun} from {csv_path.name}")
        self.entries_imported.emit(count)
        QMessageBox.information(self._window, "Import entries",
                                f"Imported {count} {noun} from {csv_path.name}.")
        self.finished.emit()

    # --- shared ---------------------------------------------------------------------

    def _failed(self, title: str, error: BaseException) -> None:
        self.export_entry_list_action.setEnabled(True)
        self.import_entries_action.setEnabled(True)
        if isinstance(error, PaddockError):
            self.status.emit(f"{title}: refused, nothing was changed")
            show_refusal(self._window, title, error.message)
        else:
            log.error("%s failed", title, exc_info=error)
            self.status.emit(f"{title}: failed")
            QMessageBox.critical(self._window, title,
                                 f"An unexpected error stopped this:\n{error!r}")
        self.finished.emit()

    def _last_folder(self) -> Path:
        saved = self._settings.value(_LAST_FOLDER_KEY, "", str)
        if isinstance(saved, str) and saved and Path(saved).is_dir():
            return Path(saved)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents else Path.home()

    def _remember_folder(self, path: Path) -> None:
        self._settings.setValue(_LAST_FOLDER_KEY, str(path.parent))


# --- databases: new, open, recent, save a copy, new season, clear the demo ---------------------

RECENT_DATABASES_KEY = "files/recent_databases"
RECENT_DATABASES_MAX = 8
DATABASE_FILTER = "Paddock databases (*.db);;All files (*)"


def recent_databases(settings: QSettings) -> list[Path]:
    """The database files opened before, newest first (those still there)."""
    value = settings.value(RECENT_DATABASES_KEY, [])
    # QSettings gives a lone string back for a one-item list, and None for an empty one.
    items: list[object] = [value] if isinstance(value, str) else \
        list(value) if isinstance(value, list | tuple) else []
    return [Path(str(p)) for p in items if str(p).strip() and Path(str(p)).is_file()]


def remember_database(settings: QSettings, location: Path | str) -> None:
    """Put a database file first in the recent list (once); a server is not a file."""
    if not isinstance(location, Path):
        return
    path = location.absolute()
    paths = [path, *(p for p in recent_databases(settings) if p != path)]
    settings.setValue(RECENT_DATABASES_KEY, [str(p) for p in paths[:RECENT_DATABASES_MAX]])
    settings.sync()


def window_title(where: str, *, demo: bool) -> str:
    """The title bar: the database's path (a server's URL without password), DEMO if so."""
    return f"Paddock – {'DEMO – ' if demo else ''}{where}"


class DatabaseActions(QObject):
    """File → New season…, New database…, Open database…, Open recent, Save a copy…

    Every action that changes the database shown hands a freshly opened `Database` to
    ``database_opened``; the application shows it in a new window and closes the old.

    Signals:
        database_opened(object): a database to show instead of the current one.
        season_made(int): a season was added to the open database; the window shows it.
        status(str): a line for the status bar.
    """

    database_opened = Signal(object)
    season_made = Signal(int)
    status = Signal(str)

    def __init__(self, location: Path | str, where: str, window: QWidget,
                 settings: QSettings) -> None:
        super().__init__(window)
        self._location = location
        self._where = where
        self._window = window
        self._settings = settings

        self.new_season_action = QAction("New &season…", self)
        self.new_season_action.setToolTip("Add a season to this database (its year); the "
                                          "window then shows it")
        self.new_season_action.triggered.connect(lambda: self.new_season())
        self.new_database_action = QAction("&New database…", self)
        self.new_database_action.setToolTip("Make a new database file: a new season, or the "
                                            "demo")
        self.new_database_action.triggered.connect(lambda: self.new_database())
        self.open_database_action = QAction("&Open database…", self)
        self.open_database_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_database_action.triggered.connect(lambda: self.open_database())
        self.save_copy_action = QAction("Save a &copy…", self)
        self.save_copy_action.setToolTip("Save a checked copy of the whole database as a file")
        self.save_copy_action.triggered.connect(lambda: self.save_copy())
        self.recent_menu = QMenu("Open &recent")
        self.recent_menu.setObjectName("recentDatabasesMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.new_season_action)
        menu.addSeparator()
        menu.addAction(self.new_database_action)
        menu.addAction(self.open_database_action)
        menu.addMenu(self.recent_menu)
        menu.addAction(self.save_copy_action)

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        here = self._location.absolute() if isinstance(self._location, Path) else None
        paths = [p for p in recent_databases(self._settings) if p != here]
        for path in paths:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_database(p))
        if not paths:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # --- the actions ------------------------------------------------------------------

    def open_database(self, path: Path | None = None) -> bool:
        """Open a database file (asked for when not given); refused: said, nothing changed."""
        from paddock.services.database import open_database

        if path is None:
            name, _filter = QFileDialog.getOpenFileName(
                self._window, "Open database", str(self._folder()), DATABASE_FILTER)
            if not name:
                return False
            path = Path(name)
        try:
            db = open_database(path, create=False)
        except PaddockError as exc:
            QMessageBox.warning(self._window, "Paddock cannot open the database", exc.message)
            self.status.emit(f"Not opened: {exc.message}")
            return False
        remember_database(self._settings, path)
        self.database_opened.emit(db)
        return True

    def new_database(self, path: Path | None = None, *, demo: bool | None = None,
                     year: int | None = None) -> bool:
        """Make a new database file: asks where, then the demo or a new season (its year)."""
        from paddock.services.database import init_database, open_database
        from paddock.ui.first_start import FirstStartDialog

        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self._window, "New database", str(self._folder() / "season.db"),
                DATABASE_FILTER)
            if not name:
                return False
            path = Path(name)
            if not path.suffix:
                path = path.with_suffix(".db")
        if demo is None:
            dialog = FirstStartDialog(str(path), self._window)
            dialog.setWindowTitle("New database")
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
                return False
            demo, year = dialog.choice.demo, dialog.choice.year
        try:
            if path.exists():
                # The save dialog asked before replacing: the old file is kept as a copy.
                init_database(path, demo_weekend=demo, year=None if demo else year,
                              force=True)
            else:
                init_database(path, demo_weekend=demo, year=None if demo else year)
            db = open_database(path, create=False)
        except PaddockError as exc:
            show_refusal(self._window, "New database", exc.message)
            return False
        remember_database(self._settings, path)
        self.database_opened.emit(db)
        return True

    def new_season(self, year: int | None = None) -> bool:
        """Add season ``year`` (asked for) to this database, made from its latest season
        (calendar, classes, cars, points, tyre rules; the Season page edits them), and show
        it in this window. The season the desks work on stays the marked one."""
        from paddock.services.calendar import FIRST_YEAR, LAST_YEAR, list_seasons, new_season
        from paddock.services.database import open_database

        if year is None:
            asked, ok = QInputDialog.getInt(
                self._window, "New season", "Year of the new season (made from the last "
                "one; edit it on the Season page):", date.today().year, FIRST_YEAR,
                LAST_YEAR)
            if not ok:
                return False
            year = asked
        try:
            db = open_database(self._location, create=False)
            try:
                latest = max((s.year for s in list_seasons(db)), default=None)
                new_season(db, year, from_year=latest)
            finally:
                db.close()
        except PaddockError as exc:
            show_refusal(self._window, "New season", exc.message)
            return False
        self.status.emit(f"Season {year} created from {latest}" if latest else
                         f"Season {year} created")
        self.season_made.emit(year)
        return True

    def save_copy(self, path: Path | None = None) -> Path | None:
        """Save a checked copy of the whole database as a file (asked for when not given)."""
        from paddock.services.database import open_database, save_copy

        if path is None:
            stem = Path(self._where).stem if isinstance(self._location, Path) else "paddock"
            name, _filter = QFileDialog.getSaveFileName(
                self._window, "Save a copy of the database",
                str(self._folder() / f"{stem}-copy.db"), DATABASE_FILTER)
            if not name:
                return None
            path = Path(name)
        try:
            with open_database(self._location, create=False) as db:
                saved = save_copy(db, path)
        except PaddockError as exc:
            show_refusal(self._window, "Save a copy", exc.message)
            return None
        self.status.emit(f"Copy of the database saved to {saved}")
        return saved

    def clear_demo(self, *, confirm: bool = True) -> bool:
        """Clear the demo season (after asking), then show the emptied season."""
        from paddock.services.database import open_database
        from paddock.services.demo_season import clear_demo

        if confirm:
            answer = QMessageBox.question(
                self._window, "Clear the demo season",
                "Remove every entry, tyre, timing import, result and decision of the demo "
                "season?\n\nThe calendar, classes and cars stay, ready for your entry list. "
                "A backup copy is made first.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            db = open_database(self._location, create=False)
            try:
                cleared = clear_demo(db)
            except BaseException:
                db.close()
                raise
        except PaddockError as exc:
            show_refusal(self._window, "Clear the demo season", exc.message)
            return False
        self.status.emit(cleared.text[:1].upper() + cleared.text[1:])
        self.database_opened.emit(db)
        return True

    def _folder(self) -> Path:
        if isinstance(self._location, Path):
            return self._location.parent
        saved = self._settings.value(_LAST_FOLDER_KEY, "", str)
        return Path(saved) if isinstance(saved, str) and saved and Path(saved).is_dir() \
            else Path.home()
