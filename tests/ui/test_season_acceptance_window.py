"""Issue "Any season", acceptance through the window, in a fresh database: make 2022 from
2021 and show it, add the Am class, move an event, cancel the rest of the calendar, set
Pro-Am's drop rule, import an entry list, import and publish a weekend, and read the
standings with the dropped result marked — all through the real widgets of one window
(the command-line twin is tests/cli/test_seasons_acceptance_cli.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from paddock.services.database import Database, open_database
from paddock.services.season import season_chosen, season_overview
from paddock.ui.championship.points_scale_dialog import PointsScaleDialog
from paddock.ui.common.theme import apply_theme
from paddock.ui.main_window import CHAMPIONSHIP, RESULTS, SEASON, MainWindow
from paddock.ui.results.results_publish_dialog import PublishDialog
from paddock.ui.season.season_dialogs import (
    CancelEventDialog,
    ClassDialog,
    EventDialog,
    NewSeasonDialog,
)
from paddock.ui.season.season_page import SeasonPage
from tests.services.timing_csv import race_laps, write_laps

from .helpers import when_modal_opens

HEADER = ("number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,"
          "full_season\n")
ENTRIES = (
    "7,Ann,Lee,1975-04-02,USA,Lee Racing,991.2,Am,yes,yes\n"
    "12,Bo,Kim,1990-06-01,CAN,Kim Motorsport,992,Pro,no,yes\n"
    "21,Cy,Park,1970-01-05,USA,Park GT,992,Pro-Am,yes,yes\n"
    "22,Di,Ross,1972-03-09,USA,Ross GT,992,Pro-Am,yes,yes\n"
)
#: Where the window's picture is left to be looked at.
SHOTS = Path("/tmp/accept")


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Database]:
    """A fresh database: the 2021 season, no entries (as `paddock init` makes it)."""
    with season_chosen(None):  # whatever the window chooses ends with the test
        database = open_database(tmp_path / "fresh.db")
        yield database
        database.close()


@pytest.fixture
def themed() -> Iterator[None]:
    """The application's look, as `paddock` starts with it (the picture is of the real
    window), put back afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette, font, sheet = app.style().name(), app.palette(), app.font(), app.styleSheet()
    apply_theme(app)
    yield
    app.setStyleSheet(sheet)
    app.setFont(font)
    app.setPalette(palette)
    app.setStyle(style)


