"""The Results page driven as the timing office would: import, penalise, publish, type."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from paddock.errors import RuleViolation
from paddock.services import results as result_service
from paddock.services.database import Database
from paddock.ui.common import theme
from paddock.ui.results.results_page import ResultsPage
from paddock.ui.results.results_penalty_dialog import PenaltyDialog
from paddock.ui.results.results_publish_dialog import (
    BulletinDialog,
    CorrectionReasonDialog,
    PublishDialog,
)
from paddock.ui.results.results_typed_dialog import TypedResultDialog

from .helpers import when_modal_opens

T = TypeVar("T")

#: Toronto: no demo results there, every full-season car entered.
TORONTO = 4

# Three laps for 1, 02 and 7, two seconds apart in the end; 8 stops after one lap (DNF).
RACE_LAPS = """number,lap,lap_time,elapsed
1,1,1:20.000,1:20.000
1,2,1:20.000,2:40.000
1,3,1:20.000,4:00.000
02,1,1:20.500,1:20.500
02,2,1:20.500,2:41.000
02,3,1:20.500,4:01.500
7,1,1:21.000,1:21.000
7,2,1:21.000,2:42.000
7,3,1:21.000,4:03.000
8,1,1:22.000,1:22.000
"""

# The same race re-issued: car 7 was quicker on its last lap than first timed.
RACE_LAPS_CORRECTED = RACE_LAPS.replace("7,3,1:21.000,4:03.000", "7,3,1:18.500,4:00.500")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def page(qtbot: QtBot, db: Database) -> Iterator[ResultsPage]:
    results_page = ResultsPage(db, TORONTO)
    qtbot.addWidget(results_page)
    results_page.resize(1300, 800)
    results_page.show()
    qtbot.waitExposed(results_page)
    yield results_page
    results_page.runner.wait(10_000)


def _answer(act: Callable[[QWidget], None], open_dialog: Callable[[], T]) -> T:
    """Call ``open_dialog``, which opens a modal dialog, and let ``act`` answer it."""
    # Held here: Qt keeps only a weak reference to the watch's timer callback.
    watch = when_modal_opens(act)
    try:
        return open_dialog()
    finally:
        watch.cancel()


def _import(qtbot: QtBot, page: ResultsPage, *paths: Path, reason: str | None = None) -> None:
    assert page.import_files(list(paths), reason=reason)
    # The answer comes back through the event loop: until then the page shows it is busy.
    assert page.busy
    assert page.busy_bar.isVisible()
    assert not page.import_button.isEnabled()
    assert not any(b.isEnabled() for b in page.session_buttons.values())
    qtbot.waitUntil(lambda: not page.busy, timeout=15_000)
    assert not page.busy_bar.isVisible()


def _top(page: ResultsPage, count: int = 4) -> list[str]:
    return page.shown_numbers()[:count]


def _cell(page: ResultsPage, number: str, key: str) -> str:
    column = page.model.column_of(key)
    assert column is not None
    for row in range(page.model.rowCount()):
        if page.model.view(row).row.number == number:
            return str(page.model.index(row, column).data())
    raise AssertionError(f"car {number} not shown")


def _colour(page: ResultsPage, number: str, key: str) -> QColor | None:
    column = page.model.column_of(key)
    assert column is not None
    row = next(r for r in range(page.model.rowCount()) if page.model.view(r).row.number == number)
    value = page.model.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
    return None if value is None else QColor(value)


def _race_loaded(qtbot: QtBot, page: ResultsPage, tmp_path: Path) -> None:
    page.set_session("R1")
    _import(qtbot, page, _write(tmp_path, "race1-laps.csv", RACE_LAPS))


def test_importing_time_cards_shows_the_classification(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    page.set_session("R1")
    assert page.stack.currentWidget() is page.empty_label
    assert page.badge.text() == "NO RESULTS"
    changed: list[bool] = []
    page.results_changed.connect(lambda: changed.append(True))

    _import(qtbot, page, _write(tmp_path, "race1-laps.csv", RACE_LAPS))

    assert changed == [True]
    assert page.stack.currentWidget() is page.table
    assert _top(page) == ["1", "02", "7", "8"]
    assert _cell(page, "1", "total") == "0:04:00.000"
    assert _cell(page, "02", "gap") == "+1.500"
    assert _cell(page, "7", "interval") == "+1.500"
    assert _cell(page, "8", "status") == "DNF"
    # Cars out of the classification read as set apart; the classified ones do not.
    assert _colour(page, "8", "driver") == QColor(theme.TEXT_MUTED)
    assert _colour(page, "1", "driver") is None
    # Entered cars that never crossed the line are listed last, as DNS.
    statuses = [page.model.view(r).row.status.value for r in range(page.model.rowCount())]
    assert statuses[4:] == ["dns"] * (len(statuses) - 4)
    assert page.badge.text() == "PROVISIONAL"
    assert page.hash_label.text().startswith("Hash ")
    assert page.message.isVisible()
    assert "race1-laps.csv" in page.message.text()
    assert "4 cars, 10 laps" in page.message.text()
    assert page.source_model.rowCount() == 1
    # Time cards: the typed-result tool has nothing to type into.
    assert not page.typed_button.isEnabled()


def test_a_refused_file_shows_file_and_line_and_changes_nothing(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    _race_loaded(qtbot, page, tmp_path)
    before = page.shown_numbers()
    bad = _write(tmp_path, "race1-bad.csv",
                 "number,lap,lap_time,elapsed\n1,1,1:20.000,1:20.000\n1,2,1:2x.000,2:40.000\n")
    seen: dict[str, str] = {}

    def read_and_close(modal: QWidget) -> None:
        assert isinstance(modal, QMessageBox)
        seen["text"] = modal.text()
        seen["details"] = modal.informativeText()
        modal.accept()

    watch = when_modal_opens(read_and_close)
    _import(qtbot, page, bad)
    qtbot.waitUntil(lambda: "details" in seen, timeout=5_000)
    watch.cancel()

    assert seen["text"] == "Nothing was changed."
    assert f"{bad}:3:" in seen["details"]
    assert "lap_time" in seen["details"]
    assert page.shown_numbers() == before
    assert page.source_model.rowCount() == 1
    assert page.message.property("state") == "problem"


def test_a_five_second_penalty_changes_the_order(
    qtbot: QtBot, page: ResultsPage, db: Database, tmp_path: Path
) -> None:
    _race_loaded(qtbot, page, tmp_path)
    assert page.select_car("1")
    seen: dict[str, object] = {}

    def fill(modal: QWidget) -> None:
        assert isinstance(modal, PenaltyDialog)
        seen["car"] = modal.car()  # the selected row's car
        assert not modal.ok_button.isEnabled()  # no seconds, no reason yet
        modal.set_kind("time")
        qtbot.keyClicks(modal.seconds_edit, "5")
        qtbot.keyClicks(modal.reason_edit, "Track limits, turn 3")
        seen["enabled"] = modal.ok_button.isEnabled()
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    dialog = _answer(fill, page.add_penalty)

    assert seen == {"car": "1", "enabled": True}
    assert dialog is not None and dialog.outcome is not None
    assert _top(page, 3) == ["02", "7", "1"]
    assert _cell(page, "1", "total") == "0:04:05.000"
    assert _cell(page, "1", "note") == "+5 s"
    assert page.penalty_model.rowCount() == 1
    decision = page.penalty_model.index(0, 0).data()
    assert decision == dialog.outcome.penalty.decision
    assert page.penalty_model.index(0, 2).data() == "+5 s"
    assert f"Decision {decision}" in page.message.text()
    stored = result_service.session_results(db, event=str(TORONTO), session="R1")
    assert [v.row.number for v in stored.rows[:3]] == ["02", "7", "1"]


def test_a_penalty_time_is_checked_as_it_is_typed(qtbot: QtBot, db: Database) -> None:
    dialog = PenaltyDialog(db, event=str(TORONTO), session="R1", session_name="Race 1",
                           cars=())
    qtbot.addWidget(dialog)
    dialog.set_kind("time")
    dialog.seconds_edit.setText("5x")
    dialog.reason_edit.setText("Track limits")
    assert not dialog.ok_button.isEnabled()
    assert dialog.messages.property("state") == "problem"
    assert "'5x' is not a time" in dialog.messages.text()
    assert dialog.seconds_edit.property("invalid") == "true"
    dialog.seconds_edit.setText("5")
    assert dialog.seconds_edit.property("invalid") == "false"
    assert "the car" in dialog.messages.text()  # still to choose


def _publish(qtbot: QtBot, page: ResultsPage, reason: str = "") -> dict[str, object]:
    seen: dict[str, object] = {}

    def confirm(modal: QWidget) -> None:
        assert isinstance(modal, PublishDialog)
        seen["question"] = modal.question.text()
        seen["enabled"] = modal.ok_button.isEnabled()
        if reason:
            qtbot.keyClicks(modal.reason_edit, reason)
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _answer(confirm, page.publish)
    return seen


def test_publishing_makes_the_session_official_and_penalties_then_revise_it(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    _race_loaded(qtbot, page, tmp_path)

    seen = _publish(qtbot, page)

    assert seen == {"question": "Publish Race 1 as OFFICIAL revision 1?", "enabled": True}
    assert page.badge.text() == "OFFICIAL · REV 1"
    assert page.badge.property("state") == "official"
    assert "first publication" in page.state_details.text()
    assert page.revision_model.rowCount() == 1
    assert page.publish_button.text() == "Publish revision 2…"
    first_hash = page.hash_label.text()

    def penalise(modal: QWidget) -> None:
        assert isinstance(modal, PenaltyDialog)
        modal.car_combo.setCurrentIndex(modal.car_combo.findData("1"))
        modal.set_kind("time")
        modal.seconds_edit.setText("5")
        modal.reason_edit.setText("Track limits, turn 3")
        # Official: pending for the bulletin unless published at once.
        seen["pending"] = modal.messages.text()
        seen["box"] = (modal.publish_now_check.isVisible(), modal.publish_now_check.isChecked())
        modal.publish_now_check.setChecked(True)
        seen["warning"] = modal.messages.text()
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _answer(penalise, page.add_penalty)

    assert "kept PENDING" in str(seen["pending"])
    assert seen["box"] == (True, False)
    assert "publishes revision 2" in str(seen["warning"])
    assert page.badge.text() == "OFFICIAL · REV 2"
    assert "published as OFFICIAL revision 2" in page.message.text()
    assert _top(page, 3) == ["02", "7", "1"]
    assert page.hash_label.text() != first_hash
    assert page.revision_model.rowCount() == 2

    # Revision 1 stays readable as it was published, and cannot be changed.
    past = page.open_revision(1)
    assert past is not None
    qtbot.addWidget(past)
    assert past.badge.text() == "OFFICIAL · REV 1"
    assert "superseded by revision 2" in past.details.text()
    assert [past.model.view(r).row.number for r in range(3)] == ["1", "02", "7"]
    assert past.table.editTriggers() == past.table.EditTrigger.NoEditTriggers
    past.close()


def test_an_unchanged_official_session_offers_no_new_revision(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    _race_loaded(qtbot, page, tmp_path)
    _publish(qtbot, page)

    # Nothing changed since revision 1: the button says so instead of offering revision 2.
    assert page.publish_button.text() == "Publish revision 2…"
    assert not page.publish_button.isEnabled()
    assert "Nothing changed since revision 1" in page.publish_button.toolTip()
    # And the service refuses it anyway.
    with pytest.raises(RuleViolation, match="nothing changed since revision 1"):
        result_service.publish(page._db, event=str(TORONTO), session="R1", reason="again")
    assert page.badge.text() == "OFFICIAL · REV 1"


def test_a_corrected_file_on_an_official_session_asks_for_the_reason(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    _race_loaded(qtbot, page, tmp_path)
    _publish(qtbot, page)
    corrected = _write(tmp_path, "race1-laps-v2.csv", RACE_LAPS_CORRECTED)
    seen: dict[str, object] = {}

    def give_reason(modal: QWidget) -> None:
        assert isinstance(modal, CorrectionReasonDialog)
        seen["enabled_empty"] = modal.ok_button.isEnabled()
        qtbot.keyClicks(modal.reason_edit, "Timing file re-issued")
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    assert _answer(give_reason, lambda: page.import_files([corrected]))
    qtbot.waitUntil(lambda: not page.busy, timeout=15_000)

    assert seen == {"enabled_empty": False}
    assert page.badge.text() == "OFFICIAL · REV 2"
    assert "Timing file re-issued" in page.state_details.text()
    assert "revision 2" in page.message.text()
    assert _top(page, 3) == ["1", "7", "02"]


def test_typed_results_for_a_session_without_time_cards(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    page.set_session("FP1")
    assert page.typed_button.isEnabled()
    seen: dict[str, object] = {}

    def type_line(number: str, laps: int, best: str) -> None:
        def act(modal: QWidget) -> None:
            assert isinstance(modal, TypedResultDialog)
            assert not modal.form.isRowVisible(modal.total_edit)  # practice: no race time
            modal.select_car(number)
            modal.laps_spin.setValue(laps)
            qtbot.keyClicks(modal.best_edit, best)
            qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

        _answer(act, page.type_result)

    type_line("7", 12, "1:21.500")
    type_line("1", 10, "1:21.000")

    assert _top(page, 2) == ["1", "7"]
    assert _cell(page, "7", "best") == "1:21.500"
    assert _cell(page, "7", "gap") == "+0.500"
    assert page.badge.text() == "PROVISIONAL"

    # A wrong time is shown at once, and the line cannot be saved with it.
    def mistype(modal: QWidget) -> None:
        assert isinstance(modal, TypedResultDialog)
        seen["mode"] = modal.mode_label.text()
        seen["prefilled"] = modal.best_edit.text()
        modal.best_edit.setText("1:2x.000")
        seen["invalid"] = modal.best_edit.property("invalid")
        seen["message"] = modal.messages.text()
        seen["enabled"] = modal.ok_button.isEnabled()
        modal.best_edit.setText("1:20.500")
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    assert page.select_car("7")
    _answer(mistype, page.type_result)

    assert seen["mode"] == "Correcting car 7's line"
    assert seen["prefilled"] == "1:21.500"
    assert seen["invalid"] == "true"
    assert "Best lap: '1:2x.000' is not a time" in str(seen["message"])
    assert seen["enabled"] is False
    assert _top(page, 2) == ["7", "1"]


def test_typed_race_line_on_an_official_session_needs_a_reason(
    qtbot: QtBot, page: ResultsPage
) -> None:
    page.set_session("R2")

    def first_line(modal: QWidget) -> None:
        assert isinstance(modal, TypedResultDialog)
        assert not modal.form.isRowVisible(modal.reason_edit)
        modal.select_car("7")
        modal.laps_spin.setValue(20)
        modal.total_edit.setText("45:10.100")
        modal.best_edit.setText("2:12.300")
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _answer(first_line, page.type_result)
    assert _cell(page, "7", "total") == "0:45:10.100"
    _publish(qtbot, page)
    seen: dict[str, object] = {}

    def correct(modal: QWidget) -> None:
        assert isinstance(modal, TypedResultDialog)
        seen["reason_shown"] = modal.form.isRowVisible(modal.reason_edit)
        modal.total_edit.setText("45:09.900")
        seen["enabled_without_reason"] = modal.ok_button.isEnabled()
        modal.reason_edit.setText("Transponder time corrected")
        seen["message"] = modal.messages.text()
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    assert page.select_car("7")
    _answer(correct, page.type_result)

    assert seen["reason_shown"] is True
    assert seen["enabled_without_reason"] is False
    assert "publishes revision 2" in str(seen["message"])
    assert _cell(page, "7", "total") == "0:45:09.900"
    assert page.badge.text() == "OFFICIAL · REV 2"


def test_dropping_csv_files_imports_them(qtbot: QtBot, page: ResultsPage,
                                         tmp_path: Path) -> None:
    page.set_session("R1")
    path = _write(tmp_path, "race1-laps.csv", RACE_LAPS)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)

    page.dropEvent(drop)
    qtbot.waitUntil(lambda: not page.busy, timeout=15_000)

    assert _top(page) == ["1", "02", "7", "8"]


def test_a_class_filter_shows_that_class_with_its_own_gaps(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    _race_loaded(qtbot, page, tmp_path)
    classes = {page.model.view(r).row.number: page.model.view(r).row.class_name
               for r in range(page.model.rowCount())}
    assert classes["1"] == classes["7"] != classes["02"]

    page.set_class(classes["1"])

    shown = page.shown_numbers()
    assert shown[:2] == ["1", "7"]
    assert "02" not in shown
    gap = page.model.column_of("gap")
    row_of_7 = next(r for r in range(page.proxy.rowCount())
                    if page.proxy.index(r, 1).data() == "7")
    assert page.proxy.index(row_of_7, gap).data() == "+3.000"  # to car 1, not to 02
    page.set_class("")
    assert page.shown_numbers()[:3] == ["1", "02", "7"]


def test_switching_event_and_session(qtbot: QtBot, page: ResultsPage, tmp_path: Path) -> None:
    _race_loaded(qtbot, page, tmp_path)
    page.set_event(5)
    assert page.current_event() == 5
    assert page.current_session() == "R1"  # the same session of the next event
    assert page.stack.currentWidget() is page.empty_label
    page.set_event(TORONTO)
    assert _top(page, 1) == ["1"]
    qtbot.mouseClick(page.session_buttons["Q"], Qt.MouseButton.LeftButton)
    assert page.current_session() == "Q"
    assert "Qualifying" in page.summary.text()


def test_sorting_by_another_column_and_back_by_position(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    _race_loaded(qtbot, page, tmp_path)
    classified = page.shown_numbers()
    best = page.model.column_of("best")
    assert best is not None

    page.table.sortByColumn(best, Qt.SortOrder.AscendingOrder)
    assert page.shown_numbers()[:4] == ["1", "02", "7", "8"]  # 1:20.000 ... 1:22.000
    page.table.sortByColumn(page.model.column_of("number") or 0, Qt.SortOrder.DescendingOrder)
    assert page.shown_numbers()[0] != "1"

    page.table.sortByColumn(page.model.column_of("pos") or 0, Qt.SortOrder.AscendingOrder)
    assert page.shown_numbers() == classified


def _decide(qtbot: QtBot, page: ResultsPage, car: str, seconds: str, reason: str,
            article: str = "") -> None:
    def fill(modal: QWidget) -> None:
        assert isinstance(modal, PenaltyDialog)
        modal.car_combo.setCurrentIndex(modal.car_combo.findData(car))
        modal.set_kind("time")
        modal.seconds_edit.setText(seconds)
        modal.reason_edit.setText(reason)
        modal.article_edit.setText(article)
        assert not modal.publish_now_check.isChecked()
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _answer(fill, page.add_penalty)


def test_a_five_decision_bulletin_is_previewed_and_published_as_one_revision(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    _race_loaded(qtbot, page, tmp_path)
    _publish(qtbot, page)
    assert _top(page, 3) == ["1", "02", "7"]

    decisions = [("1", "5", "Track limits, turn 3", "SR art. 12.3"),
                 ("02", "1", "Jump start", ""), ("7", "2", "Causing a collision", ""),
                 ("1", "1", "Unsafe release", "SR art. 20.1"),
                 ("8", "10", "Pit lane speeding", "")]
    for car, seconds, reason, article in decisions:
        _decide(qtbot, page, car, seconds, reason, article)
    # A sixth, typed by mistake, is withdrawn with its reason.
    _decide(qtbot, page, "7", "30", "Wrong car")

    # Still official revision 1: nothing is published, everything waits in the bulletin.
    assert page.badge.text() == "OFFICIAL · REV 1"
    assert page.revision_model.rowCount() == 1
    assert _top(page, 3) == ["1", "02", "7"]
    assert page.pending_model.rowCount() == 6
    assert page.tabs.tabText(0) == "Pending decisions (6)"
    assert page.publish_button.text() == "Publish bulletin (6)…"
    assert page.publish_button.isEnabled()
    assert "PENDING" in page.pending_model.index(0, 2).data()

    page.pending_table.selectRow(5)
    assert page.withdraw_button.isEnabled()
    seen: dict[str, object] = {}

    def withdraw(modal: QWidget) -> None:
        seen["withdraw_enabled"] = modal.ok_button.isEnabled()  # type: ignore[attr-defined]
        qtbot.keyClicks(modal.reason_edit, "Typed against the wrong car")  # type: ignore[attr-defined]
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    _answer(withdraw, page.withdraw)
    assert seen["withdraw_enabled"] is False
    assert page.pending_model.rowCount() == 5
    assert page.publish_button.text() == "Publish bulletin (5)…"

    # The preview: what the bulletin would publish, marked as not official.
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.previewing
    assert page.preview_banner.isVisible()
    assert "PREVIEW — NOT OFFICIAL" in page.preview_banner.text()
    assert "the 5 pending decisions would publish as revision 2" in page.preview_banner.text()
    assert page.badge.text() == "PREVIEW · REV 2 · NOT OFFICIAL"
    assert _top(page, 4) == ["02", "7", "1", "8"]
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert not page.preview_banner.isVisible()
    assert _top(page, 3) == ["1", "02", "7"]
    page.set_preview(True)

    def confirm(modal: QWidget) -> None:
        assert isinstance(modal, BulletinDialog)
        seen["question"] = modal.question.text()
        seen["lines"] = [modal.decisions.item(i).text() for i in range(modal.decisions.count())]
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _answer(confirm, page.publish)

    assert seen["question"] == "Publish 5 decisions as Race 1 OFFICIAL revision 2?"
    lines = seen["lines"]
    assert isinstance(lines, list) and len(lines) == 5
    assert "car 1" in lines[0] and "SR art. 12.3" in lines[0]
    # ONE revision for the five decisions, its reason built from them.
    revisions = result_service.revisions(page._db, event=str(TORONTO), session="R1")
    assert [r.revision for r in revisions] == [1, 2]
    assert "Jump start" in revisions[1].reason and "Pit lane speeding" in revisions[1].reason
    assert page.badge.text() == "OFFICIAL · REV 2"
    assert not page.previewing and not page.preview_banner.isVisible()
    assert _top(page, 4) == ["02", "7", "1", "8"]
    assert page.pending_model.rowCount() == 0
    assert "5 decisions published as Race 1 OFFICIAL revision 2" in page.message.text()
    # Nothing pending, nothing changed: no revision 3 on offer.
    assert not page.publish_button.isEnabled()


def test_warnings_and_reprimands_with_their_article(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    _race_loaded(qtbot, page, tmp_path)
    _publish(qtbot, page)

    def warn(modal: QWidget) -> None:
        assert isinstance(modal, PenaltyDialog)
        modal.car_combo.setCurrentIndex(modal.car_combo.findData("7"))
        modal.set_kind("reprimand")
        modal.reason_edit.setText("Driving standards")
        modal.article_edit.setText("ISC App. L ch. IV art. 2")
        assert not modal.seconds_edit.isVisible()
        assert "no new revision" in modal.messages.text()
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    _answer(warn, page.add_penalty)
    assert page.badge.text() == "OFFICIAL · REV 1"
    assert page.pending_model.rowCount() == 0
    assert page.penalty_model.index(0, 2).data() == "Reprimand"
    assert page.penalty_model.index(0, 3).data().startswith("ISC App. L ch. IV art. 2: ")


def test_any_revision_prints_and_saves_from_the_list_and_its_window(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    _race_loaded(qtbot, page, tmp_path)
    _publish(qtbot, page)
    result_service.add_penalty(page._db, event=str(TORONTO), session="R1", car="1",
                               kind="time", seconds=5, reason="Track limits")
    page.refresh()
    assert page.revision_model.rowCount() == 2

    # From the list: revision 1 selected, saved as a PDF; the status bar says where.
    page.tabs.setCurrentIndex(2)
    page.revision_table.selectRow(0)
    assert page.save_revision_button.isEnabled() and page.print_revision_button.isEnabled()
    target = tmp_path / "r1-rev1.pdf"
    with qtbot.waitSignal(page.output.saved, timeout=20_000) as saved, \
            qtbot.waitSignal(page.status, timeout=20_000,
                             check_params_cb=lambda text: text.startswith("Saved")) as status:
        assert page.save_revision_pdf(1, target)
    assert saved.args == [target]
    assert f"revision 1 to {target}" in status.args[0]
    assert target.read_bytes().startswith(b"%PDF")
    assert target.read_bytes() != b""

    # From the read-only window of revision 1: Print… goes to the printer.
    past = page.open_revision(1)
    assert past is not None
    qtbot.addWidget(past)
    assert past.print_button.isEnabled() and past.save_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(page.output.printed, timeout=30_000) as printed:
        assert page.print_revision(1, printer)
    assert printed.args[0] >= 1
    assert (tmp_path / "printed.pdf").stat().st_size > 0
    past.close()


def _drop(page: ResultsPage, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    return drop.isAccepted()


@pytest.mark.parametrize(("name", "data", "said"), [
    ("finish.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "finish.png is a PNG picture"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "photo.jpg is a JPEG picture"),
    ("results.csv", b"%PDF-1.7\n1 0 obj\n", "results.csv is a PDF document"),
    ("r1.csv", b"", "r1.csv is empty"),
    ("entries.csv", b"number,first_name,last_name,date_of_birth,nationality,team,car,class,"
                    b"gentleman,full_season\n7,Ann,Lee,2000-01-01,USA,T,911,Pro,no,yes\n",
     "entries.csv is an entry list"),
])
def test_a_file_of_the_wrong_kind_is_named_in_one_sentence(
    qtbot: QtBot, page: ResultsPage, tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    page.set_session("R1")
    path = tmp_path / name
    path.write_bytes(data)
    statuses: list[str] = []
    page.status.connect(statuses.append)

    # Dropped: taken (not silently ignored), and said for what it is.
    assert _drop(page, path)
    assert not page.busy
    text = page.message.text()
    assert page.message.isVisible()
    assert text.startswith("Not loaded: " + said)
    assert "a timing file was expected" in text
    assert "UTF-8" not in text and "accepted:" not in text
    assert text.count(". ") == 0 and text.endswith(".")  # one sentence
    assert statuses and statuses[-1].startswith(said)
    # Opened with the button's dialog: the same sentence.
    page.message.hide()
    assert not page.import_files([path])
    assert page.message.text() == text
    assert page.results is not None and not page.results.rows
