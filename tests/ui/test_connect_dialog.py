"""File → Connect to server…: the servers used are remembered, their passwords never.

The settings file is plain text on a shared laptop: a server's URL is kept without its
password, which the official types again in the dialog (or keeps in ~/.pgpass).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from paddock.services.database import Database, open_database
from paddock.ui.connect_dialog import (
    RECENT_KEY,
    ConnectDialog,
    recent_servers,
    remember_server,
    with_password,
    without_password,
)
from paddock.ui.main_window import MainWindow

SECRET = "s3cr3t-Pw"
URL = f"postgresql://paddock:{SECRET}@192.168.1.20:5432/paddock"
BARE = "postgresql://paddock@192.168.1.20:5432/paddock"


def saved_text(settings: QSettings) -> str:
    settings.sync()
    return Path(settings.fileName()).read_text(encoding="utf-8")


def test_a_server_is_remembered_without_its_password(
        qtbot: QtBot, window: MainWindow, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from paddock.services import database as database_service

    server = open_database(tmp_path / "server.db")  # stands in for the server's database
    asked: list[object] = []

    def fake_open(target: object, **_kw: object) -> Database:
        asked.append(target)
        return server

    monkeypatch.setattr(database_service, "open_database", fake_open)
    try:
        assert window.connect_to_server(URL) is True
    finally:
        server.close()
    assert asked == [URL]  # connected with the password given
    window.save_settings()
    text = saved_text(settings)
    assert SECRET not in text
    assert "192.168.1.20" in text
    assert recent_servers(settings) == [BARE]


def test_the_password_is_typed_apart_and_never_saved(qtbot: QtBot, settings: QSettings) -> None:
    remember_server(settings, URL)
    dialog = ConnectDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.url_box.currentText() == BARE
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    qtbot.keyClicks(dialog.password_edit, "p@ss:word/1")
    # Put into the URL for the connection, escaped as a URL needs it.
    assert dialog.url() == "postgresql://paddock:p%40ss%3Aword%2F1@192.168.1.20:5432/paddock"
    assert "p@ss" not in saved_text(settings) and "p%40ss" not in saved_text(settings)
    # A URL typed with its password keeps it; the field is then not needed.
    dialog.url_box.setEditText(URL)
    assert dialog.url() == URL


def test_passwords_saved_by_an_older_paddock_are_removed(settings: QSettings) -> None:
    settings.setValue(RECENT_KEY, [URL, "postgresql+psycopg://desk@h:5433/p?password=x&a=1"])
    settings.sync()
    assert recent_servers(settings) == [BARE, "postgresql+psycopg://desk@h:5433/p?a=1"]
    text = saved_text(settings)
    assert SECRET not in text and "password=" not in text


@pytest.mark.parametrize(("url", "bare"), [
    (URL, BARE),
    ("postgresql://u:a@b@[::1]:5432/db", "postgresql://u@[::1]:5432/db"),
    ("postgres://host/db", "postgres://host/db"),
    ("postgresql://u@h/db?password=x&sslmode=require", "postgresql://u@h/db?sslmode=require"),
])
def test_without_password(url: str, bare: str) -> None:
    assert without_password(url) == bare
    assert with_password(bare, "") == bare
    assert without_password(with_password(bare, "pw")) == bare
