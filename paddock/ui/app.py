"""Start the desktop application: `paddock` with no sub-command lands here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

import paddock
from paddock.errors import DatabaseError

if TYPE_CHECKING:
    from paddock.services.database import Database
from paddock.ui.common.theme import apply_theme

ORGANIZATION = "Paddock"
APPLICATION = "Paddock"


def create_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication (made once) named so that QSettings has a home."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(paddock.__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        argv if argv is not None else sys.argv)
    app.setApplicationDisplayName("Paddock")
    apply_theme(app)
    return app


def run(db_path: Path | str | None = None) -> int:
    """Open the database and show the main window until the user quits.

    Args:
        db_path: the database file or a server's URL (``postgresql://...``); None means
            ``PADDOCK_DB``, else the user data dir.

    Return:
        The exit status: 0 after a normal quit, 1 when the database cannot be opened.
    """
    app = create_application()
    # Imported after the QApplication exists so a slow import never delays the event loop
    # set-up; the services pull in the database layer (sqlmodel) on first use.
    from paddock.services.database import open_database
    from paddock.ui.main_window import MainWindow

    try:
        # First start: a ready demo season, so the officials can try everything at once.
        db = open_database(db_path, demo_if_new=True, demo_weekend=True)
    except DatabaseError as exc:
        QMessageBox.critical(None, "Paddock cannot open the database", exc.message)
        return 1
    opened = [db]
    windows: list[MainWindow] = []

    def show(database: Database) -> None:
        # File → Connect to server…: the new database gets a window of its own; the old
        # window closes (saving its settings) and its database is closed.
        window = MainWindow(database)
        window.database_opened.connect(show)
        if windows:
            old = windows.pop()
            old.close()
            old.deleteLater()
            opened.pop().close()
            opened.append(database)
        windows.append(window)
        window.show()

    try:
        show(db)
        return app.exec()
    finally:
        for database in opened:
            database.close()
