"""The "Session facts…" dialog of the Documents page: typed, saved through the service,
printed at once on the session's document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from paddock.services.database import Database
from paddock.services.sessions import session_facts
from paddock.ui.documents.documents_catalogue import DocumentKind
from paddock.ui.documents.documents_page import DocumentsPage
from paddock.ui.season.session_facts_dialog import SessionFactsDialog

from .documents_data import EVENT, ensure_results, pdf_text
from .helpers import when_modal_opens

RENDER_TIMEOUT = 30_000


@pytest.fixture
def page(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[DocumentsPage]:
    ensure_results(db, tmp_path / "timing")
    widget = DocumentsPage(db, EVENT)
    qtbot.addWidget(widget)
    widget.resize(1136, 760)
    with qtbot.waitSignal(widget.preview_ready, timeout=RENDER_TIMEOUT):
        widget.show()
        qtbot.waitExposed(widget)
    yield widget
    widget.runner.wait(RENDER_TIMEOUT)


def test_facts_typed_in_the_dialog_are_saved_and_printed(
        qtbot: QtBot, page: DocumentsPage, db: Database) -> None:
    # The entry list has no session: nothing to edit.
    assert not page.facts_button.isEnabled()
    with qtbot.waitSignal(page.preview_ready, timeout=RENDER_TIMEOUT):
        assert page.select_document(DocumentKind.CLASSIFICATION, "R1")
    assert page.facts_button.isEnabled()
    seen: dict[str, str] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SessionFactsDialog)
        seen["start"] = dialog.start_edit.text()
        dialog.start_edit.setText("14:05")
        dialog.length_edit.setText("20L")
        dialog.conditions_combo.setCurrentIndex(dialog.conditions_combo.findData("wet"))
        dialog.air_edit.setText("18")
        dialog.track_edit.setText("")
        dialog.ok_button.click()

    when_modal_opens(fill)
    with qtbot.waitSignal(page.preview_ready, timeout=RENDER_TIMEOUT):
        dialog = page.edit_session_facts()
    assert isinstance(dialog, SessionFactsDialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert seen["start"] == "15:00"  # what the season had
    facts = session_facts(db, event="1", session="R1")
    assert (facts.start_text, facts.length_laps, facts.conditions, facts.air_c,
            facts.track_c) == ("14:05 EDT", 20, "wet", 18.0, None)
    saved = page.save_pdf(Path(str(db.path)).with_name("r1.pdf"))
    assert saved is not None
    text = " ".join(pdf_text(saved).split())
    assert "14:05 EDT" in text and "20 laps" in text and "Wet · air 18 °C" in text


def test_a_refused_value_keeps_the_dialog_open_and_changes_nothing(
        qtbot: QtBot, page: DocumentsPage, db: Database) -> None:
    with qtbot.waitSignal(page.preview_ready, timeout=RENDER_TIMEOUT):
        assert page.select_document(DocumentKind.CLASSIFICATION, "Q")
    before = session_facts(db, event="1", session="Q")
    seen: dict[str, object] = {}

    def type_badly(dialog: QWidget) -> None:
        assert isinstance(dialog, SessionFactsDialog)
        dialog.length_edit.setText("forty")
        dialog.ok_button.click()
        seen["open"] = dialog.isVisible()
        seen["message"] = dialog.messages.text()
        dialog.reject()

    when_modal_opens(type_badly)
    dialog = page.edit_session_facts()
    assert dialog is not None and dialog.result() == QDialog.DialogCode.Rejected
    assert seen["open"] is True and "45m" in str(seen["message"])
    assert session_facts(db, event="1", session="Q") == before
