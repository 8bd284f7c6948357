"""The Tyres page driven like the tyre bay drives it: a scanner typing codes and Enter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from paddock.rules.tyres import TyreStatus, TyreType, Verdict, VerdictKind
from paddock.services import tyres as tyre_service
from paddock.services.database import Database
from paddock.ui.tyres.tyre_dialogs import CarryOverDialog, ReplacementDialog, ScrapDialog
from paddock.ui.tyres.tyre_verdict import Tone, verdict_display
from paddock.ui.tyres.tyres_page import ScanMode, TyresPage

from .helpers import when_modal_opens


@pytest.fixture
def page(qtbot: QtBot, db: Database) -> Iterator[TyresPage]:
    widget = TyresPage(db, 1)
    qtbot.addWidget(widget)
    widget.resize(1136, 740)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.focus_scan()
    qtbot.waitUntil(widget.scan_edit.hasFocus)
    yield widget


def scan(qtbot: QtBot, page: TyresPage, code: str) -> None:
    """What a USB scanner does: type the code at full speed, then Enter."""
    qtbot.keyClicks(page.scan_edit, code)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)


def shown(page: TyresPage) -> dict[str, str]:
    """The verdict panel's texts as drawn, and its colour."""
    panel = page.verdict
    return {
        "tone": str(panel.property("tone")),
        "headline": panel.headline_label.text(),
        "car": panel.car_label.text() if panel.car_label.isVisibleTo(panel) else "",
        "driver": panel.driver_label.text(),
        "details": panel.details_label.text(),
        "message": panel.message_label.text(),
    }


def codes(prefix: str, count: int, start: int = 1) -> list[str]:
    return [f"{prefix}{n:06d}" for n in range(start, start + count)]


def registered(db: Database, event: int = 1) -> list[str]:
    return sorted(tyre_service.registered_barcodes(db, str(event)))


def test_eight_scans_register_a_set_and_the_ninth_is_refused(
        qtbot: QtBot, page: TyresPage, db: Database) -> None:
    assert page.mode is ScanMode.REGISTER
    assert page.select_car("12")
    changes: list[None] = []
    page.tyres_changed.connect(lambda: changes.append(None))

    for number, code in enumerate(codes("MI21", 8), start=1):
        scan(qtbot, page, code)
        panel = shown(page)
        assert panel["tone"] == "good"
        assert "REGISTERED" in panel["headline"]
        assert panel["car"] == "12"
        assert panel["driver"] == "Dario Castellani"
        assert f"SLICK  ·  {number} of 8" == panel["details"]
        assert page.scan_edit.text() == ""
        assert page.scan_edit.hasFocus()
    assert len(changes) == 8

    scan(qtbot, page, "MI21000009")
    panel = shown(page)
    assert panel["tone"] == "bad"
    assert "CAR 12 QUOTA FULL  (8 of 8)" in panel["headline"]
    assert panel["car"] == ""  # the big number is whose tyre it is: nobody's
    assert "Nothing was registered" in panel["message"]
    assert "9 of 8" in panel["message"]
    assert page.scan_edit.hasFocus()
    assert registered(db) == codes("MI21", 8)
    assert len(changes) == 8

    # The tables follow once the scans pause.
    qtbot.waitUntil(lambda: (row := page.car_row("12")) is not None and row.slicks == 8)
    row = page.car_row("12")
    assert row is not None
    assert (row.slicks_text, row.left) == ("8 of 8", 0)
    assert page.tyre_proxy.rowCount() == 8
    assert "8 tyres registered" in page.summary.text()
    # The recent scans keep the refusal in view even after more scans.
    assert page.recent_list.item(0).text().startswith("✗  MI21000009  CAR 12 QUOTA FULL")


def test_a_scan_already_registered_names_the_car_and_writes_nothing(
        qtbot: QtBot, page: TyresPage, db: Database) -> None:
    tyre_service.register_tyres(db, event="1", car="7", barcodes=["MI21000100"])
    page.select_car("12")

    scan(qtbot, page, "mi21 000100")  # as typed by hand: spaces and lower case

    panel = shown(page)
    assert panel["tone"] == "bad"
    assert "ALREADY REGISTERED TO CAR 7" in panel["headline"]
    assert registered(db) == ["MI21000100"]

    scan(qtbot, page, "MI-21")
    assert "BAD BARCODE" in shown(page)["headline"]
    assert registered(db) == ["MI21000100"]


