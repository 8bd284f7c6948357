"""Saving a PDF from the window: refused over the database's files, like the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from paddock.ui.documents.documents_output import PdfOutput
from paddock.ui.workers import TaskRunner

PDF = b"%PDF-1.4 a document"


@pytest.fixture
def output(qtbot: QtBot, tmp_path: Path) -> PdfOutput:
    window = QWidget()
    qtbot.addWidget(window)
    (tmp_path / "t.db").write_bytes(b"SQLite format 3\x00")
    (tmp_path / "t.db.backups").mkdir()
    return PdfOutput(TaskRunner(parent=window), window, db_path=tmp_path / "t.db")


def test_a_save_into_the_backups_is_refused_with_the_reason(
        output: PdfOutput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, _title, text, *args: shown.append(text))
    saved: list[object] = []
    output.saved.connect(saved.append)
    target = tmp_path / "t.db.backups" / "r1.pdf"
    assert output.save(PDF, "r1.pdf", "classification", target=target) is None
    assert len(shown) == 1 and "backups folder" in shown[0]
    assert not target.exists() and saved == []


def test_a_save_elsewhere_is_written_whole(output: PdfOutput, tmp_path: Path) -> None:
    target = tmp_path / "r1.pdf"
    assert output.save(PDF, "r1.pdf", "classification", target=target) == target
    assert target.read_bytes() == PDF
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r1.pdf", "t.db", "t.db.backups"]
