"""First start and File menu: the demo or a new season, DEMO marked, databases by file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from paddock.services.database import Database, init_database, open_database
from paddock.services.entries import list_entries
from paddock.services.season import season_overview
from paddock.ui import app as paddock_app
from paddock.ui.file_actions import recent_databases
from paddock.ui.first_start import FirstStartDialog
from paddock.ui.main_window import MainWindow

from .helpers import when_modal_opens

SHOTS = Path("/tmp/start")


@pytest.fixture
def user_settings(tmp_path: Path) -> Iterator[Path]:
    """The application's own QSettings in a temporary folder for the test."""
    folder = tmp_path / "config"
    organization = QCoreApplication.organizationName()
    application = QCoreApplication.applicationName()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder
    default = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericConfigLocation)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, default)
    QCoreApplication.setOrganizationName(organization)
    QCoreApplication.setApplicationName(application)


def _run_with(path: Path | None, choose: Callable[[FirstStartDialog], None] | None,
              *, demo: bool = False) -> tuple[int, list[MainWindow]]:
    """Run the app; answer the first-start dialog with ``choose``; close the window."""
    seen: list[MainWindow] = []

    def step() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, FirstStartDialog) and choose is not None:
            choose(modal)
            QTimer.singleShot(10, step)
            return
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(10, step)
            return
        seen.append(windows[0])
        _look(windows[0], f"window-{'demo' if windows[0].demo else 'season'}")
        windows[0].close()

    QTimer.singleShot(0, step)
    guard = QTimer()  # never hang the suite if the window does not show
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(60_000)
    try:
        code = paddock_app.run(path, demo=demo)
    finally:
        guard.stop()
    return code, seen


