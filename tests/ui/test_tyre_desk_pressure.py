"""The tyre desk under race-weekend pressure: a scanner burst with refusals in it, a
tyre registered to the wrong car put right, corrections closing when the racing starts."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from paddock.db.models import AuditRecord
from paddock.services import tyres as tyre_service
from paddock.services.database import Database
from paddock.services.sessions import set_session_facts
from paddock.ui.main_window import TYRES, MainWindow
from paddock.ui.tyres.tyre_dialogs import CorrectionDialog
from paddock.ui.tyres.tyres_page import RECENT_SCANS, TyresPage

from .helpers import when_modal_opens
from .test_tyres_page import codes, registered, scan, shown


@pytest.fixture
def beeps(monkeypatch: pytest.MonkeyPatch) -> list[None]:
    """The system beeps asked for (none is made)."""
    calls: list[None] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: calls.append(None)))
    return calls


@pytest.fixture
def page(qtbot: QtBot, db: Database, beeps: list[None]) -> Iterator[TyresPage]:
    widget = TyresPage(db, 1)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.focus_scan()
    qtbot.waitUntil(widget.scan_edit.hasFocus)
    yield widget


def open_corrections(db: Database) -> None:
    """The demo's Race 1 is in 2021: with no scheduled start, corrections stay open."""
    set_session_facts(db, event="1", session="R1", clear=["start"])


def test_a_burst_of_two_hundred_scans_shows_every_refusal_when_it_happens(
        qtbot: QtBot, page: TyresPage, db: Database, beeps: list[None]) -> None:
    cars = [row.car for row in page.car_model.rows()][:23]
    good = [(car, code) for i, car in enumerate(cars) for code in codes(f"B{i:02d}X", 8)][:180]
    plan: list[tuple[str, str, bool]] = []
    for n, (car, code) in enumerate(good):
        plan.append((car, code, False))
        if n % 9 == 8:  # a refusal after every nine good scans: 20 in all
            if n % 2:
                plan.append((car, good[n - 8][1] if good[n - 8][0] != car
                             else good[0][1], True))
            else:
                plan.append((car, f"BAD-{n}", True))
    assert (len(plan), sum(r for _c, _t, r in plan)) == (200, 20)

    refusals, last_refused = 0, ""
    for car, code, refused in plan:
        if page.current_car() != car:
            page.select_car(car)
        scan(qtbot, page, code)
        panel = shown(page)
        if refused:
            refusals += 1
            last_refused = code
            assert panel["tone"] == "bad", code
            # Seen and heard at once: the panel flashes, the system beeps.
            assert page.verdict.flash_count == refusals
            assert page.verdict.flashing
            assert len(beeps) == refusals
        else:
            assert panel["tone"] == "good", (code, panel)
        if refusals:
            # Even on a green REGISTERED, the last refusal stays in view.
            assert page.refusal_strip.isVisible()
            assert page.last_refusal is not None
            assert page.last_refusal.text == last_refused
            assert page.last_refusal.display.barcode in page.refusal_label.text()

    assert len(page.scans) == 200
    assert sum(s.display.refused for s in page.scans) == 20
    assert len(registered(db)) == 180
    assert page.recent_list.count() == RECENT_SCANS
    assert page.recent_caption.text() == (
        f"RECENT SCANS  (latest {RECENT_SCANS} of 200  ·  20 refused)")
    page.acknowledge_refusal()
    assert not page.refusal_strip.isVisible()


def test_three_quick_scans_with_a_refusal_in_the_middle_end_with_it_in_view(
        qtbot: QtBot, page: TyresPage, beeps: list[None]) -> None:
    tyre_service.register_tyres(page._db, event="1", car="7", barcodes=["TAKEN0001"])
    page.select_car("12")
    scan(qtbot, page, "MI21000001")
    scan(qtbot, page, "TAKEN0001")
    panel = shown(page)
    # The big number is the car the tyre belongs to; the car chosen is in the scan bar.
    assert (panel["tone"], panel["car"]) == ("bad", "7")
    assert "ALREADY REGISTERED TO CAR 7" in panel["headline"]
    assert page.car_edit.text() == "12"
    scan(qtbot, page, "MI21000002")
    assert shown(page)["tone"] == "good"
    assert page.refusal_strip.isVisible()
    assert "TAKEN0001" in page.refusal_label.text()
    assert "ALREADY REGISTERED TO CAR 7" in page.refusal_label.text()
    assert len(beeps) == 1
    qtbot.waitUntil(lambda: not page.verdict.flashing)


def test_scanning_a_cars_own_tyre_again_is_calm(
        qtbot: QtBot, page: TyresPage, db: Database, beeps: list[None]) -> None:
    page.select_car("12")
    scan(qtbot, page, "MI21000001")
    scan(qtbot, page, "MI21000001")
    panel = shown(page)
    assert panel["tone"] == "calm"
    assert "ALREADY REGISTERED TO THIS CAR" in panel["headline"]
    assert panel["car"] == "12"
    assert panel["details"] == "SLICK  ·  1 of 8"
    assert (beeps, page.verdict.flash_count) == ([], 0)
    assert not page.refusal_strip.isVisible()
    assert registered(db) == ["MI21000001"]


def test_a_red_refusal_goes_once_its_cause_is_fixed(
        qtbot: QtBot, page: TyresPage, beeps: list[None]) -> None:
    page.select_car(None)
    scan(qtbot, page, "MI21000001")
    assert shown(page)["tone"] == "bad"
    assert "No car chosen" in page.car_status.text()
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F4)
    qtbot.keyClicks(page.car_edit, "12")
    qtbot.keyClick(page.car_edit, Qt.Key.Key_Return)
    assert shown(page)["tone"] == "idle"  # ready for car 12
    assert page.refusal_strip.isVisible()  # the refusal itself is still listed
    page.refresh()  # a reload (after a pause in scanning) changes nothing of this
    assert page.refusal_strip.isVisible()


