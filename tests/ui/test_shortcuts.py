"""One shortcut scheme across the pages, the File menu, and a status line after each save."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from paddock.services import results as result_service
from paddock.services.database import Database
from paddock.ui.main_window import DOCUMENTS, ENTRIES, RESULTS, MainWindow
from paddock.ui.results.results_penalty_dialog import PenaltyDialog

from .helpers import when_modal_opens

TORONTO = 4
LAPS = """number,lap,lap_time,elapsed
1,1,1:20.000,1:20.000
1,2,1:20.000,2:40.000
7,1,1:21.000,1:21.000
7,2,1:21.000,2:42.000
"""


def _results_shown(window: MainWindow, db: Database, tmp_path: Path) -> None:
    path = tmp_path / "r1.csv"
    path.write_text(LAPS, encoding="utf-8")
    result_service.import_results(db, event=str(TORONTO), session="R1", files=[path])
    window.header.select_event(TORONTO)
    window.show_page(RESULTS)
    window.results_page.set_session("R1")


def test_the_file_menu_and_help_list_the_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    for wanted in ("Import &timing files…", "&Import entries CSV…", "&Print…", "&Save PDF…",
                   "E&xport results (CSV or JSON)…", "&Export entry list PDF…"):
        assert wanted in texts
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    assert window.save_pdf_action.shortcut().toString() == "Ctrl+S"

    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    rows = [(dialog.findChild(QWidget, "shortcutsTable").item(r, 0).text(),  # type: ignore[union-attr]
             dialog.findChild(QWidget, "shortcutsTable").item(r, 1).text())  # type: ignore[union-attr]
            for r in range(dialog.findChild(QWidget, "shortcutsTable").rowCount())]  # type: ignore[union-attr]
    keys = [k for k, _ in rows]
    for wanted in ("Ctrl+P", "Ctrl+S", "Ctrl+I", "Ctrl+D"):
        assert wanted in keys
    assert any(k == "Ctrl+P" and does.startswith("Print") for k, does in rows)
    dialog.close()


def test_ctrl_i_imports_what_the_page_takes(window: MainWindow, db: Database,
                                            tmp_path: Path) -> None:
    window.show_page(ENTRIES)
    assert window.file_actions.import_entries_action.shortcut().toString() == "Ctrl+I"
    assert window.import_timing_action.shortcut().isEmpty()
    _results_shown(window, db, tmp_path)
    assert window.import_timing_action.shortcut().toString() == "Ctrl+I"
    assert window.file_actions.import_entries_action.shortcut().isEmpty()


def test_ctrl_p_prints_the_current_page_and_ctrl_d_is_a_decision(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    _results_shown(window, db, tmp_path)
    page = window.results_page
    printed: list[str] = []
    monkeypatch.setattr(page, "print_document", lambda: printed.append("results") or True)
    window.activateWindow()
    qtbot.waitActive(window)
    page.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == ["results"]

    # The Documents page's own Print button no longer holds Ctrl+P: one action, no ambiguity.
    documents = window.page(DOCUMENTS)
    assert documents.print_button.shortcut().isEmpty()  # type: ignore[attr-defined]
    window.show_page(DOCUMENTS)
    calls: list[str] = []
    monkeypatch.setattr(documents, "print_document", lambda: calls.append("doc") or True)
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert calls == ["doc"]
    # The page renders its first document when shown: let it finish before the window goes.
    qtbot.waitUntil(lambda: not documents.busy  # type: ignore[attr-defined]
                    and documents.preview.pdf is not None,  # type: ignore[attr-defined]
                    timeout=30_000)

    seen: list[str] = []

    def cancel(modal: QWidget) -> None:
        assert isinstance(modal, PenaltyDialog)
        seen.append(modal.windowTitle())
        modal.reject()

    window.show_page(RESULTS)
    watch = when_modal_opens(cancel)
    try:
        qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    finally:
        watch.cancel()
    assert seen == ["Add penalty – Race 1"]


def test_ctrl_s_saves_the_classification_and_the_status_bar_says_where(
    qtbot: QtBot, window: MainWindow, db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    _results_shown(window, db, tmp_path)
    target = tmp_path / "out" / "toronto-r1.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    page = window.results_page
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(page.output.saved, timeout=20_000):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.read_bytes().startswith(b"%PDF")
    message = window.statusBar().currentMessage()
    assert message.startswith("Saved Race 1 classification") and str(target) in message
    assert window.statusBar().isVisible()

    # File → Export results writes CSV, and says so too.
    exported = tmp_path / "out" / "r1.csv"
    window.runner.wait(10_000)
    assert page.export_results(exported)
    qtbot.waitUntil(lambda: exported.exists() and not page.rendering, timeout=20_000)
    assert window.statusBar().currentMessage().startswith("Exported Race 1 results")
