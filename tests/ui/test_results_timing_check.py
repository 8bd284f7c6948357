"""The Results page beside the timing system's own results file, on the real Long Beach files.

The entry list is the Long Beach 2023 field (names from the results file), loaded into
event 1 of a new season; the files are imported through the page as an official would.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from paddock.services import results as result_service
from paddock.services.database import Database, open_database
from paddock.services.entries import import_entries_csv
from paddock.services.season import add_class
from paddock.services.timing_check import check_session
from paddock.ui.results.results_page import ResultsPage
from paddock.ui.results.results_penalty_dialog import PenaltyDialog
from paddock.ui.results.results_publish_dialog import PublishDialog
from paddock.ui.results.results_status_dialog import CarStatusDialog
from paddock.ui.results.results_table import lap_list, timing_deletion_text

from .helpers import when_modal_opens

T = TypeVar("T")

RACE = "2023_08-long-beach-street-circuit_202304151405-race"
QUALI = "2023_08-long-beach-street-circuit_202304141715-qualifying"


@pytest.fixture
def long_beach(tmp_path: Path, imsa_data: Path) -> Iterator[Database]:
    """A season whose entry list is the Long Beach 2023 field, entered at event 1."""
    db = open_database(tmp_path / "lb.db")
    for name in ("GTP", "GTD", "GTDPRO"):
        add_class(db, name)
    with (imsa_data / f"{RACE}-results.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    lines = [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]
    entries = tmp_path / "entries.csv"
    with entries.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["number", "first_name", "last_name", "date_of_birth", "nationality",
                      "team", "car", "class", "gentleman", "full_season"])
        for line in lines:
            out.writerow([line["NUMBER"], line["DRIVER1_FIRSTNAME"], line["DRIVER1_SECONDNAME"],
                          "1990-01-01", line["DRIVER1_COUNTRY"] or "USA", line["TEAM"], "992",
                          line["CLASS"], "no", "yes"])
    import_entries_csv(db, entries)
    yield db
    db.close()


@pytest.fixture
def page(qtbot: QtBot, long_beach: Database) -> Iterator[ResultsPage]:
    results_page = ResultsPage(long_beach, 1)
    qtbot.addWidget(results_page)
    # The laptop in the timing office: 1366×768, less the window's header and status bar.
    results_page.resize(1180, 640)
    results_page.show()
    qtbot.waitExposed(results_page)
    yield results_page
    results_page.runner.wait(10_000)


def _import(qtbot: QtBot, page: ResultsPage, *paths: Path) -> list[str]:
    """Import through the page; return the status bar lines it emitted."""
    lines: list[str] = []
    page.status.connect(lines.append)
    assert page.import_files(list(paths))
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    page.status.disconnect(lines.append)
    return lines


def _answer(act: Callable[[QWidget], None], open_dialog: Callable[[], T]) -> T:
    watch = when_modal_opens(act)
    try:
        return open_dialog()
    finally:
        watch.cancel()


def _click_answering(qtbot: QtBot, button: QPushButton, act: Callable[[QWidget], None]) -> None:
    """Click ``button``, which opens a modal dialog, and let ``act`` answer it."""
    _answer(act, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))


def _button(page: ResultsPage, text: str) -> QPushButton:
    found = [b for b in page.check_panel.action_buttons if b.text() == text]
    assert found, [b.text() for b in page.check_panel.action_buttons]
    return found[0]


def _altered_results(imsa_data: Path, tmp_path: Path) -> Path:
    """The race's results file with car 25 given +5 s, as the timekeepers would."""
    text = (imsa_data / f"{RACE}-results.csv").read_text(encoding="utf-8-sig")
    altered = tmp_path / "03_Results_Race 1.CSV"
    altered.write_text(text.replace("1:42:09.029", "1:42:14.029"), encoding="utf-8")
    return altered


def _row(page: ResultsPage, number: str) -> int:
    return next(r for r in range(page.model.rowCount())
                if page.model.view(r).row.number == number)


def _cell(page: ResultsPage, number: str, key: str) -> str:
    column = page.model.column_of(key)
    assert column is not None
    return str(page.model.index(_row(page, number), column).data())