@pytest.fixture
def main(qtbot: QtBot, fresh: Database, settings: QSettings,
         themed: None) -> Iterator[MainWindow]:
    window = MainWindow(fresh, settings=settings, live=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The offscreen screen is smaller than a laptop's: the picture at the end needs the
    # race columns in view.
    window.resize(1366, 768)
    yield window
    window.runner.wait(10_000)
    window.close()


def click(qtbot: QtBot, button: QWidget) -> None:
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def settle(qtbot: QtBot) -> None:
    """Let the posted layout requests run: a label whose text just changed (the OFFICIAL
    badge) keeps its old width until then, and the picture would show it clipped."""
    qtbot.wait(50)


def _row_of(page: SeasonPage, number: int) -> int:
    for row in range(page.calendar_table.rowCount()):
        item = page.calendar_table.item(row, 0)
        if item is not None and item.text() == str(number):
            return row
    raise AssertionError(number)


def _season_page(main: MainWindow) -> SeasonPage:
    main.show_page(SEASON)
    page = main.page(SEASON)
    assert isinstance(page, SeasonPage)
    return page


def test_a_2022_season_made_run_and_published_through_the_window(
        qtbot: QtBot, main: MainWindow, fresh: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *_args, **_kwargs: None)
    page = _season_page(main)
    assert page.heading.text() == "2021 season"

    # New season 2022 from 2021, then the season switcher shows it.
    def make(dialog: QWidget) -> None:
        assert isinstance(dialog, NewSeasonDialog)
        dialog.year_spin.setValue(2022)
        dialog.from_combo.setCurrentIndex(dialog.from_combo.findData(2021))
        click(qtbot, dialog.ok_button)

    when_modal_opens(make)
    click(qtbot, page.new_season_button)
    combo = main.header.season_combo
    index = combo.findData(2022)
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert "2022" in main.header.title.text()
    assert page.heading.text() == "2022 season"

    # The Am class.
    def add_am(dialog: QWidget) -> None:
        assert isinstance(dialog, ClassDialog)
        dialog.name_edit.setText("Am")
        dialog.gentleman_box.setChecked(True)
        click(qtbot, dialog.ok_button)

    when_modal_opens(add_am)
    click(qtbot, page.add_class_button)
    assert page.classes_table.item(3, 0).text() == "Am"

    # Sebring moves a week.
    page.calendar_table.selectRow(_row_of(page, 1))

    def move(dialog: QWidget) -> None:
        assert isinstance(dialog, EventDialog)
        dialog.start_edit.setDate(QDate(2022, 3, 23))
        dialog.end_edit.setDate(QDate(2022, 3, 26))
        click(qtbot, dialog.ok_button)

    when_modal_opens(move)
    click(qtbot, page.edit_event_button)
    assert page.calendar_table.item(_row_of(page, 1), 3).text() == "March 23–26, 2022"

    # The rest of the calendar is not run this year: one weekend is the whole season.
    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, CancelEventDialog)
        dialog.reason_edit.setText("not on the 2022 calendar")
        click(qtbot, dialog.ok_button)

    for number in range(2, 9):
        page.calendar_table.selectRow(_row_of(page, number))
        when_modal_opens(cancel)
        click(qtbot, page.cancel_event_button)
        assert page.calendar_table.item(_row_of(page, number), 4).text() == (
            "Cancelled: not on the 2022 calendar")
    assert main.header.subtitle.text() == "8 events (7 cancelled) · 2 races"
    assert "(cancelled)" in main.header.event_combo.itemText(
        main.header.event_combo.findData(8))

    # Pro-Am drops its lowest result: the Championship page's "Points scale…" dialog.
    main.show_page(CHAMPIONSHIP)
    championship = main.championship_page
    seen: dict[str, object] = {}

    def drop_one(dialog: QWidget) -> None:
        assert isinstance(dialog, PointsScaleDialog)
        seen["title"] = dialog.windowTitle()
        seen["classes"] = list(dialog.drop_spins)
        dialog.drop_spins["Pro-Am"].setValue(1)
        click(qtbot, dialog.ok_button)
        seen["saved"] = [(r.class_name, r.count) for r in dialog.saved.drops
                         if r.count] if dialog.saved else None

    when_modal_opens(drop_one)
    click(qtbot, championship.scale_button)
    assert seen == {"title": "Points scale – 2022 season",
                    "classes": ["Pro", "Pro-Am", "Rookie", "Am"], "saved": [("Pro-Am", 1)]}

    # The entry list, from the File menu.
    entries = tmp_path / "entries.csv"
    entries.write_text(HEADER + ENTRIES, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kwargs: (str(entries), "CSV files (*.csv)"))
    with qtbot.waitSignal(main.file_actions.finished, timeout=10_000):
        main.file_actions.import_entries_action.trigger()

    # The weekend on the Results page: each session's laps imported, then published.
    quali = write_laps(tmp_path / "q.csv", {"12": [120_000, 119_000], "21": [121_000, 120_500],
                                            "22": [122_000, 121_500], "7": [123_000]})
    files = {"Q": quali}
    for race, order in (("R1", ["12", "21", "22", "7"]), ("R2", ["12", "22", "21", "7"])):
        files[race] = write_laps(tmp_path / f"{race}.csv", race_laps(order, 10))

    main.show_page(RESULTS)
    results = main.results_page
    assert main.header.select_event(1)
    assert results.current_event() == 1
    for session, path in files.items():
        click(qtbot, results.session_buttons[session])
        assert results.current_session() == session
        monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                            lambda *_args, p=path, **_kwargs: ([str(p)], "Timing files"))
        # Qualifying through File → Import timing files, the races with the page's button.
        with qtbot.waitSignal(results.results_changed, timeout=20_000):
            if session == "Q":
                main.import_timing_action.trigger()
            else:
                click(qtbot, results.import_button)
        assert not results.busy
        assert results.results is not None and len(results.results.rows) == 4, session

        def publish(dialog: QWidget) -> None:
            assert isinstance(dialog, PublishDialog)
            click(qtbot, dialog.ok_button)

        when_modal_opens(publish)
        click(qtbot, results.publish_button)
        assert results.results.official and results.results.revision == 1, session
        assert "OFFICIAL" in results.badge.text().upper()

    SHOTS.mkdir(parents=True, exist_ok=True)
    settle(qtbot)
    main.grab().save(str(SHOTS / "results-r2-official.png"))

    # The standings: Pro-Am's table marks car 21's lower race (R2) as dropped.
    main.show_page(CHAMPIONSHIP)
    qtbot.waitUntil(lambda: championship.standings is not None
                    and "Pro-Am" in championship.class_buttons, timeout=10_000)
    click(qtbot, championship.class_buttons["Pro-Am"])
    assert championship.current_class() == "Pro-Am"
    assert "Pro-Am: 1 lowest result dropped" in championship.scale_label.text()
    model = championship.driver_model
    assert model.rowCount() == 2
    number, points = model.column_of("number"), model.column_of("points")
    assert number is not None and points is not None
    rows = {model.data(model.index(r, number)): r for r in range(model.rowCount())}
    assert set(rows) == {"21", "22"}
    races = model.columnCount() - model.fixed_columns
    assert races == 2
    first, second = model.fixed_columns, model.fixed_columns + 1

    def cell(car: str, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(rows[car], column), role)

    # Car 21: 1st in class in R1 (kept), 2nd in R2 (dropped, in brackets, muted, said why).
    kept, dropped = str(cell("21", first)), str(cell("21", second))
    assert not kept.startswith("(")
    assert dropped.startswith("(") and dropped.endswith(")")
    assert "Dropped under the class's drop rule" in str(
        cell("21", second, Qt.ItemDataRole.ToolTipRole))
    assert "Dropped" not in str(cell("21", first, Qt.ItemDataRole.ToolTipRole))
    assert cell("21", second, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell("21", first, Qt.ItemDataRole.ForegroundRole) is None
    assert str(cell("21", points)) == kept
    # Car 22: 2nd in R1 is the one dropped.
    assert str(cell("22", first)).startswith("(")
    assert str(cell("22", points)) == str(cell("22", second))
    assert int(kept) > int(dropped.strip("()")) > 0

    settle(qtbot)
    main.grab().save(str(SHOTS / "championship-pro-am-dropped.png"))

    # 2021 is untouched; the window's choice of 2022 ends with it.
    with season_chosen(2021):
        assert season_overview(fresh).events[0].start_date.isoformat() == "2021-03-17"
    qtbot.wait(10)
    main.close()
    assert season_overview(fresh).year == 2021
