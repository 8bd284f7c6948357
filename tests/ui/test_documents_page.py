"""The Documents page on the demo season: list, preview, save, print, event pack, grid."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from paddock.services import grids as grid_service
from paddock.services import tyres as tyre_service
from paddock.services.database import Database
from paddock.services.results import session_results
from paddock.ui.documents import documents_page
from paddock.ui.documents.documents_catalogue import DocumentChoice, DocumentKind
from paddock.ui.documents.documents_grid import GridAmendmentDialog
from paddock.ui.documents.documents_page import DocumentsPage
from tests.services.test_documents_weekend import register_some_tyres

from .documents_data import EVENT, SEBRING, ensure_results, pdf_pages, pdf_text
from .helpers import when_modal_opens

RENDER_TIMEOUT = 30_000


@pytest.fixture
def page(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[DocumentsPage]:
    ensure_results(db, tmp_path / "timing")
    widget = DocumentsPage(db, EVENT)
    qtbot.addWidget(widget)
    widget.resize(1136, 760)
    with qtbot.waitSignal(widget.preview_ready, timeout=RENDER_TIMEOUT):
        widget.show()  # a hidden page reads nothing: it catches up when shown
        qtbot.waitExposed(widget)
    yield widget
    widget.runner.wait(RENDER_TIMEOUT)


def choose(qtbot: QtBot, page: DocumentsPage, kind: DocumentKind, session: str | None = None,
           race: int | None = None) -> DocumentChoice:
    """Pick a document in the list and wait until its preview is there."""
    with qtbot.waitSignal(page.preview_ready, timeout=RENDER_TIMEOUT):
        assert page.select_document(kind, session, race), (kind, session)
    assert page.choice is not None
    return page.choice


def choice_of(page: DocumentsPage, kind: DocumentKind, session: str | None = None
              ) -> DocumentChoice:
    assert page.catalogue is not None
    return next(c for c in page.catalogue.choices if c.kind == kind and c.session == session)


def test_the_page_opens_on_the_events_entry_list(page: DocumentsPage) -> None:
    assert page.choice is not None and page.choice.kind == DocumentKind.ENTRY_LIST
    assert page.document_title.text() == "Entry list"
    assert page.preview.page_count >= 1
    assert "Sebring" in page.summary.text()


def test_documents_without_data_are_greyed_out_with_the_reason(
    qtbot: QtBot, page: DocumentsPage
) -> None:
    # Road Atlanta, the last event, has no session run yet.
    page.set_event(8)
    assert page.current_event() == 8
    race = choice_of(page, DocumentKind.CLASSIFICATION, "R1")
    assert race.missing == "No results for R1 yet"
    assert choice_of(page, DocumentKind.GRID, "R2").missing == "No qualifying results yet"
    assert choice_of(page, DocumentKind.TYRES).missing.startswith("No tyres registered")
    # A document that cannot be made cannot be chosen either.
    assert not page.select_document(DocumentKind.CLASSIFICATION, "R1")
    assert page.choice is not None and page.choice.kind == DocumentKind.ENTRY_LIST
    # The season's documents do not depend on the event.
    assert choice_of(page, DocumentKind.STANDINGS).available
    qtbot.waitUntil(lambda: not page.busy, timeout=RENDER_TIMEOUT)


def test_previewing_a_classification_shows_its_pages_as_images(
    qtbot: QtBot, page: DocumentsPage
) -> None:
    with qtbot.waitSignal(page.preview_ready, timeout=RENDER_TIMEOUT):
        assert page.select_document(DocumentKind.CLASSIFICATION, "R1")
        # The PDF is made on the pool: the page says so, and Save waits for it.
        assert page.busy
        assert page.preview.busy_bar.isVisibleTo(page)
        assert not page.save_button.isEnabled()

    assert not page.busy
    assert page.document_title.text() == "Race 1 classification"
    assert page.state_badge.text().startswith("OFFICIAL")
    image = page.preview.page_image()
    assert image is not None and not image.isNull()
    # Letter paper, portrait: the image keeps the page's proportions.
    assert image.height() / image.width() == pytest.approx(11 / 8.5, rel=0.01)
    # Fitted to the width of the view: as wide as the preview allows, not the image's size.
    shown = page.preview.page_pixmap_width()
    assert 0 < shown < page.preview.width()
    assert shown > page.preview.width() * 0.8
    count = page.preview.page_count
    assert page.preview.page_label.text() == f"Page 1 of {count}"
    assert page.save_button.isEnabled() and page.print_button.isEnabled()

    if count > 1:
        with qtbot.waitSignal(page.preview.page_shown, timeout=RENDER_TIMEOUT) as shown_page:
            page.preview.next_button.click()
        assert shown_page.args == [1]
        assert page.preview.page_label.text() == f"Page 2 of {count}"
        assert page.preview.previous_button.isEnabled()


def test_save_writes_the_classification_pdf_with_its_title_and_order(
    qtbot: QtBot, page: DocumentsPage, db: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choose(qtbot, page, DocumentKind.CLASSIFICATION, "R1")
    suggested: list[str] = []

    def answer(_parent: QWidget, caption: str, name: str, *_args: object) -> tuple[str, str]:
        suggested.append(name)
        return (str(tmp_path / "race-one"), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    with qtbot.waitSignal(page.output.saved) as saved:
        page.save_button.click()

    assert Path(suggested[0]).name == "sebring-R1-classification.pdf"
    target = tmp_path / "race-one.pdf"  # the suffix is added when left out
    assert saved.args == [target]
    text = pdf_text(target)
    assert "Race Classification" in text
    assert "Race 1" in text
    # The first three cars in the order the results give them.
    results = session_results(db, event="1", session="R1")
    podium = [view.driver for view in results.rows if view.row.position in (1, 2, 3)]
    places = [text.index(name) for name in podium]
    assert places == sorted(places)


def test_a_class_is_made_on_its_own(
    qtbot: QtBot, page: DocumentsPage, db: Database, tmp_path: Path
) -> None:
    choose(qtbot, page, DocumentKind.RESULTS_BY_CLASS, "R1")
    assert page.class_combo.isVisible()
    with qtbot.waitSignal(page.preview_ready, timeout=RENDER_TIMEOUT):
        page.set_class("Rookie")
    saved = page.save_pdf(tmp_path / "rookies.pdf")
    assert saved is not None
    text = pdf_text(saved)
    rows = session_results(db, event="1", session="R1").rows
    rookie = next(v.driver for v in rows if v.row.class_name == "Rookie")
    pro = next(v.driver for v in rows if v.row.class_name == "Pro")
    assert "Results by Class" in text
    assert rookie in text
    assert pro not in text


def test_print_renders_every_page_to_the_printer(
    qtbot: QtBot, page: DocumentsPage, tmp_path: Path
) -> None:
    choose(qtbot, page, DocumentKind.CLASSIFICATION, "R1")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    with qtbot.waitSignal(page.output.printed, timeout=RENDER_TIMEOUT) as printed:
        assert page.print_document(printer)
        assert not page.print_button.isEnabled()  # one job at a time

    pages = page.preview.page_count
    assert printed.args == [pages]
    assert pdf_pages(tmp_path / "printed.pdf") == pages
    assert page.print_button.isEnabled()


def test_the_event_pack_writes_every_document_that_can_be_made(
    qtbot: QtBot, page: DocumentsPage, tmp_path: Path
) -> None:
    folder = tmp_path / "pack"
    with qtbot.waitSignal(page.pack_written, timeout=60_000) as written:
        assert page.write_event_pack(folder)
        assert not page.pack_button.isEnabled()

    pack = written.args[0]
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == len(pack.written) + 1 >= 9  # and the combined file
    assert pack.combined is not None and pack.combined.path.name in names
    assert any(name.endswith("sebring-R1-grid.pdf") for name in names)
    assert any(name.endswith("sebring-R1-classification.pdf") for name in names)
    assert f"{len(pack.written)} documents written to {folder}" in page.message.text()
    assert page.pack_button.isEnabled()


def test_a_grid_amendment_is_made_through_the_page(
    qtbot: QtBot, page: DocumentsPage, db: Database
) -> None:
    choice = choose(qtbot, page, DocumentKind.GRID, "R1", 1)
    assert page.grid_panel.isVisible()
    assert page.grid_panel.adjustments() == []
    assert not page.amended_badge.isVisible()
    grid = grid_service.starting_grid(db, event="1", race=1)
    car = grid.slots[2].number
    seen: dict[str, bool] = {}

    def withdraw(dialog: QWidget) -> None:
        assert isinstance(dialog, GridAmendmentDialog)
        dialog.car_combo.setCurrentIndex(dialog.car_combo.findData(car))
        dialog.set_kind("withdraw")
        # The stewards' reason is required.
        seen["ok_without_reason"] = dialog.ok_button.isEnabled()
        dialog.reason_edit.setText("Decision 7: engine change after qualifying")
        seen["ok_with_reason"] = dialog.ok_button.isEnabled()
        dialog.ok_button.click()

    when_modal_opens(withdraw)
    with qtbot.waitSignal(page.preview_ready, timeout=RENDER_TIMEOUT):
        dialog = page.add_grid_amendment()
    assert isinstance(dialog, GridAmendmentDialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert seen == {"ok_without_reason": False, "ok_with_reason": True}

    amended = grid_service.starting_grid(db, event="1", race=1)
    assert amended.amended and amended.slot_of(car) is None
    # The same grid is still shown, now amended, in the list and over the preview.
    assert page.choice is not None and page.choice.key == choice.key
    assert page.choice.amended and page.choice.state.startswith("Amended (1 amendment)")
    assert page.amended_badge.isVisible()
    assert [a.number for a in page.grid_panel.adjustments()] == [car]
    saved = page.save_pdf(Path(str(db.path)).with_name("grid.pdf"))
    assert saved is not None
    text = pdf_text(saved)
    assert f"car {car} withdrawn" in text.lower()
    assert "engine change after qualifying" in text


def test_a_refused_amendment_keeps_the_dialog_open_and_says_why(
    qtbot: QtBot, page: DocumentsPage, db: Database
) -> None:
    choose(qtbot, page, DocumentKind.GRID, "R1", 1)
    grid = grid_service.starting_grid(db, event="1", race=1)
    shown: dict[str, str] = {}

    def move_off_the_grid(dialog: QWidget) -> None:
        assert isinstance(dialog, GridAmendmentDialog)
        dialog.set_kind("move")
        dialog.position_spin.setMaximum(999)
        dialog.position_spin.setValue(len(grid.slots) + 5)
        dialog.reason_edit.setText("Decision 9")
        dialog.ok_button.click()
        shown["message"] = dialog.message.text() if dialog.message.isVisible() else ""
        dialog.reject()

    when_modal_opens(move_off_the_grid)
    page.add_grid_amendment()
    assert shown["message"].startswith("Not recorded:")
    assert not grid_service.starting_grid(db, event="1", race=1).amended


def test_cancelling_the_print_dialog_prints_nothing(
    qtbot: QtBot, page: DocumentsPage
) -> None:
    choose(qtbot, page, DocumentKind.CLASSIFICATION, "Q")
    asked: list[str] = []

    def cancel(dialog: QWidget) -> None:
        asked.append(dialog.windowTitle())
        assert isinstance(dialog, QDialog)
        dialog.reject()

    when_modal_opens(cancel)
    with qtbot.waitSignal(page.status) as status:
        assert not page.print_document()
    assert asked == ["Print Qualifying classification"]
    assert status.args == ["Not printed"]
    assert not page.output.printing and page.print_button.isEnabled()


def test_a_hidden_page_makes_nothing_until_shown(qtbot: QtBot, page: DocumentsPage) -> None:
    page.hide()
    page.set_event(2)
    assert not page.busy and not page.runner.busy
    assert page.catalogue is not None and page.catalogue.event_number == 1
    with qtbot.waitSignal(page.preview_ready, timeout=RENDER_TIMEOUT):
        page.show()
    assert page.catalogue is not None and page.catalogue.event_number == 2
    assert "Canadian Tire" in page.summary.text()


def test_the_tyre_sheet_comes_with_its_barcode_pages(
    qtbot: QtBot, page: DocumentsPage, db: Database
) -> None:
    registered = tyre_service.event_tyres(db, "1").tyres
    with_tyres = {tyre.car for tyre in registered}
    cars = [slot.number for slot in grid_service.starting_grid(db, event="1", race=1).slots
            if slot.number not in with_tyres]
    before = len(registered)
    register_some_tyres(db, SEBRING, cars[:2])
    page.refresh()
    choice = choice_of(page, DocumentKind.TYRES)
    assert choice.state == f"{before + 16} tyres registered"

    choose(qtbot, page, DocumentKind.TYRES)
    # The allocation sheet, then a page of barcodes for each car with tyres.
    assert page.preview.page_count >= 3
    assert page.document_title.text() == "Tyre allocation"
    assert not page.state_badge.isVisible()


def test_running_down_the_list_makes_only_the_document_stopped_on(
    qtbot: QtBot, page: DocumentsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = documents_page.make_preview

    def counting(db_path: Path | None, choice: DocumentChoice,
                 class_name: str | None) -> documents_page.Preview:
        made.append(choice.full_title)
        return real(db_path, choice, class_name)

    monkeypatch.setattr(documents_page, "make_preview", counting)
    with qtbot.waitSignal(page.preview_ready, timeout=RENDER_TIMEOUT):
        for session in ("FP1", "Q", "R2", "R1"):
            assert page.select_document(DocumentKind.CLASSIFICATION, session)
    qtbot.wait(documents_page.RENDER_DELAY_MS * 2)
    assert made == ["Race 1 classification"]
    assert page.document_title.text() == "Race 1 classification"
