"""The main window on the demo season: header, entries, navigation, remembered state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from paddock.services import entries as entry_service
from paddock.services.database import Database
from paddock.services.standings import season_standings
from paddock.ui.documents.documents_catalogue import DocumentKind
from paddock.ui.entries.entry_models import DRIVER_COLUMN, NUMBER_COLUMN
from paddock.ui.main_window import MainWindow


def _column(window: MainWindow, column: int) -> list[str]:
    proxy = window.entries_page.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_window_opens_on_the_demo_season_with_its_entries(
    window: MainWindow, db: Database
) -> None:
    entries = entry_service.list_entries(db)
    assert len(entries) >= 20

    assert "Porsche Carrera Cup North America" in window.header.title.text()
    assert "2021" in window.header.title.text()
    assert window.header.current_event() == 1
    assert "Sebring" in window.header.event_details.text()
    assert window.current_page() == 0
    assert window.entries_page.isVisible()
    assert sorted(_column(window, NUMBER_COLUMN)) == sorted(e.number for e in entries)
    assert "Marcus Hollenbeck" in _column(window, DRIVER_COLUMN)
    assert f"{len(entries)} entries" in window.entries_page.summary.text()
    assert str(db.path) in window.database_label.text()


def test_entries_open_sorted_by_car_number(window: MainWindow) -> None:
    numbers = _column(window, NUMBER_COLUMN)
    values = [int(n) for n in numbers]
    assert values == sorted(values)
    assert numbers.index("7") < numbers.index("10")


def test_view_shortcuts_switch_pages(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == 2
    assert window.navigation.currentRow() == 2
    assert window.page_actions[2].isChecked()

    window.navigation.setCurrentRow(4)
    assert window.current_page() == 4

    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == 0


def test_documents_page_follows_the_header_and_offers_the_entry_list(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    documents = window.documents_page
    assert window.page(3) is documents
    with qtbot.waitSignal(documents.preview_ready, timeout=30_000):
        window.show_page(3)
    # The event's entry list comes first: what File > Export entry list PDF also makes.
    assert documents.choice is not None
    assert documents.choice.kind == DocumentKind.ENTRY_LIST
    assert documents.current_event() == 1

    with qtbot.waitSignal(documents.preview_ready, timeout=30_000):
        assert window.header.select_event(2)
    assert documents.current_event() == 2
    assert "Canadian Tire" in documents.summary.text()
    saved = documents.save_pdf(tmp_path / "entries.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    assert str(saved) in window.statusBar().currentMessage()


def test_championship_page_shows_the_standings(window: MainWindow, db: Database) -> None:
    championship = window.championship_page
    assert window.page(4) is championship
    window.show_page(4)
    assert championship.isVisible()
    pro = season_standings(db).table("Pro")
    assert championship.current_class() == "Pro"
    assert championship.driver_model.rowCount() == len(pro.drivers)


def test_window_state_page_and_event_are_remembered(
    qtbot: QtBot, db: Database, settings: QSettings
) -> None:
    first = MainWindow(db, settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(780, 590)  # within the offscreen screen (800 x 800)
    first.show_page(3)
    assert first.header.select_event(5)
    first.entries_page.table.sortByColumn(DRIVER_COLUMN, Qt.SortOrder.DescendingOrder)
    first.close()

    second = MainWindow(db, settings=settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.size().width() == 780
    assert second.size().height() == 590
    assert second.current_page() == 3
    assert second.navigation.currentRow() == 3
    assert second.header.current_event() == 5
    header = second.entries_page.table.horizontalHeader()
    assert header.sortIndicatorSection() == DRIVER_COLUMN
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_the_event_picked_in_the_header_drives_the_tyres_page(window: MainWindow) -> None:
    assert window.header.select_event(2)
    assert window.tyres_page.event_number == 2


def test_pages_are_built_when_first_shown_and_start_from_the_current_event(
    window: MainWindow,
) -> None:
    """The window opens on the entries without building the other pages first."""
    assert all(window.pages[i].layout().count() == 0 for i in (1, 2, 3, 4))
    assert window.header.select_event(3)
    window.show_page(1)
    assert window.pages[1].layout().count() == 1
    assert window.tyres_page.event_number == 3
    assert window.header.select_event(2)
    assert window.tyres_page.event_number == 2