def test_register_needs_a_car(qtbot: QtBot, page: TyresPage, db: Database) -> None:
    page.select_car(None)
    scan(qtbot, page, "MI21000001")
    panel = shown(page)
    assert panel["tone"] == "bad"
    assert "choose the car first" in panel["message"].lower()
    assert registered(db) == []


def test_wets_are_registered_outside_the_slick_quota(
        qtbot: QtBot, page: TyresPage, db: Database) -> None:
    page.select_car("3")
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F6)
    assert page.tyre_type is TyreType.WET
    for code in codes("WE21", 10):
        scan(qtbot, page, code)
    assert shown(page)["details"] == "WET  ·  10 (no limit)"
    page.refresh()
    row = page.car_row("3")
    assert row is not None
    assert (row.wets, row.slicks) == (10, 0)


def test_check_mode_says_whose_tyre_it_is(qtbot: QtBot, page: TyresPage, db: Database) -> None:
    tyre_service.register_tyres(db, event="1", car="12", barcodes=codes("MI21", 4))
    tyre_service.scrap_tyre(db, event="1", barcode="MI21000004", reason="puncture, FP2")
    tyre_service.register_tyres(db, event="2", car="12", barcodes=["MI22000001"])
    before = registered(db)

    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F3)
    assert page.mode is ScanMode.CHECK
    assert page.check_button.isChecked()
    assert not page.type_box.isVisibleTo(page)

    page.select_car("12")
    scan(qtbot, page, "MI21000001")
    panel = shown(page)
    assert (panel["tone"], panel["car"], panel["driver"]) == ("good", "12", "Dario Castellani")
    assert "OK" in panel["headline"]
    assert panel["details"] == "SLICK  ·  4 of 8"

    page.select_car("7")
    scan(qtbot, page, "MI21000002")
    panel = shown(page)
    assert panel["tone"] == "bad"
    assert "REGISTERED TO CAR 12" in panel["headline"]
    assert panel["car"] == "12"  # whose tyre it is, huge
    assert "not car 7" in panel["message"]

    scan(qtbot, page, "ZZ9999999")
    panel = shown(page)
    assert (panel["tone"], panel["car"]) == ("bad", "")
    assert "NOT REGISTERED" in panel["headline"]

    page.select_car(None)
    scan(qtbot, page, "MI21000004")
    panel = shown(page)
    assert panel["tone"] == "bad"
    assert "SCRAPPED" in panel["headline"]
    assert "puncture, FP2" in panel["message"]

    scan(qtbot, page, "MI22000001")
    panel = shown(page)
    assert panel["tone"] == "bad"
    assert "FROM ANOTHER EVENT" in panel["headline"]
    assert "event 2" in panel["details"]

    assert registered(db) == before
    assert registered(db, 2) == ["MI22000001"]
    assert page.scan_edit.hasFocus()
    assert [s.display.good for s in page.scans] == [True, False, False, False, False]

    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F2)
    assert page.mode is ScanMode.REGISTER


def test_two_hundred_scans_at_scanner_speed_are_all_registered(
        qtbot: QtBot, page: TyresPage, db: Database) -> None:
    cars = [row.car for row in page.car_model.rows()][:25]
    assert len(cars) == 25
    expected: list[str] = []
    for index, car in enumerate(cars):
        page.select_car(car)
        for code in codes(f"C{index:02d}X", 8):
            scan(qtbot, page, code)
            expected.append(code)

    assert registered(db) == sorted(expected)
    assert len(set(registered(db))) == 200
    assert len(page.scans) == 200
    assert all(s.display.good for s in page.scans)
    # Each scan is exactly one code: no merged or split barcodes.
    assert [s.text for s in page.scans] == expected
    # Each scan updated the tables from the service's answer: they match a full reload.
    counts, tyres = page.car_model.rows(), page.tyre_model.rows()
    assert all(row.slicks == 8 and row.left == 0 for row in counts if row.car in cars)
    page.refresh()
    assert page.car_model.rows() == counts
    assert page.tyre_model.rows() == tyres


def test_keys_typed_on_a_table_go_to_the_scan_field(
        qtbot: QtBot, page: TyresPage, db: Database) -> None:
    page.select_car("12")
    page.car_table.setFocus()
    qtbot.keyClicks(page.car_table, "MI21000001")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert page.scan_edit.hasFocus()
    assert registered(db) == ["MI21000001"]
    assert page.current_car() == "12"


