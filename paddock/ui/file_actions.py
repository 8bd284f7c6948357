"""File menu work that reads or writes files: export the entry list PDF, import entries.

Both run on the thread pool with their own database connection, opened from the path: a
SQLite connection (and anything loaded through it) belongs to the thread that opened it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

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
