"""The window on a 1366×768 laptop: inside the screen, every control inside the window,
20 rows of a 28-car race visible, no sideways scroll. The test grabs the window to PNG."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from paddock.services import results as result_service
from paddock.services.database import Database
from paddock.ui.common.theme import apply_theme
from paddock.ui.main_window import RESULTS, MainWindow
from paddock.ui.results.results_cars import entered_cars

TORONTO = 4


def _race_of(db: Database, tmp_path: Path, cars: int = 28) -> None:
    """A three-lap Race 1 at Toronto for ``cars`` cars, published."""
    numbers = [c.number for c in entered_cars(db, TORONTO)][:cars]
    assert len(numbers) == cars
    lines = ["number,lap,lap_time,elapsed"]
    for i, number in enumerate(numbers):
        lap_ms = 80_000 + i * 250
        for lap in range(1, 4):
            total = lap_ms * lap
            lines.append(f"{number},{lap},{lap_ms // 60000}:{lap_ms % 60000 / 1000:06.3f},"
                         f"{total // 60000}:{total % 60000 / 1000:06.3f}")
    path = tmp_path / "r1-laps.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result_service.import_results(db, event=str(TORONTO), session="R1", files=[path])
    result_service.publish(db, event=str(TORONTO), session="R1")


def _inside(window: QWidget, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def test_the_window_opens_inside_the_screen(qtbot: QtBot, db: Database,
                                            settings: QSettings) -> None:
    window = MainWindow(db, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry()), (window.frameGeometry(), area)
    # A saved geometry from a bigger screen shrinks too.
    window.setGeometry(0, 0, area.width() + 400, area.height() + 300)
    window.fit_to_screen()
    assert window.frameGeometry().width() <= area.width()
    assert window.frameGeometry().height() <= area.height()
    window.runner.wait(10_000)


@pytest.fixture
def themed() -> Iterator[None]:
    """The application as the officials see it (the theme's fonts and paddings), put back
    afterwards for the other tests."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette, font, sheet = app.style().name(), app.palette(), app.font(), app.styleSheet()
    apply_theme(app)
    yield
    app.setStyleSheet(sheet)
    app.setFont(font)
    app.setPalette(palette)
    app.setStyle(style)


@pytest.mark.usefixtures("themed")
def test_the_results_page_works_at_1366_by_768(qtbot: QtBot, db: Database,
                                               settings: QSettings, tmp_path: Path) -> None:
    _race_of(db, tmp_path)
    window = MainWindow(db, settings=settings)
    qtbot.addWidget(window)
    window.header.select_event(TORONTO)
    window.show_page(RESULTS)
    page = window.results_page
    page.set_session("R1")
    window.show()
    qtbot.waitExposed(window)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.size().width() == 1366 and window.size().height() == 768)
    QApplication.processEvents()

    window.grab().save(str(tmp_path / "window-1366x768.png"))

    # Every control of the page and the window's status bar are inside the window.
    controls: list[QWidget] = [
        page.import_button, page.penalty_button, page.typed_button, page.publish_button,
        page.class_combo, page.badge, page.check_panel, page.tabs.tabBar(),
        page.panel_toggle, window.statusBar(), *page.session_buttons.values()]
    if page.check_panel.details_button.isVisible():
        controls.append(page.check_panel.details_button)
    for control in controls:
        assert control.isVisible(), control.objectName()
        assert _inside(window, control), control.objectName() or type(control).__name__

    # At least 20 of the 28 cars are in view; the rest scroll. No sideways scroll.
    table = page.table
    assert page.model.rowCount() >= 28
    visible = table.viewport().height() // table.rowHeight(0)
    assert visible >= 20, visible
    assert table.horizontalScrollBar().maximum() == 0

    # The bulletin's preview keeps the 20 rows: its banner stands in for the timing panel.
    for car, seconds in (("1", 5), ("3", 2)):
        result_service.add_penalty(db, event=str(TORONTO), session="R1", car=car,
                                   kind="time", seconds=seconds, reason="Track limits",
                                   pending=True)
    page.refresh()
    page.set_preview(True)
    QApplication.processEvents()
    assert page.preview_banner.isVisible() and not page.check_panel.isVisible()
    assert _inside(window, page.preview_banner) and _inside(window, page.preview_button)
    assert table.viewport().height() // table.rowHeight(0) >= 20
    window.grab().save(str(tmp_path / "window-1366x768-preview.png"))
    page.set_preview(False)

    # The folded panel opens with a click on a tab; its buttons are inside the window too.
    page.set_panel_open(True)
    QApplication.processEvents()
    page.tabs.setCurrentIndex(2)
    QApplication.processEvents()
    for control in (page.open_revision_button, page.print_revision_button,
                    page.save_revision_button):
        assert control.isVisible()
        assert _inside(window, control), control.objectName()
    window.grab().save(str(tmp_path / "window-1366x768-panel.png"))
    window.runner.wait(10_000)
