"""Start the desktop application: `paddock` with no sub-command lands here."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt
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


def first_start(target: Path) -> Database | None:
    """No database file yet: ask for the demo season or a new season, and make it.

    Return:
        The new database, or None when the official closed the dialog (nothing made).
    """
    from paddock.services.database import init_database, open_database
    from paddock.ui.first_start import FirstStartDialog

    dialog = FirstStartDialog(str(target))
    if dialog.exec() != FirstStartDialog.DialogCode.Accepted or dialog.choice is None:
        return None
    choice = dialog.choice
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        # The demo's first weekends are run through the services: a few seconds.
        init_database(target, demo_weekend=choice.demo,
                      year=None if choice.demo else choice.year)
    finally:
        QApplication.restoreOverrideCursor()
    return open_database(target, create=False)


def run(db_path: Path | str | None = None, *, demo: bool = False) -> int:
    """Open the database and show the main window until the user quits.

    Args:
        db_path: the database file or a server's URL (``postgresql://...``); None means
            ``PADDOCK_DB``, else the user data dir. A file that does not exist yet is
            the first start: the official chooses the demo season or a new season.
        demo: show the demo season (today's demo weekend) in a temporary database of its
            own, removed at the end; the user's database is not opened at all.

    Return:
        The exit status: 0 after a normal quit (or a first start left without a choice),
        1 when the database cannot be opened.
    """
    app = create_application()
    # Imported after the QApplication exists so a slow import never delays the event loop
    # set-up; the services pull in the database layer (sqlmodel) on first use.
    from paddock.services.database import open_database, open_demo_database, resolve_target
    from paddock.ui.file_actions import remember_database
    from paddock.ui.main_window import MainWindow

    scratch: Path | None = None
    try:
        if demo:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                db = open_demo_database()
            finally:
                QApplication.restoreOverrideCursor()
            assert db.path is not None
            scratch = db.path.parent
        else:
            target = resolve_target(db_path)
            if isinstance(target, Path) and not target.exists() and not target.is_symlink():
                made = first_start(target)
                if made is None:
                    return 0
                db = made
            else:
                db = open_database(target)
            remember_database(QSettings(), db.location)
    except DatabaseError as exc:
        QMessageBox.critical(None, "Paddock cannot open the database", exc.message)
        return 1
    opened = [db]
    windows: list[MainWindow] = []
    # The demo's window keeps its settings beside the demo: the user's stay as they were.
    settings = (QSettings(str(scratch / "window.ini"), QSettings.Format.IniFormat)
                if scratch is not None else None)

    def show(database: Database) -> None:
        # File → Connect to server…: the new database gets a window of its own; the old
        # window closes (saving its settings) and its database is closed.
        window = MainWindow(database, settings=settings)
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
        if demo:
            from paddock.services.demo_weekend import CURRENT_EVENT

            windows[0].header.select_event(CURRENT_EVENT)
        return app.exec()
    finally:
        for database in opened:
            database.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