def test_the_car_is_chosen_by_typing_its_exact_number(qtbot: QtBot, page: TyresPage) -> None:
    page.select_car("7")
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F4)
    assert page.car_edit.hasFocus()
    qtbot.keyClicks(page.car_edit, "1")
    assert page.current_car() == "7"  # nothing changes before Enter
    qtbot.keyClick(page.car_edit, Qt.Key.Key_Return)
    # "1" with car 7 chosen is car 1: never 10, 11 or 12.
    assert page.current_car() == "1"
    assert page.car_edit.text() == "1"
    assert page.scan_edit.hasFocus()
    assert page.tyres_title.text() == "Tyres of car 1"

    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F4)
    qtbot.keyClicks(page.car_edit, "77")
    qtbot.keyClick(page.car_edit, Qt.Key.Key_Return)
    assert page.current_car() == "77"

    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F4)
    qtbot.keyClicks(page.car_edit, "6")  # no car 6 at the event: nothing is picked
    qtbot.keyClick(page.car_edit, Qt.Key.Key_Return)
    assert page.current_car() == "77"
    assert "No car 6 at this event" in page.car_status.text()
    assert page.car_edit.hasFocus()
    qtbot.keyClick(page.car_edit, Qt.Key.Key_Escape)
    assert page.current_car() == "77" and page.car_edit.text() == "77"
    assert page.scan_edit.hasFocus()
    # The car chosen is shown in the scan bar, apart from the verdict.
    assert page.car_status.text().startswith("Slicks 0 of 8")
    # Checking: an empty number is any car.
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F3)
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_F4)
    qtbot.keyClick(page.car_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(page.car_edit, Qt.Key.Key_Return)
    assert page.current_car() is None
    assert page.car_status.text() == "Checking tyres of any car"


def test_typing_in_the_car_list_picks_the_exact_number(page: TyresPage) -> None:
    page.select_car("7")
    view = page.car_combo.view()
    view.keyboardSearch("1")
    assert view.currentIndex().data(Qt.ItemDataRole.UserRole) == "1"
    view.keyboardSearch("2")  # typed quickly after the "1": car 12
    assert view.currentIndex().data(Qt.ItemDataRole.UserRole) == "12"


def test_choosing_a_car_row_chooses_the_car(qtbot: QtBot, page: TyresPage) -> None:
    row = page.car_model.row_of("7")
    assert row is not None
    index = page.car_proxy.mapFromSource(page.car_model.index(row, 1))
    page.car_table.selectRow(index.row())
    assert page.current_car() == "7"
    assert page.car_combo.currentText().startswith("7 ")


def test_set_event_follows_the_window(qtbot: QtBot, page: TyresPage, db: Database) -> None:
    page.select_car("12")
    for code in codes("MI21", 3):
        scan(qtbot, page, code)
    assert page.recent_caption.text() == "RECENT SCANS  (3)"
    page.set_event(2)
    assert (page.recent_list.count(), page.recent_caption.text()) == (0, "RECENT SCANS  (0)")
    page.set_event(1)
    assert page.recent_list.count() == 3  # the recent scans are the event's
    assert page.recent_caption.text() == "RECENT SCANS  (3)"

    tyre_service.register_tyres(db, event="2", car="61", barcodes=["MI22000001"])
    page.set_event(2)
    assert page.event_number == 2
    assert "Event 2" in page.summary.text()
    assert page.car_row("61") is not None  # part-season: entered at event 2 only
    page.set_event(1)
    assert page.car_row("61") is None


def _finish_scrap(reason: str):  # type: ignore[no-untyped-def]
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, ScrapDialog)
        assert dialog.barcode_edit.text() == "MI21000002"
        dialog.ok_button.click()  # no reason yet: refused, the dialog stays
        assert dialog.isVisible()
        assert "reason" in dialog.messages.text()
        dialog.reason_edit.setText(reason)
        dialog.ok_button.click()
    return act


def test_scrap_a_tyre_with_a_reason(qtbot: QtBot, page: TyresPage, db: Database) -> None:
    tyre_service.register_tyres(db, event="1", car="12", barcodes=codes("MI21", 3))
    page.refresh()
    page.select_car("12")
    assert page.select_tyre("MI21000002")
    changes: list[None] = []
    page.tyres_changed.connect(lambda: changes.append(None))

    watch = when_modal_opens(_finish_scrap("cut sidewall, R1"))
    page.scrap_button.click()
    watch.cancel()

    verdict = tyre_service.check_tyre(db, event="1", barcode="MI21000002")
    assert verdict.kind is VerdictKind.SCRAPPED
    assert changes == [None]
    assert page.selected_tyre() is not None
    assert page.selected_tyre().status == TyreStatus.SCRAPPED.value  # type: ignore[union-attr]
    assert page.car_row("12").scrapped == 1  # type: ignore[union-attr]
    assert "SCRAPPED" in shown(page)["headline"]
    assert not page.refusal_strip.isVisibleTo(page)  # an action, not a refusal
    # Back to scanning once the dialog has gone.
    assert page.focusWidget() is page.scan_edit


