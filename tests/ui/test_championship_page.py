"""The Championship page on the demo season: tables per class, Junior, sources, PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from paddock.services.database import Database
from paddock.services.standings import season_standings
from paddock.ui.championship.championship_models import StandingsModel
from paddock.ui.championship.championship_page import JUNIOR, ChampionshipPage

from .documents_data import ensure_results, load_provisional_race, pdf_pages, pdf_text

RENDER_TIMEOUT = 30_000


@pytest.fixture
def page(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[ChampionshipPage]:
    ensure_results(db, tmp_path / "timing")
    widget = ChampionshipPage(db)
    qtbot.addWidget(widget)
    widget.resize(1136, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.runner.wait(RENDER_TIMEOUT)


def column(model: StandingsModel, key: str) -> list[str]:
    index = model.column_of(key)
    assert index is not None, key
    return [model.index(row, index).data() for row in range(model.rowCount())]


def headers(model: StandingsModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_driver_table_lists_the_class_in_points_order(
    page: ChampionshipPage, db: Database
) -> None:
    view = season_standings(db)
    first = view.classes[0]
    assert page.current_class() == first.class_name
    assert list(page.class_buttons) == [*(t.class_name for t in view.classes), JUNIOR]
    model = page.driver_model

    points = [int(p) for p in column(model, "points")]
    assert points == sorted(points, reverse=True)
    assert points[0] > 0
    assert column(model, "number") == [row.number for row in first.drivers]
    assert column(model, "driver")[0] == first.drivers[0].driver
    assert column(model, "pos")[0] == "1"
    # One column per race counted, named by venue and race ("SEB R1"), in season order.
    rounds = headers(model)[model.fixed_columns:]
    assert rounds == [s.column for s in view.sources]
    assert rounds[:2] == ["SEB R1", "SEB R2"]
    # The leader's points round by round add up to the total shown.
    leader = [model.index(0, c).data() for c in range(model.fixed_columns,
                                                      model.columnCount())]
    assert sum(int(p) for p in leader if p != "–") == points[0]
    assert page.driver_title.text() == f"{first.class_name} — Drivers"


def test_each_class_has_its_team_table(page: ChampionshipPage, db: Database) -> None:
    view = season_standings(db)
    rookie = view.table("Rookie")
    page.class_buttons["Rookie"].click()
    assert page.current_class() == "Rookie"
    assert column(page.driver_model, "number") == [row.number for row in rookie.drivers]
    assert page.teams_box.isVisible()
    teams = column(page.team_model, "team")
    assert teams == [team.team for team in rookie.teams]
    team_points = [int(p) for p in column(page.team_model, "points")]
    assert team_points == sorted(team_points, reverse=True)


def test_the_junior_table_crosses_the_classes(page: ChampionshipPage, db: Database) -> None:
    view = season_standings(db)
    page.class_buttons[JUNIOR].click()
    assert page.current_class() == JUNIOR
    assert column(page.driver_model, "number") == [row.number for row in view.juniors]
    assert set(column(page.driver_model, "class")) <= {t.class_name for t in view.classes}
    assert not page.teams_box.isVisible()  # there is no Junior teams' championship
    assert "Junior" in page.driver_title.text()


def test_the_standings_say_what_they_were_computed_from(page: ChampionshipPage,
                                                        db: Database) -> None:
    view = season_standings(db)
    assert view.sources and not view.provisional
    text = page.computed_from.text()
    for source in view.sources:
        assert f"R{source.round} {source.event_name} {source.session_name}" in text
        assert f"official rev {source.revision}" in text
    assert "PROVISIONAL" not in text


def test_a_provisional_race_is_marked_in_the_table_and_the_sources(
    page: ChampionshipPage, db: Database, tmp_path: Path
) -> None:
    load_provisional_race(db, tmp_path / "glen")
    page.refresh()

    view = season_standings(db)
    provisional = [s for s in view.sources if not s.official]
    assert len(provisional) == 1
    source = provisional[0]
    assert f"{source.column}*" in headers(page.driver_model)
    assert "PROVISIONAL" in page.computed_from.text()
    assert "these standings are provisional too" in page.computed_from.text()
    assert f"official rev {view.sources[0].revision}" in page.computed_from.text()


def test_a_hidden_page_catches_up_when_shown(
    qtbot: QtBot, page: ChampionshipPage, db: Database, tmp_path: Path
) -> None:
    before = page.driver_model.columnCount()
    page.hide()
    load_provisional_race(db, tmp_path / "glen")
    page.refresh()
    assert page.driver_model.columnCount() == before
    page.show()
    qtbot.waitExposed(page)
    assert page.driver_model.columnCount() == before + 1


def test_save_pdf_makes_the_class_standings(
    qtbot: QtBot, page: ChampionshipPage, db: Database, tmp_path: Path
) -> None:
    view = season_standings(db)
    page.class_buttons["Pro-Am"].click()
    target = tmp_path / "standings.pdf"
    with qtbot.waitSignal(page.output.saved, timeout=RENDER_TIMEOUT):
        assert page.save_pdf(target)
        assert not page.save_button.isEnabled()  # the PDF is being made on the pool
    text = pdf_text(target)
    assert "Championship Standings" in text
    assert "Pro-Am" in text
    assert view.table("Pro-Am").drivers[0].driver in text
    assert view.table("Pro").drivers[0].driver not in text
    assert page.save_button.isEnabled()


def test_print_sends_the_standings_to_the_printer(
    qtbot: QtBot, page: ChampionshipPage, tmp_path: Path
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(page.output.printed, timeout=RENDER_TIMEOUT) as printed:
        assert page.print_standings(printer)
    assert printed.args[0] >= 1
    assert pdf_pages(tmp_path / "printed.pdf") == printed.args[0]