def _look(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_first_start_demo_choice_opens_the_demo_marked_everywhere(
        qtbot: QtBot, tmp_path: Path, user_settings: Path) -> None:
    path = tmp_path / "first.db"
    code, seen = _run_with(path, lambda dialog: dialog.demo_button.click())
    assert code == 0 and len(seen) == 1
    window = seen[0]
    assert window.demo and not window.demo_banner.isHidden()
    assert "DEMO — fictional data" in window.demo_banner.label.text()
    assert window.windowTitle() == f"Paddock – DEMO – {path}"
    with open_database(path) as db:
        assert len(list_entries(db)) == 32
    assert recent_databases(QSettings()) == [path]


def test_first_start_new_season_starts_empty_in_the_year_chosen(
        qtbot: QtBot, tmp_path: Path, user_settings: Path) -> None:
    path = tmp_path / "first.db"

    def new_2027(dialog: FirstStartDialog) -> None:
        assert dialog.year_box.value() >= 2026  # this year by default
        dialog.year_box.setValue(2027)
        dialog.new_button.click()

    code, seen = _run_with(path, new_2027)
    assert code == 0 and not seen[0].demo and seen[0].demo_banner.isHidden()
    assert seen[0].windowTitle() == f"Paddock – {path}"
    with open_database(path) as db:
        assert season_overview(db).year == 2027 and list_entries(db) == []


def test_first_start_left_without_a_choice_makes_nothing(
        qtbot: QtBot, tmp_path: Path, user_settings: Path) -> None:
    path = tmp_path / "first.db"
    code, seen = _run_with(path, lambda dialog: dialog.reject())
    assert (code, seen) == (0, []) and not path.exists()


def test_paddock_demo_opens_a_demo_of_its_own_and_leaves_the_database_alone(
        qtbot: QtBot, tmp_path: Path, user_settings: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real.db"
    init_database(real, year=2026)
    before = real.read_bytes()
    monkeypatch.setenv("PADDOCK_DB", str(real))
    code, seen = _run_with(None, None, demo=True)
    assert code == 0 and seen[0].demo and not seen[0].demo_banner.isHidden()
    assert seen[0].header.current_event() == 3  # today's demo weekend: Watkins Glen
    assert not list(user_settings.rglob("*"))  # the user's window settings untouched
    assert str(real) not in seen[0].windowTitle()
    assert real.read_bytes() == before


# --- File menu ---------------------------------------------------------------------------------


def _answer_file(monkeypatch: pytest.MonkeyPatch, method: str, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, method,
                        lambda *_args, **_kw: (str(path), ""))


def _adopt(qtbot: QtBot, window: MainWindow, action: Callable[[], object]) -> Database:
    with qtbot.waitSignal(window.database_opened, timeout=30_000) as blocker:
        action()
    db = blocker.args[0]
    assert isinstance(db, Database)
    return db


def test_the_title_bar_shows_the_file_and_the_demo_banner_shows(
        window: MainWindow, db: Database) -> None:
    assert window.windowTitle() == f"Paddock – DEMO – {db.path}"
    assert window.demo_banner.isVisibleTo(window)
    _look(window, "main-window-demo")


def test_file_open_database_hands_over_the_file_and_remembers_it(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other.db"
    init_database(other, year=2026)
    _answer_file(monkeypatch, "getOpenFileName", other)
    opened = _adopt(qtbot, window, window.database_actions.open_database_action.trigger)
    try:
        assert opened.path == other and season_overview(opened).year == 2026
    finally:
        opened.close()
    assert recent_databases(settings) == [other]
    window.database_actions.fill_recent_menu()
    assert [a.text() for a in window.database_actions.recent_menu.actions()] == [str(other)]


def test_file_open_refuses_what_is_not_a_database(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"not a database" * 100)
    told: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda _p, _t, text, *_a: told.append(text))
    assert not window.database_actions.open_database(notes)
    assert told and "not a Paddock database" in told[0]


def test_file_new_database_asks_demo_or_season_and_opens_it(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "season-2028"
    _answer_file(monkeypatch, "getSaveFileName", target)

    def choose(modal: QWidget) -> None:
        assert isinstance(modal, FirstStartDialog) and modal.windowTitle() == "New database"
        modal.year_box.setValue(2028)
        modal.new_button.click()

    when_modal_opens(choose)
    opened = _adopt(qtbot, window, window.database_actions.new_database_action.trigger)
    try:
        assert opened.path == target.with_suffix(".db")
        assert season_overview(opened).year == 2028
    finally:
        opened.close()


def test_file_new_season_adds_the_year_from_the_last_one_and_shows_it(
        qtbot: QtBot, window: MainWindow, db: Database) -> None:
    from paddock.services.calendar import list_seasons

    assert window.database_actions.new_season(2022)
    qtbot.waitUntil(lambda: window.header.shown_year() == 2022)
    seasons = {s.year: s for s in list_seasons(db)}
    # Made from 2021 (its calendar copied); the desks' current season has not moved.
    assert seasons[2022].events == seasons[2021].events > 0
    assert seasons[2021].current and not seasons[2022].current
    told: list[str] = []
    import paddock.ui.file_actions as file_actions

    original = file_actions.show_refusal
    file_actions.show_refusal = lambda _w, _t, message: told.append(message)  # type: ignore[assignment]
    try:
        assert not window.database_actions.new_season(2022)
    finally:
        file_actions.show_refusal = original
    assert len(told) == 1 and told[0].startswith("year: the 2022 season already exists")


def test_file_save_a_copy_writes_a_checked_copy(
        window: MainWindow, db: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "copies" / "saved.db"
    target.parent.mkdir()
    _answer_file(monkeypatch, "getSaveFileName", target)
    window.database_actions.save_copy_action.trigger()
    with open_database(target, create=False) as copy:
        assert len(list_entries(copy)) == len(list_entries(db))
    assert sorted(p.name for p in target.parent.iterdir()) == ["saved.db"]


def test_the_demo_banner_clears_the_demo_after_asking(
        qtbot: QtBot, window: MainWindow, db: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a: QMessageBox.StandardButton.Yes)
    opened = _adopt(qtbot, window, window.demo_banner.clear_button.click)
    try:
        assert list_entries(opened) == []
        fresh = MainWindow(opened, settings=QSettings(), live=False)
        qtbot.addWidget(fresh)
        assert not fresh.demo and fresh.demo_banner.isHidden()
        assert fresh.windowTitle() == f"Paddock – {db.path}"
    finally:
        opened.close()


def test_a_demo_cleared_at_another_desk_loses_its_banner_on_the_next_reload(
        window: MainWindow, db: Database) -> None:
    from paddock.services.demo_season import clear_demo

    clear_demo(db)
    window.reload_all()
    assert window.demo_banner.isHidden() and "DEMO" not in window.windowTitle()