def test_time_cards_alone_are_not_checked_and_cars_without_a_crossing_are_asked(
    qtbot: QtBot, page: ResultsPage, imsa_data: Path
) -> None:
    page.set_session("R1")
    status = _import(qtbot, page, imsa_data / f"{RACE}-laps.csv")

    panel = page.check_panel
    assert panel.isVisible()
    assert panel.badge.text() == "–  NOT CHECKED"
    assert panel.badge.property("state") == "unchecked"
    assert "No results file from the timing system loaded" in panel.summary.text()
    assert panel.settle_badge.isVisible() and panel.settle_badge.text() == "⚠  3 TO SETTLE"
    # Something to settle. On the 768-pixel laptop the panel is compact: the list waits
    # behind "Details (3)" so that 20 rows of the classification stay in view.
    assert panel.compact
    assert not panel.details_shown
    assert panel.details_button.text() == "Details (3)"
    qtbot.mouseClick(panel.details_button, Qt.MouseButton.LeftButton)
    # Opened: DNS… and DNF… for each car.
    assert panel.details_shown
    assert [b.text() for b in panel.action_buttons] == ["DNS…", "DNF…"] * 3
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in panel.action_buttons)
    # By keyboard: from Details, Tab reaches the first car's DNS… and Space opens it.
    page.activateWindow()
    qtbot.waitActive(page)
    panel.details_button.setFocus()
    qtbot.keyClick(panel.details_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.action_buttons[0]
    opened: list[str] = []

    def cancel(modal: QWidget) -> None:
        assert isinstance(modal, CarStatusDialog)
        opened.append(modal.windowTitle())
        modal.reject()

    _answer(cancel, lambda: qtbot.keyClick(panel.action_buttons[0], Qt.Key.Key_Space))
    assert opened == ["Car 01 – Race 1"]
    assert panel.settle_badge.text() == "⚠  3 TO SETTLE"  # cancelled: nothing recorded
    # The import message and the status bar say what the check found.
    assert "Timing system check: no results file" in page.message.text()
    assert status[-1] == ("Race 1: 1 file loaded (25 cars, 1844 laps); timing system check: "
                          "no results file from the timing system loaded to compare with; 3 "
                          "car(s) without a crossing to settle as DNS or DNF (01, 80, 93)")


def test_on_a_taller_screen_work_to_do_opens_the_list(
    qtbot: QtBot, page: ResultsPage, imsa_data: Path
) -> None:
    page.resize(1180, 900)
    page.set_session("R1")
    _import(qtbot, page, imsa_data / f"{RACE}-laps.csv")
    assert not page.check_panel.compact
    assert page.check_panel.details_shown
    assert page.panel_open


def test_both_files_agree_in_one_line(
    qtbot: QtBot, page: ResultsPage, imsa_data: Path
) -> None:
    page.set_session("R1")
    status = _import(qtbot, page, imsa_data / f"{RACE}-laps.csv",
                     imsa_data / f"{RACE}-results.csv")

    panel = page.check_panel
    assert panel.badge.text() == "✓  AGREES"
    assert panel.badge.property("state") == "agrees"
    assert panel.summary.text() == "Agrees with the timing system's results file"
    assert not panel.settle_badge.isVisible()
    # One line: the notes wait behind Details, the classification keeps the screen.
    assert not panel.details_shown
    assert panel.height() < 2.5 * panel.fontMetrics().height() + 20
    assert "Timing system check: agrees" in page.message.text()
    assert status[-1].endswith("; timing system check: agrees with the timing system's "
                               "results file")
    qtbot.mouseClick(panel.details_button, Qt.MouseButton.LeftButton)
    assert panel.details_shown
    assert "IMSA calls every starter Classified" in panel.summary.toolTip()


def test_a_five_second_penalty_in_the_file_is_offered_prefilled_and_recorded_on_confirmation(
    qtbot: QtBot, page: ResultsPage, long_beach: Database, imsa_data: Path, tmp_path: Path
) -> None:
    page.set_session("R1")
    _import(qtbot, page, imsa_data / f"{RACE}-laps.csv", _altered_results(imsa_data, tmp_path))

    panel = page.check_panel
    assert panel.badge.text() == "⚠  1 DIFFERENCE"
    assert panel.badge.property("state") == "differs"
    assert not panel.details_shown  # compact: behind Details (1)
    qtbot.mouseClick(panel.details_button, Qt.MouseButton.LeftButton)
    assert panel.details_shown
    texts = [w.text() for w in panel.rows.findChildren(QLabel)]
    for expected in ("25", "Total time", "1:42:09.029", "1:42:14.029", "time penalty 5 s"):
        assert expected in texts
    record = _button(page, "Record +5 s for car 25…")
    seen: dict[str, object] = {}

    # Cancelled: nothing is recorded.
    def look_and_cancel(modal: QWidget) -> None:
        assert isinstance(modal, PenaltyDialog)
        seen["prefilled"] = (modal.car(), modal.kind(), modal.seconds_edit.text())
        seen["context"] = modal.context_label.isVisible() and "5 s longer" in \
            modal.context_label.text()
        seen["ready_without_reason"] = modal.ok_button.isEnabled()
        modal.reject()

    _click_answering(qtbot, record, look_and_cancel)
    assert seen == {"prefilled": ("25", "time", "5"), "context": True,
                    "ready_without_reason": False}
    assert result_service.session_results(long_beach, event="1", session="R1").penalties == ()

    # Confirmed with the stewards' reason: recorded, the totals now agree.
    def confirm(modal: QWidget) -> None:
        assert isinstance(modal, PenaltyDialog)
        qtbot.keyClicks(modal.reason_edit, "Avoidable contact, turn 1")
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _click_answering(qtbot, _button(page, "Record +5 s for car 25…"), confirm)

    penalties = result_service.session_results(long_beach, event="1", session="R1").penalties
    assert [(p.number, p.kind, p.time_ms) for p in penalties] == [("25", "time", 5000)]
    assert _cell(page, "25", "total") == "1:42:14.029"
    assert "Decision" in page.message.text()
    # The altered file kept its old order: positions are all that is left, no offer.
    fields = {d.field for d in page.check.reconciliation.differences}  # type: ignore[union-attr]
    assert fields == {"position"}
    assert not any(b.text().startswith("Record") for b in panel.action_buttons)


def test_publish_asks_the_reason_when_the_file_disagrees(
    qtbot: QtBot, page: ResultsPage, long_beach: Database, imsa_data: Path, tmp_path: Path
) -> None:
    page.set_session("R1")
    _import(qtbot, page, imsa_data / f"{RACE}-laps.csv", _altered_results(imsa_data, tmp_path))
    seen: dict[str, object] = {}

    def publish_with_reason(modal: QWidget) -> None:
        assert isinstance(modal, PublishDialog)
        seen["said"] = modal.differences.isVisible() and modal.differences.text()
        seen["enabled_without_reason"] = modal.ok_button.isEnabled()
        qtbot.keyClicks(modal.reason_edit, "Timing system file predates decision 4")
        seen["enabled_with_reason"] = modal.ok_button.isEnabled()
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _answer(publish_with_reason, page.publish)

    said = str(seen["said"])
    assert said.startswith("The classification differs from the timing system's results "
                           "file in 1 place: car 25 total time (time penalty 5 s)")
    assert seen["enabled_without_reason"] is False
    assert seen["enabled_with_reason"] is True
    assert page.badge.text() == "OFFICIAL · REV 1"
    assert "predates decision 4" in page.state_details.text()


def test_the_services_refusal_to_publish_shows_in_the_dialog(
    qtbot: QtBot, long_beach: Database, imsa_data: Path, tmp_path: Path
) -> None:
    result_service.import_results(long_beach, event="1", session="R1", files=[
        imsa_data / f"{RACE}-laps.csv", _altered_results(imsa_data, tmp_path)])
    # A dialog opened before the difference came in (another desk loaded the file).
    dialog = PublishDialog(long_beach, event="1", session="R1", session_name="Race 1",
                           revision=1, check=None)
    qtbot.addWidget(dialog)
    assert dialog.ok_button.isEnabled()

    dialog.accept()

    assert dialog.published is None
    assert dialog.messages.property("state") == "problem"
    assert "publish only with a reason" in dialog.messages.text()
    assert result_service.revisions(long_beach, event="1", session="R1") == []


def test_a_car_without_a_crossing_is_settled_with_a_reason(
    qtbot: QtBot, page: ResultsPage, long_beach: Database, imsa_data: Path
) -> None:
    page.set_session("R1")
    _import(qtbot, page, imsa_data / f"{RACE}-laps.csv")
    dns_80 = page.check_panel.action_buttons[2]  # 01, 80, 93: DNS…, DNF… each
    assert dns_80.text() == "DNS…"
    seen: dict[str, object] = {}

    def settle(modal: QWidget) -> None:
        assert isinstance(modal, CarStatusDialog)
        seen["status"] = modal.status()
        seen["enabled_without_reason"] = modal.ok_button.isEnabled()
        qtbot.keyClicks(modal.reason_edit, "Did not take the start: gearbox")
        seen["button"] = modal.ok_button.text()
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _click_answering(qtbot, dns_80, settle)

    assert seen == {"status": "dns", "enabled_without_reason": False, "button": "Record DNS"}
    assert _cell(page, "80", "status") == "DNS"
    assert [c.car for c in check_session(long_beach, event="1", session="R1").no_crossing] == \
        ["01", "93"]
    assert page.check_panel.settle_badge.text() == "⚠  2 TO SETTLE"
    assert "Car 80 listed DNS" in page.message.text()

    # DNF for car 01, chosen in the dialog although DNS… was pressed.
    def settle_dnf(modal: QWidget) -> None:
        assert isinstance(modal, CarStatusDialog)
        modal.status_buttons["dnf"].setChecked(True)
        modal.reason_edit.setText("Stopped on lap 1")
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _answer(settle_dnf, lambda: page.settle_car("01", "dns"))
    assert _cell(page, "01", "status") == "DNF"


def test_a_lap_deleted_in_the_timing_system_is_shown_and_reinstated_from_the_dialog(
    qtbot: QtBot, page: ResultsPage, imsa_data: Path
) -> None:
    page.set_session("Q")
    _import(qtbot, page, imsa_data / f"{QUALI}-laps.csv")
    # Car 60's lap 10 (1:10.489) is quicker than its marked lap 12: deleted there.
    assert "Lap 10 deleted in the timing system" in _cell(page, "60", "note")
    assert (_cell(page, "60", "best"), _cell(page, "60", "best_lap")) == ("1:10.583", "12")
    assert page.select_car("60")
    seen: dict[str, object] = {}

    def reinstate(modal: QWidget) -> None:
        assert isinstance(modal, PenaltyDialog)
        modal.set_kind("reinstate-lap")
        seen["lap_row"] = modal.form.isRowVisible(modal.lap_spin)
        label = modal.form.labelForField(modal.lap_spin)
        seen["label"] = label.text()  # type: ignore[union-attr]
        modal.lap_spin.setValue(10)
        seen["enabled_without_reason"] = modal.ok_button.isEnabled()
        qtbot.keyClicks(modal.reason_edit, "Video: inside the limits")
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    dialog = _answer(reinstate, page.add_penalty)

    assert seen == {"lap_row": True, "label": "&Lap reinstated",
                    "enabled_without_reason": False}
    assert dialog is not None and dialog.outcome is not None
    assert dialog.outcome.penalty.kind == "reinstate-lap"
    assert (_cell(page, "60", "best"), _cell(page, "60", "best_lap")) == ("1:10.489", "10")
    assert "deleted in the timing system" not in _cell(page, "60", "note")
    assert page.penalty_model.index(0, 2).data() == "Lap 10 time reinstated"


def test_laps_are_listed_as_an_official_reads_them() -> None:
    assert lap_list([10]) == "Lap 10"
    assert lap_list([10, 3]) == "Laps 3, 10"
    assert lap_list([1, 2, 3, 4, 7, 9, 10]) == "Laps 1–4, 7, 9, 10"
    assert timing_deletion_text([]) == ""
    assert timing_deletion_text([10]) == "Lap 10 deleted in the timing system"


def test_the_best_lap_says_which_laps_were_deleted_and_by_whom(
    qtbot: QtBot, page: ResultsPage, long_beach: Database, imsa_data: Path
) -> None:
    page.set_session("Q")
    _import(qtbot, page, imsa_data / f"{QUALI}-laps.csv")
    result_service.add_penalty(long_beach, event="1", session="Q", car="60", kind="delete-lap",
                               lap=12, reason="Track limits, turn 9", decision="4")
    page.refresh()

    best = page.model.column_of("best")
    assert best is not None
    tip = page.model.index(_row(page, "60"), best).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["Deleted lap times do not count:",
                                "Lap 12 deleted by decision 4",
                                "Lap 10 deleted in the timing system"]
    note = _cell(page, "60", "note")
    assert "Lap 12 deleted" in note and "Lap 10 deleted in the timing system" in note


def test_a_best_lap_deleted_here_but_counted_by_the_timing_system_is_offered_back(
    qtbot: QtBot, page: ResultsPage, long_beach: Database, imsa_data: Path
) -> None:
    page.set_session("Q")
    _import(qtbot, page, imsa_data / f"{QUALI}-laps.csv", imsa_data / f"{QUALI}-results.csv")
    assert page.check_panel.state == "agrees"
    # The stewards delete car 60's lap 12, the best lap of the timing system's file.
    result_service.add_penalty(long_beach, event="1", session="Q", car="60", kind="delete-lap",
                               lap=12, reason="Track limits, turn 9")
    page.refresh()
    assert page.check_panel.state == "differs"
    seen: dict[str, object] = {}

    def look(modal: QWidget) -> None:
        assert isinstance(modal, PenaltyDialog)
        seen["prefilled"] = (modal.car(), modal.kind(), modal.lap_spin.value())
        seen["ready"] = modal.ok_button.isEnabled()
        modal.reject()

    _click_answering(qtbot, _button(page, "Reinstate lap 12 for car 60…"), look)
    assert seen == {"prefilled": ("60", "reinstate-lap", 12), "ready": False}
