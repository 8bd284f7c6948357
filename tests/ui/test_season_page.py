"""The Season page and the season switcher, driven through the real widgets: a new season
from 2021, the Am class, an event moved and one cancelled, the tyre supplier, an entry
list imported into the season shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from paddock.services.calendar import list_seasons
from paddock.services.classes import list_classes
from paddock.services.database import Database, open_database
from paddock.services.entries import list_entries
from paddock.services.season import season_chosen, season_overview
from paddock.services.sessions import session_facts
from paddock.services.tyre_supply import season_tyres
from paddock.ui.main_window import SEASON, MainWindow
from paddock.ui.season.season_dialogs import (
    AddSessionDialog,
    CancelEventDialog,
    ClassDialog,
    EventDialog,
    NewSeasonDialog,
    TyresDialog,
)
from paddock.ui.season.season_page import SeasonPage
from paddock.ui.season.session_facts_dialog import SessionFactsDialog

from .helpers import when_modal_opens

HEADER = ("number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,"
          "full_season\n")


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Database]:
    """A fresh database: the 2021 season, no entries (as `paddock init` makes it)."""
    with season_chosen(None):  # whatever the window chooses ends with the test
        database = open_database(tmp_path / "fresh.db")
        yield database
        database.close()


@pytest.fixture
def main(qtbot: QtBot, fresh: Database, settings: QSettings) -> Iterator[MainWindow]:
    window = MainWindow(fresh, settings=settings, live=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.runner.wait(10_000)
    window.close()


def _page(main: MainWindow) -> SeasonPage:
    main.show_page(SEASON)
    page = main.page(SEASON)
    assert isinstance(page, SeasonPage)
    return page


def _row_of(page: SeasonPage, short_name: str) -> int:
    for row in range(page.calendar_table.rowCount()):
        item = page.calendar_table.item(row, 2)
        if item is not None and item.text() == short_name:
            return row
    raise AssertionError(short_name)


def test_acceptance_2022_from_2021_through_the_window(
        qtbot: QtBot, main: MainWindow, fresh: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(main)
    assert page.heading.text() == "2021 season"
    assert page.calendar_table.rowCount() == 8

    # New season 2022 from 2021: the window (and every desk) stays on 2021.
    def make(dialog: QWidget) -> None:
        assert isinstance(dialog, NewSeasonDialog)
        dialog.year_spin.setValue(2022)
        dialog.from_combo.setCurrentIndex(dialog.from_combo.findData(2021))
        dialog.ok_button.click()

    when_modal_opens(make)
    page.new_season()
    assert [(s.year, s.current) for s in list_seasons(fresh)] == [(2021, True), (2022, False)]
    assert page.heading.text() == "2021 season"
    combo = main.header.season_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [2021, 2022]

    # The season switcher: the window now shows 2022.
    index = combo.findData(2022)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert "2022" in main.header.title.text()
    assert page.heading.text() == "2022 season"
    assert "not the current season" in page.current_note.text()

    # The Am class.
    def add_am(dialog: QWidget) -> None:
        assert isinstance(dialog, ClassDialog)
        dialog.name_edit.setText("Am")
        dialog.gentleman_box.setChecked(True)
        dialog.ok_button.click()

    when_modal_opens(add_am)
    page.add_class()
    assert page.classes_table.item(3, 0).text() == "Am"

    # Move VIR two weeks later: it keeps its number and short name.
    page.calendar_table.selectRow(_row_of(page, "vir"))

    def move(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        dialog.start_edit.setDate(QDate(2022, 9, 2))
        dialog.end_edit.setDate(QDate(2022, 9, 4))
        dialog.ok_button.click()

    when_modal_opens(move)
    page.edit_event()
    row = _row_of(page, "vir")
    assert page.calendar_table.item(row, 0).text() == "6"
    assert page.calendar_table.item(row, 3).text() == "September 2–4, 2022"

    # An entry list imported from the File menu goes into the season shown (on a worker).
    csv = tmp_path / "entries-2022.csv"
    csv.write_text(HEADER + "7,Ann,Lee,1975-04-02,USA,Lee Racing,991.2,Am,yes,yes\n",
                   encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kwargs: (str(csv), "CSV files (*.csv)"))
    monkeypatch.setattr(QMessageBox, "information", lambda *_args, **_kwargs: None)
    with qtbot.waitSignal(main.file_actions.finished, timeout=10_000):
        main.file_actions.import_entries()

    with season_chosen(2022):
        assert [(e.number, e.class_name) for e in list_entries(fresh)] == [("7", "Am")]
        assert [c.name for c in list_classes(fresh)][-1] == "Am"
        assert season_overview(fresh).events[5].start_date == date(2022, 9, 2)
    with season_chosen(2021):
        assert list_entries(fresh) == []
        assert season_overview(fresh).events[5].start_date == date(2021, 8, 20)

    qtbot.wait(10)
    main.close()
    # The window's choice ends with it: the desks' season is 2021 again.
    assert season_overview(fresh).year == 2021


def test_refusals_stay_in_the_dialog_and_nothing_is_written(
        qtbot: QtBot, main: MainWindow, fresh: Database) -> None:
    page = _page(main)
    page.calendar_table.selectRow(_row_of(page, "ctmp"))
    seen: dict[str, object] = {}

    def overlap(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        dialog.start_edit.setDate(QDate(2021, 3, 18))
        dialog.end_edit.setDate(QDate(2021, 3, 21))
        dialog.ok_button.click()
        seen["open"] = dialog.isVisible()
        seen["message"] = dialog.messages.text()
        dialog.reject()

    when_modal_opens(overlap)
    page.edit_event()
    assert seen["open"] is True and "overlap event 1 sebring" in str(seen["message"])

    page.select_class("Pro")

    def no_car(dialog: QWidget) -> None:
        assert isinstance(dialog, ClassDialog)
        for box in dialog.car_boxes.values():
            box.setChecked(False)
        dialog.ok_button.click()
        seen["class"] = dialog.messages.text()
        dialog.reject()

    when_modal_opens(no_car)
    page.edit_class()
    assert "cars of class Pro: a class admits at least one car" in str(seen["class"])
    assert season_overview(fresh).events[1].start_date == date(2021, 5, 20)
    assert list_classes(fresh)[0].cars == ("992",)


def test_cancel_an_event_and_set_the_tyre_supplier(
        qtbot: QtBot, main: MainWindow, fresh: Database, tmp_path: Path) -> None:
    page = _page(main)
    page.calendar_table.selectRow(_row_of(page, "tba"))

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, CancelEventDialog)
        dialog.reason_edit.setText("no venue found")
        dialog.ok_button.click()

    when_modal_opens(cancel)
    page.cancel_event()
    row = _row_of(page, "tba")
    assert page.calendar_table.item(row, 4).text() == "Cancelled: no venue found"
    assert page.reinstate_button.isEnabled()
    assert "(cancelled)" in main.header.event_combo.itemText(row)

    def yokohama(dialog: QWidget) -> None:
        assert isinstance(dialog, TyresDialog)
        dialog.supplier_edit.setText("Yokohama")
        dialog.dry_edit.setText("ADVAN A005")
        dialog.wet_edit.setText("ADVAN A006")
        dialog.ok_button.click()

    when_modal_opens(yokohama)
    page.edit_tyres()
    assert "Supplier: Yokohama" in page.tyres_label.text()
    assert season_tyres(fresh).label == "Yokohama ADVAN A005"
    page.resize(1200, 760)
    shots = tmp_path.parent / "shots"
    shots.mkdir(exist_ok=True)
    main.grab().save(str(shots / "season-page.png"))


def test_add_an_event_a_session_and_its_start(qtbot: QtBot, main: MainWindow,
                                              fresh: Database) -> None:
    page = _page(main)

    def add(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        dialog.short_edit.setText("mosport-2")
        dialog.name_edit.setText("Mosport II")
        dialog.venue_edit.setText("Canadian Tire Motorsport Park")
        dialog.start_edit.setDate(QDate(2021, 11, 5))
        dialog.end_edit.setDate(QDate(2021, 11, 7))
        dialog.zone_edit.setText("America/Toronto")
        dialog.ok_button.click()

    when_modal_opens(add)
    page.add_event()
    event = page.selected_event()
    assert event is not None and (event.number, event.short_name) == (9, "mosport-2")
    assert main.header.event_combo.count() == 9

    def add_session(dialog: QWidget) -> None:
        assert isinstance(dialog, AddSessionDialog)
        dialog.code_edit.setText("R3")
        dialog.ok_button.click()

    when_modal_opens(add_session)
    page.add_session()
    assert page.session_combo.itemText(page.session_combo.count() - 1) == "R3"
    page.session_combo.setCurrentIndex(page.session_combo.count() - 1)

    def start(dialog: QWidget) -> None:
        assert isinstance(dialog, SessionFactsDialog)
        dialog.date_edit.setDate(QDate(2021, 11, 7))
        dialog.start_edit.setText("15:20")
        dialog.length_edit.setText("35m")
        dialog.ok_button.click()

    when_modal_opens(start)
    page.edit_session_facts()
    facts = session_facts(fresh, event="mosport-2", session="R3")
    assert (facts.start_text, facts.length_text, facts.name) == ("15:20 EST", "35 min",
                                                                 "Race 3")
