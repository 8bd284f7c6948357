"""File menu: entry list PDF export and entries CSV import, both off the UI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from paddock.services import entries as entry_service
from paddock.services.database import Database
from paddock.ui.main_window import MainWindow

from .helpers import when_modal_opens

HEADER = ("number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,"
          "full_season")


def _choose_file(monkeypatch: pytest.MonkeyPatch, method: str, path: Path | None) -> list[str]:
    """Make the file dialog answer ``path`` (None: cancelled); return the captions asked."""
    asked: list[str] = []

    def answer(_parent: QWidget, caption: str, *_args: object) -> tuple[str, str]:
        asked.append(caption)
        return ("" if path is None else str(path), "")

    monkeypatch.setattr(QFileDialog, method, answer)
    return asked


def test_import_adds_the_rows_and_reports_the_count(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    csv_file = tmp_path / "late-entries.csv"
    csv_file.write_text(
        HEADER + "\n"
        "86,Ava,Lindqvist,2003-05-17,SWE,Lakeshore GT,992,Rookie,no,yes\n"
        "87,Ben,Okafor,1971-02-03,USA,Kestrel Motorsport,991.2,Pro-Am,yes,no\n",
        encoding="utf-8",
    )
    _choose_file(monkeypatch, "getOpenFileName", csv_file)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text, *_a: told.append(text))
    before = window.entries_page.model.rowCount()

    with qtbot.waitSignal(window.file_actions.finished, timeout=10_000):
        window.file_actions.import_entries_action.trigger()

    assert told == ["Imported 2 entries from late-entries.csv."]
    assert window.entries_page.model.rowCount() == before + 2
    numbers = {e.number for e in entry_service.list_entries(db)}
    assert {"86", "87"} <= numbers
    assert window.file_actions.import_entries_action.isEnabled()


def test_a_refused_import_names_file_and_line_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(
        HEADER + "\n"
        "86,Ava,Lindqvist,2003-05-17,SWE,Lakeshore GT,992,Rookie,no,yes\n"
        "87,Ben,Okafor,03/02/1971,USA,Kestrel Motorsport,991.2,Pro-Am,yes,no\n",
        encoding="utf-8",
    )
    _choose_file(monkeypatch, "getOpenFileName", csv_file)
    before = entry_service.list_entries(db)
    shown: dict[str, str] = {}

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown["text"] = box.text()
        shown["details"] = box.informativeText()
        box.accept()

    when_modal_opens(read_and_close)
    with qtbot.waitSignal(window.file_actions.finished, timeout=10_000):
        window.file_actions.import_entries_action.trigger()

    assert shown["text"] == "Nothing was changed."
    assert f"{csv_file}:3:" in shown["details"]
    assert "date_of_birth" in shown["details"]
    assert entry_service.list_entries(db) == before
    assert window.entries_page.model.rowCount() == len(before)


def test_cancelling_the_import_does_nothing(
    window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _choose_file(monkeypatch, "getOpenFileName", None)
    before = entry_service.list_entries(db)
    window.file_actions.import_entries_action.trigger()
    assert asked == ["Import entries"]
    assert not window.runner.busy
    assert entry_service.list_entries(db) == before


def test_export_renders_off_the_ui_thread_then_saves_the_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "entries"
    target.parent.mkdir()
    asked = _choose_file(monkeypatch, "getSaveFileName", target)
    window.header.select_event(2)
    busy: list[bool] = []
    window.runner.busy_changed.connect(busy.append)

    with qtbot.waitSignal(window.file_actions.finished, timeout=30_000):
        window.file_actions.export_entry_list_action.trigger()
        # The render runs on the pool: the window is busy and the action waits for it.
        assert not window.file_actions.export_entry_list_action.isEnabled()
        assert window.busy_bar.isVisibleTo(window)

    assert asked == ["Save entry list"]
    saved = target.with_name("entries.pdf")  # the .pdf suffix is added when left out
    assert saved.read_bytes().startswith(b"%PDF")
    assert busy == [True, False]
    assert not window.busy_bar.isVisibleTo(window)
    assert window.file_actions.export_entry_list_action.isEnabled()
    assert str(saved) in window.statusBar().currentMessage()
