"""The window on a season with no events yet: one calm line on each page, nothing stale,
nothing that acts on an event; a season with events brings the pages back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from paddock.services.calendar import EventFields, add_event, delete_event, new_season
from paddock.services.database import Database, init_database, open_database
from paddock.services.season import season_chosen
from paddock.ui.championship.championship_page import ChampionshipPage
from paddock.ui.common.theme import apply_theme
from paddock.ui.documents.documents_page import DocumentsPage
from paddock.ui.main_window import (
    CHAMPIONSHIP,
    DOCUMENTS,
    ENTRIES,
    RESULTS,
    SEASON,
    TYRES,
    MainWindow,
)
from paddock.ui.results.results_page import ResultsPage
from paddock.ui.tyres.tyres_page import TyresPage

SHOTS = Path("/tmp/empty")
NO_EVENTS_2027 = "The 2027 season has no events yet"


@pytest.fixture(autouse=True)
def themed() -> Iterator[None]:
    """The application's look, as the officials see it (the PNGs are looked at)."""
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
def empty_db(tmp_path: Path) -> Iterator[Database]:
    """A new database whose only season, 2027, has an empty calendar (`paddock init
    --year 2027`)."""
    with season_chosen(None):
        init_database(tmp_path / "empty.db", year=2027)
        database = open_database(tmp_path / "empty.db")
        yield database
        database.close()


def _window(qtbot: QtBot, db: Database, settings: QSettings) -> MainWindow:
    window = MainWindow(db, settings=settings, live=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(1366, 768)
    return window


@pytest.fixture
def empty_window(qtbot: QtBot, empty_db: Database,
                 settings: QSettings) -> Iterator[MainWindow]:
    window = _window(qtbot, empty_db, settings)
    yield window
    window.runner.wait(10_000)
    window.close()


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator[Database]:
    """The demo database: 2021, its field, the first weekends run (races in the
    standings)."""
    with season_chosen(None):
        init_database(tmp_path / "demo.db", demo_weekend=True)
        database = open_database(tmp_path / "demo.db")
        yield database
        database.close()


@pytest.fixture
def full_window(qtbot: QtBot, demo_db: Database,
                settings: QSettings) -> Iterator[MainWindow]:
    with season_chosen(None):
        window = _window(qtbot, demo_db, settings)
        yield window
        window.runner.wait(10_000)
        window.close()


def _grab(qtbot: QtBot, window: MainWindow, name: str) -> None:
    qtbot.wait(50)
    window.runner.wait(10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / f"{name}.png"))


def _no_modal() -> None:
    assert QApplication.activeModalWidget() is None


def _shows_no_events(page: TyresPage | ResultsPage | DocumentsPage, year: int) -> None:
    assert page.event_body.showing_no_events
    assert page.event_body.panel.isVisible()
    assert not page.event_body.body.isVisible()
    assert not page.event_body.body.isEnabled()
    text = page.event_body.panel.text()
    assert f"The {year} season has no events yet" in text
    assert "Season page (Ctrl+6)" in text
    assert page.event_body.panel.season_button.isVisible()


def _shows_the_body(page: TyresPage | ResultsPage | DocumentsPage) -> None:
    assert not page.event_body.showing_no_events
    assert page.event_body.body.isVisible()
    assert page.event_body.body.isEnabled()


def _header_has_no_event(window: MainWindow) -> None:
    combo = window.header.event_combo
    assert window.header.current_event() is None
    assert combo.count() == 0
    assert not combo.isEnabled()
    assert combo.placeholderText() == "No events yet"
    assert "Season page" in window.header.event_details.text()
    assert not window.import_timing_action.isEnabled()
    assert not window.export_results_action.isEnabled()


def _disabled(*widgets: QWidget) -> None:
    for widget in widgets:
        assert not widget.isEnabled(), widget.objectName() or widget.metaObject().className()


