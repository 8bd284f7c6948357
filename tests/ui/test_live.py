"""Live desks: another desk's change shows in the open window without a click."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from paddock.cli import main as cli_main
from paddock.errors import DatabaseError
from paddock.services.database import Database, open_database
from paddock.ui.main_window import MainWindow


def test_a_second_desk_s_scan_shows_within_two_seconds(
        qtbot: QtBot, window: MainWindow, db: Database) -> None:
    window.header.select_event(1)
    page = window.tyres_page
    window.show_page(1)
    before = page.tyre_model.rowCount()
    other = open_database(db.path)
    try:
        from paddock.services import tyres as tyre_service

        tyre_service.register_tyres(other, event="1", car="12", barcodes=["MI21009901"])
    finally:
        other.close()
    qtbot.waitUntil(lambda: page.tyre_model.rowCount() == before + 1, timeout=2000)
    assert "MI21009901" in {t.barcode for t in page.tyre_model.rows()}


def test_the_command_line_s_registration_shows_too(
        qtbot: QtBot, window: MainWindow, db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    window.header.select_event(1)
    page = window.tyres_page
    window.show_page(1)
    before = page.tyre_model.rowCount()
    assert cli_main(["tyres", "register", "--db", str(db.path), "--event", "1", "--car", "7",
                     "MI21009902"]) == 0
    qtbot.waitUntil(lambda: page.tyre_model.rowCount() == before + 1, timeout=2000)


def test_typing_defers_the_reload(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    window.header.select_event(1)
    page = window.tyres_page
    window.show_page(1)
    page.scan_edit.setFocus()
    qtbot.keyClicks(page.scan_edit, "MI2100")
    reloads: list[None] = []
    window.live.changed.connect(lambda: reloads.append(None))
    other = open_database(db.path)
    try:
        from paddock.services import tyres as tyre_service

        tyre_service.register_tyres(other, event="1", car="12", barcodes=["MI21009903"])
    finally:
        other.close()
    window.live.poll()
    qtbot.waitUntil(lambda: not window.live.checking, timeout=2000)
    assert reloads == []  # a key was pressed just now: wait
    qtbot.waitUntil(lambda: reloads == [None], timeout=4000)
    assert page.scan_edit.text() == "MI2100"


class _Down:
    """A watcher of a server that went away (and may come back)."""

    def __init__(self) -> None:
        self.down = True

    def changed(self) -> bool:
        if self.down:
            raise DatabaseError("the database server cannot be reached (connection refused)")
        return False

    def close(self) -> None:
        pass


def test_a_lost_server_shows_a_banner_and_clears_it(
        qtbot: QtBot, db: Database, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    watcher = _Down()
    watcher.down = False
    main = MainWindow(db, settings=settings, watcher=watcher)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.header.select_event(1)
    page = main.tyres_page
    main.show_page(1)

    from paddock.services import tyres as tyre_service

    def refuse(*_args: object, **_kwargs: object) -> object:
        raise DatabaseError("the database server cannot be reached (connection refused)")

    watcher.down = True
    monkeypatch.setattr(tyre_service, "register_tyres", refuse)
    page.select_car("12")
    page.scan_edit.setFocus()
    qtbot.keyClicks(page.scan_edit, "MI21009904")
    qtbot.keyClick(page.scan_edit, Qt.Key.Key_Return)
    assert page.scan_edit.text() == "MI21009904"  # not saved: the barcode stays for Enter
    page.car_edit.setFocus()
    page.car_edit.clear()
    qtbot.keyClicks(page.car_edit, "7")
    main.live.poll()
    qtbot.waitUntil(main.banner.isVisible, timeout=1000)
    assert "unreachable — changes cannot be saved; retrying…" in main.banner.text()
    assert "unreachable" in main.statusBar().currentMessage()
    assert page.car_edit.text() == "7"  # what was typed stays
    QApplication.processEvents()
    main.grab().save(str(tmp_path / "banner.png"))
    import os

    if os.environ.get("PADDOCK_SHOT"):
        main.grab().save(os.environ["PADDOCK_SHOT"])

    watcher.down = False
    qtbot.waitUntil(lambda: not main.banner.isVisible(), timeout=4000)
    assert page.car_edit.text() == "7"  # the reload after it kept it too
    main.live.stop()


def test_connect_to_server_opens_remembers_and_hands_over(
        qtbot: QtBot, window: MainWindow, db: Database, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from paddock.services import database as database_service
    from paddock.ui.connect_dialog import ConnectDialog, recent_servers

    server = open_database(tmp_path / "server.db")  # stands in for the server's database
    asked: list[tuple[object, bool]] = []

    def fake_open(target: object, *, create: bool = True, **_kw: object) -> Database:
        asked.append((target, create))
        return server

    monkeypatch.setattr(database_service, "open_database", fake_open)
    handed: list[object] = []
    window.database_opened.connect(handed.append)
    url = "postgresql://paddock:pw@192.168.1.20:5432/paddock"
    try:
        assert window.connect_to_server(url) is True
        assert asked == [(url, False)]  # an empty server is refused, never filled here
        assert handed == [server]
        # Remembered without its password (tests/ui/test_connect_dialog.py).
        assert recent_servers(settings) == ["postgresql://paddock@192.168.1.20:5432/paddock"]
        dialog = ConnectDialog(settings)
        qtbot.addWidget(dialog)
        # The last server is offered first.
        assert dialog.url() == "postgresql://paddock@192.168.1.20:5432/paddock"
        dialog.url_box.setEditText("/tmp/not-a-server.db")
        assert not dialog.buttons.buttons()[0].isEnabled() or "postgresql://" in \
            dialog.problem.text()
    finally:
        server.close()


def test_the_window_command_keeps_a_server_url_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import paddock.ui.app as app_module

    given: list[object] = []
    monkeypatch.setattr(app_module, "run", lambda target=None: given.append(target) or 0)
    url = "postgresql://paddock:pw@host:5432/paddock"
    assert cli_main(["--db", url]) == 0
    assert given == [url]


def test_a_failed_write_makes_the_window_look_at_once(
        qtbot: QtBot, db: Database, settings: QSettings) -> None:
    from sqlalchemy import text

    watcher = _Down()
    watcher.down = False
    main = MainWindow(db, settings=settings, watcher=watcher)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.live.timer.stop()  # only the failed write may make it look
    watcher.down = True
    with pytest.raises(DatabaseError), db.transaction() as session:
        session.execute(text("INSERT INTO no_such_table VALUES (1)"))
    qtbot.waitUntil(lambda: not main.banner.isHidden(), timeout=1000)
    main.live.stop()
    assert db.failure_listeners == []


class _Stalled:
    """A watcher of a server that went away without a word: a check hangs, then fails."""

    def __init__(self) -> None:
        import threading

        self.release = threading.Event()
        self.asked = 0

    def changed(self) -> bool:
        self.asked += 1
        self.release.wait(10)
        raise DatabaseError("the database server cannot be reached (timeout expired)")

    def close(self) -> None:
        self.release.set()


def test_a_check_that_hangs_never_blocks_the_window(
        qtbot: QtBot, db: Database, settings: QSettings) -> None:
    from time import monotonic

    from PySide6.QtCore import QTimer

    watcher = _Stalled()
    started = monotonic()
    main = MainWindow(db, settings=settings, watcher=watcher)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    assert main.live.checking  # the first check is out, and hangs
    # The window goes on meanwhile: a timer fires, typing shows, a page opens.
    fired: list[float] = []
    QTimer.singleShot(50, lambda: fired.append(monotonic()))
    qtbot.waitUntil(lambda: bool(fired), timeout=1000)
    main.header.select_event(1)
    main.show_page(1)
    page = main.tyres_page
    page.scan_edit.setFocus()
    qtbot.keyClicks(page.scan_edit, "MI2100")
    assert page.scan_edit.text() == "MI2100"
    qtbot.wait(1200)  # two polls' time: asked again only once the first is answered
    assert watcher.asked == 1 and main.live.checking
    assert not main.banner.isVisible()
    assert monotonic() - started < 8  # nothing waited for the 10 s the check may hang
    watcher.release.set()  # the check fails: said at once
    qtbot.waitUntil(main.banner.isVisible, timeout=2000)
    assert page.scan_edit.text() == "MI2100"
    main.close()


def test_a_scan_on_the_server_shows_at_another_desk_within_two_seconds(
        qtbot: QtBot, postgres_url: str, settings: QSettings) -> None:
    """Two desks on one PostgreSQL database: LISTEN/NOTIFY, asked from the check thread."""
    from paddock.services import tyres as tyre_service

    desk = open_database(postgres_url, demo_if_new=True)
    other = open_database(postgres_url, create=False)
    main = MainWindow(desk, settings=settings)
    try:
        qtbot.addWidget(main)
        main.show()
        qtbot.waitExposed(main)
        main.header.select_event(1)
        main.show_page(1)
        page = main.tyres_page
        before = page.tyre_model.rowCount()
        tyre_service.register_tyres(other, event="1", car="12", barcodes=["MI21009905"])
        qtbot.waitUntil(lambda: page.tyre_model.rowCount() == before + 1, timeout=2000)
    finally:
        main.close()
        other.close()
        desk.close()


class _Late:
    """The real watcher, whose first check starts only when let go (a slow connect)."""

    def __init__(self, db: Database) -> None:
        import threading

        from paddock.services.live import watch_changes

        self.inner = watch_changes(db)
        self.go = threading.Event()

    def changed(self) -> bool:
        self.go.wait(10)
        return self.inner.changed()

    def close(self) -> None:
        self.go.set()
        self.inner.close()


def test_a_change_before_the_first_check_is_not_missed(
        qtbot: QtBot, db: Database, settings: QSettings) -> None:
    """A desk commits after the page loaded but before the watcher's connection was made
    (on its own thread): the first answer cannot know, so the page reloads anyway."""
    watcher = _Late(db)
    main = MainWindow(db, settings=settings, watcher=watcher)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.header.select_event(1)
    main.show_page(1)
    page = main.tyres_page
    before = page.tyre_model.rowCount()
    other = open_database(db.path)
    try:
        from paddock.services import tyres as tyre_service

        tyre_service.register_tyres(other, event="1", car="12", barcodes=["MI21009906"])
    finally:
        other.close()
    watcher.go.set()
    qtbot.waitUntil(lambda: page.tyre_model.rowCount() == before + 1, timeout=2000)
    main.close()
