"""The points-scale dialog of the Championship page: scale, bonuses, drop rounds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from paddock.rules.points import DropRule
from paddock.services.database import Database
from paddock.services.standings import points_scale, season_standings, set_points_scale
from paddock.ui.championship.championship_page import ChampionshipPage
from paddock.ui.championship.points_scale_dialog import PointsScaleDialog

from .documents_data import ensure_results
from .helpers import when_modal_opens


@pytest.fixture
def dialog(qtbot: QtBot, db: Database) -> PointsScaleDialog:
    widget = PointsScaleDialog(db)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def page(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[ChampionshipPage]:
    ensure_results(db, tmp_path / "timing")
    widget = ChampionshipPage(db)
    qtbot.addWidget(widget)
    widget.resize(1136, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.runner.wait(30_000)


def test_the_dialog_opens_on_the_seasons_scale(dialog: PointsScaleDialog) -> None:
    assert dialog.windowTitle() == "Points scale – 2021 season"
    assert dialog.positions_edit.text().startswith("25, 20, 17, 14")
    assert dialog.pole_spin.value() == 5  # 2021: +5 for each race's class pole
    assert dialog.fastest_spin.value() == 0
    assert list(dialog.drop_spins) == ["Pro", "Pro-Am", "Rookie"]
    assert all(spin.value() == 0 for spin in dialog.drop_spins.values())


def test_saving_sets_the_scale_bonuses_and_drop_rounds(
    qtbot: QtBot, dialog: PointsScaleDialog, db: Database
) -> None:
    dialog.positions_edit.setText("20, 15, 10")
    dialog.pole_spin.setValue(3)
    dialog.fastest_spin.setValue(1)
    dialog.drop_spins["Pro-Am"].setValue(2)
    dialog.protect_spins["Pro-Am"].setValue(2)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PointsScaleDialog.DialogCode.Accepted
    scale = points_scale(db)
    assert (scale.positions, scale.pole_bonus, scale.fastest_lap_bonus) == ((20, 15, 10), 3, 1)
    assert scale.drops == (DropRule("Pro-Am", 2, 2),)
    assert dialog.saved == scale


@pytest.mark.parametrize(("fill", "message"), [
    (lambda d: d.positions_edit.setText("10, 12, 8"), "positions: the scale must go down"),
    (lambda d: d.drop_spins["Pro-Am"].setValue(16), "drop Pro-Am=16: would drop every result"),
])
def test_a_refused_scale_says_why_and_the_dialog_stays_open(
    qtbot: QtBot, dialog: PointsScaleDialog, db: Database, fill: object, message: str
) -> None:
    fill(dialog)  # type: ignore[operator]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved is None
    assert message in dialog.messages.text()
    assert points_scale(db).positions[:3] == (25, 20, 17) and points_scale(db).drops == ()


def test_text_that_is_not_a_list_of_points_cannot_be_saved(dialog: PointsScaleDialog) -> None:
    dialog.positions_edit.setText("25, twenty")
    assert not dialog.ok_button.isEnabled()
    assert "Points by class position" in dialog.messages.text()


def test_the_championship_page_edits_the_scale_and_shows_dropped_results_in_brackets(
    page: ChampionshipPage, db: Database, tmp_path: Path
) -> None:
    assert page.scale_button.isVisible()

    def fill(modal: QWidget) -> None:
        assert isinstance(modal, PointsScaleDialog)
        # Sixteen races, two protected: dropping 13 leaves one of the first 14 counting,
        # so after Sebring's two races each Pro driver's lower result is dropped.
        modal.drop_spins["Pro"].setValue(13)
        modal.protect_spins["Pro"].setValue(2)
        modal.ok_button.click()

    when_modal_opens(fill)
    assert page.edit_points_scale()
    page.set_class("Pro")
    model = page.driver_model
    first_round = model.fixed_columns
    leader = season_standings(db).table("Pro").drivers[0]
    cells = [model.index(0, first_round + i).data() for i in range(2)]
    dropped = [i for i in range(2) if leader.standing.is_dropped(i)]
    assert len(dropped) == 1
    assert cells[dropped[0]] == f"({leader.standing.per_race[dropped[0]] or 0})"
    assert not cells[1 - dropped[0]].startswith("(")
    assert model.index(0, model.column_of("points") or 0).data() == str(leader.points)
    assert "Pro: 13 lowest results dropped" in page.scale_label.text()
    tooltip = model.index(0, first_round + dropped[0]).data(Qt.ItemDataRole.ToolTipRole)
    assert "Dropped under the class's drop rule" in tooltip
    (tmp_path / "shots").mkdir(exist_ok=True)
    page.grab().save(str(tmp_path / "shots" / "championship.png"))


def test_a_long_drop_rule_line_is_shown_whole_beside_the_class_switch(
    qtbot: QtBot, page: ChampionshipPage, db: Database
) -> None:
    set_points_scale(db, positions=list(points_scale(db).positions), pole_bonus=5,
                     fastest_lap_bonus=1, drops=[DropRule("Pro-Am", 13, 2)])
    page.refresh()
    page.set_class("Pro-Am")
    qtbot.wait(50)  # the layout requests the new text posted
    label = page.scale_label
    assert "Pro-Am: 13 lowest results dropped; the last 2 races cannot be" in label.text()
    assert label.text().endswith("(12) = dropped")
    # Every line of it fits the label, and no class button is squeezed to make room.
    assert label.heightForWidth(label.width()) <= label.height()
    for button in page.class_buttons.values():
        assert button.width() >= button.sizeHint().width(), button.text()