def test_a_new_season_without_events_says_so_calmly_on_each_page(
    qtbot: QtBot, empty_window: MainWindow
) -> None:
    window = empty_window
    _header_has_no_event(window)

    window.show_page(TYRES)
    tyres = window.tyres_page
    _shows_no_events(tyres, 2027)
    assert tyres.event_number is None
    _disabled(tyres.scan_edit, tyres.register_button, tyres.check_button, tyres.car_edit)
    # The desk's keys act on nothing: no mode change, no dialog.
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    _no_modal()
    assert not window.print_action.isEnabled()
    assert not window.save_pdf_action.isEnabled()
    _grab(qtbot, window, "tyres-2027")

    window.show_page(RESULTS)
    results = window.results_page
    _shows_no_events(results, 2027)
    assert results.current_event() is None and results.current_session() is None
    assert not results.session_buttons
    _disabled(results.import_button, results.penalty_button, results.typed_button,
              results.publish_button)
    assert not results.decision_action.isEnabled()
    assert not results.message.isVisible()
    assert window.print_current() is False
    window.import_timing_files()  # the menu's action is off; called anyway, asks nothing
    _no_modal()
    _grab(qtbot, window, "results-2027")

    window.show_page(DOCUMENTS)
    documents = window.documents_page
    _shows_no_events(documents, 2027)
    assert documents.current_event() is None and documents.catalogue is None
    _disabled(documents.print_button, documents.save_button)
    _no_modal()
    _grab(qtbot, window, "documents-2027")

    window.show_page(CHAMPIONSHIP)
    championship = window.championship_page
    assert isinstance(championship, ChampionshipPage)
    assert championship.no_races.isVisible()
    assert not championship.standings_area.isVisible()
    assert NO_EVENTS_2027 in championship.no_races.text()
    _disabled(championship.print_button, championship.save_button)
    # The points scale is the season's, set before any event.
    assert championship.scale_button.isEnabled()
    _grab(qtbot, window, "championship-2027")

    # The Entries page's entry list is the season's: Print stays.
    window.show_page(ENTRIES)
    assert window.print_action.isEnabled()


def test_the_button_opens_the_season_page(qtbot: QtBot, empty_window: MainWindow) -> None:
    window = empty_window
    for index, page in ((TYRES, lambda: window.tyres_page),
                        (RESULTS, lambda: window.results_page),
                        (DOCUMENTS, lambda: window.documents_page)):
        window.show_page(index)
        qtbot.mouseClick(page().event_body.panel.season_button, Qt.MouseButton.LeftButton)
        assert window.current_page() == SEASON
    window.show_page(CHAMPIONSHIP)
    qtbot.mouseClick(window.championship_page.no_races.season_button,
                     Qt.MouseButton.LeftButton)
    assert window.current_page() == SEASON


def test_the_first_event_added_brings_the_pages_back(
    qtbot: QtBot, empty_window: MainWindow, empty_db: Database
) -> None:
    window = empty_window
    for index in (TYRES, RESULTS, DOCUMENTS, CHAMPIONSHIP):
        window.show_page(index)
    add_event(empty_db, EventFields(short_name="sebring", name="Sebring", venue="Sebring "
                                    "International Raceway", start=date(2027, 3, 18),
                                    end=date(2027, 3, 20)))
    window.reload_all()  # what the Season page (or another desk's change) does

    assert window.header.current_event() == 1
    assert window.header.event_combo.isEnabled()
    assert window.import_timing_action.isEnabled()
    window.show_page(TYRES)
    _shows_the_body(window.tyres_page)
    assert window.tyres_page.event_number == 1
    assert window.tyres_page.scan_edit.isEnabled()
    window.show_page(RESULTS)
    _shows_the_body(window.results_page)
    assert window.results_page.current_event() == 1
    assert window.results_page.current_session() == "FP1"
    window.show_page(DOCUMENTS)
    _shows_the_body(window.documents_page)
    assert window.documents_page.current_event() == 1
    # Events, but no race run yet: the standings wait for the first race.
    window.show_page(CHAMPIONSHIP)
    championship = window.championship_page
    assert championship.no_races.isVisible()
    assert "No race of the 2027 season has results yet" in championship.no_races.text()
    assert not championship.no_races.season_button.isVisible()