def test_a_replacement_needs_the_stewards_reason_and_leaves_the_quota(
        qtbot: QtBot, page: TyresPage, db: Database) -> None:
    tyre_service.register_tyres(db, event="1", car="12", barcodes=codes("MI21", 8))
    page.refresh()
    page.select_car("12")

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, ReplacementDialog)
        qtbot.keyClicks(dialog.barcode_edit, "MI21000050")
        qtbot.keyClick(dialog.barcode_edit, Qt.Key.Key_Return)  # the scanner's Enter
        assert dialog.isVisible()
        dialog.ok_button.click()
        assert "stewards' reason" in dialog.messages.text()
        dialog.reason_edit.setText("Doc 14: cut tyre at T3 in FP2")
        dialog.ok_button.click()

    watch = when_modal_opens(act)
    page.replace_button.click()
    watch.cancel()

    assert "MI21000050" in registered(db)
    row = page.car_row("12")
    assert row is not None
    assert (row.slicks, row.replacements) == (8, 1)
    replacement = next(t for t in page.tyre_model.rows() if t.barcode == "MI21000050")
    assert replacement.reason == "Doc 14: cut tyre at T3 in FP2"
    assert replacement.status == TyreStatus.REPLACEMENT.value


def test_carry_over_refuses_more_than_the_limit_then_carries(
        qtbot: QtBot, page: TyresPage, db: Database) -> None:
    tyre_service.register_tyres(db, event="1", car="12", barcodes=codes("MI21", 8))
    page.refresh()
    page.select_car("12")

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, CarryOverDialog)
        assert dialog.tyre_list.count() == 8
        dialog.set_checked(codes("MI21", 5))
        dialog.ok_button.click()
        assert dialog.isVisible()
        assert "the limit is 4" in dialog.messages.text()
        dialog.set_checked(codes("MI21", 2))
        dialog.ok_button.click()

    watch = when_modal_opens(act)
    page.carry_button.click()
    watch.cancel()

    assert registered(db, 2) == codes("MI21", 2)
    assert "CARRIED OVER" in shown(page)["headline"]
    page.set_event(2)
    row = page.car_row("12")
    assert row is not None
    assert (row.carried_over, row.slicks) == (2, 0)


def test_actions_follow_the_car_and_the_event(qtbot: QtBot, page: TyresPage) -> None:
    page.select_car(None)
    assert not page.carry_button.isEnabled()
    assert not page.replace_button.isEnabled()
    assert page.scrap_button.isEnabled()
    page.select_car("12")
    assert page.carry_button.isEnabled()
    assert page.replace_button.isEnabled()
    page.set_event(8)  # the last event: nowhere to carry to
    page.select_car("12")
    assert not page.carry_button.isEnabled()


def test_a_page_without_an_event_refuses_scans(qtbot: QtBot, db: Database) -> None:
    page = TyresPage(db, None)
    qtbot.addWidget(page)
    assert not page.scan_edit.isEnabled()
    assert page.scan("MI21000001").tone is Tone.BAD
    assert registered(db) == []


@pytest.mark.parametrize(("kind", "headline", "tone"), [
    (VerdictKind.OK, "✓  OK", Tone.GOOD),
    (VerdictKind.OTHER_CAR, "✗  REGISTERED TO CAR 12", Tone.BAD),
    (VerdictKind.SCRAPPED, "✗  SCRAPPED", Tone.BAD),
    (VerdictKind.OTHER_EVENT, "✗  FROM ANOTHER EVENT", Tone.BAD),
])
def test_verdict_headlines(kind: VerdictKind, headline: str, tone: Tone) -> None:
    verdict = Verdict("MI21000001", kind, "tyre MI21000001 is registered to car 12", car="12",
                      driver="Dario Castellani", tyre_type=TyreType.SLICK,
                      status=TyreStatus.REGISTERED, event=1, used=5, quota=8)
    display = verdict_display(verdict)
    assert (display.headline, display.tone) == (headline, tone)
    assert display.details.startswith("SLICK  ·  5 of 8")
    assert display.message == "Tyre MI21000001 is registered to car 12."
