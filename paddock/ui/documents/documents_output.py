"""Save a finished PDF to a file, or print it: shared by the Documents and Championship pages.

Saving writes bytes already made, whole or not at all, and never over the open database,
its companion files or its backups (`paddock.services.output_paths`, shared with the CLI).
Printing asks for the printer with the Qt print dialog
(unless the caller gives one, as the tests do), then renders the pages to it on the pool
(`paddock.ui.common.pdf_pages.print_pdf`); the printer object is kept until the job has answered.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from paddock.errors import PaddockError
from paddock.services.output_paths import write_output
from paddock.ui.common.pdf_pages import print_pdf
from paddock.ui.workers import TaskRunner

log = logging.getLogger(__name__)


def documents_folder() -> Path:
    """Where a save dialog opens first: the user's documents folder, else home."""
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class PdfOutput(QObject):
    """Saves and prints PDFs for a page.

    Args:
        runner: prints off the UI thread.
        window: the parent of the dialogs and messages.
        db_path: the open database's file, which a save must never overwrite.

    Signals:
        status(str): a line for the status bar.
        saved(object): the `Path` a document was written to.
        printed(int): a print job is over, with the number of pages sent (0: failed).
    """

    status = Signal(str)
    saved = Signal(object)
    printed = Signal(int)

    def __init__(self, runner: TaskRunner, window: QWidget, db_path: Path | None = None) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._db_path = db_path
        self._printer: QPrinter | None = None
        self.last_folder: Path | None = None

    @property
    def printing(self) -> bool:
        """Whether a print job has not answered yet."""
        return self._printer is not None

    def save(self, pdf: bytes, file_name: str, what: str, target: Path | None = None
             ) -> Path | None:
        """Write ``pdf``; ask where first unless ``target`` is given.

        Args:
            file_name: the name suggested in the dialog ("sebring-R1-classification.pdf").
            what: the document in words, for the dialog's title and the messages.

        Return:
            Where it was written, or None when cancelled or the file could not be written.
        """
        if target is None:
            folder = self.last_folder or documents_folder()
            name, _filter = QFileDialog.getSaveFileName(
                self._window, f"Save {what}", str(folder / file_name),
                "PDF documents (*.pdf)")
            if not name:
                self.status.emit(f"{what[0].upper()}{what[1:]} not saved")
                return None
            target = Path(name)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            write_output(target, pdf, db_path=self._db_path)
        except PaddockError as exc:
            QMessageBox.critical(self._window, f"Save {what}", f"Not saved: {exc.message}")
            self.status.emit(f"{what[0].upper()}{what[1:]} not saved")
            return None
        self.last_folder = target.parent
        self.status.emit(f"Saved {what} to {target}")
        self.saved.emit(target)
        return target

    def print(self, pdf: bytes, what: str, printer: QPrinter | None = None) -> bool:
        """Print ``pdf``: ask for the printer (unless given), then render to it on the pool.

        Return:
            Whether a print job was started (False: cancelled, or one is still running).
        """
        if self._printer is not None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(what)
            dialog = QPrintDialog(printer, self._window)
            dialog.setWindowTitle(f"Print {what}")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self.status.emit("Not printed")
                return False
        self._printer = printer
        self.status.emit(f"Printing {what}…")
        self._runner.run(lambda: print_pdf(pdf, printer),
                         on_success=lambda pages: self._printed(what, pages),
                         on_failure=lambda error: self._print_failed(what, error))
        return True

    def _printed(self, what: str, pages: int) -> None:
        self._printer = None
        noun = "page" if pages == 1 else "pages"
        self.status.emit(f"Printed {what}: {pages} {noun}")
        self.printed.emit(pages)

    def _print_failed(self, what: str, error: BaseException) -> None:
        self._printer = None
        if isinstance(error, PaddockError):
            message = error.message
        else:
            log.error("Printing %s failed", what, exc_info=error)
            message = repr(error)
        self.status.emit(f"Printing {what} failed")
        QMessageBox.warning(self._window, f"Print {what}", f"Not printed: {message}")
        self.printed.emit(0)