def test_a_refusal_stays_until_the_next_scan_even_after_a_reload(
        qtbot: QtBot, page: TyresPage) -> None:
    page.select_car("12")
    scan(qtbot, page, "BAD-1")
    page.refresh()
    assert shown(page)["tone"] == "bad"


def audit_of(db: Database, barcode: str) -> list[AuditRecord]:
    with db.reader() as s:
        return list(s.exec(select(AuditRecord).where(AuditRecord.entity_id == barcode)
                           .order_by(col(AuditRecord.id))).all())


def test_a_tyre_registered_to_the_wrong_car_is_moved_from_the_window(
        qtbot: QtBot, page: TyresPage, db: Database) -> None:
    open_corrections(db)
    tyre_service.register_tyres(db, event="1", car="77", barcodes=codes("MI21", 4))
    page.refresh()
    page.select_car("77")
    assert page.select_tyre("MI21000002")

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, CorrectionDialog)
        assert dialog.barcode_edit.text() == "MI21000002"
        assert "no scheduled start set" in dialog.intro.text()
        qtbot.keyClicks(dialog.car_edit, "7")
        assert dialog.car_driver.text() == "Callum Ashdown"
        dialog.ok_button.click()  # no reason yet: refused, the dialog stays
        assert dialog.isVisible() and "reason" in dialog.messages.text()
        dialog.reason_edit.setText("scanned to 77, meant car 7")
        dialog.ok_button.click()

    watch = when_modal_opens(act)
    page.correct_button.click()
    watch.cancel()

    verdict = tyre_service.check_tyre(db, event="1", barcode="MI21000002")
    assert (verdict.car, verdict.quota_text) == ("7", "1 of 8")
    panel = shown(page)
    assert (panel["tone"], panel["car"]) == ("good", "7")
    assert "MOVED TO CAR 7" in panel["headline"]
    assert page.car_row("77").slicks == 3  # type: ignore[union-attr]
    assert page.car_row("7").slicks == 1  # type: ignore[union-attr]
    moved = audit_of(db, "MI21000002")[-1]
    assert moved.action == "move"
    assert json.loads(moved.after)["reason"] == "scanned to 77, meant car 7"
    assert json.loads(moved.before)["car"] == "77"
    assert page.focusWidget() is page.scan_edit


def test_voiding_a_tyre_frees_its_quota(
        qtbot: QtBot, page: TyresPage, db: Database, beeps: list[None]) -> None:
    open_corrections(db)
    page.select_car("12")
    for code in codes("MI21", 8):
        scan(qtbot, page, code)
    scan(qtbot, page, "MI21000009")
    assert "QUOTA FULL" in shown(page)["headline"]
    assert page.select_tyre("MI21000008")

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, CorrectionDialog)
        dialog.void_radio.setChecked(True)
        dialog.reason_edit.setText("spare scanned by mistake")
        dialog.ok_button.click()

    watch = when_modal_opens(act)
    page.correct_button.click()
    watch.cancel()

    assert "VOIDED" in shown(page)["headline"]
    assert page.car_row("12").left == 1  # type: ignore[union-attr]
    assert "1 voided" in page.summary.text()
    scan(qtbot, page, "MI21000009")
    assert shown(page)["tone"] == "good" and shown(page)["details"] == "SLICK  ·  8 of 8"
    assert [r.action for r in audit_of(db, "MI21000008")] == ["register", "void"]


def test_corrections_are_refused_once_the_first_race_has_started(
        qtbot: QtBot, page: TyresPage, db: Database) -> None:
    tyre_service.register_tyres(db, event="1", car="77", barcodes=codes("MI21", 1))
    page.refresh()
    page.select_car("77")
    assert page.select_tyre("MI21000001")

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, CorrectionDialog)
        assert "Race 1 started at Fri 19 Mar 15:00" in dialog.intro.text()
        dialog.void_radio.setChecked(True)
        dialog.reason_edit.setText("spare")
        dialog.ok_button.click()
        assert dialog.isVisible()
        assert "stewards' approval" in dialog.messages.text()
        dialog.reject()

    watch = when_modal_opens(act)
    page.correct_button.click()
    watch.cancel()
    assert tyre_service.check_tyre(db, event="1", barcode="MI21000001").car == "77"


def test_the_desk_fits_a_1366_by_768_laptop(qtbot: QtBot, window: MainWindow,
                                            beeps: list[None]) -> None:
    window.resize(1366, 768)
    assert (window.width(), window.height()) == (1366, 768)
    window.show_page(TYRES)
    page = window.tyres_page
    page.select_car("12")
    scan(qtbot, page, "BAD-1")  # the refusal strip shown too
    qtbot.waitUntil(lambda: page.refusal_strip.isVisible())
    inside = window.rect()
    for widget in (page.register_button, page.check_button, page.car_edit, page.car_combo,
                   page.car_status, page.slick_button, page.wet_button, page.scan_edit,
                   page.verdict, page.refusal_strip, page.refusal_ack, page.recent_list,
                   page.correct_button, page.scrap_button, page.carry_button,
                   page.replace_button, page.car_table, page.tyre_table):
        rect = widget.rect().translated(widget.mapTo(window, widget.rect().topLeft()))
        assert inside.contains(rect), (widget.objectName() or type(widget).__name__, rect)
    row_height = page.car_table.verticalHeader().defaultSectionSize()
    assert page.car_table.viewport().height() // row_height >= 7
