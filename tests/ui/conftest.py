"""Fixtures for the window tests: a real demo database, isolated settings, a shown window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from paddock.services.database import Database, open_database
from paddock.ui.main_window import MainWindow


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A new database holding the 2021 season and the demo field."""
    database = open_database(tmp_path / "t.db", demo_if_new=True)
    yield database
    database.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window settings in a file of the test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, db: Database, settings: QSettings) -> Iterator[MainWindow]:
    main = MainWindow(db, settings=settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.runner.wait(10_000)
