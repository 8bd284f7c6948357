"""Starting the application: the database opens or the user is told why not."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from paddock.services.database import open_database
from paddock.ui import app as paddock_app
from paddock.ui.main_window import MainWindow


@pytest.fixture
def user_settings(tmp_path: Path) -> Iterator[Path]:
    """Point the application's own QSettings at a temporary folder for the test."""
    folder = tmp_path / "config"
    organization = QCoreApplication.organizationName()
    application = QCoreApplication.applicationName()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder
    default = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericConfigLocation)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, default)
    QCoreApplication.setOrganizationName(organization)
    QCoreApplication.setApplicationName(application)


def test_a_file_that_is_not_a_paddock_database_is_refused_with_its_reason(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_settings: Path,
) -> None:
    stranger = tmp_path / "notes.db"
    stranger.write_bytes(b"these are meeting notes, not a database" * 100)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, title, text, *_a: shown.append((title, text)))

    assert paddock_app.run(stranger) == 1

    assert len(shown) == 1
    assert str(stranger) in shown[0][1]
    assert "not a Paddock database" in shown[0][1]
    assert stranger.read_bytes().startswith(b"these are meeting notes")


def test_run_shows_the_window_and_returns_0_when_it_is_closed(
    qtbot: QtBot, tmp_path: Path, user_settings: Path
) -> None:
    path = tmp_path / "season.db"
    open_database(path, demo_if_new=True).close()
    seen: list[str] = []

    def close_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(10, close_window)
            return
        seen.append(windows[0].windowTitle())
        windows[0].close()

    QTimer.singleShot(0, close_window)
    guard = QTimer()  # never hang the suite if the window does not show
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(20_000)
    try:
        assert paddock_app.run(path) == 0
    finally:
        guard.stop()

    assert seen == [f"Paddock – DEMO – {path}"]
    assert QCoreApplication.organizationName() == "Paddock"
    # The geometry went to the application's settings, here in the test's folder.
    assert any(user_settings.rglob("*.conf")) or any(user_settings.rglob("*.ini"))


def test_start_up_does_not_load_the_pdf_renderer() -> None:
    code = (
        "import sys\n"
        "import paddock.ui.app, paddock.ui.main_window\n"
        "print('reportlab' in sys.modules, 'paddock.reports.entry_list' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["False", "False"]


def test_first_start_asks_before_making_anything(
    tmp_path: Path, qtbot: QtBot, user_settings: Path,
) -> None:
    """No database yet: the official chooses the demo or a new season
    (tests/ui/test_first_start.py drives both); the demo gives a ready season."""
    from paddock.services.entries import list_entries
    from paddock.ui.first_start import FirstStartDialog

    def step() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, FirstStartDialog):
            modal.demo_button.click()
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(10, step)
            return
        windows[0].close()

    QTimer.singleShot(0, step)
    path = tmp_path / "first.db"
    assert paddock_app.run(path) == 0
    with open_database(path) as db:
        assert len(list_entries(db)) == 32