def test_switching_to_an_empty_season_and_back_leaves_nothing_stale(
    qtbot: QtBot, full_window: MainWindow, demo_db: Database
) -> None:
    window = full_window
    new_season(demo_db, 2030)
    window.season_switch.refresh()
    # Every page built on 2021's first event first.
    for index in (TYRES, RESULTS, DOCUMENTS, CHAMPIONSHIP):
        window.show_page(index)
    tyres = window.tyres_page
    assert tyres.select_car("12")
    tyres.scan("MI21000101")  # registered or refused, it is listed as this desk's scan
    assert tyres.recent_list.count() == 1
    window.header.select_event(2)
    window.runner.wait(10_000)
    assert window.results_page.current_event() == 2
    assert window.championship_page.standings_area.isVisible()

    assert window.season_switch.switch_to(2030)
    _header_has_no_event(window)
    assert "2030" in window.header.title.text()
    for index, page in ((TYRES, window.tyres_page), (RESULTS, window.results_page),
                        (DOCUMENTS, window.documents_page)):
        window.show_page(index)
        _shows_no_events(page, 2030)
    assert window.tyres_page.event_number is None
    assert window.tyres_page.recent_list.count() == 0
    assert window.tyres_page.car_model.rowCount() == 0
    assert window.tyres_page.tyre_model.rowCount() == 0
    assert window.results_page.current_event() is None
    assert window.results_page.results is None
    assert window.documents_page.current_event() is None
    window.show_page(CHAMPIONSHIP)
    assert "The 2030 season has no events yet" in window.championship_page.no_races.text()
    assert not window.championship_page.standings_area.isVisible()
    _no_modal()
    # Another desk's change (or the live refresh) keeps the calm state, no error.
    window.reload_all()
    window.show_page(RESULTS)
    _shows_no_events(window.results_page, 2030)
    assert not window.results_page.message.isVisible()
    _grab(qtbot, window, "results-2030-after-switch")

    assert window.season_switch.switch_to(2021)
    assert window.header.current_event() == 1
    assert window.header.event_combo.isEnabled()
    assert window.import_timing_action.isEnabled()
    _shows_the_body(window.results_page)
    assert window.results_page.current_event() == 1
    assert window.results_page.current_session() is not None
    window.show_page(TYRES)
    _shows_the_body(window.tyres_page)
    assert window.tyres_page.event_number == 1
    assert window.tyres_page.car_model.rowCount() > 0
    # This desk's scans at 2021's first event are back with it.
    assert window.tyres_page.recent_list.count() == 1
    assert window.tyres_page.scan_edit.isEnabled()
    window.show_page(DOCUMENTS)
    _shows_the_body(window.documents_page)
    assert window.documents_page.current_event() == 1
    qtbot.waitUntil(lambda: window.documents_page.catalogue is not None)
    window.show_page(CHAMPIONSHIP)
    assert window.championship_page.standings_area.isVisible()
    assert not window.championship_page.no_races.isVisible()
    _grab(qtbot, window, "championship-2021-back")


def test_a_scan_stays_with_its_season_s_event(
    qtbot: QtBot, full_window: MainWindow, demo_db: Database
) -> None:
    window = full_window
    new_season(demo_db, 2030)
    window.show_page(TYRES)
    assert window.tyres_page.select_car("12")
    window.tyres_page.scan("MI21000101")
    assert window.season_switch.switch_to(2030)
    # The window shows 2030: the event is added to it, as the Season page would.
    add_event(demo_db, EventFields(short_name="sebring", name="Sebring",
                                   start=date(2030, 3, 14), end=date(2030, 3, 16)))
    window.reload_all()
    assert window.header.current_event() == 1
    _shows_the_body(window.tyres_page)
    # 2030's event 1 is not 2021's: none of its scans are listed.
    assert window.tyres_page.recent_list.count() == 0
    assert window.tyres_page.tyre_model.rowCount() == 0


def test_pages_built_while_the_season_is_empty_start_calm(
    qtbot: QtBot, full_window: MainWindow, demo_db: Database
) -> None:
    window = full_window
    new_season(demo_db, 2030)
    assert window.season_switch.switch_to(2030)
    # Built only now, from the header's (absent) event.
    window.show_page(TYRES)
    _shows_no_events(window.tyres_page, 2030)
    window.show_page(RESULTS)
    _shows_no_events(window.results_page, 2030)
    window.show_page(DOCUMENTS)
    _shows_no_events(window.documents_page, 2030)
    _no_modal()


def test_from_one_empty_season_to_another_the_pages_name_the_new_year(
    qtbot: QtBot, empty_window: MainWindow, empty_db: Database
) -> None:
    window = empty_window
    for index in (TYRES, RESULTS, DOCUMENTS, CHAMPIONSHIP):
        window.show_page(index)
    new_season(empty_db, 2028)
    assert window.season_switch.switch_to(2028)
    _header_has_no_event(window)
    for index, page in ((TYRES, window.tyres_page), (RESULTS, window.results_page),
                        (DOCUMENTS, window.documents_page)):
        window.show_page(index)
        qtbot.waitUntil(lambda p=page: "2028" in p.event_body.panel.text())
        _shows_no_events(page, 2028)
    window.show_page(CHAMPIONSHIP)
    assert "The 2028 season has no events yet" in window.championship_page.no_races.text()


def test_the_last_event_deleted_empties_the_pages(
    qtbot: QtBot, empty_window: MainWindow, empty_db: Database
) -> None:
    window = empty_window
    add_event(empty_db, EventFields(short_name="sebring", name="Sebring",
                                    start=date(2027, 3, 18), end=date(2027, 3, 20)))
    window.reload_all()
    for index in (TYRES, RESULTS, DOCUMENTS):
        window.show_page(index)
    assert window.results_page.current_event() == 1
    delete_event(empty_db, "sebring")
    window.reload_all()
    _header_has_no_event(window)
    assert window.tyres_page.event_number is None
    assert window.results_page.current_event() is None
    assert window.documents_page.current_event() is None
    _shows_no_events(window.documents_page, 2027)
    window.show_page(RESULTS)
    _shows_no_events(window.results_page, 2027)
    _no_modal()
